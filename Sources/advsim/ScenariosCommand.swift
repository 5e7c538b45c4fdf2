import ArgumentParser
import Foundation
import Scenarios

/// `advsim scenarios`: lists the shipped scenarios with their one-line descriptions.
struct ListScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the shipped scenarios with one-line descriptions."
    )

    @Option(help: """
        Folder to list (default: the folder a scenario name is looked up in: $ADVSIM_SCENARIOS when set, \
        else ./scenarios, else the scenarios folder of the checkout the binary lies in, else of the one it was built from).
        """)
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
