import Foundation
import Testing

@testable import SluiceProcessing

/// Corrupt gzip objects, each with the exact accounting the processor must give: which lines became rows,
/// which bytes were not read and why. Before, a bad trailer dropped the last inflated lines and junk between
/// members dropped every later member, with nothing in the summary.
@Suite("Corrupt objects: every byte accounted for")
struct CorruptObjectTests {
    let first = gzip("2024-01-02 1\n2024-01-02 2\n")
    let second = gzip("2024-01-02 3\n")

    /// The quarantine's records, parsed.
    func quarantineRecords(_ objects: [(key: String, bytes: [UInt8])]) throws -> [[String: Any]] {
        guard let quarantine = objects.first(where: { $0.key.hasPrefix("quarantine/") }) else { return [] }
        return try gunzip(quarantine.bytes).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func expectWhole(_ summary: RunSummary, _ object: [UInt8], rows: Int) {
        #expect(summary.balanced, "\(summary.json())")
        #expect(summary.bytesIn == object.count)
        #expect(summary.rows == rows && summary.quarantined == 0, "\(summary.json())")
    }

    @Test("a wrong trailer CRC: the member's lines are still rows, flagged by number in a damage record")
    func badCRC() throws {
        var broken = first
        broken[broken.count - 8] ^= 0xff
        let object = broken + second
        let (objects, summary) = process(object)
        expectWhole(summary, object, rows: 3)
        #expect(summary.damaged && summary.unreadableBytes == 0 && summary.memberBytes == object.count)
        #expect(summary.damage.map(\.kind) == [.badCRC])
        #expect(summary.damage[0].offset == 0 && summary.damage[0].length == first.count)
        #expect(summary.damage[0].lines == 1...2)
        let records = try quarantineRecords(objects)
        #expect(records.count == 1)
        #expect(records[0]["damage"] as? String == "bad_crc" && records[0]["first_line"] as? Int == 1)
        #expect(records[0]["last_line"] as? Int == 2 && records[0]["length"] as? Int == first.count)
        #expect(summary.json().contains("\"damaged\":true"))
        #expect(summary.json().contains("\"damage\":[{\"offset\":0,\"length\":\(first.count),\"reason\":\"bad_crc\""))
    }

    @Test("a wrong trailer ISIZE: the same, as bad_isize")
    func badISIZE() {
        var broken = second
        broken[broken.count - 1] ^= 0x01
        let object = first + broken
        let (_, summary) = process(object)
        expectWhole(summary, object, rows: 3)
        #expect(summary.damage.map(\.kind) == [.badISIZE])
        #expect(summary.damage[0].offset == first.count && summary.damage[0].lines == 3...3)
    }

    @Test("junk between members, with false header starts in it: skipped to the next member, bytes quarantined")
    func junkBetweenMembers() throws {
        // 1f alone, 1f 8b with a wrong method, and a header whose reserved flag bits are set.
        let junk: [UInt8] = [0x4a, 0x1f, 0x1f, 0x8b, 0x07, 0x1f, 0x8b, 0x08, 0xe0, 0x00, 0x21]
        let object = first + junk + second
        let (objects, summary) = process(object)
        expectWhole(summary, object, rows: 3)
        #expect(summary.unreadableBytes == junk.count && summary.memberBytes == first.count + second.count)
        #expect(summary.damage.map(\.kind) == [.junkBetweenMembers])
        #expect(summary.damage[0].offset == first.count && summary.damage[0].length == junk.count)
        let records = try quarantineRecords(objects)
        #expect(records.count == 1 && records[0]["bytes_base64"] as? String == Data(junk).base64EncodedString())
    }

    @Test("junk at the start and at the end: two ranges, the member between them read")
    func junkAtStartAndEnd() {
        let object = Array("header junk".utf8) + first + [0, 0, 0, 0]
        let (_, summary) = process(object)
        expectWhole(summary, object, rows: 2)
        #expect(summary.damage.map(\.kind) == [.junkBeforeFirstMember, .junkAfterLastMember])
        #expect(summary.damage.map(\.offset) == [0, 11 + first.count])
        #expect(summary.unreadableBytes == 15)
    }

    @Test("truncated mid-member: what was inflated is delivered, the member is flagged as truncated")
    func truncatedMidMember() {
        let long = gzip((1...3000).map { "2024-01-02 \($0)\n" }.joined())
        let cut = Array(long.prefix(long.count / 2))
        let object = first + cut
        let (_, summary) = process(object)
        #expect(summary.balanced && summary.bytesIn == object.count && summary.memberBytes == object.count)
        #expect(summary.damage.map(\.kind) == [.truncated])
        #expect(summary.damage[0].offset == first.count && summary.damage[0].length == cut.count)
        let lines = summary.damage.first?.lines
        #expect(lines?.lowerBound == 3 && lines?.upperBound == summary.lines)
        #expect(summary.rows > 3 && summary.lines < 3002)
    }

    @Test("cut inside the trailer, or inside the next header: truncated, every byte counted")
    func truncatedTrailerAndHeader() {
        let inTrailer = first + Array(second.dropLast(3))
        let (_, trailerSummary) = process(inTrailer)
        expectWhole(trailerSummary, inTrailer, rows: 3)
        #expect(trailerSummary.damage.map(\.kind) == [.truncated] && trailerSummary.damage[0].inflated)

        let inHeader = first + Array(second.prefix(6))
        let (_, headerSummary) = process(inHeader)
        expectWhole(headerSummary, inHeader, rows: 2)
        #expect(headerSummary.damage.map(\.kind) == [.truncated] && headerSummary.unreadableBytes == 6)
    }

    @Test("corrupt deflate data: the rest of the member up to the next header is unreadable, the next is read")
    func corruptDeflate() {
        var broken = gzip("2024-01-02 9\n")
        broken[10] |= 0x06  // block type 11: reserved, "invalid block type"
        let object = first + broken + second
        let (_, summary) = process(object)
        expectWhole(summary, object, rows: 3)
        #expect(summary.damage.map(\.kind) == [.corruptDeflate, .corruptDeflate])
        #expect(summary.damage[0].offset == first.count && summary.damage[0].inflated)
        #expect(summary.damage[1].offset == first.count + summary.damage[0].length && !summary.damage[1].inflated)
        #expect(summary.damage[1].offset + summary.damage[1].length == first.count + broken.count)
    }

    @Test("not gzip at all: one range of the whole object, its bytes in the quarantine")
    func notGzip() throws {
        let object = Array("2024-01-02 1\n".utf8)
        let (objects, summary) = process(object)
        #expect(summary.balanced && summary.lines == 0 && summary.unreadableBytes == object.count)
        #expect(summary.damage.map(\.kind) == [.notGzip])
        let records = try quarantineRecords(objects)
        #expect(records.first?["bytes_base64"] as? String == Data(object).base64EncodedString())
    }

    @Test("a long unreadable range keeps its first 64 KiB in the quarantine and its place in the input")
    func longJunk() throws {
        let junk = [UInt8](repeating: 0x41, count: 200_000)
        let object = first + junk
        let (objects, summary) = process(object)
        #expect(summary.balanced && summary.unreadableBytes == junk.count)
        let record = try #require(try quarantineRecords(objects).first)
        #expect(record["bytes_base64"] == nil && record["length"] as? Int == junk.count)
        #expect((record["head_base64"] as? String).flatMap { Data(base64Encoded: $0) }?.count == 64 * 1024)
    }

    @Test("headers with a name, an extra field, a comment and a header CRC read as gzip")
    func headerFields() {
        let plain = gzip("2024-01-02 5\n")
        let body = Array(plain[10...])
        var header: [UInt8] = [0x1f, 0x8b, 0x08, 0x1e, 0, 0, 0, 0, 0, 3]
        header += [3, 0, 0x41, 0x42, 0x43] + Array("a.log\0".utf8) + Array("note\0".utf8)
        let crc = crc32(header)
        header += [UInt8(crc & 0xff), UInt8(crc >> 8 & 0xff)]
        let object = first + header + body
        let (_, summary) = process(object)
        expectWhole(summary, object, rows: 3)
        #expect(!summary.damaged)

        var wrongCRC = header
        wrongCRC[wrongCRC.count - 1] ^= 0xff
        let (_, damaged) = process(first + wrongCRC + body)
        #expect(damaged.balanced && damaged.rows == 2 && damaged.damage.map(\.kind) == [.junkAfterLastMember])
    }

    @Test("the accounting holds whatever the chunking", arguments: [1, 2, 3, 9, 64, 4096])
    func chunking(_ chunk: Int) {
        var broken = first
        broken[broken.count - 8] ^= 0xff
        let object = Array("xx".utf8) + broken + [0x1f, 0x8b, 0x08, 0xe0] + second + Array(second.prefix(12))
        let summary = process(object, chunk: chunk).summary
        #expect(summary.balanced && summary.rows == 3)
        #expect(
            summary.damage.map(\.kind) == [.junkBeforeFirstMember, .badCRC, .junkBetweenMembers, .truncated])
        #expect(summary.damage.map(\.offset) == [0, 2, 2 + broken.count, 6 + broken.count + second.count])
    }

    @Test("CloudWatch documents: a damaged member's documents are still read, the range reported")
    func documents() {
        var broken = gzip(document(["a", "b"]))
        broken[broken.count - 8] ^= 0x01
        let result = read(broken + [0x00] + gzip(document(["c"])), format: .cloudWatchDocuments)
        #expect(result.lines == ["a", "b", "c"])
        #expect(result.damage == ["bad_crc", "junk_between_members"])
    }
}

/// CRC-32 (IEEE), for building headers with FHCRC.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xffff_ffff
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
    }
    return ~crc
}
