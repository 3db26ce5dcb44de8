import Testing

@testable import SluiceCloud

/// TerraformValue's three renderings, now written by SluiceJSON's writer and escaper: the expected bytes are what
/// the former renderer (its own writer and escaper, before issue 12) wrote for this value.
@Suite("TerraformValue renders as it did before SluiceJSON")
struct TerraformValueRenderingTests {
    static let value: TerraformValue = .object([
        "z${key}": .string("literal ${x} %{ if } \"q\" \\ \n\t\r\u{1}\u{1F} é 😀"),
        "arn": .template("arn:aws:s3:::\(TerraformExpression("aws_s3_bucket.raw.id"))/*"),
        "count": .int(-3), "ratio": .number("1.0"), "on": .bool(true), "off": .bool(false), "none": .null,
        "list": .array([.string("a"), .array([]), .object([:]), .object(["B": .int(1), "a": .int(2), "é": .int(3)])]),
        "": .string(""),
    ])

    static func pretty(key: String, literal: String) -> String {
        """
        {
          "": "",
          "arn": "arn:aws:s3:::${aws_s3_bucket.raw.id}/*",
          "count": -3,
          "list": [
            "a",
            [],
            {},
            {
              "B": 1,
              "a": 2,
              "é": 3
            }
          ],
          "none": null,
          "off": false,
          "on": true,
          "ratio": 1.0,
          "\(key)": "\(literal) \\"q\\" \\\\ \\n\\t\\r\\u0001\\u001f é 😀"
        }

        """
    }

    @Test("pretty: keys sorted, two spaces, literals as written, templates as their text")
    func pretty() {
        #expect(Self.value.pretty() == Self.pretty(key: "z${key}", literal: "literal ${x} %{ if }"))
    }

    @Test("terraform: as pretty, with every literal (keys too) escaped for Terraform's templates")
    func terraform() {
        #expect(Self.value.terraform() == Self.pretty(key: "z$${key}", literal: "literal $${x} %%{ if }"))
    }

    @Test("compact: no spaces, keys sorted")
    func compact() {
        #expect(
            Self.value.compact()
                == #"{"":"","arn":"arn:aws:s3:::${aws_s3_bucket.raw.id}/*","count":-3,"list":["a",[],{},{"B":1,"a":2,"#
                + #""é":3}],"none":null,"off":false,"on":true,"ratio":1.0,"z${key}":"literal ${x} %{ if } \"q\" \\ "#
                + #"\n\t\r\u0001\u001f é 😀"}"#)
    }
}
