import Testing

@testable import SluiceParquet

/// The column dictionary's lookups: the same index for equal bytes whatever their length (the short comparisons
/// load from both ends), a new index for bytes that differ anywhere, and every entry found again after the slots
/// grow (their hashes computed again from the page).
@Suite("Byte dictionary")
struct ByteDictionaryTests {
    func index(_ dictionary: inout ByteDictionary, _ bytes: [UInt8]) -> (index: UInt32, inserted: Bool)? {
        bytes.withUnsafeBytes { dictionary.index(of: $0, limit: 1 << 20) }
    }

    @Test("strings of every length up to 40 bytes: equal ones share an index, one differing byte anywhere is new")
    func lengths() {
        var dictionary = ByteDictionary(lengthPrefixed: true)
        var expected: [[UInt8]: UInt32] = [:]
        for length in 0...40 {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: 65 + $0) }
            var values = [base]
            for position in 0..<length {
                var changed = base
                changed[position] ^= 0x20
                values.append(changed)
            }
            for value in values {
                let found = index(&dictionary, value)
                #expect(found?.inserted == true, "length \(length): \(value) new")
                expected[value] = found?.index
            }
        }
        for (value, index) in expected {
            let found = self.index(&dictionary, value)
            #expect(found?.index == index && found?.inserted == false)
            dictionary.withEntry(Int(index)) { #expect(Array($0) == value) }
        }
        #expect(dictionary.count == expected.count)
    }

    @Test("fixed-width values (INT64) keep no entries: found by their position in the page, across growth")
    func fixedWidth() {
        var dictionary = ByteDictionary(lengthPrefixed: false)
        for round in 0..<2 {
            for value in Int64(0)..<5000 {
                let found = withUnsafeBytes(of: (value * 7919).littleEndian) {
                    dictionary.index(of: $0, limit: 1 << 20)
                }
                #expect(found?.index == UInt32(value) && found?.inserted == (round == 0))
            }
        }
        let last = withUnsafeBytes(of: Int64(4999 * 7919).littleEndian) { Array($0) }
        dictionary.withEntry(4999) { #expect(Array($0) == last) }
        #expect(dictionary.page.count == 5000 * 8)
    }
}
