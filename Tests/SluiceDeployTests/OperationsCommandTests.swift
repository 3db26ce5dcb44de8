import ArgumentParser
import Foundation
import Testing

@testable import SluiceCommands

/// The options `sluice status`, `replay` and `redrive` share and check before any request.
@Suite("operations commands: targets and options refused before any request")
struct OperationsCommandTests {
    /// The message ArgumentParser prints for `arguments`, or nil when they parse.
    private func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try TargetOptions.parse(arguments)
            return nil
        } catch {
            return TargetOptions.message(for: error)
        }
    }

    @Test("--dev and --endpoint exclude each other; an endpoint must be an http(s) URL")
    func targets() throws {
        #expect(refusal(["--dev", "--endpoint", "http://x:1"]) == "give --dev or --endpoint, not both")
        #expect(refusal(["--endpoint", "ftp://127.0.0.1:21"])?.hasPrefix("--endpoint must be an http(s) URL") == true)
        #expect(refusal(["--endpoint", "127.0.0.1:5000"])?.hasPrefix("--endpoint must be an http(s) URL") == true)
        let local = try TargetOptions.parse(["--endpoint", "http://127.0.0.1:5000"])
        let target = try local.resolve(root: FileManager.default.temporaryDirectory)
        #expect(target.headline == "target: local AWS endpoint http://127.0.0.1:5000")
        #expect(target.slug == "local-5000" && target.endpoint == "http://127.0.0.1:5000")
    }

    @Test("--dev without a running `sluice dev up` server fails, saying how to start one")
    func devWithoutServer() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("no-dev-\(UUID().uuidString)")
        #expect(throws: ExitCode(1)) { _ = try TargetOptions.parse(["--dev"]).resolve(root: root) }
    }
}
