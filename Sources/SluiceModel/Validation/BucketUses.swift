/// Every S3 bucket a project declares or derives, with its use: two uses of one bucket would make two stacks (or two
/// resources of one stack) manage the same bucket, and a declared output bucket could take over the Terraform state
/// bucket's policy and lifecycle.
struct BucketUses {
    private struct Use {
        let what: String
        let location: SourceLocation
    }

    private let project: Project
    private var uses: [String: Use] = [:]

    init(project: Project) {
        self.project = project
        uses[project.state.bucket] = Use(what: "the Terraform state bucket", location: project.state.origin["bucket"])
    }

    /// Records the buckets of a pipeline, reporting each that another use already holds.
    mutating func add(_ pipeline: Pipeline, _ diagnostics: inout Diagnostics) {
        guard let names = Names(project: project, pipeline: pipeline) else { return }
        let output = pipeline.processor.output
        let declared = output.bucket != nil
        var mine: [(name: String, use: Use)] = [
            (
                names.rawBucket,
                Use(what: "the raw bucket of pipeline '\(pipeline.name)'", location: pipeline.origin["name"])
            ),
            (
                names.lakeBucket,
                Use(
                    what: "the output bucket of pipeline '\(pipeline.name)'",
                    location: declared ? output.origin["bucket"] : pipeline.origin["name"])
            ),
            (
                names.athenaResultsBucket,
                Use(what: "the Athena results bucket of pipeline '\(pipeline.name)'", location: pipeline.origin["name"])
            ),
        ]
        if names.replicates {
            mine.append(
                (
                    names.landingBucket,
                    Use(what: "the landing bucket of pipeline '\(pipeline.name)'", location: pipeline.origin["name"])
                ))
        }
        for (name, use) in mine {
            if let first = uses[name] {
                diagnostics.error(
                    "bucket '\(name)' would be both \(first.what) (\(first.location)) and \(use.what); "
                        + "each bucket has one use",
                    at: use.location)
            } else {
                uses[name] = use
            }
        }
    }
}
