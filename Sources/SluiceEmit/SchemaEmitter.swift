import SluiceJSON
import SluiceModel

/// `generated/schema.json`: the lake's contract (`LakeContract`), which the schema guard of a pull request reads
/// from the base's commit (`sluice plan --base DIR`, `sluice schema-diff --base DIR`). Pretty JSON, keys sorted,
/// tables by pipeline, columns in declared order then the partition keys, users sorted.
package enum SchemaEmitter {
    package static let path = "generated/schema.json"
    /// The shape's version: a reader refuses a file of another one rather than misreading it.
    package static let formatVersion = 1

    package static func file(pipelines: [Pipeline]) -> GeneratedFile {
        GeneratedFile(path: path, contents: json(LakeContract(pipelines: pipelines)).pretty())
    }

    package static func json(_ contract: LakeContract) -> JSONValue {
        var tables: [String: JSONValue] = [:]
        for table in contract.tables {
            tables[table.pipeline] = [
                "stack": .string(table.stack),
                "database": .string(table.database),
                "table": .string(table.table),
                "format": .string(table.format),
                "columns": .array(table.columns.map(json)),
            ]
        }
        return [
            "//": .string(
                "\(GeneratedFile.marker). Do not edit: change pipelines/ and run `sluice generate`. The lake's "
                    + "contract: each pipeline's table and who reads each column. A pull request's plan compares "
                    + "its declarations with the base's copy of this file."),
            "format_version": .int(formatVersion),
            "pipelines": .object(tables),
        ]
    }

    private static func json(_ column: ColumnContract) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(column.name),
            "type": .string(column.type),
            "partition_key": .bool(column.partitionKey),
            "users": [
                "views": .array(column.users.views.map(JSONValue.string)),
                "datasets": .array(column.users.datasets.map(JSONValue.string)),
                "dashboards": .array(column.users.dashboards.map(JSONValue.string)),
                "visuals": .array(column.users.visuals.map(JSONValue.string)),
            ],
        ]
        if let from = column.from { members["from"] = .string(from) }
        if let template = column.template { members["template"] = .string(template) }
        return .object(members)
    }

    /// Why a file is not a contract this version reads.
    package struct ReadError: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// A text member: absent, or anything but a string, is an error.
    private static func text(_ key: String, in value: JSONValue, _ place: String) throws(ReadError) -> String {
        guard let text = try optionalText(key, in: value, place) else {
            throw ReadError(description: "\(place): '\(key)' is not a string")
        }
        return text
    }

    /// A list of texts, empty when absent; an item that is not a string is an error.
    private static func list(_ key: String, in value: JSONValue?, _ place: String) throws(ReadError) -> [String] {
        guard let items = value?[key]?.arrayValue else { return [] }
        var texts: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw ReadError(description: "\(place): '\(key)' holds a value that is not a string")
            }
            texts.append(text)
        }
        return texts
    }

    /// An optional text member: absent is nil, anything but a string is an error.
    private static func optionalText(_ key: String, in value: JSONValue, _ place: String) throws(ReadError) -> String? {
        guard let member = value[key] else { return nil }
        guard let text = member.stringValue else {
            throw ReadError(description: "\(place): '\(key)' is not a string")
        }
        return text
    }

    /// The contract in a `schema.json`'s bytes.
    package static func contract(parsing bytes: some Collection<UInt8>) throws(ReadError) -> LakeContract {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw ReadError(description: "not JSON: \(error)")
        }
        guard let version = document["format_version"]?.intValue else {
            throw ReadError(description: "no format_version")
        }
        guard version == formatVersion else {
            throw ReadError(description: "format_version \(version), this sluice reads \(formatVersion)")
        }
        guard let pipelines = document["pipelines"]?.objectValue else {
            throw ReadError(description: "no 'pipelines' object")
        }
        var tables: [TableContract] = []
        for (pipeline, table) in pipelines {
            let place = "pipelines.\(pipeline)"
            guard let columns = table["columns"]?.arrayValue else {
                throw ReadError(description: "\(place): no 'columns' array")
            }
            var contracts: [ColumnContract] = []
            for (index, column) in columns.enumerated() {
                let at = "\(place).columns[\(index)]"
                let users = column["users"]
                // A key read as a column (or the reverse) would be compared as a partitioning change, not the one made.
                guard let partitionKey = column["partition_key"]?.boolValue else {
                    throw ReadError(description: "\(at): 'partition_key' is not true or false")
                }
                contracts.append(
                    ColumnContract(
                        name: try text("name", in: column, at), type: try text("type", in: column, at),
                        from: try optionalText("from", in: column, at),
                        template: try optionalText("template", in: column, at), partitionKey: partitionKey,
                        users: ColumnUsers(
                            views: try list("views", in: users, at), datasets: try list("datasets", in: users, at),
                            dashboards: try list("dashboards", in: users, at),
                            visuals: try list("visuals", in: users, at))))
            }
            tables.append(
                TableContract(
                    pipeline: pipeline, stack: try text("stack", in: table, place),
                    database: try text("database", in: table, place), table: try text("table", in: table, place),
                    format: try text("format", in: table, place), columns: contracts))
        }
        return LakeContract(tables: tables)
    }
}
