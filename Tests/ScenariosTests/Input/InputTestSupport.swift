import Foundation
@testable import Scenarios

/// The printed text of the ``InputError`` that `body` throws, or nil when it succeeds.
/// Any other error type is returned as "unexpected: …" so a test comparing texts fails.
func inputErrorText(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as InputError {
        return error.description
    } catch {
        return "unexpected: \(error)"
    }
}

/// The error text of parsing `text` as file "s.yaml".
func parseError(_ text: String, overrides: [String] = []) -> String? {
    inputErrorText { _ = try ScenarioSource.parse(text: text, file: "s.yaml", overrides: overrides) }
}

/// The value at `key` of the root parsed from `text` (file "s.yaml").
func inputNode(_ key: String, in text: String) throws -> InputNode {
    try ScenarioSource.parse(text: text, file: "s.yaml").mapping(allowedKeys: [key]).required(key)
}

/// A fresh temporary directory for file tests, removed by the caller.
func inputTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("advsim-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
