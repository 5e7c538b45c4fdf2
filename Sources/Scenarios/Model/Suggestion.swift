/// "Did you mean …?" suggestions for misspelt keys and ids.
public enum Suggestion {
    /// `"; did you mean 'x'?"` for the closest candidate within edit distance 2 (or sharing a
    /// prefix of 3+ characters), else `""`.
    public static func didYouMean(_ word: String, in candidates: some Collection<String>) -> String {
        guard let best = closest(word, in: candidates) else { return "" }
        return "; did you mean '\(best)'?"
    }

    /// The candidate closest to `word` by Levenshtein distance, if close enough.
    public static func closest(_ word: String, in candidates: some Collection<String>) -> String? {
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let distance = levenshtein(word.lowercased(), candidate.lowercased())
            let prefixMatch = word.count >= 3 && candidate.lowercased().hasPrefix(word.lowercased())
            let score = prefixMatch ? min(distance, 1) : distance
            if score <= 2, score < (best?.1 ?? .max) { best = (candidate, score) }
        }
        return best?.0
    }

    /// Edit distance (insertions, deletions, substitutions) between two strings. O(|a|·|b|).
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
