import SluiceModel

/// `generated/docker/<processor>/Dockerfile`: the Lambda container image of each processor, built and pushed by the
/// deploy workflow. Only generated when the project has a `github` section, since nothing else builds the images.
package enum DockerfileEmitter {
    /// Holds one folder per processor, named after it.
    package static let folder = "generated/docker"

    /// The official Swift image the processor is compiled in, of the project's `swift_version`: Amazon Linux 2023,
    /// the system of the runtime image, so the binary links against the glibc and libcurl it runs with. The
    /// pull-request workflow's check job compiles and tests in the same image.
    package static func builderImage(_ project: Project) -> String { "swift:\(project.swiftVersion)-amazonlinux2023" }

    /// AWS's base image for custom runtimes; its entrypoint starts `/var/runtime/bootstrap`.
    package static let runtimeImage = "public.ecr.aws/lambda/provided:al2023"

    /// The Amazon Linux 2023 release whose repository the runtime stage installs from (`--releasever`), so the
    /// pinned package versions below exist whatever release the runtime image's tag moved to.
    package static let amazonLinuxRelease = amazonLinuxReleaseText.description
    /// The same, as fixed text for the pull-request check's script (which interpolates no `String`).
    static let amazonLinuxReleaseText: StaticString = "2023.12.20260914"

    /// What the runtime stage installs, pinned to the versions of `amazonLinuxRelease` (its release notes list them).
    /// URLSession (the processor's S3 and Athena clients) loads the system's libcurl; zlib is in the base image;
    /// the Parquet writer links snappy and zstd (its SNAPPY and ZSTD codecs). snappy and libzstd are pinned by
    /// upstream version only (AL2023 ships snappy 1.1.9 and zstd 1.5.5; dnf picks that version's latest release).
    package static let runtimePackages = ["libcurl-minimal-8.21.0-5.amzn2023.0.1", "snappy-1.1.9", "libzstd-1.5.5"]

    /// What the builder stage installs before compiling: the headers and link libraries of snappy and zstd, which
    /// the Swift image does not carry (zlib's it does).
    package static let builderPackages = builderPackageList.description.split(separator: " ").map(String.init)
    /// The same, as fixed text: the pull-request check installs them too, before it compiles in the builder image.
    static let builderPackageList: StaticString = "snappy-devel-1.1.9 libzstd-devel-1.5.5"

    /// Where the deploy workflow finds the Dockerfile of a processor.
    package static func path(processor: String) -> String { "\(folder)/\(processor)/Dockerfile" }

    /// One Dockerfile per processor, or none when the project has no `github` section.
    package static func files(project: Project, pipelines: [Pipeline]) -> [GeneratedFile] {
        guard project.github != nil else { return [] }
        return pipelines.sorted { $0.name < $1.name }.map { pipeline in
            GeneratedFile(
                path: path(processor: pipeline.processor.name), contents: dockerfile(pipeline, project: project))
        }
    }

    static func dockerfile(_ pipeline: Pipeline, project: Project) -> String {
        let processor = pipeline.processor
        let target = processor.targetName
        let architecture = processor.architecture.rawValue
        return """
            # \(GeneratedFile.marker) from pipeline '\(pipeline.name)'.
            # Do not edit: change pipelines/ and run `sluice generate`.
            #
            # The Lambda container image of processor \(processor.name): Swift target \(target), \(architecture).
            # .github/workflows/sluice-deploy.yml builds it from the repository root, with
            # `docker buildx build --platform \(WorkflowEmitter.platform(processor.architecture))`
            # on a runner of that architecture: no stage names a platform here.
            #
            # Base images are pinned by tag; the deploy workflow records the digest each tag resolved to, and Terraform
            # deploys the pushed image by its own digest, so what runs never changes behind a tag. The builder is
            # Swift \(project.swiftVersion) (project.swift_version in pipelines/sluice.yaml), the image the pull-request
            # check compiles and tests in.

            FROM \(builderImage(project)) AS builder
            # The C libraries the Parquet writer links (SNAPPY and ZSTD), as headers and link libraries.
            RUN dnf install -y --releasever=\(amazonLinuxRelease) \(builderPackages.joined(separator: " ")) \\
                && dnf clean all
            WORKDIR /build
            # The whole package: SwiftPM needs every target's folder to load Package.swift.
            COPY . .
            # A static Swift standard library and Foundation: the runtime image has no Swift installed.
            RUN swift build -c release --product \(target) --static-swift-stdlib \\
                && mkdir -p /staging \\
                && cp "$(swift build -c release --show-bin-path)/\(target)" /staging/bootstrap

            FROM \(runtimeImage)
            # URLSession (the processor's S3 and Athena clients) loads the system's libcurl; zlib is in the base image;
            # the Parquet writer links snappy and zstd. Versions pinned, from the repository of one Amazon Linux
            # release (sluice's DockerfileEmitter names both).
            RUN dnf install -y --releasever=\(amazonLinuxRelease) \(runtimePackages.joined(separator: " ")) \\
                && dnf clean all
            # ${LAMBDA_RUNTIME_DIR}/bootstrap: the base image's entrypoint runs it as the custom runtime.
            COPY --from=builder /staging/bootstrap /var/runtime/bootstrap
            # The handler name reaches the runtime as _HANDLER; a Swift runtime ignores it.
            CMD ["\(target)"]

            """
    }
}
