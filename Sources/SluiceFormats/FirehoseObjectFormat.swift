/// What a Firehose object holds once inflated: the manifest's delivery mode decides it, the processor reads it.
/// The raw values are the names `--print-config` prints.
package enum FirehoseObjectFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// CloudWatch Logs subscription documents (`{...}{...}`, no delimiter): Firehose stored them as they came.
    case cloudWatchDocuments = "cloudwatch-documents"
    /// One log message a line: Firehose extracted the messages.
    case lines
}
