/// A declared column's path, compiled once for resolving against every line's `JSONRecord`.
struct JSONPath: Sendable {
    enum Step: Sendable {
        /// A member's key, as UTF-8.
        case key([UInt8])
        case index(Int)
    }

    /// Where a path leads in one record.
    enum Resolution: Equatable {
        /// The node of the value.
        case found(Int)
        /// Nothing there: the column is null.
        case missing
        /// Nothing there, but the line was cut in the object or array that would hold it: it may have followed
        /// the cut.
        case cutAway
        /// An object on the way holds the key more than once (the key): which value is meant is ambiguous.
        case duplicate(String)
    }

    let steps: [Step]
    /// The path as the manifest wrote it.
    let text: String

    init(_ path: FieldPath) {
        text = path.text
        steps = path.steps.map { step in
            switch step {
            case .key(let key): .key(Array(key.utf8))
            case .index(let index): .index(index)
            }
        }
    }

    /// Follows the path from the root object. A step into a value of the wrong kind (a key into an array, a
    /// string, a number) finds nothing, like a missing key.
    func resolve(in record: JSONRecord) -> Resolution {
        record.line.withUnsafeBufferPointer { line in
            record.nodes.withUnsafeBufferPointer { nodes in
                resolve(line: line, nodes: nodes, record: record)
            }
        }
    }

    private func resolve(line: UnsafeBufferPointer<UInt8>, nodes: UnsafeBufferPointer<JSONNode>, record: JSONRecord)
        -> Resolution
    {
        var current = 0
        for step in steps {
            let container = nodes[current]
            var child = current + 1
            let end = Int(container.next)
            var found = -1
            switch step {
            case .key(let key):
                guard container.kind == .object else { return .missing }
                // Every member is looked at, not only up to the first match: a second one makes it ambiguous.
                while child < end {
                    let member = nodes[child]
                    if member.flags & JSONNode.Flags.keyEscaped != 0
                        ? JSONString.unescape(record.keyBytes(member)) == key
                        : Self.equal(line, member.keyStart, member.keyEnd, key)
                    {
                        guard found < 0 else { return .duplicate(String(decoding: key, as: UTF8.self)) }
                        found = child
                    }
                    child = Int(member.next)
                }
            case .index(let index):
                guard container.kind == .array else { return .missing }
                var position = 0
                while child < end {
                    if position == index {
                        found = child
                        break
                    }
                    position += 1
                    child = Int(nodes[child].next)
                }
            }
            guard found >= 0 else { return container.isIncomplete ? .cutAway : .missing }
            current = found
        }
        return .found(current)
    }

    /// Whether the line's bytes `start..<end` are `key`'s.
    @inline(__always)
    private static func equal(_ line: UnsafeBufferPointer<UInt8>, _ start: Int32, _ end: Int32, _ key: [UInt8]) -> Bool
    {
        let count = Int(end - start)
        guard count == key.count else { return false }
        var offset = 0
        while offset < count {
            guard line[Int(start) + offset] == key[offset] else { return false }
            offset += 1
        }
        return true
    }
}
