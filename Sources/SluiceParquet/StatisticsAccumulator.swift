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

    /// Longer string bounds are not written (both left out) rather than truncated: a shortened max would have to
    /// be rounded up to stay an upper bound, and a value over 1 KiB is no use for pruning anyway.
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
            if hasValue && minBytes.count <= Self.maximumStringBoundBytes
                && maxBytes.count <= Self.maximumStringBoundBytes
            {
                result.min = minBytes
                result.max = maxBytes
            }
        }
        return result
    }

    private static func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        appendLittleEndian(value, to: &out)
        return out
    }
}
