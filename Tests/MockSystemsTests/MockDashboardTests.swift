// The dashboard over real sockets: its page, the feed's long polls, masking, the admin token, bad queries, controls.
import Foundation
import HTTPWire
import JSONModel
import Testing
@testable import MockSystems

/// A started CRM and a dashboard for it, both on free loopback ports.
private struct Board {
    let cluster: MockCluster
    let dashboard: MockDashboard
    let client: HTTPClient

    static func make(crmToken: String = "crm-token", adminToken: String? = nil) throws -> Board {
        let cluster = try MockCluster(definitions: [try .builtin("crm")]) { _ in
            .make { $0.auth = .bearer(token: crmToken) }
        }
        try cluster.start()
        var configuration = MockDashboard.Configuration()
        configuration.adminToken = adminToken
        let dashboard = MockDashboard(cluster: cluster, configuration: configuration)
        try dashboard.start()
        return Board(cluster: cluster, dashboard: dashboard, client: try HTTPClient.make())
    }

    var crm: MockSystem { cluster.systems[0] }

    func stop() {
        client.shutdown()
        dashboard.stop(gracePeriod: .zero)
        cluster.stop(gracePeriod: .zero)
    }

    func get(_ path: String, headers: HTTPHeaders = [:], timeout: Duration = .seconds(10)) async throws -> HTTPResponse {
        try await client.send("GET", (dashboard.baseURL ?? "") + path, headers: headers, timeout: timeout)
    }

    func change(_ method: String, _ path: String, json: JSONValue? = nil, headers: HTTPHeaders = [:]) async throws -> HTTPResponse {
        let all = headers.adding(MockDashboard.changeHeader, MockDashboard.changeHeaderValue)
        if let json { return try await client.send(method, (dashboard.baseURL ?? "") + path, headers: all, json: json) }
        return try await client.send(method, (dashboard.baseURL ?? "") + path, headers: all)
    }

    func postLead(token: String = "crm-token", _ lead: JSONValue = Fixture.lead()) async throws -> HTTPResponse {
        try await client.send("POST", crm.url("/callbacks"), headers: ["Authorization": "Bearer \(token)"], json: lead)
    }
}

@Suite struct MockDashboardTests {
    @Test func events_AfterACursor_CarryArrivalAndCompletion_WithStatusAndDuration() async throws {
        let board = try Board.make()
        defer { board.stop() }
        _ = try await board.get("/api/systems")  // a page is looking: the feed records from now on
        #expect(try await board.postLead().status == 201)

        let answer = try await board.get("/api/events?after=0")
        let json = try answer.json()
        let events = try #require(json["events"]?.arrayValue)

        #expect(answer.status == 200)
        #expect(events.map { $0["kind"]?.stringValue } == ["arrived", "completed"])
        #expect(events[1]["request"]?["status"] == 201)
        #expect(events[1]["request"]?["route"] == "create_callback")
        #expect(events[1]["request"]?["duration_ms"]?.doubleValue != nil)
        #expect(json["next"] == 2 && json["missed"] == 0)
        #expect(try await board.get("/api/events?after=1").json()["events"]?.arrayValue?.count == 1)
    }

