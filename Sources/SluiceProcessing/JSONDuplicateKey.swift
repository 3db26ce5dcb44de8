import SluiceJSON

/// Finds a key that occurs twice in one JSON object, at any depth. JSON readers disagree on such a document
/// (Foundation keeps the first, Python and jq the last), so what it holds is ambiguous: the reader refuses it
/// rather than pick one. One pass over the bytes, memory bounded by the keys of the open objects.
enum JSONDuplicateKey {
    /// The first duplicated key (as written, escapes decoded when it has any), or nil. Meant for bytes that
    /// parse as JSON; on others it returns whatever it finds, which the decoder then refuses anyway.
    static func find(in bytes: ArraySlice<UInt8>) -> String? {
        // One entry per open container: the keys seen so far (nil for an array), and whether a key comes next.
        var open: [(keys: Set<[UInt8]>?, expectingKey: Bool)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"): open.append((keys: [], expectingKey: true))
            case UInt8(ascii: "["): open.append((keys: nil, expectingKey: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if !open.isEmpty { open.removeLast() }
            case UInt8(ascii: ","):
                if let last = open.indices.last, open[last].keys != nil { open[last].expectingKey = true }
            case UInt8(ascii: "\""):
                let start = index + 1
                var end = start
                var escaped = false
                while end < bytes.endIndex, escaped || bytes[end] != UInt8(ascii: "\"") {
                    escaped = !escaped && bytes[end] == UInt8(ascii: "\\")
                    end += 1
                }
                if let last = open.indices.last, open[last].expectingKey, open[last].keys != nil {
                    open[last].expectingKey = false
                    let key = canonical(bytes[start..<min(end, bytes.endIndex)])
                    if open[last].keys!.insert(key).inserted == false {
                        return String(decoding: key, as: UTF8.self)
                    }
                }
                index = end
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A key's bytes with its escapes decoded, so `"a"` and `"\u0061"` are the same key (and two lone surrogates,
    /// both U+FFFD as a path reads them, are too).
    private static func canonical(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        guard raw.contains(UInt8(ascii: "\\")) else { return Array(raw) }
        return JSONUnescaper.unescape(raw)
    }
}
