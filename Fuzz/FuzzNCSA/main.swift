import Foundation
import FuzzDriver
import SluiceProcessing

/// One input: one log line, parsed in both NCSA layouts and through both registered formats' readers. Parsing
/// must never trap, whatever the bytes; a failure is a value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNCSA(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = UnsafeBufferPointer(start: data, count: size)
    for layout in NCSALayout.allCases {
        if case .success(let record) = NCSAParser.parse(line, layout: layout) {
            // Every string must be valid UTF-8 text that round-trips: the escape decoder's promise.
            for text in [record.request, record.referer, record.userAgent, record.user, record.ident, record.path] {
                if let text, String(decoding: Array(text.utf8), as: UTF8.self) != text { fatalError("invalid text") }
            }
            // A line is cut exactly when some part was cut away.
            if record.truncated != (record.cutAway != nil) { fatalError("truncated without a cut part") }
        }
    }
    let slice = Array(line)[...]
    for format in [NCSACombinedFormat.self, NCSACommonFormat.self] as [any NCSARecordFormat.Type] {
        read(format, slice)
    }
    return 0
}

/// Every field read through the default reader, as a string column would: exercises the cut-away checks.
private func read<Format: NCSARecordFormat>(_: Format.Type, _ line: ArraySlice<UInt8>) {
    guard case .success(let record) = Format.parse(line) else { return }
    for field in Format.fields {
        if let reader = try? Format.reader(FieldPath(key: field.name), for: .string) { _ = reader.read(record) }
    }
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
