import Foundation

/// Why a local path cannot be used, in a few words, for one-line errors that name the path (never an
/// `NSError` dump).
package enum LocalFileCheck {
    /// Why `path` cannot be read as a regular file, or nil when it can.
    package static func unreadableFile(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such file"
        }
        if isDirectory.boolValue { return "is a directory, not a file" }
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        guard type == .typeRegular else { return "is not a regular file" }
        guard FileManager.default.isReadableFile(atPath: path) else { return "permission denied" }
        return nil
    }

    /// Why `path` cannot be used as an output folder (it may not exist yet), or nil when it can.
    package static func unusableFolder(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return "is a file, not a folder" }
            return FileManager.default.isWritableFile(atPath: path) ? nil : "permission denied"
        }
        return nil
    }

    /// The reason an error from reading or writing a file gives, without the Foundation domain and codes.
    package static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
