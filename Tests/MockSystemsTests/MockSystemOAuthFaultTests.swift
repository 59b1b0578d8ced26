// Fault rules on the issuer's token route (`issue_token`): a slow issuer, a refused client, a 503 sequence.
import JSONModel
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct MockSystemOAuthFaultTests {
    static let tokenForm = [("grant_type", "client_credentials")]

    /// The built-in issuer with `rule` installed through the admin API, and a client; stop both with `defer`.
    static func issuer(with rule: JSONValue) async throws -> (MockSystem, HTTPClient) {
        let oauth = try MockSystem.make("oauth")
        let client = try HTTPClient.make()
        let added = try await client.send("POST", oauth.url("/__admin/faults"), json: rule)
        #expect(added.status == 201, "\(added.bodyText)")
        return (oauth, client)
    }

    func requestToken(_ client: HTTPClient, _ oauth: MockSystem, timeout: Duration = .seconds(10)) async throws -> HTTPResponse {
        try await client.send("POST", oauth.url("/oauth/token"), headers: MockSystemOAuthTests.basic, form: Self.tokenForm, timeout: timeout)
    }

    @Test func delay_OnIssueToken_AnswersTheTokenLate() async throws {
        let (oauth, client) = try await Self.issuer(with: ["match": ["route": "issue_token"], "times": 1, "delay_ms": 300])
        defer { oauth.stop(); client.shutdown() }

        let started = MonotonicClock.now()
        let slow = try await requestToken(client, oauth)
        let elapsed = milliseconds(from: started, to: MonotonicClock.now())
        let next = try await requestToken(client, oauth)

        #expect(slow.status == 200)
        #expect(try slow.json()["access_token"]?.stringValue != nil)
        #expect(elapsed >= 300, "answered after \(elapsed) ms")
        #expect(next.status == 200)
        #expect(oauth.entries(route: "issue_token").first?.fault?.contains("delay 300 ms, then normal answer") == true)
    }

    @Test func delay_OnIssueToken_TripsAClientTimeout() async throws {
        let (oauth, client) = try await Self.issuer(with: ["match": ["route": "issue_token"], "times": 1, "delay_ms": 2000])
        defer { oauth.stop(); client.shutdown() }

        let outcome = await client.outcome("POST", oauth.url("/oauth/token"), headers: MockSystemOAuthTests.basic.adding("Content-Type", "application/x-www-form-urlencoded"),
                                           body: Array("grant_type=client_credentials".utf8), timeout: .milliseconds(200))

        guard case .failure = outcome else {
            Issue.record("a 2 s delay answered within a 200 ms timeout: \(outcome)")
            return
        }
        #expect(oauth.tokens.list().isEmpty, "no token was issued yet")
    }

    @Test func respond401InvalidClient_OnIssueToken_RefusesTheClient_WithTheOAuthErrorBody() async throws {
        let rule: JSONValue = ["match": ["route": "issue_token"], "times": 1, "action": [
            "type": "respond", "status": 401,
            "headers": ["WWW-Authenticate": #"Basic realm="oauth""#, "Cache-Control": "no-store"],
            "body": ["error": "invalid_client", "error_description": "client refused by a fault rule"],
        ]]
        let (oauth, client) = try await Self.issuer(with: rule)
        defer { oauth.stop(); client.shutdown() }

        let refused = try await requestToken(client, oauth)
        let next = try await requestToken(client, oauth)

        #expect(refused.status == 401)
        #expect(try refused.json()["error"] == "invalid_client")
        #expect(refused.headers["Content-Type"] == "application/json" && refused.headers["WWW-Authenticate"] == #"Basic realm="oauth""#)
        #expect(next.status == 200, "the rule was used up after one request")
        #expect(oauth.tokens.list().count == 1, "the refused request issued nothing")
    }

    @Test func statusSequence_OnIssueToken_Answers503Twice_ThenATokenAgain() async throws {
        let (oauth, client) = try await Self.issuer(with: ["match": ["route": "issue_token"], "action": ["type": "status_sequence", "statuses": [503, 503]]])
        defer { oauth.stop(); client.shutdown() }

        var statuses: [Int] = []
        for _ in 0..<3 { statuses.append(try await requestToken(client, oauth).status) }

        #expect(statuses == [503, 503, 200])
        #expect(oauth.tokens.list().count == 1)
    }

    @Test func ruleOnIssueToken_LeavesTheIssuersOtherRoutesAlone() async throws {
        let (oauth, client) = try await Self.issuer(with: ["match": ["route": "issue_token"], "action": ["type": "respond", "status": 503]])
        defer { oauth.stop(); client.shutdown() }

        let metadata = try await client.send("GET", oauth.url(MockDefinition.oauthMetadataPath))
        let token = try await requestToken(client, oauth)

        #expect(metadata.status == 200 && token.status == 503)
    }
}
