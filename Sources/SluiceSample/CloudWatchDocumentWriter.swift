import SluiceJSON

/// Builds the JSON documents a CloudWatch Logs subscription sends, the way Firehose stores them in `raw` mode:
/// `{"messageType":"DATA_MESSAGE","owner":...,"logGroup":...,"logStream":...,"subscriptionFilters":[...],
/// "logEvents":[{"id":...,"timestamp":...,"message":...},...]}`, a batch of events from one log stream each.
struct CloudWatchDocumentWriter {
    /// Events in a batch: mostly a few dozen, at times hundreds.
    private static let batchSizes = LongTail([(1...10, 40), (11...60, 35), (61...200, 20), (201...600, 5)])

    private let source: SampleLogSource
    /// One stream per HAProxy instance, named after its EC2 instance.
    private let streams: [String]
    private let controlMessageFraction: Double
    private var random: SplitMix64
    /// The document being built.
    private var document: [UInt8] = []
    private var events = 0
    private var batchSize = 0
    /// The leading digits of the batch's event ids.
    private var batchID = 0

    init(source: SampleLogSource, seed: UInt64, controlMessageFraction: Double) {
        self.source = source
        self.controlMessageFraction = controlMessageFraction
        var random = SplitMix64(seed: seed, stream: SampleStream.documents)
        streams = (0..<3).map { _ in
            var name: [UInt8] = Array("i-0".utf8)
            for _ in 0..<4 { name.appendHex(UInt16(truncatingIfNeeded: random.next()) | 0x1000) }
            return String(decoding: name, as: UTF8.self)
        }
        self.random = random
    }

    /// No batch is open.
    var isEmpty: Bool { events == 0 }

    /// The open batch has all its events.
    var isFull: Bool { events >= batchSize }

    /// Opens a batch. Returns a `CONTROL_MESSAGE` document to store before it, now and then: CloudWatch Logs
    /// sends one to check that the destination is reachable.
    mutating func open(at timestamp: Int64) -> [UInt8]? {
        batchSize = Self.batchSizes.draw(&random)
        batchID = random.below(1_000_000_000_000_000_000)
        document.removeAll(keepingCapacity: true)
        document.appendASCII("{\"messageType\":\"DATA_MESSAGE\",\"owner\":")
        JSONEscaper.append(source.owner, to: &document)
        document.appendASCII(",\"logGroup\":")
        JSONEscaper.append(source.logGroup, to: &document)
        document.appendASCII(",\"logStream\":")
        JSONEscaper.append(streams[random.below(streams.count)], to: &document)
        document.appendASCII(",\"subscriptionFilters\":[")
        JSONEscaper.append(source.subscriptionFilter, to: &document)
        document.appendASCII("],\"logEvents\":[")
        return random.chance(controlMessageFraction) ? Self.controlMessage(at: timestamp) : nil
    }

    /// Adds an event to the open batch.
    mutating func append(_ message: [UInt8], timestamp: Int64) {
        if events > 0 { document.append(UInt8(ascii: ",")) }
        // Event ids are 56 decimal digits; those of a batch share their start and grow with the time, so they
        // compress about as well as CloudWatch's own.
        document.appendASCII("{\"id\":\"")
        document.appendDecimal(batchID, width: 18)
        document.appendDecimal(timestamp, width: 20)
        document.appendDecimal(random.below(1_000_000_000_000_000_000), width: 18)
        document.appendASCII("\",\"timestamp\":")
        document.appendDecimal(timestamp)
        document.appendASCII(",\"message\":")
        JSONEscaper.append(repairing: message, to: &document)
        document.append(UInt8(ascii: "}"))
        events += 1
    }

    /// Ends the open batch and returns its document.
    mutating func close() -> [UInt8] {
        document.appendASCII("]}")
        events = 0
        return document
    }

    /// What CloudWatch Logs sends to check a subscription's destination; it carries no log events of the group.
    static func controlMessage(at timestamp: Int64) -> [UInt8] {
        var out: [UInt8] = []
        out.appendASCII("{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\",")
        out.appendASCII("\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":")
        out.appendDecimal(timestamp)
        out.appendASCII(",\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}")
        return out
    }
}
