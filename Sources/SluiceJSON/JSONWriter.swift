/// Writing JSON: deterministic bytes, so generated files and log lines compare byte for byte.
///
/// Object keys are sorted (Swift's string order: by Unicode scalars of the NFC form, never the locale's), strings go
/// through `JSONEscaper`, numbers are written as their text. Pretty output indents by two spaces, puts `": "` after
/// a key and writes an empty array or object as `[]` or `{}`; compact output has no space at all.
extension JSONValue {
    /// Two-space indented JSON and a trailing newline: the bytes of a generated file.
    package func pretty() -> String {
        var out: [UInt8] = []
        write(into: &out, pretty: true)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON on one line, without spaces: a log line, a request body, JSON inside a string.
    package func compact() -> String {
        var out: [UInt8] = []
        write(into: &out, pretty: false)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value's JSON, pretty or compact, without a trailing newline.
    package func write(into out: inout [UInt8], pretty: Bool) {
        write(into: &out, indent: 0, pretty: pretty)
    }

    private func write(into out: inout [UInt8], indent: Int, pretty: Bool) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONEscaper.append(text, to: &out)
        case .array(let items):
            guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&out, indent + 1) }
                item.write(into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&out, indent + 1) }
                JSONEscaper.append(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                member.value.write(into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }
}
