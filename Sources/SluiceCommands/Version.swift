/// Sluice's version, defined here only: `sluice --version` prints it. Bumped by hand with each release.
public enum SluiceVersion {
    public static let current = "0.1.0"
}
