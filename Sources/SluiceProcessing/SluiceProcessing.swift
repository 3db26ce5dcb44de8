/// Decoding, parsing and writing of log records, independent of Lambda and S3: it reads bytes and writes rows,
/// so it runs the same under `sluice process` and inside a processor.
public enum SluiceProcessing {}
