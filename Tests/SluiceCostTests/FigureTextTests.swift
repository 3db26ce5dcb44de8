import Foundation
import Testing

@testable import SluiceCost

/// How a formula writes its figures.
@Suite struct FigureTextTests {
    @Test(arguments: [
        (2_000_000.0, "2,000,000"), (1_606.4, "1,606"), (288.0, "288"), (30.416_666, "30.42"), (1.5, "1.50"),
        (0.0213, "0.0213"), (0.000_123_4, "0.000123"), (0.0, "0"), (-1_234.0, "-1,234"),
    ])
    func numbers(value: Double, text: String) {
        #expect(FigureText.number(value) == text)
    }

    @Test func digitsAreGroupedByThousandsFromTheRight() {
        #expect(FigureText.thousands("1") == "1")
        #expect(FigureText.thousands("123") == "123")
        #expect(FigureText.thousands("1234") == "1,234")
        #expect(FigureText.thousands("1234567") == "1,234,567")
    }

    /// The integer path writes what `String(format:)` writes, ties and their neighbours included.
    @Test func fixedPlacesAreWhatPrintfWrites() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, -0.125, -0.0, 0.0, 999.995, 1e14 + 0.5]
        for _ in 0..<2_000 {
            let magnitude = Double.random(in: -6...14, using: &generator)
            values.append(pow(10, magnitude) * (Bool.random(using: &generator) ? 1 : -1))
            values.append((Double(Int.random(in: 0...1_000_000, using: &generator)) + 0.5) / 1_000)
        }
        for value in values {
            for places in 0...12 {
                #expect(
                    FigureText.fixed(value, places: places) == String(format: "%.\(places)f", value),
                    "\(value) to \(places) places")
            }
        }
    }
}
