import Foundation
import Testing

@testable import SluiceProcessing

/// A stray gzip header between members: reading starts again one byte after it, so the members after it are
/// read whole. Before, resync began where the false member failed (past the next member's magic), or at the
/// end for a header whose FEXTRA length ran past it: 500 to 1,500 of 2,000 lines unread.
@Suite("Gzip resync after a false member header")
struct GzipResyncTests {
    /// Four members of `perMember` lines each, numbered from 1.
    static func members(perMember: Int = 500) -> [[UInt8]] {
        (0..<4).map { member in
            gzip((1...perMember).map { "2024-01-02 \(member * perMember + $0)\n" }.joined())
        }
    }

    @Test("a magic and garbage before a member: only its 11 bytes are unreadable, all 2,000 lines read")
    func magicAndGarbage() throws {
        let members = Self.members()
        let fake: [UInt8] = [0x1f, 0x8b, 0x08, 0x00] + Array("garbage".utf8)
        let object = members[0] + fake + members[1] + members[2] + members[3]
        for chunk in [1, 7, 4096, object.count] {
            let (objects, summary) = process(object, chunk: chunk)
            #expect(summary.lines == 2000 && summary.rows == 2000 && summary.quarantined == 0, "\(summary.json())")
            #expect(summary.balanced && summary.bytesIn == object.count)
            #expect(summary.unreadableBytes == fake.count && summary.memberBytes == object.count - fake.count)
            #expect(summary.damage.count == 1 && summary.damageCount == 1)
            #expect(summary.damage.first?.offset == members[0].count && summary.damage.first?.length == fake.count)
            #expect(summary.damage.first?.kind == .corruptDeflate && summary.damage.first?.inflated == false)
            let quarantine = try #require(objects.first { $0.key.hasPrefix("quarantine/") })
            #expect(try gunzip(quarantine.bytes).contains(Data(fake).base64EncodedString()))
        }
    }

    @Test("a header whose FEXTRA length runs past the end: its 12 bytes unreadable, the members after it read")
    func extraPastTheEnd() {
        let members = Self.members()
        let fake: [UInt8] = [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0x03, 0xff, 0xff]
        let object = members[0] + fake + members[1] + members[2] + members[3]
        for chunk in [1, 4096, object.count] {
            let (_, summary) = process(object, chunk: chunk)
            #expect(summary.lines == 2000 && summary.rows == 2000 && summary.balanced, "\(summary.json())")
            #expect(summary.unreadableBytes == fake.count && summary.damageCount == 1)
            #expect(summary.damage.first?.offset == members[0].count && summary.damage.first?.kind == .truncated)
        }
    }

    @Test("a false member with a wrong FHCRC covering the next member: the next member is read")
    func badHeaderCRC() {
        let members = Self.members(perMember: 10)
        // FHCRC and FNAME: the name runs into the next member, whose bytes hold a zero soon after its start.
        let fake: [UInt8] = [0x1f, 0x8b, 0x08, 0x0a, 0, 0, 0, 0, 0, 0x03]
        let object = members[0] + fake + members[1]
        let (_, summary) = process(object)
        #expect(summary.lines == 20 && summary.rows == 20 && summary.balanced, "\(summary.json())")
        #expect(summary.unreadableBytes == fake.count && summary.damageCount == 1)
    }

    @Test("a member cut short and followed by a whole one: the cut one is unreadable, the whole one read")
    func truncatedThenWhole() {
        let members = Self.members(perMember: 20)
        let cut = Array(members[1].prefix(members[1].count / 2))
        let object = members[0] + cut + members[2]
        let (_, summary) = process(object)
        #expect(summary.rows == 40 && summary.lines == 40 && summary.balanced, "\(summary.json())")
        #expect(summary.unreadableBytes == cut.count && summary.memberBytes == object.count - cut.count)
        #expect(summary.damage.map(\.offset) == [members[0].count] && summary.damage.first?.inflated == false)
    }

    @Test("a false member whose stored block holds a whole member: that member's lines are read once")
    func noLineTwice() {
        let member = Self.members(perMember: 20)[0]
        let length = UInt16(member.count)
        let fake: [UInt8] =
            [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x00]
            + [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)]
        // The stored block inflates to the member's bytes, then an invalid block type fails the false member.
        let object = fake + member + [0xff]
        for chunk in [1, 5, object.count] {
            let (_, summary) = process(object, chunk: chunk)
            #expect(summary.lines == 20 && summary.rows == 20 && summary.quarantined == 0, "\(summary.json())")
            #expect(summary.balanced && summary.unreadableBytes == fake.count + 1)
            #expect(summary.damage.map(\.kind) == [.corruptDeflate, .junkAfterLastMember])
            #expect(summary.damage.map(\.offset) == [0, fake.count + member.count])
        }
    }

    @Test("false headers nested in stored blocks: read in linear time, every byte counted, the last member read")
    func nestedFalseHeaders() {
        // Each false header opens a stored block that reaches the same end, where an invalid block type fails
        // it: without a budget each one would be inflated again up to that end.
        var object: [UInt8] = []
        for _ in 0..<8 {
            let count = 4000
            let end = count * 15
            for index in 0..<count {
                let length = UInt16(end - (index * 15 + 15))
                object += [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x00]
                object += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)]
            }
            object.append(0xff)
        }
        let last = gzip("2024-01-02 1\n")
        object += last
        let start = ContinuousClock.now
        let (_, summary) = process(object, chunk: 4096)
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(summary.balanced && summary.bytesIn == object.count, "\(summary.json())")
        #expect(summary.rows == 1)
        let lastMember = summary.damage.allSatisfy { $0.offset + $0.length <= object.count - last.count }
        #expect(lastMember)
    }
}
