import Testing
@testable import Scenarios

/// A shock after the run's last block is valid (a `--set duration=…` for a quick look leaves the
/// scenario's late shocks behind) but never happens: the scenario carries a located warning.
@Suite("Shocks after the run's end")
struct LateShockWarningTests {
    static let text = BadInputTests.valid + """

    shocks:
      - {at: 30m, asset: ETH, move: -0.2}
      - {at: 2h, asset: ETH, move: -0.2, over: 10m}
      - {at: 1h, asset: USDC, move: 0.01}
    """

    @Test("A shock after the last block warns at its `at`; one at the last block (1h of 12 s blocks) does not")
    func lateShockWarns() throws {
        let scenario = try Scenario.parse(text: Self.text, file: "s.yaml")
        #expect(scenario.warnings.map(\.description)
                    == ["s.yaml:10:10: warning: shocks[1].at: 7200s is after the run's last block at 3600s (duration 3600s): this shock never happens"])
    }

    @Test("A shorter --set duration warns once about all the shocks it leaves behind, at the first; the run's last block, not the duration, is the end")
    func shortenedDuration() throws {
        let shortened = try Scenario.parse(text: Self.text, file: "s.yaml", overrides: ["duration=1799s"])
        #expect(shortened.warnings.map(\.description)
                    == ["s.yaml:9:10: warning: shocks[0].at: 1800s is after the run's last block at 1788s (duration 1799s): this shock and 2 others never happen"])
        let two = try Scenario.parse(text: Self.text, file: "s.yaml", overrides: ["duration=50m"])
        #expect(two.warnings.map(\.message) == ["shocks[1].at: 7200s is after the run's last block at 3000s (duration 3000s): this shock and 1 other never happen"])
        #expect(try Scenario.parse(text: BadInputTests.valid, file: "s.yaml").warnings.isEmpty)
    }
}
