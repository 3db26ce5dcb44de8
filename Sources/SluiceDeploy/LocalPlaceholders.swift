import SluiceCloud
import SluiceModel

extension LocalTarget {
    /// A well-formed image reference per processor, pinned by an all-zero digest: a local endpoint never pulls the
    /// image, but the function needs one. `dev up` and `plan --local` both pass these (unless given with `--var`).
    package static func placeholderImages(project: Project, pipelines: [Pipeline]) -> [String: String] {
        var variables: [String: String] = [:]
        for pipeline in pipelines {
            guard let names = Names(project: project, pipeline: pipeline) else { continue }
            let account = names.analyticsAccount
            variables[names.imageVariable] =
                "\(account.id).dkr.ecr.\(account.region).amazonaws.com/\(names.repository)@sha256:"
                + String(repeating: "0", count: 64)
        }
        return variables
    }
}
