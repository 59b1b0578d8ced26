// Execute cases for execute.placeholders: values land in the url (percent-encoded), query, headers and body.
import Foundation
import JSONModel
import MockSystems

extension ExecuteCases {
    static let placeholders: [ConformanceCase] = [urlEncoded, queryParams, headerValues, bodyTypes, metadataValues]

    /// Executes `tool` with `input` (and the request `metadata`, when given) and returns the one request the webhook
    /// received.
    private static func sentRequest(_ context: CaseContext, _ hook: CaseMock, _ spec: ToolSpec,
                                    input: JSONValue, metadata: JSONValue? = nil) async throws -> JournalEntry {
        let tool = try await context.createTool(spec)
        let answer = try await context.executeJudged(tool.id, input: input, metadata: metadata)
        try context.expect(answer.status != 422, "the input \(input.jsonText) is accepted", observed: answer.summary)
        let received = hook.requests()
        try context.expect(received.count == 1, "the downstream system receives one request", observed: "\(received.count) arrived")
        return received[0]
    }

    static let urlEncoded = ConformanceCase(
        "execute.placeholders.url-encoded", "A url placeholder is percent-encoded: `/`, `?`, `#`, `&` and spaces stay inside one path segment",
        rule: "execute.placeholders", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        var spec = ToolSpec.calling(hook, "/orders/{{order_ref}}/status", method: "GET", name: "order_status")
        spec.variables = [ToolVariable("order_ref")]
        let value = "A/B 7?x=1&y#z é"
        let sent = try await sentRequest(context, hook, spec, input: ["order_ref": .string(value)])
        let target = sent.target
        let segment = target.hasPrefix("/orders/") && target.hasSuffix("/status")
            ? String(target.dropFirst("/orders/".count).dropLast("/status".count)) : nil
        try context.expect(segment.map { !$0.contains("/") && !$0.contains("?") && !$0.contains("#") && !$0.contains(" ") } == true,
                           "the request target is /orders/<one encoded segment>/status",
                           observed: "the webhook received \(target)")
        try context.expect(segment?.removingPercentEncoding == value, "the segment decodes to \(value)",
                           observed: "the webhook received \(target)")
    }

    static let queryParams = ConformanceCase(
        "execute.placeholders.query", "Query parameter placeholders are filled, alone and inside text, and encoded so `&`, `=`, `+` survive",
        rule: "execute.placeholders", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        var spec = ToolSpec.calling(hook, "/search", method: "GET", name: "search_accounts")
        spec.variables = [ToolVariable("company"), ToolVariable("ref", "int")]
        spec.queryParams = [ToolSetting("company", "{{company}}"), ToolSetting("ref", "ref-{{ref}}")]
        let company = "R&D=Labs+Co"
        let sent = try await sentRequest(context, hook, spec, input: ["company": .string(company), "ref": 7])
        let query = sent.query ?? ""
        try context.expect(sent.queryValue("company", expecting: company) == company,
                           "query parameter company decodes to \(company)", observed: "the query was \(query)")
        try context.expect(sent.queryValue("ref", expecting: "ref-7") == "ref-7", "query parameter ref is ref-7",
                           observed: "the query was \(query)")
    }

    static let headerValues = ConformanceCase(
        "execute.placeholders.headers", "Header placeholders are filled: `Caller {{name}}` and a number as its JSON text",
        rule: "execute.placeholders", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        var spec = ToolSpec.calling(hook, "/greetings", name: "greet_caller")
        spec.variables = [ToolVariable("name"), ToolVariable("party", "int")]
        spec.headers = [ToolSetting("X-Caller", "Caller {{name}}"), ToolSetting("X-Party-Size", "{{party}}")]
        let sent = try await sentRequest(context, hook, spec, input: ["name": "Ada Lovelace", "party": 4])
        let caller = sent.headerValue("X-Caller")
        let party = sent.headerValue("X-Party-Size")
        try context.expect(caller == "Caller Ada Lovelace", "header X-Caller is `Caller Ada Lovelace`",
                           observed: "X-Caller was \(caller.map { "`\($0)`" } ?? "absent")")
        try context.expect(party == "4", "header X-Party-Size is `4`", observed: "X-Party-Size was \(party.map { "`\($0)`" } ?? "absent")")
    }

