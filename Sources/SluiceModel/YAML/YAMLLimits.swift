import CYaml

/// Bounds on what a manifest's YAML may make the loader do, checked on libyaml's event stream before Yams builds
/// any node. An alias stands for the whole node it names, so a few hundred bytes of nested aliases (a "billion
/// laughs") stand for billions of nodes, and Yams hashes a mapping key node whole: without a bound, such a file
/// keeps `validate` busy for hours.
enum YAMLLimits {
    /// Largest manifest read, in bytes; a manifest is a few kilobytes.
    static let maxBytes = 1 << 20
    /// Most nodes a document may stand for, each alias counted as the nodes it repeats.
    static let maxNodes = 100_000
    /// Deepest nesting of lists and mappings; a manifest needs six levels.
    static let maxDepth = 64

    /// A refusal: what went over a bound, and where (one-based line and column).
    struct Violation: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// The first bound `text` goes over, or nil. A syntax error stops the scan silently: Yams reports it, after
    /// composing no more than the part scanned here.
    static func check(_ text: String) -> Violation? {
        if text.utf8.count > maxBytes {
            return Violation(
                message: "the file has \(text.utf8.count) bytes; a manifest may have at most \(maxBytes)", line: 1,
                column: 1)
        }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = NodeCounter()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let violation = counter.take(event) { return violation }
            }
        }
    }
}

/// Counts the nodes a document stands for, aliases expanded, without expanding them.
private struct NodeCounter {
    /// The nodes each open list or mapping stands for so far (itself included), and its anchor.
    private var open: [(nodes: Int, anchor: String?)] = []
    /// The nodes each anchored node stands for.
    private var anchored: [String: Int] = [:]
    private var total = 0

    mutating func take(_ event: yaml_event_t) -> YAMLLimits.Violation? {
        let mark = event.start_mark
        let line = Int(mark.line) + 1
        let column = Int(mark.column) + 1
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            total = 0
        case YAML_SCALAR_EVENT:
            close(1, anchor: Self.name(event.data.scalar.anchor))
            total = saturated(total + 1)
        case YAML_ALIAS_EVENT:
            let nodes = Self.name(event.data.alias.anchor).flatMap { anchored[$0] } ?? 1
            close(nodes, anchor: nil)
            total = saturated(total + nodes)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let anchor = Self.name(
                event.type == YAML_SEQUENCE_START_EVENT
                    ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
            open.append((1, anchor))
            total = saturated(total + 1)
            if open.count > YAMLLimits.maxDepth {
                return YAMLLimits.Violation(
                    message: "lists and mappings nest more than \(YAMLLimits.maxDepth) deep", line: line,
                    column: column)
            }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if let closed = open.popLast() { close(closed.nodes, anchor: closed.anchor) }
        default:
            break
        }
        guard total > YAMLLimits.maxNodes else { return nil }
        return YAMLLimits.Violation(
            message: "the document stands for more than \(YAMLLimits.maxNodes) nodes (an alias counts as every node "
                + "it repeats); write the values out, or use fewer aliases", line: line, column: column)
    }

    /// A finished node: remembered under its anchor, and counted in the list or mapping holding it.
    private mutating func close(_ nodes: Int, anchor: String?) {
        if let anchor { anchored[anchor] = nodes }
        if !open.isEmpty { open[open.count - 1].nodes = saturated(open[open.count - 1].nodes + nodes) }
    }

    /// Counts stop just past the limit, so that no sum of repeated aliases overflows.
    private func saturated(_ count: Int) -> Int { min(count, YAMLLimits.maxNodes + 1) }

    private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
