import Foundation
import FuzzDriver
import SluiceProcessing

/// One input: bytes as one log line in the json format (see `JSONFuzzInput`). Parsing, resolving paths,
/// coercing values, printing the leaves and proposing columns must never trap, whatever the bytes, and what is
/// printed and proposed must read back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let problem = JSONFuzzInput.run(Array(UnsafeBufferPointer(start: data, count: size))) {
        fatalError(problem)
    }
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
