import SluiceCost
import SluiceJSON

/// The estimate as JSON: what `generated/cost.json` holds and `sluice cost --format json` prints, byte for byte
/// (with `--base`, a `delta` member more). Keys are sorted by the writer; dollar amounts are rounded to a millionth
/// (`CostFigures.stored`); every string goes through the JSON escaper.
package enum CostJSON {
    /// The path of the committed estimate, which a pull request's base checkout is read at too.
    package static let path = "generated/cost.json"

    /// The version of the file's shape; a reader refuses another.
    package static let formatVersion = 1

    /// The document: the generated-file marker first (`//` sorts before every other key), then the estimate.
    package static func document(_ estimate: ProjectEstimate, comparison: CostComparison = .none) -> String {
        guard case .object(var members) = value(estimate) else { return "" }
        switch comparison {
        case .none: break
        case .missing(let path): members["delta"] = ["base": .string(path), "found": false]
        case .delta(let delta): members["delta"] = value(delta)
        }
        return JSONValue.object(members).pretty()
    }

    static func value(_ estimate: ProjectEstimate) -> JSONValue {
        [
            "//": .string(
                "\(GeneratedFile.marker) from pipelines/ and the committed price table. Do not edit: run "
                    + "`sluice generate`. `sluice cost` shows it with the formulas."),
            "format": .int(formatVersion),
            "prices_as_of": .string(estimate.pricesAsOf),
            "monthly_usd": money(estimate.monthlyUSD),
            "pipelines": .array(estimate.pipelines.map(value)),
        ]
    }

    static func value(_ pipeline: PipelineEstimate) -> JSONValue {
        let summary = CostSummary(pipeline)
        return [
            "pipeline": .string(pipeline.pipeline),
            "regions": .object(pipeline.regions.mapValues { .string($0) }),
            "monthly_usd": money(pipeline.monthlyUSD),
            "assumptions": .array(pipeline.assumptions.map { .string($0) }),
            "by_stage": .object(
                Dictionary(uniqueKeysWithValues: summary.stages.map { ($0.stage.rawValue, money($0.monthlyUSD)) })),
            "by_account": .object(
                Dictionary(uniqueKeysWithValues: summary.accounts.map { ($0.account, money($0.monthlyUSD)) })),
            "lines": .array(
                pipeline.lines.map { line in
                    [
                        "stage": .string(line.stage.rawValue), "account": .string(line.account),
                        "item": .string(line.item), "quantity": JSONValue(line.quantity), "unit": .string(line.unit),
                        "price_key": .string(line.priceKey.rawValue), "unit_price_usd": JSONValue(line.unitPriceUSD),
                        "monthly_usd": money(line.monthlyUSD), "formula": .string(line.formula),
                    ]
                }),
            "alternatives": .array(
                pipeline.alternatives.map { alternative in
                    [
                        "change": .string(alternative.change), "monthly_usd": money(alternative.monthlyUSD),
                        "delta_usd": money(alternative.deltaUSD),
                        "changed_lines": .array(
                            alternative.changedLines.map { line in
                                [
                                    "stage": .string(line.stage.rawValue), "account": .string(line.account),
                                    "item": .string(line.item), "before_usd": money(line.beforeUSD),
                                    "after_usd": money(line.afterUSD),
                                ]
                            }),
                    ]
                }),
        ]
    }

    static func value(_ delta: CostDelta) -> JSONValue {
        func optional(_ usd: Double?) -> JSONValue { usd.map(money) ?? .null }
        return [
            "base": .string(delta.basePath), "found": true,
            "before_usd": money(delta.beforeUSD), "after_usd": money(delta.afterUSD),
            "delta_usd": money(delta.deltaUSD),
            "pipelines": .array(
                delta.pipelines.map {
                    [
                        "pipeline": .string($0.pipeline), "before_usd": optional($0.beforeUSD),
                        "after_usd": optional($0.afterUSD), "delta_usd": money($0.deltaUSD),
                    ]
                }),
            "changed_lines": .array(
                delta.lines.map {
                    [
                        "pipeline": .string($0.key.pipeline), "stage": .string($0.key.stage),
                        "account": .string($0.key.account), "item": .string($0.key.item),
                        "before_usd": money($0.beforeUSD), "after_usd": money($0.afterUSD),
                        "delta_usd": money($0.deltaUSD),
                    ]
                }),
        ]
    }

    /// Rounded as stored, and never `-0.0`.
    private static func money(_ usd: Double) -> JSONValue {
        let stored = CostFigures.stored(usd)
        return JSONValue(stored == 0 ? 0 : stored)
    }
}
