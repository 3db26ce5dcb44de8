import FuzzDriver
import Foundation
import SluiceProcessing

/// One input: bytes as a Firehose object, through the processor. The first byte chooses the format
/// (lines or CloudWatch Logs documents), whether the rest is gzipped first (so the line and document
/// splitters see arbitrary text) or read as it is (so the gzip reader sees arbitrary bytes), and the chunk
/// size. Whatever the bytes, the run must balance: every line a row or quarantined, every byte in a member
/// or an unreadable range, the ranges in order, apart and inside the object.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFirehoseObject(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    let format: FirehoseObjectFormat = control & 1 == 0 ? .lines : .cloudWatchDocuments
    var object = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if control & 2 != 0 {
        let writer = GzipWriter()
        writer.write(object)
        writer.finish()
        object = writer.drain()
    }
    let chunk = 1 << Int(control >> 2 & 0x0f)  // 1 to 32 KiB
    let processor = ObjectProcessor(
        inputKey: "raw/fuzz.gz", format: format,
        keys: OutputKeys(tablePrefix: "tables/fuzz/", quarantinePrefix: "quarantine/fuzz/"),
        // Small: quicker under the sanitizer, and output often ends mid-line.
        inflateSize: 1024
    ) { line, _ in
        line.count % 3 == 0
            ? .failure(LineFailure("a third of the lines fail"))
            : .success((Row([("length", .int(Int64(line.count)))]), "dt=2024-01-01"))
    }
    var offset = 0
    while offset < object.count {
        let end = min(offset + chunk, object.count)
        object[offset..<end].withUnsafeBytes { processor.feed($0) }
        _ = processor.takeReady(minimumBytes: 4096)
        offset = end
    }
    let summary = processor.finish().summary
    guard summary.balanced, summary.bytesIn == object.count else { fatalError("unbalanced: \(summary.json())") }
    var end = 0
    var unread = 0
    for range in summary.damage {
        guard range.offset >= end, range.length >= 0, range.offset + range.length <= object.count else {
            fatalError("damaged ranges out of order or outside the object: \(summary.json())")
        }
        end = range.offset + range.length
        if !range.inflated { unread += range.length }
    }
    if summary.damageCount == summary.damage.count, unread != summary.unreadableBytes {
        fatalError("unreadable ranges do not add up: \(summary.json())")
    }
    return 0
}

// libFuzzer runs the target with its flags (-max_total_time=N, corpus folders, a crash file to replay).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzFirehoseObject(data, size)
    })
