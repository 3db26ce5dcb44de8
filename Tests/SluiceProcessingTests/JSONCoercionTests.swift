import Testing

@testable import SluiceProcessing

/// The coercion rules of README's "json" section: what each JSON value gives a column of each type, and the
/// reason, naming the path and the value, for every refusal.
@Suite("JSON lines: coercion to column types")
struct JSONCoercionTests {
    static let line = """
        {"s":"text","e":"a\\"b","n":200,"big":3000000000,"neg":-5,"f":1.5,"zf":200.0,"ex":2e2,"exf":1.5e3,\
        "tiny":1e-2,"huge":1e400,"n_s":"200","f_s":"2.5","bad_s":"20x","t":true,"no":false,"nul":null,\
        "o":{"a":[1, 2]},"arr":[1,"x"],"ts":"2024-01-02T03:04:05.678Z","day":"2024-01-02","ts_s":"1704164645",\
        "true_s":"true","false_s":"false","nan":"NaN","int_min":-2147483648,"int_max":2147483647,\
        "i64":9223372036854775807,"over":9223372036854775808}
        """

    static func value(_ path: String, _ type: ColumnType) throws -> Row.Value? {
        try JSONLines.value(line, path, as: type)
    }

    static func refusal(_ path: String, _ type: ColumnType) throws -> String? {
        try JSONLines.failure(line, path, as: type)
    }

    @Test("missing paths and JSON null are null, for every type")
    func nulls() throws {
        for type in ColumnType.allCases {
            #expect(try Self.value("nul", type) == .null)
            #expect(try Self.value("absent", type) == .null)
            #expect(try Self.value("o.absent.deeper", type) == .null)
        }
    }

    @Test("string: strings unescaped, numbers as written, booleans as words, objects and arrays as logged")
    func strings() throws {
        #expect(try Self.value("s", .string) == .string("text"))
        #expect(try Self.value("e", .string) == .string("a\"b"))
        #expect(try Self.value("n", .string) == .string("200"))
        #expect(try Self.value("zf", .string) == .string("200.0"))
        #expect(try Self.value("ex", .string) == .string("2e2"))
        #expect(try Self.value("huge", .string) == .string("1e400"))
        #expect(try Self.value("t", .string) == .string("true"))
        #expect(try Self.value("no", .string) == .string("false"))
        #expect(try Self.value("o", .string) == .string(#"{"a":[1, 2]}"#))
        #expect(try Self.value("arr", .string) == .string(#"[1,"x"]"#))
    }

