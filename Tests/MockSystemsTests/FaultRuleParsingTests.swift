// Reading fault rules from JSON: every scope, delay and action, every validation error, and the round trip.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct FaultRuleParsingTests {
    @Test func parsing_ReadsAFullRule() throws {
        let rule = try FaultRule(json: [
            "id": "r1",
            "match": ["route": "create", "method": "POST", "path": "/callbacks*", "header": ["name": "X-Fault", "value": "1"]],
            "times": 2, "delay_ms": ["min": 10, "max": 20],
            "action": ["type": "respond", "status": 503, "headers": ["Retry-After": "1"], "body": ["error": "busy"]],
        ])
        #expect(rule == FaultRule(
            id: "r1",
            match: FaultMatch(route: "create", method: "POST", path: PathSelector("/callbacks*"), header: .init(name: "X-Fault", value: "1")),
            scope: .times(2), delay: .uniform(minMilliseconds: 10, maxMilliseconds: 20),
            action: .respond(status: 503, headers: ["Retry-After": "1"], body: ["error": "busy"])))
    }

    @Test(arguments: [
        (["requests": ["from": 2, "to": 3], "action": ["type": "reset"]], .requests(from: 2, to: 3)),
        (["requests": ["from": 2], "action": ["type": "reset"]], .requests(from: 2, to: Int.max)),
        (["probability": 0.25, "action": ["type": "close"]], .probability(0.25)),
        (["probability": 1, "action": ["type": "close"]], .probability(1)),
        (["times": 1, "action": ["type": "close"]], .times(1)),
        (["action": ["type": "close"]], .every),
    ] as [(JSONValue, FaultScope)])
    func parsing_ReadsEachScope(_ json: JSONValue, _ scope: FaultScope) throws {
        #expect(try FaultRule(json: json).scope == scope)
    }

    @Test(arguments: [
        (["type": "status_sequence", "statuses": [503, 429]], .statusSequence([503, 429])),
        (["type": "reset"], .reset),
        (["type": "close"], .close),
        (["type": "garbage"], .garbage(FaultRule.defaultGarbage)),
        (["type": "garbage", "bytes": "HTTP/9"], .garbage(Array("HTTP/9".utf8))),
        (["type": "partial", "bytes": 10, "then": "stall"], .partial(bytes: 10, then: .stall)),
        (["type": "partial", "bytes": 0, "then": "reset"], .partial(bytes: 0, then: .reset)),
        (["type": "partial", "bytes": 5], .partial(bytes: 5, then: .close)),
        (["type": "dribble", "duration_ms": 2000], .dribble(durationMilliseconds: 2000, chunkBytes: 1)),
        (["type": "dribble", "duration_ms": 500, "chunk_bytes": 16], .dribble(durationMilliseconds: 500, chunkBytes: 16)),
        (["type": "respond", "status": 200, "body": "plain"], .respond(status: 200, headers: [:], body: "plain")),
    ] as [(JSONValue, FaultRule.Action)])
    func parsing_ReadsEachAction(_ action: JSONValue, _ expected: FaultRule.Action) throws {
        #expect(try FaultRule(json: ["action": action]).action == expected)
    }

    @Test func parsing_AcceptsADelayAlone_FixedOrRanged() throws {
        #expect(try FaultRule(json: ["delay_ms": 250]).delay == .fixed(milliseconds: 250))
        #expect(try FaultRule(json: ["delay_ms": 250]).action == nil)
        #expect(try FaultRule(json: ["delay_ms": ["min": 5, "max": 5]]).delay == .uniform(minMilliseconds: 5, maxMilliseconds: 5))
    }

    @Test(arguments: [
        (JSONValue.string("x"), "", "expected an object, got string"),
        ([:], "", "a rule needs an action, a delay_ms, or both"),
        (["match": ["route": "a"]], "", "a rule needs an action"),
        (["action": ["type": "close"], "scope": 1], "scope", "unknown key"),
        (["action": ["type": "close"], "times": 1, "probability": 0.5], "probability", "use at most one of times, requests, probability; got times and probability"),
        (["action": ["type": "close"], "times": 0], "times", "must be 1 or more, got 0"),
        (["action": ["type": "close"], "times": 1.5], "times", "expected an integer, got number"),
        (["action": ["type": "close"], "requests": ["from": 0]], "requests.from", "must be 1 or more, got 0"),
        (["action": ["type": "close"], "requests": ["to": 3]], "requests.from", "is required"),
        (["action": ["type": "close"], "requests": ["from": 3, "to": 2]], "requests.to", "must be 3 or more, got 2"),
        (["action": ["type": "close"], "requests": ["from": 1, "until": 2]], "requests.until", "unknown key"),
        (["action": ["type": "close"], "probability": 1.5], "probability", "must be from 0 to 1, got 1.5"),
        (["action": ["type": "close"], "probability": -0.1], "probability", "must be from 0 to 1"),
        (["action": ["type": "close"], "probability": "high"], "probability", "expected a number from 0 to 1, got string"),
        (["delay_ms": -1], "delay_ms", "must be 0 to 600000, got -1"),
        (["delay_ms": 600_001], "delay_ms", "must be 0 to 600000"),
        (["delay_ms": "1s"], "delay_ms", "expected milliseconds as an integer or {\"min\", \"max\"}, got string"),
        (["delay_ms": ["min": 20, "max": 10]], "delay_ms.min", "must not exceed max, got min 20 and max 10"),
        (["delay_ms": ["min": 1]], "delay_ms.max", "is required"),
        (["delay_ms": ["max": 1]], "delay_ms.min", "is required"),
        (["delay_ms": 1, "match": "all"], "match", "expected an object, got string"),
        (["delay_ms": 1, "match": ["verb": "GET"]], "match.verb", "unknown key"),
        (["delay_ms": 1, "match": ["path": 3]], "match.path", "expected a string, got integer"),
        (["delay_ms": 1, "match": ["header": ["value": "1"]]], "match.header.name", "is required"),
        (["delay_ms": 1, "match": ["header": ["name": "X", "value": 1]]], "match.header.value", "expected a string, got integer"),
        (["action": "reset"], "action", "expected an object, got string"),
        (["action": [:]], "action.type", "is required; one of: respond, status_sequence"),
        (["action": ["type": "explode"]], "action.type", "must be one of: respond, status_sequence, reset, close, garbage, partial, dribble; got \"explode\""),
        (["action": ["type": "respond"]], "action.status", "is required (100-599)"),
        (["action": ["type": "respond", "status": 99]], "action.status", "must be 100 to 599, got 99"),
        (["action": ["type": "respond", "status": 600]], "action.status", "must be 100 to 599, got 600"),
        (["action": ["type": "respond", "status": 200, "headers": ["A": 1]]], "action.headers.A", "expected a string, got integer"),
        (["action": ["type": "respond", "status": 200, "code": 1]], "action.code", "unknown key"),
        (["action": ["type": "status_sequence"]], "action.statuses", "is required: a non-empty array"),
        (["action": ["type": "status_sequence", "statuses": []]], "action.statuses", "non-empty array"),
        (["action": ["type": "status_sequence", "statuses": [503, 42]]], "action.statuses[1]", "must be 100 to 599, got 42"),
        (["action": ["type": "reset", "after": 1]], "action.after", "unknown key"),
        (["action": ["type": "garbage", "bytes": ""]], "action.bytes", "must not be empty"),
        (["action": ["type": "partial"]], "action.bytes", "is required"),
        (["action": ["type": "partial", "bytes": -1]], "action.bytes", "must be 0 or more, got -1"),
        (["action": ["type": "partial", "bytes": 1, "then": "explode"]], "action.then", "must be \"stall\", \"reset\" or \"close\"; got \"explode\""),
        (["action": ["type": "dribble"]], "action.duration_ms", "is required"),
        (["action": ["type": "dribble", "duration_ms": 0]], "action.duration_ms", "must be 1 to 600000, got 0"),
        (["action": ["type": "dribble", "duration_ms": 10, "chunk_bytes": 0]], "action.chunk_bytes", "must be 1 or more, got 0"),
        (["action": ["type": "close"], "id": ""], "id", "must not be empty"),
    ] as [(JSONValue, String, String)])
    func parsing_RejectsBadInput_NamingTheKeyPath(_ json: JSONValue, _ keyPath: String, _ problem: String) {
        #expect {
            try FaultRule(json: json)
        } throws: { error in
            guard let error = error as? FaultRuleError else { return false }
            return error.keyPath == keyPath && error.problem.contains(problem) && error.description.hasPrefix("fault rule")
        }
    }

    @Test(arguments: [
        ["id": "r1", "match": ["route": "a", "header": ["name": "X-Fault"]], "requests": ["from": 2, "to": 4], "delay_ms": 5,
                   "action": ["type": "respond", "status": 503, "headers": ["Retry-After": "1"], "body": "busy"]],
        ["id": "r2", "probability": 0.5, "delay_ms": ["min": 1, "max": 9], "action": ["type": "partial", "bytes": 3, "then": "stall"]],
        ["id": "r3", "action": ["type": "dribble", "duration_ms": 100, "chunk_bytes": 2]],
        ["id": "r4", "times": 3, "action": ["type": "status_sequence", "statuses": [500, 502]]],
        ["id": "r5", "requests": ["from": 7], "action": ["type": "garbage", "bytes": "junk"]],
    ] as [JSONValue])
    func encoding_RoundTrips(_ json: JSONValue) throws {
        let rule = try FaultRule(json: json)
        #expect(rule.json == json)
        #expect(try FaultRule(json: rule.json) == rule)
    }

    @Test func parsing_DerivesTheSameID_FromTheSameContent() throws {
        let first = try FaultRule(json: ["times": 1, "action": ["type": "reset"]])
        let again = try FaultRule(json: ["action": ["type": "reset"], "times": 1])
        let other = try FaultRule(json: ["times": 2, "action": ["type": "reset"]])
        #expect(first.id == again.id && first.id != other.id)
        #expect(first.id.hasPrefix("f") && first.id.count == 9)
        #expect(try FaultRule(json: first.json) == first)
    }
}

