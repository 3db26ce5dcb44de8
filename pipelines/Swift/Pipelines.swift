import SluiceDSL

/// Pipelines declared in Swift. `sluice` loads these next to the YAML manifests in pipelines/.
package enum SwiftPipelines {
    /// Add a pipeline here to declare it in Swift rather than YAML.
    package static let registered: [Pipeline] = []
}
