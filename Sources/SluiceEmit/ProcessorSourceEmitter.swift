import SluiceModel

/// The generated half of each processor's executable target, `Sources/Processors/<Target>/`: its configuration
/// (buckets, prefixes, table, lookups) compiled in from the manifest, and its `main.swift`. The other half,
/// `Transform.swift`, is the pipeline author's.
package enum ProcessorSourceEmitter {
    /// Holds one folder per processor target.
    package static let folder = "Sources/Processors"

    package static func files(project: Project, pipelines: [Pipeline]) -> [GeneratedFile] {
        pipelines.sorted { $0.name < $1.name }.flatMap { pipeline -> [GeneratedFile] in
            guard let names = Names(project: project, pipeline: pipeline) else { return [] }
            let base = "\(folder)/\(pipeline.processor.targetName)"
            return [
                GeneratedFile(path: "\(base)/ProcessorConfig.generated.swift", contents: config(pipeline, names)),
                GeneratedFile(path: "\(base)/main.swift", contents: main(pipeline)),
            ]
        }
    }

    /// The transform's file in a processor's folder.
    package static func transformPath(_ pipeline: Pipeline) -> String {
        "\(folder)/\(pipeline.processor.targetName)/Transform.swift"
    }

    /// The `Transform.swift` of each pipeline that declares `processor.transform: swift`: a transform that compiles
    /// and sets nothing, for its author to fill. Written once, when missing, and never compared or replaced after:
    /// it carries no generated-file marker, so it is the author's from the moment it is written.
    package static func scaffolds(pipelines: [Pipeline]) -> [GeneratedFile] {
        pipelines.filter { $0.processor.transform == .swift }.sorted { $0.name < $1.name }.map { pipeline in
            GeneratedFile(path: transformPath(pipeline), contents: scaffold(pipeline))
        }
    }

    static func scaffold(_ pipeline: Pipeline) -> String {
        let record = pipeline.source.format.recordTypeName
        let example = pipeline.processor.output.columns.first?.name ?? "my_column"
        return """
            import SluiceProcessorKit

            /// The columns of pipeline \(pipeline.name) that its declarations do not fill, derived in Swift.
            ///
            /// Written once by `sluice generate` because the manifest declares `processor.transform: swift`; yours
            /// from now on (generate never rewrites it). Before `derive` runs, each column declared with `from:` or
            /// `template:`, or named like a field of the \(pipeline.source.format.rawValue) format, is already set.
            struct Transform: RecordTransform {
                // To fill a column: resolve its handle once here, when the processor starts (a table without the
                // column stops it there, not on every line):
                //
                //     let example: ColumnHandle
                //
                //     init(columns: ColumnLayout) throws {
                //         example = try columns.require("\(example)")
                //     }
                //
                // (`columns.handle("name")` gives nil for a column the table may not have), then set it in `derive`:
                //
                //     row[example] = .string("...")
                //
                // Throwing `LineFailure("why")` from `derive` quarantines the line with that reason.

                init(columns: ColumnLayout) throws {}

                func derive(_ record: \(record), into row: inout Columns) throws(LineFailure) {}
            }

            """
    }

    static func header(_ pipeline: Pipeline) -> String {
        let transform = pipeline.processor.transform == .swift ? " The transform is yours: Transform.swift." : ""
        // The generator owns the layout (byte-stable, whatever the lengths of the names): swift-format's lint skips it.
        return """
            // \(GeneratedFile.marker) from pipeline '\(pipeline.name)'.
            // Do not edit: change pipelines/ and run `sluice generate`.\(transform)
            // swift-format-ignore-file


            """
    }

    /// The processor's `main`: the declarations alone (`transform: none`), or the pipeline's `Transform` after them
    /// (`transform: swift`).
    static func main(_ pipeline: Pipeline) -> String {
        let call =
            switch pipeline.processor.transform {
            case .declarations: "await ProcessorMain.main(config: .generated)"
            case .swift: "await ProcessorMain.main(config: .generated, transform: Transform.self)"
            }
        return header(pipeline) + """
            import SluiceProcessorKit

            // A Lambda function under AWS_LAMBDA_RUNTIME_API; a local run on a file otherwise (`sluice process`).
            \(call)

            """
    }

    static func config(_ pipeline: Pipeline, _ names: Names) -> String {
        let processor = pipeline.processor
        let output = processor.output
        func columns(_ list: [Column], indent: String) -> String {
            guard !list.isEmpty else { return "[]" }
            return "[\n"
                + list.map { column in
                    let plain = "name: \(literal(column.name)), type: \(enumCase(column.type))"
                    guard let source = source(column) else { return "\(indent)    .init(\(plain)),\n" }
                    // A declared column on lines of its own: the declaration reads as the manifest wrote it.
                    return "\(indent)    .init(\n\(indent)        \(plain),\n\(indent)        source: \(source)),\n"
                }
                .joined()
                + "\(indent)]"
        }
        var enrichment = "nil"
        if let declared = processor.enrichment {
            let lookups = declared.lookups.map { lookup in
                """
                                .init(
                                    name: \(literal(lookup.name)), schema: \(literal(lookup.schema)),
                                    table: \(literal(lookup.table)),
                                    key: \(literal(lookup.key)), match: \(literal(lookup.match)),
                                    columns: [\(lookup.columns.map(literal).joined(separator: ", "))]),

                """
            }.joined()
            enrichment = """
                .init(
                            catalog: \(literal(declared.catalog)), workGroup: \(literal(names.workgroup)),
                            cacheTTLSeconds: \(declared.cacheTTLSeconds),
                            lookups: [
                \(lookups)            ])
                """
        }
        return header(pipeline) + """
            import SluiceProcessorKit

            extension ProcessorConfig {
                /// Processor \(processor.name) of pipeline \(pipeline.name), as the manifest declares it.
                static let generated = ProcessorConfig(
                    pipeline: \(literal(pipeline.name)),
                    processor: \(literal(processor.name)),
                    eventRule: \(literal(names.eventRule)),
                    logFormat: \(enumCase(pipeline.source.format)),
                    input: .init(
                        bucket: \(literal(names.landingBucket)),
                        prefix: \(literal(names.rawKeyPrefix)),
                        format: \(enumCase(pipeline.delivery.mode.objectFormat))),
                    output: .init(
                        bucket: \(literal(names.lakeBucket)),
                        database: \(literal(pipeline.catalog.database)),
                        table: \(literal(output.name)),
                        tablePrefix: \(literal(names.lakePrefix)),
                        quarantinePrefix: \(literal(names.quarantinePrefix)),
                        columns: \(columns(output.columns, indent: "            ")),
                        partitionKeys: \(columns(output.partitionKeys, indent: "            ")),
                        format: \(enumCase(output.format)),
                        compression: \(enumCase(output.compression))\(eventTime(output))),
                    enrichment: \(enrichment))
            }

            """
    }

    /// `.init(from: "path", ...)`: a column's declaration, each key written only when declared; nil for a column
    /// without one.
    static func source(_ column: Column) -> String? {
        guard let source = column.source else { return nil }
        var arguments: [String] = []
        if let from = source.from { arguments.append("from: \(literal(from))") }
        if let template = source.template { arguments.append("template: \(literal(template))") }
        if source.required { arguments.append("required: true") }
        if let letterCase = source.letterCase { arguments.append("letterCase: \(enumCase(letterCase))") }
        return ".init(\(arguments.joined(separator: ", ")))"
    }

    /// `,\n eventTime: "column"` when the table names its event-time column.
    static func eventTime(_ table: Table) -> String {
        guard let name = table.eventTime else { return "" }
        return ",\n            eventTime: \(literal(name))"
    }

    /// `.name`: a case of one of the enumerations the manifest shares with the processor (SluiceFormats), written
    /// as Swift, so that the compiled configuration holds typed values, never names to map again.
    static func enumCase<Value: RawRepresentable & CaseIterable & Sendable>(_ value: Value) -> String {
        // A case's description is its Swift name (`haproxyHTTP`), not its raw value (`haproxy-http`).
        ".\(value)"
    }

    /// A Swift string literal of `text`.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
