import Foundation
import FuzzDriver
import SluiceJSON

/// One input: bytes as a JSON document for SluiceJSON's decoder. Decoding must never trap or run the stack out,
/// whatever the bytes (a depth cap of 64 keeps each input quick); a document it accepts, written compact and
/// pretty, must decode to the same value, and the compact text written again must be the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONValue(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue(parsing: bytes, maximumDepth: 64) else { return 0 }
    let compact = value.compact()
    for text in [compact, value.pretty()] {
        guard let again = try? JSONValue(parsing: text, maximumDepth: 64) else {
            fatalError("written JSON does not decode: \(text)")
        }
        guard again == value else { fatalError("written JSON decodes to another value: \(text)") }
        guard again.compact() == compact else { fatalError("writing is not deterministic: \(text)") }
    }
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
