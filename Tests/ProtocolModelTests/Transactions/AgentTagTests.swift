import Testing
@testable import ProtocolModel

/// Agent tags: the event log's agent names as plain values.
@Suite("Agent tags")
struct AgentTagTests {
    @Test("A tag gives back its name, and two tags are equal exactly when their names are")
    func equalityFollowsTheName() {
        let long = String(repeating: "x", count: 70)
        let names = ["arbitrageur-0", "arbitrageur-1", "arbitrageur-10", "a", "", long, "é", "e", "oracle-keeper:eth_feed"]
        let tags = names.map { AgentTag($0) }
        for (index, tag) in tags.enumerated() {
            #expect(tag.name == names[index])
            #expect("\(tag)" == names[index])
            #expect(AgentTag(names[index]) == tag)
            for other in tags.indices where other != index { #expect(tags[other] != tag, "\(names[index]) vs \(names[other])") }
        }
        let literal: AgentTag = "arbitrageur-1"
        #expect(literal == tags[1] && Set(tags + [literal]).count == names.count)
    }

    @Test("Tags made at once on several threads, each in its own order, agree")
    func concurrentTagsAgree() async {
        let names = (0..<200).map { "concurrent-agent-\($0)" }
        let made = await withTaskGroup(of: [String: AgentTag].self) { group in
            for task in 0..<4 {
                // Each task meets the names in another order: rotated by 50 · task, odd tasks backwards.
                let rotated = Array(names[(50 * task)...] + names[..<(50 * task)])
                let order = task.isMultiple(of: 2) ? rotated : rotated.reversed()
                group.addTask { Dictionary(uniqueKeysWithValues: order.map { ($0, AgentTag($0)) }) }
            }
            return await group.reduce(into: [[String: AgentTag]]()) { $0.append($1) }
        }
        let expected = Dictionary(uniqueKeysWithValues: names.map { ($0, AgentTag($0)) })
        #expect(made.count == 4 && made.allSatisfy { $0 == expected })
        #expect(names.allSatisfy { expected[$0]!.name == $0 })
    }

    @Test("A tag is plain data")
    func plainData() {
        // A String (or any reference) in it would make each transaction's and each event-log
        // record's copies and destroys go through the runtime again.
        #expect(_isPOD(AgentTag.self))
    }
}
