import Foundation
import GSL
import Testing
@testable import Scenarios

@Suite("Hostile input never crashes and always gives a located InputError")
struct RobustnessTests {
    @Test("Billion laughs is rejected in well under a second")
    func billionLaughs() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<30 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let clock = ContinuousClock()
        var message: String?
        let elapsed = clock.measure { message = parseError(text) }
        #expect(message == "s.yaml:4:5: alias expansion adds more than 10000 nodes")
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test("A few aliases are expanded and read like the anchored value")
    func smallAliases() throws {
        let root = try ScenarioSource.parse(text: "base: &b {fee: 0.003}\nother: *b\n", file: "s.yaml")
        let other = try root.mapping(allowedKeys: ["base", "other"]).required("other")
        #expect(try other.mapping(allowedKeys: ["fee"]).required("fee").double() == 0.003)
        #expect(other.path == "other")
    }

    @Test("Aliases nested more than 20 deep are rejected")
    func aliasDepth() {
        var text = "a0: &a0 1\n"
        for level in 1...22 { text += "a\(level): &a\(level) [*a\(level - 1)]\n" }
        #expect(parseError(text) == "s.yaml:22:6: aliases nested more than 20 deep")
    }

    @Test("Deep nesting is capped at 64 levels, in block and flow style, without a stack overflow")
    func deepNesting() {
        var block = "a:\n"
        for level in 1..<70 { block += String(repeating: " ", count: level) + "b:\n" }
        #expect(parseError(block) == "s.yaml:64:64: nesting deeper than 64 levels")
        #expect(parseError("a: " + String(repeating: "[", count: 100_000)) == "s.yaml:1:203: nesting deeper than 64 levels")
        #expect(parseError("a: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70))
                == "s.yaml:1:67: nesting deeper than 64 levels")
        var ok = "a: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "\n"
        ok += "t: |\n" + (0..<300).map { String(repeating: " ", count: 2 + $0) + "[" }.joined(separator: "\n") + "\n"
        #expect(parseError(ok) == nil)
        let deep = String(repeating: "[", count: 100_000)
        #expect(parseError("a > b:\n  c: \(deep)") == "s.yaml:2:204: nesting deeper than 64 levels")
        #expect(parseError("a: x 'y\nb: \(deep)\nc: '\n") == "s.yaml:2:203: nesting deeper than 64 levels")
        #expect(parseError("a: x [y\nb:\n" + String(repeating: "- ", count: 100_000)) == "s.yaml:3:399: nesting deeper than 64 levels")
        #expect(parseError("note: is it ? maybe | or > that 'one\n") == nil)
    }

    @Test("Unicode text is fine and garbage bytes are located")
    func unicodeAndGarbage() throws {
        let root = try ScenarioSource.parse(text: "name: \"Zürich 🚀\"\nnote: 日本\n", file: "s.yaml")
        #expect(try root.mapping(allowedKeys: ["name", "note"]).required("note").string() == "日本")
        #expect(parseError("name: ok\nbad: \u{7}\u{1B}\n") == "s.yaml:2:6: invalid character in YAML: control characters are not allowed (U+0007)")
        #expect(parseError("a: \u{FFFE}\n") == "s.yaml:1:4: invalid character in YAML: control characters are not allowed (U+FFFE)")
    }

    @Test("2,000 mutants of a realistic scenario give only located InputErrors")
    func mutants() {
        for (index, mutant) in Mutator.mutants(of: SampleScenario.text, seed: 20_261_125, count: 2_000).enumerated() {
            do {
                try SampleScenario.readAll(try ScenarioSource.parse(text: mutant, file: "s.yaml", overrides: ["run.seed=7"]))
            } catch let error as InputError {
                let text = error.description
                let located = text.hasPrefix("s.yaml:") || text.hasPrefix("<command line>:")
                #expect(located && (error.location != nil || text.hasPrefix("s.yaml: ")), "mutant \(index): \(text)")
                if let location = error.location {
                    #expect(text.hasPrefix("\(location.file):\(location.line):\(location.column): "), "mutant \(index): \(text)")
                    #expect(location.line >= 1 && location.column >= 1, "mutant \(index): \(text)")
                }
            } catch {
                Issue.record("mutant \(index) threw a non-input error: \(error)\n\(mutant)")
            }
        }
    }
}

/// A realistic scenario and a reader that touches every key with the typed readers.
enum SampleScenario {
    static let text = """
        # Defended twin of the sandwich scenario
        run:
          seed: 42
          horizon: 7d
          block_time: 12s
        assets:
          ETH: {decimals: 18, price: 3000}
          USDC:
            decimals: 6
            price: 1
        pools:
          eth_usdc:
            kind: constant-product
            fee: 0.003
            reserves: [1000, 3000000]
            oracle_delay: 30m
        agents:
          arbitrageurs:
            - capital: 1_000_000.5
              latency: 250ms
              enabled: true
          noise_traders:
            count: 50
            size: {dist: lognormal, mu: 0, sigma: 1.2}
            interval: {dist: exponential, mean: 30}
          attackers:
            - kind: sandwich
              min_profit: 1e-3
              gas: {dist: uniform, min: 10, max: 50}
        """

    /// Reads every key of the sample with the strict typed readers.
    static func readAll(_ root: InputNode) throws {
        let top = try root.mapping(allowedKeys: ["run", "assets", "pools", "agents"])
        let run = try top.required("run").mapping(allowedKeys: ["seed", "horizon", "block_time"])
        _ = try run.required("seed").int(in: 0...Int.max)
        _ = try run.required("horizon").positiveDuration()
        _ = try run.optional("block_time")?.duration()
        for (_, _, asset) in try top.required("assets").mappingEntries() {
            let map = try asset.mapping(allowedKeys: ["decimals", "price"])
            _ = try map.required("decimals").int(in: 0...36)
            _ = try map.required("price").decimalText()
        }
        for (_, _, pool) in try top.required("pools").mappingEntries() {
            let map = try pool.mapping(allowedKeys: ["kind", "fee", "reserves", "oracle_delay"])
            _ = try map.required("kind").string()
            _ = try map.required("fee").double(min: 0, exclusiveMax: 1)
            for reserve in try map.required("reserves").sequence() { _ = try reserve.positiveDouble() }
            _ = try map.optional("oracle_delay")?.duration()
        }
        let agents = try top.required("agents").mapping(allowedKeys: ["arbitrageurs", "noise_traders", "attackers"])
        for item in try agents.optional("arbitrageurs")?.sequence() ?? [] {
            let map = try item.mapping(allowedKeys: ["capital", "latency", "enabled"])
            _ = try map.required("capital").decimalText()
            _ = try map.required("latency").duration()
            _ = try map.optional("enabled")?.bool()
        }
        if let noise = try agents.optional("noise_traders")?.mapping(allowedKeys: ["count", "size", "interval"]) {
            _ = try noise.required("count").int(in: 0...100_000)
            _ = try noise.required("size").distribution()
            _ = try noise.required("interval").distribution()
        }
        for item in try agents.optional("attackers")?.sequence() ?? [] {
            let map = try item.mapping(allowedKeys: ["kind", "min_profit", "gas"])
            _ = try map.required("kind").string()
            _ = try map.required("min_profit").double(in: 0...1e9)
            _ = try map.required("gas").distribution()
        }
        _ = root.render()
    }
}
