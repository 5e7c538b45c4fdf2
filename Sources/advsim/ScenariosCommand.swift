import ArgumentParser
import Foundation
import Scenarios

/// `advsim scenarios`: lists the shipped scenarios with their one-line descriptions.
struct ListScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the shipped scenarios with one-line descriptions.",
        discussion: """
        A scenario name (`advsim run amm-arbitrage`) is looked up as NAME.yaml in one folder, and \
        this command lists that folder unless --directory names another: $ADVSIM_SCENARIOS when \
        set (even when it does not exist), else ./scenarios when the working directory has one, \
        else the scenarios folder of the checkout the binary lies in (the nearest folder \
        above the binary's real path, at most six levels up, that holds Package.swift and \
        scenarios/; Linux only, found through /proc/self/exe), else the scenarios folder of the \
        checkout the binary was built from (while it is there: a copy moved out of its checkout \
        still finds it), else ./scenarios. A SCENARIO \
        argument that is an existing file is read as that file before any lookup.
        """
    )

    @Option(help: "Folder to list (default: the folder scenario names are looked up in, see above).")
    var directory: String?

    func run() throws {
        let folder = directory ?? CommandSupport.scenarioDirectory
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            CommandSupport.fail("cannot list '\(folder)': no such folder (pass --directory, or set ADVSIM_SCENARIOS)", code: 2)
        }
        let names = files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        let width = names.map(\.count).max() ?? 0
        for name in names {
            let file = name + ".yaml"
            let description: String
            do {
                description = try Scenario.load(path: "\(folder)/\(file)").description
            } catch {
                description = "(invalid: \(error))"
            }
            print(name + String(repeating: " ", count: width - name.count) + "  " + description)
        }
    }
}
