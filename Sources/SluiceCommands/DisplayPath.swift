import Foundation

/// How a file of the project is named in messages.
enum DisplayPath {
    /// `file` (relative to `root`, or absolute) relative to the current directory when it is inside it, else
    /// absolute, so that `file:line:column` opens the right file from where the command ran.
    static func of(_ file: String, root: String, currentDirectory: String = FileManager.default.currentDirectoryPath)
        -> String
    {
        let base = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        let rootURL = URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: base, isDirectory: true))
        let absolute =
            file.hasPrefix("/")
            ? URL(fileURLWithPath: file).standardizedFileURL.path
            : rootURL.appendingPathComponent(file).standardizedFileURL.path
        if base == "/" { return String(absolute.dropFirst()) }
        guard absolute.hasPrefix(base + "/") else { return absolute }
        return String(absolute.dropFirst(base.count + 1))
    }
}
