/// Collects the items of a list declared as a block: columns, lookups, views, visuals.
@resultBuilder
package enum ListBuilder<Element> {
    package static func buildExpression(_ element: Element) -> [Element] { [element] }
    package static func buildBlock(_ parts: [Element]...) -> [Element] { parts.flatMap { $0 } }
    package static func buildOptional(_ part: [Element]?) -> [Element] { part ?? [] }
    package static func buildEither(first part: [Element]) -> [Element] { part }
    package static func buildEither(second part: [Element]) -> [Element] { part }
    package static func buildArray(_ parts: [[Element]]) -> [Element] { parts.flatMap { $0 } }
}

/// The origin of a value declared at a Swift call site, so validation errors point at that line.
func here(_ file: String, _ line: Int) -> Origin { .code(file: file, line: line) }
