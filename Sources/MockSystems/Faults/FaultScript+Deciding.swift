// Deciding, for one request, which rule applies and what it does.
import JSONModel
import HTTPWire

extension FaultScript {
    /// The decision for the request described by `facts`, or nil to answer normally.
    ///
    /// Every rule whose match applies counts the request (positions are per rule, whether or not an earlier
    /// rule won the request) and, for a `probability` scope, draws once. The first rule whose match and scope
    /// apply, and which is not exhausted, wins; it then draws its delay.
    public mutating func decide(for facts: RequestFacts) -> FaultDecision? {
        var decision: FaultDecision?
        for index in entries.indices where entries[index].rule.match.matches(facts) {
            entries[index].matched += 1
            let inScope = scopeApplies(entries[index])
            guard decision == nil, inScope, !isExhausted(entries[index]) else { continue }
            entries[index].fired += 1
            decision = makeDecision(for: entries[index])
        }
        return decision
    }

    private mutating func scopeApplies(_ entry: ScriptedRule) -> Bool {
        switch entry.rule.scope {
        case .every: return true
        case let .times(count): return entry.matched <= count
        case let .requests(from, to): return (from...to).contains(entry.matched)
        case let .probability(chance): return generator.nextUnitInterval() < chance
        }
    }

    private func isExhausted(_ entry: ScriptedRule) -> Bool {
        if case let .statusSequence(statuses)? = entry.rule.action { return entry.fired >= statuses.count }
        return false
    }

    private mutating func makeDecision(for entry: ScriptedRule) -> FaultDecision {
        let rule = entry.rule
        var delayMilliseconds = 0
        switch rule.delay {
        case nil: break
        case let .fixed(milliseconds)?: delayMilliseconds = milliseconds
        case let .uniform(low, high)?: delayMilliseconds = generator.next(in: low...high)
        }
        var effect: FaultEffect?
        var progress: String
        switch rule.scope {
        case .every: progress = "request \(entry.matched)"
        case let .times(count): progress = "\(entry.matched) of \(count)"
        case let .requests(from, to): progress = "request \(entry.matched), in \(from)-\(to == Int.max ? "" : String(to))"
        case let .probability(chance): progress = "request \(entry.matched), probability \(chance)"
        }
        switch rule.action {
        case nil: effect = nil
        case let .respond(status, headers, body)?: effect = Self.response(status: status, headers: headers, body: body)
        case let .statusSequence(statuses)?:
            effect = .respond(status: statuses[entry.fired - 1], headers: [:], body: [])
            progress = "\(entry.fired) of \(statuses.count)"
        case .reset?: effect = .reset
        case .close?: effect = .close
        case let .garbage(bytes)?: effect = .garbage(bytes)
        case let .partial(bytes, ending)?: effect = .partial(bytes: bytes, then: ending)
        case let .dribble(duration, chunkBytes)?:
            effect = .dribble(duration: .milliseconds(duration), chunkBytes: chunkBytes)
        }
        return FaultDecision(ruleID: rule.id, delay: .milliseconds(delayMilliseconds), effect: effect,
                             position: entry.matched, progress: progress)
    }

    /// A string body goes out as text, any other JSON as JSON, each with a Content-Type unless the rule set one.
    static func response(status: Int, headers: HTTPHeaders, body: JSONValue?) -> FaultEffect {
        var headers = headers
        let bytes: [UInt8]
        switch body {
        case nil: bytes = []
        case let .string(text)?:
            bytes = Array(text.utf8)
            if !headers.contains("Content-Type") { headers.add("Content-Type", "text/plain; charset=utf-8") }
        case let value?:
            bytes = value.encoded()
            if !headers.contains("Content-Type") { headers.add("Content-Type", "application/json") }
        }
        return .respond(status: status, headers: headers, body: bytes)
    }
}
