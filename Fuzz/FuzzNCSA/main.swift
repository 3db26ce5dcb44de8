import Foundation
import FuzzDriver
import SluiceProcessing

/// One input: one log line, parsed in both NCSA layouts and through both registered formats' readers. Parsing
/// must never trap, whatever the bytes; a failure is a value. A record's text holds no U+FFFD the line did not
/// spell, and the parts a cut line lost hold nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNCSA(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = UnsafeBufferPointer(start: data, count: size)
    // The decoder keeps bytes that are not UTF-8 as `\xHH` text, never as U+FFFD (EF BF BD): a line that can
    // spell none, raw or escaped, must give none.
    let mayHoldReplacement =
        line.contains(0xEF)
        || line.indices.dropLast(2).contains { index in
            line[index] == UInt8(ascii: "x") && line[index + 1] | 0x20 == UInt8(ascii: "e")
                && line[index + 2] | 0x20 == UInt8(ascii: "f")
        }
    for layout in NCSALayout.allCases {
        if case .success(let record) = NCSAParser.parse(line, layout: layout) {
            let texts = [
                record.request, record.method, record.path, record.query, record.referer, record.userAgent,
                record.user, record.ident, record.extra,
            ]
            if !mayHoldReplacement && texts.contains(where: { $0?.unicodeScalars.contains("\u{FFFD}") == true }) {
                fatalError("a byte that is not UTF-8 became U+FFFD")
            }
            // The parts cut away hold nothing.
            if let cut = record.cutAway,
                (cut <= .request && record.request != nil) || (cut <= .status && record.status != nil)
                    || (cut <= .bytesSent && record.bytesSent != nil) || (cut <= .referer && record.referer != nil)
                    || (cut <= .userAgent && record.userAgent != nil) || record.extra != nil
            {
                fatalError("a part cut away holds a value")
            }
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
