/// Finds the known word nearest to a misspelt one, for "did you mean" hints.
public enum Suggestion {
    /// Longest word compared: the edit distance costs the product of both lengths, and a manifest's names are
    /// short, so a longer word is no typo worth a hint (and two 70,000-character names would take minutes).
    static let longestWord = 128

    /// The candidate with the smallest edit distance, if it is close enough to be a likely typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        guard word.unicodeScalars.count <= longestWord else { return nil }
        var best: (String, Int)?
        for candidate in candidates.sorted() where candidate.unicodeScalars.count <= longestWord {
            let limit = max(2, max(word.count, candidate.count) / 3)
            let a = word.lowercased()
            let b = candidate.lowercased()
            // A key missing its unit suffix (`retention` for `retention_days`) is as likely as a typo.
            let isPrefix = min(a.count, b.count) >= 4 && (a.hasPrefix(b) || b.hasPrefix(a))
            let distance = isPrefix ? 1 : editDistance(a, b)
            if distance <= limit, distance < (best?.1 ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// " (did you mean 'x'?)" or nothing.
    static func hint(for word: String, in candidates: [String]) -> String {
        nearest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
