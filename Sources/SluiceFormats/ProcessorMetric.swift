/// The metrics a processor emits, once per invocation, in CloudWatch Embedded Metric Format: the one list the
/// processor writes from and the alarms, the dashboard and `sluice status` read, so that none of them can name a
/// metric the processor does not emit.
///
/// Every metric is in `namespace`, with one dimension set, `dimensions`: the pipeline's name and its output table.
package enum ProcessorMetric: String, Sendable, CaseIterable {
    /// Lines read from the object (an unreadable item counts as one).
    case lines = "Lines"
    /// Rows written to the lake.
    case rows = "Rows"
    /// Lines quarantined with their reason.
    case quarantined = "Quarantined"
    /// Bytes of the input object.
    case bytesIn = "BytesIn"
    /// Bytes written to the lake.
    case bytesOut = "BytesOut"
    /// Lookup queries run against Athena (batches, not keys).
    case lookupQueries = "LookupQueries"
    /// 1 when part of the object was damaged (its ranges are in the quarantine), else 0.
    case damagedObjects = "DamagedObjects"
    /// 1 per invocation that processed an object: what a sum over a period counts objects by.
    case objects = "Objects"
    /// The invocation's processing time, in milliseconds.
    case duration = "Duration"

    /// The CloudWatch namespace of every processor metric.
    package static let namespace = "Sluice"

    /// The dimension holding the pipeline's name.
    package static let pipelineDimension = "Pipeline"
    /// The dimension holding the output table's name.
    package static let tableDimension = "Table"
    /// The one dimension set every metric is emitted with (alarms and dashboards must name exactly these).
    package static let dimensions = [pipelineDimension, tableDimension]

    /// The metric's name in CloudWatch.
    package var name: String { rawValue }

    /// The EMF unit of the metric.
    package var unit: String {
        switch self {
        case .lines, .rows, .quarantined, .lookupQueries, .damagedObjects, .objects: "Count"
        case .bytesIn, .bytesOut: "Bytes"
        case .duration: "Milliseconds"
        }
    }
}
