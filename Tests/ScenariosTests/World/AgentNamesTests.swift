@testable import Scenarios
import Testing

/// The arbitrageurs' names as accountBlock asks about them: exact string equality, whatever the
/// lengths.
@Suite("Agent names")
struct AgentNamesTests {
    @Test("A name is found only when spelled exactly: other lengths, same length with other bytes, and long names")
    func membership() {
        let long = String(repeating: "x", count: 70)
        let names = AgentNames(["arbitrageur-0", "arbitrageur-1", "a", long, "é"])
        #expect(names.contains("arbitrageur-0") && names.contains("arbitrageur-1") && names.contains("a"))
        #expect(names.contains(long) && names.contains("é"))
        #expect(!names.contains("arbitrageur-2"))                // same length, other bytes
        #expect(!names.contains("arbitrageur-10"))               // another length
        #expect(!names.contains("noise-0") && !names.contains(""))
        #expect(!names.contains(String(repeating: "x", count: 64)))  // shares the long names' bit
        #expect(!names.contains("e"))                            // "é" is 2 UTF-8 bytes
        #expect(!AgentNames([]).contains("a"))
    }
}
