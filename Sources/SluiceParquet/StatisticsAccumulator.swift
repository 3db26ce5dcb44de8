#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A column chunk's min and max, by the sort order of its type (parquet.thrift's ColumnOrder, TYPE_ORDER): signed
/// for INT32 and INT64 (ints, dates, timestamps), false before true for BOOLEAN, by value for DOUBLE with NaN left
/// out (counted instead), unsigned byte-wise for strings.
package struct StatisticsAccumulator {
    private var minInt = Int64.max
    private var maxInt = Int64.min
    private var minDouble = Double.infinity
    private var maxDouble = -Double.infinity
    private var nanCount: Int64 = 0
    private var minBytes: [UInt8] = []
    private var maxBytes: [UInt8] = []
    private var sawFalse = false
    private var sawTrue = false
    private var hasValue = false

    /// Longer string bounds are shortened, as the spec allows ("more compact values"), and marked inexact: the min
    /// to its first 1 KiB (cut between characters), a lower bound still; the max cut the same way with its last
    /// character incremented, an upper bound still. Both stay valid UTF-8.
    package static let maximumStringBoundBytes = 1024

    package init() {}

    package mutating func add(_ value: Int64) {
        if value < minInt { minInt = value }
        if value > maxInt { maxInt = value }
        hasValue = true
    }

    package mutating func add(_ value: Double) {
        if value.isNaN {
            nanCount += 1
            return
        }
        if value < minDouble { minDouble = value }
        if value > maxDouble { maxDouble = value }
        hasValue = true
    }

    package mutating func add(_ value: Bool) {
        if value { sawTrue = true } else { sawFalse = true }
        hasValue = true
    }

    package mutating func add(bytes value: UnsafeRawBufferPointer) {
        if !hasValue {
            minBytes.append(contentsOf: value)
            maxBytes.append(contentsOf: value)
            hasValue = true
            return
        }
        if Self.compare(value, minBytes) < 0 {
            minBytes.removeAll(keepingCapacity: true)
            minBytes.append(contentsOf: value)
        } else if Self.compare(value, maxBytes) > 0 {
            maxBytes.removeAll(keepingCapacity: true)
            maxBytes.append(contentsOf: value)
        }
    }

    /// Unsigned byte-wise order, a prefix first.
    package static func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Int {
        rhs.withUnsafeBytes { rhs in
            let common = Swift.min(lhs.count, rhs.count)
            if common > 0 {
                let order = memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
                if order != 0 { return Int(order) }
            }
            return lhs.count - rhs.count
        }
    }

    /// The Statistics to write: null_count always, min and max when there is a (non-NaN) value, nan_count for DOUBLE.
    package func statistics(type: PhysicalType, nullCount: Int) -> ColumnStatistics {
        var result = ColumnStatistics(min: nil, max: nil, nullCount: Int64(nullCount), nanCount: nil)
        switch type {
        case .int32:
            if hasValue {
                result.min = Self.littleEndian(Int32(truncatingIfNeeded: minInt))
                result.max = Self.littleEndian(Int32(truncatingIfNeeded: maxInt))
            }
        case .int64:
            if hasValue {
                result.min = Self.littleEndian(minInt)
                result.max = Self.littleEndian(maxInt)
            }
        case .double:
            result.nanCount = nanCount
            if hasValue {
                // The spec's rule for zero bounds: -0.0 as a min, +0.0 as a max, whichever sign was seen.
                let low = minDouble == 0 ? -0.0 : minDouble
                let high = maxDouble == 0 ? 0.0 : maxDouble
                result.min = Self.littleEndian(low.bitPattern)
                result.max = Self.littleEndian(high.bitPattern)
            }
        case .boolean:
            if hasValue {
                result.min = [sawFalse ? 0 : 1]
                result.max = [sawTrue ? 1 : 0]
            }
        case .byteArray:
            // A max of only U+10FFFF characters has no shorter upper bound: then neither bound is written.
            if hasValue, let high = Self.upperBound(maxBytes) {
                result.min = Self.lowerBound(minBytes)
                result.max = high
                result.isMinExact = result.min == minBytes
                result.isMaxExact = result.max == maxBytes
            }
        }
        return result
    }

    /// `value`, or its first `maximumStringBoundBytes` bytes cut between characters.
    package static func lowerBound(_ value: [UInt8]) -> [UInt8] {
        Array(value.prefix(characterBoundary(value)))
    }

    /// `value`, or a short string above it: its first `maximumStringBoundBytes` bytes cut between characters,
    /// the last character that can be incremented incremented and what follows it dropped; nil if none can.
    package static func upperBound(_ value: [UInt8]) -> [UInt8]? {
        guard value.count > maximumStringBoundBytes else { return value }
        let prefix = Array(value.prefix(characterBoundary(value)))
        let text = String(decoding: prefix, as: UTF8.self)
        guard Array(text.utf8) == prefix else {
            // Not UTF-8 (only a caller handing raw bytes can do that): the bytes' own order, the last byte below
            // 0xFF incremented.
            var bytes = Array(value.prefix(maximumStringBoundBytes))
            while let last = bytes.popLast() {
                if last < 0xFF { return bytes + [last + 1] }
            }
            return nil
        }
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.popLast() {
            // UTF-8's byte order is the code points' order, and no character's bytes begin another's.
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }  // surrogates are no characters
            guard let incremented = Unicode.Scalar(next) else { continue }
            scalars.append(incremented)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return Array(String(view).utf8)
        }
        return nil
    }

    /// Where to cut `value` at most `maximumStringBoundBytes` in: not inside a character (before a UTF-8
    /// continuation byte).
    static func characterBoundary(_ value: [UInt8]) -> Int {
        guard value.count > maximumStringBoundBytes else { return value.count }
        var cut = maximumStringBoundBytes
        while cut > 0 && value[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    private static func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        appendLittleEndian(value, to: &out)
        return out
    }
}
