import Testing
@testable import Scenarios

@Suite("--set overrides change the merged tree")
struct OverrideTests {
    static let text = "a:\n  b: 1\n  c: x\nlist: [1, 2]\n"

    @Test("Overrides replace values, add keys and create missing mappings, located on the command line")
    func applied() throws {
        let root = try ScenarioSource.parse(text: Self.text, file: "s.yaml",
                                            overrides: ["a.b=3", "a.d=new", "e.f.g={dist: normal, mean: 0, sd: 1}", "list=[7]"])
        #expect(root.render() == """
            a:
              b: 3
              c: x
              d: new
            list:
              - 7
            e:
              f:
                g:
                  dist: normal
                  mean: 0
                  sd: 1

            """)
        let a = try root.mapping(allowedKeys: ["a", "list", "e"]).required("a").mapping(allowedKeys: ["b", "c", "d"])
        #expect(try a.required("b").location.description == "<command line>:1:1")
        #expect(try a.required("c").location.description == "s.yaml:3:6")
        #expect(inputErrorText { _ = try a.required("d").double() } == "<command line>:1:2: a.d: expected a finite number, got 'new'")
    }

    @Test("An empty value is refused (it silently reset the key to its default); null, written out, reads as absent")
    func emptyValue() throws {
        #expect(parseError(Self.text, overrides: ["a.c=x", "a.b="]) == "<command line>:1:2: --set a.b: empty value")
        #expect(parseError(Self.text, overrides: ["a.b= \t"]) == "<command line>:1:1: --set a.b: empty value")
        let root = try ScenarioSource.parse(text: Self.text, file: "s.yaml", overrides: ["a.b=null"])
        #expect(try root.mapping(allowedKeys: ["a", "list"]).required("a").mapping(allowedKeys: ["b", "c"]).optional("b") == nil)
    }

    @Test("Malformed overrides are InputErrors", arguments: [
        ("a.b", "<command line>:1:1: malformed override 'a.b': expected key.path=value"),
        ("a..b=1", "<command line>:1:1: malformed override 'a..b=1': empty key in 'a..b'"),
        ("=1", "<command line>:1:1: malformed override '=1': empty key in ''"),
        ("a.c.d=1", "<command line>:1:1: cannot apply override 'a.c.d=1': a.c is 'x', not a mapping"),
        ("list.x=1", "<command line>:1:1: cannot apply override 'list.x=1': list is a list, not a mapping"),
        ("a.\"b.c=1", "<command line>:1:1: malformed override 'a.\"b.c=1': unterminated quote in 'a.\"b.c': a key holding dots is written whole in double quotes, e.g. sweep.parameters.\"pools.p.fee\""),
        ("a.\"b\"c=1", "<command line>:1:1: malformed override 'a.\"b\"c=1': a quoted key must end at a dot or at '=', in 'a.\"b\"c'"),
        ("a.b\"c\"=1", "<command line>:1:1: malformed override 'a.b\"c\"=1': a quote may only open a key, in 'a.b\"c\"': write the whole key in double quotes"),
        ("a.\"\"=1", "<command line>:1:1: malformed override 'a.\"\"=1': empty key in 'a.\"\"'"),
        ("a.b=[1,", "<command line>:1:1: invalid override value '[1,': invalid YAML: did not find expected node content (while parsing a flow node at line 2, column 1)"),
    ])
    func malformed(override: String, expected: String) {
        #expect(parseError(Self.text, overrides: [override]) == expected)
    }

    static let sweep = "sweep:\n  parameters:\n    pools.p.fee: [1, 2]\n    duration: [1h]\n"

    /// The keys of `sweep.parameters` after `overrides`.
    func sweptKeys(_ overrides: [String]) throws -> [String] {
        let root = try ScenarioSource.parse(text: Self.sweep, file: "s.yaml", overrides: overrides)
        return try root.mapping(allowedKeys: ["sweep"]).required("sweep").mapping(allowedKeys: ["parameters"])
            .required("parameters").mappingEntries().map(\.key)
    }

    @Test("A quoted key holds dots: it names one entry of a mapping keyed by key paths, and '=' inside it is no value")
    func quotedKey() throws {
        #expect(try sweptKeys(["sweep.parameters.\"pools.p.fee\"=null"]) == ["duration"])
        #expect(try sweptKeys([" sweep . parameters . \"pools.q.fee\" =[3]"]) == ["pools.p.fee", "duration", "pools.q.fee"])
        #expect(try sweptKeys(["sweep.parameters.\"a=b\"=[3]"]) == ["pools.p.fee", "duration", "a=b"])
        #expect(ScenarioOverride("sweep.parameters.\"a=b\"=[3]", origin: .set).keyPath == "sweep.parameters.\"a=b\"")
    }

    @Test("Keys split at the dots of a swept or searched key path are refused, with the override as it should be written", arguments: [
        ("sweep.parameters.pools.p.fee=null",
         "sweep.parameters is keyed by whole key paths, so the one meant must be quoted: sweep.parameters.\"pools.p.fee\"=null"),
        ("search.parameters.pools.p.fee.max=0.01",
         "search.parameters is keyed by whole key paths, so the one meant must be quoted: search.parameters.\"pools.p.fee.max\"=0.01"),
    ])
    func unquotedKeyPath(override: String, expected: String) {
        #expect(parseError(Self.sweep, overrides: [override]) == "<command line>:1:1: cannot apply override '\(override)': \(expected)")
    }

    @Test("The quoted key is the entry a split key path names, the keys after it kept")
    func unquotedEntryThere() {
        let text = "search:\n  parameters:\n    pools.p.fee: {min: 0, max: 0.1}\n"
        #expect(parseError(text, overrides: ["search.parameters.pools.p.fee.max=0.01"])
                == "<command line>:1:1: cannot apply override 'search.parameters.pools.p.fee.max=0.01': search.parameters is keyed by "
                   + "whole key paths, so the one meant must be quoted: search.parameters.\"pools.p.fee\".max=0.01")
    }
}
