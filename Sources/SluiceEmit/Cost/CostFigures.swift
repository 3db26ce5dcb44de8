import Foundation
import SluiceCost

/// Money, quantities and prices as every cost report shows them: US dollars rounded to cents ("< $0.01" for a
/// positive amount below a cent), thousands grouped with commas, and the minus sign U+2212 for a saving.
package enum CostFigures {
    /// Dollars to the cent: `$1,234.56`, `$0.00`, `< $0.01` (a positive amount below a cent), `−$3.10`.
    package static func money(_ usd: Double) -> String {
        if usd < 0 { return "−" + money(-usd) }
        if usd > 0 && usd < 0.01 { return "< $0.01" }
        return "$" + grouped((usd * 100).rounded() / 100, decimals: 2)
    }

    /// A change in dollars, always signed: `+$2.00`, `−$0.45`, `+< $0.01`; `$0.00` when nothing changed.
    package static func change(_ usd: Double) -> String {
        if usd == 0 { return "$0.00" }
        return usd > 0 ? "+" + money(usd) : money(usd)
    }

    /// Whether a change shows: at least half a cent, so that it is never printed as `+$0.00`.
    package static func isVisible(_ usd: Double) -> Bool { abs(usd) >= 0.005 }

    /// A quantity: whole numbers grouped (`2,190,000`), others with two decimals (`17.03`), and small ones with
    /// four significant digits (`0.004168`) so that a quantity is never shown as 0 when it is not.
    package static func quantity(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "not a number" : (value > 0 ? "∞" : "−∞") }
        if value == value.rounded() && abs(value) < 1e15 { return grouped(value, decimals: 0) }
        if abs(value) >= 1 { return grouped(value, decimals: 2) }
        let digits = max(2, 3 - Int(log10(abs(value)).rounded(.down)))
        return trimmed(FigureText.fixed(value, places: min(digits, 12)))
    }

    /// A quantity with its unit: `17.03 GB`, and `8.76 × 1000 requests` for a unit that starts with a number.
    package static func quantity(_ value: Double, unit: String) -> String {
        let separator = unit.first?.isNumber == true ? " × " : " "
        return quantity(value) + separator + unit
    }

    /// A unit price: `$0.57/GB`, `$0.0000133334/GB-second`: as many decimals as the figure has (up to ten), at
    /// least two.
    package static func unitPrice(_ usd: Double, unit: String) -> String { price(usd) + "/" + unit }

    /// A price without its unit: `$0.57`, `$0.0000133334`.
    package static func price(_ usd: Double) -> String { "$" + trimmed(FigureText.fixed(usd, places: 10)) }

    /// A dollar amount as JSON keeps it: rounded to a millionth of a dollar, so that the arithmetic's last bits
    /// (which depend on the order of a sum) never change the committed `generated/cost.json`.
    package static func stored(_ usd: Double) -> Double { (usd * 1_000_000).rounded() / 1_000_000 }

    /// `value` with `decimals` decimals and its whole part grouped by thousands.
    private static func grouped(_ value: Double, decimals: Int) -> String {
        let parts = FigureText.fixed(abs(value), places: decimals).split(separator: ".", maxSplits: 1)
        var out = FigureText.thousands(parts[0])
        if parts.count > 1 { out += "." + parts[1] }
        return value < 0 ? "−" + out : out
    }

    /// A decimal's trailing zeros removed, keeping at least two decimals.
    private static func trimmed(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        var out = text
        while out.last == "0" && out.distance(from: dot, to: out.endIndex) > 3 { out.removeLast() }
        return out
    }
}
