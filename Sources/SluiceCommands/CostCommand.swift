import ArgumentParser
import Foundation
import SluiceCost
import SluiceEmit
import SluiceModel

/// `sluice cost`: each pipeline's monthly estimate, priced with the committed price table, as text, Markdown or JSON;
/// with `--base`, compared with the estimate a checkout of the base committed.
struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract:
            "Estimate each pipeline's monthly AWS cost, per stage and account, with the formulas and alternatives.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: "The pipeline to estimate (all when omitted).")
    var pipeline: String?

    @Option(name: .long, help: "text (default), markdown or json (what generated/cost.json holds).")
    var format: Format = .text

    @Option(
        name: .long,
        help: "A checkout of the base: its generated/cost.json is compared with this estimate (missing: no comparison)."
    )
    var base: String?

    func run() throws {
        let workspace = try options.loadOrExit()
        guard let project = workspace.project else { throw ExitCode(1) }
        var pipelines = workspace.pipelines
        if let pipeline { pipelines = [try SluiceCommands.pipeline(named: pipeline, in: workspace)] }
        let estimate = CostModel.estimate(project: project, pipelines: pipelines, prices: .committed)
        var comparison = CostComparison.none
        if let base {
            switch CostBase.comparison(directory: base, branch: estimate, pipeline: pipeline) {
            case .success(let found): comparison = found
            case .failure(let failure):
                printError(failure.message)
                throw ExitCode(1)
            }
        }
        switch format {
        case .text: print(CostText.report(estimate, project: project.name, comparison: comparison), terminator: "")
        case .markdown: print(CostMarkdown.report(estimate, comparison: comparison), terminator: "")
        case .json: print(CostJSON.document(estimate, comparison: comparison), terminator: "")
        }
    }
}
