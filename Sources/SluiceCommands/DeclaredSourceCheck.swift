import SluiceModel
import SluiceProcessing

/// The declaration checks only a log format's parser can make: whether a column's `from:` (or, for a declaration
/// without one, its name) names a value the format's records have, of a type the column can hold. Here because this
/// module links both the model and the format registry, which the model must not depend on; the processor asks the
/// same reader when it starts, so what `sluice check` accepts, the processor serves.
enum DeclaredSourceCheck {
    /// The problems of `pipelines`' declarations, located at the offending column's `from:` (or its name).
    static func check(_ pipelines: [Pipeline]) -> Diagnostics {
        var diagnostics = Diagnostics()
        for pipeline in pipelines {
            let table = pipeline.processor.output
            let format = LogFormats.format(pipeline.source.format)
            for column in table.columns + table.partitionKeys {
                guard let source = column.source else { continue }
                let text = source.pathText(column: column.name)
                // A path or template that does not parse is the model's error (DeclarationRules), already reported.
                guard let path = try? FieldPath(parsing: text) else { continue }
                if let template = source.template, (try? Template(parsing: template)) == nil { continue }
                let type = source.template == nil ? column.type : .string
                guard let problem = Self.problem(format, path, type) else { continue }
                diagnostics.error(
                    "column '\(column.name)': \(problem)",
                    at: source.from == nil ? column.origin["name"] : column.origin["from"])
            }
        }
        return diagnostics
    }

    /// Why `Format` cannot read `path` for a column of `type`, with the nearest field's name when it has none of
    /// that name; nil when it can.
    private static func problem<Format: RecordFormat>(_: Format.Type, _ path: FieldPath, _ type: ColumnType)
        -> String?
    {
        do {
            _ = try Format.reader(path, for: type)
            return nil
        } catch {
            let names = Format.fields.map(\.name)
            guard let key = path.singleKey, !names.contains(key) else { return error.message }
            return error.message + Suggestion.hint(for: key, in: names)
        }
    }
}
