// OAuth 2.0 settings on a tool: decoding, validation at loc, masking, restore on update, snapshot and execution plan.
import Foundation
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ToolOAuth2Tests {
    typealias F = ToolFixtures

    static let secret = "client-s3cret"

    /// A valid `oauth2` object; `overrides` replace or (with null) remove its keys.
    static func oauth2(_ overrides: JSONObject = [:]) -> JSONValue {
        var object: JSONObject = [
            "token_url": "https://issuer.example.com/oauth/token", "client_id": "understudy",
            "client_secret": .string(secret), "scopes": ["leads:write", "leads:read"],
        ]
        for (key, value) in overrides {
            object[key] = value == .null ? JSONValue?.none : value
        }
        return .object(object)
    }

    /// A Feather create body without secure headers, so the client secret is the only secret.
    static func featherCreate(_ oauth2: JSONValue = oauth2()) -> JSONValue {
        F.featherCreate(configuration: ["headers": [], "oauth2": oauth2])
    }

    static func stored() throws -> ToolRevision {
        try F.decoded(featherCreate()).get(rejectingWarnings: true).stored(toolID: "tool-1", revisionID: "rev-1", at: F.date).revision
    }

    @Test func create_ReadsTheOAuth2Object_IgnoringUnknownKeys() throws {
        let definition = try F.decoded(Self.featherCreate(Self.oauth2(["audience": "crm"]))).get(rejectingWarnings: true)
        #expect(definition.configuration?.oauth2 == OAuth2Settings(
            tokenURL: "https://issuer.example.com/oauth/token", clientID: "understudy", clientSecret: Self.secret,
            scopes: ["leads:write", "leads:read"]))
        #expect(definition.hasSecrets)
    }

    @Test func create_WithoutScopes_RequestsTheDefaultScopes() throws {
        let definition = try F.decoded(Self.featherCreate(Self.oauth2(["scopes": .null]))).get(rejectingWarnings: true)
        #expect(definition.configuration?.oauth2?.scopes == [])
    }

    @Test(arguments: [
        (#"{"token_url": "/oauth/token"}"#, "body.configuration.oauth2.token_url value_error"),
        (#"{"token_url": "ftp://issuer.example.com/token"}"#, "body.configuration.oauth2.token_url value_error"),
        (#"{"token_url": "https://{{host}}/token"}"#, "body.configuration.oauth2.token_url value_error"),
        (#"{"token_url": null}"#, "body.configuration.oauth2.token_url missing"),
        (#"{"client_id": ""}"#, "body.configuration.oauth2.client_id string_too_short"),
        (#"{"client_secret": null}"#, "body.configuration.oauth2.client_secret missing"),
        (#"{"client_secret": 42}"#, "body.configuration.oauth2.client_secret string_type"),
        (#"{"scopes": "leads:write"}"#, "body.configuration.oauth2.scopes list_type"),
        (#"{"scopes": ["leads:write", 7]}"#, "body.configuration.oauth2.scopes.1 string_type"),
        (#"{"scopes": ["leads write"]}"#, "body.configuration.oauth2.scopes.0 value_error"),
    ])
    func create_RejectsBadSettingsAtTheirLocation(_ overrides: String, _ expected: String) throws {
        let outcome = F.decoded(Self.featherCreate(Self.oauth2(try F.object(overrides))))
        #expect(F.summary(outcome.problems) == [expected])
    }

    @Test func create_RejectsAnOAuth2ValueThatIsNotAnObject() {
        #expect(F.summary(F.decoded(Self.featherCreate("https://issuer.example.com")).problems)
                == ["body.configuration.oauth2 model_attributes_type"])
    }

    @Test func answers_MaskTheClientSecret_AndCountItAsASecret() throws {
        let revision = try Self.stored()
        let json = revision.responseJSON
        #expect(json["configuration"]?["oauth2"]?["client_secret"] == .string(SecretMask.placeholder))
        #expect(json["configuration"]?["oauth2"]?["client_id"] == "understudy")
        #expect(json["has_secrets"] == true)
        #expect(!json.jsonText.contains(Self.secret))
    }

    @Test func answers_LeaveOAuth2Out_WhenNoneIsSet() throws {
        let revision = try F.decoded(F.featherCreate()).get(rejectingWarnings: true)
            .stored(toolID: "t", revisionID: "r", at: F.date).revision
        #expect(revision.responseJSON["configuration"]?.objectValue?["oauth2"] == nil)
    }

    @Test func update_SendingTheMaskBack_KeepsTheStoredSecret() throws {
        let revision = try Self.stored()
        let shown = try #require(revision.responseJSON["configuration"]?.objectValue)
        let update = try ToolRevisionUpdate.decode(featherBody: ["configuration": .object(shown)]).get(rejectingWarnings: true)
        let updated = try update.applied(to: revision, toolType: .apiCall, at: F.date).get(rejectingWarnings: true)
        #expect(updated.configuration?.oauth2?.clientSecret == Self.secret)
        #expect(updated.configuration?.oauth2 == revision.configuration?.oauth2)
    }

    @Test(arguments: ["token_url", "client_id"])
    func update_MaskWithAnotherIssuerOrClient_IsRejected(_ changed: String) throws {
        let revision = try Self.stored()
        var shown = try #require(revision.responseJSON["configuration"]?.objectValue)
        let value: JSONValue = changed == "token_url" ? "https://elsewhere.example.com/token" : "someone-else"
        shown["oauth2"] = Self.oauth2([changed: value, "client_secret": .string(SecretMask.placeholder)])
        let update = try ToolRevisionUpdate.decode(featherBody: ["configuration": .object(shown)]).get(rejectingWarnings: true)
        let problems = update.applied(to: revision, toolType: .apiCall, at: F.date).problems
        #expect(F.summary(problems) == ["body.configuration.oauth2.client_secret value_error"])
    }

    @Test func newRevision_SendingTheMaskBack_KeepsTheActiveRevisionsSecret() throws {
        let active = try Self.stored()
        let shown = try #require(active.responseJSON["configuration"])
        let draft = try ToolRevisionDraft.decode(featherBody: ["name": "v2", "configuration": shown]).get(rejectingWarnings: true)
        let revision = try draft.revision(id: "rev-2", toolID: "tool-1", toolType: .apiCall, base: nil, secretSource: active, at: F.date)
            .get(rejectingWarnings: true)
        #expect(revision.configuration?.oauth2?.clientSecret == Self.secret)
    }

    @Test func oneInbox_AcceptsATopLevelObject_AndMasksItInAnswers() throws {
        let body = OneInboxToolTests.create(["oauth2": Self.oauth2()])
        let definition = try ToolDefinition.decode(oneInboxBody: body).get(rejectingWarnings: true)
        #expect(definition.configuration?.oauth2?.clientSecret == Self.secret)
        let json = definition.oneInboxJSON(id: "tool-1", createdAt: F.date, updatedAt: F.date)
        #expect(json["oauth2"]?["client_secret"] == .string(SecretMask.placeholder))
        #expect(!json.jsonText.contains(Self.secret))
        #expect(F.summary(ToolDefinition.decode(oneInboxBody: OneInboxToolTests.create(["oauth2": Self.oauth2(["client_id": ""])])).problems)
                == ["body.oauth2.client_id string_too_short"])
    }

    @Test func oneInbox_PatchKeepsTheSecretOnTheMask_AndNullRemovesTheSettings() throws {
        let current = try ToolDefinition.decode(oneInboxBody: OneInboxToolTests.create(["oauth2": Self.oauth2()])).get(rejectingWarnings: true)
        let shown = current.oneInboxJSON(id: "t", createdAt: F.date, updatedAt: F.date)
        let kept = try OneInboxUpdate.decode(oneInboxBody: ["oauth2": shown["oauth2"] ?? nil]).get(rejectingWarnings: true)
        #expect(try kept.applied(to: current).get(rejectingWarnings: true).configuration?.oauth2 == current.configuration?.oauth2)
        let untouched = try OneInboxUpdate.decode(oneInboxBody: ["method": "PUT"]).get(rejectingWarnings: true)
        #expect(try untouched.applied(to: current).get(rejectingWarnings: true).configuration?.oauth2 == current.configuration?.oauth2)
        let cleared = try OneInboxUpdate.decode(oneInboxBody: ["oauth2": nil]).get(rejectingWarnings: true)
        #expect(try cleared.applied(to: current).get(rejectingWarnings: true).configuration?.oauth2 == nil)
        let moved = try OneInboxUpdate.decode(oneInboxBody: [
            "oauth2": Self.oauth2(["token_url": "https://elsewhere.example.com/token", "client_secret": .string(SecretMask.placeholder)]),
        ]).get(rejectingWarnings: true)
        #expect(F.summary(moved.applied(to: current).problems) == ["body.oauth2.client_secret value_error"])
    }

    @Test func snapshot_KeepsTheRealSecret_AndRoundTrips() throws {
        let configuration = try #require(try Self.stored().configuration)
        let json = configuration.snapshotJSON
        #expect(json["oauth2"]?["client_secret"] == .string(Self.secret))
        let decoded = try APICallConfiguration(snapshot: SnapshotReader(JSONValue.parse(json.encoded()), path: "configuration"))
        #expect(decoded == configuration)
    }

    @Test func snapshot_WithoutOAuth2_StillReads() throws {
        var json = try #require(try Self.stored().configuration?.snapshotJSON.objectValue)
        json["oauth2"] = nil
        #expect(try APICallConfiguration(snapshot: SnapshotReader(.object(json), path: "configuration")).oauth2 == nil)
    }

    @Test func executionPlan_CarriesTheCredentials() throws {
        let configuration = try #require(try Self.stored().configuration)
        let plan = ExecutionPlan(configuration: configuration, responseSchema: nil, inputDefaults: nil)
        #expect(plan.oauth == OAuthClientCredentials(
            tokenURL: "https://issuer.example.com/oauth/token", clientID: "understudy", clientSecret: Self.secret,
            scopes: ["leads:write", "leads:read"]))
    }
}
