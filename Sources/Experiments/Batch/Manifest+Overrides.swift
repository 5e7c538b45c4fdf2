/// The `--set` overrides of a batch, as manifest.json records them: in its `command`, and in its
/// `plan_sha256`, which hashes their texts after the sweep points'. `--resume` and `merge` use
/// them to tell a changed sweep from changed `--set`s, and `--set`s spelt otherwise (in another
/// order, `2h` for `7200s`) from ones that change the scenario as run.
extension Manifest {
    /// The `--set` values of the recorded command line, in order (`--set VALUE` and
    /// `--set=VALUE`; none after a `--` that ends the options).
    ///
    /// - Complexity: O(words of the command line).
    public var setOverrides: [String] {
        var values: [String] = []
        var words = command.dropFirst().makeIterator()
        while let word = words.next(), word != "--" {
            if word == "--set" {
                if let value = words.next() { values.append(value) }
            } else if word.hasPrefix("--set=") {
                values.append(String(word.dropFirst("--set=".count)))
            }
        }
        return values
    }

    /// `--set` overrides as messages quote them: `--set a=1 --set b=2`, or `none`.
    static func describe(overrides: [String]) -> String {
        overrides.isEmpty ? "none" : overrides.map { "--set " + $0 }.joined(separator: " ")
    }

    /// Whether this batch's `--set`s and `other`'s have the same effect: the same texts, or texts
    /// that differ (order, spelling) where both record the same scenario as run
    /// (`resolved_sha256`; a folder of an older advsim, without it, only with the same texts).
    func setsAlike(_ other: Manifest) -> Bool {
        if setOverrides == other.setOverrides { return true }
        guard let resolved = scenario.resolvedSHA256 else { return false }
        return resolved == other.scenario.resolvedSHA256
    }

    /// Whether this batch and `other` sweep the same points: the same `plan_sha256`, or each
    /// that of `plan`'s points with its own recorded `--set`s (the hash covers their texts too).
    ///
    /// - Complexity: O(points × axes), to hash the points twice, only when the hashes differ;
    ///   `plan` is called only then.
    func sameSweep(as other: Manifest, plan: () throws -> SweepPlan) rethrows -> Bool {
        if planSHA256 == other.planSHA256 { return true }
        let laidOut = try plan()
        return planSHA256 == BatchSpec.planSHA256(plan: laidOut, overrides: setOverrides)
            && other.planSHA256 == BatchSpec.planSHA256(plan: laidOut, overrides: other.setOverrides)
    }
}
