import SluiceJSON

/// Why a document is not JSON the scanner reads.
enum DocumentScanFailure: Error {
    case syntax
    /// An invalid escape, at this offset of the document.
    case escape(Int)
    case tooDeep
}

/// A position in a CloudWatch Logs document's bytes, with the JSON tokens `CloudWatchDocumentScanner` checks:
/// strings (UTF-8, control characters, escapes), numbers, literals.
struct DocumentReader {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    var index = 0

    init(bytes: UnsafePointer<UInt8>, end: Int) {
        self.bytes = bytes
        self.end = end
    }

    var peek: UInt8? { index < end ? bytes[index] : nil }

    mutating func skipSpace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(DocumentScanFailure) {
        guard take(byte) else { throw .syntax }
    }

    mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Reads a string token at `index` (its opening quote); returns the range between its quotes and whether it
    /// holds escapes. Checks UTF-8, control characters and escapes (surrogates paired).
    mutating func string() throws(DocumentScanFailure) -> (start: Int, end: Int, escaped: Bool) {
        index += 1
        let start = index
        var escaped = false
        while index < end {
            // Eight plain ASCII bytes at a time: no quote, backslash, control character or high bit among them.
            if end - index >= 8 {
                let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0, !JSONEscaper.mayNeedEscape(word) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start, index - 1, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try escape()
            } else if byte < 0x20 {
                throw .syntax
            } else if byte < 0x80 {
                index += 1
            } else {
                try scalar()
            }
        }
        throw .syntax
    }

    /// Checks one escape at `index` (its backslash) and passes it.
    private mutating func escape() throws(DocumentScanFailure) {
        let at = index
        guard index + 1 < end else { throw .escape(at) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard end - index >= 6, let unit = JSONUnescaper.hex4(bytes + index + 2) else {
                throw .escape(at)
            }
            index += 6
            if unit >= 0xDC00, unit < 0xE000 { throw .escape(at) }  // a low surrogate alone
            if unit >= 0xD800, unit < 0xDC00 {
                guard end - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                    let low = JSONUnescaper.hex4(bytes + index + 2), low >= 0xDC00, low < 0xE000
                else { throw .escape(at) }
                index += 6
            }
        default: throw .escape(at)
        }
    }

    /// Checks one UTF-8 encoded scalar of two to four bytes at `index` and passes it.
    private mutating func scalar() throws(DocumentScanFailure) {
        guard let (count, second) = UTF8Lead.shape(bytes[index]) else { throw .syntax }
        guard end - index >= count else { throw .syntax }
        guard second.contains(bytes[index + 1]) else { throw .syntax }
        for offset in 2..<max(count, 2) where bytes[index + offset] & 0xC0 != 0x80 { throw .syntax }
        index += count
    }

    /// Reads a number whose value is an integer that fits in 64 bits (a timestamp). Like Foundation's decoder,
    /// which read these documents before, it takes any spelling of such a value (`17e11`, `1700000000000.0`)
    /// and refuses a fraction (`1.5`).
    mutating func integer() throws(DocumentScanFailure) -> Int64 {
        skipSpace()
        let start = index
        try number()
        let negative = bytes[start] == UInt8(ascii: "-")
        var cursor = negative ? start + 1 : start
        let integerDigits = cursor..<digitsEnd(from: cursor)
        cursor = integerDigits.upperBound
        if cursor == index {
            // The usual spelling: digits alone.
            var value: Int64 = 0
            for at in integerDigits { value = try accumulate(value, Int64(bytes[at] - UInt8(ascii: "0")), negative) }
            return value
        }
        var fractionDigits = cursor..<cursor
        if bytes[cursor] == UInt8(ascii: ".") {
            fractionDigits = cursor + 1..<digitsEnd(from: cursor + 1)
            cursor = fractionDigits.upperBound
        }
        var exponent = 0
        if cursor < index {  // e or E, perhaps a sign, digits: number() checked them
            cursor += 1
            let exponentNegative = bytes[cursor] == UInt8(ascii: "-")
            if bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") { cursor += 1 }
            while cursor < index {
                // Capped far beyond an Int64's 19 digits, so that it cannot overflow.
                exponent = min(exponent * 10 + Int(bytes[cursor] - UInt8(ascii: "0")), 100_000)
                cursor += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        // The value is the digits times 10^scale: those weighing less than one must be zeros.
        let scale = exponent - fractionDigits.count
        let count = integerDigits.count + fractionDigits.count
        let whole = min(max(count + scale, 0), count)
        var value: Int64 = 0
        var position = 0
        for range in [integerDigits, fractionDigits] {
            for at in range {
                let digit = Int64(bytes[at] - UInt8(ascii: "0"))
                if position < whole {
                    value = try accumulate(value, digit, negative)
                } else if digit != 0 {
                    throw .syntax
                }
                position += 1
            }
        }
        if value != 0, scale > 0 {
            for _ in 0..<min(scale, 20) { value = try accumulate(value, 0, negative) }
        }
        return value
    }

    /// Where the run of digits starting at `start` ends.
    private func digitsEnd(from start: Int) -> Int {
        var cursor = start
        while cursor < index, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") { cursor += 1 }
        return cursor
    }

    /// `value * 10 + digit` (minus the digit when negative), refused on overflow.
    private func accumulate(_ value: Int64, _ digit: Int64, _ negative: Bool) throws(DocumentScanFailure) -> Int64 {
        let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflowSum) =
            negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
        guard !overflowTimes, !overflowSum else { throw .syntax }
        return sum
    }

    /// Checks and passes a JSON number.
    mutating func number() throws(DocumentScanFailure) {
        _ = take(UInt8(ascii: "-"))
        guard index < end else { throw .syntax }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits() > 0 else { throw .syntax }
        }
        if take(UInt8(ascii: ".")) { guard digits() > 0 else { throw .syntax } }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard digits() > 0 else { throw .syntax }
        }
    }

    private mutating func digits() -> Int {
        let start = index
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }
}
