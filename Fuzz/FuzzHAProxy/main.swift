import Foundation
import FuzzDriver
import SluiceProcessing

/// One input: one log line, parsed in every layout Sluice reads. Parsing must never trap, whatever
/// the bytes; a failure is a value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHAProxy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = UnsafeBufferPointer(start: data, count: size)
    for format in LogFormat.allCases {
        if case .success(let record) = HAProxyParser.parse(line, format: format) {
            // Reading every field back exercises the spans the parser recorded.
            _ = String(describing: record)
        }
    }
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
