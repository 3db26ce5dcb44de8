import Foundation

/// One object of the landing bucket, as listed.
struct LandingObject: Equatable {
    var key: String
    var lastModified: Date
    var size: Int
}

/// What `sluice replay` does once the objects are listed: picks those of the window, skips those a checkpoint
/// holds, and hands each to `invoke` at the rate given, recording each accepted one in the checkpoint.
struct Replay {
    /// The objects of `listed` modified within `window`, oldest first.
    static func select(_ listed: [LandingObject], window: ReplayWindow) -> [LandingObject] {
        listed.filter { window.contains($0.lastModified) }.sorted {
            ($0.lastModified, $0.key) < ($1.lastModified, $1.key)
        }
    }

    /// How a run ended.
    struct Outcome: Equatable {
        var invoked: [String] = []
        var failed: [(key: String, reason: String)] = []

        static func == (left: Outcome, right: Outcome) -> Bool {
            left.invoked == right.invoked && left.failed.map(\.key) == right.failed.map(\.key)
                && left.failed.map(\.reason) == right.failed.map(\.reason)
        }
    }

    /// Hands each of `objects` not in `checkpoint` to `invoke` (which throws when the processor did not take it),
    /// spaced by `limiter`, recording each taken one in `checkpoint`; a failure is reported and the run goes on.
    static func run(
        _ objects: [LandingObject], checkpoint: ReplayCheckpoint, limiter: inout RateLimiter,
        progress: inout OperationProgress, invoke: (LandingObject) throws -> Void
    ) throws -> Outcome {
        var outcome = Outcome()
        for object in objects where !checkpoint.done.contains(object.key) {
            limiter.wait()
            do {
                try invoke(object)
            } catch {
                outcome.failed.append((object.key, "\(error)"))
                progress.advance(object.key, failed: true)
                continue
            }
            try checkpoint.markDone(object.key)
            outcome.invoked.append(object.key)
            progress.advance(object.key)
        }
        return outcome
    }
}
