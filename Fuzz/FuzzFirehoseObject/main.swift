import Foundation
import FuzzDriver
import SluiceProcessing

/// One input: bytes as a Firehose object, through the processor (the first byte chooses the format, gzip or
/// not, and the chunk size: see `ObjectFuzzInput`). Whatever the bytes, the run must balance: every line a row
/// or quarantined, every byte in a member or an unreadable range, the ranges in order, apart and inside the
/// object.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFirehoseObject(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let problem = ObjectFuzzInput.run(Array(UnsafeBufferPointer(start: data, count: size))) {
        fatalError(problem)
    }
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
