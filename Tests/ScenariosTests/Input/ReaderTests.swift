import Testing
@testable import Scenarios

@Suite("Typed readers return values or located messages naming the path")
struct ReaderTests {
    static let pool = "pools:\n  eth_usdc:\n    fee: VALUE\n"

    /// The `pools.eth_usdc.fee` node with `value` in place (line 3, column 10).
    func fee(_ value: String) throws -> InputNode {
        let root = try ScenarioSource.parse(text: Self.pool.replacingOccurrences(of: "VALUE", with: value), file: "s.yaml")
        return try root.mapping(allowedKeys: ["pools"]).required("pools")
            .mapping(allowedKeys: ["eth_usdc"]).required("eth_usdc")
            .mapping(allowedKeys: ["fee"]).required("fee")
    }

    @Test("Numbers follow the YAML 1.2 core schema", arguments: [
        ("3", 3.0), ("-7", -7), ("0x1F", 31), ("0o17", 15), ("1e-3", 0.001), (".5", 0.5), ("-2.5E2", -250),
        ("1_000_000", 1_000_000), ("+4", 4), ("99999999999999999999", 1e20),
    ])
    func numbers(text: String, value: Double) throws {
        #expect(try fee(text).double() == value)
    }

    @Test("Non-numbers and non-finite numbers are rejected with 'finite number'", arguments: [
        ("1e400", "s.yaml:3:10: pools.eth_usdc.fee: 1e400 is not a finite number"),
        (".nan", "s.yaml:3:10: pools.eth_usdc.fee: .nan is not a finite number"),
        ("-.inf", "s.yaml:3:10: pools.eth_usdc.fee: -.inf is not a finite number"),
        ("abc", "s.yaml:3:10: pools.eth_usdc.fee: expected a finite number, got 'abc'"),
        ("true", "s.yaml:3:10: pools.eth_usdc.fee: expected a finite number, got true"),
        ("'3'", "s.yaml:3:10: pools.eth_usdc.fee: expected a finite number, got '3'"),
        ("[1]", "s.yaml:3:10: pools.eth_usdc.fee: expected a finite number, got a list"),
        ("yes", "s.yaml:3:10: pools.eth_usdc.fee: expected a finite number, got 'yes'"),
    ])
    func notNumbers(text: String, expected: String) throws {
        let node = try fee(text)
        #expect(inputErrorText { _ = try node.double() } == expected)
    }

    @Test("Range readers state the range in the message")
    func ranges() throws {
        #expect(try fee("0.003").double(min: 0, exclusiveMax: 1) == 0.003)
        #expect(inputErrorText { _ = try fee("1.5").double(min: 0, exclusiveMax: 1) }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected a number in [0, 1), got 1.5")
        #expect(inputErrorText { _ = try fee("1").double(min: 0, exclusiveMax: 1) }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected a number in [0, 1), got 1")
        #expect(try fee("1").double(in: 0...1) == 1)
        #expect(inputErrorText { _ = try fee("-0.5").double(in: 0...1) }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected a number in [0, 1], got -0.5")
        #expect(try fee("2e-9").positiveDouble() == 2e-9)
        #expect(inputErrorText { _ = try fee("0").positiveDouble() }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected a positive number, got 0")
    }

    @Test("Integers: exact integers in range only")
    func integers() throws {
        #expect(try fee("12").int(in: 0...100) == 12)
        #expect(try fee("0x10").int(in: 0...100) == 16)
        #expect(inputErrorText { _ = try fee("3.0").int(in: 0...100) }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected an integer in [0, 100], got 3.0")
        #expect(inputErrorText { _ = try fee("101").int(in: 0...100) }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected an integer in [0, 100], got 101")
        #expect(inputErrorText { _ = try fee("99999999999999999999").int(in: 0...Int.max) }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected an integer in [0, \(Int.max)], got 99999999999999999999")
    }

    @Test("Booleans are true/false only; strings accept scalars of any type")
    func boolsAndStrings() throws {
        #expect(try fee("true").bool() == true)
        #expect(try fee("FALSE").bool() == false)
        #expect(inputErrorText { _ = try fee("yes").bool() } == "s.yaml:3:10: pools.eth_usdc.fee: expected true or false, got 'yes'")
        #expect(try fee("12.50").string() == "12.50")
        #expect(try fee("\"a: b\"").string() == "a: b")
        #expect(inputErrorText { _ = try fee("[1]").string() } == "s.yaml:3:10: pools.eth_usdc.fee: expected a string, got a list")
        #expect(inputErrorText { _ = try fee("{a: 1}").sequence() } == "s.yaml:3:10: pools.eth_usdc.fee: expected a list, got a mapping")
    }

    @Test("Durations in seconds", arguments: [
        ("12s", 12.0), ("30m", 1800), ("1h", 3600), ("7d", 604_800), ("2w", 1_209_600), ("250ms", 0.25),
        ("1.5h", 5400), ("45", 45), ("0.5", 0.5), ("0s", 0),
    ])
    func durations(text: String, seconds: Double) throws {
        #expect(try fee(text).duration() == seconds)
    }

    @Test("Bad durations are rejected", arguments: [
        ("-5s", "s.yaml:3:10: pools.eth_usdc.fee: a duration must not be negative, got -5s"),
        ("-3", "s.yaml:3:10: pools.eth_usdc.fee: a duration must not be negative, got -3"),
        (".nan", "s.yaml:3:10: pools.eth_usdc.fee: .nan is not a finite duration"),
        ("1e400s", "s.yaml:3:10: pools.eth_usdc.fee: 1e400s is not a finite duration"),
        ("12 parsecs", "s.yaml:3:10: pools.eth_usdc.fee: expected a duration such as 12s, 30m, 1h, 7d or 250ms, got '12 parsecs'"),
        ("h", "s.yaml:3:10: pools.eth_usdc.fee: expected a duration such as 12s, 30m, 1h, 7d or 250ms, got 'h'"),
        ("true", "s.yaml:3:10: pools.eth_usdc.fee: expected a duration such as 12s, 30m, 1h, 7d or 250ms, got true"),
    ])
    func badDurations(text: String, expected: String) throws {
        let node = try fee(text)
        #expect(inputErrorText { _ = try node.duration() } == expected)
    }

