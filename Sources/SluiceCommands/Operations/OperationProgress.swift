import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress of a replay or redrive on stderr: a bar redrawn in place on a terminal, one plain line an object
/// otherwise (a CI log or a file keeps every line).
struct OperationProgress {
    let total: Int
    let verb: String
    let isTerminal: Bool
    private(set) var done = 0
    private(set) var failed = 0
    private let write: (String) -> Void

    init(
        total: Int, verb: String, isTerminal: Bool = isatty(STDERR_FILENO) == 1,
        write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.total = total
        self.verb = verb
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Records one object's outcome and shows it.
    mutating func advance(_ item: String, failed didFail: Bool = false) {
        done += 1
        if didFail { failed += 1 }
        if isTerminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let failures = failed == 0 ? "" : ", \(failed) failed"
            write("\r[\(bar)] \(done)/\(total) \(verb)\(failures)" + (done == total ? "\n" : ""))
        } else {
            write("\(verb) \(done)/\(total)\(didFail ? " FAILED" : ""): \(item)\n")
        }
    }

    /// Ends a bar cut short (an error), so the next line starts on its own.
    func interrupt() {
        if isTerminal && done < total { write("\n") }
    }
}
