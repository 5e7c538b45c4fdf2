/// "Did you mean …?" suffixes for unknown references (assets, pools, models), using the input
/// layer's edit-distance match.
public enum Suggestion {
    /// `"; did you mean 'x'?"` for the closest candidate, else `""`.
    public static func didYouMean(_ word: String, in candidates: some Collection<String>) -> String {
        guard let best = KeySuggestion.closest(to: word, among: Set(candidates)) else { return "" }
        return "; did you mean '\(best)'?"
    }
}
