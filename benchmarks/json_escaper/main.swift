import Foundation
import SluiceJSON

// Escaping and unescaping throughput, Sluice's former code (copied into this module from commit 090fa8b by
// benchmarks/json_escaper.sh, as it was inside SluiceProcessing) against SluiceJSON as a module beside it, as a
// processor links it. Interleaved rounds, best of 15 each.
var strings: [String] = []
for index in 0..<4096 {
    switch index % 4 {
    case 0: strings.append("/api/v2/integrations/\(index)/events?since=2026-12-01T00:00:00Z&limit=100")
    case 1:
        strings.append(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/\(index).0 Safari/537.36")
    case 2: strings.append("backend-\(index % 17)")
    default: strings.append("GET /search?q=\"quoted \\ value\" HTTP/1.1\tid=\(index)")
    }
}
let totalBytes = strings.reduce(0) { $0 + $1.utf8.count }
let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: totalBytes * 6 + 2 * strings.count)
@MainActor func run(_ old: Bool) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    var written = 0
    for _ in 0..<200 {
        var at = buffer
        if old {
            for text in strings { OldJSONText.writeString(text, at: &at) }
        } else {
            for text in strings { JSONEscaper.write(text, at: &at) }
        }
        written &+= at - buffer
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    precondition(written > 0)
    return Double(totalBytes) * 200 / seconds / 1e6
}
var best = (old: 0.0, new: 0.0)
for _ in 0..<15 {
    best.new = max(best.new, run(false))
    best.old = max(best.old, run(true))
}

// Same bytes out.
var oldOut = [UInt8](repeating: 0, count: 1 << 16)
var newOut = oldOut
let sample = strings[3] + "\u{1}é"
let oldCount = oldOut.withUnsafeMutableBufferPointer { b in
    var at = b.baseAddress!
    OldJSONText.writeString(sample, at: &at)
    return at - b.baseAddress!
}
let newCount = newOut.withUnsafeMutableBufferPointer { b in
    var at = b.baseAddress!
    JSONEscaper.write(sample, at: &at)
    return at - b.baseAddress!
}
precondition(oldOut[..<oldCount] == newOut[..<newCount])
print(String(format: "escaper MB/s (best of 15): old %.0f, SluiceJSON %.0f", best.old, best.new))
unescapeBench()
