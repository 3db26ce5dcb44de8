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
            // A line the logger cut: every field it lost reads as null, so a column reading one quarantines it.
            for (name, value) in record.namedValues.values where record.lost(field: name) {
                precondition(record.truncated && value == .null, "\(name) lost but not null")
            }
        }
    }
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
