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

    @Test func pricesKeepEveryDigitOfTheTable() {
        #expect(FigureText.price(0.000_013_333_4) == "$0.0000133334")
        #expect(FigureText.price(5) == "$5")
        #expect(FigureText.price(0.023) == "$0.023")
    }
}
