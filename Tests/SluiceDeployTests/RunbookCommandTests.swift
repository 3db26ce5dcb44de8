import ArgumentParser
import Foundation
import Testing

@testable import SluiceCommands

/// The runbook in generated/README.md tells the on-call engineer what to run: every `sluice status`, `replay`
/// and `redrive` it cites must be a command line `sluice` accepts.
@Suite("runbook commands parse")
struct RunbookCommandTests {
    @Test("every status, replay and redrive command of generated/README.md parses (TIME given as 24h)")
    func runbookCommandsParse() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("generated/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let prefixes = ["sluice status", "sluice replay", "sluice redrive"]
        let commands = text.split(separator: "`").map(String.init).filter { quoted in
            prefixes.contains { quoted.hasPrefix($0) }
        }
        #expect(
            commands.contains { $0.hasPrefix("sluice replay") } && commands.contains { $0.hasPrefix("sluice redrive") })
        for command in Set(commands) {
            let arguments = command.split(separator: " ").dropFirst().map { $0 == "TIME" ? "24h" : String($0) }
            #expect(throws: Never.self, "\(command)") { _ = try Sluice.parseAsRoot(arguments) }
        }
    }
}
