import Foundation
import SluiceCost
import SluiceEmit

/// `sluice cost --base DIR`: the estimate committed in a checkout of the base (`DIR/generated/cost.json`), compared
/// with the branch's.
enum CostBase {
    /// The comparison of `branch` with the base at `directory` (as the user named it): `.missing` when the base has
    /// no estimate (a first pull request, or a base older than the file), or the located reason it cannot be read.
    /// With `pipeline`, only that pipeline of the base is compared.
    static func comparison(
        directory: String, branch: ProjectEstimate, pipeline: String?
    ) -> Result<CostComparison, CostBaseFailure> {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(CostJSON.path)
        let shown = (directory.hasSuffix("/") ? String(directory.dropLast()) : directory) + "/" + CostJSON.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .success(.missing(path: shown))
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(CostBaseFailure(message: "\(shown): error: cannot be read as a file"))
        }
        do {
            var base = try CostBaseline(parsing: Array(data))
            if let pipeline { base = base.only(pipeline) }
            return .success(.delta(CostDelta(base: base, branch: CostBaseline(branch), basePath: shown)))
        } catch {
            return .failure(CostBaseFailure(message: error.located(in: shown)))
        }
    }
}

/// Why `--base`'s estimate could not be read, as one located line.
struct CostBaseFailure: Error {
    var message: String
}
