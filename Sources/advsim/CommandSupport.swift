import ArgumentParser
import Experiments
import Foundation
import Scenarios

/// Helpers shared by the subcommands: scenario lookup, error reporting with the contract's
/// exit codes (2 for bad input, 1 for a runtime failure).
enum CommandSupport {
    /// The shipped scenario library: `ADVSIM_SCENARIOS` when set, else `./scenarios` when the
    /// working directory has one, else the `scenarios` folder of the source checkout the running
    /// binary lies in (so `~/advsim/.build/release/advsim run amm-arbitrage` works from any
    /// folder), else that of the checkout it was built from (a copy of the binary moved out of
    /// its checkout, e.g. into `~/bin`, while that checkout is still there), else `scenarios`.
    static var scenarioDirectory: String {
        if let folder = ProcessInfo.processInfo.environment["ADVSIM_SCENARIOS"] { return folder }
        if isFolder("scenarios") { return "scenarios" }
        return binaryCheckoutScenarios ?? buildCheckoutScenarios ?? "scenarios"
    }

    /// `<checkout>/scenarios` for the nearest folder above the running binary's real path that
    /// holds a Package.swift and a scenarios folder (`.build/<triple>/release/advsim` sits four
    /// levels below it); nil for a binary installed elsewhere.
    static let binaryCheckoutScenarios: String? = executablePath.flatMap {
        checkoutScenarios(above: URL(fileURLWithPath: $0).deletingLastPathComponent(), levels: 6)
    }

