import Foundation
import Testing

@testable import SluiceCommands

/// `--since` and `--until` of `sluice replay`: ISO 8601, a date alone, or a time back from now.
@Suite("replay times and windows")
struct OperationTimeTests {
    private let now = Date(timeIntervalSince1970: 1_796_126_400)  // 2026-12-01T12:00:00Z

    @Test("ISO 8601 instants, with Z, an offset or fractional seconds, and a date alone at its midnight UTC")
    func absolute() throws {
        #expect(try OperationTime.parse("2026-12-01T10:00:00Z", now: now) == now.addingTimeInterval(-7200))
        #expect(try OperationTime.parse("2026-12-01T11:00:00+01:00", now: now) == now.addingTimeInterval(-7200))
        #expect(try OperationTime.parse("2026-12-01T10:00:00.500Z", now: now) == now.addingTimeInterval(-7199.5))
        #expect(try OperationTime.parse("2026-12-01", now: now) == now.addingTimeInterval(-43200))
    }

    @Test("relative times count back from now in minutes, hours and days")
    func relative() throws {
        #expect(try OperationTime.parse("90m", now: now) == now.addingTimeInterval(-5400))
        #expect(try OperationTime.parse("24h", now: now) == now.addingTimeInterval(-86400))
        #expect(try OperationTime.parse("7d", now: now) == now.addingTimeInterval(-7 * 86400))
    }

    @Test(
        "anything else is refused with the forms that are accepted",
        arguments: [
            "", "yesterday", "24", "h", "0h", "-3h", "24 h", "1.5h", "12345678901d", "2026-13-01", "2026-12-01T10:00",
            "01/12/2026", "2026-12-01T10:00:00",
        ])
    func refused(text: String) {
        #expect {
            _ = try OperationTime.parse(text, now: now)
        } throws: { error in
            let message = "\(error)"
            return message.contains("'\(text)' is not a time") && message.contains("24h")
                && message.contains("2026-12-01T10:00:00Z")
        }
    }

    @Test("a window: --until defaults to now; it must come after --since, said with both times")
    func window() throws {
        let window = try ReplayWindow.parse(since: "24h", until: nil, now: now)
        #expect(window == ReplayWindow(since: now.addingTimeInterval(-86400), until: now))
        #expect(window.contains(now.addingTimeInterval(-86400)) && !window.contains(now))
        #expect {
            _ = try ReplayWindow.parse(since: "2026-12-01", until: "2026-11-30", now: now)
        } throws: { error in
            "\(error)" == "--until (2026-11-30T00:00:00Z) must be after --since (2026-12-01T00:00:00Z)"
        }
        #expect {
            _ = try ReplayWindow.parse(since: "1h", until: "1h", now: now)
        } throws: { error in "\(error)".hasPrefix("--until (") }
        #expect {
            _ = try ReplayWindow.parse(since: "soon", until: nil, now: now)
        } throws: { error in "\(error)".hasPrefix("--since: 'soon' is not a time") }
        #expect {
            _ = try ReplayWindow.parse(since: "1d", until: "later", now: now)
        } throws: { error in "\(error)".hasPrefix("--until: 'later' is not a time") }
    }
}
