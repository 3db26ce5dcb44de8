import Testing

@testable import SluiceProcessing

@Suite("HAProxy lines that fail, and why")
struct HAProxyFailureTests {
    @Test("empty and blank lines", arguments: ["", " ", "\n", "\r\n", " \t \r\n"])
    func empty(line: String) {
        #expect(haproxyFailure(line) == ParseFailure(.empty, at: 0))
        #expect(haproxyFailure(line, .clf) == ParseFailure(.empty, at: 0))
    }

    /// Cut just before the named text (trailing spaces go with the cut): the line ends before its accept date
    /// was whole, so it makes no record (lines cut later: HAProxyTruncationTests).
    @Test(
        "lines cut before the end of the accept date",
        arguments: [
            (".10:48620", ParseFailure.Field.clientPort, LogFormat.http),
            (" [14/Mar", .acceptDate, .http),
            ("/Mar/2024", .acceptDate, .http),
            (".589]", .acceptDate, .http),
            (" - - [", .ident, .clf),
            (" [14", .acceptDate, .clf),
            (" +0000]", .acceptDate, .clf),
        ])
    func cutBeforeTheDate(cutBefore: String, field: ParseFailure.Field, format: LogFormat) {
        let whole = format == .http ? HAProxyLines.http : HAProxyLines.clf
        let line = String(whole.utf8.prefix(byteOffset(of: cutBefore, in: whole)))!
        let trimmed = line.utf8.count - line.utf8.reversed().prefix { $0 == 0x20 }.count
        #expect(haproxyFailure(line, format) == ParseFailure(.truncated(field: field), at: trimmed))
    }

