import Testing

@testable import SluiceEmit

@Suite("Cost reports: money, quantities and prices as shown")
struct CostFiguresTests {
    @Test("dollars are rounded to cents and grouped, a positive amount below a cent is '< $0.01'")
    func money() {
        #expect(CostFigures.money(0) == "$0.00")
        #expect(CostFigures.money(0.004) == "< $0.01")
        #expect(CostFigures.money(0.01) == "$0.01")
        #expect(CostFigures.money(1234.565) == "$1,234.57")
        #expect(CostFigures.money(1_000_000) == "$1,000,000.00")
        #expect(CostFigures.money(-3.1) == "−$3.10")
    }

    @Test("a change is signed, and one below half a cent does not show")
    func change() {
        #expect(CostFigures.change(2) == "+$2.00")
        #expect(CostFigures.change(-0.45) == "−$0.45")
        #expect(CostFigures.change(0.003) == "+< $0.01")
        #expect(CostFigures.change(0) == "$0.00")
        #expect(!CostFigures.isVisible(0.0049) && CostFigures.isVisible(0.005) && CostFigures.isVisible(-0.005))
    }

    @Test("quantities: whole numbers grouped, others two decimals, small ones four significant digits")
    func quantity() {
        #expect(CostFigures.quantity(2_190_000) == "2,190,000")
        #expect(CostFigures.quantity(17.0312) == "17.03")
        #expect(CostFigures.quantity(0.004168) == "0.004168")
        #expect(CostFigures.quantity(0.5) == "0.50")
        #expect(CostFigures.quantity(.nan) == "not a number" && CostFigures.quantity(.infinity) == "∞")
        #expect(CostFigures.quantity(17.0312, unit: "GB") == "17.03 GB")
        #expect(CostFigures.quantity(8.76, unit: "1000 requests") == "8.76 × 1000 requests")
    }

    @Test("unit prices keep their decimals, at least two")
    func unitPrice() {
        #expect(CostFigures.unitPrice(0.57, unit: "GB") == "$0.57/GB")
        #expect(CostFigures.unitPrice(0.0000133334, unit: "GB-second") == "$0.0000133334/GB-second")
        #expect(CostFigures.unitPrice(5, unit: "TB") == "$5.00/TB")
    }
}
