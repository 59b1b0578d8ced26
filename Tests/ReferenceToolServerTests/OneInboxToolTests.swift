// OneInbox's dialect: create and PATCH decode into the shared model; the answer shape comes back with secrets masked.
import Foundation
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct OneInboxToolTests {
    typealias F = ToolFixtures

    static func create(_ overrides: JSONObject = [:]) -> JSONValue {
        var body: JSONObject = [
            "name": "create_callback_lead", "type": "api_call", "description": "Saves a lead",
            "url": "https://api.example.com/callbacks", "method": "POST",
            "headers": ["Authorization": "Bearer s3cret", "Content-Type": "application/json"],
            "parameters": [["name": "name", "required": true, "description": "Caller name"], ["name": "company", "required": false]],
            "run_in_background": false, "speak_during_execution": true,
        ]
        for (key, value) in overrides { body[key] = value }
        return .object(body)
    }

    @Test func create_MapsOntoTheSharedModel() throws {
        let definition = try ToolDefinition.decode(oneInboxBody: Self.create()).get(rejectingWarnings: true)
        let configuration = try #require(definition.configuration)
        #expect(configuration.method == .post)
        #expect(configuration.headers == [
            KeyValueSetting(key: "Authorization", value: "Bearer s3cret", secure: true),
            KeyValueSetting(key: "Content-Type", value: "application/json", secure: false),
        ])
        #expect(configuration.variables == [
            VariableDefinition(name: "name", type: .str, description: "Caller name", required: true),
            VariableDefinition(name: "company", type: .str, required: false),
        ])
        #expect(configuration.body == ["name": "{{name}}", "company": "{{company}}"])
        #expect(definition.behaviour == ToolBehaviour(runInBackground: false, speakDuringExecution: true))
    }

    @Test func create_SendsParametersAsQueryForGET() throws {
        let definition = try ToolDefinition.decode(oneInboxBody: Self.create(["method": "GET"])).get(rejectingWarnings: true)
        #expect(definition.configuration?.queryParams.map(\.value) == ["{{name}}", "{{company}}"])
        #expect(definition.configuration?.body == nil)
    }

    @Test(arguments: ["Authorization", "proxy-authorization", "X-API-Key", "X-Auth-Token", "X-Client-Secret", "Cookie"])
    func secretHeaders_AreRecognisedByName(_ name: String) {
        #expect(OneInboxMapping.isSecretHeader(name))
    }

    @Test(arguments: ["Content-Type", "Accept", "X-Request-Source"])
    func plainHeaders_AreNotSecret(_ name: String) {
        #expect(!OneInboxMapping.isSecretHeader(name))
    }

    @Test(arguments: [
        (#"{"name": null}"#, "body.name string_type"),
        (#"{"type": "sms"}"#, "body.type enum"),
        (#"{"method": "FETCH"}"#, "body.method enum"),
        (#"{"url": "api.example.com"}"#, "body.url value_error"),
        (#"{"headers": {"X-N": 1}}"#, "body.headers.X-N string_type"),
        (#"{"parameters": [{"name": "a"}, {"name": "a"}]}"#, "body.parameters.1.name value_error"),
        (#"{"parameters": [{"required": true}]}"#, "body.parameters.0.name missing"),
        (#"{"transfer_to": "5551234"}"#, "body.transfer_to value_error"),
        (#"{"run_in_background": "no"}"#, "body.run_in_background bool_type"),
        (#"{"type": "call_transfer", "url": null, "method": null}"#, "body.transfer_to missing"),
    ])
    func create_RejectsBadFieldsAtOneInboxLocations(_ overrides: String, _ expected: String) throws {
        let problems = ToolDefinition.decode(oneInboxBody: Self.create(try F.object(overrides))).problems
        #expect(F.summary(problems) == [expected], "\(problems)")
    }

    @Test func create_RequiresTheDocumentedFields() {
        #expect(F.summary(ToolDefinition.decode(oneInboxBody: ["type": "api_call"]).problems) == [
            "body.name missing", "body.description missing", "body.url missing", "body.method missing",
        ])
    }

    @Test func create_WarnsAboutPlaceholdersNamingNoParameter() throws {
        let outcome = ToolDefinition.decode(oneInboxBody: Self.create(["headers": ["Authorization": "Bearer {{secret}}"]]))
        #expect(outcome.value != nil)
        #expect(outcome.problems.map(\.severity) == [.warning])
        #expect(outcome.problems.first?.loc == ["body", "headers", "Authorization"])
    }

    @Test func answer_HasOneInboxShape_WithSecretsMasked() throws {
        let definition = try ToolDefinition.decode(oneInboxBody: Self.create()).get(rejectingWarnings: true)
        let json = definition.oneInboxJSON(id: "tool-1", createdAt: F.date, updatedAt: F.date)
        #expect(json.objectValue?.keys == [
            "id", "name", "type", "description", "url", "method", "headers", "parameters", "transfer_to", "created_at",
            "updated_at", "run_in_background", "speak_during_execution", "extraction_schema", "messaging_config", "calendar_config",
        ])
        #expect(json["headers"] == ["Authorization": "********", "Content-Type": "application/json"])
        #expect(json["parameters"] == [["name": "name", "required": true, "description": "Caller name"], ["name": "company", "required": false, "description": nil]])
        #expect(!json.jsonText.contains("s3cret"))
    }

    @Test func patch_SendingTheMaskBack_KeepsTheSecret_AndChangesOnlyWhatIsSent() throws {
        let current = try ToolDefinition.decode(oneInboxBody: Self.create()).get(rejectingWarnings: true)
        let shown = current.oneInboxJSON(id: "t", createdAt: F.date, updatedAt: F.date)
        let body: JSONValue = ["headers": shown["headers"] ?? nil, "run_in_background": true, "method": "PUT"]
        let update = try OneInboxUpdate.decode(oneInboxBody: body).get(rejectingWarnings: true)
        let updated = try update.applied(to: current).get(rejectingWarnings: true)
        #expect(updated.configuration?.headers.first == KeyValueSetting(key: "Authorization", value: "Bearer s3cret", secure: true))
        #expect(updated.configuration?.method == .put)
        #expect(updated.configuration?.variables == current.configuration?.variables)
        #expect(updated.behaviour.runInBackground)
        #expect(updated.name == current.name)
    }

    @Test func patch_MaskForAHeaderWithNoStoredSecret_IsRejected() throws {
        let current = try ToolDefinition.decode(oneInboxBody: Self.create()).get(rejectingWarnings: true)
        let update = try OneInboxUpdate.decode(oneInboxBody: ["headers": ["X-API-Key": "********"]]).get(rejectingWarnings: true)
        #expect(F.summary(update.applied(to: current).problems) == ["body.headers.X-API-Key value_error"])
    }

    @Test func patch_TransferToNullClearsIt_AndBadValuesAreRejected() throws {
        var current = try ToolDefinition.decode(oneInboxBody: Self.create(["transfer_to": "+15105550100"])).get(rejectingWarnings: true)
        #expect(current.transferTarget == TransferTarget(route: .destination("+15105550100")))
        current = try OneInboxUpdate.decode(oneInboxBody: ["transfer_to": nil]).get(rejectingWarnings: true).applied(to: current)
            .get(rejectingWarnings: true)
        #expect(current.transferTarget == nil)
        #expect(F.summary(OneInboxUpdate.decode(oneInboxBody: ["url": "/x", "name": ""]).problems) == ["body.name string_too_short", "body.url value_error"])
    }

    @Test func roundTrip_FeatherStoredToolReadsBackInOneInboxShape() throws {
        let definition = try ToolDefinition.decode(oneInboxBody: Self.create()).get(rejectingWarnings: true)
        let (record, revision) = definition.stored(toolID: "t", revisionID: "r", at: F.date)
        #expect(ToolDefinition(record: record, revision: revision) == definition)
    }
}
