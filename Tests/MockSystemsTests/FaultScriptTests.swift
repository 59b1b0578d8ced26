// Fault decisions: matching, every scope, every action, delays, rule order, counters, seeded determinism, descriptions.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct FaultScriptTests {
    private static func facts(route: String? = "create", method: String = "POST", path: String = "/callbacks",
                              headers: HTTPHeaders = [:]) -> RequestFacts {
        RequestFacts(route: route, method: method, path: path, headers: headers)
    }

    private static func script(_ rules: JSONValue..., seed: UInt64 = 7) throws -> FaultScript {
        var script = FaultScript(seed: seed)
        for rule in rules { script.add(try FaultRule(json: rule)) }
        return script
    }

    /// Which of `count` identical requests got a decision (1-based).
    private static func acted(_ script: inout FaultScript, _ count: Int, facts: RequestFacts = facts()) -> [Int] {
        (1...count).filter { _ in script.decide(for: facts) != nil }
    }

    @Test func decide_AnswersNormally_WithoutRules() {
        var script = FaultScript()
        #expect(script.decide(for: Self.facts()) == nil)
    }

    @Test func match_SelectsByRouteMethodPathAndHeader() throws {
        var script = try Self.script(
            ["id": "route", "match": ["route": "list"], "action": ["type": "close"]],
            ["id": "method", "match": ["method": "delete"], "action": ["type": "close"]],
            ["id": "path", "match": ["path": "/admin*"], "action": ["type": "close"]],
            ["id": "header", "match": ["header": ["name": "x-fault", "value": "1"]], "action": ["type": "close"]],
            ["id": "present", "match": ["header": ["name": "X-Chaos"]], "action": ["type": "close"]])
        #expect(script.decide(for: Self.facts())?.ruleID == nil)
        #expect(script.decide(for: Self.facts(route: "list"))?.ruleID == "route")
        #expect(script.decide(for: Self.facts(method: "DELETE"))?.ruleID == "method")
        #expect(script.decide(for: Self.facts(path: "/admin/users"))?.ruleID == "path")
        #expect(script.decide(for: Self.facts(headers: ["X-Fault": "1"]))?.ruleID == "header")
        #expect(script.decide(for: Self.facts(headers: ["X-Fault": "2"])) == nil)
        #expect(script.decide(for: Self.facts(headers: ["X-Chaos": ""]))?.ruleID == "present")
        #expect(script.decide(for: Self.facts(route: nil)) == nil)
    }

    @Test func scope_Times_ActsOnTheFirstN() throws {
        var script = try Self.script(["times": 2, "action": ["type": "reset"]])
        #expect(Self.acted(&script, 5) == [1, 2])
    }

    @Test func scope_Requests_ActsOnPositionsFromTo() throws {
        var script = try Self.script(["requests": ["from": 2, "to": 3], "action": ["type": "reset"]])
        #expect(Self.acted(&script, 5) == [2, 3])
        var open = try Self.script(["requests": ["from": 4], "action": ["type": "reset"]])
        #expect(Self.acted(&open, 6) == [4, 5, 6])
    }

    @Test func scope_Every_ActsOnEveryMatchingRequest() throws {
        var script = try Self.script(["match": ["route": "create"], "action": ["type": "reset"]])
        #expect(Self.acted(&script, 3) == [1, 2, 3])
    }

    @Test func scope_Probability_NeverAtZero_AlwaysAtOne_RoughlyInBetween() throws {
        var never = try Self.script(["probability": 0, "action": ["type": "reset"]])
        var always = try Self.script(["probability": 1, "action": ["type": "reset"]])
        var half = try Self.script(["probability": 0.5, "action": ["type": "reset"]])
        #expect(Self.acted(&never, 200).isEmpty)
        #expect(Self.acted(&always, 200).count == 200)
        #expect((60...140).contains(Self.acted(&half, 200).count))
    }

    @Test func seed_SameSeedGivesSameDecisions_OtherSeedDiffers() throws {
        let rules: [JSONValue] = [
            ["probability": 0.3, "delay_ms": ["min": 0, "max": 1000], "action": ["type": "reset"]],
            ["probability": 0.5, "delay_ms": ["min": 0, "max": 1000]],
        ]
        func run(seed: UInt64) throws -> [FaultDecision?] {
            var script = FaultScript(seed: seed)
            for rule in rules { script.add(try FaultRule(json: rule)) }
            return (0..<200).map { _ in script.decide(for: Self.facts()) }
        }
        #expect(try run(seed: 42) == run(seed: 42))
        #expect(try run(seed: 42) != run(seed: 43))
    }

    @Test func seed_RemoveAllRestartsTheGenerator() throws {
        let rule: JSONValue = ["probability": 0.5, "delay_ms": ["min": 0, "max": 100]]
        var script = try Self.script(rule)
        let first = (0..<50).map { _ in script.decide(for: Self.facts()) }
        script.removeAll()
        #expect(script.rules.isEmpty && script.decide(for: Self.facts()) == nil)
        script.add(try FaultRule(json: rule))
        #expect((0..<50).map { _ in script.decide(for: Self.facts()) } == first)
    }

    @Test func generator_IsSplitMix64() {
        var generator = SeededGenerator(seed: 1234567)
        // Reference values of SplitMix64 seeded with 1234567.
        #expect([generator.next(), generator.next(), generator.next()] == [6457827717110365317, 3203168211198807973, 9817491932198370423])
        #expect((0..<1000).allSatisfy { _ in (0.0..<1.0).contains(generator.nextUnitInterval()) })
        #expect((0..<1000).allSatisfy { _ in (3...5).contains(generator.next(in: 3...5)) })
    }

    @Test func statusSequence_AnswersEachStatusOnce_ThenFallsThrough() throws {
        var script = try Self.script(["id": "seq", "action": ["type": "status_sequence", "statuses": [503, 429]]],
                                     ["id": "slow", "delay_ms": 5])
        let decisions = (0..<3).map { _ in script.decide(for: Self.facts()) }
        #expect(decisions.map { $0?.ruleID } == ["seq", "seq", "slow"])
        #expect(decisions[0]?.effect == .respond(status: 503, headers: [:], body: []))
        #expect(decisions[1]?.effect == .respond(status: 429, headers: [:], body: []))
        #expect(decisions[2]?.effect == nil && decisions[2]?.delay == .milliseconds(5))
        #expect(decisions[1]?.describe() == "rule seq: status 429 (2 of 2)")
    }

    @Test func order_FirstApplyingRuleWins_AndEveryMatchingRuleCounts() throws {
        var script = try Self.script(
            ["id": "first", "times": 1, "action": ["type": "reset"]],
            ["id": "second", "requests": ["from": 2, "to": 2], "action": ["type": "close"]],
            ["id": "other", "match": ["route": "list"], "action": ["type": "close"]])
        let decisions = (0..<3).map { _ in script.decide(for: Self.facts())?.ruleID }
        #expect(decisions == ["first", "second", nil])
        #expect(try #require(script.counters(for: "first")) == (matched: 3, fired: 1))
        #expect(try #require(script.counters(for: "second")) == (matched: 3, fired: 1))
        #expect(try #require(script.counters(for: "other")) == (matched: 0, fired: 0))
        #expect(script.counters(for: "missing") == nil)
    }

    @Test func actions_BecomeConcreteFaults() throws {
        func action(_ json: JSONValue) throws -> FaultEffect? {
            var script = try Self.script(["action": json])
            return script.decide(for: Self.facts())?.effect
        }
        #expect(try action(["type": "respond", "status": 503, "headers": ["Retry-After": "1"], "body": ["error": "busy"]])
                == .respond(status: 503, headers: ["Retry-After": "1", "Content-Type": "application/json"], body: Array(#"{"error":"busy"}"#.utf8)))
        #expect(try action(["type": "respond", "status": 500, "body": "oops"])
                == .respond(status: 500, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array("oops".utf8)))
        #expect(try action(["type": "respond", "status": 502, "headers": ["content-type": "text/html"], "body": "<b>"])
                == .respond(status: 502, headers: ["content-type": "text/html"], body: Array("<b>".utf8)))
        #expect(try action(["type": "respond", "status": 204]) == .respond(status: 204, headers: [:], body: []))
        #expect(try action(["type": "reset"]) == .reset)
        #expect(try action(["type": "close"]) == .close)
        #expect(try action(["type": "garbage"]) == .garbage(FaultRule.defaultGarbage))
        #expect(try action(["type": "partial", "bytes": 12, "then": "stall"]) == .partial(bytes: 12, then: .stall))
        #expect(try action(["type": "dribble", "duration_ms": 1500, "chunk_bytes": 4]) == .dribble(duration: .milliseconds(1500), chunkBytes: 4))
    }

    @Test func delay_FixedOrDrawnWithinRange() throws {
        var fixed = try Self.script(["delay_ms": 250])
        #expect(fixed.decide(for: Self.facts())?.delay == .milliseconds(250))
        var ranged = try Self.script(["delay_ms": ["min": 10, "max": 20], "action": ["type": "close"]])
        let delays = (0..<200).compactMap { _ in ranged.decide(for: Self.facts())?.delay.nanoseconds }
        #expect(delays.allSatisfy { (10_000_000...20_000_000).contains($0) && $0 % 1_000_000 == 0 })
        #expect(Set(delays).count > 5)
    }

    @Test func describe_SaysRuleActionDelayAndProgress() throws {
        var script = try Self.script(["id": "r1", "times": 2, "action": ["type": "respond", "status": 503]],
                                     ["id": "r2", "match": ["route": "create"], "delay_ms": 150],
                                     ["id": "r3", "match": ["route": "list"], "requests": ["from": 1, "to": 3], "action": ["type": "partial", "bytes": 4, "then": "reset"]],
                                     ["id": "r4", "match": ["route": "upload"], "probability": 1, "action": ["type": "dribble", "duration_ms": 2000, "chunk_bytes": 8]],
                                     ["id": "r5", "match": ["route": "junk"], "delay_ms": 3, "action": ["type": "garbage", "bytes": "xyz"]])
        #expect(script.decide(for: Self.facts())?.describe() == "rule r1: status 503 (1 of 2)")
        #expect(script.decide(for: Self.facts())?.description == "rule r1: status 503 (2 of 2)")
        #expect(script.decide(for: Self.facts())?.describe() == "rule r2: delay 150 ms, then normal answer (request 3)")
        #expect(script.decide(for: Self.facts(route: "list"))?.describe() == "rule r3: partial (4 bytes) then reset (request 1, in 1-3)")
        #expect(script.decide(for: Self.facts(route: "upload"))?.describe() == "rule r4: dribble over 2000 ms in 8-byte chunks (request 1, probability 1.0)")
        #expect(script.decide(for: Self.facts(route: "junk"))?.describe() == "rule r5: delay 3 ms, then garbage (3 bytes) (request 1)")
    }

    @Test func rules_AddReplacesSameID_RemoveDeletes() throws {
        var script = try Self.script(["id": "a", "times": 1, "action": ["type": "reset"]], ["id": "b", "action": ["type": "close"]])
        #expect(script.decide(for: Self.facts())?.ruleID == "a")
        script.add(try FaultRule(json: ["id": "a", "times": 1, "action": ["type": "close"]]))
        #expect(script.rules.map(\.id) == ["a", "b"])
        #expect(script.decide(for: Self.facts())?.effect == .close)  // fresh counters
        #expect(script.remove(id: "a") && !script.remove(id: "a"))
        #expect(script.rules.map(\.id) == ["b"])
        #expect(script.json["rules"]?.arrayValue?[0]["matched"] == 2)
        #expect(script.json["seed"] == "7")
    }
}
