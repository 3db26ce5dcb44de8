import Testing

@testable import SluiceCloud
@testable import SluiceModel

/// The example's pipeline with its lake written in `format` and `compression`, and discovery as given.
private func pipeline(
    _ format: LakeFormat, _ compression: LakeCompression? = nil, discovery: Discovery? = nil
) throws -> (Project, Pipeline) {
    let (project, pipelines) = try example()
    var pipeline = try #require(pipelines.first)
    pipeline.processor.output.format = format
    pipeline.processor.output.compression = compression ?? format.defaultCompression
    if let discovery { pipeline.catalog.discovery = discovery }
    return (project, pipeline)
}

/// The lake table's resource (the EXTERNAL_TABLE, not a view) and the crawler, if any, of a pipeline's stacks.
private func catalog(_ project: Project, _ pipeline: Pipeline) throws -> (table: Resource, crawler: Resource?) {
    let resources = CloudGraph(project: project, pipelines: [pipeline]).stacks.flatMap(\.resources)
    let table = try #require(
        resources.first {
            $0.address.type == "aws_glue_catalog_table" && $0.arguments["table_type"] == "EXTERNAL_TABLE"
        })
    return (table, resources.first { $0.address.type == "aws_glue_crawler" })
}

private func storage(_ table: Resource) throws -> [String: TerraformValue] {
    guard case .object(let descriptor)? = table.arguments["storage_descriptor"] else {
        Issue.record("\(table.address) has no storage_descriptor")
        return [:]
    }
    return descriptor
}

private func parameters(_ table: Resource) -> [String: String] {
    guard case .object(let members)? = table.arguments["parameters"] else { return [:] }
    return members.compactMapValues { value in
        if case .string(let text) = value { text } else { nil }
    }
}

@Suite("Lake table per format")
struct LakeTableTests {
    @Test("Parquet: ParquetHiveSerDe, the Parquet input and output formats, classification parquet, codec per table")
    func parquet() throws {
        for compression in LakeCompression.allCases {
            let (project, pipeline) = try pipeline(.parquet, compression)
            let table = try catalog(project, pipeline).table
            let descriptor = try storage(table)
            #expect(descriptor["input_format"] == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
            #expect(descriptor["output_format"] == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
            #expect(descriptor["compressed"] == .bool(false), "a Parquet file compresses its pages, not itself")
            #expect(
                descriptor["ser_de_info"] == [
                    "name": "parquet",
                    "serialization_library": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                ])
            #expect(
                parameters(table) == [
                    "classification": "parquet", "parquet.compression": compression.rawValue.uppercased(),
                    "EXTERNAL": "TRUE",
                ])
        }
    }

    @Test("JSON: the OpenX JsonSerDe over gzipped text, as before the format was a choice")
    func json() throws {
        let (project, pipeline) = try pipeline(.json)
        let table = try catalog(project, pipeline).table
        let descriptor = try storage(table)
        #expect(descriptor["input_format"] == "org.apache.hadoop.mapred.TextInputFormat")
        #expect(descriptor["output_format"] == "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
        #expect(descriptor["compressed"] == .bool(true))
        let serDe: TerraformValue = ["name": "json", "serialization_library": "org.openx.data.jsonserde.JsonSerDe"]
        #expect(descriptor["ser_de_info"] == serDe)
        #expect(parameters(table) == ["classification": "json", "compressionType": "gzip", "EXTERNAL": "TRUE"])
    }

    @Test("columns, partition keys and location are the same in both formats")
    func sameSchema() throws {
        let (project, parquet) = try pipeline(.parquet)
        let (_, json) = try pipeline(.json)
        let a = try catalog(project, parquet).table
        let b = try catalog(project, json).table
        #expect(a.arguments["partition_keys"] == b.arguments["partition_keys"])
        #expect(try storage(a)["columns"] == storage(b)["columns"])
        #expect(try storage(a)["location"] == storage(b)["location"])
        let location = try storage(a)["location"]?.allStrings.first ?? ""
        #expect(location.hasSuffix("/tables/\(parquet.processor.output.name)/"))
    }

    @Test("the crawler is configured alike in both formats: partitions inherit the table's SerDe, changes are logged")
    func crawler() throws {
        let (project, parquet) = try pipeline(.parquet)
        let (_, json) = try pipeline(.json)
        let a = try #require(try catalog(project, parquet).crawler)
        let b = try #require(try catalog(project, json).crawler)
        #expect(a.arguments == b.arguments)
        #expect(a.arguments["schema_change_policy"] == ["update_behavior": "LOG", "delete_behavior": "LOG"])
        let configuration = try #require(a.arguments["configuration"]?.allStrings.first)
        #expect(configuration.contains("\"AddOrUpdateBehavior\":\"InheritFromTable\""))
    }

    @Test("partition projection's parameters do not depend on the format, and sit beside the Parquet ones")
    func projection() throws {
        let projection = Discovery.projection(
            Projection(key: "dt", since: "2026-01-01", origin: .code(file: #filePath, line: #line)))
        let (project, parquet) = try pipeline(.parquet, discovery: projection)
        let (_, json) = try pipeline(.json, discovery: projection)
        let a = parameters(try catalog(project, parquet).table)
        let b = parameters(try catalog(project, json).table)
        #expect(try catalog(project, parquet).crawler == nil)
        #expect(a["classification"] == "parquet" && a["projection.enabled"] == "true")
        let projected = { (p: [String: String]) in
            p.filter { $0.key.hasPrefix("projection.") || $0.key == "storage.location.template" }
        }
        #expect(projected(a) == projected(b))
        #expect(projected(a).count == 7)
    }
}
