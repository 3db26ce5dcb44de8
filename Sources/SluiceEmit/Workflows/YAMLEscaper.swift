/// Declaration text in a workflow: YAML's escaping (`YAMLText`), made inert for GitHub as well.
enum YAML {
    /// Text from the declarations as a double-quoted scalar, made inert for GitHub: GitHub evaluates `${{` wherever it
    /// occurs in a value, so each one is written as an expression that yields `$` followed by the text `{{`.
    /// Validation refuses `${{` in the declarations; this keeps the output safe regardless.
    static func quoted(_ value: String) -> String { YAMLText.quoted(inert(value)) }

    /// Text from the declarations written plain when it reads the same plain (`YAMLText.isPlain`), quoted otherwise.
    static func scalar(_ value: String) -> String { YAMLText.isPlain(value) ? value : quoted(value) }

    /// `${{` as `${{ '$' }}{{`: GitHub reads it as the text `${{`, evaluating nothing from the declaration.
    static func inert(_ value: String) -> String { value.replacingOccurrences(of: "${{", with: "${{ '$' }}{{") }
}
