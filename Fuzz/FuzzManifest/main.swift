import Foundation
import FuzzDriver
import SluiceModel

/// The example's project file, so that a fuzzed manifest is validated against a real project.
private let exampleProject = """
    project:
      name: acme-logs
      prefix: acme

    accounts:
      - name: production
        id: "111111111111"
        region: eu-west-1
        deploy_role: arn:aws:iam::111111111111:role/sluice-deploy
        plan_role: arn:aws:iam::111111111111:role/sluice-plan
      - name: analytics
        id: "222222222222"
        region: eu-west-1
        deploy_role: arn:aws:iam::222222222222:role/sluice-deploy
        plan_role: arn:aws:iam::222222222222:role/sluice-plan

    state:
      bucket: acme-terraform-state-222222222222
      key_prefix: sluice
      region: eu-west-1
      account: analytics
      use_lockfile: true

    github:
      oidc_role: arn:aws:iam::222222222222:role/sluice-github-deploy
      oidc_plan_role: arn:aws:iam::222222222222:role/sluice-github-plan
      region: eu-west-1
      environment: production

    tags:
      team: data-platform
      cost-center: analytics
    """

/// Decoded once: every input is validated against it.
private let example: Project? = {
    var diagnostics = Diagnostics()
    return ProjectDecoder.decode(exampleProject, path: "pipelines/sluice.yaml", diagnostics: &diagnostics)
}()

/// One input: bytes as a pipeline manifest and as a project file, decoded (errors are diagnostics
/// with locations; a view's SQL is fuzzed as inline `sql`, no file is read) and validated together with the
/// example's project. Nothing traps, and every diagnostic has a location.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var diagnostics = Diagnostics()
    let pipeline = PipelineDecoder.decode(text, path: "pipelines/fuzz.yaml", diagnostics: &diagnostics)
    let project = ProjectDecoder.decode(text, path: "pipelines/sluice.yaml", diagnostics: &diagnostics)
    if let fixed = example {
        diagnostics.append(contentsOf: Validator.validate(project: fixed, pipelines: pipeline.map { [$0] } ?? []))
    }
    if let project {
        diagnostics.append(contentsOf: Validator.validate(project: project, pipelines: pipeline.map { [$0] } ?? []))
    }
    for diagnostic in diagnostics.all where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
        fatalError("diagnostic without a location: \(diagnostic)")
    }
    return 0
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
