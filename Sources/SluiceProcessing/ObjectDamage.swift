/// A damaged range of an input object: a gzip member whose check failed (its lines were still read, and are
/// flagged by number), or bytes that could not be inflated at all.
package struct ObjectDamage: Sendable, Equatable {
    /// What is wrong, as the run summary and the quarantine name it.
    package enum Kind: String, Sendable, Equatable, Codable {
        case badCRC = "bad_crc"
        case badISIZE = "bad_isize"
        case truncated
        case corruptDeflate = "corrupt_deflate"
        case notGzip = "not_gzip"
        case junkBeforeFirstMember = "junk_before_first_member"
        case junkBetweenMembers = "junk_between_members"
        case junkAfterLastMember = "junk_after_last_member"
    }

    package var offset: Int
    package var length: Int
    package var kind: Kind
    /// A sentence for the quarantine record.
    package var detail: String
    /// Whether the range's bytes were inflated into lines (a member whose check failed) rather than skipped.
    package var inflated: Bool
    /// The numbers of the lines read from the range (as in the quarantine and the summary's count), when any.
    package var lines: ClosedRange<Int>?
    /// The first bytes of a range that was not inflated (up to `GzipMemberReader.headBytes`).
    package var head: [UInt8]

    package init(
        offset: Int, length: Int, kind: Kind, detail: String, inflated: Bool, lines: ClosedRange<Int>? = nil,
        head: [UInt8] = []
    ) {
        self.offset = offset
        self.length = length
        self.kind = kind
        self.detail = detail
        self.inflated = inflated
        self.lines = lines
        self.head = head
    }

    /// A member whose check failed or that was cut short.
    init(member: GzipMemberReader.Member, problem: GzipMemberReader.Problem, lines: ClosedRange<Int>?) {
        let (kind, detail): (Kind, String) =
            switch problem {
            case .badCRC(let stored, let computed):
                (.badCRC, "gzip member's trailer CRC-32 \(hex(stored)) is not its data's \(hex(computed))")
            case .badISIZE(let stored, let computed):
                (.badISIZE, "gzip member's trailer ISIZE \(stored) is not its inflated length \(computed) (mod 2^32)")
            case .truncated: (.truncated, "the object ends inside this gzip member")
            case .corrupt(let message): (.corruptDeflate, "gzip member's deflate data is corrupt: \(message)")
            }
        self.init(
            offset: member.offset, length: member.length, kind: kind, detail: detail, inflated: true, lines: lines)
    }

    /// Bytes that were not inflated.
    init(unreadable range: GzipMemberReader.Unreadable) {
        let (kind, detail): (Kind, String) =
            switch range.reason {
            case .notGzip: (.notGzip, "not gzip: no gzip member header (1f 8b 08) in the object")
            case .beforeFirstMember: (.junkBeforeFirstMember, "bytes before the first gzip member header")
            case .betweenMembers: (.junkBetweenMembers, "bytes between gzip members, skipped to the next header")
            case .afterLastMember: (.junkAfterLastMember, "bytes after the last gzip member")
            case .restOfCorruptMember:
                (.corruptDeflate, "the rest of a gzip member whose deflate data is corrupt, up to the next header")
            case .truncatedHeader: (.truncated, "the object ends inside a gzip member's header")
            case .failedMember(let problem):
                (
                    Self.kind(of: problem),
                    "a gzip member header whose member failed (\(problem)), up to the next member header inside it, "
                        + "where reading resumed; nothing of it was delivered"
                )
            }
        self.init(
            offset: range.offset, length: range.length, kind: kind, detail: detail, inflated: false,
            head: range.head)
    }
}

extension ObjectDamage {
    /// The kind a member's problem is named by, whether its lines were delivered or not.
    static func kind(of problem: GzipMemberReader.Problem) -> Kind {
        switch problem {
        case .badCRC: .badCRC
        case .badISIZE: .badISIZE
        case .truncated: .truncated
        case .corrupt: .corruptDeflate
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
