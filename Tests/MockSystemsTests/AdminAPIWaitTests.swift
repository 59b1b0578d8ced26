// Server-side waits over POST /__admin/requests/count: answered when enough requests arrive, or when the wait ends.
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct AdminAPIWaitTests {
    /// Starts a count request that waits up to `waitMilliseconds` for `atLeast` leads.
    private static func startWait(_ client: HTTPClient, _ crm: MockSystem, waitMilliseconds: Int,
                                  atLeast: Int) -> Task<HTTPResponse, any Error> {
        Task {
            try await client.send("POST", crm.url("/__admin/requests/count"),
                                  json: ["route": "create_callback", "wait_ms": .int(waitMilliseconds), "at_least": .int(atLeast)],
                                  timeout: .milliseconds(waitMilliseconds + 5_000))
        }
    }

    @Test func wait_Answers_AsSoonAsALeadPostedMeanwhileArrives() async throws {
        let waitMilliseconds = 10_000
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let started = MonotonicClock.now()
        let waiting = Self.startWait(client, crm, waitMilliseconds: waitMilliseconds, atLeast: 1)
        #expect(await eventually { crm.journal.pendingWaitCount == 1 }, "the wait never started")
        let lead = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())
        let answer = try await waiting.value
        let elapsed = milliseconds(from: started, to: MonotonicClock.now())

        #expect(lead.status == 201)
        #expect(answer.status == 200)
        #expect(try answer.json()["count"] == 1 && answer.json()["satisfied"] == true)
        #expect(try (answer.json()["waited_ms"]?.intValue ?? .max) < waitMilliseconds / 2)
        #expect(elapsed < waitMilliseconds / 2)
        #expect(crm.journal.pendingWaitCount == 0)
    }

    @Test func wait_KeepsWaiting_UntilAtLeastIsReached() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }

        let waiting = Self.startWait(client, crm, waitMilliseconds: 10_000, atLeast: 3)
        #expect(await eventually { crm.journal.pendingWaitCount == 1 }, "the wait never started")
        for name in ["one", "two"] {
            _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead(name: name))
        }
        let pendingAfterTwo = crm.journal.pendingWaitCount
        _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead(name: "three"))
        let answer = try await waiting.value

        #expect(pendingAfterTwo == 1, "two leads are fewer than at_least")
        #expect(try answer.json()["count"] == 3)
        #expect(try (answer.json()["waited_ms"]?.intValue ?? .max) < 5_000)
    }

    @Test func wait_AnswersTheCurrentCount_WhenTheWaitEnds() async throws {
        let waitMilliseconds = 300
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())

        let started = MonotonicClock.now()
        let answer = try await Self.startWait(client, crm, waitMilliseconds: waitMilliseconds, atLeast: 2).value
        let elapsed = milliseconds(from: started, to: MonotonicClock.now())

        #expect(answer.status == 200)
        #expect(try answer.json()["count"] == 1 && answer.json()["satisfied"] == false)
        #expect(try (answer.json()["waited_ms"]?.intValue ?? 0) >= waitMilliseconds)
        // Without its timer the wait would last the client's whole timeout; the bound only rules out that.
        #expect(elapsed >= waitMilliseconds && elapsed < waitMilliseconds + 4_000)
    }

    @Test func wait_AnswersAtOnce_WhenTheCountIsAlreadyReached() async throws {
        let crm = try MockSystem.make("crm")
        defer { crm.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.send("POST", crm.url("/callbacks"), headers: Fixture.crmAuth, json: Fixture.lead())

        let answer = try await Self.startWait(client, crm, waitMilliseconds: 10_000, atLeast: 1).value

        #expect(try answer.json()["count"] == 1)
        #expect(try (answer.json()["waited_ms"]?.intValue ?? .max) < 5_000)
    }
}
