/// A record's leaves by path, for `sluice logs parse --format json`: each scalar under the path a manifest's
/// `from:` would name it by (`http.request.status`, `items[0].id`, `labels["app.kubernetes.io/name"]`), an empty
/// object or array as its text, then `$truncated`. Numbers print as integers or doubles; a string the logger cut
/// prints what was logged, a number or literal it cut not at all.
enum JSONLeaves {
    static func values(_ record: JSONRecord) -> NamedValues {
        let nodes = record.nodes
        var paths = [String](repeating: "", count: nodes.count)
        var elements = [Int](repeating: 0, count: nodes.count)
        var values: [(column: String, value: Row.Value)] = []
        for index in nodes.indices.dropFirst() {
            let node = nodes[index]
            let parent = Int(node.parent)
            let path: String
            if nodes[parent].kind == .object {
                path = JSONPathText.appending(key: record.key(node), to: paths[parent])
            } else {
                path = JSONPathText.appending(index: elements[parent], to: paths[parent])
                elements[parent] += 1
            }
            switch node.kind {
            case .object, .array:
                paths[index] = path
                if node.next == Int32(index + 1), !node.isIncomplete {
                    values.append((path, .string(node.kind == .object ? "{}" : "[]")))
                }
            case .string: values.append((path, .string(record.string(node))))
            case .number where !node.isIncomplete:
                let text = record.bytes(node)
                if case .value(let integer) = JSONNumber.integer(text) {
                    values.append((path, .int(integer)))
                } else if let number = JSONNumber.double(text), number.isFinite {
                    values.append((path, .double(number)))
                } else {
                    values.append((path, .string(String(decoding: text, as: UTF8.self))))
                }
            case .true where !node.isIncomplete: values.append((path, .bool(true)))
            case .false where !node.isIncomplete: values.append((path, .bool(false)))
            case .null where !node.isIncomplete: values.append((path, .null))
            default: break
            }
        }
        values.append(("$truncated", .bool(record.isTruncated)))
        return NamedValues(values)
    }
}
