import SluiceFormats
import SluiceModel

/// The choices a manifest could make instead: partition projection or a crawler, JSON or Parquet, other buffering
/// sizes. Each changes one thing in the pipeline and is estimated whole.
package enum Alternatives {
    /// The buffering sizes offered as alternatives (those in the manifest's allowed range, other than the current).
    package static let bufferingSizesMB = [16, 32, 64, 128]

    /// Each alternative: what changes, in the manifest's words, and the pipeline with that change.
    package static func all(for pipeline: Pipeline) -> [(change: String, pipeline: Pipeline)] {
        var result: [(String, Pipeline)] = []
        var discovery = pipeline
        switch pipeline.catalog.discovery {
        case .crawler:
            let key = pipeline.processor.output.partitionKeys.first?.name ?? "dt"
            discovery.catalog.discovery = .projection(
                Projection(key: key, since: "2026-01-01", origin: pipeline.catalog.origin))
            result.append(("catalog: projection instead of a crawler", discovery))
        case .projection:
            discovery.catalog.discovery = .crawler(schedule: Schedule("hourly"))
            result.append(("catalog: an hourly crawler instead of projection", discovery))
        }
        var format = pipeline
        let other: LakeFormat = pipeline.processor.output.format == .parquet ? .json : .parquet
        format.processor.output.format = other
        format.processor.output.compression = other.defaultCompression
        result.append(("processor.output.format: \(other.rawValue) (\(other.defaultCompression.rawValue))", format))
        for size in bufferingSizesMB where size != pipeline.delivery.bufferingSizeMB {
            var buffered = pipeline
            buffered.delivery.bufferingSizeMB = size
            result.append(("delivery.buffering_size_mb: \(size)", buffered))
        }
        return result
    }

    /// The alternative estimate against the current one: its total, the difference, and the lines whose cost
    /// differs, largest difference first.
    package static func compare(_ current: PipelineEstimate, with other: PipelineEstimate, change: String)
        -> CostAlternative
    {
        struct LineKey: Hashable {
            var stage: CostStage
            var account: String
            var item: String
        }
        func totals(_ estimate: PipelineEstimate) -> [LineKey: Double] {
            estimate.lines.reduce(into: [:]) {
                $0[LineKey(stage: $1.stage, account: $1.account, item: $1.item), default: 0] += $1.monthlyUSD
            }
        }
        let changed = AmountChanges.between(
            totals(current), totals(other), counts: { $0 != 0 },
            ordered: { ($0.stage.rawValue, $0.item) < ($1.stage.rawValue, $1.item) }
        ).map {
            ChangedLine(
                stage: $0.key.stage, account: $0.key.account, item: $0.key.item, beforeUSD: $0.before,
                afterUSD: $0.after)
        }
        return CostAlternative(
            change: change, monthlyUSD: other.monthlyUSD, deltaUSD: other.monthlyUSD - current.monthlyUSD,
            changedLines: changed)
    }
}
