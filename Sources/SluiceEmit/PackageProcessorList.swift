import SluiceModel

/// The list of processor targets in `Package.swift`, between two marker lines: the one part of the package manifest
/// `sluice generate` writes.
///
/// Why a written list and not a manifest that lists `Sources/Processors` itself: SwiftPM caches a manifest's
/// evaluation keyed by the manifest's text, so a manifest that reads the folder keeps answering with the folders it
/// saw first, and a processor added later is "no product named ..." until the cache is cleared. A list in the text
/// changes the text, so SwiftPM sees every processor the moment `generate` writes it.
package enum PackageProcessorList {
    /// The package manifest, relative to the project root.
    package static let path = "Package.swift"
    package static let begin = "// sluice:processors:begin"
    package static let end = "// sluice:processors:end"

    /// The processor targets the pipelines declare, sorted.
    package static func targets(_ pipelines: [Pipeline]) -> [String] {
        Set(pipelines.map(\.processor.targetName)).sorted()
    }

    /// The lines between the markers: `let processors = [...]`.
    package static func declaration(_ targets: [String]) -> String {
        "let processors = [\(targets.map { ProcessorSourceEmitter.literal($0) }.joined(separator: ", "))]\n"
    }

    /// Everything a package manifest without the markers needs, for the message that says what to add.
    package static func snippet(_ targets: [String]) -> String {
        """
        \(begin)
        \(declaration(targets))\(end)

        // After `let package = Package(...)`:
        for name in processors {
            package.targets.append(
                .executableTarget(name: name, dependencies: ["SluiceProcessorKit"], path: "Sources/Processors/\\(name)"))
            package.products.append(.executable(name: name, targets: [name]))
        }

        """
    }

    /// What a package manifest says of the processors.
    package enum State: Equatable, Sendable {
        /// The markers hold exactly this list.
        case current
        /// The markers hold another list; `updated` is the manifest with the right one.
        case stale(updated: String)
        /// No markers (an older or hand-written manifest): nothing can be written safely.
        case unmarked
    }

    /// Compares the list in `manifest` with `targets`.
    package static func state(of manifest: String, targets: [String]) -> State {
        var lines = manifest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { isMarker($0, begin) }),
            let last = lines[(first + 1)...].firstIndex(where: { isMarker($0, end) }),
            manifest.contains("for name in processors")
        else { return .unmarked }
        let wanted = declaration(targets).dropLast()
        if last == first + 2, lines[first + 1] == wanted { return .current }
        lines.replaceSubrange((first + 1)..<last, with: [String(wanted)])
        return .stale(updated: lines.joined(separator: "\n"))
    }

    private static func isMarker(_ line: String, _ marker: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            .reversed().elementsEqual(marker)
    }
}
