import Foundation
import Testing

@testable import SluiceProcessing

/// Inflates a whole gzip object.
func gunzip(_ bytes: [UInt8]) throws -> String {
    let stream = GzipStream()
    var out: [UInt8] = []
    try bytes.withUnsafeBytes { try stream.feed($0) { out.append(contentsOf: $0) } }
    try stream.finish()
    return String(decoding: out, as: UTF8.self)
}

/// A stand-in transform for the tests of the run itself: a line `<yyyy-MM-dd> <n>` becomes a row; anything else
/// fails with a reason. (The HAProxy parser has tests of its own.)
func dayAndNumber(_ line: ArraySlice<UInt8>, _: Int64?) -> Result<(Row, String), LineFailure> {
    let text = String(decoding: line, as: UTF8.self)
    let parts = text.split(separator: " ")
    guard parts.count == 2, parts[0].count == 10, let number = Int64(parts[1]) else {
        return .failure(LineFailure("not '<day> <number>'"))
    }
    return .success((Row([.int(number)]), "dt=\(parts[0])"))
}

func process(_ object: [UInt8], format: FirehoseObjectFormat = .lines, chunk: Int = 5) -> (
    objects: [(key: String, bytes: [UInt8])], summary: RunSummary
) {
    let processor = ObjectProcessor(
        inputKey: "raw/web/2024/01/02/web-1-2024-01-02-00-00-00-abc.gz", format: format,
        keys: OutputKeys(tablePrefix: "tables/requests/", quarantinePrefix: "quarantine/requests/"),
        writer: GzipNDJSONWriter(columns: ["n"]), transform: dayAndNumber)
    var offset = 0
    while offset < object.count {
        let end = min(offset + chunk, object.count)
        object[offset..<end].withUnsafeBytes { processor.feed($0) }
        offset = end
    }
    return processor.finish()
}

@Suite("Processing an object: nothing lost")
struct ObjectProcessorTests {
    @Test("rows go to their date partitions under keys derived from the input; bad lines to the quarantine")
    func rowsAndQuarantine() throws {
        let (objects, summary) = process(gzip("2024-01-02 1\n2024-01-03 2\nbroken line\n2024-01-02 3\n"))
        #expect(summary.lines == 4 && summary.rows == 3 && summary.quarantined == 1 && summary.balanced)
        #expect(
            objects.map(\.key) == [
                "tables/requests/dt=2024-01-02/web-1-2024-01-02-00-00-00-abc.json.gz",
                "tables/requests/dt=2024-01-03/web-1-2024-01-02-00-00-00-abc.json.gz",
                "quarantine/requests/web-1-2024-01-02-00-00-00-abc.json.gz",
            ])
        #expect(try gunzip(objects[0].bytes) == "{\"n\":1}\n{\"n\":3}\n")
        let quarantined = try gunzip(objects[2].bytes)
        #expect(quarantined.contains("\"line\":3,\"reason\":\"not '<day> <number>'\",\"text\":\"broken line\""))
        #expect(summary.bytesOut == objects.reduce(0) { $0 + $1.bytes.count })
    }

    @Test(
        "for every input, lines in = rows out + quarantined",
        arguments: [
            ("good", gzip("2024-01-02 1\n2024-01-02 2\n")),
            ("malformed", gzip("x\ny\n2024-01-02 1\n")),
            ("truncated gzip", Array(gzip(String(repeating: "2024-01-02 7\n", count: 5000)).dropLast(40))),
            ("non-UTF-8", gzip("2024-01-02 1\n") + gzip("\u{1}") + [0x1f, 0x8b]),
            ("empty object", []),
            ("not gzip", Array("2024-01-02 1\n".utf8)),
        ])
    func balanced(_ name: String, _ object: [UInt8]) {
        let (_, summary) = process(object)
        #expect(summary.balanced, "\(name): \(summary.json())")
    }

    @Test("a line that is not UTF-8 is kept as base64 in the quarantine")
    func nonUTF8() throws {
        var raw = Array("2024-01-02 1\n".utf8)
        raw += [0xff, 0xfe, 0x41, 0x0a]
        let writer = GzipWriter()
        writer.write(raw)
        writer.finish()
        let (objects, summary) = process(writer.drain())
        #expect(summary.rows == 1 && summary.quarantined == 1)
        let quarantine = try #require(objects.last)
        #expect(try gunzip(quarantine.bytes).contains("\"bytes_base64\":\"//5B\""))
    }

    @Test("the run summary is one JSON line with the counts")
    func summaryJSON() {
        var summary = RunSummary()
        summary.lines = 3
        summary.rows = 2
        summary.quarantined = 1
        #expect(
            summary.json()
                == "{\"lines\":3,\"rows\":2,\"quarantined\":1,\"bytes_in\":0,\"bytes_out\":0,\"damaged\":false,"
                + "\"member_bytes\":0,\"unreadable_bytes\":0,\"damage_count\":0,\"rejected_values\":0,\"damage\":[]}")
    }
}
