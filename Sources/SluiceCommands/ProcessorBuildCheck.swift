import Foundation
import SluiceEmit
import SluiceModel

/// What on disk would stop a declared processor from building, beyond the generated files (whose drift `check`
/// reports): the package manifest's processor list, and each processor's `Transform.swift` against its manifest.
/// Files in a processor's folder that Sluice neither writes nor reads are the author's: never looked at.
struct ProcessorBuildCheck {
    let root: URL
    let pipelines: [Pipeline]

    /// Every problem, located; `generating` leaves out what `generate` is about to fix (a missing Transform.swift,
    /// a stale processor list).
    func diagnostics(generating: Bool) -> [Diagnostic] {
        var found = packageDiagnostics(generating: generating)
        let folders = targetFolders()
        for pipeline in pipelines.sorted(by: { $0.name < $1.name }) {
            found += transformDiagnostics(pipeline, generating: generating)
            if let folder = folders[pipeline.processor.targetName.lowercased()] {
                found.append(
                    Diagnostic(
                        at: pipeline.processor.origin["name"],
                        "processor '\(pipeline.processor.name)' would be the Swift target "
                            + "'\(pipeline.processor.targetName)', and \(folder) already holds a target of that name "
                            + "(SwiftPM refuses two); name the processor otherwise"))
            }
        }
        return found
    }

    /// The folders of the package's other targets, by lowercased name: SwiftPM's default places, `Sources/<Name>`
    /// and `Tests/<Name>` (a target of the user's own, beside Sluice's, which `PackageModules` cannot know).
    func targetFolders() -> [String: String] {
        var folders: [String: String] = [:]
        for parent in ["Sources", "Tests"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url(parent).path)) ?? []
            for name in names where !name.hasPrefix(".") && name != "Processors" {
                // A folder of sources: Tests/tools (Python) is no target.
                let files = (try? FileManager.default.contentsOfDirectory(atPath: url("\(parent)/\(name)").path)) ?? []
                guard files.contains(where: { Self.isTargetSource($0) }) else { continue }
                folders[name.lowercased()] = "\(parent)/\(name)"
            }
        }
        return folders
    }

    /// The package manifest's processor list: absent markers (a manifest from before the list, or one written by
    /// hand), or a list other than the manifests' processors.
    func packageDiagnostics(generating: Bool) -> [Diagnostic] {
        let path = PackageProcessorList.path
        // No package manifest: the project is built elsewhere (a declarations-only checkout); nothing to compare.
        guard let text = read(path) else { return [] }
        let targets = PackageProcessorList.targets(pipelines)
        let at = SourceLocation(file: url(path).path, line: 1, column: 1)
        switch PackageProcessorList.state(of: text, targets: targets) {
        case .current: return []
        case .stale:
            if generating { return [] }
            return [
                Diagnostic(
                    at: at,
                    "the processor list (between '\(PackageProcessorList.begin)' and '\(PackageProcessorList.end)') "
                        + "is not the manifests' processors (\(targets.joined(separator: ", "))); run `sluice generate`"
                )
            ]
        case .unmarked:
            return [
                Diagnostic(
                    at: at,
                    "builds no processor of \(ProcessorSourceEmitter.folder): it lacks the list `sluice generate` "
                        + "keeps in step with the manifests; add the lines below (the list after the imports, the "
                        + "loop after `let package = Package(...)`), then run `sluice generate`")
            ]
        }
    }

    private static func isTargetSource(_ file: String) -> Bool {
        file == "module.modulemap" || [".swift", ".c", ".cc", ".cpp", ".m"].contains { file.hasSuffix($0) }
    }

    /// The lines a package manifest without the processor list needs, printed after the diagnostics (a
    /// diagnostic is one line); nil when the manifest has the list or there is none.
    func packageSnippet() -> String? {
        guard let text = read(PackageProcessorList.path) else { return nil }
        let targets = PackageProcessorList.targets(pipelines)
        guard PackageProcessorList.state(of: text, targets: targets) == .unmarked else { return nil }
        return PackageProcessorList.snippet(targets)
    }

    /// A missing or unused `Transform.swift`, or one that reads another record than the pipeline's format gives.
    func transformDiagnostics(_ pipeline: Pipeline, generating: Bool) -> [Diagnostic] {
        let path = ProcessorSourceEmitter.transformPath(pipeline)
        let processor = pipeline.processor
        let declared = processor.origin.fields["transform"] ?? processor.origin["name"]
        guard let text = read(path) else {
            guard processor.transform == .swift, !generating else { return [] }
            return [
                Diagnostic(
                    at: declared,
                    "processor '\(processor.name)' declares transform: swift, but \(path) is missing; run "
                        + "`sluice generate`, which writes one to fill")
            ]
        }
        guard processor.transform == .swift else {
            return [
                Diagnostic(
                    .warning, at: SourceLocation(file: url(path).path, line: 1, column: 1),
                    "unused: pipeline '\(pipeline.name)' declares processor.transform: none (the default), so its "
                        + "columns' declarations alone fill the rows; delete this file, or declare "
                        + "`transform: swift` in the pipeline's processor section to run it")
            ]
        }
        let expected = pipeline.source.format.recordTypeName
        guard let found = Self.derivedRecord(in: text), found.name != expected else { return [] }
        return [
            Diagnostic(
                at: SourceLocation(file: url(path).path, line: found.line, column: found.column),
                "the transform reads \(found.name) records, but pipeline '\(pipeline.name)' reads "
                    + "\(pipeline.source.format.rawValue) logs, which parse into \(expected): declare "
                    + "`func derive(_ record: \(expected), into row: inout Columns) throws(LineFailure)`")
        ]
    }

    /// The record type `derive` takes in a transform's source, with its line and column (1-based): a text check,
    /// enough for a file the scaffold started (`func derive(_ record: HAProxyRecord, ...`); nil when not found.
    static func derivedRecord(in text: String) -> (name: String, line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        let key = Array("func derive(".utf8)
        guard var index = bytes.firstRange(of: key)?.upperBound else { return nil }
        // The first parameter's type: after its first ':'.
        guard let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        index = colon + 1
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") {
            index += 1
        }
        let start = index
        while index < bytes.count, isIdentifierByte(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        let before = bytes[..<start]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<start], as: UTF8.self).count + 1
        return (String(decoding: bytes[start..<index], as: UTF8.self), line, column)
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9"))
                .contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    private func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: url(path).path).map { String(decoding: $0, as: UTF8.self) }
    }
}
