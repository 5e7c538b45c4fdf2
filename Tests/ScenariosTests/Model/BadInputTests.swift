import Foundation
import Testing
@testable import Scenarios

/// The bad-input catalogue: every case must be an ``InputError`` located at the right line and
/// column with a message a researcher can act on — never a crash.
@Suite("Bad scenario input")
struct BadInputTests {
    static let valid = """
    duration: 1h
    chain: {native_asset: ETH}
    assets:
      ETH: {price: 3000}
      USDC: {decimals: 6, price: 1}
    pools:
      p: {token0: ETH, token1: USDC, reserve0: 10}
    """

    func inputError(_ text: String, overrides: [String] = []) -> InputError? {
        do {
            _ = try Scenario.parse(text: text, file: "s.yaml", overrides: overrides)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("not an InputError: \(error)")
            return nil
        }
    }

    @Test("The valid base case parses")
    func baseIsValid() throws {
        let scenario = try Scenario.parse(text: Self.valid, file: "s.yaml")
        #expect(scenario.pools.first?.reserve1 == "30000")
        #expect(scenario.blockCount == 300)
    }

    static let catalogue: [(String, String, String)] = [
        // (scenario text, expected prefix "file:line:column", a phrase the message must contain)
        ("", "s.yaml:1:1", "empty"),
        (valid.replacingOccurrences(of: "duration: 1h", with: "duraton: 1h"), "s.yaml:1:1", "did you mean 'duration'?"),
        (valid.replacingOccurrences(of: "duration: 1h", with: "duration: -1h"), "s.yaml:1:11", "duration"),
        (valid.replacingOccurrences(of: "duration: 1h", with: "duration: .nan"), "s.yaml:1:11", "duration"),
        (valid.replacingOccurrences(of: "price: 3000", with: "price: 1e400"), "s.yaml:4:", "finite"),
        (valid.replacingOccurrences(of: "price: 3000", with: "price: abc"), "s.yaml:4:", "number"),
        (valid.replacingOccurrences(of: "reserve0: 10", with: "reserve0: 10, fee: 1.5"), "s.yaml:7:", "fee"),
        // Rounded to millionths it would be 100 % (a trap when the pool was built).
        (valid.replacingOccurrences(of: "reserve0: 10", with: "reserve0: 10, fee: 0.999999999"), "s.yaml:7:", "below 100 % in millionths"),
        (valid + "\nflash_loans: {aave: {ETH: {liquidity: 10, fee: 0.99999995}}}", "s.yaml:8:", "below 100 % in millionths"),
        (valid.replacingOccurrences(of: "token1: USDC", with: "token1: USDT"), "s.yaml:7:", "unknown asset 'USDT'"),
        (valid.replacingOccurrences(of: "native_asset: ETH", with: "native_asset: BTC"), "s.yaml:2:", "unknown asset 'BTC'"),
        (valid.replacingOccurrences(of: "chain: {native_asset: ETH}\n", with: ""), "s.yaml:1:1", "missing required key 'chain'"),
        (valid + "\nduration: 2h", "s.yaml:8:", "duplicate"),
        (valid.replacingOccurrences(of: "  ETH: {price: 3000}", with: "\tETH: {price: 3000}"), "s.yaml:4:", "tab"),
        (valid.replacingOccurrences(of: "reserve0: 10", with: "reserve0: 1e40"), "s.yaml:7:", "2^112"),
        (valid + "\nagents: {arbitrageurs: {count: 1, capital: {ETH: -5}}}", "s.yaml:8:", "negative"),
        (valid + "\nagents: {noise_traders: {count: 1, rate: 1, size: 100, capital: {ETH: 1}, pools: [q]}}", "s.yaml:8:", "unknown pool 'q'"),
        (valid + "\nshocks: [{at: 10m, asset: ETH, move: -1.5}]", "s.yaml:8:", "move"),
        (valid.replacingOccurrences(of: "duration: 1h", with: "duration: 5s"), "s.yaml:1:", "block"),
        // Every block's prices are drawn when the world is built: a century of blocks would not fit.
        (valid.replacingOccurrences(of: "duration: 1h", with: "duration: 99999999999999d"), "s.yaml:1:11", "more than 10000000 blocks"),
        (valid.replacingOccurrences(of: "duration: 1h", with: "duration: 1389d"), "s.yaml:1:11", "more than 10000000 blocks"),
        (valid + "\nagents: {liquidity_providers: {count: 1, pool: p, capital: {ETH: 1}, volatility_window: 99999999999999d}}",
         "s.yaml:8:", "volatility_window: at most 10000000s"),
        // A window shorter than two blocks is located at the window (column of `12s`), a default
        // window too short for the chain's blocks at the providers' mapping (its `{`).
        (valid + "\nagents: {liquidity_providers: {count: 1, pool: p, capital: {ETH: 1}, volatility_window: 12s}}",
         "s.yaml:8:89", "volatility_window: 12s must span at least two blocks (chain.block_time is 12s)"),
        (valid.replacingOccurrences(of: "chain: {native_asset: ETH}", with: "chain: {native_asset: ETH, block_time: 1h}")
            .replacingOccurrences(of: "duration: 1h", with: "duration: 1d")
            + "\nagents: {liquidity_providers: {count: 1, pool: p, capital: {ETH: 1}}}",
         "s.yaml:8:31", "volatility_window: the default 3600s must span at least two blocks (chain.block_time is 3600s)"),
        (valid + "\nseed: 18446744073709551616", "s.yaml:8:7", "expected an integer in [0, 18446744073709551615]"),
        (valid + "\nseed: -1", "s.yaml:8:7", "expected an integer in [0, 18446744073709551615]"),
    ]

