/// The pieces of the SigV4 canonical request: path, query string and headers in the one form both sides compute.
enum SigV4Canonicalization {
    /// The canonical URI. Services other than S3 normalize the path and encode it once more, which makes the
    /// escapes of the wire path double-encoded; S3 takes the wire path as it is (encoding only what was left
    /// unencoded), so the object key is encoded once and `a/./b` or `a//b` stay distinct keys.
    static func path(_ path: String, normalizing: Bool, encodingTwice: Bool) -> String {
        let normalized = normalizing ? normalizedPath(path) : path
        guard !normalized.isEmpty else { return "/" }
        return encodingTwice
            ? AWSURIEncoding.encode(normalized, keepingSlashes: true)
            : AWSURIEncoding.encodeKeepingEscapes(normalized)
    }

    /// RFC 3986 dot-segment removal plus the collapsing of empty segments (`//`) that AWS services also apply.
    /// The result is absolute and keeps a trailing slash when the input ends in a directory (`/`, `.` or `..`).
    static func normalizedPath(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        for segment in segments {
            switch segment {
            case "", ".":
                continue
            case "..":
                _ = kept.popLast()
            default:
                kept.append(segment)
            }
        }
        guard !kept.isEmpty else { return "/" }
        let endsInDirectory = segments.last.map { ["", ".", ".."].contains($0) } ?? false
        return "/" + kept.joined(separator: "/") + (endsInDirectory ? "/" : "")
    }

    /// The canonical query string: names and values encoded, sorted by encoded name, then by encoded value.
    static func query(_ items: [HTTPRequestParts.QueryItem]) -> String {
        items.map { (name: AWSURIEncoding.encode($0.name), value: AWSURIEncoding.encode($0.value ?? "")) }
            .sorted { first, second in
                first.name == second.name
                    ? first.value.utf8.lexicographicallyPrecedes(second.value.utf8)
                    : first.name.utf8.lexicographicallyPrecedes(second.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// The canonical header block (each line ending in a newline) and the signed-headers list.
    ///
    /// Names are lower-cased and sorted; the values of a repeated name are joined with commas in the order given,
    /// each trimmed with its runs of whitespace (line folds included) collapsed to one space.
    static func headers(_ headers: [HTTPRequestParts.Header]) -> (block: String, signedHeaders: String) {
        var valuesByName: [String: [String]] = [:]
        for header in headers {
            valuesByName[header.name.lowercased(), default: []].append(collapsingWhitespace(header.value))
        }
        let names = valuesByName.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let block = names.map { name in
            "\(name):\(valuesByName[name, default: []].joined(separator: ","))\n"
        }
        return (block.joined(), names.joined(separator: ";"))
    }

    /// Trims the value and turns every run of spaces, tabs, carriage returns and line feeds into one space.
    static func collapsingWhitespace(_ value: String) -> String {
        var collapsed = String.UnicodeScalarView()
        var pendingSpace = false
        // Scalars rather than Characters: "\r\n" is a single Character and would slip past a comparison with "\n".
        for scalar in value.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace {
                collapsed.append(" ")
                pendingSpace = false
            }
            collapsed.append(scalar)
        }
        return String(collapsed)
    }
}
