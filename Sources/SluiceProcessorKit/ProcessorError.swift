/// Why a processor run could not go on. Lines never cause one: they are quarantined.
package enum ProcessorError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableInput(String)
    case unwritableOutput(String)
    case invalidOutputKey(String)
    /// The event names an object this processor does not read.
    case foreignObject(bucket: String, key: String, expected: String)
    case invalidEvent(String)
    case usage(String)
    /// The configuration, the transform and the writers do not fit together (a format whose records the
    /// transform does not read, a column the transform requires that the table lacks, an output format not built
    /// in): found before any object is read.
    case configuration(String)
    /// The writer wrote values as null that the row check should have kept from it (a processor bug).
    case rejectedValues(String)

    package var description: String {
        switch self {
        case .unreadableInput(let detail): "cannot read the input: \(detail)"
        case .unwritableOutput(let path): "cannot write \(path)"
        case .invalidOutputKey(let key): "output key \(key) would leave the output folder"
        case .foreignObject(let bucket, let key, let expected):
            "the event names s3://\(bucket)/\(key), outside this processor's input \(expected)"
        case .invalidEvent(let detail): "not an S3 Object Created event: \(detail)"
        case .usage(let message): message
        case .configuration(let detail): "configuration: \(detail)"
        case .rejectedValues(let detail): "values lost: \(detail)"
        }
    }
}
