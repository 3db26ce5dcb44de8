import Testing

@testable import SluiceCloud

@Suite("Terraform escaping: literal text stays text, Sluice's expressions stay live")
struct TerraformTemplateTests {
    @Test(
        "the escaper doubles the marker of every interpolation and directive, and nothing else",
        arguments: [
            ("plain text", "plain text"),
            (#"${file("secret.txt")}"#, #"$${file("secret.txt")}"#),
            ("%{ if true }yes%{ endif }", "%%{ if true }yes%%{ endif }"),
            ("$${already}", "$$${already}"),
            ("%%{already}", "%%%{already}"),
            ("$ {x} % {y} $x %x {}", "$ {x} % {y} $x %x {}"),
            ("a${b}${c}", "a$${b}$${c}"),
            ("${\u{301}", "$${\u{301}"),
            ("", ""),
        ])
    func escaper(input: String, escaped: String) {
        #expect(TerraformTemplate.escape(input) == escaped)
    }

    @Test("a template escapes its literal parts and writes its expressions as they are")
    func template() {
        let bucket = Address("aws_s3_bucket", "raw").ref("arn")
        let prefix = "${var.x}/%{ if true }"
        let template: TerraformTemplate = "\(bucket)/\(prefix)*"
        #expect(template.rendered == "${aws_s3_bucket.raw.arn}/$${var.x}/%%{ if true }*")
        #expect(template.expressions == [bucket])
        #expect(template.description == "${aws_s3_bucket.raw.arn}/${var.x}/%{ if true }*")
    }

    @Test("a literal '$' just before an expression cannot turn the expression into text")
    func dollarBeforeExpression() {
        let template: TerraformTemplate = "cost: $\(TerraformExpression.variable("price"))"
        #expect(template.rendered == #"cost: ${"$"}${var.price}"#)
    }

    @Test("literal '$'s just before an expression stay that many '$'s (terraform reads a$${\"$\"} as a${\"$\"})")
    func dollarsBeforeExpression() {
        let price = TerraformExpression.variable("price")
        #expect(("a$$\(price)" as TerraformTemplate).rendered == #"a${"$$"}${var.price}"#)
        #expect(("\("$$$")\(price)" as TerraformTemplate).rendered == #"${"$$$"}${var.price}"#)
        #expect(("${x}$\(price)" as TerraformTemplate).rendered == #"$${x}${"$"}${var.price}"#)
    }

    @Test("a Terraform file escapes literal strings and keys, and renders templates")
    func terraformRendering() {
        let value: TerraformValue = [
            "tags": ["${key}": "%{ if true }yes%{ endif }"],
            "arn": .expression(Address("aws_sqs_queue", "q").ref("arn")),
        ]
        let text = value.terraform()
        #expect(text.contains(#""$${key}": "%%{ if true }yes%%{ endif }""#))
        #expect(text.contains(#""arn": "${aws_sqs_queue.q.arn}""#))
        // Other JSON (QuickSight inputs, embedded documents) is written as given.
        #expect(value.pretty().contains(#""${key}": "%{ if true }yes%{ endif }""#))
    }
}
