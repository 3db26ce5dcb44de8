#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A column chunk's dictionary: each distinct value, keyed by the bytes of its PLAIN encoding, gets the next index.
/// The entries are kept as the dictionary page's payload itself (PLAIN, byte arrays with their 4-byte length), so
/// writing the page copies nothing. Open addressing over one array of slots: no allocation per value.
package struct ByteDictionary {
    /// The dictionary page's payload: every entry, PLAIN.
    package private(set) var page: [UInt8] = []
    /// Where each entry's value bytes start in `page` (after a byte array's length prefix), and their length.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [Int] = []
    /// Entry index + 1, 0 for empty; the count is a power of two, at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    /// Whether entries carry a 4-byte length prefix (BYTE_ARRAY).
    private let lengthPrefixed: Bool

    package init(lengthPrefixed: Bool) { self.lengthPrefixed = lengthPrefixed }

    package var count: Int { starts.count }

    /// Bytes held, for the writer's memory budget.
    package var memoryBytes: Int { page.count + starts.count * 24 + slots.count * 4 }

    /// The bytes of entry `index`.
    package func withEntry<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let range = starts[index]..<starts[index] + lengths[index]
        return page.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The index of `value`, inserting it unless `page` would grow past `limit` bytes: nil then (the column falls
    /// back to PLAIN).
    package mutating func index(of value: UnsafeRawBufferPointer, limit: Int) -> (index: UInt32, inserted: Bool)? {
        var hasher = Hasher()
        hasher.combine(bytes: value)
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == hash && lengths[entry] == value.count
                && page.withUnsafeBytes({ memcmpEqual($0.baseAddress! + starts[entry], value) })
            {
                return (UInt32(entry), false)
            }
            slot = (slot + 1) & mask
        }
        let added = value.count + (lengthPrefixed ? 4 : 0)
        guard page.count + added <= limit, starts.count < Int32.max - 1 else { return nil }
        if lengthPrefixed { appendLittleEndian(UInt32(value.count), to: &page) }
        starts.append(page.count)
        lengths.append(value.count)
        hashes.append(hash)
        page.append(contentsOf: value)
        slots[slot] = Int32(starts.count)
        if starts.count * 2 > slots.count { grow() }
        return (UInt32(starts.count - 1), true)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for entry in 0..<hashes.count {
            var slot = hashes[entry] & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }

    /// Empties the dictionary for the next column chunk, keeping its storage.
    package mutating func removeAll() {
        page.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = 0 }
    }
}

/// Whether the `value.count` bytes at `pointer` equal `value`.
@inline(__always)
func memcmpEqual(_ pointer: UnsafeRawPointer, _ value: UnsafeRawBufferPointer) -> Bool {
    guard let base = value.baseAddress, !value.isEmpty else { return true }
    return memcmp(pointer, base, value.count) == 0
}

package func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
}
