import Foundation
import Testing

@testable import SluiceCommands

/// `sluice status` from plain values: the screen and the exit status.
@Suite("status: one screen per pipeline, exit 2 on trouble")
struct StatusRenderingTests {
    private let now = Date(timeIntervalSince1970: 1_796_126_400)  // 2026-12-01T12:00:00Z

    private func status(alarm: String = "OK", depth: Int = 0, errors: [String] = []) -> PipelineStatus {
        PipelineStatus(
            pipeline: "web", accounts: ["production 111111111111 (eu-west-1)", "analytics 222222222222 (eu-west-1)"],
            alarms: [
                .init(name: "acme-web-no-rows", account: "analytics", state: "OK", reason: "fine", updated: nil),
                .init(
                    name: "acme-web-lambda-errors", account: "analytics", state: alarm, reason: "Threshold crossed",
                    updated: now.addingTimeInterval(-600)),
            ],
            queues: [
                .init(name: "acme-web-events-dlq", visible: depth, inFlight: 0),
                .init(name: "acme-web-processor-dlq", visible: 0, inFlight: 0),
            ],
            activity: .init(
                table: "requests", rows: 990, quarantined: 10, objects: 4, lastObject: now.addingTimeInterval(-1800),
                period: 60),
            logGroup: "/aws/lambda/acme-web-parser", errors: errors)
    }

    @Test("the screen: alarms in ALARM first with reason and time, queues with the redrive command, the last day")
    func screen() {
        let text = status(alarm: "ALARM", depth: 3).render(now: now)
        #expect(
            text == """
                pipeline web: production 111111111111 (eu-west-1), analytics 222222222222 (eu-west-1)
                  alarms: 1 in ALARM of 2
                    ALARM             acme-web-lambda-errors  (analytics) since 2026-12-01T11:50:00Z: Threshold crossed
                    OK                acme-web-no-rows        (analytics)
                  dead-letter queues:
                    acme-web-events-dlq     3 messages: `sluice redrive --pipeline web`
                    acme-web-processor-dlq  0 messages
                  last 24 hours, table requests: 990 rows, 10 quarantined (1.00%), 4 objects
                  last object processed: in the minute from 2026-12-01T11:30:00Z (30 min ago); its key: see the \
                function's log, /aws/lambda/acme-web-parser

                """)
    }

    @Test("exit 2 for an alarm in ALARM or a message in a queue, even beside an error; 1 for errors; 0 when clear")
    func exitCodes() {
        #expect(PipelineStatus.exitCode([status()]) == 0)
        #expect(PipelineStatus.exitCode([status(), status(alarm: "ALARM")]) == 2)
        #expect(PipelineStatus.exitCode([status(depth: 1)]) == 2)
        #expect(PipelineStatus.exitCode([status(alarm: "INSUFFICIENT_DATA")]) == 0)
        #expect(PipelineStatus.exitCode([status(errors: ["SQS: access denied"])]) == 1)
        #expect(PipelineStatus.exitCode([status(depth: 1, errors: ["CloudWatch: throttled"])]) == 2)
    }

    @Test("no alarms and no activity are said, not left blank")
    func empty() {
        var quiet = status()
        quiet.alarms = []
        quiet.activity?.lastObject = nil
        let text = quiet.render(now: now)
        #expect(text.contains("alarms: none found"))
        #expect(text.contains("last object processed: none in the last 24 hours"))
    }
}
