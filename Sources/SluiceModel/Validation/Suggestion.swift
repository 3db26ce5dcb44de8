/// Finds the known word nearest to a misspelt one, for "did you mean" hints.
package enum Suggestion {
    /// Longest word compared: the edit distance costs the product of both lengths, and a manifest's names are
    /// short, so a longer word is no typo worth a hint (and two 70,000-character names would take minutes).
    static let longestWord = 128

    /// The candidate with the smallest edit distance, if it is close enough to be a likely typo.
    ///
    /// Each comparison stops as soon as the distance must pass the limit (or the best so far), so a file of thousands
    /// of unknown keys costs a few microseconds a key, not a full edit-distance table per candidate.
    package static func nearest(to word: String, in candidates: [String]) -> String? {
        let a = Array(word.lowercased().unicodeScalars)
        guard word.unicodeScalars.count <= longestWord else { return nil }
        var best: (String, Int)?
        for candidate in candidates.sorted() where candidate.unicodeScalars.count <= longestWord {
            let b = Array(candidate.lowercased().unicodeScalars)
            let limit = min(max(2, max(word.count, candidate.count) / 3), (best?.1 ?? Int.max) - 1)
            // A key missing its unit suffix (`retention` for `retention_days`) is as likely as a typo.
            let isPrefix = min(a.count, b.count) >= 4 && (a.starts(with: b) || b.starts(with: a))
            guard let distance = isPrefix ? 1 : boundedDistance(a, b, limit: limit), distance <= limit else {
                continue
            }
            best = (candidate, distance)
        }
        return best?.0
    }

    /// Levenshtein distance over Unicode scalars.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        return boundedDistance(a, b, limit: max(a.count, b.count)) ?? max(a.count, b.count)
    }

    /// The edit distance of `a` and `b` when it is at most `limit`, else nil (known early: from the length difference,
    /// or when a whole row of the table passes the limit).
    static func boundedDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                let value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                current[j] = value
                rowMinimum = Swift.min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// " (did you mean 'x'?)" or nothing.
    package static func hint(for word: String, in candidates: [String]) -> String {
        nearest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
