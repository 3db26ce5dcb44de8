/// Draws the requests of sample traffic: who calls (a few heavy accounts and a long tail), what they call, and
/// how it ends, with the timers, sizes and counters HAProxy logs for each ending.
struct TrafficModel {
    /// How a request ended, each with the fields HAProxy logs for it.
    enum Outcome {
        /// A server answered.
        case served
        /// `api-http` redirected to HTTPS: 301, `<NOSRV>`, `LR--`.
        case redirect
        /// A request HAProxy could not parse: 400, `<BADREQ>`, `PR--`.
        case badRequest
        /// The client sent no complete request within `timeout http-request`: 408, `<BADREQ>`, `cR--`.
        case requestTimeout
        /// Over the account's rate limit (`http-request deny deny_status 429`): `PR--` in the frontend.
        case rateLimited
        /// Denied by an ACL: 403, `PR--`.
        case denied
        /// No server up: 503, `<NOSRV>`, `SC--`, no connect or response time.
        case noServer
        /// The server did not answer within `timeout server`: 504, `sH--`.
        case serverTimeout
        /// The server closed before its headers: 502, `SH--`.
        case serverAborted
        /// The client went away during the body: `CD--`, part of the bytes.
        case clientAbortedData
        /// The server stalled during the body: `sD--`.
        case serverTimeoutData
        /// The client went away before the response: status -1, `CH--`.
        case clientAbortedWaiting
    }

    private static let outcomes = Weighted<Outcome>([
        (.served, 97_700), (.redirect, 400), (.badRequest, 40), (.requestTimeout, 40), (.rateLimited, 700),
        (.denied, 150), (.noServer, 200), (.serverTimeout, 120), (.serverAborted, 150), (.clientAbortedData, 300),
        (.serverTimeoutData, 40), (.clientAbortedWaiting, 160),
    ])
    private static let endpoints = Weighted(SampleEndpoint.allCases.map { ($0, $0.share) })
    /// Client errors and failures a server sends instead of the endpoint's success, in ten thousand.
    private static let serverErrors = Weighted<Int>([
        (0, 9_690), (404, 120), (401, 80), (400, 60), (403, 30), (500, 20),
    ])
    /// Writes are refused for bad input more often.
    private static let writeErrors = Weighted<Int>([
        (0, 9_540), (404, 100), (401, 60), (400, 250), (403, 30), (500, 20),
    ])
    private static let requestTime = LongTail([(0...0, 62), (1...5, 30), (6...60, 7), (61...2000, 1)])
    private static let headerBytes = LongTail([(180...320, 1)])
    /// `timeout server`, `timeout http-request`.
    private static let serverTimeoutMillis = 30_000
    private static let requestTimeoutMillis = 5_000
    /// The documentation networks 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24.
    private static let networks: [UInt32] = [0xC000_0200, 0xC633_6400, 0xCB00_7100]

    private var random: SplitMix64
    private(set) var clock: TrafficClock
    private let accountRanks: Weighted<Int>
    /// Account numbers by rank, shuffled so the heaviest account is not always `acct-000001`.
    private let accountByRank: [Int]
    private let integrationRanks: Weighted<Int>
    private let integrationByRank: [Int]
    private let unknownAccountFraction: Double
    private let requestsPerSecond: Double
    /// Mixed into addresses and preferences, so that other seeds give other clients.
    private let salt: UInt64

    init(options: SampleOptions) {
        random = SplitMix64(seed: options.seed, stream: SampleStream.traffic)
        clock = TrafficClock(startMillis: options.startTime, requestsPerSecond: options.requestsPerSecond)
        accountRanks = .zipf(count: options.accountCount)
        integrationRanks = .zipf(count: options.integrationCount)
        var accounts = Array(1...options.accountCount)
        var integrations = Array(1...options.integrationCount)
        Self.shuffle(&accounts, &random)
        Self.shuffle(&integrations, &random)
        accountByRank = accounts
        integrationByRank = integrations
        unknownAccountFraction = options.unknownAccountFraction
        requestsPerSecond = options.requestsPerSecond
        salt = random.next()
    }

    /// Moves the clock to the next request.
    mutating func advanceClock() {
        clock.advance(&random)
    }

