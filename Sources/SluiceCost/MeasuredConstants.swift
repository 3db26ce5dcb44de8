import SluiceFormats
import SluiceModel

/// One figure the cost model takes from a measurement, as BENCHMARKS.md's "Cost model inputs" table states it.
package struct MeasuredConstant: Sendable, Equatable {
    /// The constant's name in the table's first column.
    package var name: String
    /// The delivery mode it was measured in (`extracted` or `raw`).
    package var mode: DeliveryMode
    /// The lake output it was measured with ("parquet snappy", "json gzip"), or "-" when it does not depend on it.
    package var output: String
    package var value: Double

    package init(_ name: String, _ mode: DeliveryMode, _ output: String, _ value: Double) {
        self.name = name
        self.mode = mode
        self.output = output
        self.value = value
    }
}

/// The measured figures the cost model uses, exactly as BENCHMARKS.md's "Cost model inputs" table states them
/// (`MeasuredConstantsTests` parses the table and compares).
package enum MeasuredConstants {
    package static let cpuSecondsPerInputMiB = "cpu_seconds_per_input_mib"
    package static let landingBytesPerEventByte = "landing_bytes_per_event_byte"
    package static let recordBytesPerEventByte = "record_bytes_per_event_byte"
    package static let lakeBytesPerLandingByte = "lake_bytes_per_landing_byte"

    package static let all: [MeasuredConstant] = [
        // Issue 10's run: processor CPU seconds / (object bytes / 2^20), one core.
        MeasuredConstant(cpuSecondsPerInputMiB, .extracted, "parquet snappy", 0.1151),
        MeasuredConstant(cpuSecondsPerInputMiB, .extracted, "json gzip", 0.1377),
        MeasuredConstant(cpuSecondsPerInputMiB, .raw, "parquet snappy", 0.08601),
        MeasuredConstant(cpuSecondsPerInputMiB, .raw, "json gzip", 0.09953),
        // The sample generator's objects: gzipped object bytes per byte of log message.
        MeasuredConstant(landingBytesPerEventByte, .extracted, "-", 0.1790),
        MeasuredConstant(landingBytesPerEventByte, .raw, "-", 0.3054),
        MeasuredConstant(recordBytesPerEventByte, .raw, "-", 0.3054),
        // Issue 10's scan table: lake bytes / object bytes.
        MeasuredConstant(lakeBytesPerLandingByte, .extracted, "json gzip", 1.326),
        MeasuredConstant(lakeBytesPerLandingByte, .extracted, "parquet snappy", 0.5350),
        MeasuredConstant(lakeBytesPerLandingByte, .extracted, "parquet zstd", 0.3691),
        MeasuredConstant(lakeBytesPerLandingByte, .extracted, "parquet gzip", 0.3917),
        MeasuredConstant(lakeBytesPerLandingByte, .raw, "json gzip", 0.7775),
        MeasuredConstant(lakeBytesPerLandingByte, .raw, "parquet snappy", 0.3137),
        MeasuredConstant(lakeBytesPerLandingByte, .raw, "parquet zstd", 0.2166),
        MeasuredConstant(lakeBytesPerLandingByte, .raw, "parquet gzip", 0.2298),
    ]

    /// The output column's text for a lake format and codec.
    package static func output(_ format: LakeFormat, _ codec: LakeCompression) -> String {
        "\(format.rawValue) \(codec.rawValue)"
    }

    /// The constant `name` for `mode` and `output`; a constant measured only with SNAPPY Parquet stands for every
    /// Parquet codec (CPU time: the codec is under 2% of the processor's profile).
    static func value(_ name: String, _ mode: DeliveryMode, _ output: String = "-") -> Double {
        let matches = all.filter { $0.name == name && $0.mode == mode }
        if let exact = matches.first(where: { $0.output == output }) { return exact.value }
        if output.hasPrefix("parquet"), let snappy = matches.first(where: { $0.output == "parquet snappy" }) {
            return snappy.value
        }
        return matches.first?.value ?? 0
    }

    package static func cpuSeconds(perInputMiB mode: DeliveryMode, _ format: LakeFormat) -> Double {
        value(cpuSecondsPerInputMiB, mode, output(format, format.defaultCompression))
    }

    package static func landingBytes(perEventByte mode: DeliveryMode) -> Double {
        value(landingBytesPerEventByte, mode)
    }

    /// What the subscription sends Firehose is the same in both modes: gzipped JSON documents.
    package static var recordBytesPerEventByteValue: Double { value(recordBytesPerEventByte, .raw) }

    package static func lakeBytes(perLandingByte mode: DeliveryMode, _ format: LakeFormat, _ codec: LakeCompression)
        -> Double
    {
        value(lakeBytesPerLandingByte, mode, output(format, codec))
    }
}
