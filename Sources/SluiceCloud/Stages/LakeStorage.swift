import SluiceModel

/// How the objects of a lake table are stored, as its Glue table tells Athena, Spark and the crawler: the SerDe, the
/// Hadoop input and output formats, and the table parameters that name the format and codec.
///
/// The columns need nothing per format. A Glue `timestamp` column reads the Parquet writer's INT64
/// TIMESTAMP(isAdjustedToUTC=true, MILLIS) as it is: Athena's Parquet reader (Trino's) maps the TIMESTAMP logical type
/// of any unit to its timestamp, whose precision is milliseconds (Athena's "Data types" page), and Spark reads
/// ParquetHiveSerDe tables with its own Parquet reader, which maps it to TimestampType. INT96, Hive's old encoding,
/// is deprecated by the format (apache/parquet-format LogicalTypes.md) and is neither needed nor written.
package struct LakeStorage: Equatable {
    /// The SerDe's name in the storage descriptor: informational, the library is what readers load.
    package var serDeName: String
    package var serializationLibrary: String
    package var inputFormat: String
    package var outputFormat: String
    /// Whether the objects as a whole are compressed (a gzipped text file). A Parquet file is not: its codec works on
    /// each page inside it, and the file stays splittable.
    package var compressed: Bool
    /// The table parameters that depend on the format. Partition projection's parameters are added apart: they
    /// describe the folder layout, which is the same in both formats.
    package var parameters: [String: String]

    package init(format: LakeFormat, compression: LakeCompression) {
        switch format {
        case .parquet:
            serDeName = "parquet"
            serializationLibrary = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
            inputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
            outputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
            compressed = false
            // `parquet.compression` is the codec Athena's INSERT INTO writes with (its "ALTER TABLE SET
            // TBLPROPERTIES" page). Reading needs no parameter: each column chunk names its own codec, so objects
            // written before a codec change stay readable.
            parameters = [
                "classification": "parquet", "parquet.compression": compression.rawValue.uppercased(),
                "EXTERNAL": "TRUE",
            ]
        case .json:
            serDeName = "json"
            serializationLibrary = "org.openx.data.jsonserde.JsonSerDe"
            inputFormat = "org.apache.hadoop.mapred.TextInputFormat"
            outputFormat = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
            compressed = true
            parameters = ["classification": "json", "compressionType": compression.rawValue, "EXTERNAL": "TRUE"]
        }
    }
}
