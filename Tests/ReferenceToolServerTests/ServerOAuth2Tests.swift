// End to end over loopback: a tool with oauth2 settings gets tokens from the mock issuer, reuses them, refreshes
// once on invalid_token, keeps the client secret out of answers, logs and the CRM, and keeps it across a restart.
import Foundation
import HTTPWire
import JSONModel
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct ServerOAuth2Tests {
    /// The built-in issuer's client (`MockDefinition.builtin("oauth")`).
    static let clientID = "understudy"
    static let clientSecret = "understudy-secret"

    /// The mock issuer and a CRM that accepts only its tokens, sharing one registry; stop both with `stop()`.
    struct Stage {
        let tokens = TokenRegistry()
        let issuer: MockSystem
        let crm: MockSystem

        init() throws {
            issuer = try ExecutionFixture.system("oauth", tokens: tokens)
            do {
                crm = try ExecutionFixture.system("crm", tokens: tokens) { $0.auth = .issuedToken }
            } catch {
                issuer.stop()
                throw error
            }
        }

        /// The callback tool with no Authorization header, authenticated by oauth2 settings instead.
        func tool(secret: String = ServerOAuth2Tests.clientSecret) -> JSONValue {
            var body = CallbackLeadTool.feather(crm: crm).objectValue ?? [:]
            var configuration = CallbackLeadTool.configuration(crm: crm).objectValue ?? [:]
            configuration["headers"] = []
            configuration["oauth2"] = [
                "token_url": .string((issuer.baseURL ?? "http://127.0.0.1:1") + "/oauth/token"),
                "client_id": .string(ServerOAuth2Tests.clientID), "client_secret": .string(secret), "scopes": ["leads:write"],
            ]
            body["configuration"] = .object(configuration)
            return .object(body)
        }

        /// The issuer's token requests, oldest first.
        var tokenRequests: [JournalEntry] { issuer.journal.entries(filter: JournalFilter(route: "issue_token")) }

        func stop() {
            crm.stop()
            issuer.stop()
        }
    }

    static func execute(_ harness: ServerHarness, _ id: String, name: String) async throws -> ServerReply {
        try await harness.request("POST", "/v1/tools/\(id)/execute", json: ["input": CallbackLeadTool.input(name: name)])
    }

    /// Everything the CRM received: targets, header values and bodies.
    static func seenByCRM(_ crm: MockSystem) -> String {
        crm.journal.entries().map { entry in
            entry.target + "\n" + entry.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n"
                + String(decoding: entry.body, as: UTF8.self)
        }.joined(separator: "\n")
    }

    // oauth2.client-credentials: fetch once, reuse, bearer downstream, secret never shown nor sent downstream.
    @Test func execute_FetchesOneToken_ReusesIt_AndNeverShowsOrForwardsTheSecret() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let log = CapturedLog()
        let harness = try ServerHarness.start { $0.log = log.sink }
        defer { harness.stop() }

        let created = try await harness.request("POST", "/v1/tools", json: stage.tool())
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.json["id"]?.stringValue)
        let oauth2 = created.json["active_revision"]?["configuration"]?["oauth2"]
        #expect(oauth2?["client_secret"] == .string(SecretMask.placeholder), "\(created.text)")
        #expect(created.json["active_revision"]?["has_secrets"] == true)
        var answers = [created, try await harness.request("GET", "/v1/tools/\(id)"),
                       try await harness.request("GET", "/v1/tools"), try await harness.request("GET", "/v1/tools/\(id)/revisions")]

        let first = try await Self.execute(harness, id, name: "First Call")
        let second = try await Self.execute(harness, id, name: "Second Call")
        answers += [first, second]
        #expect(first.json["success"] == true && second.json["success"] == true, "\(first.text) \(second.text)")
        #expect(stage.tokenRequests.count == 1)
        let calls = CallbackLeadTool.callbackRequests(stage.crm)
        #expect(calls.map(\.auth) == [.accepted, .accepted])
        let bearers = Set(calls.compactMap { $0.headerValue("Authorization") })
        #expect(bearers.count == 1 && bearers.first?.hasPrefix("Bearer mock_at_") == true, "\(bearers)")

        #expect(!Self.seenByCRM(stage.crm).contains(Self.clientSecret))
        for answer in answers { #expect(!answer.contains(Self.clientSecret), "\(answer.text)") }
        #expect(first.json["request_url"]?.stringValue?.contains(Self.clientSecret) == false)
        for line in log.all { #expect(!line.contains(Self.clientSecret) && !line.contains("mock_at_"), "\(line)") }
    }

    // oauth2.client-credentials: a 401 with invalid_token refreshes the token once and the call succeeds.
    @Test func execute_AfterTheIssuerForgetsItsTokens_RefreshesOnce_AndSucceeds() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let id = try await harness.createTool(stage.tool())

        let before = try await Self.execute(harness, id, name: "Before Revoke")
        #expect(before.json["status_code"] == 201, "\(before.text)")
        stage.tokens.revokeAll()
        let after = try await Self.execute(harness, id, name: "After Revoke")

        #expect(after.json["success"] == true && after.json["status_code"] == 201, "\(after.text)")
        #expect(stage.tokenRequests.count == 2)
        let calls = CallbackLeadTool.callbackRequests(stage.crm)
        #expect(calls.map(\.auth) == [.accepted, .invalid, .accepted])
        #expect(calls.count == 3 && calls[1].headerValue("Authorization") != calls[2].headerValue("Authorization"))
        #expect(!Self.seenByCRM(stage.crm).contains(Self.clientSecret))
    }

    // oauth2 + secrets.keep-on-update: sending the shown configuration back keeps the secret the issuer checks.
    @Test func newRevision_SendingTheMaskBack_StillAuthenticatesAtTheIssuer() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let harness = try ServerHarness.start()
        defer { harness.stop() }
        let created = try await harness.request("POST", "/v1/tools", json: stage.tool())
        let id = try #require(created.json["id"]?.stringValue, "\(created.text)")
        let shown = try #require(created.json["active_revision"]?["configuration"])

        let revision = try await harness.request("POST", "/v1/tools/\(id)/revisions", json: ["name": "v2", "configuration": shown])
        let revisionID = try #require(revision.json["id"]?.stringValue, "\(revision.text)")
        let switched = try await harness.request("POST", "/v1/tools/\(id)/set-active-revision", json: ["revision_id": .string(revisionID)])
        #expect(switched.status == 200, "\(switched.text)")
        let executed = try await Self.execute(harness, id, name: "Masked Revision")

        #expect(executed.json["success"] == true, "\(executed.text)")
        #expect(stage.tokenRequests.count == 1)
    }

    // persistence.restart: the client secret survives in the data file and still authenticates after a restart.
    @Test func restart_OnTheSameFile_KeepsTheClientSecret() async throws {
        let stage = try Stage()
        defer { stage.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("tools.json")
        let id: String
        let shownBefore: JSONValue
        do {
            let first = try ServerHarness.start { $0.dataFile = file }
            defer { first.stop() }
            id = try await first.createTool(stage.tool())
            shownBefore = try await first.request("GET", "/v1/tools/\(id)").json
        }
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self).contains(Self.clientSecret))

        let second = try ServerHarness.start { $0.dataFile = file }
        defer { second.stop() }
        let shownAfter = try await second.request("GET", "/v1/tools/\(id)")
        #expect(shownAfter.json == shownBefore, "\(shownAfter.text)")
        #expect(!shownAfter.contains(Self.clientSecret))
        let executed = try await Self.execute(second, id, name: "After Restart")
        #expect(executed.json["success"] == true && executed.json["status_code"] == 201, "\(executed.text)")
        #expect(stage.tokenRequests.count == 1)
    }
}