@Suite struct FaultRuleFactoryTests {
    /// Each factory builds exactly the rule its JSON form reads as, id included, so a rule shown by the admin API
    /// reads the same whichever way a test made it.
    @Test func factories_EqualTheirJSONForms() throws {
        let pairs: [(FaultRule, JSONValue)] = [
            (.respond(503), ["action": ["type": "respond", "status": 503]]),
            (.respond(429, headers: ["Retry-After": "2"], body: ["error": "slow down"], path: "/busy", times: 1, delay: .milliseconds(50)),
             ["match": ["path": "/busy"], "times": 1, "delay_ms": 50,
              "action": ["type": "respond", "status": 429, "headers": ["Retry-After": "2"], "body": ["error": "slow down"]]]),
            (.delay(.milliseconds(200), times: 2), ["times": 2, "delay_ms": 200]),
            (.statusSequence([503, 503], path: "/flaky"), ["match": ["path": "/flaky"], "action": ["type": "status_sequence", "statuses": [503, 503]]]),
            (.connection(.reset, path: "/broken"), ["match": ["path": "/broken"], "action": ["type": "reset"]]),
            (.connection(.garbage(FaultRule.defaultGarbage)), ["action": ["type": "garbage"]]),
        ]
        for (built, json) in pairs {
            #expect(built == (try FaultRule(json: json)), "\(json)")
        }
        #expect(FaultRule.respond(503).id != FaultRule.respond(502).id)
    }
}
