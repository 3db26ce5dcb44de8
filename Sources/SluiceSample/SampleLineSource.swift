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

    private var traffic: TrafficModel
    /// Its own numbers, so the malformed lines do not shift the traffic around them.
    private var malformedRandom: SplitMix64
    private let write: SampleLineWriters.Writer
    /// Whether the format's parser refuses a line: a spoiled line must be refused.
    private let refuses: ([UInt8]) -> Bool
    private let lossy: Bool
    private let malformedFraction: Double
    private let requiredTerms: [[UInt8]]
    private var started = false

    init(options: SampleOptions) {
        let format = options.logFormat
        self.init(
            options: options, writer: SampleLineWriters.writer(for: format),
            refuses: { !SampleLineWriters.parses($0, as: format) })
    }

    /// Lines written by `writer`, a spoiled line being one `refuses` refuses (a format's parser, or a test's).
    init(options: SampleOptions, writer: @escaping SampleLineWriters.Writer, refuses: @escaping ([UInt8]) -> Bool) {
        traffic = TrafficModel(options: options)
        malformedRandom = SplitMix64(seed: options.seed, stream: SampleStream.malformed)
        write = writer
        self.refuses = refuses
        lossy = options.objectFormat == .cloudWatchDocuments
        malformedFraction = options.malformedFraction
        requiredTerms = options.requiredTerms.map { Array($0.utf8) }
    }

    /// Writes the next line (without its newline) into `line`, which it empties first, and returns its kind and
    /// time in milliseconds since the epoch.
    mutating func next(into line: inout [UInt8]) -> (kind: Kind, timestamp: Int64) {
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
        if malformedRandom.chance(malformedFraction) {
            MalformedLine.spoil(&line, refuses: refuses, lossy: lossy, &malformedRandom)
            return (.malformed, request.acceptMillis)
        }
        return (unknownAccount ? .unknownAccount : .good, request.acceptMillis)
    }
}
