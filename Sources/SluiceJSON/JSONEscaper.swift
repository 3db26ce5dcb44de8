/// JSON string escaping, the one escaper every JSON writer of Sluice uses (files, logs, rows, requests).
///
/// It escapes `"`, `\` and the control characters (below U+0020): `\n`, `\r` and `\t` by name, the others as
/// `\u00XX` in lower-case hex; every other byte, non-ASCII UTF-8 included, is copied as it is. The bytes it is given
/// are copied even when they are not UTF-8: a caller that may hold such bytes repairs them first (`String(decoding:)`).
///
/// The byte-level entry points are `public @inlinable`, an exception to the project's `package` rule: the compiler
/// makes a function's body available for inlining into other modules of this (non-resilient) package only when it
/// is public; a `package @inlinable` one stays an out-of-line call, which made the lake writer's escaping 25% slower
/// and the log parsers' eight-bytes-at-a-time test a call per word (measured; BENCHMARKS.md). Nothing is a product,
/// so `public` exposes nothing outside the package.
public enum JSONEscaper {
    /// At most the bytes `write` writes for text of `byteCount` UTF-8 bytes: the quotes, and every byte as `\u00XX`.
    @inlinable
    public static func bound(byteCount: Int) -> Int { 2 + 6 * byteCount }

    /// Appends `text` quoted and escaped.
    @inlinable
    public static func append(_ text: String, to out: inout [UInt8]) {
        // A native string's bytes are read in place; only a bridged one is copied first.
        if text.utf8.withContiguousStorageIfAvailable({ append(buffer: $0, to: &out) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { append(buffer: $0, to: &out) }
        }
    }

    /// Appends UTF-8 `bytes` quoted and escaped.
    @inlinable
    public static func append(bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        if bytes.withContiguousStorageIfAvailable({ append(buffer: $0, to: &out) }) == nil {
            Array(bytes).withUnsafeBufferPointer { append(buffer: $0, to: &out) }
        }
    }

    /// Appends `bytes` quoted and escaped, each byte sequence that is not UTF-8 replaced by U+FFFD: for bytes from
    /// outside (a log message) where the output must be UTF-8, as JSON and CloudWatch Logs require.
    @inlinable
    public static func append(repairing bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        if bytes.contains(where: { $0 >= 0x80 }) {
            append(String(decoding: bytes, as: UTF8.self), to: &out)
        } else {
            append(bytes: bytes, to: &out)
        }
    }

    /// Appends `text` quoted and escaped to a string.
    package static func append(_ text: String, to out: inout String) {
        // Most strings need no escaping: appended whole, without a trip through bytes.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append("\"")
            out.append(text)
            out.append("\"")
            return
        }
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        out.append(String(decoding: bytes, as: UTF8.self))
    }

    /// `text` quoted and escaped.
    package static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    @usableFromInline
    static func append(buffer bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // The pointer escaper does the work, into scratch room for the worst case; the array takes what it wrote in
        // one copy (appending a run of zeros first went byte by byte in debug builds: seconds in the tests).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound(byteCount: bytes.count)) { scratch in
            var at = scratch.baseAddress!
            write(bytes, at: &at)
            out.append(contentsOf: UnsafeBufferPointer(start: scratch.baseAddress!, count: at - scratch.baseAddress!))
        }
    }

    /// Writes `text` quoted and escaped from `at`, into at least `bound(byteCount: text.utf8.count)` bytes, and moves
    /// `at` past what it wrote.
    @inlinable
    public static func write(_ text: String, at: inout UnsafeMutablePointer<UInt8>) {
        if text.utf8.withContiguousStorageIfAvailable({ write($0, at: &at) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { write($0, at: &at) }
        }
    }

    /// Writes UTF-8 `bytes` quoted and escaped from `at`, into at least `bound(byteCount: bytes.count)` bytes, and
    /// moves `at` past what it wrote. The lake writer's hot path: runs with nothing to escape, eight bytes tested at
    /// once, are copied whole. Inlinable, so that the writer's loop compiles as if it were in its own module.
    @inlinable
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, at: inout UnsafeMutablePointer<UInt8>) {
        at.pointee = UInt8(ascii: "\"")
        at += 1
        guard let base = bytes.baseAddress else {
            at.pointee = UInt8(ascii: "\"")
            at += 1
            return
        }
        let count = bytes.count
        var run = 0
        var index = 0
        while index < count {
            if count - index >= 8, !mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = base[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            at.update(from: base + run, count: index - 1 - run)
            at += index - 1 - run
            run = index
            writeEscape(byte, at: &at)
        }
        at.update(from: base + run, count: count - run)
        at += count - run
        at.pointee = UInt8(ascii: "\"")
        at += 1
    }

    /// Writes the escape of one byte that needs one (a control character, `"` or `\`).
    @inlinable
    static func writeEscape(_ byte: UInt8, at: inout UnsafeMutablePointer<UInt8>) {
        at[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            at[1] = byte
            at += 2
        case 0x0A:
            at[1] = UInt8(ascii: "n")
            at += 2
        case 0x0D:
            at[1] = UInt8(ascii: "r")
            at += 2
        case 0x09:
            at[1] = UInt8(ascii: "t")
            at += 2
        default:
            at[1] = UInt8(ascii: "u")
            at[2] = UInt8(ascii: "0")
            at[3] = UInt8(ascii: "0")
            at[4] = hexDigit(byte >> 4)
            at[5] = hexDigit(byte & 15)
            at += 6
        }
    }

    /// The lower-case hex digit of a value below 16.
    @inlinable
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\`. Exact when it says no
    /// (the bit tricks of "Bit Twiddling Hacks": a byte below n, a byte equal to zero after an xor).
    @inlinable @inline(__always)
    public static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        return (control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs)) != 0
    }
}
