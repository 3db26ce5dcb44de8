import Foundation
import FuzzDriver
import SluiceDeploy

/// One input: bytes as `terraform show -json` output. Decoding fails with an error or gives a plan,
/// whose summary then renders as text and Markdown; nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let plan = try? Plan.decode(Data(bytes: data, count: size)) else { return 0 }
    let summary = PlanSummary(stack: "fuzz", plan: plan)
    _ = summary.text()
    _ = summary.markdown(limit: 2_000)
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
