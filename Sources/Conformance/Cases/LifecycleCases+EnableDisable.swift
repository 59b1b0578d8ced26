// lifecycle.enable-disable: a disabled tool never reaches the downstream system; enabled again, it does.
import JSONModel

extension LifecycleCases {
    static let disabledNeverExecutes = ConformanceCase(
        "lifecycle.enable-disable.disabled-never-executes",
        "A disabled tool's execute is refused (4xx, nothing reaches the CRM); enabled again, it executes once",
        rule: "lifecycle.enable-disable", dialects: [.feather], roundTrips: 6
    ) { context in
        let crm = try context.startCRM()
        let tool = try await context.createTool(.callbackLead(crm: crm))
        let disabled = try await context.send("POST", "/v1/tools/\(tool.id)/disable")
        try context.expect(disabled.status == 204, "POST /v1/tools/{id}/disable answers 204", observed: disabled.summary)
        // Execute answers only after any downstream call it made, so the journal is complete when it answers.
        let refused = try await context.execute(tool.id, input: ToolSpec.callbackInput())
        try context.expect((400..<500).contains(refused.status) && CaseChecks.isErrorResponse(refused.json),
                           "executing the disabled tool is refused with a 4xx ErrorResponse", observed: refused.summary)
        try context.expect(crm.requests().isEmpty, "the disabled tool sends nothing to the CRM",
                           observed: "\(crm.requests().count) request(s) reached the CRM")
        let enabled = try await context.send("POST", "/v1/tools/\(tool.id)/enable")
        try context.expect(enabled.status == 204, "POST /v1/tools/{id}/enable answers 204", observed: enabled.summary)
        let executed = try await context.execute(tool.id, input: ToolSpec.callbackInput())
        // Whether the CRM took the lead is execute.*'s business; this rule asks that the call is made again.
        try context.expect(executed.status == 200 && crm.requests().count == 1,
                           "enabled again, the tool executes: 200, and the call reaches the CRM once",
                           observed: "\(executed.summary); \(crm.requests().count) request(s) reached the CRM")
    }
}
