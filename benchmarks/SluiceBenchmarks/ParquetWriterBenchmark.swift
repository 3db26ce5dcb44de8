import Foundation
import SluiceParquet

/// A million rows of 13 columns shaped like an HAProxy table's (timestamps and sizes mostly distinct, addresses,
/// servers, methods and paths repeating, a nullable double), through the Parquet writer with each codec.
enum ParquetWriterBenchmark {
    static let columns: [ParquetColumn] = [
        .init(name: "ts", type: .timestamp), .init(name: "client", type: .string),
        .init(name: "frontend", type: .string), .init(name: "backend", type: .string),
        .init(name: "server", type: .string), .init(name: "status", type: .int), .init(name: "bytes", type: .bigint),
        .init(name: "method", type: .string), .init(name: "path", type: .string), .init(name: "tt", type: .int),
        .init(name: "secure", type: .boolean), .init(name: "ratio", type: .double), .init(name: "day", type: .date),
    ]

    /// Writes `count` rows with each codec; prints rows/s, bytes and row groups per codec.
    static func run(count: Int = 1_000_000) {
        for codec in ParquetCompression.allCases {
            rows(codec: codec, count: count)
        }
    }

    static func rows(codec: ParquetCompression, count: Int) {
        let paths = (0..<5000).map { "/api/v1/items/\($0 * 7919 % 100_000)?page=\($0 % 13)" }
        let clients = (0..<2000).map { "10.\($0 % 256).\($0 / 256).\($0 % 7)" }
        let backends = (0..<4).map { "be_app\($0)" }
        let servers = (0..<16).map { "app\($0)" }
        var writer = ParquetWriter(columns: columns, compression: codec, createdBy: "bench")
        var bytes = 0
        let elapsed = ContinuousClock().measure {
            for row in 0..<count {
                writer.append(column: 0, int64: 1_700_000_000_000 + Int64(row) * 3)
                writer.append(column: 1, string: clients[row % clients.count])
                writer.append(column: 2, string: "fe_http")
                writer.append(column: 3, string: backends[row % 4])
                writer.append(column: 4, string: servers[row % 16])
                writer.append(column: 5, int32: row % 50 == 0 ? 404 : 200)
                writer.append(column: 6, int64: Int64(row % 90_000))
                writer.append(column: 7, string: row % 5 == 0 ? "POST" : "GET")
                writer.append(column: 8, string: paths[(row * 31) % paths.count])
                writer.append(column: 9, int32: Int32(row % 1000))
                writer.append(column: 10, bool: row % 2 == 0)
                if row % 10 == 0 {
                    writer.appendNull(column: 11)
                } else {
                    writer.append(column: 11, double: Double(row % 1000) / 7)
                }
                writer.append(column: 12, int32: 19_700)
                writer.endRow()
                if writer.outputCount > 0 { bytes += writer.takeOutput().count }
            }
            bytes += writer.finish().count
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perRow = String(format: "%.1f", Double(bytes) / Double(count))
        print(
            "parquet \(codec.rawValue): \(Int(Double(count) / seconds)) rows/s, \(bytes) bytes (\(perRow) a row), "
                + "\(writer.rowGroupCount) row groups, \(writer.rowCount) rows")
    }
}