    /// The running binary's real path (Linux's `/proc/self/exe`, symlinks resolved); nil where
    /// the system does not tell. Not `argv[0]`, which is only the name it was called by (a bare
    /// `advsim` found on PATH).
    static let executablePath: String? = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        .map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }

    /// `<checkout>/scenarios` of the checkout this file was compiled in (`Sources/advsim/` lies two
    /// levels below it), when it still holds a Package.swift and a scenarios folder.
    static let buildCheckoutScenarios: String? = checkoutScenarios(
        above: URL(fileURLWithPath: #filePath).deletingLastPathComponent(), levels: 3)

    /// `<folder>/scenarios` for the nearest of `folder` and the `levels - 1` folders above it that
    /// holds a Package.swift and a scenarios folder.
    static func checkoutScenarios(above start: URL, levels: Int) -> String? {
        var folder = start
        for _ in 0..<levels {
            let scenarios = folder.appendingPathComponent("scenarios").path
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path), isFolder(scenarios) {
                return scenarios
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// Whether `path` is a folder.
    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// A scenario argument is a path, or the name of a shipped scenario (`amm-arbitrage`). A bare
    /// name (no `/`, no `.yaml`) that is neither is refused here, naming where shipped scenarios
    /// were looked for (exit code 2).
    static func resolveScenarioPath(_ argument: String) -> String {
        if FileManager.default.fileExists(atPath: argument) { return argument }
        let shipped = "\(scenarioDirectory)/\(argument).yaml"
        if FileManager.default.fileExists(atPath: shipped) { return shipped }
        if !argument.isEmpty, !argument.contains("/"), !argument.hasSuffix(".yaml"), !argument.hasSuffix(".yml") {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: scenarioDirectory)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }
            fail("'\(argument)' is neither a file nor a shipped scenario in \(scenarioDirectory)/"
                 + "\(Suggestion.didYouMean(argument, in: names)) (`advsim scenarios` lists them; ADVSIM_SCENARIOS names another folder)",
                 code: 2)
        }
        return argument
    }

    /// Loads a scenario, turning bad input into `file:line:column: message` and exit code 2;
    /// prints its warnings (`file:line:column: warning: message`) on stderr.
    static func loadScenario(_ argument: String, overrides: [String]) throws -> Scenario {
        do {
            let scenario = try Scenario.load(path: resolveScenarioPath(argument), overrides: overrides)
            for warning in scenario.warnings { printError("advsim: \(warning)") }
            return scenario
        } catch let error as InputError {
            fail(error.description, code: 2)
        }
    }

    /// Exits with code 2 unless `path` is a folder or can be created as one — checked before
    /// the work starts, by creating the missing folders and removing them again, so a bad
    /// `--out` costs no computation and leaves nothing behind.
    static func checkOutputFolder(_ path: String) {
        guard !path.isEmpty else { fail("--out: empty path", code: 2) }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, !isFolder.boolValue { fail("cannot use '\(path)' as the output folder: it is not a folder", code: 2) }
        var created: [String] = []
        func removeCreated() { for folder in created.reversed() { rmdir(folder) } }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in exists ? [] : path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o777) == 0 {
                created.append(prefix)
            } else if errno != EEXIST {
                let reason = String(cString: strerror(errno))
                removeCreated()
                fail("cannot create the output folder '\(path)': \(reason) ('\(prefix)')", code: 2)
            }
        }
        let writable = access(path, W_OK) == 0
        let reason = String(cString: strerror(errno))
        removeCreated()
        guard writable else { fail("cannot write into the output folder '\(path)': \(reason)", code: 2) }
    }

    /// The commands that write an output folder, each known by files only it writes there.
    enum OutputOwner: CaseIterable {
        case run, batch, optimize, frontier

        /// The command's output, in messages.
        var output: String {
            switch self {
            case .run: "run"
            case .batch: "batch"
            case .optimize: "optimisation"
            case .frontier: "frontier"
            }
        }

        /// Files only this command writes into its folder.
        var markers: [String] {
            switch self {
            case .run: ["events.csv", "timeseries.csv"]
            case .batch: ["summary.csv", "failures.csv"]
            case .optimize: ["optimize.csv"]
            case .frontier: ["frontier.csv"]
            }
        }
    }

    /// Exits with code 2 when `path` holds another command's output (a run's events.csv, a
    /// batch's summary.csv, optimize.csv, frontier.csv): `owner`'s files would be mixed with it
    /// or replace part of it. A folder holding the same command's earlier output is `owner`'s to
    /// replace (a run, an optimisation) or to resume (a batch, which refuses one without
    /// `--resume` itself).
    static func checkOutputOwner(_ path: String, for owner: OutputOwner) {
        for other in OutputOwner.allCases where other != owner {
            for file in other.markers where FileManager.default.fileExists(atPath: path + "/" + file) {
                fail("'\(path)' holds another command's output (\(file)); the \(owner.output) would mix its files with it: choose another --out",
                     code: 2)
            }
        }
    }

    /// Exits with code 1 for `error`, met writing the output folder `directory`: an
    /// ``OutputError``'s own message (`cannot write 'FILE': No space left on device`), else
    /// `cannot write 'DIRECTORY': REASON` with the system's reason.
    static func failWriting(_ directory: String, _ error: any Error) -> Never {
        fail((error as? OutputError)?.description ?? "cannot write '\(directory)': \(OutputError.reason(error))", code: 1)
    }

    /// Exits with code 2 for a scenario whose world cannot be built at `seed` (bad input found
    /// only at genesis, e.g. a drawn deposit above a supply cap): `validate` and `run` say it alike.
    static func failBuilding(_ scenario: Scenario, seed: UInt64, _ error: WorldBuildError) -> Never {
        fail("\(scenario.sourcePath): the world cannot be built at seed \(seed): \(error)", code: 2)
    }

    /// Exits with code 2 for a refused option value, located as the other command-line errors
    /// are: `advsim: <command line>:1:N: MESSAGE`, N the place of the option among those of its
    /// kind (1 for an option given once, such as `-n` or `--threads`). `message` names the option.
    ///
    /// The commands check their counts with this at the start of `run()`, not in `validate()`:
    /// ArgumentParser prints a validation error as `Error: …` with the usage, where every other
    /// bad input is one located line.
    static func refuseOption(_ message: String, occurrence: Int = 1) -> Never {
        fail(BatchArgumentError(message).located(atFlag: occurrence).description, code: 2)
    }

    /// Prints `message` on stderr and exits with `code`.
    static func fail(_ message: String, code: Int32) -> Never {
        printError("advsim: " + message)
        Foundation.exit(code)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// The command line as typed, for manifest.json.
    static var commandLine: [String] { CommandLine.arguments }
}
