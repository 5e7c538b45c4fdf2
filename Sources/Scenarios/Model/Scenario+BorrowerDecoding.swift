import Agents
import Foundation
import GSL

extension BorrowerSpec {
    /// `agents.borrowers`: `market`, then either `count` + `collateral`, `amount`, `debt`,
    /// `health`, or `snapshot` (a CSV path relative to the scenario file); optional `behaviour`.
    init(node: InputNode, markets: [LendingMarketSpec], references: References, scenarioPath: String) throws {
        let drawnKeys: Set<String> = ["count", "collateral", "amount", "debt", "health"]
        let map = try node.mapping(allowedKeys: drawnKeys.union(["market", "snapshot", "behaviour"]))
        let marketNode = try map.required("market")
        let market = try marketNode.string()
        self.market = market
        guard let spec = markets.first(where: { $0.id == market }) else {
            throw InputError("\(marketNode.path): unknown lending market '\(market)'\(Suggestion.didYouMean(market, in: markets.map(\.id)))",
                             at: marketNode.location)
        }
        if let snapshotNode = map.optional("snapshot") {
            if let key = map.keys.first(where: drawnKeys.contains) {
                throw InputError("\(node.path).\(key): give either snapshot or count with collateral, amount, debt and health",
                                 at: map.optional(key)?.location ?? node.location)
            }
            let resolved = Scenario.resolvedPath(try snapshotNode.string(), scenarioPath: scenarioPath)
            let text: String
            do {
                text = try String(contentsOfFile: resolved, encoding: .utf8)
            } catch {
                throw InputError("\(snapshotNode.path): cannot read \(resolved)", at: snapshotNode.location)
            }
            let positions = try PositionSnapshot.parse(text, file: resolved, market: spec, references: references)
            count = positions.count
            self.positions = .snapshot(BorrowerSnapshot(resolvedPath: resolved, positions: positions))
        } else {
            count = try map.required("count").int(in: 0...1_000_000)
            self.positions = .drawn(try BorrowerDraws(map, market: spec, references: references))
        }
        behaviour = try map.optional("behaviour").map { try BorrowerBehaviourSpec(node: $0, references: references) }
    }
}

extension BorrowerDraws {
    init(_ map: InputMapping, market spec: LendingMarketSpec, references: References) throws {
        func listed(_ key: String) throws -> String {
            let node = try map.required(key)
            let symbol = try references.asset(node)
            guard spec.assets.contains(where: { $0.symbol == symbol }) else {
                throw InputError("\(node.path): \(symbol) is not listed in market \(spec.id)", at: node.location)
            }
            return symbol
        }
        let collateralSymbol = try listed("collateral"), debtSymbol = try listed("debt")
        collateral = collateralSymbol
        debt = debtSymbol
        let debtNode = try map.required("debt")
        guard collateralSymbol != debtSymbol else { throw InputError("\(debtNode.path): the debt asset must differ from the collateral", at: debtNode.location) }
        let amountNode = try map.required("amount")
        let amountDistribution = try amountNode.distribution()
        amount = amountDistribution
        guard amountDistribution.lowerBound >= 0 else { throw InputError("\(amountNode.path): an amount cannot be negative", at: amountNode.location) }
        let healthNode = try map.required("health")
        let healthDistribution = try healthNode.distribution()
        health = healthDistribution
        guard healthDistribution.lowerBound > 0 else { throw InputError("\(healthNode.path): a health factor must be positive", at: healthNode.location) }
    }
}

extension BorrowerBehaviourSpec {
    /// `behaviour: {below, action, target, probability, latency, reserve, priority_fee}`.
    init(node: InputNode, references: References) throws {
        let map = try node.mapping(allowedKeys: ["below", "action", "target", "probability", "latency", "reserve", "priority_fee"])
        below = try map.required("below").double(min: 1e-6, exclusiveMax: 1e6)
        let actionNode = try map.required("action")
        let actionText = try actionNode.string()
        guard let action = BorrowerAction(rawValue: actionText) else {
            let names = BorrowerAction.allCases.map(\.rawValue)
            throw InputError("\(actionNode.path): expected \(names.joined(separator: " or "))\(Suggestion.didYouMean(actionText, in: names))",
                             at: actionNode.location)
        }
        self.action = action
        let targetNode = try map.required("target")
        target = try targetNode.double(min: 1e-6, exclusiveMax: 1e6)
        guard target > below else {
            throw InputError("\(targetNode.path): the target health must be above `below` (\(InputNode.format(below)))", at: targetNode.location)
        }
        probability = try map.optional("probability")?.double(in: 0...1) ?? 1
        latency = try map.optional("latency")?.delayDistribution() ?? .constant(0)
        reserve = try map.optional("reserve").map { try ArbitrageurSpec.capital($0, references: references) } ?? []
        priorityFee = try map.optional("priority_fee")?.double(in: 0...1e6) ?? 1
    }
}
