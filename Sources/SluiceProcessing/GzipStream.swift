/// Inflates a gzip stream chunk by chunk with bounded memory, across the several gzip members Firehose
/// concatenates into one object, and fails on the first damage: for callers that want all or nothing. The
/// processor reads objects through `GzipMemberReader`, which accounts for damage instead of failing.
package final class GzipStream {
    package enum Failure: Error, Equatable, Sendable {
        /// The bytes are not gzip, or are corrupt.
        case corrupt(String)
        /// The input ended inside a member.
        case truncated
    }

    private let reader: GzipMemberReader
    private var failure: Failure?

    /// - Parameter outputSize: bytes inflated at a time; memory stays bounded by it whatever the object's size.
    package init(outputSize: Int = 256 * 1024) {
        reader = GzipMemberReader(outputSize: outputSize)
    }

    /// Inflates `input`, handing each piece of output to `output` as it is produced.
    package func feed(_ input: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let failure { throw failure }
        var thrown: (any Error)?
        reader.feed(input) { event in
            guard thrown == nil, failure == nil else { return }
            do {
                try handle(event, output)
            } catch {
                thrown = error
            }
        }
        if let thrown { throw thrown }
        if let failure { throw failure }
    }

    /// Call at the end of the input: fails when it stopped inside a member (or in bytes that are not gzip).
    /// It ends nothing, so it may be called between chunks to ask whether a member just ended.
    package func finish() throws {
        if let failure { throw failure }
        if !reader.atBoundary { throw Failure.truncated }
    }

    private func handle(_ event: GzipMemberReader.Event, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch event {
        case .memberStart: break
        case .data(let bytes): try output(bytes)
        case .memberEnd(let member):
            switch member.problem {
            case nil: break
            case .truncated?: failure = .truncated
            case let problem?: failure = .corrupt("\(problem)")
            }
        case .unreadable(let range):
            failure =
                range.reason == .truncatedHeader ? .truncated : .corrupt("\(range.reason) at byte \(range.offset)")
        }
    }
}
