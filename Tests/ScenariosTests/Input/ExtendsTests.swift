import Foundation
import Testing
@testable import Scenarios

@Suite("extends: deep merges base files")
struct ExtendsTests {
    /// Writes `files` (relative path → text) under a fresh directory and returns it.
    func write(_ files: [String: String]) throws -> URL {
        let directory = try inputTemporaryDirectory()
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test("Three levels with relative paths: mappings merge, scalars and lists are replaced")
    func threeLevels() throws {
        let directory = try write([
            "base/root.yaml": "name: root\npools:\n  p:\n    fee: 0.003\n    reserves: [1, 2]\nsteps: [a, b]\n",
            "base/mid.yaml": "extends: root.yaml\npools:\n  p:\n    fee: 0.001\n  q:\n    fee: 0.01\n",
            "top.yaml": "extends: base/mid.yaml\nname: top\npools:\n  p:\n    reserves: [9]\nsteps: [c]\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("top.yaml").path
        let root = try ScenarioSource.load(path: path)
        #expect(root.render() == """
            name: top
            pools:
              p:
                fee: 0.001
                reserves:
                  - 9
              q:
                fee: 0.01
            steps:
              - c

            """)
        let fee = try root.mapping(allowedKeys: ["name", "pools", "steps"]).required("pools")
            .mapping(allowedKeys: ["p", "q"]).required("p").mapping(allowedKeys: ["fee", "reserves"]).required("fee")
        #expect(fee.location.description == directory.appendingPathComponent("base/mid.yaml").path + ":4:10")
        #expect(fee.path == "pools.p.fee")
    }

    @Test("A list of bases merges in order, the file last")
    func listOfBases() throws {
        let directory = try write([
            "a.yaml": "x: 1\ny: 1\nz: 1\n", "b.yaml": "y: 2\nz: 2\n", "c.yaml": "extends: [a.yaml, b.yaml]\nz: 3\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = try ScenarioSource.load(path: directory.appendingPathComponent("c.yaml").path)
        #expect(root.render() == "x: 1\ny: 2\nz: 3\n")
    }

    @Test("A null removes an inherited key; a null for a key the base lacks is kept, so an unknown key is still refused")
    func nullRemoves() throws {
        let directory = try write([
            "a.yaml": "x: 1\ny: {p: 1, q: 2}\n",
            "c.yaml": "extends: a.yaml\nx: null\ny: {q: ~, r: null}\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let c = directory.appendingPathComponent("c.yaml").path
        let root = try ScenarioSource.load(path: c)
        #expect(root.render() == "y:\n  p: 1\n  r: null\n")
        #expect(inputErrorText { _ = try root.mapping(allowedKeys: ["y"]).required("y").mapping(allowedKeys: ["p", "q"]) }
                == "\(c):3:11: unknown key 'r'; did you mean 'p'?")
        // --set key=null removes the same way, and is refused for a key that is not there.
        let overridden = try ScenarioSource.applyOverrides(["y.p=null", "y.s=null"], to: try ScenarioSource.load(path: directory.appendingPathComponent("a.yaml").path))
        #expect(overridden.render() == "x: 1\ny:\n  q: 2\n  s: null\n")
    }

    @Test("An error located in a base file says the key is inherited and that a null in the extending file drops it; one in the file itself does not")
    func inheritedKeyHint() throws {
        let base = "duration: 1h\nchain: {native_asset: ETH}\nassets:\n  ETH: {price: 3000, process: {model: gbm, volatility: 0.5}}\n"
        let directory = try write([
            "base.yaml": base,
            "twin.yaml": "extends: base.yaml\nassets:\n  ETH: {process: {model: constant}}\n",
            "own.yaml": "extends: base.yaml\nassets:\n  ETH: {price: -1}\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let twin = directory.appendingPathComponent("twin.yaml").path, basePath = directory.appendingPathComponent("base.yaml").path
        // The twin asks for a constant price; the base's volatility is left behind.
        let inherited = try #require(Self.error { _ = try Scenario.load(path: twin) })
        #expect(inherited.hasPrefix("\(basePath):4:"), "\(inherited)")
        #expect(inherited.hasSuffix("(inherited from \(basePath), which \(twin) extends: if \(twin) means to drop this key, set it to null there)"),
                "\(inherited)")
        #expect(try Scenario.load(path: twin, overrides: ["assets.ETH.process.volatility=null"]).assets.count == 1)
        let own = try #require(Self.error { _ = try Scenario.load(path: directory.appendingPathComponent("own.yaml").path) })
        #expect(own.contains("own.yaml:3:") && !own.contains("inherited"), "\(own)")
    }

    @Test("A twin switching an inherited gas price model to a distribution is told the model came from the base and how to drop it")
    func gasPriceModelToDistribution() throws {
        let base = "duration: 1h\nchain:\n  native_asset: ETH\n  gas_price: {model: mean-reverting, mean: 20, volatility: 1, half_life: 1h}\n"
            + "assets:\n  ETH: {price: 3000}\n"
        let directory = try write([
            "base.yaml": base,
            "twin.yaml": "extends: base.yaml\nchain:\n  gas_price: {dist: uniform, min: 10, max: 30}\n",
            "fixed.yaml": "extends: base.yaml\nchain:\n  gas_price: {model: null, mean: null, volatility: null, half_life: null, "
                + "dist: uniform, min: 10, max: 30}\n",
            "both.yaml": "duration: 1h\nchain:\n  native_asset: ETH\n  gas_price: {model: eip1559, initial: 20, dist: uniform}\n"
                + "assets:\n  ETH: {price: 3000}\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let twin = directory.appendingPathComponent("twin.yaml").path, basePath = directory.appendingPathComponent("base.yaml").path
        let message = try #require(Self.error { _ = try Scenario.load(path: twin) })
        #expect(message == "\(twin):3:15: chain.gas_price: a gas price is a `model:` or a `{dist: …}`, not both (`model` comes from "
                + "\(basePath), which \(twin) extends: to switch to a distribution, set `model: null` there and null the model's other keys)")
        let fixed = try Scenario.load(path: directory.appendingPathComponent("fixed.yaml").path)
        #expect(fixed.chain.gasPrice == .perBlock(.uniform(min: 10, max: 30)))
        let both = try #require(Self.error { _ = try Scenario.load(path: directory.appendingPathComponent("both.yaml").path) })
        #expect(both.hasSuffix("chain.gas_price: a gas price is a `model:` or a `{dist: …}`, not both"), "\(both)")
    }

    /// The text of the error `body` throws, nil when it throws none.
    static func error(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test("A cycle is reported at the extends value with the chain")
    func cycle() throws {
        let directory = try write(["a.yaml": "extends: b.yaml\n", "b.yaml": "x: 1\nextends: a.yaml\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let b = directory.appendingPathComponent("b.yaml").path
        #expect(inputErrorText { _ = try ScenarioSource.load(path: directory.appendingPathComponent("a.yaml").path) }
                == "\(b):2:10: extends cycle: a.yaml → b.yaml → a.yaml")
    }

    @Test("Missing files: the top file, and a base located at its extends value")
    func missingFiles() throws {
        let directory = try write(["a.yaml": "x: 1\nextends: [gone.yaml]\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.yaml").path
        let gone = directory.appendingPathComponent("gone.yaml").path
        #expect(inputErrorText { _ = try ScenarioSource.load(path: a) } == "\(a):2:11: cannot read '\(gone)': No such file")
        #expect(inputErrorText { _ = try ScenarioSource.load(path: "x.yaml") } == "x.yaml: cannot read 'x.yaml': No such file")
        #expect(inputErrorText { _ = try ScenarioSource.parse(text: "extends: {a: 1}\n", file: "s.yaml") }
                == "s.yaml:1:10: extends: expected a file path or a list of file paths, got a mapping")
    }

    @Test("Invalid UTF-8 in a file is located at the bad byte")
    func invalidUTF8() throws {
        let directory = try inputTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("bad.yaml")
        try Data("a: 1\nb: é\u{0}".utf8.dropLast() + [0xFF, 0x0A]).write(to: url)
        #expect(inputErrorText { _ = try ScenarioSource.load(path: url.path) }
                == "\(url.path):2:5: invalid UTF-8 (byte 0xFF); scenario files must be UTF-8 text")
    }
}
