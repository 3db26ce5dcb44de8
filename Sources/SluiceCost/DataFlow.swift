import SluiceFormats
import SluiceModel

/// The daily quantities each stage of a pipeline handles, derived once from its volume, its manifest and the
/// measured constants; the stages' cost lines price them.
package struct DataFlow: Sendable {
    /// Bytes of log messages a day.
    package var eventBytesPerDay: Double
    package var eventsPerDay: Double
    /// Subscription deliveries (Firehose records) a day: at most one a second (an assumption: AWS does not document
    /// how CloudWatch Logs batches), and never more than the events.
    package var recordsPerDay: Double
    /// The average record: the gzipped JSON document of one delivery.
    package var recordBytes: Double
    /// Bytes a day that fill Firehose's buffer (applied before compression): the extracted messages, a newline
    /// each, in `extracted` mode; the records as they came in `raw` mode.
    package var bufferedBytesPerDay: Double
    /// Objects Firehose writes a day: a buffer full or an interval, whichever comes first, at most a record each.
    package var objectsPerDay: Double
    /// Gzipped landing object bytes a day.
    package var landingBytesPerDay: Double
    /// Lake bytes a day, from the measured lake bytes per landing byte of the output format and codec.
    package var lakeBytesPerDay: Double

    /// The seconds in a day: deliveries are assumed at most one a second.
    package static let recordsPerDayLimit = BillingUnits.secondsPerDay

    package init(pipeline: Pipeline, volume: VolumeFigures) {
        let delivery = pipeline.delivery
        let output = pipeline.processor.output
        eventBytesPerDay = volume.eventBytesPerDay
        eventsPerDay = volume.eventsPerDay
        recordsPerDay = min(volume.eventsPerDay, Self.recordsPerDayLimit)
        let recordBytesPerDay = eventBytesPerDay * MeasuredConstants.recordBytesPerEventByteValue
        recordBytes = recordsPerDay > 0 ? recordBytesPerDay / recordsPerDay : 0
        bufferedBytesPerDay =
            delivery.mode == .extracted ? eventBytesPerDay + volume.eventsPerDay : recordBytesPerDay
        objectsPerDay = Self.objectsPerDay(
            bufferedBytesPerDay: bufferedBytesPerDay, recordsPerDay: recordsPerDay,
            bufferingSizeMB: delivery.bufferingSizeMB, intervalSeconds: delivery.bufferingIntervalSeconds)
        landingBytesPerDay = eventBytesPerDay * MeasuredConstants.landingBytes(perEventByte: delivery.mode)
        lakeBytesPerDay =
            landingBytesPerDay
            * MeasuredConstants.lakeBytes(perLandingByte: delivery.mode, output.format, output.compression)
    }

    /// max(buffered bytes / buffer size, 86,400 s / interval), at most the records a day (an interval of 0 flushes
    /// each record).
    package static func objectsPerDay(
        bufferedBytesPerDay: Double, recordsPerDay: Double, bufferingSizeMB: Int, intervalSeconds: Int
    ) -> Double {
        guard intervalSeconds > 0 else { return recordsPerDay }
        // Validation keeps the size at 1 MB or more; an unvalidated 0 must not divide by zero.
        let bySize = bufferedBytesPerDay / (Double(max(1, bufferingSizeMB)) * BillingUnits.mebibyte)
        let byInterval = BillingUnits.secondsPerDay / Double(intervalSeconds)
        return min(recordsPerDay, max(bySize, byInterval))
    }

    /// The average landing object.
    package var objectBytes: Double { objectsPerDay > 0 ? landingBytesPerDay / objectsPerDay : 0 }
    /// The average lake object: one per landing object (one date partition per object).
    package var lakeObjectBytes: Double { objectsPerDay > 0 ? lakeBytesPerDay / objectsPerDay : 0 }
}
