import Foundation

/// Reads the files a declaration is made of (manifests, the project file, views' `sql_file`) only from inside the
/// pipelines folder: a symbolic link or `..` leading elsewhere is refused before anything is read, so a manifest
/// cannot pull another file's text into generated files or into messages.
package enum DeclarationFiles {
    /// Why a file was not read; `line` and `column` (one-based) place a problem inside the file when it has one.
    package struct Refusal: Error, Sendable {
        package var message: String
        package var line: Int?
        package var column: Int?
    }

    /// Largest file read: a view's SQL cannot be longer than the 262,144 bytes Athena takes in a query, and a
    /// manifest is a few kilobytes.
    package static let maxBytes = 1 << 20

    /// Largest sum of a project's manifests: together they are read, parsed and checked in one `validate`, which
    /// stays within about a second at this size (a project of many pipelines holds a few hundred kilobytes).
    package static let maxTotalBytes = 4 << 20

    /// The text of `relative` (a path below `folder`), or why it cannot be read.
    package static func read(_ relative: String, in folder: URL) -> Result<String, Refusal> {
        let base = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let url = folder.appendingPathComponent(relative)
        let real = url.resolvingSymlinksInPath().standardizedFileURL.path
        let shown = relative.hasPrefix("/") ? relative : "\(Workspace.pipelinesFolder)/\(relative)"
        guard !relative.hasPrefix("/"), real.hasPrefix(base + "/") else {
            return .failure(
                Refusal(
                    message: "'\(shown)' leads outside \(Workspace.pipelinesFolder)/ (through '..' or a symbolic "
                        + "link); only files inside \(Workspace.pipelinesFolder)/ are read"))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: real)
        guard let attributes else { return .failure(Refusal(message: "cannot read '\(shown)': there is no such file")) }
        // A FIFO or device would block or never end; only plain files are declarations.
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return .failure(Refusal(message: "'\(shown)' is not a regular file"))
        }
        if let size = attributes[.size] as? Int, size > maxBytes {
            return .failure(
                Refusal(message: "'\(shown)' has \(size) bytes; a declaration file may have at most \(maxBytes)"))
        }
        guard let data = FileManager.default.contents(atPath: real) else {
            return .failure(Refusal(message: "cannot read '\(shown)'"))
        }
        return decode(data)
    }

    /// The data as UTF-8 text, or the line and column (libyaml's count) of its first byte that is not UTF-8.
    package static func decode(_ data: Data) -> Result<String, Refusal> {
        // The standard library's validation is fast; the scalar-by-scalar walk below only locates a bad byte.
        if let text = String(validating: data, as: UTF8.self) { return .success(text) }
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var valid = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                valid += encoded.count
            case .emptyInput:
                return .success(String(decoding: data, as: UTF8.self))
            case .error:
                let before = String(decoding: data.prefix(valid), as: UTF8.self)
                let lines = TextLines(before)
                let (line, column) = lines.position(ofScalar: lines.scalars.count)
                let byte = String(data[data.startIndex + valid], radix: 16, uppercase: true)
                return .failure(
                    Refusal(
                        message: "the file is not UTF-8 text: byte 0x\(byte.count == 1 ? "0" : "")\(byte) here is not "
                            + "valid UTF-8; save the file as UTF-8", line: line, column: column))
            }
        }
    }
}
