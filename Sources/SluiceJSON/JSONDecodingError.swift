/// Why bytes are not JSON, and where: `line 3, column 7: expected ':' after an object key, found '}'`.
package struct JSONDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the decoder expected or found.
    package var message: String
    /// The byte offset of the problem, from 0.
    package var offset: Int
    /// The line of the problem, from 1.
    package var line: Int
    /// The column of the problem, from 1, in bytes.
    package var column: Int

    package init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The error after a file's name: `file:line:column: error: message`.
    package func located(in file: String) -> String { "\(file):\(line):\(column): error: \(message)" }

    package var description: String { "line \(line), column \(column): \(message)" }
}
