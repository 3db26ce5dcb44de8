import SluiceProcessing

/// The lines of a sample in order: requests from the traffic model written in the sample's log format, with the
/// odd one spoiled.
struct SampleLineSource {
    enum Kind {
        case good
        /// A good line whose account the directory does not hold.
        case unknownAccount
        case malformed
    }

    /// A line as written: its kind, its time in milliseconds since the epoch, and whether the logger cut it.
    struct Written {
        var kind: Kind
        var timestamp: Int64
        var cut = false
    }

    private var traffic: TrafficModel
    /// Its own numbers, so the malformed lines do not shift the traffic around them.
    private var malformedRandom: SplitMix64
    /// Its own numbers too: a long request changes nothing of the traffic but its own query.
    private var longRandom: SplitMix64
    private let write: SampleLineWriters.Writer
    private let lengthLimit: Int?
    private let longRequestFraction: Double
    /// Whether the format's parser refuses a line: a spoiled line must be refused.
    private let refuses: ([UInt8]) -> Bool
    private let lossy: Bool
    private let malformedFraction: Double
    private let requiredTerms: [[UInt8]]
    private var started = false

    init(options: SampleOptions) {
        let format = options.logFormat
        let writer = SampleLineWriters.writer(for: format)
        self.init(
            options: options, writer: writer.append, lengthLimit: writer.lengthLimit,
            refuses: { !SampleLineWriters.parses($0, as: format) })
    }

    /// Lines written by `writer` and cut at `lengthLimit`, a spoiled line being one `refuses` refuses (a format's
    /// parser, or a test's).
    init(
        options: SampleOptions, writer: @escaping SampleLineWriters.Writer, lengthLimit: Int? = nil,
        refuses: @escaping ([UInt8]) -> Bool
    ) {
        traffic = TrafficModel(options: options)
        malformedRandom = SplitMix64(seed: options.seed, stream: SampleStream.malformed)
        longRandom = SplitMix64(seed: options.seed, stream: SampleStream.longRequests)
        write = writer
        self.lengthLimit = lengthLimit
        longRequestFraction = options.longRequestFraction
        self.refuses = refuses
        lossy = options.objectFormat == .cloudWatchDocuments
        malformedFraction = options.malformedFraction
        requiredTerms = options.requiredTerms.map { Array($0.utf8) }
    }

    /// Writes the next line (without its newline) into `line`, which it empties first, and says what it is.
    mutating func next(into line: inout [UInt8]) -> Written {
        if started { traffic.advanceClock() }
        started = true
        var (request, unknownAccount) = traffic.next()
        line.removeAll(keepingCapacity: true)
        write(request, &line)
        // The filter pattern drops the others before Firehose; a bounded search keeps an impossible pattern
        // from looping forever (its lines then pass unfiltered).
        var tries = 0
        while !requiredTerms.allSatisfy({ line.firstRange(of: $0) != nil }), tries < 1000 {
            tries += 1
            traffic.advanceClock()
            (request, unknownAccount) = traffic.next()
            line.removeAll(keepingCapacity: true)
            write(request, &line)
        }
        if longRandom.chance(longRequestFraction), lengthen(&request) {
            line.removeAll(keepingCapacity: true)
            write(request, &line)
        }
        var cut = false
        if let lengthLimit, line.count > lengthLimit {
            line.removeLast(line.count - lengthLimit)
            cut = true
        }
        if malformedRandom.chance(malformedFraction) {
            MalformedLine.spoil(&line, refuses: refuses, lossy: lossy, &malformedRandom)
            return Written(kind: .malformed, timestamp: request.acceptMillis)
        }
        return Written(kind: unknownAccount ? .unknownAccount : .good, timestamp: request.acceptMillis, cut: cut)
    }

    /// Gives a `GET` a query of 100 to 200 run ids (`ids=r-1a2b3c4d,...`), longer than HAProxy's log lines;
    /// false for a request that is no `GET`.
    private mutating func lengthen(_ request: inout SampleRequest) -> Bool {
        guard var requestLine = request.line, requestLine.method.description == "GET" else { return false }
        requestLine.target.append(UInt8(ascii: requestLine.target.contains(UInt8(ascii: "?")) ? "&" : "?"))
        requestLine.target.appendASCII("ids=")
        for index in 0..<longRandom.within(100...200) {
            if index > 0 { requestLine.target.append(UInt8(ascii: ",")) }
            requestLine.target.appendASCII("r-")
            requestLine.target.appendHex(UInt16(truncatingIfNeeded: longRandom.next()) | 0x1000)
            requestLine.target.appendHex(UInt16(truncatingIfNeeded: longRandom.next()) | 0x1000)
        }
        request.line = requestLine
        return true
    }
}
