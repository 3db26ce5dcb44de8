import Yams

extension Column {
    /// A column, or nil with its problems reported to `file`; with `declared`, an output column or partition key,
    /// which may say where its value comes from (`from`, `template`, `required`, `case`: `ColumnSource`).
    init?(from node: Node, path: String, in file: YAMLFile, declared: Bool = false) {
        guard let reader = MappingReader(node, path: path, in: file) else { return nil }
        defer { reader.finish() }
        let name = reader.requiredString("name")
        let type = reader.choice("type", default: ColumnType?.none)
        let comment = reader.string("comment", default: "")
        var source: ColumnSource?
        if declared, ["from", "template", "required", "case"].contains(where: reader.has) {
            let from = reader.optionalString("from")
            let template = reader.optionalString("template")
            let required = reader.bool("required", default: false)
            let letterCase: LetterCase? = reader.optionalChoice("case")
            let declared = ColumnSource(from: from, template: template, required: required, letterCase: letterCase)
            // `required: false` alone declares nothing: the same column as one without it (and as the DSL's).
            source = declared == ColumnSource() ? nil : declared
            // Errors inside the text (a path's or template's offending byte) point at that byte.
            for key in ["from", "template"] {
                if let value = reader.value(key), let start = file.textStart(of: value) {
                    reader.noteTextStart(key, start)
                }
            }
        }
        guard let name, let type else { return nil }
        self.init(name: name, type: type, comment: comment, source: source, origin: reader.origin)
    }
}
