import Foundation
import SluiceJSON

// Unescaping log-like JSON string contents with escapes: the former JSONString.unescape (json log format) and
// CloudWatchDocumentScanner.unescape against JSONUnescaper, best of 15 interleaved rounds.
@MainActor func unescapeBench() {
    var texts: [[UInt8]] = []
    for index in 0..<4096 {
        let text =
            "GET /search?q=\\\"quoted \\\\ value\\\" HTTP/1.1\\tid=\(index) caf\\u00e9 \\ud83d\\ude00 and a longer tail of plain text"
        texts.append(Array(text.utf8))
    }
    let total = texts.reduce(0) { $0 + $1.count }
    func time(_ work: () -> Int) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        var sum = 0
        for _ in 0..<100 { sum &+= work() }
        precondition(sum > 0)
        return Double(total) * 100 / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) / 1e6
    }
    var best = (json: 0.0, scanner: 0.0, new: 0.0)
    var out: [UInt8] = []
    out.reserveCapacity(1 << 12)
    for _ in 0..<15 {
        best.json = max(best.json, time { texts.reduce(0) { $0 + OldJSONString.unescape($1[...]).count } })
        best.scanner = max(
            best.scanner,
            time {
                texts.reduce(0) { sum, text in
                    out.removeAll(keepingCapacity: true)
                    text.withUnsafeBufferPointer { OldScanner.unescape($0.baseAddress!, 0, $0.count, into: &out) }
                    return sum + out.count
                }
            })
        best.new = max(
            best.new,
            time {
                texts.reduce(0) { sum, text in
                    out.removeAll(keepingCapacity: true)
                    text.withUnsafeBufferPointer { JSONUnescaper.unescape($0, into: &out) }
                    return sum + out.count
                }
            })
    }
    for text in texts.prefix(3) {
        var fresh: [UInt8] = []
        text.withUnsafeBufferPointer { JSONUnescaper.unescape($0, into: &fresh) }
        precondition(fresh == OldJSONString.unescape(text[...]))
    }
    print(
        String(
            format:
                "unescape MB/s: old JSONString %.0f, old scanner %.0f, JSONUnescaper %.0f (into a reused buffer); JSONUnescaper.unescape(slice) %.0f",
            best.json, best.scanner, best.new, time { texts.reduce(0) { $0 + JSONUnescaper.unescape($1[...]).count } }))
}
