/// Decodes one pipeline manifest (`pipelines/<name>.yaml`): parses the YAML and hands its sections to the stages'
/// types (`Pipeline.init(from:readFile:)`).
package enum PipelineDecoder {
    /// The pipeline, or nil with every problem in `diagnostics`.
    /// - Parameter readFile: reads a file named in the manifest (a view's `sql_file`), relative to the manifest, or
    ///   says why it may not be read.
    package static func decode(
        _ text: String, path: String, diagnostics: inout Diagnostics,
        readFile: (String) -> Result<String, DeclarationFiles.Refusal>
    ) -> Pipeline? {
        let file = YAMLFile(path: path)
        defer { diagnostics.append(contentsOf: file.diagnostics) }
        guard let root = file.parse(text), let top = MappingReader(root, path: "", in: file) else { return nil }
        return Pipeline(from: top, readFile: readFile)
    }

    /// The pipeline, or nil with every problem in `diagnostics`; a view's `sql_file` cannot be read.
    package static func decode(_ text: String, path: String, diagnostics: inout Diagnostics) -> Pipeline? {
        decode(text, path: path, diagnostics: &diagnostics) { _ in
            .failure(DeclarationFiles.Refusal(message: "no files are read here"))
        }
    }
}
