import Foundation
import FuzzDriver
import SluiceParquet

/// One input: a schema and rows (see ParquetFuzzInput), written to a Parquet file. The writer must never trap,
/// whatever the values, and the file must check out: PAR1 at both ends, a footer length in range, and every
/// column chunk's pages adding up to its row group's rows and the footer's to the rows written.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParquet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if case .failure(let failure) = ParquetFuzzInput.run(UnsafeBufferPointer(start: data, count: size)) {
        fatalError("the Parquet file written does not check out: \(failure)")
    }
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
