/// The API's endpoints as sample traffic uses them: mostly `/integrations/<integration_id>/...`, a little of the
/// rest of the API, each with its method, share of traffic, answers, latency and response size.
enum SampleEndpoint: CaseIterable {
    case getStatus, getIntegration, getConfig, listEvents, listRuns, getRun
    case sync, webhook, startRun, test
    case putConfig, putCredentials
    case deleteIntegration, deleteRun
    case getAccount, getPreferences, token

    /// Requests in ten thousand: GET 70%, POST 22%, PUT 5%, DELETE 3%; 92% under `/integrations/`.
    var share: Int {
        switch self {
        case .getStatus: 2300
        case .getIntegration: 1000
        case .getConfig: 800
        case .listEvents: 1200
        case .listRuns: 800
        case .getRun: 500
        case .sync: 800
        case .webhook: 700
        case .startRun: 300
        case .test: 200
        case .putConfig: 350
        case .putCredentials: 150
        case .deleteIntegration: 100
        case .deleteRun: 200
        case .getAccount: 400
        case .getPreferences: 200
        case .token: 200
        }
    }

    var method: StaticString {
        switch self {
        case .getStatus, .getIntegration, .getConfig, .listEvents, .listRuns, .getRun, .getAccount, .getPreferences:
            "GET"
        case .sync, .webhook, .startRun, .test, .token: "POST"
        case .putConfig, .putCredentials: "PUT"
        case .deleteIntegration, .deleteRun: "DELETE"
        }
    }

    /// Changes something, so it may carry a body and be refused for it.
    var isWrite: Bool {
        switch self {
        case .getStatus, .getIntegration, .getConfig, .listEvents, .listRuns, .getRun, .getAccount, .getPreferences:
            false
        default: true
        }
    }

    var backend: SampleRequest.Backend {
        switch self {
        case .getAccount, .getPreferences, .token: .core
        default: .integrations
        }
    }

    /// Vendors call webhooks, not users: no `X-User-Id`, and the vendor's address.
    var isWebhook: Bool { self == .webhook }

    /// A conditional GET of this may be answered 304.
    var isCacheable: Bool {
        switch self {
        case .getStatus, .getIntegration, .getConfig, .getAccount, .getPreferences: true
        default: false
        }
    }

    /// The status of a successful answer.
    var successStatus: Int {
        switch self {
        case .startRun: 201
        case .webhook, .deleteIntegration, .deleteRun: 204
        default: 200
        }
    }

    var latency: LongTail {
        switch self {
        case .listEvents, .listRuns: Self.listLatency
        case .sync, .startRun, .test, .putCredentials, .token: Self.workLatency
        default: Self.readLatency
        }
    }

    /// The body of a successful answer, in bytes.
    var body: LongTail {
        switch self {
        case .listEvents, .listRuns: Self.listBody
        case .getIntegration, .getConfig, .getRun, .getAccount, .getPreferences, .putConfig, .startRun: Self.objectBody
        default: Self.smallBody
        }
    }

    /// Milliseconds to the response's headers (`%Tr`).
    private static let readLatency = LongTail([
        (1...12, 55), (13...40, 30), (41...150, 11), (151...800, 3), (801...5000, 1),
    ])
    private static let listLatency = LongTail([
        (5...30, 30), (31...120, 40), (121...600, 22), (601...3000, 6), (3001...20000, 2),
    ])
    private static let workLatency = LongTail([
        (10...50, 25), (51...250, 40), (251...1200, 25), (1201...6000, 8), (6001...29000, 2),
    ])
    private static let smallBody = LongTail([(20...400, 60), (401...1500, 30), (1501...6000, 10)])
    private static let objectBody = LongTail([
        (300...1500, 50), (1501...6000, 35), (6001...30000, 12), (30001...120_000, 3),
    ])
    private static let listBody = LongTail([
        (500...4000, 30), (4001...20000, 40), (20001...100_000, 22), (100_001...600_000, 7),
        (600_001...4_000_000, 1),
    ])

    /// The path and query, for the integration numbered `integration`, into `out`.
    func appendTarget(
        integration: Int, user: Int, at millis: Int64, _ random: inout SplitMix64, to out: inout [UInt8]
    ) {
        switch backend {
        case .integrations:
            out.appendASCII("/integrations/")
            SampleDirectory.appendIntegrationID(integration, to: &out)
        case .core, .frontend:
            break
        }
        switch self {
        case .getStatus:
            out.appendASCII("/status")
            if random.perMille(50) { out.appendASCII("?verbose=true") }
        case .getIntegration, .deleteIntegration:
            break
        case .getConfig, .putConfig:
            out.appendASCII("/config")
        case .listEvents:
            out.appendASCII("/events?")
            if random.perMille(300) {
                out.appendASCII("cursor=")
                for _ in 0..<4 { out.appendHex(UInt16(truncatingIfNeeded: random.next()) | 0x1000) }
                out.append(UInt8(ascii: "&"))
            } else {
                // The last few minutes or hours, to the minute, as dashboards poll.
                let since = millis - Int64(random.within(1...240)) * 60_000
                out.appendASCII("since=")
                SampleDate.appendISO(since - since % 60_000, to: &out)
                out.append(UInt8(ascii: "&"))
            }
            out.appendASCII("limit=")
            out.appendDecimal([50, 100, 100, 200][random.below(4)])
        case .listRuns:
            out.appendASCII("/runs")
            if random.perMille(600) {
                out.appendASCII("?limit=20&page=")
                out.appendDecimal(1 + random.below(random.below(8) + 1))
            }
        case .getRun, .deleteRun:
            out.appendASCII("/runs/r-")
            out.appendHex(UInt16(truncatingIfNeeded: random.next()) | 0x1000)
            out.appendHex(UInt16(truncatingIfNeeded: random.next()) | 0x1000)
        case .sync: out.appendASCII("/sync")
        case .webhook: out.appendASCII("/webhook")
        case .startRun: out.appendASCII("/runs")
        case .test: out.appendASCII("/test")
        case .putCredentials: out.appendASCII("/credentials")
        case .getAccount: out.appendASCII("/v1/accounts/me")
        case .getPreferences:
            out.appendASCII("/v1/users/u-")
            out.appendDecimal(user, width: 6)
            out.appendASCII("/preferences")
        case .token: out.appendASCII("/oauth/token")
        }
    }
}
