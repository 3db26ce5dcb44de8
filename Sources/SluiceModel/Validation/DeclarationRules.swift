/// The checks of the output table's column declarations (`from:`, `template:`, `required:`, `case:`) and of its
/// `event_time` that need no log format's parser. Whether a format's records have the value a `from:` names is
/// checked where the format registry is linked (`sluice check`, `generate` and `plan`: SluiceCommands).
struct DeclarationRules {
    let pipeline: Pipeline

    func check(_ diagnostics: inout Diagnostics) {
        let table = pipeline.processor.output
        for column in table.columns { checkColumn(column, partitionKey: false, &diagnostics) }
        for key in table.partitionKeys { checkColumn(key, partitionKey: true, &diagnostics) }
        checkEventTime(table, &diagnostics)
    }

    private func checkColumn(_ column: Column, partitionKey: Bool, _ diagnostics: inout Diagnostics) {
        guard let source = column.source else { return }
        let origin = column.origin
        if partitionKey, column.name == "dt" {
            diagnostics.error(
                "partition key 'dt' is the UTC day of the event time: it takes no 'from' or 'template'; name the "
                    + "timestamp column it comes from with 'processor.output.event_time'",
                at: origin.location)
        }
        if let from = source.from {
            do {
                _ = try FieldPath(parsing: from)
            } catch {
                diagnostics.error(
                    "column '\(column.name)': 'from' is not a field path: \(error.message)",
                    at: origin.location(of: "from", byte: error.offset, in: from))
            }
        }
        if let text = source.template {
            do {
                let template = try Template(parsing: text)
                if template.captureName != column.name {
                    let offset = Array(text.utf8).firstIndex(of: UInt8(ascii: "{")).map { $0 + 1 } ?? 0
                    diagnostics.error(
                        "column '\(column.name)': the template captures '{\(template.captureName)}'; a capture is "
                            + "named like the column it fills, '{\(column.name)}'",
                        at: origin.location(of: "template", byte: offset, in: text))
                }
            } catch {
                diagnostics.error(
                    "column '\(column.name)': 'template' is not a template: \(error.message)",
                    at: origin.location(of: "template", byte: error.offset, in: text))
            }
        }
        if source.letterCase != nil, column.type != .string {
            diagnostics.error(
                "column '\(column.name)': 'case' changes text, and the column is \(column.type.rawValue)",
                at: origin["case"])
        }
    }

    private func checkEventTime(_ table: Table, _ diagnostics: inout Diagnostics) {
        let format = pipeline.source.format
        guard let name = table.eventTime else {
            if !format.hasEventTime, table.partitionKeys.contains(where: { $0.name == "dt" }) {
                diagnostics.error(
                    "'\(format.rawValue)' records have no event time of their own, so the 'dt' partition needs "
                        + "'event_time': the timestamp column whose UTC day it is",
                    at: table.partitionKeys.first { $0.name == "dt" }?.origin.location ?? table.origin.location)
            }
            return
        }
        guard let column = table.columns.first(where: { $0.name == name }) else {
            diagnostics.error(
                "event_time '\(name)' is not a column of table '\(table.name)'"
                    + Suggestion.hint(for: name, in: table.columns.filter { $0.type == .timestamp }.map(\.name)),
                at: table.origin["event_time"])
            return
        }
        if column.type != .timestamp {
            diagnostics.error(
                "event_time '\(name)' is \(column.type.rawValue); it names a timestamp column, whose UTC day is "
                    + "the 'dt' partition",
                at: table.origin["event_time"])
        }
        if !table.partitionKeys.contains(where: { $0.name == "dt" }) {
            diagnostics.warning(
                "event_time '\(name)' names the day of a 'dt' partition, and table '\(table.name)' has none",
                at: table.origin["event_time"])
        }
    }
}
