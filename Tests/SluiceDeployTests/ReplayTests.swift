import Foundation
import Testing

@testable import SluiceCommands

/// `sluice replay` once the objects are listed: the window, the checkpoint, the rate, the progress.
@Suite("replay: selection, checkpoint, rate and progress")
struct ReplayTests {
    private let since = Date(timeIntervalSince1970: 1_796_126_400)
    private var window: ReplayWindow { ReplayWindow(since: since, until: since.addingTimeInterval(3600)) }

    private func object(_ key: String, _ seconds: TimeInterval) -> LandingObject {
        LandingObject(key: key, lastModified: since.addingTimeInterval(seconds), size: 10)
    }

    private func temporaryRoot() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test("only objects modified in [since, until) are picked, oldest first")
    func selection() {
        let listed = [object("late", 3600), object("b", 10), object("early", -1), object("a", 10), object("c", 0)]
        #expect(Replay.select(listed, window: window).map(\.key) == ["c", "a", "b"])
    }

    @Test("a run records each invoked key; a second run of the same window skips them, another window does not")
    func checkpointResumes() throws {
        let root = try temporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let objects = [object("raw/one", 1), object("raw/two words+plus\nnewline", 2), object("raw/three", 3)]
        var limiter = RateLimiter(perSecond: 100)
        var lines: [String] = []
        var progress = OperationProgress(total: 3, verb: "replayed", isTerminal: false) { lines.append($0) }

        // The first run stops at the third object (the processor refused it).
        let first = try ReplayCheckpoint(root: root, pipeline: "web", target: "local-5000", window: window)
        let outcome = try Replay.run(objects, checkpoint: first, limiter: &limiter, progress: &progress) { object in
            if object.key == "raw/three" { throw ReplayTestFailure() }
        }
        first.close()
        #expect(outcome.invoked == ["raw/one", "raw/two words+plus\nnewline"])
        #expect(outcome.failed.map(\.key) == ["raw/three"])
        #expect(lines.last == "replayed 3/3 FAILED: raw/three\n")

        var invoked: [String] = []
        let second = try ReplayCheckpoint(root: root, pipeline: "web", target: "local-5000", window: window)
        #expect(second.done == ["raw/one", "raw/two words+plus\nnewline"])
        _ = try Replay.run(objects, checkpoint: second, limiter: &limiter, progress: &progress) {
            invoked.append($0.key)
        }
        second.close()
        #expect(invoked == ["raw/three"])

        let otherWindow = ReplayWindow(since: since, until: since.addingTimeInterval(7200))
        #expect(
            try ReplayCheckpoint(root: root, pipeline: "web", target: "local-5000", window: otherWindow).done.isEmpty)
        #expect(try ReplayCheckpoint(root: root, pipeline: "web", target: "aws", window: window).done.isEmpty)
        #expect(try ReplayCheckpoint(root: root, pipeline: "api", target: "local-5000", window: window).done.isEmpty)
    }

    @Test("a torn last line (a run killed mid-write) is ignored: that key is replayed again")
    func tornLine() throws {
        let root = try temporaryRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let checkpoint = try ReplayCheckpoint(root: root, pipeline: "web", target: "aws", window: window)
        try checkpoint.markDone("raw/one")
        checkpoint.close()
        let handle = try FileHandle(forWritingTo: checkpoint.file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\"raw/tw".utf8))
        try handle.close()
        #expect(try ReplayCheckpoint(root: root, pipeline: "web", target: "aws", window: window).done == ["raw/one"])
    }

    @Test("the limiter spaces calls 1/rate apart and never asks to wait after a slow call")
    func rate() {
        var limiter = RateLimiter(perSecond: 4)
        #expect(limiter.delay(at: since) == 0)
        #expect(limiter.delay(at: since) == 0.25)
        #expect(abs(limiter.delay(at: since.addingTimeInterval(0.1)) - 0.4) < 1e-6)
        #expect(limiter.delay(at: since.addingTimeInterval(10)) == 0)
    }

    @Test("on a terminal the progress is one bar redrawn in place, ending with a newline")
    func terminalBar() {
        var written: [String] = []
        var progress = OperationProgress(total: 2, verb: "replayed", isTerminal: true) { written.append($0) }
        progress.advance("a")
        progress.advance("b", failed: true)
        #expect(
            written == [
                "\r[###############...............] 1/2 replayed",
                "\r[##############################] 2/2 replayed, 1 failed\n",
            ])
    }
}

private struct ReplayTestFailure: Error {}
