#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A column chunk's dictionary: each distinct value, keyed by the bytes of its PLAIN encoding, gets the next index.
/// The entries are kept as the dictionary page's payload itself (PLAIN, byte arrays with their 4-byte length), so
/// writing the page copies nothing. Open addressing over one array of slots: no allocation per value.
///
/// The hash is a fast multiply-mix over 8-byte words, not a keyed one: instead, a lookup that probes more than
/// `maximumProbes` slots is treated like a full dictionary (the chunk goes PLAIN), so values crafted to collide
/// cost a bounded number of comparisons each.
package struct ByteDictionary {
    /// The dictionary page's payload: every entry, PLAIN.
    package private(set) var page: [UInt8] = []
    /// Byte arrays' entries: where each value's bytes start in `page` and their count. Fixed-width values (INT32,
    /// INT64, DOUBLE) need none: entry i is at i times the width.
    private var entries: [Entry] = []
    private var entryCount = 0
    /// Per slot: 0 when empty, else the entry index + 1 in the low 32 bits and the hash's high 32 bits above, so
    /// that most mismatches are rejected without touching the entry.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    /// Whether entries carry a 4-byte length prefix (BYTE_ARRAY).
    private let lengthPrefixed: Bool
    package static let maximumProbes = 64
    /// At most 65,536 entries (indices of 16 bits at most): past that the slots outgrow the CPU's caches and every
    /// lookup waits for memory (the profile showed 70% of the writer's time in that one load), for a column whose
    /// values barely repeat.
    package static let maximumEntries = 1 << 16

    /// 8 bytes, not the 24 of a hash and two `Int`s: a lookup's time is mostly the wait for its slot and its
    /// entry to come from memory, and a smaller table leaves more of them in the caches (the hash is computed
    /// again from the bytes when the slots grow). The page stays below 4 GiB (see `index`).
    private struct Entry {
        var start: UInt32
        var length: UInt32
    }

    package init(lengthPrefixed: Bool) { self.lengthPrefixed = lengthPrefixed }

    package var count: Int { entryCount }

    /// Bytes held, for the writer's memory budget: counted with 24 bytes an entry, as before entries shrank, so
    /// that row groups end where they did (the budget's 4 MiB were measured that way) and files stay the same.
    package var memoryBytes: Int { page.count + entryCount * 24 + slots.count * 8 }

    /// Where entry `index`'s bytes are in `page`.
    @inline(__always)
    private func range(of index: Int) -> Range<Int> {
        if lengthPrefixed {
            let entry = entries[index]
            return Int(entry.start)..<Int(entry.start) + Int(entry.length)
        }
        let width = page.count / entryCount
        return index * width..<(index + 1) * width
    }

    /// The bytes of entry `index`.
    package func withEntry<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let range = range(of: index)
        return page.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The index of `value`, inserting it unless `page` would grow past `limit` bytes or the lookup probed too
    /// long: nil then (the column falls back to PLAIN). Fixed-width values must all have one width.
    package mutating func index(of value: UnsafeRawBufferPointer, limit: Int) -> (index: UInt32, inserted: Bool)? {
        let hash = Self.hash(value)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        var probes = 0
        while true {
            let content = slots[slot]
            if content == 0 { break }
            if content & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(truncatingIfNeeded: content & 0xFFFF_FFFF) - 1
                let found: (start: Int, length: Int)
                if lengthPrefixed {
                    let stored = entries[entry]
                    found = (Int(stored.start), Int(stored.length))
                } else {
                    found = (entry * value.count, value.count)
                }
                if found.length == value.count
                    && page.withUnsafeBytes({ memcmpEqual($0.baseAddress! + found.start, value) })
                {
                    return (UInt32(entry), false)
                }
            }
            probes += 1
            if probes > Self.maximumProbes { return nil }
            slot = (slot + 1) & mask
        }
        let added = value.count + (lengthPrefixed ? 4 : 0)
        guard page.count + added <= Swift.min(limit, Int(UInt32.max)), entryCount < Self.maximumEntries else {
            return nil
        }
        if lengthPrefixed {
            appendLittleEndian(UInt32(value.count), to: &page)
            entries.append(Entry(start: UInt32(page.count), length: UInt32(value.count)))
        }
        page.append(contentsOf: value)
        entryCount += 1
        slots[slot] = tag | UInt64(entryCount)
        if entryCount * 2 > slots.count { grow() }
        return (UInt32(entryCount - 1), true)
    }

    /// A multiply-mix hash over 8-byte words and the length.
    @inline(__always)
    static func hash(_ value: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(value.count) &* multiplier
        var offset = 0
        while offset + 8 <= value.count {
            hash =
                (hash ^ UInt64(littleEndian: value.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                &* multiplier
            hash ^= hash >> 32
            offset += 8
        }
        if offset < value.count {
            var tail: UInt64 = 0
            for index in offset..<value.count { tail = tail << 8 | UInt64(value[index]) }
            hash = (hash ^ tail) &* multiplier
        }
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 32)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for index in 0..<entryCount {
            let hash = withEntry(index) { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
        }
    }

    /// Empties the dictionary for the next column chunk, keeping its storage.
    package mutating func removeAll() {
        page.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        entryCount = 0
        for index in slots.indices { slots[index] = 0 }
    }
}

/// Whether the `value.count` bytes at `pointer` equal `value`.
@inline(__always)
func memcmpEqual(_ pointer: UnsafeRawPointer, _ value: UnsafeRawBufferPointer) -> Bool {
    guard let base = value.baseAddress, !value.isEmpty else { return true }
    // INT64 and DOUBLE values, and INT32 ones: one load each rather than a call.
    if value.count == 8 {
        return pointer.loadUnaligned(as: UInt64.self) == base.loadUnaligned(as: UInt64.self)
    }
    if value.count == 4 {
        return pointer.loadUnaligned(as: UInt32.self) == base.loadUnaligned(as: UInt32.self)
    }
    // Short strings (most of a log's): two overlapping loads from each end rather than a call to memcmp.
    let count = value.count
    if count > 8 && count <= 16 {
        return pointer.loadUnaligned(as: UInt64.self) == base.loadUnaligned(as: UInt64.self)
            && pointer.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count > 4 && count < 8 {
        return pointer.loadUnaligned(as: UInt32.self) == base.loadUnaligned(as: UInt32.self)
            && pointer.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                == base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    return memcmp(pointer, base, count) == 0
}

package func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
}
