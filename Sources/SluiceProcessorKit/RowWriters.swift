import SluiceProcessing

/// The one place an output format and codec become a row writer: the processor's configuration asks, the lake
/// objects' extension (`json.gz`, `parquet`) follows from the writer.
public enum RowWriters {
    /// A writer of `columns` in `format` with `compression`, or why there is none.
    public static func make(
        format: LakeFormat, compression: LakeCompression, columns: [ProcessorConfig.Column]
    ) -> Result<any RowWriter, ProcessorError> {
        switch format {
        case .json:
            // Athena reads NDJSON gzipped only (of the codecs the manifest offers): the manifest refuses others.
            guard compression == .gzip else {
                return .failure(
                    .configuration("json output is written gzipped only, not \(compression.rawValue)"))
            }
            return .success(GzipNDJSONWriter(columns: columns.map(\.name)))
        case .parquet:
            // TODO-for-merge: the PARQUET branch's `ParquetRowWriter` goes here; until it does, a Parquet table is
            // refused with an error before any object is read, never a crash, and `sluice process --output-format
            // json` writes JSON. With that branch's API (SluiceProcessing/ParquetRowWriter.swift at 042685d):
            //     guard let codec = ParquetCompression(rawValue: compression.rawValue) else { ...failure... }
            //     do {
            //         return .success(try ParquetRowWriter(
            //             columns: columns.map { ($0.name, $0.type.rawValue) }, compression: codec,
            //             createdBy: "sluice"))
            //     } catch { return .failure(.configuration("\(error)")) }
            // and its `value(of:at:)` reads `row[position]` (a `Row` is `[Row.Value]` by position now).
            return .failure(
                .configuration(
                    "parquet output (compression \(compression.rawValue)) is not built into this processor yet; "
                        + "run with --output-format json"))
        }
    }

    /// The writer a configuration's output declares.
    public static func make(_ output: ProcessorConfig.Output) -> Result<any RowWriter, ProcessorError> {
        make(format: output.format, compression: output.compression, columns: output.columns)
    }
}