    /// More events than a page holds: the answer is only how many were missed and where to go on from, so a busy mock
    /// renders nothing the page would throw away (it reads the newest requests afresh instead).
    @Test func events_BeyondTheLimit_AnswerOnlyMissedAndNext() async throws {
        let board = try Board.make()
        defer { board.stop() }
        _ = try await board.get("/api/systems")
        for _ in 0..<2 { #expect(try await board.postLead().status == 201) }

        let behind = try await board.get("/api/events?after=0&limit=3").json()
        let caughtUp = try await board.get("/api/events?after=1&limit=3").json()

        #expect(behind["events"] == [] && behind["missed"] == 1 && behind["next"] == 4)
        #expect(caughtUp["events"]?.arrayValue?.count == 3 && caughtUp["missed"] == 0 && caughtUp["next"] == 4)
    }

    /// Nobody looking: requests leave the feed alone (one atomic load each); the first API call starts it, and it
    /// stops again once no call came for `watchWindow`.
    @Test func feed_RecordsOnlyWhileAPageLooks() async throws {
        let board = try Board.make()
        defer { board.stop() }
        #expect(try await board.postLead().status == 201)
        let unwatched = board.dashboard.feed.latestSequence
        _ = try await board.get("/api/requests")
        #expect(try await board.postLead().status == 201)
        let watched = board.dashboard.feed.latestSequence

        #expect(unwatched == 0, "no page had looked")
        #expect(watched == 2, "an arrival and a completion while a page looks")
        let now = MonotonicClock.now(), window = DashboardFeed.watchWindow.nanoseconds
        #expect(board.dashboard.feed.isWatched(now: now + window / 2))
        #expect(!board.dashboard.feed.isWatched(now: now + window + 1_000_000_000))
        #expect(!DashboardFeed().isWatched(), "a feed nobody ever looked at")
    }

    @Test func events_WaitUpToWaitMs_ThenAnswerAnEmptyList() async throws {
        let board = try Board.make()
        defer { board.stop() }

        let started = MonotonicClock.now()
        let answer = try await board.get("/api/events?after=0&wait_ms=300")
        let elapsed = milliseconds(from: started, to: MonotonicClock.now())

        #expect(answer.status == 200)
        #expect(try answer.json()["events"] == .array([]))
        #expect(try answer.json()["next"] == 0)
        #expect(elapsed >= 250, "answered after \(elapsed) ms")
        #expect(elapsed < 9_000, "the wait is bounded (the client gives up at 10 s); a cold start may add seconds")
        #expect(board.dashboard.feed.pendingWaitCount == 0)
    }

    @Test func events_AnswerAWaitingPoll_AsSoonAsARequestArrives() async throws {
        let board = try Board.make()
        defer { board.stop() }

        let started = MonotonicClock.now()
        let polling = Task { try await board.get("/api/events?after=0&wait_ms=20000", timeout: .seconds(30)) }
        #expect(await eventually { board.dashboard.feed.pendingWaitCount == 1 }, "the poll never started waiting")
        _ = try await board.postLead()
        let answer = try await polling.value

        #expect(try answer.json()["events"]?[0]?["kind"] == "arrived")
        #expect(milliseconds(from: started, to: MonotonicClock.now()) < 10_000)
    }

    @Test func events_AVanishedBrowsersPoll_CostsTheMocksNothing_AndIsDroppedOnTheNextEvent() async throws {
        let board = try Board.make()
        defer { board.stop() }

        // The client gives up after 200 ms and closes its connection: the poll's browser is gone.
        let gone = try? await board.get("/api/events?after=0&wait_ms=20000", timeout: .milliseconds(200))
        let waitingAfterwards = board.dashboard.feed.pendingWaitCount
        let started = MonotonicClock.now()
        let lead = try await board.postLead()
        let elapsed = milliseconds(from: started, to: MonotonicClock.now())

        #expect(gone == nil)
        #expect(waitingAfterwards == 1, "the server cannot know yet; the poll waits for its event or its timeout")
        #expect(lead.status == 201)
        #expect(elapsed < 10_000, "well under the poll's 20 s wait: the lead never waits for the vanished browser")
        #expect(board.dashboard.feed.pendingWaitCount == 0, "the event woke it; its answer went nowhere, harmlessly")
        #expect(try await board.get("/api/events?after=0").json()["next"] == 2, "the dashboard still answers")
    }

    @Test func requests_Detail_AndCollections_MaskSecretsAsTheJournalDoes() async throws {
        let secret = "planted-\(UUID().uuidString)"
        let board = try Board.make(crmToken: secret)
        defer { board.stop() }
        let lead = Fixture.lead().setting("reason", .string("call back about \(secret)"))
        #expect(try await board.postLead(token: secret, lead).status == 201)

        let detail = try await board.get("/api/systems/crm/requests/1")
        let request = try #require(try detail.json()["request"])
        let authorization = request["headers"]?.arrayValue?.first { $0["name"] == "Authorization" }
        let answers = [detail, try await board.get("/api/requests"), try await board.get("/api/events?after=0"),
                       try await board.get("/api/systems/crm/collections/leads")]

        #expect(authorization?["value"] == "***" && authorization?["secret"] == true)
        #expect(request["body_json"]?["reason"] == "call back about ***")
        #expect(request == board.crm.journal.entry(id: 1)?.dashboardDetail)
        #expect(request.removing("duration_ms") == board.crm.journal.entry(id: 1)?.json(revealSecrets: false))
        #expect(try answers[3].json()["records"]?[0]?["reason"] == "call back about ***")
        for answer in answers {
            #expect(answer.status == 200)
            #expect(!answer.bodyText.contains(secret), "\(answer.bodyText.prefix(200))")
        }
    }

    @Test func adminToken_GuardsEveryAPICall_NotThePageWhichHoldsNoData() async throws {
        let board = try Board.make(adminToken: "let-me-in")
        defer { board.stop() }

        let page = try await board.get("/")
        let refused = try await board.get("/api/systems")
        let wrong = try await board.get("/api/events?after=0", headers: ["X-Admin-Token": "nope"])
        let header = try await board.get("/api/systems", headers: ["X-Admin-Token": "let-me-in"])
        let bearer = try await board.get("/api/systems", headers: ["Authorization": "Bearer let-me-in"])
        let reset = try await board.change("POST", "/api/systems/crm/reset")

        #expect(page.status == 200 && page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(!page.bodyText.contains(board.crm.baseURL ?? "-"), "the page is a shell: data comes from the API")
        #expect(refused.status == 401 && wrong.status == 401 && reset.status == 401)
        #expect(try refused.json()["message"]?.stringValue?.contains("X-Admin-Token") == true)
        #expect(header.status == 200 && bearer.status == 200)
        #expect(try header.json()["systems"]?[0]?["name"] == "crm")
    }

    @Test func badQueryValues_Answer400_NamingTheParameter() async throws {
        let board = try Board.make()
        defer { board.stop() }
        let cases: [(String, String)] = [
            ("/api/events", "after is required"),
            ("/api/events?after=x", "after must be an integer 0 or more"),
            ("/api/events?after=-1", "after must be an integer 0 or more"),
            ("/api/events?after=0&wait_ms=30001", "wait_ms must be an integer 0-30000"),
            ("/api/events?after=0&limit=0", "limit must be an integer 1-500"),
            ("/api/events?after=0&after=1", "'after' is given twice"),
            ("/api/events?after=0&since=1", "unknown query parameter 'since'; this call takes: after, wait_ms, limit"),
            ("/api/requests?limit=501", "limit must be an integer 1-500"),
            ("/api/requests?system=nope", "system must name a running system (crm)"),
            ("/api/systems/crm/requests/abc", "a request id is a positive integer"),
            ("/api/systems/crm/collections/leads?limit=9999", "limit must be an integer 1-500"),
        ]
        for (path, message) in cases {
            let answer = try await board.get(path)
            #expect(answer.status == 400, "\(path)")
            #expect(try answer.json()["error"] == "bad_request", "\(path)")
            #expect(try answer.json()["message"]?.stringValue?.contains(message) == true, "\(path): \(answer.bodyText)")
        }
        #expect(try await board.get("/api/systems/nope/faults").status == 404)
        #expect(try await board.get("/api/systems/crm/requests/99").status == 404)
        #expect(try await board.get("/api/nothing").status == 404)
        #expect(try await board.get("/other.js").status == 404)
    }

    @Test func faultsAndReset_FromTheAPI_ActOnTheSystem_AndNeedTheChangeHeader() async throws {
        let board = try Board.make()
        defer { board.stop() }
        let rule: JSONValue = ["action": ["type": "status_sequence", "statuses": [503]]]

        let unmarked = try await board.client.send("POST", (board.dashboard.baseURL ?? "") + "/api/systems/crm/faults", json: rule)
        let added = try await board.change("POST", "/api/systems/crm/faults", json: rule)
        let listed = try await board.get("/api/systems/crm/faults")
        let faulted = try await board.postLead()
        let stored = try await board.postLead()
        let invalid = try await board.change("POST", "/api/systems/crm/faults", json: ["action": ["type": "teleport"]])
        let notJSON = try await board.client.send(
            "POST", (board.dashboard.baseURL ?? "") + "/api/systems/crm/faults",
            headers: [MockDashboard.changeHeader: MockDashboard.changeHeaderValue], body: Array("{teleport".utf8))
        let wrongMethod = try await board.get("/api/systems/crm/reset")
        let reset = try await board.change("POST", "/api/systems/crm/reset")
        let records = try await board.get("/api/systems/crm/collections/leads")

        #expect(unmarked.status == 403)
        #expect(added.status == 201)
        #expect(try listed.json()["faults"]?[0]?["action"]?["type"] == "status_sequence")
        #expect(faulted.status == 503 && stored.status == 201)
        #expect(added.headers["Cache-Control"] == "no-store" && invalid.headers["Cache-Control"] == "no-store")
        #expect(try invalid.status == 422 && invalid.json()["error"] == "bad_fault")
        #expect(try notJSON.status == 400 && notJSON.json()["error"] == "invalid_json")
        #expect(wrongMethod.status == 405 && wrongMethod.headers["Allow"] == "POST")
        #expect(reset.status == 204)
        #expect(try records.json()["records"] == .array([]) && board.crm.records(in: "leads").isEmpty)
        #expect(try await board.get("/api/events?after=0").json()["events"]?.arrayValue?.last?["kind"] == "reset")
    }

    @Test func page_IsServedFromTheBinary_WithAPolicyThatAllowsOnlyItsOwnFiles() async throws {
        let board = try Board.make()
        defer { board.stop() }

        let page = try await board.get("/")
        let script = try await board.get("/dashboard.js")
        let style = try await board.get("/dashboard.css")
        let panels = try await board.get("/dashboard-panels.js")

        #expect(page.bodyText.contains(#"<script src="/dashboard.js" defer></script>"#))
        #expect(script.status == 200 && script.headers["Content-Type"] == "text/javascript; charset=utf-8")
        #expect(panels.status == 200 && panels.bodyText.hasSuffix("start();\n"))
        #expect(style.status == 200 && style.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(page.headers["Content-Security-Policy"]?.contains("default-src 'none'; script-src 'self'") == true)
        for answer in [page, script, style, panels] {
            #expect(!answer.bodyText.contains("http://") && !answer.bodyText.contains("https://"), "no external URL")
        }
    }
}
