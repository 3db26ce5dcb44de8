import SluiceModel
import Testing

@Suite("Templates")
struct TemplateTests {
    static let path = try! Template(parsing: "/integrations/{integration_id}/**")
    static let host = try! Template(parsing: "{account_id}.*.*")

    @Test(
        "the integration of a path, relative or absolute, with or without more segments",
        arguments: [
            ("/integrations/int-1", "int-1"),
            ("/integrations/int-1/", "int-1"),
            ("/integrations/int-1/events", "int-1"),
            ("/integrations/int-1/events/e-9/retry", "int-1"),
            ("/integrations/int.v2:x/events", "int.v2:x"),
            ("https://acct-1.api.example.com/integrations/int-7/config", "int-7"),
            ("http://host:8080/integrations/int-7", "int-7"),
            ("h2c+x.y-z://host/integrations/int-7", "int-7"),
            ("/integrations/\u{e9}t\u{e9}/x", "\u{e9}t\u{e9}"),
        ])
    func integration(value: String, expected: String) {
        #expect(Self.path.capture(value) == expected)
    }

    @Test(
        "no integration: another path, an empty id, a value of another form",
        arguments: [
            "", "/", "/integrations", "/integrations/", "/integrations//events", "/status", "/v1/integrations/int-1",
            "/integrationsX/int-1", "integrations/int-1", "host:443", "https://host", "https://host/status",
            "://host/integrations/int-1", "1http://host/integrations/int-1", "/INTEGRATIONS/int-1",
        ])
    func noIntegration(value: String) {
        #expect(Self.path.capture(value) == nil)
    }

    @Test(
        "the account of a host of three labels or more, with or without a port",
        arguments: [
            ("acct-1.api.example.com", "acct-1"),
            ("ACCT-1.api.example.com:8443", "ACCT-1"),
            ("a.b.c.d.e", "a"),
            ("a.b.", "a"),
            ("a..", "a"),
            ("10.0.0.1:80", "10"),
            ("\u{1F600}.b.c", "\u{1F600}"),
        ])
    func account(value: String, expected: String) {
        #expect(Self.host.capture(value) == expected)
    }

    @Test(
        "no account: fewer than three labels, an empty first label, a path",
        arguments: ["", "localhost", "a.b", "a.b:443", ".b.c", "[::1]:8080", "a/b.c.d", "a.b/c.d"])
    func noAccount(value: String) {
        #expect(Self.host.capture(value) == nil)
    }

    @Test("a capture or star stops at the first place the literal after it begins, and the match is anchored")
    func stops() throws {
        #expect(try Template(parsing: "{x}.com").capture("a.b.com") == "a.b")
        #expect(try Template(parsing: "{x}.com").capture("a.b.com.") == nil)
        #expect(try Template(parsing: "u-{x}").capture("u-42") == "42")
        #expect(try Template(parsing: "u-{x}").capture("v-42") == nil)
        #expect(try Template(parsing: "{x}").capture("a/b") == nil)
        #expect(try Template(parsing: "{x}**").capture("a/b") == "a")
        #expect(try Template(parsing: "*/{x}").capture("a/b") == "b")
        #expect(try Template(parsing: "*:{x}").capture("host:443") == "443")
        #expect(try Template(parsing: "/a/*/{x}").capture("/a//b") == "b")
        #expect(try Template(parsing: "\\{{x}\\}").capture("{v}") == "v")
        #expect(try Template(parsing: "/{x}/**").capture("/v") == "v")
        #expect(try Template(parsing: "/{x}").capture("https://h/v") == "v")
        #expect(try Template(parsing: "x/{x}").capture("https://h/x/v") == nil, "only a path template skips a scheme")
    }

    @Test("hostile values: huge, many separators, invalid text, many stars")
    func hostileValues() throws {
        let huge = "/integrations/" + String(repeating: "x", count: 1 << 20) + "/y"
        #expect(Self.path.capture(huge)?.utf8.count == 1 << 20)
        #expect(Self.host.capture(String(repeating: ".", count: 100_000)) == nil)
        #expect(Self.host.capture(String(repeating: "a.", count: 100_000))?.count == 1)
        let stars = try Template(parsing: String(repeating: "*.", count: 500) + "{x}")
        #expect(stars.capture(String(repeating: "a.", count: 500) + "z") == "z")
        #expect(stars.capture(String(repeating: "a.", count: 499)) == nil)
        #expect(Self.path.capture(String(decoding: [0x2F, 0xFF, 0xFE], as: UTF8.self)) == nil)
    }

    @Test(
        "text that is not a template, with the offset of the problem",
        arguments: [
            ("", "the template is empty", 0),
            ("/a/*", "a template captures one value, `{name}` (named like its column)", 0),
            ("{a}{b}", "a template captures one value; this is a second `{...}`", 3),
            ("/{a", "`{` is not closed", 1),
            ("/{}", "the capture `{}` has no name", 1),
            ("{a-b}", "a capture's name is letters, digits and `_` (write `\\{` for the byte itself)", 2),
            ("a}{x}", "`}` without `{` (write `\\}` for the byte itself)", 1),
            ("{x}*", "a wildcard right after `{x}`: put a literal between them", 3),
            ("*{x}", "a wildcard right after `*`: put a literal between them", 1),
            ("/**/{x}", "`**` matches the rest of the value, so it ends the template", 1),
            ("{x}***", "`**` matches the rest of the value, so it ends the template", 3),
            ("{x}\\n", "only `\\{`, `\\}`, `\\*` and `\\\\` are escapes in a template", 3),
            ("{x}\t", "a template holds no control characters", 3),
        ])
    func refusals(text: String, message: String, offset: Int) {
        #expect(throws: TemplateError(message: message, offset: offset)) { try Template(parsing: text) }
    }

    @Test("a template longer than the limit is refused, not matched")
    func tooLong() {
        let text = "{x}" + String(repeating: "a", count: Template.maximumLength)
        #expect(throws: TemplateError.self) { try Template(parsing: text) }
    }

    @Test("case: ASCII letters byte by byte, other text as Swift does")
    func letterCase() {
        #expect(LetterCase.lower.apply("ACCT-1.Api") == "acct-1.api")
        #expect(LetterCase.upper.apply("acct-1") == "ACCT-1")
        #expect(LetterCase.lower.apply("\u{c9}T\u{c9}") == "\u{e9}t\u{e9}")
        #expect(LetterCase.lower.apply("") == "")
    }
}
