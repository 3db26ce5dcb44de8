import Foundation
import SluiceJSON

/// Why a line did not become a row.
package struct LineFailure: Error, Sendable, Equatable {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
}

/// Turns one Firehose object into lake objects: each line parsed and transformed into a row of its partition,
/// or quarantined with its reason; every damaged range of the object's bytes is quarantined too, and counted.
/// Knows nothing of S3 or Lambda: bytes in, keys and bytes out.
package final class ObjectProcessor {
    /// A line's row and partition (`dt=2024-01-01`), or why there is none.
    package typealias Transform = (_ line: ArraySlice<UInt8>, _ timestamp: Int64?) -> Result<(Row, String), LineFailure>

    /// What became of a line: a row of a partition, a failure, or "not yet" (its lookups are not answered yet:
    /// the line is kept and tried again by `retryDeferred`).
    package enum LineOutcome {
        case row(Row, partition: String)
        case failure(LineFailure)
        case deferred
    }

    /// A transform that may defer lines.
    package typealias DeferringTransform = (_ line: ArraySlice<UInt8>, _ timestamp: Int64?) -> LineOutcome

    private let reader: FirehoseObjectReader
    private var writer: any RowWriter
    private let keys: OutputKeys
    private let transform: DeferringTransform
    private let quarantine = GzipWriter()
    private var summary = RunSummary()
    private let inputKey: String
    private var deferred: [(line: [UInt8], number: Int, timestamp: Int64?)] = []
    private var inputEnded = false
    /// The start of every quarantined line's record, and the buffer records are built in. (Quarantine records
    /// stay gzipped NDJSON whatever the lake's format: people read them.)
    private var recordPrefix: [UInt8] = []
    private var record: [UInt8] = []

    /// A processor whose transform gives a row or a failure for every line; `writer` writes the rows (see
    /// `RowWriters.make` for the one a configuration asks for).
    package convenience init(
        inputKey: String, format: FirehoseObjectFormat, keys: OutputKeys, writer: any RowWriter,
        inflateSize: Int = 256 * 1024, transform: @escaping Transform
    ) {
        self.init(inputKey: inputKey, format: format, keys: keys, writer: writer, inflateSize: inflateSize) {
            (line, timestamp) -> LineOutcome in
            switch transform(line, timestamp) {
            case .success(let (row, partition)): .row(row, partition: partition)
            case .failure(let failure): .failure(failure)
            }
        }
    }

    /// A processor whose transform may defer lines until their lookups are answered.
    /// `inflateSize` is the bytes inflated at a time (the fuzz target makes it small).
    package init(
        inputKey: String, format: FirehoseObjectFormat, keys: OutputKeys, writer: any RowWriter,
        inflateSize: Int = 256 * 1024, deferringTransform: @escaping DeferringTransform
    ) {
        self.inputKey = inputKey
        self.reader = FirehoseObjectReader(format: format, inflateSize: inflateSize)
        self.writer = writer
        self.keys = keys
        self.transform = deferringTransform
    }

    /// The bytes of the deferred lines held: the caller answers their lookups before this grows too large.
    package private(set) var deferredBytes = 0

    /// Whether any line waits for its lookups.
    package var hasDeferred: Bool { !deferred.isEmpty }

    /// Tries every deferred line again, once its lookups have answers; a line deferred a second time is
    /// quarantined, since asking again would not answer it either.
    package func retryDeferred() {
        let waiting = deferred
        deferred.removeAll()
        deferredBytes = 0
        for (line, number, timestamp) in waiting {
            switch transform(line[...], timestamp) {
            case .row(let row, let partition):
                writer.write(row, partition: partition)
                summary.rows += 1
            case .failure(let failure): quarantine(line[...], reason: failure.reason, number: number)
            case .deferred: quarantine(line[...], reason: "its lookups found no answer", number: number)
            }
        }
    }

    /// Ends the input: hands out the last line. Lines may still be deferred afterwards; `finish` follows.
    package func endInput() {
        guard !inputEnded else { return }
        inputEnded = true
        reader.finish(handle)
    }

    /// Reads the next chunk of the object.
    package func feed(_ chunk: UnsafeRawBufferPointer) {
        summary.bytesIn += chunk.count
        reader.feed(chunk, handle)
    }

    /// Hands over the output bytes of every object that has at least `minimumBytes` ready (rows by partition, then
    /// the quarantine). Call it between chunks to keep memory bounded; the bytes of one key come in order.
    package func takeReady(minimumBytes: Int) -> [(key: String, bytes: [UInt8])] {
        var ready = writer.drain(minimumBytes: minimumBytes).map { partition, bytes in
            (keys.rows(inputKey: inputKey, partition: partition, fileExtension: writer.fileExtension), bytes)
        }
        if quarantine.output.count >= minimumBytes, quarantine.output.count > 0 {
            ready.append((keys.quarantine(inputKey: inputKey), quarantine.drain()))
        }
        summary.bytesOut += ready.reduce(0) { $0 + $1.1.count }
        return ready
    }

    /// Ends the object; returns what is left of every object it wrote (rows by partition, then the quarantine;
    /// the whole objects when nothing was taken before) and the counts. Every key taken from appears here.
    package func finish() -> (objects: [(key: String, bytes: [UInt8])], summary: RunSummary) {
        endInput()
        if hasDeferred { retryDeferred() }
        var objects = writer.finish().map { partition, bytes in
            (keys.rows(inputKey: inputKey, partition: partition, fileExtension: writer.fileExtension), bytes)
        }
        summary.memberBytes = reader.memberBytes
        summary.unreadableBytes = reader.unreadableBytes
        summary.rejectedValues = writer.rejectedValues
        summary.firstRejection = writer.firstRejection
        if summary.quarantined > 0 || summary.damaged {
            quarantine.finish()
            objects.append((keys.quarantine(inputKey: inputKey), quarantine.drain()))
        }
        summary.bytesOut += objects.reduce(0) { $0 + $1.1.count }
        return (objects, summary)
    }

    private func handle(_ item: ObjectItem) {
        switch item {
        case .line(let bytes, let timestamp):
            summary.lines += 1
            switch transform(bytes, timestamp) {
            case .row(let row, let partition):
                writer.write(row, partition: partition)
                summary.rows += 1
            case .failure(let failure):
                quarantine(bytes, reason: failure.reason, number: summary.lines)
            case .deferred:
                deferred.append((Array(bytes), summary.lines, timestamp))
                deferredBytes += bytes.count
            }
        case .unreadable(let reason, let bytes):
            summary.lines += 1
            quarantine(bytes, reason: reason, number: summary.lines)
        case .damage(let damage):
            summary.record(damage)
            quarantine(damage)
        }
    }

    /// A damaged range as a quarantine record: where it is, why, the lines read from it, and (when its bytes
    /// were not inflated) the bytes themselves, or their first 64 KiB with the range to read from the input.
    private func quarantine(_ damage: ObjectDamage) {
        var fields: [(column: String, value: Row.Value)] = [
            ("input", .string(inputKey)), ("offset", .int(Int64(damage.offset))),
            ("length", .int(Int64(damage.length))), ("damage", .string(damage.kind.rawValue)),
            ("reason", .string(damage.detail)),
        ]
        if let lines = damage.lines {
            fields += [("first_line", .int(Int64(lines.lowerBound))), ("last_line", .int(Int64(lines.upperBound)))]
        }
        if !damage.inflated {
            let whole = damage.head.count == damage.length
            fields.append((whole ? "bytes_base64" : "head_base64", .string(Data(damage.head).base64EncodedString())))
        }
        var record: [UInt8] = []
        NamedValues(fields).appendJSONLine(to: &record)
        quarantine.write(record)
    }

    /// Keeps the line as it came, with its reason: text when it is UTF-8, base64 of its bytes when not. The
    /// record is the JSON line `Row` would write for `input`, `line`, `reason` and `text` (or `bytes_base64`),
    /// built in one reused buffer from a prefix made once: an object may quarantine tens of millions of lines.
    private func quarantine(_ bytes: ArraySlice<UInt8>, reason: String, number: Int) {
        summary.quarantined += 1
        if recordPrefix.isEmpty {
            NamedValues([("input", .string(inputKey))]).appendJSONLine(to: &recordPrefix)
            recordPrefix.removeLast(2)  // "}\n"
            recordPrefix.append(contentsOf: ",\"line\":".utf8)
        }
        record.removeAll(keepingCapacity: true)
        record.append(contentsOf: recordPrefix)
        JSONText.appendInteger(Int64(number), to: &record)
        record.append(contentsOf: ",\"reason\":".utf8)
        JSONEscaper.append(reason, to: &record)
        if let text = String(validating: bytes, as: UTF8.self) {
            record.append(contentsOf: ",\"text\":".utf8)
            JSONEscaper.append(text, to: &record)
        } else {
            record.append(contentsOf: ",\"bytes_base64\":".utf8)
            JSONEscaper.append(Data(bytes).base64EncodedString(), to: &record)
        }
        record.append(contentsOf: "}\n".utf8)
        quarantine.write(record)
    }
}
