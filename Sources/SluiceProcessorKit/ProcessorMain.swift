import Foundation
import Logging
import SluiceProcessing
import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A processor executable's `main`: a Lambda function when `AWS_LAMBDA_RUNTIME_API` is set, a local run on a
/// file (`sluice process` calls it so) otherwise.
package enum ProcessorMain {
    /// The usage a processor prints for bad arguments.
    static func usage(_ name: String) -> String {
        """
        usage: \(name) --input FILE --output DIR [--lookups FILE] [--output-format parquet|json]
                      [--compression snappy|zstd|gzip] [--input-format lines|cloudwatch-documents]
               \(name) --print-config
        In Lambda (AWS_LAMBDA_RUNTIME_API set) it serves S3 Object Created events instead.
        """
    }

    /// Runs the processor of a pipeline without a Swift transform (`processor.transform: none`) and exits: the
    /// config's log format, from the registry, with `NoTransform` over its records.
    package static func main(
        config: ProcessorConfig, arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Never {
        func run<Format: RecordFormat>(_: Format.Type) async -> Never {
            await main(
                config: config, transform: NoTransform<Format.Record>.self, arguments: arguments,
                environment: environment)
        }
        await run(LogFormats.format(config.logFormat))
    }

    /// Runs the processor with `transform` after the declarations and exits.
    package static func main<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform.Type,
        arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Never {
        AllocatorSettings.apply()
        let name = URL(fileURLWithPath: arguments.first ?? "processor").lastPathComponent
        let options = Array(arguments.dropFirst())
        if options == ["--print-config"] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = (try? encoder.encode(config)) ?? Data()
            FileHandle.standardOutput.write(json + Data("\n".utf8))
            exit(0)
        }
        if options.isEmpty, environment[LambdaRuntimeClient.environmentVariable] != nil {
            await serveLambda(config: config, transform: transform, environment: environment)
        }
        do {
            let local = try LocalOptions(options, usage: usage(name))
            let localConfig = local.overriding(config)
            let (outcome, duration) = try await runLocally(config: localConfig, transform: transform, options: local)
            let summary = outcome.summary
            FileHandle.standardOutput.write(Data((summary.json() + "\n").utf8))
            // The metrics record Lambda would write, on stderr (stdout holds the summary, which scripts read), first
            // of the lines there: `sluice process` shows the metrics before a deploy.
            let record = MetricsRecord(
                config: localConfig, outcome: outcome, object: local.input, requestID: nil, duration: duration)
            FileHandle.standardError.write(Data((record.line + "\n").utf8))
            if let message = rejectionMessage(summary) {
                // Exit 4: values were written as null, which the row check should have prevented (a bug).
                FileHandle.standardError.write(Data("error: \(local.input): \(message)\n".utf8))
                exit(rejectedExitStatus)
            }
            guard summary.damaged else { exit(0) }
            // Exit 3: processed, but part of the object was damaged; the quarantine holds each range.
            FileHandle.standardError.write(Data((Self.damageMessage(summary, input: local.input) + "\n").utf8))
            exit(damagedExitStatus)
        } catch ProcessorError.usage(let message) {
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            exit(2)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The exit status of a local run whose object was damaged (the summary says `damaged: true`).
    package static let damagedExitStatus: Int32 = 3

    /// The exit status of a local run whose writer wrote values as null (the summary's `rejected_values`).
    package static let rejectedExitStatus: Int32 = 4

    /// What to say of a run whose writer wrote values as null; nil when it wrote none.
    static func rejectionMessage(_ summary: RunSummary) -> String? {
        guard summary.rejectedValues > 0 else { return nil }
        return "\(summary.rejectedValues) values written as null because their columns cannot hold them (first: "
            + "\(summary.firstRejection ?? "unknown")); the rows were checked before writing, so this is a processor "
            + "bug: please report it"
    }

    /// One line on stderr for a damaged object.
    static func damageMessage(_ summary: RunSummary, input: String) -> String {
        let kinds = Set(summary.damage.map(\.kind.rawValue)).sorted().joined(separator: ", ")
        let ranges = summary.damageCount == 1 ? "1 damaged range" : "\(summary.damageCount) damaged ranges"
        return "error: \(input): processed with damage: \(ranges) (\(kinds)), \(summary.unreadableBytes) of "
            + "\(summary.bytesIn) bytes unreadable; each range is in the quarantine"
    }

    /// The arguments of a local run.
    struct LocalOptions {
        var input: String
        var output: String
        var lookups: String?
        /// Writes this format instead of the manifest's (to compare both outputs of one object).
        var outputFormat: LakeFormat?
        /// Writes with this codec instead of the manifest's; with `outputFormat` alone, that format's default.
        var compression: LakeCompression?
        /// Reads this object format instead of the configured one: lets a benchmark run one build on objects of
        /// both delivery modes.
        var inputFormat: FirehoseObjectFormat?

        init(_ arguments: [String], usage: String) throws {
            var values: [String: String] = [:]
            var index = 0
            while index < arguments.count {
                let flag = arguments[index]
                let flags = ["--input", "--output", "--lookups", "--output-format", "--compression", "--input-format"]
                guard flags.contains(flag), index + 1 < arguments.count else {
                    throw ProcessorError.usage("unexpected argument \(flag)\n\(usage)")
                }
                values[flag] = arguments[index + 1]
                index += 2
            }
            guard let input = values["--input"], let output = values["--output"] else {
                throw ProcessorError.usage("--input and --output are required\n\(usage)")
            }
            self.input = input
            self.output = output
            self.lookups = values["--lookups"]
            if let text = values["--output-format"] {
                guard let format = LakeFormat(rawValue: text) else {
                    let known = LakeFormat.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ProcessorError.usage("--output-format \(text): not one of \(known)\n\(usage)")
                }
                outputFormat = format
            }
            if let text = values["--compression"] {
                guard let compression = LakeCompression(rawValue: text) else {
                    let known = LakeCompression.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ProcessorError.usage("--compression \(text): not one of \(known)\n\(usage)")
                }
                self.compression = compression
            }
            if let text = values["--input-format"] {
                guard let format = FirehoseObjectFormat(rawValue: text) else {
                    let known = FirehoseObjectFormat.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ProcessorError.usage("--input-format \(text): not one of \(known)\n\(usage)")
                }
                inputFormat = format
            }
        }

        /// `config` with the output format and codec these options override.
        func overriding(_ config: ProcessorConfig) -> ProcessorConfig {
            var config = config
            if let outputFormat {
                config.output.format = outputFormat
                config.output.compression = outputFormat.defaultCompression
            }
            if let compression { config.output.compression = compression }
            if let inputFormat { config.input.format = inputFormat }
            return config
        }
    }

    /// Processes a local Firehose object into a folder laid out like the lake bucket; returns what the run did and
    /// how long it took (the object's processing alone, as the Lambda handler measures it).
    static func runLocally<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform.Type, options: LocalOptions
    ) async throws -> (outcome: ObjectRun<Transform>.Outcome, duration: Duration) {
        if let problem = LocalFileCheck.unreadableFile(options.input) {
            throw ProcessorError.unreadableInput("\(options.input): \(problem)")
        }
        if let problem = LocalFileCheck.unusableFolder(options.output) {
            throw ProcessorError.unwritableOutput("\(options.output): \(problem)")
        }
        var enricher: Enricher?
        if let enrichment = config.enrichment {
            guard let path = options.lookups else {
                let lookups = enrichment.lookups.map(\.name).joined(separator: ", ")
                throw ProcessorError.usage(
                    "pipeline \(config.pipeline) enriches rows through Athena (\(lookups)): pass --lookups FILE, "
                        + "a JSON object of tables such as `sluice sample --directory-output` writes")
            }
            if let problem = LocalFileCheck.unreadableFile(path) {
                throw ProcessorError.unreadableInput("--lookups \(path): \(problem)")
            }
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw ProcessorError.unreadableInput("--lookups \(path): cannot be read")
            }
            let resolver: DirectoryResolver
            do {
                resolver = try DirectoryResolver(json: [UInt8](bytes))
            } catch {
                // The resolver does not know the file's name; the message must, or it names no file at all.
                throw ProcessorError.unreadableInput("--lookups \(path): \(error)")
            }
            enricher = Enricher(
                lookups: enrichment.lookups, cache: LookupCache(ttl: Double(enrichment.cacheTTLSeconds)),
                resolver: resolver)
        }
        let run = try ObjectRun(config: config, transform: transform, enricher: enricher)
        let output = URL(fileURLWithPath: options.output)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw ProcessorError.unwritableOutput("\(options.output): \(LocalFileCheck.reason(error))")
        }
        let inputKey = URL(fileURLWithPath: options.input).lastPathComponent
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = try await run.run(
            inputKey: inputKey, source: FileObjectSource(path: options.input), store: DirectoryOutputStore(root: output)
        )
        return (outcome, clock.now - started)
    }

    /// Serves invocations until the Runtime API goes away; set-up failures are reported as init errors.
    static func serveLambda<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform.Type, environment: [String: String]
    ) async -> Never {
        // The process's logging: swift-log's `Logger`, writing Sluice's JSON lines (bootstrapping costs ~0.1 ms of
        // the cold start, measured; see JSONLogHandler).
        let level = JSONLogHandler.level(fromEnvironment: environment)
        LoggingSystem.bootstrap { _ in JSONLogHandler(logLevel: level) }
        var logger = Logger(label: "sluice.processor")
        logger[metadataKey: "pipeline"] = .string(config.pipeline)
        let runtime: LambdaRuntime
        do {
            runtime = LambdaRuntime(client: try LambdaRuntimeClient(environment: environment))
        } catch {
            logger.error("no Runtime API", metadata: ["error": "\(error)"])
            exit(1)
        }
        let handler: ObjectCreatedHandler<Transform>
        do {
            handler = try makeHandler(config: config, transform: transform, environment: environment, logger: logger)
        } catch {
            logger.error("set-up failed", metadata: ["error": "\(error)"])
            try? runtime.client.initError(report: LambdaErrorReport(error))
            exit(1)
        }
        do {
            try await runtime.run(handler: handler.handle)
        } catch {
            logger.error("the Runtime API failed", metadata: ["error": "\(error)"])
        }
        exit(1)
    }

    static func makeHandler<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform.Type, environment: [String: String], logger: Logger
    ) throws -> ObjectCreatedHandler<Transform> {
        let transport = URLSessionTransport()
        let s3 = try S3Client.fromEnvironment(environment, transport: transport, logger: logger)
        var enricher: Enricher?
        if let enrichment = config.enrichment {
            let athena = try AthenaClient.fromEnvironment(environment, transport: transport, logger: logger)
            enricher = Enricher(
                lookups: enrichment.lookups, cache: LookupCache(ttl: Double(enrichment.cacheTTLSeconds)),
                resolver: AthenaLookupResolver(
                    athena: athena, workGroup: enrichment.workGroup, catalog: enrichment.catalog))
        }
        let run = try ObjectRun(config: config, transform: transform, enricher: enricher)
        return ObjectCreatedHandler(config: config, s3: s3, run: run, logger: logger)
    }
}
