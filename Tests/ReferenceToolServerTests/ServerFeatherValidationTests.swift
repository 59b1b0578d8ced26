// End to end over loopback: invalid tools are 422 with `loc` at the field, and nothing is stored (feather dialect).
import Foundation
import HTTPWire
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ServerFeatherValidationTests {
    /// A valid api_call tool body with `configuration` entries overridden.
    static func apiCall(_ configuration: JSONObject = [:], name: JSONValue? = "create_callback_lead") -> JSONValue {
        var config: JSONObject = [
            "url": "http://127.0.0.1:1/callbacks", "method": "POST", "body": ["name": "{{name}}"],
            "variables": [["name": "name", "type": "str", "required": true]],
        ]
        for (key, value) in configuration { config[key] = value }
        var body: JSONObject = ["tool_type": "api_call", "configuration": .object(config)]
        if let name { body["name"] = name }
        return .object(body)
    }

    static func transfer(_ destination: String) -> JSONValue {
        ["name": "transfer_to_sales", "tool_type": "call_transfer", "transfer_target": ["destination": .string(destination), "mode": "cold"]]
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var body: JSONValue
        /// The expected `loc` of the (first) detail item, joined with `.`.
        var loc: String
        var testDescription: String { rule }
    }

    @Test(arguments: [
        Case(rule: "validate.name (missing)", body: apiCall(name: nil), loc: "body.name"),
        Case(rule: "validate.name (empty)", body: apiCall(name: ""), loc: "body.name"),
        Case(rule: "validate.timeout (0)", body: apiCall(["timeout": 0]), loc: "body.configuration.timeout"),
        Case(rule: "validate.timeout (301)", body: apiCall(["timeout": 301]), loc: "body.configuration.timeout"),
        Case(rule: "validate.method", body: apiCall(["method": "FETCH"]), loc: "body.configuration.method"),
        Case(rule: "validate.retry", body: apiCall(["retry": ["max_retries": 6]]), loc: "body.configuration.retry.max_retries"),
        Case(rule: "transfer.sip (no host)", body: transfer("sip:"), loc: "body.transfer_target.destination"),
        Case(rule: "transfer.sip (port 0)", body: transfer("sip:sales@example.com:0"), loc: "body.transfer_target.destination"),
        Case(rule: "transfer.e164 (leading 0)", body: transfer("+0123456789"), loc: "body.transfer_target.destination"),
        Case(rule: "transfer.e164 (16 digits)", body: transfer("+1234567890123456"), loc: "body.transfer_target.destination"),
    ])
    func invalidTool_Is422AtTheField_AndNothingIsStored(_ example: Case) async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let reply = try await harness.request("POST", "/v1/tools", json: example.body)
        let list = try await harness.request("GET", "/v1/tools")

        #expect(reply.status == 422, "\(reply.text)")
        #expect(reply.detailLocations.first == example.loc, "\(reply.text)")
        #expect(reply.json["detail"]?.arrayValue?.first?["msg"]?.stringValue?.isEmpty == false)
        #expect(list.json["items"] == [])
    }

    // validate.placeholder-unknown (SHOULD): the reference server rejects it; nothing stored.
    @Test func unknownPlaceholder_Is422_AndNothingIsStored() async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let reply = try await harness.request("POST", "/v1/tools", json: Self.apiCall(["body": ["name": "{{nmae}}"]]))
        let list = try await harness.request("GET", "/v1/tools")

        #expect(reply.status == 422)
        #expect(reply.text.contains("nmae"))
        #expect(reply.detailLocations.allSatisfy { $0.hasPrefix("body.configuration") }, "\(reply.text)")
        #expect(list.json["items"] == [])
    }

    // transfer.sip / transfer.e164: valid destinations are accepted (the 422s above are not a blanket refusal).
    @Test(arguments: ["+14155550123", "sip:sales@example.com", "sips:pbx.example.com:5061;transport=tls"])
    func validDestination_IsCreated(_ destination: String) async throws {
        let harness = try ServerHarness.start()
        defer { harness.stop() }

        let reply = try await harness.request("POST", "/v1/tools", json: Self.transfer(destination))

        #expect(reply.status == 201, "\(reply.text)")
        #expect(reply.json["active_revision"]?["transfer_target"]?["destination"] == .string(destination))
    }
}
