import SluiceProcessing

/// What `SampleGenerator` writes: how much, in which shapes, and how it varies.
package struct SampleOptions: Sendable {
    /// Lines in the object, malformed ones included.
    package var lines: Int
    /// The same seed (with the same other options) gives the same bytes on every platform.
    package var seed: UInt64
    /// How the object is laid out, as the pipeline's delivery mode makes Firehose write it.
    package var objectFormat: FirehoseObjectFormat
    /// The log format of the lines (see `SampleLineWriters`).
    package var logFormat: LogFormatID
    /// The first request's accept time, in milliseconds since 1970-01-01T00:00:00Z.
    package var startTime: Int64
    /// The mean request rate over a weekday; the hour of the day (UTC) scales it, and weekends halve it. The
    /// default, about a million requests a day, makes a sample of more than a million lines span two dates.
    package var requestsPerSecond: Double
    /// The share of lines that are not HAProxy records: truncated, garbage bytes, or other messages.
    package var malformedFraction: Double
    /// The share of requests from an account the directory does not hold.
    package var unknownAccountFraction: Double
    /// The share of `GET` requests with a query string too long for HAProxy's 1024-byte log lines (a list of
    /// ids), which an HAProxy sample cuts as HAProxy would.
    package var longRequestFraction: Double
    /// The share of CloudWatch documents that are `CONTROL_MESSAGE`s (`.cloudWatchDocuments` only).
    package var controlMessageFraction: Double
    /// Accounts in the directory, `acct-000001` on.
    package var accountCount: Int
    /// Integrations in the directory, `int-0001` on.
    package var integrationCount: Int
    /// Where the CloudWatch documents say the events come from (`.cloudWatchDocuments` only).
    package var logSource: SampleLogSource
    /// The most compressed bytes handed to the sink at a time.
    package var chunkBytes: Int
    /// Terms every line must contain, as a CloudWatch filter pattern of plain terms passes them: requests
    /// without them never reach the Firehose stream, so the sample leaves them out too.
    package var requiredTerms: [String] = []

    /// 2026-03-02T00:00:00Z, a Monday.
    package static let defaultStartTime: Int64 = 1_772_409_600_000

    package init(
        lines: Int, seed: UInt64 = 1, objectFormat: FirehoseObjectFormat = .lines,
        logFormat: LogFormatID = .haproxyHTTP,
        startTime: Int64 = SampleOptions.defaultStartTime, requestsPerSecond: Double = 12,
        malformedFraction: Double = 1.0 / 2000, unknownAccountFraction: Double = 1.0 / 5000,
        longRequestFraction: Double = 1.0 / 5000,
        controlMessageFraction: Double = 1.0 / 1000, accountCount: Int = 200, integrationCount: Int = 40,
        logSource: SampleLogSource = SampleLogSource(), chunkBytes: Int = 256 * 1024
    ) {
        self.lines = lines
        self.seed = seed
        self.objectFormat = objectFormat
        self.logFormat = logFormat
        self.startTime = startTime
        self.requestsPerSecond = requestsPerSecond
        self.malformedFraction = malformedFraction
        self.unknownAccountFraction = unknownAccountFraction
        self.longRequestFraction = longRequestFraction
        self.controlMessageFraction = controlMessageFraction
        self.accountCount = accountCount
        self.integrationCount = integrationCount
        self.logSource = logSource
        self.chunkBytes = chunkBytes
    }

    /// 2100-01-01T00:00:00Z: later starts could run the four-digit years of HAProxy's dates out.
    static let latestStartTime: Int64 = 4_102_444_800_000
    /// Unknown accounts are numbered from here, so they can never be in the directory.
    static let maximumAccountCount = 100_000
    static let maximumIntegrationCount = 9_999

    /// Throws the first option that is out of range.
    package func validate() throws(SampleError) {
        func check(_ valid: Bool, _ option: String, _ rule: String, _ value: Any) throws(SampleError) {
            if !valid { throw SampleError.invalidOption(option, "must be \(rule); got \(value)") }
        }
        try check(lines >= 1, "lines", "at least 1", lines)
        try check(
            startTime >= 0 && startTime < Self.latestStartTime, "startTime",
            "between 1970-01-01 and 2100-01-01 (epoch milliseconds)", startTime)
        try check(
            requestsPerSecond >= 0.01 && requestsPerSecond <= 1_000_000, "requestsPerSecond",
            "between 0.01 and 1,000,000", requestsPerSecond)
        for (name, value) in [
            ("malformedFraction", malformedFraction), ("unknownAccountFraction", unknownAccountFraction),
            ("longRequestFraction", longRequestFraction),
            ("controlMessageFraction", controlMessageFraction),
        ] {
            try check(value >= 0 && value <= 1, name, "between 0 and 1", value)
        }
        try check(
            (1...Self.maximumAccountCount).contains(accountCount), "accountCount",
            "between 1 and \(Self.maximumAccountCount)", accountCount)
        try check(
            (1...Self.maximumIntegrationCount).contains(integrationCount), "integrationCount",
            "between 1 and \(Self.maximumIntegrationCount)", integrationCount)
        try check(chunkBytes >= 1, "chunkBytes", "at least 1", chunkBytes)
    }
}

/// The CloudWatch Logs side of a sample: what its subscription documents name.
package struct SampleLogSource: Sendable, Equatable {
    /// The source account's id.
    package var owner: String
    package var logGroup: String
    /// The subscription filter's name.
    package var subscriptionFilter: String

    package init(
        owner: String = "111111111111", logGroup: String = "/haproxy/integrations-api",
        subscriptionFilter: String = "acme-integrations-usage"
    ) {
        self.owner = owner
        self.logGroup = logGroup
        self.subscriptionFilter = subscriptionFilter
    }
}

/// Why a sample cannot be made.
package enum SampleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is out of range: its name and what it must be.
    case invalidOption(String, String)

    package var description: String {
        switch self {
        case .invalidOption(let name, let rule): "sample option \(name) \(rule)"
        }
    }
}
