/// Parquet's RLE/bit-packing hybrid (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid"), which stores
/// definition levels and dictionary indices: a sequence of runs, each headed by a ULEB128 varint. A repeated run is
/// `count << 1` then the value in ceil(width / 8) little-endian bytes; a bit-packed run is `groups << 1 | 1` then
/// groups of 8 values packed least significant bit first.
package enum RLEHybrid {
    /// The bits needed for values up to `maximum`: 0 for 0.
    package static func bitWidth(_ maximum: UInt32) -> Int {
        maximum == 0 ? 0 : 32 - maximum.leadingZeroBitCount
    }

    /// Appends `values` (each below 2^width) encoded, without a length prefix. A value repeated 8 times or more is
    /// a repeated run; others are bit-packed, 8 at a time (the last group padded with zeros, which readers ignore
    /// as they know the value count).
    package static func encode<Values: RandomAccessCollection>(
        _ values: Values, bitWidth width: Int, to out: inout [UInt8]
    ) where Values.Element: FixedWidthInteger, Values.Index == Int {
        let start = values.startIndex
        let end = values.endIndex
        var index = start
        while index < end {
            let run = repeatCount(values, from: index)
            if run >= 8 {
                appendVarint(UInt64(run) << 1, to: &out)
                let value = UInt32(truncatingIfNeeded: values[index])
                for byte in 0..<((width + 7) / 8) { out.append(UInt8(truncatingIfNeeded: value >> (8 * byte))) }
                index += run
                continue
            }
            // Bit-packed groups until a long repeat begins at a group boundary (or 63 groups, so that the header
            // stays one byte).
            let packedStart = index
            var groups = 0
            repeat {
                index += 8
                groups += 1
            } while index < end && groups < 63 && repeatCount(values, from: index) < 8
            appendVarint(UInt64(groups) << 1 | 1, to: &out)
            bitPack(values, from: packedStart, count: groups * 8, width: width, to: &out)
            index = Swift.min(index, end)
        }
    }

    /// How many values from `index` on equal the one at `index` (counting stops at 2^20, a long enough run).
    static func repeatCount<Values: RandomAccessCollection>(_ values: Values, from index: Int) -> Int
    where Values.Element: FixedWidthInteger, Values.Index == Int {
        let first = values[index]
        var next = index + 1
        let limit = Swift.min(values.endIndex, index + (1 << 20))
        while next < limit && values[next] == first { next += 1 }
        return next - index
    }

    /// Packs `count` values from `start` (zeros past the end) at `width` bits each, least significant bit first.
    static func bitPack<Values: RandomAccessCollection>(
        _ values: Values, from start: Int, count: Int, width: Int, to out: inout [UInt8]
    ) where Values.Element: FixedWidthInteger, Values.Index == Int {
        guard width > 0 else { return }
        var buffer: UInt64 = 0
        var bits = 0
        for position in start..<(start + count) {
            let value = position < values.endIndex ? UInt64(UInt32(truncatingIfNeeded: values[position])) : 0
            buffer |= value << UInt64(bits)
            bits += width
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: buffer)) }
    }

    package static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }
}
