import Testing
@testable import Scenarios

@Suite("YAML parse errors are located InputErrors")
struct ParseErrorTests {
    @Test("Each malformed input gives its exact file:line:column message", arguments: [
        ("a: 1\n\tb: 2\n", "s.yaml:2:1: tab characters are not allowed in indentation; use spaces"),
        ("a:\n  b: 1\n c: 2\n", "s.yaml:3:2: invalid YAML: did not find expected key (while parsing a block mapping at line 1, column 1)"),
        ("a: \"unclosed\n", "s.yaml:2:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 1, column 4)"),
        ("a: [1, 2\n", "s.yaml:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)"),
        ("a: b: c\n", "s.yaml:1:5: invalid YAML: mapping values are not allowed in this context"),
        ("a: *nope\n", "s.yaml:1:4: invalid YAML: found undefined alias"),
        ("a: \u{01}\n", "s.yaml:1:4: invalid character in YAML: control characters are not allowed (U+0001)"),
        ("a: 1\n---\nb: 2\n", "s.yaml:2:1: a scenario file holds one YAML document; found a second one"),
        ("1: x\n", "s.yaml:1:1: mapping keys must be strings, got 1; quote it if it is meant as a name"),
        ("a:\n  null: x\n", "s.yaml:2:3: mapping keys must be strings, got null; quote it if it is meant as a name"),
        ("[1]: 2\n", "s.yaml:1:3: mapping keys must be strings, not lists or mappings"),
        ("? a\n: b\n", "s.yaml:1:1: explicit '?' keys are not supported; keys must be plain strings"),
        ("a: &x 1\n*x : 1\n", "s.yaml:2:1: an alias cannot be a mapping key"),
        ("- a\n- b\n", "s.yaml:1:1: the top level must be a mapping of keys to values, got a list"),
        ("just text\n", "s.yaml:1:1: the top level must be a mapping of keys to values, got 'just text'"),
        ("a: !foo 1\n", "s.yaml:1:4: unsupported tag '!foo'"),
        ("a: !!int 1.5\n", "s.yaml:1:4: '1.5' is not a valid int"),
        ("  \n\n# only a comment\n", "s.yaml:1:1: file is empty"),
        (" \n\t\n", "s.yaml:1:1: file is empty"),
    ])
    func malformed(text: String, expected: String) {
        #expect(parseError(text) == expected)
    }

    @Test("A duplicate key is reported at its second occurrence", arguments: [
        ("a: 1\na: 2\n", "s.yaml:2:1: duplicate key 'a' (first defined at line 1, column 1)"),
        ("x:\n  k: 1\n  j: 2\n  k: 3\n", "s.yaml:4:3: duplicate key 'k' (first defined at line 2, column 3)"),
        ("a: {k: 1, k: 2}\n", "s.yaml:1:11: duplicate key 'k' (first defined at line 1, column 5)"),
        ("x:\n  k: 1\ny:\n  \"k\": 2\n  k: 3\n", "s.yaml:5:3: duplicate key 'k' (first defined at line 4, column 3)"),
    ])
    func duplicateKey(text: String, expected: String) {
        #expect(parseError(text) == expected)
    }

    @Test("Explicit core tags are honoured: !!str keeps a number as text, !!float accepts an int")
    func explicitTags() throws {
        let root = try ScenarioSource.parse(text: "a: !!str 12\nb: !!float 3\nc: '7'\n", file: "s.yaml")
        let map = try root.mapping(allowedKeys: ["a", "b", "c"])
        #expect(try map.required("a").string() == "12")
        #expect(inputErrorText { _ = try map.required("a").double() } == "s.yaml:1:4: a: expected a finite number, got '12'")
        #expect(try map.required("b").double() == 3)
        #expect(inputErrorText { _ = try map.required("c").int(in: 0...10) } == "s.yaml:3:4: c: expected an integer in [0, 10], got '7'")
    }
}
