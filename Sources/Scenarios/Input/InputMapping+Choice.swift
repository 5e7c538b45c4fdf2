extension InputMapping {
    /// The string under `key`, which must be one of `choices` (`value` when absent); otherwise a
    /// located error listing the choices, with a did-you-mean.
    func choice(_ key: String, from choices: [String], default value: String) throws -> String {
        guard let node = optional(key) else { return value }
        let text = try node.string()
        guard choices.contains(text) else {
            throw InputError("\(node.path): expected \(choices.joined(separator: " or ")), got '\(text)'\(Suggestion.didYouMean(text, in: choices))",
                             at: node.location)
        }
        return text
    }
}