    /// The next request, at the clock's time. `unknownAccount` says whether its account is outside the directory.
    mutating func next() -> (request: SampleRequest, unknownAccount: Bool) {
        let rank = accountRanks.pick(&random)
        let unknown = random.chance(unknownAccountFraction)
        // Unknown accounts are numbered beyond any directory (see `SampleOptions.maximumAccountCount`).
        let account = unknown ? 900_000 + random.below(100_000) : accountByRank[rank]
        let endpoint = Self.endpoints.pick(&random)
        let outcome = Self.outcomes.pick(&random)
        let user = userNumber(account: account, rank: unknown ? 1_000 : rank)
        let integration = pickIntegration(account: account)

        let frontend: SampleRequest.Frontend = outcome == .redirect ? .plain : .api
        let client = endpoint.isWebhook ? vendorAddress(integration) : clientAddress(account: account, user: user)
        var request = SampleRequest(
            client: client, clientPort: random.within(32_768...65_535), acceptMillis: clock.millis,
            frontend: frontend, backend: endpoint.backend)
        request.account = account
        request.integration = endpoint.backend == .integrations ? integration : nil
        request.isWebhook = endpoint.isWebhook
        request.user = endpoint.isWebhook || random.perMille(30) ? nil : user
        var target: [UInt8] = []
        endpoint.appendTarget(integration: integration, user: user, at: clock.millis, &random, to: &target)
        let http2 = frontend == .api && mix(UInt64(account)) % 10 < 3 && random.perMille(900)
        request.line = SampleRequest.Line(method: endpoint.method, target: target, http2: http2)

        fillConnections(&request)
        switch outcome {
        case .served, .clientAbortedData, .serverTimeoutData, .clientAbortedWaiting, .serverTimeout, .serverAborted:
            serve(&request, endpoint: endpoint, outcome: outcome)
        case .redirect, .badRequest, .requestTimeout, .rateLimited, .denied, .noServer:
            answerInHAProxy(&request, outcome: outcome, backend: endpoint.backend)
        }
        // A request too broken to name its host names no account at all.
        return (request, unknown && request.account != nil)
    }

    /// A server got the request: its timers, status and size.
    private mutating func serve(_ request: inout SampleRequest, endpoint: SampleEndpoint, outcome: Outcome) {
        request.server = 1 + random.below(request.backend.servers)
        request.requestTime = Self.requestTime.draw(&random)
        if endpoint.isWrite && random.perMille(200) { request.requestTime += random.within(1...40) }
        if random.perMille(5) {
            request.serverQueue = random.within(1...5)
            request.backendQueue = random.below(4)
            request.queueTime = random.within(1...200)
        }
        request.connectTime = random.perMille(700) ? 0 : random.perMille(830) ? 1 : random.within(2...15)
        if random.perMille(5) {
            // A connection refused or timed out, then retried: on the same server, or redispatched.
            request.retries = 1
            request.redispatched = random.perMille(200)
            request.connectTime += random.within(1000...3000)
        }
        let before = request.requestTime + request.queueTime + request.connectTime
        let headers = Self.headerBytes.draw(&random)
        request.headerBytes = headers

        var status = endpoint.successStatus
        if endpoint.isCacheable && random.perMille(40) { status = 304 }
        let error = (endpoint.isWrite ? Self.writeErrors : Self.serverErrors).pick(&random)
        if error != 0 { status = error }
        if status == 401 { request.user = nil }
        let body =
            status == 204 || status == 304
            ? 0 : status == endpoint.successStatus ? endpoint.body.draw(&random) : random.within(60...400)
        request.responseTime = endpoint.latency.draw(&random)
        request.status = status
        request.bytes = headers + body
        // The body's transfer: a few milliseconds, more for large bodies.
        let transfer = body / 20_000 + random.below(3)
        request.totalTime = before + request.responseTime + transfer

        switch outcome {
        case .clientAbortedData:
            request.termination = "CD--"
            request.bytes = headers + random.below(body + 1)
        case .serverTimeoutData:
            request.termination = "sD--"
            request.bytes = headers + random.below(body + 1)
            request.totalTime = before + request.responseTime + Self.serverTimeoutMillis
        case .clientAbortedWaiting:
            request.termination = "CH--"
            request.totalTime = before + random.within(1...request.totalTime - before + 5)
            request.status = -1
            request.bytes = 0
            request.responseTime = -1
        case .serverTimeout:
            request.termination = "sH--"
            request.status = 504
            request.bytes = 194
            request.responseTime = -1
            request.totalTime = before + Self.serverTimeoutMillis
        case .serverAborted:
            request.termination = "SH--"
            request.totalTime = before + random.within(1...request.responseTime + 2)
            request.status = 502
            request.bytes = 209
            request.responseTime = -1
        case .served, .redirect, .badRequest, .requestTimeout, .rateLimited, .denied, .noServer:
            break
        }
    }

