import Testing

@testable import SluiceProcessing

@Suite("Lookup answers (text) as typed values")
struct TypedTextTests {
    @Test(
        "text becomes a value of its column's type; text that is not one is null",
        arguments: [
            ("abc", ColumnType.string, Row.Value.string("abc")),
            ("42", .int, .int(42)), ("2147483648", .int, .null), ("x", .int, .null),
            ("9000000000", .bigint, .int(9_000_000_000)), ("-7", .bigint, .int(-7)),
            ("2.5", .double, .double(2.5)), ("true", .boolean, .bool(true)), ("false", .boolean, .bool(false)),
            ("yes", .boolean, .null),
            ("2024-03-14 09:26:53.589", .timestamp, .timestamp(1_710_408_413_589)),
            ("2024-03-14 09:26:53", .timestamp, .timestamp(1_710_408_413_000)),
            ("2024-03-14T09:26:53.5", .timestamp, .timestamp(1_710_408_413_500)),
            ("2024-03-14 09:26:53.589123", .timestamp, .timestamp(1_710_408_413_589)),
            ("1969-12-31 23:59:59.999", .timestamp, .timestamp(-1)),
            ("2024-03-14 25:00:00", .timestamp, .null), ("2024-03-14", .timestamp, .null),
            ("2024-03-14 09:26:53.", .timestamp, .null),
            ("2024-03-14", .date, .date(19796)), ("1970-01-01", .date, .date(0)), ("1969-12-31", .date, .date(-1)),
            ("2024-02-29", .date, .date(19782)), ("2023-02-29", .date, .null), ("2024-13-01", .date, .null),
            ("2024-3-14", .date, .null),
        ])
    func typed(text: String, type: ColumnType, expected: Row.Value) {
        #expect(Row.Value(text: text, as: type) == expected)
    }

    @Test(
        "a field's value converts to a column of another type without loss, or is null",
        arguments: [
            (Row.Value.int(7), ColumnType.string, Row.Value.string("7")), (.int(7), .double, .double(7)),
            (.int(7), .bigint, .int(7)), (.bool(true), .string, .string("true")),
            (.timestamp(1_710_408_413_589), .string, .string("2024-03-14 09:26:53.589")),
            (.date(19796), .string, .string("2024-03-14")), (.double(.infinity), .string, .null),
            (.string("x"), .int, .null), (.null, .string, .null), (.string("x"), .string, .string("x")),
        ])
    func converted(value: Row.Value, type: ColumnType, expected: Row.Value) {
        #expect(value.converted(to: type) == expected)
    }

    @Test("no text is null, whatever the type")
    func missing() {
        for type in ColumnType.allCases { #expect(Row.Value(text: nil, as: type) == .null) }
    }

    @Test("parsed timestamps and dates print back as the same text")
    func roundTrip() {
        for text in ["2024-03-14 09:26:53.589", "1999-12-31 23:59:59.999", "2000-02-29 00:00:00.000"] {
            #expect(Timestamps.milliseconds(athena: text).map(Timestamps.athena) == text)
        }
        for text in ["2024-03-14", "1900-03-01", "2400-02-29"] {
            #expect(Timestamps.days(day: text).map(Timestamps.day) == text)
        }
    }
}

@Suite("Rows by position")
struct PositionalRowTests {
    @Test("the JSON writer names each value by its position among the writer's columns; a missing one is null")
    func namesByPosition() {
        let encoder = JSONRowEncoder(columns: ["a", "b\"q", "at", "day"])
        var out: [UInt8] = []
        encoder.appendJSONLine(Row([.int(1), .string("x"), .timestamp(1_710_408_413_589)]), to: &out)
        encoder.appendJSONLine(Row([.null, .bool(true), .null, .date(19796)]), to: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "{\"a\":1,\"b\\\"q\":\"x\",\"at\":\"2024-03-14 09:26:53.589\",\"day\":null}\n"
                + "{\"a\":null,\"b\\\"q\":true,\"at\":null,\"day\":\"2024-03-14\"}\n")
    }

    @Test("a row's values are read by position")
    func positions() {
        let row = Row([.string("a"), .int(2)])
        #expect(row.count == 2 && row[0] == .string("a") && row[1] == .int(2))
    }
}
