import Foundation
import SluiceModel
import SluiceProcessing
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

@Suite("The processor's generated configuration")
struct ProcessorConfigEmitterTests {
    @Test("the formats a manifest can name are the formats the processor's registry parses, and the reverse")
    func manifestAndRegistryAgree() {
        let manifest = SluiceModel.LogFormat.allCases.map(\.rawValue)
        let registry = LogFormats.all.map { $0.id.rawValue }
        #expect(manifest == registry)
        for format in SluiceModel.LogFormat.allCases { #expect(LogFormats.format(format).id == format) }
    }

    @Test(
        "formats, codecs and column types are written as enum cases, never as names to map again",
        arguments: [
            (LogFormatID.haproxyHTTP, DeliveryMode.extracted, LakeFormat.parquet, LakeCompression?.none),
            (.haproxyCLF, .raw, .parquet, .zstd), (.haproxyHTTP, .raw, .json, nil),
        ])
    func typedValues(log: LogFormatID, mode: DeliveryMode, lake: LakeFormat, compression: LakeCompression?) throws {
        let workspace = ProjectFiles(root: repositoryRoot).load()
        let project = try #require(workspace.project)
        var pipeline = try #require(workspace.pipelines.first)
        pipeline.source.format = log
        pipeline.delivery.mode = mode
        let output = pipeline.processor.output
        pipeline.processor.output = Table(
            name: output.name, columns: output.columns, partitionKeys: output.partitionKeys, bucket: output.bucket,
            format: lake, compression: compression, origin: output.origin)
        let names = try #require(Names(project: project, pipeline: pipeline))
        let text = ProcessorSourceEmitter.config(pipeline, names)
        let expected = [
            "logFormat: .\(log == .haproxyHTTP ? "haproxyHTTP" : "haproxyCLF"),",
            "format: .\(mode == .extracted ? "lines" : "cloudWatchDocuments")),",
            "format: .\(lake.rawValue),", "compression: .\((compression ?? lake.defaultCompression).rawValue)),",
            #"name: "requested_at", type: .timestamp,"#, #".init(name: "dt", type: .string),"#,
            #"source: .init(from: "request_headers[0]", template: "{account_id}.*.*", required: true, "#,
            #"letterCase: .lower)),"#,
        ]
        for line in expected { #expect(text.contains(line), "\(line)") }
        #expect(!text.contains(#"type: ""#) && !text.contains(#"logFormat: ""#))
    }
}
