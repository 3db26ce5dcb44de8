/// The names of the Swift package's own modules and its dependencies' modules, which a processor's executable
/// target (named after the processor: `sluice-model` -> `SluiceModel`) must not take: SwiftPM refuses a package
/// whose two targets or products share a name, so every processor would stop building.
///
/// Compared case-insensitively: on a case-insensitive file system (macOS) `Sluice` and the `sluice` executable are
/// one build product. A unit test checks that every target of Package.swift is covered.
package enum PackageModules {
    /// Every module and product name Sluice's package or its dependencies declare, beyond the reserved prefixes.
    static let names: Set<String> = Set(
        [
            "sluice", "CZlib", "CSnappy", "CZstd",
            // swift-argument-parser, Yams, swift-crypto, swift-log.
            "ArgumentParser", "ArgumentParserToolInfo", "Yams", "CYaml", "Crypto", "CryptoExtras", "CCryptoBoringSSL",
            "CCryptoBoringSSLShims", "CryptoBoringWrapper", "Logging", "InMemoryLogging",
        ].map { $0.lowercased() })

    /// Prefixes of Sluice's own modules (SluiceModel, SluiceModelTests...) and its fuzz targets (FuzzHAProxy...),
    /// reserved whole so that a module added later breaks no pipeline.
    static let prefixes = ["sluice", "fuzz"]

    /// Whether a target named `name` would collide with a module of the package.
    package static func reserves(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return names.contains(lowered) || prefixes.contains { lowered.hasPrefix($0) }
    }
}