    static let bodyTypes = ConformanceCase(
        "execute.placeholders.body-types", "A body value that is exactly `{{var}}` keeps its JSON type; inside text it renders as text",
        rule: "execute.placeholders", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        var spec = ToolSpec.calling(hook, "/reservations", name: "reserve_table")
        spec.variables = [ToolVariable("party", "int"), ToolVariable("deposit", "float"), ToolVariable("vip", "bool"),
                          ToolVariable("guest"), ToolVariable("code")]
        spec.body = ["party": "{{party}}", "deposit": "{{deposit}}", "vip": "{{vip}}", "guest": "{{guest}}", "code": "{{code}}",
                     "summary": "{{guest}} x{{party}}", "details": ["party": "{{party}}", "vip": "{{vip}}"]]
        let sent = try await sentRequest(context, hook, spec, input: [
            "party": 4, "deposit": 12.5, "vip": true, "guest": "Ada Lovelace", "code": "0042",
        ])
        let expected: JSONValue = ["party": 4, "deposit": 12.5, "vip": true, "guest": "Ada Lovelace", "code": "0042",
                                   "summary": "Ada Lovelace x4", "details": ["party": 4, "vip": true]]
        let body = sent.jsonBody
        try context.expect(body?.sameValue(as: expected) == true, "the body is \(expected.jsonText)",
                           observed: "the body was \(body?.jsonText ?? String(decoding: sent.body, as: UTF8.self))")
    }

    /// Feather resolves `{{metadata.key}}` from the execute request's runtime `metadata`, wherever a variable could stand.
    static let metadataValues = ConformanceCase(
        "execute.placeholders.metadata",
        "`{{metadata.key}}` takes the execute request's metadata in the url (encoded), a header and the body, beside a variable",
        rule: "execute.placeholders", dialects: [.feather]
    ) { context in
        let hook = try context.startWebhook()
        var spec = ToolSpec.calling(hook, "/accounts/{{metadata.account_ref}}/notes", name: "add_account_note")
        spec.variables = [ToolVariable("note")]
        spec.headers = [ToolSetting("X-Call", "call {{metadata.call_id}}")]
        spec.body = ["note": "{{note}}", "channel": "{{metadata.channel}}", "summary": "{{note}} via {{metadata.channel}}"]
        let metadata: JSONValue = ["account_ref": "acct 42/7", "call_id": "call_3f9", "channel": "voice"]
        let sent = try await sentRequest(context, hook, spec, input: ["note": "Wants a demo"], metadata: metadata)
        let segment = sent.target.hasPrefix("/accounts/") && sent.target.hasSuffix("/notes")
            ? String(sent.target.dropFirst("/accounts/".count).dropLast("/notes".count)) : nil
        try context.expect(segment.map { !$0.contains("/") && !$0.contains(" ") } == true && segment?.removingPercentEncoding == "acct 42/7",
                           "the url holds metadata.account_ref `acct 42/7` as one encoded segment: /accounts/<segment>/notes",
                           observed: "the webhook received \(sent.target)")
        let call = sent.headerValue("X-Call")
        try context.expect(call == "call call_3f9", "header X-Call is `call call_3f9`", observed: "X-Call was \(call.map { "`\($0)`" } ?? "absent")")
        let expected: JSONValue = ["note": "Wants a demo", "channel": "voice", "summary": "Wants a demo via voice"]
        let body = sent.jsonBody
        try context.expect(body?.sameValue(as: expected) == true, "the body is \(expected.jsonText)",
                           observed: "the body was \(body?.jsonText ?? String(decoding: sent.body, as: UTF8.self))")
    }
}
