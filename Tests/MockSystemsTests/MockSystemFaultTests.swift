// Fault rules installed through typed calls, seen from a real client: statuses, scopes, seeded chance, broken connections.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemFaultTests {
    private static func rule(_ json: JSONValue) throws -> FaultRule { try FaultRule(json: json) }

    /// The statuses of `count` sequential GETs to `url` (0 for a failed exchange).
    private static func statuses(_ client: HTTPClient, _ url: String, count: Int) async -> [Int] {
        var statuses: [Int] = []
        for _ in 0..<count { statuses.append((try? await client.send("GET", url).status) ?? 0) }
        return statuses
    }

    @Test func statusSequence_Answers503Twice_ThenStoresTheLeadOnTheNormalAnswer() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        crm.addFault(try Self.rule(["id": "flaky", "match": ["route": "create_callback"], "action": ["type": "status_sequence", "statuses": [503, 503]]]))

        var statuses: [Int] = [], stored: [Int] = []
        for _ in 0..<3 {
            statuses.append(try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead()).status)
            stored.append(crm.records(in: "leads").count)
        }

        #expect(statuses == [503, 503, 201])
        #expect(stored == [0, 0, 1])
        let entries = crm.journal.entries()
        #expect(entries.map(\.status) == [503, 503, 201])
        #expect(entries.map { $0.fault != nil } == [true, true, false])
        #expect(entries[1].fault?.contains("2 of 2") == true)
    }

    @Test func times_ActsOnTheFirstN_AndRequests_ActsOnPositionsFromTo() async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        webhook.addFault(try Self.rule(["match": ["path": "/times"], "times": 2, "action": ["type": "respond", "status": 500]]))
        webhook.addFault(try Self.rule(["match": ["path": "/range"], "requests": ["from": 2, "to": 3], "action": ["type": "respond", "status": 502]]))

        #expect(await Self.statuses(client, webhook.url("/times"), count: 4) == [500, 500, 200, 200])
        #expect(await Self.statuses(client, webhook.url("/range"), count: 5) == [200, 502, 502, 200, 200])
    }

    @Test func match_ByHeader_ActsOnlyOnRequestsCarryingIt() async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        webhook.addFault(try Self.rule(["match": ["method": "POST", "header": ["name": "X-Fault", "value": "yes"]],
                                        "action": ["type": "respond", "status": 418]]))

        let marked = try await client.send("POST", webhook.url("/a"), headers: ["X-Fault": "yes"])
        let otherValue = try await client.send("POST", webhook.url("/a"), headers: ["X-Fault": "no"])
        let otherMethod = try await client.send("PUT", webhook.url("/a"), headers: ["X-Fault": "yes"])

        #expect([marked.status, otherValue.status, otherMethod.status] == [418, 200, 200])
    }

    @Test func probability_WithTheSameSeed_GivesTheSameSequenceOnTwoSystems() async throws {
        let rule = try Self.rule(["probability": 0.5, "action": ["type": "respond", "status": 503]])
        var sequences: [[Int]] = []
        for seed: UInt64 in [7, 7, 8] {
            let webhook = try MockSystem.make("webhook") { $0.faultSeed = seed }
            defer { webhook.stop() }
            let client = try HTTPClient.make()
            defer { client.shutdown() }
            webhook.addFault(rule)
            sequences.append(await Self.statuses(client, webhook.url("/p"), count: 32))
        }

        #expect(sequences[0] == sequences[1])
        #expect(Set(sequences[0]) == [200, 503])
        #expect(sequences[2] != sequences[0], "another seed should give another sequence")
    }

    @Test func delay_HoldsTheAnswer_WhileTheRequestIsJournaledOnArrival() async throws {
        // Long enough that the journal is read while the answer is still held, even on a machine busy with other suites.
        let delay = 1_500
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        webhook.addFault(try Self.rule(["delay_ms": .int(delay)]))

        let sent = MonotonicClock.now()
        let answer = Task { try await client.send("POST", webhook.url("/slow"), body: Array("x".utf8)) }
        let arrived = await webhook.journal.waitForCount(matching: RequestMatcher(path: PathSelector("/slow")), atLeast: 1, timeout: .seconds(5))
        let inFlight = webhook.journal.entries().only
        let response = try await answer.value
        let answered = MonotonicClock.now()

        #expect(arrived == 1)
        #expect(inFlight?.completed == false && inFlight?.status == nil, "journaled before it was answered")
        #expect(response.status == 200)
        let elapsed = milliseconds(from: sent, to: answered)
        // The upper bound only rules out a delay that never ends, below the client's 10 s timeout: a cold swift-test
        // start stalled this test to 6.9 s once.
        #expect(elapsed >= delay && elapsed < delay * 6)
        let entry = try #require(webhook.journal.entries().only)
        #expect(entry.arrivalMonotonicNanoseconds >= sent)
        #expect(milliseconds(from: entry.arrivalMonotonicNanoseconds, to: answered) >= delay)
        #expect(entry.fault?.contains("delay \(delay) ms") == true && entry.status == 200)
    }

    /// A connection-level fault and the client error it must produce.
    struct BrokenAnswer: Sendable, CustomTestStringConvertible {
        var action: JSONValue
        var expected: @Sendable (HTTPClientError) -> Bool
        var testDescription: String { action.jsonText }
    }

    static let brokenAnswers: [BrokenAnswer] = [
        BrokenAnswer(action: ["type": "reset"], expected: { $0 == .connectionReset }),
        BrokenAnswer(action: ["type": "close"], expected: { $0 == .closedWithoutResponse }),
        BrokenAnswer(action: ["type": "garbage"], expected: { if case .malformedResponse = $0 { true } else { false } }),
        BrokenAnswer(action: ["type": "partial", "bytes": 20, "then": "reset"], expected: { $0 == .connectionReset }),
        BrokenAnswer(action: ["type": "partial", "bytes": 20, "then": "close"], expected: { if case .malformedResponse = $0 { true } else { false } }),
    ]

    @Test(arguments: brokenAnswers)
    func connectionFaults_ReachTheClient_AsTheirTypedError(_ broken: BrokenAnswer) async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        webhook.addFault(try Self.rule(["times": 1, "action": broken.action]))

        let outcome = await client.outcome("GET", webhook.url("/broken"))
        let after = try await client.send("GET", webhook.url("/fine"))

        guard case let .failure(error) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(broken.expected(error), "got \(error)")
        #expect(after.status == 200, "the next request is answered normally")
        let entry = try #require(webhook.journal.entries().first)
        #expect(entry.completed && entry.status == nil && entry.fault != nil)
    }

    @Test func partialThenStall_TimesTheClientOut() async throws {
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop(gracePeriod: .zero) }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        webhook.addFault(try Self.rule(["action": ["type": "partial", "bytes": 12, "then": "stall"]]))
        let timeout = 400

        let sent = MonotonicClock.now()
        let outcome = await client.outcome("GET", webhook.url("/stall"), timeout: .milliseconds(timeout))
        let elapsed = milliseconds(from: sent, to: MonotonicClock.now())

        #expect(outcome == .failure(.responseTimedOut))
        // The stall lasts until the client gives up; the upper bound only rules out a hang on a loaded machine.
        #expect(elapsed >= timeout && elapsed < timeout * 25)
    }

    @Test func dribble_SpreadsTheAnswerOverTheDuration() async throws {
        let duration = 400
        let webhook = try MockSystem.make("webhook")
        defer { webhook.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        webhook.addFault(try Self.rule(["action": ["type": "dribble", "duration_ms": .int(duration), "chunk_bytes": 16]]))

        let sent = MonotonicClock.now()
        let response = try await client.send("PATCH", webhook.url("/drip"))
        let elapsed = milliseconds(from: sent, to: MonotonicClock.now())

        #expect(response.status == 200)
        #expect(try response.json() == ["received": true, "method": "PATCH"])
        // The answer ends with the dribble; the upper bound only rules out one that never ends, on a loaded machine.
        #expect(elapsed >= duration && elapsed < duration * 25)
        #expect(webhook.journal.entries().only?.fault?.contains("dribble over \(duration) ms") == true)
    }
}
