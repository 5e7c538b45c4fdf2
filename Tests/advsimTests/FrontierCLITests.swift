import Foundation
import Testing

extension CLITests {
    static let frontierBase = ["frontier", "amm-arbitrage", "-n", "3", "--set", "duration=10m", "--objective", "lp_pnl",
                               "--search", "agents.noise_traders.rate=range:1:20", "--threads", "2", "--quiet"]

    @Test("frontier prints where the protocol becomes safe and writes frontier.csv, evaluations.csv and manifest.json")
    func frontierRuns() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try advsim(Self.frontierBase + ["--defence", "pools.eth_usdc.fee=0.001,0.003", "--bisect", "1", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("safe from pools.eth_usdc.fee ≤ 0.001 (not safe at 0.002)"), "\(outcome.stdout)")
        let table = try String(contentsOfFile: out + "/frontier.csv", encoding: .utf8).split(separator: "\n")
        #expect(table.count == 4)
        #expect(table.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
                == ["0.001,grid", "0.002,bisect", "0.003,grid"])
        #expect(table.first?.hasSuffix(",evaluations,param_agents_noise_traders_rate,max_p_profit") == true)
        let evaluations = try String(contentsOfFile: out + "/evaluations.csv", encoding: .utf8).split(separator: "\n")
        #expect(evaluations.first?.hasPrefix("param_pools_eth_usdc_fee,defence_stage,evaluation,stage,start,") == true)
        let counts = table.dropFirst().map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[9])! }
        #expect(evaluations.count == 1 + counts.reduce(0, +))
        #expect(FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }

    @Test("frontier exits 2 on a bad SPEC, an unknown defence key (located) and a scenario with nothing to search")
    func frontierBadInput() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("never-\(UUID().uuidString)").path
        let spec = try advsim(Self.frontierBase + ["--defence", "pools.eth_usdc.fee=range:0.001:0.01", "--out", out])
        #expect(spec.status == 2)
        #expect(spec.stderr.contains("<command line>:1:1: --defence pools.eth_usdc.fee: a frontier needs explicit values"), "\(spec.stderr)")
        let key = try advsim(Self.frontierBase + ["--defence", "pools.eth_usdc.fe=0.001,0.003", "--out", out])
        #expect(key.status == 2)
        #expect(key.stderr.contains("<command line>:1:1: --defence pools.eth_usdc.fe: unknown key 'fe'; did you mean 'fee'?"), "\(key.stderr)")
        let nothing = try advsim(["frontier", "amm-arbitrage", "--defence", "pools.eth_usdc.fee=0.001,0.003", "--out", out])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("nothing to search"), "\(nothing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "an output folder was created")
    }
}
