/// Lines and columns as libyaml counts them, so that positions Sluice computes itself (a repeated key, the start of
/// a block scalar, a reference inside a view's SQL, a byte libyaml refused) agree with the marks Yams reports.
///
/// libyaml ends a line at LF, CR, CR LF (one break), NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
/// SEPARATOR (U+2029), and counts columns in Unicode scalars.
struct LineCursor {
    /// Zero-based line and column of the next scalar.
    private(set) var line = 0
    private(set) var column = 0
    /// A CR was the last scalar: an LF right after it belongs to the same break.
    private var afterCR = false

    /// Moves past one scalar.
    mutating func advance(over scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x0A where afterCR:
            afterCR = false
        case 0x0A, 0x85, 0x2028, 0x2029:
            line += 1
            column = 0
            afterCR = false
        case 0x0D:
            line += 1
            column = 0
            afterCR = true
        default:
            column += 1
            afterCR = false
        }
    }

    /// Whether a scalar ends a line.
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        // A switch, not `[...].contains`: this runs once per scalar of every manifest, and the array form allocated.
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

/// A YAML text cut into lines at libyaml's line breaks, with safe access: a line or column outside the text gives
/// an empty line, never a trap.
struct TextLines {
    /// The text's Unicode scalars (a leading byte-order mark dropped, as libyaml drops it).
    let scalars: [Unicode.Scalar]
    /// Each line's scalars, without its break, as a range of `scalars`.
    let ranges: [Range<Int>]

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard LineCursor.isBreak(scalar) else {
                index += 1
                continue
            }
            ranges.append(start..<index)
            let crlf = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            index += crlf ? 2 : 1
            start = index
        }
        ranges.append(start..<scalars.count)
        self.scalars = scalars
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    /// The scalars of a zero-based line; empty for a line the text does not have.
    func line(_ index: Int) -> ArraySlice<Unicode.Scalar> {
        guard index >= 0, index < ranges.count else { return [] }
        return scalars[ranges[index]]
    }

    /// A zero-based line as text; empty for a line the text does not have.
    func text(ofLine index: Int) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: line(index))
        return String(result)
    }

    /// The one-based line and column of the scalar at a zero-based offset into `scalars` (clamped to the text).
    func position(ofScalar offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(offset, 0), scalars.count)
        // The last line starting at or before the offset; a binary search keeps many lookups linear in the text.
        var low = 0
        var high = ranges.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if ranges[middle].lowerBound <= offset { low = middle } else { high = middle - 1 }
        }
        let column = min(offset, ranges[low].upperBound) - ranges[low].lowerBound
        return (low + 1, column + 1)
    }
}