    @Test("A scenario seed takes every value --seed does, up to 2^64 − 1")
    func largestSeed() throws {
        #expect(try Scenario.parse(text: Self.valid + "\nseed: 18446744073709551615", file: "s.yaml").seed == UInt64.max)
        #expect(try Scenario.parse(text: Self.valid + "\nseed: 0x10", file: "s.yaml").seed == 16)
    }

    @Test("Each bad input gives a located message", arguments: catalogue)
    func catalogueCase(text: String, location: String, phrase: String) throws {
        let found = try #require(inputError(text), "expected an error for:\n\(text)")
        let message = found.description
        #expect(message.hasPrefix(location + (location.contains(":") ? "" : ":")), "\(message)")
        #expect(message.contains(phrase), "\(message)")
    }

    @Test("A fee of 0.999999, the highest in millionths, is accepted for pools and flash loans")
    func highestFee() throws {
        let text = Self.valid.replacingOccurrences(of: "reserve0: 10", with: "reserve0: 10, fee: 0.999999")
            + "\nflash_loans: {aave: {ETH: {liquidity: 10, fee: 0.999999}}}"
        let scenario = try Scenario.parse(text: text, file: "s.yaml")
        #expect(scenario.pools.first?.fee == 0.999999)
    }

    @Test("The longest run is exactly 10,000,000 blocks")
    func longestRun() throws {
        let scenario = try Scenario.parse(text: Self.valid.replacingOccurrences(of: "duration: 1h", with: "duration: 120000000s"), file: "s.yaml")
        #expect(scenario.blockCount == Scenario.maximumBlocks)
    }

    @Test("A bad --set override is reported at the command line")
    func badOverride() throws {
        let fee = try #require(inputError(Self.valid, overrides: ["pools.p.fee=2"]))
        #expect(fee.description.contains("fee"), "\(fee.description)")
        let malformed = try #require(inputError(Self.valid, overrides: ["no-equals-sign"]))
        #expect(malformed.description.hasPrefix("<command line>"), "\(malformed.description)")
    }
}
