import SluiceParquet
import SluiceProcessing

/// The one place an output format and codec become a row writer: the processor's configuration asks, the lake
/// objects' extension (`json.gz`, `parquet`) follows from the writer.
package enum RowWriters {
    /// A writer of `columns` in `format` with `compression`, or why there is none.
    package static func make(
        format: LakeFormat, compression: LakeCompression, columns: [ProcessorConfig.Column]
    ) -> Result<any RowWriter, ProcessorError> {
        switch format {
        case .json:
            // The manifest's own rule (Athena reads NDJSON gzipped only), for configurations made by hand.
            guard format.allowedCompressions.contains(compression) else {
                return .failure(
                    .configuration("json output is written gzipped only, not \(compression.rawValue)"))
            }
            return .success(GzipNDJSONWriter(columns: columns.map(\.name)))
        case .parquet:
            guard let codec = ParquetCompression(rawValue: compression.rawValue) else {
                return .failure(.configuration("parquet cannot be written with \(compression.rawValue)"))
            }
            do {
                return .success(
                    try ParquetRowWriter(
                        columns: columns.map { ($0.name, $0.type.rawValue) }, compression: codec,
                        createdBy: "sluice version \(SluiceVersion.current)", options: parquetOptions))
            } catch {
                return .failure(.configuration("\(error)"))
            }
        }
    }

    /// The processor's Parquet files: row groups of 2 MiB of buffered values, half the writer's default, because
    /// the processor holds a file per date partition being written and an object spans two dates at midnight.
    /// Measured (BENCHMARKS.md), a 230 MB object of two dates peaked at 63.0 MB with 4 MiB row groups (the
    /// processor's budget is 64 MB), 54.7 MB with 2 MiB; its files came out 3% larger (each row group repeats its
    /// dictionaries). Row groups of a few hundred KB compressed are still read in large ranges by Athena.
    static let parquetOptions = ParquetWriter.Options(rowGroupBytes: 2 << 20)

    /// The writer a configuration's output declares.
    package static func make(_ output: ProcessorConfig.Output) -> Result<any RowWriter, ProcessorError> {
        make(format: output.format, compression: output.compression, columns: output.columns)
    }
}
