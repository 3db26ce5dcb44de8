/// A log line that is one JSON object, parsed: the line's bytes and the values' spans over them (`JSONNode`,
/// in document order, the root object first). Values are decoded only when a column reads them.
package struct JSONRecord: Sendable {
    /// The line, as logged (without its line ending).
    let line: ArraySlice<UInt8>
    /// Every value of the line, in document order; `nodes[0]` is the root object.
    let nodes: [JSONNode]

    /// Whether the line ends inside the object: the logger or a shipper cut it (to fit CloudWatch Logs' event size
    /// limit, or a relay's own).
    package var isTruncated: Bool { nodes[0].isIncomplete }

    /// The bytes of `node`'s value, as logged.
    func bytes(_ node: JSONNode) -> ArraySlice<UInt8> {
        let base = line.startIndex
        return line[(base + Int(node.start))..<(base + Int(node.end))]
    }

    /// The bytes of `node`'s key, between its quotes, as logged.
    func keyBytes(_ node: JSONNode) -> ArraySlice<UInt8> {
        let base = line.startIndex
        return line[(base + Int(node.keyStart))..<(base + Int(node.keyEnd))]
    }

    /// The text of a string node, unescaped (a cut string: what was logged).
    func string(_ node: JSONNode) -> String {
        JSONString.text(of: contents(node), escaped: node.flags & JSONNode.Flags.escaped != 0)
    }

    /// The key of a member node, unescaped.
    func key(_ node: JSONNode) -> String {
        JSONString.text(of: keyBytes(node), escaped: node.flags & JSONNode.Flags.keyEscaped != 0)
    }

    /// A string node's bytes between its quotes (to the end of the line when it was cut).
    func contents(_ node: JSONNode) -> ArraySlice<UInt8> {
        let base = line.startIndex
        let end = node.isIncomplete ? Int(node.end) : Int(node.end) - 1
        return line[(base + Int(node.start) + 1)..<(base + max(end, Int(node.start) + 1))]
    }
}
