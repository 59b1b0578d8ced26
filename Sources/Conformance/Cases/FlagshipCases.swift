// The handbook's callback assistant, end to end: the scenario every tool server exists for.
import JSONModel

enum FlagshipCases {
    static let all: [ConformanceCase] = [callbackAssistant]

    /// Create `create_callback_lead` against the CRM, execute with all four fields (exactly one lead, right values
    /// and token, mapped id back), execute with three (422, nothing sent), delete.
    static let callbackAssistant = ConformanceCase(
        "flagship.callback-assistant.end-to-end",
        "The callback assistant creates, executes (4 of 4 fields, then 3 of 4) and deletes create_callback_lead",
        rule: "execute.required"
    ) { context in
        let crm = try context.startCRM()
        let tool = try await context.createTool(.callbackLead(crm: crm))
        let input = ToolSpec.callbackInput()

        let complete = try await context.execute(tool.id, input: input)
        try context.expect(complete.status == 200 && complete["success"] == .bool(true),
                           "executing with all four fields answers 200 with success true",
                           observed: complete.summary)
        let leads = crm.requests(route: "create_callback")
        try context.expect(leads.count == 1, "the CRM receives exactly one lead", observed: "it received \(leads.count)")
        let lead = leads[0]
        try context.expect(lead.headerValue("Authorization") == "Bearer \(crm.token ?? "")",
                           "the lead carries the CRM's bearer token", observed: "Authorization was \(lead.headerValue("Authorization") ?? "absent")")
        let sent = try? JSONValue.parse(lead.body)
        for field in ["name", "company", "reason", "phone_number"] {
            try context.expect(sent?[field] == input[field], "the lead's \(field) is \(input[field]?.jsonText ?? "")",
                               observed: "the CRM received \(sent?[field]?.jsonText ?? "no \(field)")")
        }
        try context.expect(lead.status == 201, "the CRM accepts the lead (201)", observed: "the CRM answered \(lead.status.map(String.init) ?? "nothing")")
        let stored = crm.system.records(in: "leads").first?["id"]
        try context.expect(stored != nil && complete.json.map { contains($0, stored!) } == true,
                           "the execute answer returns the CRM's lead id \(stored?.jsonText ?? "")",
                           observed: complete.summary)
        if context.dialect == .feather {
            try context.expect(complete["body"]["lead_id"] == stored, "the Feather answer maps the lead id to body.lead_id",
                               observed: "body was \(complete["body"].jsonText)")
        }

        var partial = input.objectValue ?? [:]
        partial["reason"] = nil
        let missing = try await context.execute(tool.id, input: .object(partial))
        try context.expect(missing.status == 422, "executing with three of four fields answers 422",
                           observed: missing.summary)
        try context.expect(missing.text.contains("reason"), "the 422 names the missing field `reason`", observed: missing.summary)
        let after = crm.requests(route: "create_callback").count
        try context.expect(after == 1, "the CRM receives nothing for the incomplete call", observed: "it received \(after - 1) more")

        let deleted = try await context.deleteTool(tool.id)
        try context.expect((200..<300).contains(deleted.status), "deleting the tool succeeds", observed: deleted.summary)
        let gone = try await context.getTool(tool.id)
        try context.expect(gone.status == 404, "the deleted tool is 404", observed: gone.summary)
    }

    /// Whether `value` appears anywhere in `json`.
    static func contains(_ json: JSONValue, _ value: JSONValue) -> Bool {
        if json == value { return true }
        switch json {
        case let .array(items): return items.contains { contains($0, value) }
        case let .object(object): return object.contains { contains($0.value, value) }
        default: return false
        }
    }
}
