import Foundation

/// Numbers as a formula shows them: thousands separated by commas, fractions to a few significant places.
package enum FigureText {
    /// A count or an amount: whole above 1,000 ("2,000,000"), 2 decimals from 1 ("30.42"), 3 significant digits
    /// below ("0.0213").
    package static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude >= 1_000 || (magnitude == magnitude.rounded() && magnitude < 1e15) {
            return grouped(value.rounded())
        }
        if magnitude >= 1 { return fixed(value, places: 2) }
        if magnitude == 0 { return "0" }
        let places = min(12, max(2, 2 - Int(log10(magnitude).rounded(.down))))
        return fixed(value, places: places)
    }

    /// `String(format: "%.Nf", value)`, without Foundation's formatting (most of the estimate's time in a profile of
    /// `sluice generate`): integer arithmetic where the rounding cannot differ, `String(format:)` near a tie or
    /// beyond what an `Int` holds.
    package static func fixed(_ value: Double, places: Int) -> String {
        let scale = Double(powersOfTen[places])
        let scaled = abs(value) * scale
        let below = scaled.rounded(.down)
        guard scaled < 1e15, abs(scaled - below - 0.5) > 1e-6 else { return String(format: "%.\(places)f", value) }
        let units = Int(scaled.rounded())
        let whole = String(units / powersOfTen[places])
        let fraction = String(units % powersOfTen[places])
        let sign = value.sign == .minus ? "-" : ""
        guard places > 0 else { return sign + whole }
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    private static let powersOfTen = (0...12).map { (0..<$0).reduce(1) { total, _ in total * 10 } }

    /// A whole number with commas every three digits.
    static func grouped(_ value: Double) -> String {
        (value < 0 ? "-" : "") + thousands(fixed(abs(value), places: 0))
    }

    /// A run of digits with a comma before every third from the right: "1234567" is "1,234,567".
    package static func thousands(_ digits: some StringProtocol) -> String {
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
