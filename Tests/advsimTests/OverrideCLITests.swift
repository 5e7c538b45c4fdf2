import Foundation
import Testing

/// Overrides through the binary: a misspelt entry name and a key path split at the dots of a
/// swept key exit 2 with a message that says what happened, and write nothing.
@Suite("Command line: overrides")
struct OverrideCLITests {
    /// A folder that does not exist, for `--out`.
    static func missingFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("override-\(UUID().uuidString)").path
    }

    @Test("run and optimize name the pools there are for a misspelt one, exit 2 and write nothing")
    func misspeltPool() throws {
        let cli = CLITests(), out = Self.missingFolder()
        let run = try cli.advsim(["run", "amm-arbitrage", "--set", "pools.nopool.fee=0.01", "--out", out])
        #expect(run.status == 2)
        #expect(run.stderr == "advsim: <command line>:1:1: --set pools.nopool.fee: no 'nopool' in pools (pools has: eth_usdc); "
                + "a --set that creates an entry must give its required keys ('token0' is missing)\n")
        let search = try cli.advsim(["optimize", "amm-arbitrage", "-n", "1", "--search", "agents.arbitrageurs.count=range:1:3",
                                     "--search", "pools.eth_usd.fee=range:0.001:0.01", "--out", out])
        #expect(search.status == 2)
        #expect(search.stderr == "advsim: <command line>:1:2: --search pools.eth_usd.fee: no 'eth_usd' in pools (did you mean 'eth_usdc'?), "
                + "and the entry this would create lacks required key 'token0'\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("validate accepts a pool created by three --sets")
    func createdPool() throws {
        let outcome = try CLITests().advsim(["validate", "amm-arbitrage", "--set", "pools.new.token0=ETH", "--set", "pools.new.token1=USDC",
                                             "--set", "pools.new.reserve0=10"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("\n  new: {token0: ETH, token1: USDC, reserve0: 10, reserve1: 30000, fee: 0.003}\n"))
    }

    @Test("A quoted key path removes or sets a swept key; split, or with a quote left open, it exits 2 saying how to write it")
    func quotedSweptKey() throws {
        let cli = CLITests()
        let path = try cli.temporaryFile(SweepErrorCLITests.scenario(design: "grid", entry: "pools.p.fee: [0.001, 0.01]")
                                         + "    agents.noise_traders.rate: [10, 30]\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let removed = try cli.advsim(["validate", path, "--set", "sweep.parameters.\"pools.p.fee\"=null"])
        #expect(removed.status == 0)
        #expect(removed.stdout.hasSuffix("sweep:\n  design: grid\n  parameters:\n    agents.noise_traders.rate: [\"10\", \"30\"]\n"))
        let set = try cli.advsim(["validate", path, "--set", "sweep.parameters.\"pools.p.fee\"=[0.002, 0.003]"])
        #expect(set.status == 0)
        #expect(set.stdout.contains("\n    pools.p.fee: [\"0.002\", \"0.003\"]\n"))
        let split = try cli.advsim(["validate", path, "--set", "sweep.parameters.pools.p.fee=null"])
        #expect(split.status == 2)
        #expect(split.stderr == "advsim: <command line>:1:1: cannot apply override 'sweep.parameters.pools.p.fee=null': sweep.parameters "
                + "is keyed by whole key paths, so the one meant must be quoted: sweep.parameters.\"pools.p.fee\"=null\n")
        let open = try cli.advsim(["validate", path, "--set", "duration=1h", "--set", "sweep.parameters.\"pools.p.fee=null"])
        #expect(open.status == 2)
        #expect(open.stderr == "advsim: <command line>:1:2: malformed override 'sweep.parameters.\"pools.p.fee=null': unterminated quote "
                + "in 'sweep.parameters.\"pools.p.fee': a key holding dots is written whole in double quotes, e.g. sweep.parameters.\"pools.p.fee\"\n")
    }
}
