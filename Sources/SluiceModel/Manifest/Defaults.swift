/// The value of every optional manifest key, shared by the YAML decoder and the Swift DSL so both forms of a
/// declaration mean the same thing. A stage's own defaults live beside its type (`Manifest/Stages/`), in an
/// extension of this enum; the project's are here.
package enum Defaults {
    package static let stateKeyPrefix = "sluice"
    /// The Swift release the processor images are built with and the pull-request check compiles and tests with
    /// (`swift:<version>-amazonlinux2023`, official images of which start at 6.3).
    package static let swiftVersion = "6.3"
}