    @Test("A zero duration is refused where a positive one is required")
    func positiveDuration() throws {
        #expect(try fee("1m").positiveDuration() == 60)
        #expect(inputErrorText { _ = try fee("0s").positiveDuration() }
                == "s.yaml:3:10: pools.eth_usdc.fee: expected a positive duration, got '0s'")
    }

    @Test("Decimal text is canonical and exact", arguments: [
        ("1000000.5", "1000000.5"), ("1_000", "1000"), ("'2.50'", "2.50"), ("1E+3", "1e3"), (".25", "0.25"),
        ("-4", "-4"), ("0x10", "16"), ("123456789012345678901234567890", "123456789012345678901234567890"), ("5.", "5"),
    ])
    func decimalText(text: String, expected: String) throws {
        #expect(try fee(text).decimalText() == expected)
    }

    @Test("Non-numeric decimal text is rejected")
    func badDecimalText() throws {
        #expect(inputErrorText { _ = try fee("ten").decimalText() } == "s.yaml:3:10: pools.eth_usdc.fee: expected a decimal number, got 'ten'")
        #expect(inputErrorText { _ = try fee(".inf").decimalText() } == "s.yaml:3:10: pools.eth_usdc.fee: .inf is not a finite number")
        #expect(inputErrorText { _ = try fee("1.2.3").decimalText() } == "s.yaml:3:10: pools.eth_usdc.fee: expected a decimal number, got '1.2.3'")
    }

    @Test("Unknown keys are reported at the key with a suggestion or the valid keys")
    func unknownKeys() throws {
        let root = try ScenarioSource.parse(text: "pools:\n  p:\n    fe: 0.003\n    reserves: 1\n", file: "s.yaml")
        let pool = try root.mapping(allowedKeys: ["pools"]).required("pools").mapping(allowedKeys: ["p"]).required("p")
        #expect(inputErrorText { _ = try pool.mapping(allowedKeys: ["fee", "reserves"]) }
                == "s.yaml:3:5: unknown key 'fe'; did you mean 'fee'?")
        #expect(inputErrorText { _ = try pool.mapping(allowedKeys: ["fee", "feeTier", "reservesA"]) }
                == "s.yaml:3:5: unknown key 'fe'; did you mean 'fee'?")
        #expect(inputErrorText { _ = try pool.mapping(allowedKeys: ["fe", "reserves_a"]) }
                == "s.yaml:4:5: unknown key 'reserves'; did you mean 'reserves_a'?")
        #expect(inputErrorText { _ = try pool.mapping(allowedKeys: ["fe", "zeta", "omega"]) }
                == "s.yaml:4:5: unknown key 'reserves'; valid keys are: fe, omega, zeta")
    }

    @Test("Required keys, optional nulls, key order and free-form entries")
    func mappingAccess() throws {
        let root = try ScenarioSource.parse(text: "assets:\n  ETH: {decimals: 18}\n  USDC: {decimals: 6}\nnote: ~\n", file: "s.yaml")
        let top = try root.mapping(allowedKeys: ["assets", "note", "seed"])
        #expect(top.keys == ["assets"])  // a key whose value is null counts as absent
        #expect(top.optional("note") == nil)
        #expect(top.optional("seed") == nil)
        #expect(inputErrorText { _ = try top.required("seed") } == "s.yaml:1:1: missing required key 'seed' at the top level")
        let entries = try top.required("assets").mappingEntries()
        #expect(entries.map(\.key) == ["ETH", "USDC"])
        #expect(entries.map(\.keyLocation.description) == ["s.yaml:2:3", "s.yaml:3:3"])
        #expect(entries[1].value.path == "assets.USDC")
        let usdc = try entries[1].value.mapping(allowedKeys: ["decimals", "name"])
        #expect(inputErrorText { _ = try usdc.required("name") } == "s.yaml:3:9: missing required key 'name' in assets.USDC")
        #expect(try usdc.required("decimals").int(in: 0...36) == 6)
    }

    @Test("A scalar spelt verbatim on one line knows its text's column; any other only its start", arguments: [
        ("lin:0:1:3", Int?.some(10)), ("'lin:0:1:3'", 11), ("\"lin:0:1:3\"", 11), ("'it''s'", nil), ("'a''b'", nil),
        ("\"\\x61bc\"", nil), ("!!str abc", nil), ("&a abc", nil), ("\"a\n      b\"", nil), ("|\n      abc", nil),
    ])
    func textLocation(value: String, column: Int?) throws {
        let node = try fee(value)
        #expect(node.location == SourceLocation(file: "s.yaml", line: 3, column: 10))
        #expect(node.textLocation == column.map { SourceLocation(file: "s.yaml", line: 3, column: $0) })
    }

    @Test("Paths index list items")
    func listPaths() throws {
        let items = try inputNode("agents", in: "agents:\n  - capital: 5\n  - capital: x\n").sequence()
        let capital = try items[1].mapping(allowedKeys: ["capital"]).required("capital")
        #expect(capital.path == "agents[1].capital")
        #expect(inputErrorText { _ = try capital.double() } == "s.yaml:3:14: agents[1].capital: expected a finite number, got 'x'")
    }
}
