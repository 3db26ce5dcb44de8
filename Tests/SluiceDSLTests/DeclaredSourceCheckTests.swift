import Foundation
import SluiceDSL
import Testing

@testable import SluiceCommands

@Suite("Declared sources checked against the log format")
struct DeclaredSourceCheckTests {
    func pipeline(@ListBuilder<Column> _ columns: () -> [Column]) -> Pipeline {
        Pipeline(
            "checked",
            source: .cloudWatch(account: "production", logGroup: "/haproxy/x"),
            processor: .lambda("checked-parser", output: .table("rows", columns: columns)),
            catalog: .glue(database: "x", crawler: "daily"))
    }

    @Test("a from: the format has no value for, or whose values the column cannot hold, is an error at the column")
    func refused() throws {
        let line = #line + 2
        let checked = pipeline {
            Column("a", .string, from: "pth")
            Column("b", .int, from: "request_headers[0]")
            Column("c", .boolean, from: "path")
            Column("d", .string, template: "{d}.*")
            Column("e", .string, from: "request_headers[1]", template: "{e}.*")
            Column("status", .int)
        }
        let errors = DeclaredSourceCheck.check([checked]).errors
        let messages = errors.map(\.message)
        #expect(errors.count == 4, "\(messages)")
        #expect(errors.allSatisfy { $0.location.file.hasSuffix("DeclaredSourceCheckTests.swift") })
        #expect(errors.first?.location.line == line)
        #expect(messages.contains { $0.hasPrefix("column 'a': haproxy-http records have no field \"pth\"") })
        #expect(messages.contains { $0.contains("(did you mean 'path'?)") })
        #expect(messages.contains { $0.hasPrefix("column 'b': captured headers are text") })
        #expect(messages.contains { $0.hasPrefix("column 'c': the haproxy-http field path gives string values") })
        #expect(messages.contains { $0.hasPrefix("column 'd': haproxy-http records have no field \"d\"") })
    }

    @Test("the example's declarations are served by its format")
    func example() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let workspace = ProjectFiles(root: root).load()
        #expect(workspace.diagnostics.all.isEmpty, "\(workspace.diagnostics.all)")
    }
}
