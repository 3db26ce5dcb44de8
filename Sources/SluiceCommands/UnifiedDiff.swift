/// A unified diff of two texts, line by line, with three lines of context, like `diff -u`.
package enum UnifiedDiff {
    package static func render(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        let difference = b.difference(from: a)
        // Mark which old lines are removed and which new lines are inserted, then walk both in step.
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        enum Line {
            case same(Int, Int)
            case minus(Int)
            case plus(Int)
        }
        var script: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                script.append(.minus(i))
                i += 1
            } else if j < b.count, inserted.contains(j) {
                script.append(.plus(j))
                j += 1
            } else {
                script.append(.same(i, j))
                i += 1
                j += 1
            }
        }
        let changed = script.indices.filter { if case .same = script[$0] { false } else { true } }
        guard !changed.isEmpty else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < changed.count {
            let start = max(0, changed[index] - context)
            var end = changed[index]
            while index + 1 < changed.count, changed[index + 1] - end <= 2 * context + 1 {
                index += 1
                end = changed[index]
            }
            end = min(script.count - 1, end + context)
            let hunk = script[start...end]
            // Lines of each side that come before the hunk.
            let before = script[..<start]
            let oldStart = before.filter { if case .plus = $0 { false } else { true } }.count
            let newStart = before.filter { if case .minus = $0 { false } else { true } }.count
            let oldCount = hunk.filter { if case .plus = $0 { false } else { true } }.count
            let newCount = hunk.filter { if case .minus = $0 { false } else { true } }.count
            out +=
                "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for line in hunk {
                switch line {
                case .same(let x, _): out += " \(a[x])\n"
                case .minus(let x): out += "-\(a[x])\n"
                case .plus(let y): out += "+\(b[y])\n"
                }
            }
            index += 1
        }
        return out
    }

    private static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }
}
