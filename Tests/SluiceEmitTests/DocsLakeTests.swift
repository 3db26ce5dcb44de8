import SluiceModel
import Testing

@testable import SluiceCommands
@testable import SluiceEmit

@Suite("generated/README.md: the lake of each pipeline")
struct DocsLakeTests {
    @Test("the lake section states the format, the codec, the Glue SerDe and the object keys of the declared format")
    func lakeSection() throws {
        let workspace = ProjectFiles(root: repositoryRoot).load()
        var pipeline = try #require(workspace.pipelines.first)
        let parquet = DocsEmitter.lake(pipeline)
        let serDe = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
        #expect(parquet.contains("| parquet | snappy | `\(serDe)` |"))
        #expect(parquet.contains("`tables/integration_requests/dt=<value>/<input object name>.parquet`"))
        pipeline.processor.output.format = .parquet
        pipeline.processor.output.compression = .zstd
        #expect(DocsEmitter.lake(pipeline).contains("| parquet | zstd |"))
        pipeline.processor.output.format = .json
        pipeline.processor.output.compression = .gzip
        let json = DocsEmitter.lake(pipeline)
        #expect(json.contains("| json | gzip | `org.openx.data.jsonserde.JsonSerDe` |"))
        #expect(json.contains("<input object name>.json.gz`"))
    }
}