    @Test("int and bigint: integers however written, strings holding one; the 32-bit range for int")
    func integers() throws {
        #expect(try Self.value("n", .int) == .int(200))
        #expect(try Self.value("neg", .int) == .int(-5))
        #expect(try Self.value("zf", .int) == .int(200))
        #expect(try Self.value("ex", .int) == .int(200))
        #expect(try Self.value("exf", .int) == .int(1500))
        #expect(try Self.value("n_s", .int) == .int(200))
        #expect(try Self.value("int_min", .int) == .int(-2_147_483_648))
        #expect(try Self.value("int_max", .int) == .int(2_147_483_647))
        #expect(try Self.value("big", .bigint) == .int(3_000_000_000))
        #expect(try Self.value("i64", .bigint) == .int(Int64.max))
        #expect(try JSONLines.value(#"{"a":-9223372036854775808}"#, "a", as: .bigint) == .int(Int64.min))
        #expect(try JSONLines.value(#"{"a":0e5}"#, "a", as: .int) == .int(0))
        #expect(try JSONLines.value(#"{"a":"-0.0"}"#, "a", as: .int) == .int(0))
        #expect(
            try JSONLines.value(#"{"a":123456789012345678000e-3}"#, "a", as: .bigint) == .int(123_456_789_012_345_678))
    }

    @Test(
        "int and bigint refusals name the path and the value",
        arguments: [
            ("f", ColumnType.int, "f = 1.5: has a fraction, not an integer (declare the column double)"),
            ("tiny", .bigint, "tiny = 1e-2: has a fraction, not an integer (declare the column double)"),
            ("big", .int, "big = 3000000000: out of the int range (declare the column bigint)"),
            ("over", .bigint, "over = 9223372036854775808: out of the bigint range"),
            ("huge", .bigint, "huge = 1e400: out of the bigint range"),
            ("f_s", .int, #"f_s = "2.5": has a fraction, not an integer (declare the column double)"#),
            ("bad_s", .int, #"bad_s = "20x": a string that is not an integer"#),
            ("s", .bigint, #"s = "text": a string that is not an integer"#),
            ("t", .int, "t = true: a boolean is not an integer"),
            ("o", .int, #"o = {"a":[1, 2]}: an object is not an integer"#),
            ("arr", .bigint, #"arr = [1,"x"]: an array is not an integer"#),
        ])
    func integerRefusals(path: String, type: ColumnType, reason: String) throws {
        #expect(try Self.refusal(path, type) == reason)
    }

    @Test("double: any number, strings holding one")
    func doubles() throws {
        #expect(try Self.value("f", .double) == .double(1.5))
        #expect(try Self.value("n", .double) == .double(200))
        #expect(try Self.value("tiny", .double) == .double(0.01))
        #expect(try Self.value("f_s", .double) == .double(2.5))
        #expect(try Self.value("big", .double) == .double(3e9))
    }

    @Test(
        "double refusals: beyond the range, NaN and other non-numbers",
        arguments: [
            ("huge", "huge = 1e400: out of the double range"),
            ("nan", #"nan = "NaN": a string that is not a number"#),
            ("bad_s", #"bad_s = "20x": a string that is not a number"#),
            ("t", "t = true: a boolean is not a number"),
            ("arr", #"arr = [1,"x"]: an array is not a number"#),
        ])
    func doubleRefusals(path: String, reason: String) throws {
        #expect(try Self.refusal(path, .double) == reason)
    }

    @Test("boolean: true and false, and the strings \"true\" and \"false\"")
    func booleans() throws {
        #expect(try Self.value("t", .boolean) == .bool(true))
        #expect(try Self.value("no", .boolean) == .bool(false))
        #expect(try Self.value("true_s", .boolean) == .bool(true))
        #expect(try Self.value("false_s", .boolean) == .bool(false))
        #expect(try Self.refusal("n", .boolean) == "n = 200: a number is not a boolean")
        #expect(try Self.refusal("s", .boolean) == #"s = "text": a string that is not "true" or "false""#)
        #expect(try Self.refusal("o", .boolean) == #"o = {"a":[1, 2]}: an object is not a boolean"#)
    }

    @Test(
        "timestamp: RFC 3339 and Athena's text, to UTC milliseconds",
        arguments: [
            ("2024-01-02T03:04:05.678Z", 1_704_164_645_678),
            ("2024-01-02T03:04:05Z", 1_704_164_645_000),
            ("2024-01-02t03:04:05z", 1_704_164_645_000),
            ("2024-01-02 03:04:05.678", 1_704_164_645_678),
            ("2024-01-02T03:04:05.678901234Z", 1_704_164_645_678),
            ("2024-01-02T03:04:05.6Z", 1_704_164_645_600),
            ("2024-01-02T05:04:05.678+02:00", 1_704_164_645_678),
            ("2024-01-02T05:04:05.678+0200", 1_704_164_645_678),
            ("2024-01-02T05:04:05+02", 1_704_164_645_000),
            ("2024-01-01T22:34:05-04:30", 1_704_164_645_000),
            ("2024-01-02T03:04", 1_704_164_640_000),
            ("2024-01-02", 1_704_153_600_000),
            ("2016-12-31T23:59:60Z", 1_483_228_800_000),
        ] as [(String, Int64)])
    func timestampText(text: String, milliseconds: Int64) throws {
        #expect(try JSONLines.value("{\"t\":\"\(text)\"}", "t", as: .timestamp) == .timestamp(milliseconds))
    }

    @Test(
        "timestamp: epoch numbers, the unit by magnitude (seconds, ms, µs, ns), as numbers or strings",
        arguments: [
            ("1704164645", 1_704_164_645_000),
            ("1704164645.678", 1_704_164_645_678),
            ("1704164645678", 1_704_164_645_678),
            ("1704164645678901", 1_704_164_645_678),
            ("1704164645678901234", 1_704_164_645_678),
            ("1.704164645678e12", 1_704_164_645_678),
            ("0", 0),
            ("-1", -1000),
        ] as [(String, Int64)])
    func timestampEpoch(text: String, milliseconds: Int64) throws {
        #expect(try JSONLines.value("{\"t\":\(text)}", "t", as: .timestamp) == .timestamp(milliseconds))
        #expect(try JSONLines.value("{\"t\":\"\(text)\"}", "t", as: .timestamp) == .timestamp(milliseconds))
    }

    @Test(
        "timestamp refusals",
        arguments: [
            (#"{"t":"yesterday"}"#, #"t = "yesterday": not an RFC 3339 timestamp, nor a number of epoch time"#),
            (
                #"{"t":"2024-13-02T00:00:00Z"}"#,
                #"t = "2024-13-02T00:00:00Z": not an RFC 3339 timestamp, nor a number of epoch time"#
            ),
            (
                #"{"t":"2024-01-02T03:04:05Zjunk"}"#,
                #"t = "2024-01-02T03:04:05Zjunk": not an RFC 3339 timestamp, nor a number of epoch time"#
            ),
            (#"{"t":1e30}"#, "t = 1e30: out of the timestamp range as epoch time"),
            // Review: year 0 was kept (README: instants outside the years 1 to 9999 are refused).
            (
                #"{"t":"0001-01-01T00:00:00+01:00"}"#,
                #"t = "0001-01-01T00:00:00+01:00": outside the years 1 to 9999 in UTC"#
            ),
            (
                #"{"t":"9999-12-31T23:59:59-01:00"}"#,
                #"t = "9999-12-31T23:59:59-01:00": outside the years 1 to 9999 in UTC"#
            ),
            (#"{"t":true}"#, "t = true: a boolean is not a timestamp"),
            (#"{"t":[1]}"#, "t = [1]: an array is not a timestamp"),
        ])
    func timestampRefusals(line: String, reason: String) throws {
        #expect(try JSONLines.failure(line, "t", as: .timestamp) == reason)
    }

    @Test("date: yyyy-MM-dd, or a timestamp's UTC day")
    func dates() throws {
        #expect(try Self.value("day", .date) == .date(19724))
        #expect(try Self.value("ts", .date) == .date(19724))
        #expect(try Self.value("ts_s", .date) == .date(19724))
        #expect(try JSONLines.value(#"{"d":"2024-01-02T23:30:00-02:00"}"#, "d", as: .date) == .date(19725))
        #expect(
            try JSONLines.failure(#"{"d":"2024-02-30"}"#, "d", as: .date)
                == #"d = "2024-02-30": not an RFC 3339 date, nor a number of epoch time"#)
        #expect(try Self.refusal("o", .date) == #"o = {"a":[1, 2]}: an object is not a date"#)
    }

    @Test("a long value is shortened in the reason, not cut inside a character")
    func shortened() throws {
        let long = String(repeating: "é", count: 100)
        let reason = try JSONLines.failure("{\"a\":\"\(long)\"}", "a", as: .int)
        #expect(reason == "a = \"" + String(repeating: "é", count: 29) + "…: a string that is not an integer")
    }
}
