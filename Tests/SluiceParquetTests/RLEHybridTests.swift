import Testing

@testable import SluiceParquet

/// The RLE/bit-packing hybrid against bytes computed by hand from Parquet's Encodings.md.
@Suite("RLE/bit-packing hybrid")
struct RLEHybridTests {
    func encode(_ values: [UInt32], width: Int) -> [UInt8] {
        var out: [UInt8] = []
        RLEHybrid.encode(values, bitWidth: width, to: &out)
        return out
    }

    @Test("bit widths")
    func bitWidths() {
        #expect(RLEHybrid.bitWidth(0) == 0)
        #expect(RLEHybrid.bitWidth(1) == 1)
        #expect(RLEHybrid.bitWidth(7) == 3)
        #expect(RLEHybrid.bitWidth(8) == 4)
        #expect(RLEHybrid.bitWidth(UInt32.max) == 32)
    }

    @Test("8 or more equal values are one repeated run: count << 1, then the value in ceil(width / 8) bytes")
    func repeatedRuns() {
        #expect(encode(Array(repeating: 1, count: 10), width: 1) == [0x14, 0x01])
        #expect(encode(Array(repeating: 300, count: 100), width: 9) == [0xC8, 0x01, 0x2C, 0x01])
    }

    @Test("the spec's example: 0 to 7 at width 3 bit-pack to 88 C6 FA")
    func specExample() {
        #expect(encode([0, 1, 2, 3, 4, 5, 6, 7], width: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test("a short tail is padded to a group of 8 with zeros")
    func paddedGroup() {
        #expect(encode([1, 0, 1], width: 1) == [0x03, 0x05])
    }

    @Test("bit-packed groups end where a long repeat begins")
    func mixedRuns() {
        // 8 alternating values (one group), then 9 ones (a repeated run).
        let values: [UInt32] = [0, 1, 0, 1, 0, 1, 0, 1] + Array(repeating: 1, count: 9)
        #expect(encode(values, width: 1) == [0x03, 0xAA, 0x12, 0x01])
    }

    @Test("more than 63 groups start a second bit-packed run, so every header is one byte")
    func longBitPacked() {
        let values = (0..<(64 * 8)).map { UInt32($0 % 2) }
        let bytes = encode(values, width: 1)
        #expect(bytes.count == 1 + 63 + 1 + 1)
        #expect(bytes[0] == 63 << 1 | 1)
        #expect(bytes[64] == 1 << 1 | 1)
    }
}
