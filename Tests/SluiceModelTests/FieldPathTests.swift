import Testing

@testable import SluiceModel

@Suite struct FieldPathTests {
    @Test(arguments: [
        ("status", [FieldPath.Step.key("status")]),
        ("http.request.status", [.key("http"), .key("request"), .key("status")]),
        ("items[0].id", [.key("items"), .index(0), .key("id")]),
        ("request_headers[1]", [.key("request_headers"), .index(1)]),
        (#"labels["app.kubernetes.io/name"]"#, [.key("labels"), .key("app.kubernetes.io/name")]),
        (#"["a \"quoted\" \\ key"].x"#, [.key(#"a "quoted" \ key"#), .key("x")]),
        ("$truncated", [.key("$truncated")]),
        ("a[12][3]", [.key("a"), .index(12), .index(3)]),
        ("clé.ünï", [.key("clé"), .key("ünï")]),
    ])
    func parses(text: String, steps: [FieldPath.Step]) throws {
        let path = try FieldPath(parsing: text)
        #expect(path.steps == steps)
        #expect(path.text == text)
    }

    @Test(arguments: [
        ("", 0, "empty"),
        ("a..b", 2, "expected a key"),
        ("a.", 2, "expected a key, found the end"),
        (".a", 0, "expected a key"),
        ("[0]", 0, "starts with a key"),
        ("a[", 1, "not closed"),
        ("a[]", 2, "expected an index"),
        ("a[1x]", 3, "expected `]`"),
        ("a[1000000]", 2, "at most 999999"),
        (#"a["x"#, 1, "not closed"),
        (#"a["x\n"]"#, 4, "escapes"),
        (#"a[""]"#, 1, "empty"),
        ("a b", 1, "expected `.key`"),
        ("a]", 1, "expected `.key`"),
        ("a\u{1}", 1, "expected `.key`"),
    ])
    func refuses(text: String, offset: Int, message: String) {
        #expect {
            try FieldPath(parsing: text)
        } throws: { error in
            guard let error = error as? FieldPathError else { return false }
            return error.offset == offset && error.message.contains(message)
        }
    }
}
