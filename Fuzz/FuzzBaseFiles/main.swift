import Foundation
import FuzzDriver
import SluiceCost
import SluiceEmit
import SluiceModel

/// One input, read three ways, as the pull request reads what it did not write: as a base's `generated/cost.json`
/// (`sluice cost --base`), as a base's `generated/schema.json` (the schema guard), and, as text, as a crawler
/// schedule the estimate counts runs of. None may trap or hang; a schedule validation accepts must count to a run
/// rate between none and every minute of every day.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBaseFiles(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? CostBaseline(parsing: bytes)
    _ = try? SchemaEmitter.contract(parsing: bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    guard size <= 256, CronRules.scheduleProblem(text) == nil else { return 0 }
    let count = CronRuns.count(Schedule(text))
    guard (0...CronRuns.yearDays).contains(count.matchingDays), (0...1_440).contains(count.runsPerMatchingDay) else {
        fatalError("\(text): \(count)")
    }
    guard count.perDay.isFinite, (0...1_440).contains(count.perDay) else { fatalError("\(text): \(count.perDay)") }
    _ = CronRuns.formula(Schedule(text))
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
