import SluiceJSON

/// What one object's run produced: counts of lines and of the object's bytes, and the damaged ranges.
package struct RunSummary: Sendable, Equatable {
    /// Lines read, counting an unreadable item (a broken document, an overlong line) as one.
    package var lines = 0
    package var rows = 0
    /// Lines quarantined (damage records in the quarantine are counted in `damage`, not here).
    package var quarantined = 0
    package var bytesIn = 0
    package var bytesOut = 0
    /// The object's bytes in gzip members (whole or damaged), whose data was inflated into lines.
    package var memberBytes = 0
    /// The object's bytes that were not inflated (not gzip, junk around members, a cut-off header).
    package var unreadableBytes = 0
    /// Every damaged range, also written to the quarantine; the summary lists the first `listedDamage`.
    package var damage: [ObjectDamage] = []
    package var damageCount = 0
    /// Values the writer wrote as null because their column's type cannot hold them. The processor quarantines
    /// such lines before they reach the writer, so this is 0 unless the processor has a bug; a run that reports
    /// more fails (`sluice process` exits 4, the Lambda invocation reports an error).
    package var rejectedValues = 0
    /// The first of them: its column and why.
    package var firstRejection: String?

    /// How many damaged ranges the summary lists; the quarantine holds them all.
    package static let listedDamage = 100

    package init() {}

    /// Whether any of the object was damaged: some bytes not inflated, or a member whose check failed.
    package var damaged: Bool { damageCount > 0 }

    /// Nothing lost: every line is a row or a quarantined line, and every byte of the object is in a member
    /// that was read or in an unreadable range.
    package var balanced: Bool { lines == rows + quarantined && bytesIn == memberBytes + unreadableBytes }

    /// What is wrong with the accounting of an object of `objectSize` bytes, or nil: the balances hold, and the
    /// listed ranges are in order, apart, inside the object, and (when all are listed) add up.
    package func accountingProblem(objectSize: Int) -> String? {
        guard balanced, bytesIn == objectSize else { return "unbalanced: \(json())" }
        var end = 0
        var unread = 0
        for range in damage {
            guard range.offset >= end, range.length >= 0, range.offset + range.length <= objectSize else {
                return "damaged ranges out of order or outside the object: \(json())"
            }
            end = range.offset + range.length
            if !range.inflated { unread += range.length }
        }
        if damageCount == damage.count, unread != unreadableBytes {
            return "unreadable ranges do not add up: \(json())"
        }
        return nil
    }

    mutating func record(_ damage: ObjectDamage) {
        damageCount += 1
        guard self.damage.count < Self.listedDamage else { return }
        // Without its bytes (those are in the quarantine), so the list stays small.
        var listed = damage
        listed.head = []
        self.damage.append(listed)
    }

    /// One line of JSON, as `sluice process` and the processors log it.
    package func json() -> String {
        var out = Array(
            ("{\"lines\":\(lines),\"rows\":\(rows),\"quarantined\":\(quarantined),"
                + "\"bytes_in\":\(bytesIn),\"bytes_out\":\(bytesOut),\"damaged\":\(damaged),"
                + "\"member_bytes\":\(memberBytes),\"unreadable_bytes\":\(unreadableBytes),"
                + "\"damage_count\":\(damageCount),\"rejected_values\":\(rejectedValues),").utf8)
        if let firstRejection {
            out.append(contentsOf: "\"first_rejection\":".utf8)
            JSONEscaper.append(firstRejection, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: "\"damage\":[".utf8)
        for (index, range) in damage.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var fields: [(column: String, value: Row.Value)] = [
                ("offset", .int(Int64(range.offset))), ("length", .int(Int64(range.length))),
                ("reason", .string(range.kind.rawValue)),
            ]
            if let lines = range.lines {
                fields += [("first_line", .int(Int64(lines.lowerBound))), ("last_line", .int(Int64(lines.upperBound)))]
            }
            NamedValues(fields).appendJSONLine(to: &out)
            out.removeLast()  // the newline
        }
        return String(decoding: out, as: UTF8.self) + "]}"
    }
}
