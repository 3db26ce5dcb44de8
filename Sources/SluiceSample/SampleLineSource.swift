import SluiceProcessing

/// The lines of a sample in order: requests from the traffic model written in the sample's layout, with the
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
    private let format: LogFormat
    private let lossy: Bool
    private let malformedFraction: Double
    private let requiredTerms: [[UInt8]]
    private var started = false

    init(options: SampleOptions) {
        traffic = TrafficModel(options: options)
        malformedRandom = SplitMix64(seed: options.seed, stream: SampleStream.malformed)
        format = options.logFormat
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
        SampleLineWriter.append(request, format: format, to: &line)
        // The filter pattern drops the others before Firehose; a bounded search keeps an impossible pattern
        // from looping forever (its lines then pass unfiltered).
        var tries = 0
        while !requiredTerms.allSatisfy({ line.firstRange(of: $0) != nil }), tries < 1000 {
            tries += 1
            traffic.advanceClock()
            (request, unknownAccount) = traffic.next()
            line.removeAll(keepingCapacity: true)
            SampleLineWriter.append(request, format: format, to: &line)
        }
        if malformedRandom.chance(malformedFraction) {
            MalformedLine.spoil(&line, format: format, lossy: lossy, &malformedRandom)
            return (.malformed, request.acceptMillis)
        }
        return (unknownAccount ? .unknownAccount : .good, request.acceptMillis)
    }
}
