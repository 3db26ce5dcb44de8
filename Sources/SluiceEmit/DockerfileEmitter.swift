import SluiceModel

/// `generated/docker/<processor>/Dockerfile`: the Lambda container image of each processor, built and pushed by the
/// deploy workflow. Only generated when the project has a `github` section, since nothing else builds the images.
public enum DockerfileEmitter {
    /// Holds one folder per processor, named after it.
    public static let folder = "generated/docker"

    /// The official Swift image the processor is compiled in. Amazon Linux 2, not 2023: Swift 6.1 has no Amazon
    /// Linux 2023 image, and a binary linked against Amazon Linux 2's older glibc runs on the newer one.
    public static let builderImage = "swift:6.1-amazonlinux2"

    /// AWS's base image for custom runtimes; its entrypoint starts `/var/runtime/bootstrap`.
    public static let runtimeImage = "public.ecr.aws/lambda/provided:al2023"

    /// Where the deploy workflow finds the Dockerfile of a processor.
    public static func path(processor: String) -> String { "\(folder)/\(processor)/Dockerfile" }

    /// One Dockerfile per processor, or none when the project has no `github` section.
    public static func files(project: Project, pipelines: [Pipeline]) -> [GeneratedFile] {
        guard project.github != nil else { return [] }
        return pipelines.sorted { $0.name < $1.name }.map { pipeline in
            GeneratedFile(path: path(processor: pipeline.processor.name), contents: dockerfile(pipeline))
        }
    }

    static func dockerfile(_ pipeline: Pipeline) -> String {
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
            # deploys the pushed image by its own digest, so what runs never changes behind a tag.

            FROM \(builderImage) AS builder
            WORKDIR /build
            # The whole package: SwiftPM needs every target's folder to load Package.swift.
            COPY . .
            # A static Swift standard library and Foundation: the runtime image has no Swift installed.
            RUN swift build -c release --product \(target) --static-swift-stdlib \\
                && mkdir -p /staging \\
                && cp "$(swift build -c release --show-bin-path)/\(target)" /staging/bootstrap

            FROM \(runtimeImage)
            # URLSession (the processor's S3 and Athena clients) loads the system's libcurl; zlib is in the base image.
            RUN dnf install -y libcurl-minimal && dnf clean all
            # ${LAMBDA_RUNTIME_DIR}/bootstrap: the base image's entrypoint runs it as the custom runtime.
            COPY --from=builder /staging/bootstrap /var/runtime/bootstrap
            # The handler name reaches the runtime as _HANDLER; a Swift runtime ignores it.
            CMD ["\(target)"]

            """
    }
}
