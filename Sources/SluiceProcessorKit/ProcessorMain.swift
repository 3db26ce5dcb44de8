import Foundation
import SluiceProcessing
import SluiceRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A processor executable's `main`: a Lambda function when `AWS_LAMBDA_RUNTIME_API` is set, a local run on a
/// file (`sluice process` calls it so) otherwise.
public enum ProcessorMain {
    /// The usage a processor prints for bad arguments.
    static func usage(_ name: String) -> String {
        """
        usage: \(name) --input FILE --output DIR [--lookups FILE] [--input-format lines|cloudwatch-documents]
               \(name) --print-config
        In Lambda (AWS_LAMBDA_RUNTIME_API set) it serves S3 Object Created events instead.
        """
    }

    /// Runs the processor and exits.
    public static func main<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform.Type,
        arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Never {
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
            let outcome = try await runLocally(config: config, transform: Transform(), options: local)
            let summary = outcome.summary
            FileHandle.standardOutput.write(Data((summary.json() + "\n").utf8))
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
    public static let damagedExitStatus: Int32 = 3

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
        /// The object format to read instead of the configured one (`lines` or `cloudwatch-documents`): lets
        /// the benchmark run one build on objects of both delivery modes.
        var inputFormat: String?

        init(_ arguments: [String], usage: String) throws {
            var values: [String: String] = [:]
            var index = 0
            while index < arguments.count {
                let flag = arguments[index]
                guard ["--input", "--output", "--lookups", "--input-format"].contains(flag), index + 1 < arguments.count
                else {
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
            self.inputFormat = values["--input-format"]
            if let inputFormat, !["lines", "cloudwatch-documents"].contains(inputFormat) {
                throw ProcessorError.usage(
                    "--input-format is lines or cloudwatch-documents, got \(inputFormat)\n\(usage)")
            }
        }
    }

    /// Processes a local Firehose object into a folder laid out like the lake bucket.
    static func runLocally<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform, options: LocalOptions
    ) async throws -> ObjectRun<Transform>.Outcome {
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
        var config = config
        if let inputFormat = options.inputFormat { config.input.format = inputFormat }
        let run = ObjectRun(config: config, transform: transform, enricher: enricher)
        let output = URL(fileURLWithPath: options.output)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw ProcessorError.unwritableOutput("\(options.output): \(LocalFileCheck.reason(error))")
        }
        let inputKey = URL(fileURLWithPath: options.input).lastPathComponent
        return try await run.run(
            inputKey: inputKey, source: FileObjectSource(path: options.input), store: DirectoryOutputStore(root: output)
        )
    }

    /// Serves invocations until the Runtime API goes away; set-up failures are reported as init errors.
    static func serveLambda<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform.Type, environment: [String: String]
    ) async -> Never {
        let logger = JSONLogger.fromEnvironment(environment, context: ["pipeline": config.pipeline])
        let runtime: LambdaRuntime
        do {
            runtime = LambdaRuntime(client: try LambdaRuntimeClient(environment: environment))
        } catch {
            logger.error("no Runtime API", ["error": .string("\(error)")])
            exit(1)
        }
        let handler: ObjectCreatedHandler<Transform>
        do {
            handler = try makeHandler(config: config, transform: transform, environment: environment, logger: logger)
        } catch {
            logger.error("set-up failed", ["error": .string("\(error)")])
            try? runtime.client.initError(report: LambdaErrorReport(error))
            exit(1)
        }
        do {
            try await runtime.run(handler: handler.handle)
        } catch {
            logger.error("the Runtime API failed", ["error": .string("\(error)")])
        }
        exit(1)
    }

    static func makeHandler<Transform: RecordTransform>(
        config: ProcessorConfig, transform: Transform.Type, environment: [String: String], logger: JSONLogger
    ) throws -> ObjectCreatedHandler<Transform> {
        let transport = URLSessionTransport()
        let s3 = try S3Client.fromEnvironment(environment, transport: transport, logger: logger)
        var enricher: Enricher?
        if let enrichment = config.enrichment {
            let athena = try AthenaClient.fromEnvironment(environment, transport: transport, logger: logger)
            enricher = Enricher(
                lookups: enrichment.lookups, cache: LookupCache(ttl: Double(enrichment.cacheTTLSeconds)),
                resolver: AthenaLookupResolver(athena: athena, workGroup: enrichment.workGroup))
        }
        let run = ObjectRun(config: config, transform: Transform(), enricher: enricher)
        return ObjectCreatedHandler(config: config, s3: s3, run: run, logger: logger)
    }
}