    /// HAProxy answered itself, before any server: no server, no connect or response time.
    private mutating func answerInHAProxy(
        _ request: inout SampleRequest, outcome: Outcome, backend: SampleRequest.Backend
    ) {
        request.server = nil
        request.queueTime = -1
        request.connectTime = -1
        request.responseTime = -1
        request.serverConnections = 0
        request.requestTime = Self.requestTime.draw(&random)
        request.totalTime = request.requestTime + random.below(2)
        request.backend = .frontend
        request.backendConnections = 0
        switch outcome {
        case .redirect:
            request.status = 301
            request.bytes = random.within(90...160)
            request.termination = "LR--"
            request.frontendConnections = random.within(1...8)
            request.line?.http2 = false
        case .badRequest:
            request.status = 400
            request.bytes = random.within(180...230)
            request.termination = "PR--"
            request.requestTime = -1
            request.line = nil
            request.account = nil
            request.user = nil
        case .requestTimeout:
            request.status = 408
            request.bytes = 212
            request.termination = "cR--"
            request.requestTime = -1
            request.totalTime = Self.requestTimeoutMillis + random.below(3)
            request.line = nil
            request.account = nil
            request.user = nil
        case .rateLimited:
            request.status = 429
            request.bytes = random.within(120...180)
            request.termination = "PR--"
        case .denied:
            request.status = 403
            request.bytes = random.within(180...230)
            request.termination = "PR--"
        case .noServer:
            // The backend was chosen; none of its servers was up.
            request.backend = backend
            request.status = 503
            request.bytes = random.within(200...230)
            request.termination = "SC--"
            request.backendConnections = random.below(3)
        case .served, .clientAbortedData, .serverTimeoutData, .clientAbortedWaiting, .serverTimeout,
            .serverAborted:
            break
        }
        // HAProxy's own answers: a short status line and a few headers in front of a small page.
        request.headerBytes = min(request.bytes, 120)
    }

    /// `%ac/%fc/%bc/%sc`: the process's connections follow the load; each narrower count is part of the wider.
    private mutating func fillConnections(_ request: inout SampleRequest) {
        let expected = (40 + requestsPerSecond * 25) * clock.load
        let active = max(1, Int(min(expected, 100_000)) + random.below(20))
        let frontend = max(1, active - random.below(active / 10 + 1))
        let share = request.backend == .integrations ? 6 : 3
        let backend = min(frontend, frontend * share / 10 + random.below(5))
        let servers = max(request.backend.servers, 1)
        request.activeConnections = active
        request.frontendConnections = frontend
        request.backendConnections = backend
        request.serverConnections = min(backend, backend / servers + random.below(3))
    }

    /// Users of an account are `u-` and six digits, numbered by account; big accounts have more of them, and a
    /// few of them make most of the calls.
    private mutating func userNumber(account: Int, rank: Int) -> Int {
        let users = max(2, min(50, 200 / (rank + 4)))
        let index = random.below(random.below(users) + 1)
        return account >= 900_000 ? random.below(1_000_000) : (account - 1) * 50 + index + 1
    }

    /// Mostly the integrations everyone uses; a third of the time, the account's own favourite.
    private mutating func pickIntegration(account: Int) -> Int {
        let count = integrationByRank.count
        if random.perMille(330) {
            return integrationByRank[Int(mix(UInt64(account) &+ 7) % UInt64(count))]
        }
        return integrationByRank[integrationRanks.pick(&random)]
    }

    /// An account calls from a few addresses; a fifth of accounts are on IPv6 networks, most of the time.
    private mutating func clientAddress(account: Int, user: Int) -> SampleRequest.Client {
        let slot = UInt64(user % 3)
        let hash = mix(UInt64(account) << 8 | slot)
        if mix(UInt64(account)) % 5 == 0 && random.perMille(800) {
            return .ipv6(UInt16(truncatingIfNeeded: hash), UInt16(truncatingIfNeeded: hash >> 16), UInt16(slot + 1))
        }
        return .ipv4(Self.networks[Int(hash % 3)] | UInt32(1 + (hash >> 8) % 254))
    }

    /// Webhooks come from the vendor's servers.
    private func vendorAddress(_ integration: Int) -> SampleRequest.Client {
        let hash = mix(UInt64(integration) << 32)
        return .ipv4(Self.networks[Int(hash % 3)] | UInt32(1 + (hash >> 8) % 254))
    }

    private func mix(_ value: UInt64) -> UInt64 {
        SplitMix64.mix(value ^ salt)
    }

    /// Fisher–Yates with our own numbers (the standard library's `shuffle` may change between versions).
    private static func shuffle(_ values: inout [Int], _ random: inout SplitMix64) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, random.below(index + 1))
        }
    }
}
