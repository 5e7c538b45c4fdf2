import Testing
@testable import Scenarios

/// Expects `text` (a scenario named `s.yaml`) to be refused with an ``InputError`` whose message
/// starts with `location` (e.g. `s.yaml:18:`) and contains `phrase`; records an issue when it is
/// accepted. Other errors propagate and fail the test.
func expectLocatedInputError(_ text: String, at location: String, saying phrase: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    do {
        _ = try Scenario.parse(text: text, file: "s.yaml")
        Issue.record("accepted", sourceLocation: sourceLocation)
    } catch let error as InputError {
        #expect(error.description.hasPrefix(location), "\(error.description)", sourceLocation: sourceLocation)
        #expect(error.description.contains(phrase), "\(error.description)", sourceLocation: sourceLocation)
    }
}
