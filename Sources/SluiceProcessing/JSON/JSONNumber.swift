/// A JSON number's value from its text (RFC 8259's grammar), exactly: an integer when the number is one, however
/// written (`200`, `200.0`, `2e2`, `2.00E+2`), so an int column reads what the logger meant.
enum JSONNumber {
    /// What a number is as an integer.
    enum Integer: Equatable {
        case value(Int64)
        /// It has a nonzero fraction.
        case fraction
        /// An integer beyond Int64.
        case outOfRange
        /// The text is not a JSON number.
        case notANumber
    }

    /// The integer `text` equals, or why there is none. `scale`: the power of ten the number is multiplied by
    /// first (epoch seconds to milliseconds: 3); `truncating`: a fraction left is dropped (toward zero) rather
    /// than refused.
    static func integer(_ text: ArraySlice<UInt8>, scale: Int = 0, truncating: Bool = false) -> Integer {
        if scale == 0, let plain = plainInteger(text) { return .value(plain) }
        guard let parts = Parts(text) else { return .notANumber }
        // The significant digits, then the power of ten they are scaled by.
        var digits = Array(parts.integer) + Array(parts.fraction)
        var exponent = parts.exponent - parts.fraction.count + scale
        var leading = 0
        while leading < digits.count - 1, digits[leading] == UInt8(ascii: "0") { leading += 1 }
        digits.removeFirst(leading)
        while exponent < 0, let last = digits.last {
            guard last == UInt8(ascii: "0") || truncating else { return .fraction }
            digits.removeLast()
            exponent += 1
        }
        var magnitude: UInt64 = 0
        for digit in digits {
            let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, carry) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow, !carry else { return .outOfRange }
            magnitude = plus
        }
        if magnitude != 0 {
            for _ in 0..<max(exponent, 0) {
                let (times, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { return .outOfRange }
                magnitude = times
            }
        }
        if parts.negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .outOfRange }
            return .value(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .outOfRange }
        return .value(Int64(magnitude))
    }

    /// The value of `-?[0-9]{1,18}` without a leading zero: most numbers in logs, read without the general path.
    @inline(__always)
    private static func plainInteger(_ text: ArraySlice<UInt8>) -> Int64? {
        var index = text.startIndex
        let negative = index < text.endIndex && text[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let count = text.endIndex - index
        guard count >= 1, count <= 18, count == 1 || text[index] != UInt8(ascii: "0") else { return nil }
        var value: Int64 = 0
        while index < text.endIndex {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// Whether `text` is a JSON number.
    static func isNumber(_ text: ArraySlice<UInt8>) -> Bool { Parts(text) != nil }

    /// The double nearest `text` (infinite beyond the double range), nil when it is not a JSON number.
    static func double(_ text: ArraySlice<UInt8>) -> Double? {
        guard isNumber(text) else { return nil }
        // A number beyond the double range is infinite (whichever way a parser answers for it).
        return Double(String(decoding: text, as: UTF8.self)) ?? .infinity
    }

    /// A number's parts, as written.
    private struct Parts {
        var negative = false
        var integer: ArraySlice<UInt8> = []
        var fraction: ArraySlice<UInt8> = []
        var exponent = 0

        init?(_ text: ArraySlice<UInt8>) {
            @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
            var index = text.startIndex
            let end = text.endIndex
            if index < end, text[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let integerStart = index
            while index < end, isDigit(text[index]) { index += 1 }
            integer = text[integerStart..<index]
            guard !integer.isEmpty, integer.count == 1 || integer.first != UInt8(ascii: "0") else { return nil }
            if index < end, text[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                while index < end, isDigit(text[index]) { index += 1 }
                fraction = text[fractionStart..<index]
                guard !fraction.isEmpty else { return nil }
            }
            if index < end, text[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                var sign = 1
                if index < end, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                    sign = text[index] == UInt8(ascii: "-") ? -1 : 1
                    index += 1
                }
                let exponentStart = index
                var value = 0
                while index < end, isDigit(text[index]) {
                    // Capped: an exponent this large already puts any value out of every range.
                    value = min(value * 10 + Int(text[index] - UInt8(ascii: "0")), 100_000)
                    index += 1
                }
                guard index > exponentStart else { return nil }
                exponent = sign * value
            }
            guard index == end else { return nil }
        }
    }
}
