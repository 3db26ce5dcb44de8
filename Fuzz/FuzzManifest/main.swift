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

/// One input: bytes as a pipeline manifest and as a project file, decoded (errors are diagnostics with locations; a
/// view's SQL is fuzzed as inline `sql`, no file is read) and validated together with the example's project; and
/// its first line as a template and a path (`fuzzTemplate`). Nothing traps, and every diagnostic has a location.
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
    fuzzTemplate(text)
    return 0
}

/// The input's first line as a column template (and a field path), matched against the rest and against itself:
/// a parser refuses with an offset inside the text, and a match is a range of the value or none.
private func fuzzTemplate(_ text: String) {
    let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let pattern = String(lines[0])
    let value = lines.count > 1 ? String(lines[1]) : pattern
    do {
        let template = try Template(parsing: pattern)
        for candidate in [value, pattern, ""] {
            var bytes = candidate
            bytes.withUTF8 { buffer in
                if let range = template.captureRange(buffer), range.isEmpty || range.upperBound > buffer.count {
                    fatalError("capture \(range) of \(buffer.count) bytes")
                }
            }
        }
    } catch {
        if error.offset < 0 || error.offset > pattern.utf8.count { fatalError("template error outside: \(error)") }
    }
    do {
        _ = try FieldPath(parsing: pattern)
    } catch {
        if error.offset < 0 || error.offset > pattern.utf8.count { fatalError("path error outside: \(error)") }
    }
}

exit(sluice_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv))
