extension ScenarioOverride {
    /// The most names of a mapping's entries listed in a message.
    static let listedEntries = 10

    /// `error` told as the override's when it is a required key missing from an entry that an
    /// override created (or from something inside it): the entry is most likely a misspelt name
    /// (`--set pools.nopool.fee=0.01`), so the message names the mapping's entries, with a "did
    /// you mean" for a close one. Located at `<command line>:1:N` for the N-th override, as
    /// ``located(_:in:)`` expects; any other error is returned as it is.
    ///
    /// Creating an entry stays possible: several `--set`s, or one with a mapping value, that
    /// give all its required keys decode without an error.
    ///
    /// Any other error located at an override that created an entry (`--set pools.nopool.fe=1`:
    /// "unknown key 'fe'") gets the entry's absence appended: the misspelt name is the likelier
    /// mistake, and the message alone named neither.
    static func explained(_ error: InputError, by creations: [OverrideCreation], in overrides: [ScenarioOverride]) -> InputError {
        guard let missing = error.missingKey else { return withCreatedEntry(error, by: creations, in: overrides) }
        guard let creation = creations.first(where: { missing.mapping == $0.path || missing.mapping.hasPrefix($0.path + ".")
                                                      || missing.mapping.hasPrefix($0.path + "[") }),
              overrides.indices.contains(creation.index) else { return error }
        let override = overrides[creation.index]
        let absence = absence(of: creation)
        let location = SourceLocation(file: SourceLocation.commandLine, line: 1, column: creation.index + 1)
        switch override.origin {
        case .set:
            return InputError("--set \(override.keyPath): \(absence); a --set that creates an entry must give its required keys "
                              + "('\(missing.key)' is missing)", at: location)
        case .flag, .scenario:
            return InputError("\(override.keyPath): \(absence), and the entry this would create lacks required key '\(missing.key)'",
                              at: location)
        }
    }

    /// `error` with the absence of the entry its override created appended, when it is located at
    /// an override (before ``located(_:in:)``: the command line's line 1 or the value line,
    /// column N for the N-th override) that created one above the key it sets (a new key itself,
    /// `pools.p.fe`, is what the error already names).
    private static func withCreatedEntry(_ error: InputError, by creations: [OverrideCreation], in overrides: [ScenarioOverride]) -> InputError {
        guard let location = error.location, location.file == SourceLocation.commandLine,
              location.line == 1 || location.line == ScenarioSource.overrideValueLine,
              let creation = creations.first(where: { $0.index == location.column - 1 }),
              overrides.indices.contains(creation.index), creation.path != overrides[creation.index].keyPath else { return error }
        var explained = error
        explained.message += " (in \(creation.path), which this override creates: \(absence(of: creation)))"
        return explained
    }

    /// Why an entry the override created is new: "no 'x' in pools (did you mean 'y'?)", or
    /// "the scenario has no 'x'" at the top level.
    private static func absence(of creation: OverrideCreation) -> String {
        creation.parentPath.isEmpty ? "the scenario has no '\(creation.key)'"
            : "no '\(creation.key)' in \(creation.parentPath) (\(entriesHint(creation)))"
    }

    /// "did you mean 'x'?" for a close name among the mapping's entries, else the entries.
    private static func entriesHint(_ creation: OverrideCreation) -> String {
        if let close = KeySuggestion.closest(to: creation.key, among: Set(creation.siblings)) { return "did you mean '\(close)'?" }
        guard !creation.siblings.isEmpty else { return "it is empty" }
        let listed = creation.siblings.prefix(listedEntries).joined(separator: ", ")
        let more = creation.siblings.count > listedEntries ? ", … \(creation.siblings.count) in all" : ""
        return "\(creation.parentPath) has: \(listed)\(more)"
    }
}
