// swift-tools-version:6.0
import PackageDescription

// The processors the manifests in pipelines/ declare: one executable target and product each, built from
// Sources/Processors/<name>. `sluice generate` writes the list between the two markers and `sluice check` fails when
// it is stale; it is not discovered from the folders, because SwiftPM caches a manifest's evaluation by its text, so a
// folder added later would stay unseen (README: "Adding a pipeline").
// sluice:processors:begin
let processors = ["IntegrationEnricher"]
// sluice:processors:end

// The committed scripts of Sources/SluiceEmit/Workflows/Scripts, one `WorkflowScript` case each.
let workflowScripts = [
    "build-sluice", "current-images", "deploy-apply", "deploy-image", "deploy-image-digests", "drift-issues",
    "drift-plan", "fit-body", "pr-check", "pr-comment", "pr-plan",
]

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["sluice"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The names the manifest and the processor share (log formats, column types, lake formats): no
        // dependencies, so that processing need not depend on the model to use them.
        .target(name: "SluiceFormats"),
        // JSON values, the one string escaper and unescaper, the writer and the decoder every module uses: no
        // dependencies (not even Foundation), so that a processor links no more for its JSON than it needs.
        .target(name: "SluiceJSON"),
        .target(name: "SluiceModel", dependencies: ["SluiceFormats", .product(name: "Yams", package: "Yams")]),
        .target(name: "SluiceDSL", dependencies: ["SluiceModel"]),
        .target(name: "SluiceCloud", dependencies: ["SluiceModel", "SluiceJSON"]),
        // The monthly cost estimate: the committed price table and the model from declared volumes.
        .target(name: "SluiceCost", dependencies: ["SluiceModel", "SluiceJSON"]),
        // The workflows' bash scripts, committed files that shellcheck reads as they are, embedded in the code
        // (`PackageResources`, WorkflowScript.swift): sluice needs no file beside its binary.
        .target(
            name: "SluiceEmit", dependencies: ["SluiceModel", "SluiceCloud", "SluiceCost", "SluiceJSON"],
            resources: workflowScripts.map { .embedInCode("Workflows/Scripts/\($0).sh") }),
        .target(name: "SluiceDeploy", dependencies: ["SluiceModel", "SluiceCloud", "SluiceEmit", "SluiceJSON"]),
        // zlib itself, which every Linux has: gzip is all Sluice needs, and a Swift package for it would bring
        // SwiftNIO along.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Parquet's SNAPPY and ZSTD codecs, from Debian's libsnappy-dev and libzstd-dev (the Lambda image installs
        // the runtime libraries): both are small C libraries every Linux packages.
        .systemLibrary(name: "CSnappy", path: "Sources/CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", providers: [.apt(["libzstd-dev"])]),
        // The lake's Parquet files, bytes in and bytes out: no AWS, no processor types.
        .target(name: "SluiceParquet", dependencies: ["CZlib", "CSnappy", "CZstd"]),
        .target(name: "SluiceProcessing", dependencies: ["SluiceFormats", "SluiceJSON", "CZlib", "SluiceParquet"]),
        .target(
            name: "SluiceRuntime",
            dependencies: [
                "SluiceJSON", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "SluiceProcessorKit",
            dependencies: [
                "SluiceProcessing", "SluiceRuntime", "SluiceJSON", .product(name: "Logging", package: "swift-log"),
            ]),
        // What only the CLI and tests run, kept out of the modules a processor Lambda links (Tests/tools/
        // test_lambda_dependencies.py checks): the synthetic traffic generator and the local Runtime API server.
        .target(name: "SluiceSample", dependencies: ["SluiceProcessing", "SluiceJSON"]),
        .target(name: "SluiceLocalRuntime", dependencies: ["SluiceRuntime"]),
        .target(name: "SluicePipelines", dependencies: ["SluiceDSL"], path: "pipelines/Swift"),
        .target(
            name: "SluiceCommands",
            dependencies: [
                "SluiceModel", "SluiceCost", "SluiceEmit", "SluiceDeploy", "SluiceProcessing", "SluiceRuntime",
                "SluicePipelines",
                "SluiceSample", "SluiceLocalRuntime", "SluiceJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sluice", dependencies: ["SluiceCommands"]),
        // Measurements run by hand in release builds (BENCHMARKS.md), kept out of the test targets; built with
        // everything else so that they keep compiling.
        .executableTarget(
            name: "SluiceBenchmarks", dependencies: ["SluiceProcessing", "SluiceParquet"],
            path: "benchmarks/SluiceBenchmarks"),
        .testTarget(name: "SluiceJSONTests", dependencies: ["SluiceJSON"], exclude: ["Fixtures"]),
        .testTarget(name: "SluiceModelTests", dependencies: ["SluiceModel"]),
        .testTarget(name: "SluiceDSLTests", dependencies: ["SluiceDSL", "SluicePipelines", "SluiceCommands"]),
        .testTarget(name: "SluiceCloudTests", dependencies: ["SluiceCloud"]),
        .testTarget(name: "SluiceCostTests", dependencies: ["SluiceCost", "SluiceModel"]),
        .testTarget(name: "SluiceEmitTests", dependencies: ["SluiceEmit", "SluiceCommands"]),
        .testTarget(name: "SluiceProcessingTests", dependencies: ["SluiceProcessing", "SluiceParquet", "SluiceJSON"]),
        .testTarget(name: "SluiceParquetTests", dependencies: ["SluiceParquet", "CZlib", "CSnappy", "CZstd"]),
        // Resources: the AWS SigV4 suite, read beside the test sources (see its README).
        .testTarget(
            name: "SluiceRuntimeTests",
            dependencies: [
                "SluiceRuntime", "SluiceLocalRuntime", "SluiceJSON", .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Resources"]),
        .testTarget(name: "SluiceSampleTests", dependencies: ["SluiceSample", "SluiceProcessing"]),
        .testTarget(name: "SluiceLocalRuntimeTests", dependencies: ["SluiceLocalRuntime", "SluiceRuntime"]),
        .testTarget(name: "SluiceProcessorKitTests", dependencies: ["SluiceProcessorKit"]),
        .testTarget(
            name: "SluiceDeployTests", dependencies: ["SluiceDeploy", "SluiceCommands"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

for name in processors {
    package.targets.append(
        .executableTarget(name: name, dependencies: ["SluiceProcessorKit"], path: "Sources/Processors/\(name)"))
    package.products.append(.executable(name: name, targets: [name]))
}

// libFuzzer targets (Fuzz/), declared only when scripts/fuzz.sh builds them (SLUICE_FUZZ=1, with
// -sanitize=fuzzer,address, in .build-fuzz): their `main` calls libFuzzer's driver, which a plain `swift build`
// does not link.
if Context.environment["SLUICE_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"))
    for (name, dependency) in [
        ("FuzzManifest", "SluiceModel"), ("FuzzHAProxy", "SluiceProcessing"),
        ("FuzzFirehoseObject", "SluiceProcessing"), ("FuzzPlanJSON", "SluiceDeploy"), ("FuzzParquet", "SluiceParquet"),
        ("FuzzNCSA", "SluiceProcessing"),
        ("FuzzJSON", "SluiceProcessing"), ("FuzzJSONValue", "SluiceJSON"), ("FuzzBaseFiles", "SluiceEmit"),
    ] {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: ["FuzzDriver", .target(name: dependency)], path: "Fuzz/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
