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

    init(_ line: Range<Int>, in cursor: ByteCursor) {
        if line.isEmpty || cursor.matches(line, "<BADREQ>") {
            isBad = true
            return
        }
        guard let firstSpace = cursor.firstIndex(of: ASCII.space, in: line) else {
            method = line
            return
        }
        method = line.lowerBound..<firstSpace
        var targetEnd = line.upperBound
        if let lastSpace = cursor.lastIndex(of: ASCII.space, in: line), lastSpace > firstSpace,
            cursor.hasPrefix(lastSpace + 1..<line.upperBound, "HTTP/")
        {
            version = lastSpace + 1..<line.upperBound
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
}
