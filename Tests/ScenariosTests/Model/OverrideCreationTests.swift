import Testing
@testable import Scenarios

/// An override that adds an entry to a mapping of named entries: a pool made by `--set`s works,
/// and a misspelt name is reported as one — the entries there are, not only the key the new
/// entry lacks.
@Suite("Overrides that create an entry")
struct OverrideCreationTests {
    /// BadInputTests.valid with its pool named `eth_usdc`.
    static let text = BadInputTests.valid.replacingOccurrences(of: "  p: {token0", with: "  eth_usdc: {token0")

    func errorText(_ overrides: [String]) -> String? {
        inputErrorText { _ = try Scenario.parse(text: Self.text, file: "s.yaml", overrides: overrides) }
    }

    @Test("A misspelt pool names the pools there are, with a did-you-mean for a close one", arguments: [
        (["pools.nopool.fee=0.01"],
         "<command line>:1:1: --set pools.nopool.fee: no 'nopool' in pools (pools has: eth_usdc); "
            + "a --set that creates an entry must give its required keys ('token0' is missing)"),
        (["duration=2h", "pools.eth_usd.fee=0.01"],
         "<command line>:1:2: --set pools.eth_usd.fee: no 'eth_usd' in pools (did you mean 'eth_usdc'?); "
            + "a --set that creates an entry must give its required keys ('token0' is missing)"),
        // A mapping value is an entry too; the error is the first --set's, which created it.
        (["pools.new={token0: ETH, token1: USDC}"],
         "<command line>:1:1: --set pools.new: no 'new' in pools (pools has: eth_usdc); "
            + "a --set that creates an entry must give its required keys ('reserve0' is missing)"),
        (["pools.new.token0=ETH", "pools.new.token1=USDC"],
         "<command line>:1:1: --set pools.new.token0: no 'new' in pools (pools has: eth_usdc); "
            + "a --set that creates an entry must give its required keys ('reserve0' is missing)"),
        // A section the file does not have, created at the top level.
        (["sweep.design=grid"],
         "<command line>:1:1: --set sweep.design: the scenario has no 'sweep'; "
            + "a --set that creates an entry must give its required keys ('parameters' is missing)"),
    ])
    func misspelt(overrides: [String], expected: String) {
        #expect(errorText(overrides) == expected)
    }

    @Test("Any other error inside a created entry says the entry is new; a new key of an existing entry is named by the error alone")
    func otherErrorInCreatedEntry() {
        #expect(errorText(["pools.nopool.fe=0.01"])
                == "<command line>:1:1: unknown key 'fe'; did you mean 'fee'? (in pools.nopool, which this override creates: "
                   + "no 'nopool' in pools (pools has: eth_usdc))")
        #expect(errorText(["duration=2h", "pools.eth_usd.fe=0.01"])
                == "<command line>:1:2: unknown key 'fe'; did you mean 'fee'? (in pools.eth_usd, which this override creates: "
                   + "no 'eth_usd' in pools (did you mean 'eth_usdc'?))")
        #expect(errorText(["pools.eth_usdc.fe=0.01"]) == "<command line>:1:1: unknown key 'fe'; did you mean 'fee'?")
    }

    @Test("A key removed from an entry the file has is still reported as missing, at the entry")
    func removedKey() {
        #expect(errorText(["pools.eth_usdc.token0=null"]) == "s.yaml:7:13: missing required key 'token0' in pools.eth_usdc")
    }

    @Test("Several --sets, or one mapping, that give every required key create a pool")
    func created() throws {
        let bySets = try Scenario.parse(text: Self.text, file: "s.yaml",
                                        overrides: ["pools.new.token0=USDC", "pools.new.token1=ETH", "pools.new.reserve0=30000"])
        #expect(bySets.pools.map(\.id) == ["eth_usdc", "new"])
        #expect(bySets.pools[1].token0 == "USDC" && bySets.pools[1].reserve0 == "30000" && bySets.pools[1].reserve1 == "10")
        let byMapping = try Scenario.parse(text: Self.text, file: "s.yaml",
                                           overrides: ["pools.new={token0: USDC, token1: ETH, reserve0: 30000}"])
        let fields = { (pool: PoolSpec) in [pool.id, pool.token0, pool.token1, pool.reserve0, pool.reserve1, "\(pool.fee)"] }
        #expect(byMapping.pools.map(fields) == bySets.pools.map(fields))
    }

    @Test("A searched or swept key in a misspelt pool says so after the flag's label, at the flag")
    func flag() throws {
        let root = try ScenarioSource.parse(text: Self.text, file: "s.yaml")
        let overrides = [ScenarioOverride("duration=2h", origin: .set),
                         ScenarioOverride("pools.nopool.fee=0.005", origin: .flag(label: "--search pools.nopool.fee", position: 3))]
        #expect(inputErrorText { _ = try Scenario.decode(root, path: "s.yaml", overrides: overrides) }
                == "<command line>:1:3: --search pools.nopool.fee: no 'nopool' in pools (pools has: eth_usdc), "
                   + "and the entry this would create lacks required key 'token0'")
    }
}
