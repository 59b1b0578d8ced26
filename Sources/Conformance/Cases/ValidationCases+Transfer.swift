// Validation cases for call_transfer tools: a transfer target is required, with one destination kind only.
import JSONModel

extension ValidationCases {
    static let transfer: [ConformanceCase] = [transferMissing, transferBoth]

    static let transferMissing = refusal(
        "validate.transfer-missing.no-target",
        "A call_transfer tool without a transfer target (absent, null, or with no destination) is refused with 422 at it",
        rule: "validate.transfer-missing", capability: .callTransfer
    ) { dialect, marker in
        let tool = TransferCases.transferTool(dialect, marker, destination: "+14155550123")
        guard dialect == .feather else {
            return [
                InvalidBody("a call_transfer tool without transfer_to", tool.replacing(["transfer_to"], with: nil), at: ["body", "transfer_to"]),
                InvalidBody("a call_transfer tool with transfer_to null", tool.replacing(["transfer_to"], with: .null),
                            at: ["body", "transfer_to"]),
            ]
        }
        return [
            InvalidBody("a call_transfer tool without transfer_target", tool.replacing(["transfer_target"], with: nil),
                        at: ["body", "transfer_target"]),
            InvalidBody("a call_transfer tool with transfer_target null", tool.replacing(["transfer_target"], with: .null),
                        at: ["body", "transfer_target"]),
            InvalidBody("a transfer_target with only a mode", tool.replacing(["transfer_target"], with: ["mode": "cold"]),
                        at: ["body", "transfer_target"]),
        ]
    }

    /// The destination source references a real api_call GET tool, so "both" is the only thing wrong.
    static let transferBoth = ConformanceCase(
        "validate.transfer-both.destination-and-source",
        "A transfer target with both destination and destination_source is refused with 422 at transfer_target",
        rule: "validate.transfer-both", dialects: [.feather], capability: .callTransfer
    ) { context in
        var lookupSpec = ToolSpec(url: "http://127.0.0.1:9/agents/{{team}}")
        lookupSpec.name = context.uniqueName("transfer_lookup")
        lookupSpec.method = "GET"
        lookupSpec.variables = [ToolVariable("team")]
        let lookup = try await context.createTool(lookupSpec)

        let marker = context.uniqueName("transfer_both")
        let source: JSONValue = ["type": "api_tool", "tool_id": .string(lookup.id), "input_mapping": ["team": "sales"], "response_path": "phone"]
        let body = TransferCases.transferTool(.feather, marker, destination: "+14155550123")
            .replacing(["transfer_target", "destination_source"], with: source)
        let answer = try await context.send("POST", "/v1/tools", json: body)
        await context.removeTools([lookup.id])
        try await context.expectRefusedCreate(answer, at: ["body", "transfer_target"], "destination with destination_source", marker: marker)
    }
}
