import Foundation
import Testing

@testable import SluiceEmit

/// The committed scripts of Sources/SluiceEmit/Workflows/Scripts, as the repository holds them.
private let scriptsFolder = repositoryRoot.appendingPathComponent("Sources/SluiceEmit/Workflows/Scripts")

@Suite("The workflows' committed bash scripts")
struct WorkflowScriptTests {
    @Test("the binary embeds every committed script, byte for byte, and nothing else is a script")
    func committedFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: scriptsFolder.path).sorted()
        #expect(names == WorkflowScript.allCases.map { "\($0.rawValue).sh" }.sorted())
        for script in WorkflowScript.allCases {
            let committed = try String(
                contentsOf: scriptsFolder.appendingPathComponent("\(script.rawValue).sh"), encoding: .utf8)
            #expect(script.fileText == committed, "\(script.rawValue).sh: the embedded copy differs")
        }
    }

    @Test("each script is a bash file with its run marker, and reads its values from the environment only")
    func shape() {
        for script in WorkflowScript.allCases {
            let lines = script.fileText.components(separatedBy: "\n")
            #expect(lines.first == "#!/usr/bin/env bash", "\(script.rawValue).sh: no bash shebang")
            #expect(lines.contains("set -eo pipefail"), "\(script.rawValue).sh: not run as GitHub runs it")
            #expect(lines.filter { $0 == WorkflowScript.runMarker }.count == 1, "\(script.rawValue).sh: one marker")
            #expect(script.fileText.hasSuffix("\n") && !script.fileText.hasSuffix("\n\n"))
            #expect(!script.runLines.isEmpty)
            // A block scalar's first line sets its indentation: one starting with a space would need an indicator.
            #expect(script.runLines.first?.first != " ", "\(script.rawValue).sh: the step starts indented")
            // A GitHub expression in a script would be evaluated into its text: values come through env: only.
            #expect(!script.fileText.contains("${{"), "\(script.rawValue).sh: an expression in a script")
            // Every `source` is one the emitter expands: the step must not read a file the runner lacks.
            // Indented ones too (inside a block), which the expansion would leave as they are.
            for line in script.runLines {
                let command = line.drop { $0 == " " || $0 == "\t" }
                #expect(!command.hasPrefix("source ") && !command.hasPrefix(". "), "\(script.rawValue).sh: \(line)")
            }
        }
    }

    @Test("a sourced sibling is expanded into its lines; any other line is kept as it is")
    func includes() {
        let plan = WorkflowScript.pullRequestPlan.runLines
        let images = WorkflowScript.currentImages.runLines
        #expect(Array(plan.prefix(images.count)) == images)
        #expect(plan[images.count] == "mkdir -p plans")
        #expect(WorkflowScript.driftIssues.runLines.starts(with: WorkflowScript.fitBody.runLines))
        #expect(
            WorkflowScript.included(
                directive: "# shellcheck source=fit-body.sh", source: "source \"${BASH_SOURCE[0]%/*}/fit-body.sh\"")
                == .fitBody)
        // A mismatched pair, or a file that is not a script of the folder, is not an include.
        #expect(
            WorkflowScript.included(
                directive: "# shellcheck source=fit-body.sh", source: "source \"${BASH_SOURCE[0]%/*}/other.sh\"")
                == nil)
        #expect(
            WorkflowScript.included(
                directive: "# shellcheck source=other.sh", source: "source \"${BASH_SOURCE[0]%/*}/other.sh\"") == nil)
        #expect(RunScript(.deployImageDigests, .deployApply).text.hasSuffix(RunScript(.deployApply).text))
    }

    @Test("the fixed values the scripts spell out are Sluice's constants")
    func constants() {
        #expect(WorkflowScript.pullRequestComment.fileText.contains("marker='\(WorkflowEmitter.commentMarker)'"))
        #expect(WorkflowScript.pullRequestComment.fileText.contains("contains(\"\(WorkflowEmitter.commentMarker)\")"))
        let limit = WorkflowEmitter.bodyLimit
        #expect(WorkflowScript.fitBody.fileText.contains("(($(wc -c <\"$file\") > \(limit)))"))
        #expect(WorkflowScript.fitBody.fileText.contains("head -c \"$((\(limit) - ${#note} - 3))\""))
        let check = WorkflowScript.pullRequestCheck.fileText
        #expect(check.contains("dnf install -y --quiet --releasever=\(DockerfileEmitter.amazonLinuxRelease) \\\n"))
        #expect(check.contains("\n      \(DockerfileEmitter.builderPackages.joined(separator: " "))\n"))
        #expect(check.contains(" sluice cost --format markdown --base \(WorkflowSteps.basePath) >plans/cost.md\n"))
        let comment = WorkflowScript.pullRequestComment.fileText
        #expect(comment.contains("sed '/^\(CostMarkdown.detailsMarker)$/,$d' plans/cost.md"))
        #expect(comment.contains("head -c \(CostMarkdown.summaryBudget) \"$body.cost\""))
    }

    @Test("every script runs in some generated workflow")
    func used() throws {
        let workflows = try exampleFiles().filter { $0.path.hasPrefix(WorkflowEmitter.folder) }.map(\.contents)
        for script in WorkflowScript.allCases {
            let block = script.runLines.map { $0.isEmpty ? "" : "          \($0)" }.joined(separator: "\n")
            #expect(workflows.contains { $0.contains(block) }, "\(script.rawValue).sh runs in no workflow")
        }
    }
}