    @Test(
        "bad dates",
        arguments: [
            ("14/Mar/2024:09:26:53.589", "31/Feb/2024:09:26:53.589", 0),
            ("14/Mar/2024:09:26:53.589", "29/Feb/2023:09:26:53.589", 0),
            ("14/Mar/2024:09:26:53.589", "00/Mar/2024:09:26:53.589", 0),
            ("14/Mar/2024:09:26:53.589", "14/Mrz/2024:09:26:53.589", 3),
            ("14/Mar/2024:09:26:53.589", "14/mar/2024:09:26:53.589", 3),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024:24:00:00.000", 12),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024:09:60:00.000", 15),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024:09:26:61.000", 18),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024 09:26:53.589", 11),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024:09:26:53,589", 20),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024:09:26:53.5x9", 22),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024:09:26:5", 0),
            ("14/Mar/2024:09:26:53.589", "14/Mar/2024:09:26:53.5890", 0),
            ("14/Mar/2024:09:26:53.589", "4/Mar/2024:09:26:53.589", 0),
            ("14/Mar/2024:09:26:53.589", "1٤/Mar/2024:09:26:53.58", 1),
        ])
    func badDate(old: String, new: String, offsetInDate: Int) {
        let line = substituting(old, with: new, in: HAProxyLines.http)
        let dateStart = byteOffset(of: "[", in: line) + 1
        #expect(haproxyFailure(line) == ParseFailure(.badDate, at: dateStart + offsetInDate))
    }

    @Test(
        "bad CLF dates",
        arguments: [
            "14/Mar/2024:09:26:53 0000", "14/Mar/2024:09:26:53 +2400", "14/Mar/2024:09:26:53 +01:0",
            "14/Mar/2024:09:26:53.589", "14/Mar/2024:09:26:53 +00000",
        ])
    func badCLFDate(date: String) {
        let line = substituting("14/Mar/2024:09:26:53 +0000", with: date, in: HAProxyLines.clf)
        #expect(haproxyFailure(line, .clf)?.reason == .badDate)
    }

    @Test(
        "text where a number belongs",
        arguments: [
            (" 200 ", " 2OO ", "O", ParseFailure.Field.status),
            (" 1873 ", " 1.8k ", ".", .bytesRead),
            (" 1873 ", " -1 ", "-", .bytesRead),
            (" 1873 ", " ++1873 ", "+1873", .bytesRead),
            ("3/0/1/42/46", "3/x/1/42/46", "x", .queueTime),
            ("3/0/1/42/46", "+3/0/1/42/46", "+", .requestTime),
            ("3/0/1/42/46", "3/0/-2/42/46", "-2", .connectTime),
            ("3/0/1/42/46", "3/0/1//46", "/46", .responseTime),
            ("12/10/3/1/0", "12/10/3/one/0", "one", .serverConnections),
            ("12/10/3/1/0", "12/+10/3/1/0", "+10", .frontendConnections),
            (" 0/0 ", " 0/- ", "- ", .backendQueue),
            (":48620", ":4862O", "O", .clientPort),
        ])
    func badNumber(old: String, new: String, at needle: String, field: ParseFailure.Field) {
        let line = substituting(old, with: new, in: HAProxyLines.http)
        let offset = byteOffset(of: new, in: line) + byteOffset(of: needle, in: new)
        #expect(haproxyFailure(line) == ParseFailure(.badNumber(field: field), at: offset))
    }

    @Test(
        "numbers too large for their field, overflow included",
        arguments: [
            (" 1873 ", " 9223372036854775808 ", ParseFailure.Field.bytesRead),
            (" 1873 ", " +99999999999999999999999999999999 ", .bytesRead),
            (" 1873 ", " 9223372036854775807 ", nil),
            ("3/0/1/42/46", "3/0/1/42/+18446744073709551616", .totalTime),
            (" 200 ", " 00000000000000000000000000000200 ", nil),
            (" 200 ", " 10000000000000000000 ", .status),
            ("12/10/3/1/0", "12/10/3/1/+9223372036854775808", .retries),
            (":48620", ":65536", .clientPort),
            (":48620", ":99999999999999999999", .clientPort),
        ] as [(String, String, ParseFailure.Field?)])
    func outOfRange(old: String, new: String, field: ParseFailure.Field?) throws {
        let line = substituting(old, with: new, in: HAProxyLines.http)
        guard let field else {
            _ = try haproxyRecord(line)
            return
        }
        #expect(haproxyFailure(line)?.reason == .outOfRange(field: field))
    }

    @Test(
        "bytes the format does not allow",
        arguments: [
            ("192.0.2.10:48620", "192.0.2.10", ParseFailure.Field.clientPort),
            ("192.0.2.10:48620", "host.example:48620", .clientAddress),
            ("192.0.2.10:48620", "192.0.2.10:48620 x", .acceptDate),
            ("192.0.2.10:48620", "19216801:48620", .clientAddress),
            ("[14/Mar/2024:09:26:53.589]", "[14/Mar/2024:09:26:53.589]x", .acceptDate),
            ("[14/Mar/2024:09:26:53.589]", "14/Mar/2024:09:26:53.589", .acceptDate),
            (" www~ ", " ~ ", .frontend),
            ("api/api-2", "api-api-2", .server),
            ("api/api-2", "/api-2", .backend),
            ("api/api-2", "api/", .server),
            ("3/0/1/42/46", "3/0/1/42", .totalTime),
            ("3/0/1/42/46", "3/0/1/42/46/0", .totalTime),
            ("---- ", "----- ", .terminationState),
            ("---- ", "--- ", .terminationState),
            ("12/10/3/1/0", "12/10/3/1/0/0", .retries),
            ("12/10/3/1/0", "12/10/3/1", .retries),
            ("0/0 ", "0/0/0 ", .backendQueue),
            ("0/0 ", "0 ", .backendQueue),
            (#""GET"#, #"GET"#, .request),
            (#"HTTP/1.1""#, #"HTTP/1.1" extra"#, .request),
            (" 0/0 ", " 0/0 {a}b ", .requestHeaders),
        ])
    func unexpected(old: String, new: String, field: ParseFailure.Field) {
        #expect(
            haproxyFailure(substituting(old, with: new, in: HAProxyLines.http))?.reason == .unexpected(field: field))
    }

    @Test("HAProxy's own notices are not records")
    func notices() {
        let notice = HAProxyLines.bsdPrefix + "Proxy www started."
        #expect(haproxyFailure(notice)?.reason == .unexpected(field: .clientPort))
        #expect(haproxyFailure(notice, .clf)?.reason == .unexpected(field: .clientAddress))
        let down = HAProxyLines.bsdPrefix + "Server api/api-2 is DOWN, reason: Layer4 timeout."
        #expect(haproxyFailure(down)?.reason == .unexpected(field: .clientPort))
    }

    @Test("one layout is not the other")
    func wrongLayout() {
        // `192.0.2.10:48620` could be an IPv6 address; the date is where it goes wrong.
        #expect(haproxyFailure(HAProxyLines.http, .clf)?.reason == .unexpected(field: .acceptDate))
        #expect(haproxyFailure(HAProxyLines.clf, .http)?.reason == .unexpected(field: .clientPort))
    }

    @Test("CLF-specific failures")
    func clfFailures() {
        let ms = substituting(" 589 ", with: " 1000 ", in: HAProxyLines.clf)
        #expect(haproxyFailure(ms, .clf)?.reason == .outOfRange(field: .acceptMilliseconds))
        let request = substituting(#""GET /v1"#, with: #"GET /v1"#, in: HAProxyLines.clf)
        #expect(haproxyFailure(request, .clf)?.reason == .unexpected(field: .request))
        let server = substituting(#""api-2""#, with: "\"\"", in: HAProxyLines.clf)
        #expect(haproxyFailure(server, .clf)?.reason == .unexpected(field: .server))
    }

    @Test("codes and descriptions for the quarantine")
    func codes() {
        #expect(ParseFailure(.truncated(field: .status), at: 57).code == "truncated:status")
        #expect(ParseFailure(.badNumber(field: .bytesRead), at: 3).code == "bad_number:bytes_read")
        #expect(ParseFailure(.outOfRange(field: .clientPort), at: 3).code == "out_of_range:client_port")
        #expect(ParseFailure(.unexpected(field: .request), at: 3).code == "unexpected:request")
        #expect(ParseFailure(.badDate, at: 12).description == "bad_date at byte 12")
        #expect(ParseFailure(.empty, at: 0).code == "empty")
    }
}
