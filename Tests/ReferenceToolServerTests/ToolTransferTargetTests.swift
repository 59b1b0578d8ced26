// Feather's call_transfer tools: target required, destination XOR source, checked destination, mode.
import JSONModel
import Testing
@testable import ReferenceToolServer

@Suite struct ToolTransferTargetTests {
    typealias F = ToolFixtures

    static func body(_ target: String?) throws -> JSONValue {
        var object: JSONObject = ["name": "transfer_to_sales", "tool_type": "call_transfer"]
        if let target { object["transfer_target"] = try JSONValue.parse(target) }
        return .object(object)
    }

    @Test(arguments: [
        #"{"destination": "+15105550100"}"#,
        #"{"destination": "sip:+15105550100@example.com;user=phone", "mode": "warm"}"#,
        #"{"destination_source": {"type": "api_tool", "tool_id": "t1", "input_mapping": {"phone": "{{caller}}", "n": 1}, "response_path": "data.0.number"}}"#,
        #"{"destination": "+15105550100", "destination_source": null}"#,
    ])
    func transfer_AcceptsValidTargets(_ target: String) throws {
        let outcome = F.decoded(try Self.body(target))
        #expect(outcome.value?.transferTarget != nil, "\(outcome.problems)")
    }

    @Test func transfer_DecodesRouteAndMode() throws {
        let definition = try F.decoded(try Self.body(#"{"destination": "sips:alice@[2001:db8::1]:5061", "mode": "warm"}"#)).get(rejectingWarnings: true)
        #expect(definition.transferTarget == TransferTarget(route: .destination("sips:alice@[2001:db8::1]:5061"), mode: .warm))
    }

    @Test(arguments: [
        (nil, "body.transfer_target missing"),
        (#"{}"#, "body.transfer_target value_error"),
        (#"{"mode": "cold"}"#, "body.transfer_target value_error"),
        (#"{"destination": "+15105550100", "destination_source": {"tool_id": "t", "response_path": "p"}}"#, "body.transfer_target value_error"),
        (#"{"destination": "tel:+15105550100"}"#, "body.transfer_target.destination value_error"),
        (#"{"destination": "+0123"}"#, "body.transfer_target.destination value_error"),
        (#"{"destination": "sip:alice@host:70000"}"#, "body.transfer_target.destination value_error"),
        (#"{"destination": "15105550100"}"#, "body.transfer_target.destination value_error"),
        (#"{"destination": "+15105550100", "mode": "blind"}"#, "body.transfer_target.mode enum"),
        (#"{"destination": "+15105550100", "label": "x"}"#, "body.transfer_target.label extra_forbidden"),
        (#"{"destination_source": {"tool_id": "t"}}"#, "body.transfer_target.destination_source.response_path missing"),
        (#"{"destination_source": {"type": "webhook", "tool_id": "t", "response_path": "p"}}"#, "body.transfer_target.destination_source.type literal_error"),
        (#"{"destination_source": {"tool_id": "t", "response_path": "p", "x": 1}}"#, "body.transfer_target.destination_source.x extra_forbidden"),
        (#"{"destination_source": {"tool_id": "t", "response_path": "p", "input_mapping": {"a": [1]}}}"#, "body.transfer_target.destination_source.input_mapping.a value_error"),
        (#""+15105550100""#, "body.transfer_target model_attributes_type"),
    ] as [(String?, String)])
    func transfer_RejectsBadTargetsAtTheirField(_ target: String?, _ expected: String) throws {
        let problems = F.decoded(try Self.body(target)).problems
        #expect(F.summary(problems) == [expected], "\(problems)")
    }

    @Test func transfer_DestinationProblemSaysWhatIsAccepted() throws {
        let problems = F.decoded(try Self.body(#"{"destination": "tel:+15105550100"}"#)).problems
        #expect(problems.first?.msg == "Value error, destination must be an E.164 number (e.g. +15105550100) or a sip:/sips: URI, got 'tel:+15105550100'")
    }
}
