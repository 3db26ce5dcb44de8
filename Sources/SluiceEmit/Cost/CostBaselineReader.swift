import SluiceJSON

/// Why a base's `generated/cost.json` could not be read, located: a line and column for bytes that are not JSON, the
/// member's path (`pipelines[0].lines[2].monthly_usd`) for JSON of another shape.
package struct CostBaselineError: Error, Sendable, Equatable {
    package var message: String

    /// `FILE:LINE:COLUMN: error: ...` or `FILE: error: at MEMBER: ...`, as diagnostics are printed.
    package func located(in file: String) -> String { "\(file)\(message)" }
}

extension CostBaseline {
    /// Reads what `CostJSON.document` wrote: each pipeline's total and lines. Other members are not read, so that a
    /// base written by a later version with more of them still compares; a different `format` is refused.
    package init(parsing bytes: [UInt8]) throws(CostBaselineError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes)
        } catch {
            throw CostBaselineError(message: ":\(error.line):\(error.column): error: \(error.message)")
        }
        func fail(_ path: String, _ problem: String) -> CostBaselineError {
            CostBaselineError(message: ": error: at \(path): \(problem)")
        }
        guard document.objectValue != nil else { throw fail("the top", "expected an object") }
        guard let format = document["format"]?.intValue else { throw fail("format", "expected an integer") }
        guard format == CostJSON.formatVersion else {
            throw fail("format", "version \(format); this sluice reads version \(CostJSON.formatVersion)")
        }
        guard let pipelines = document["pipelines"]?.arrayValue else { throw fail("pipelines", "expected an array") }
        var read: [String: Pipeline] = [:]
        for (index, pipeline) in pipelines.enumerated() {
            let at = "pipelines[\(index)]"
            guard let name = pipeline["pipeline"]?.stringValue else {
                throw fail("\(at).pipeline", "expected a string")
            }
            guard read[name] == nil else { throw fail("\(at).pipeline", "'\(name)' appears twice") }
            guard let total = pipeline["monthly_usd"]?.doubleValue else {
                throw fail("\(at).monthly_usd", "expected a number")
            }
            guard let lines = pipeline["lines"]?.arrayValue else { throw fail("\(at).lines", "expected an array") }
            var figures: [CostLineKey: Double] = [:]
            for (lineIndex, line) in lines.enumerated() {
                let lineAt = "\(at).lines[\(lineIndex)]"
                var parts: [String] = []
                for member in ["stage", "account", "item"] {
                    guard let text = line[member]?.stringValue else {
                        throw fail("\(lineAt).\(member)", "expected a string")
                    }
                    parts.append(text)
                }
                guard let cost = line["monthly_usd"]?.doubleValue else {
                    throw fail("\(lineAt).monthly_usd", "expected a number")
                }
                let key = CostLineKey(pipeline: name, stage: parts[0], account: parts[1], item: parts[2])
                figures[key, default: 0] += cost
            }
            read[name] = Pipeline(monthlyUSD: total, lines: figures)
        }
        self.init(pipelines: read)
    }
}
