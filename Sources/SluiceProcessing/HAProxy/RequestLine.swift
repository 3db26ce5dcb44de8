/// The parts of a logged request line (`METHOD TARGET VERSION`, the inside of its quotes) as ranges.
///
/// Clients do send targets with spaces in them (HAProxy passes them with `accept-invalid-http-request` and logs
/// them as received), so the method ends at the first space and the version is the last word, when that word
/// starts with `HTTP/`; everything between is the target.
struct RequestLine {
    var isBad = false
    var method: Range<Int>?
    var path: Range<Int>?
    var query: Range<Int>?
    var version: Range<Int>?

    /// `cut`: the logger cut the line inside the request, so `line` is what was logged of it: no version (its
    /// last word may be part of the target), a method only if a space followed it, the target as logged.
    init(_ line: Range<Int>, in cursor: ByteCursor, cut: Bool = false) {
        if !cut && (line.isEmpty || cursor.matches(line, "<BADREQ>")) {
            isBad = true
            return
        }
        guard let firstSpace = cursor.firstIndex(of: ASCII.space, in: line) else {
            if !cut { method = line }
            return
        }
        method = line.lowerBound..<firstSpace
        var targetEnd = line.upperBound
        if !cut, let lastSpace = cursor.lastIndex(of: ASCII.space, in: line), lastSpace > firstSpace,
            cursor.hasPrefix(lastSpace + 1..<line.upperBound, "HTTP/")
        {
            version = lastSpace + 1..<line.upperBound
            targetEnd = lastSpace
        }
        if cut, let lastSpace = cursor.lastIndex(of: ASCII.space, in: line), lastSpace > firstSpace,
            Self.isVersionStart(lastSpace + 1..<line.upperBound, in: cursor)
        {
            // What was logged of the version (` H`, ` HTTP/1.`): not part of the target.
            targetEnd = lastSpace
        }
        let target = firstSpace + 1..<targetEnd
        if let mark = cursor.firstIndex(of: ASCII.question, in: target) {
            path = target.lowerBound..<mark
            query = mark + 1..<target.upperBound
        } else {
            path = target
        }
    }

    /// Whether the range is a non-empty start of `HTTP/`, or starts with it.
    private static func isVersionStart(_ range: Range<Int>, in cursor: ByteCursor) -> Bool {
        let version: StaticString = "HTTP/"
        let length = min(range.count, version.utf8CodeUnitCount)
        guard length > 0 else { return false }
        for index in 0..<length where cursor.bytes[range.lowerBound + index] != version.utf8Start[index] {
            return false
        }
        return true
    }
}
