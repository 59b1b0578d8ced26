// Lifecycle cases: create answers 201 with the stored tool, updates change what they name, delete leaves a 404.
import JSONModel

enum LifecycleCases {
    // The lifecycle cases first, then the list cases: reports group cases by area in catalogue order.
    static let all: [ConformanceCase] = [createMinimal, createStoredTool, updateGivenFields, updateLeavesConfiguration, deleteGone,
                                         disabledNeverExecutes] + lists

    // MARK: Create

    /// Only what the dialect requires: Feather's `name` and `configuration.url` (tool_type defaults to api_call).
    static let createMinimal = ConformanceCase(
        "lifecycle.create.minimal", "POST /v1/tools with only the required fields answers 201 with the tool, and GET returns it",
        rule: "lifecycle.create"
    ) { context in
        let marker = context.uniqueName("minimal")
        let url = "http://127.0.0.1:9/minimal"
        let body: JSONValue = context.dialect == .feather
            ? ["name": .string(marker), "configuration": ["url": .string(url)]]
            : ["name": .string(marker), "type": "api_call", "description": .string(marker), "url": .string(url), "method": "GET"]
        let answer = try await context.send("POST", "/v1/tools", json: body)
        let created = ToolView(answer.json, context.dialect)
        guard let id = created.id else { throw CaseFailure(expectation: "the create answers 201 with the tool's id", observed: answer.summary) }
        let (fetched, stored) = try await context.toolView(id)
        await context.removeTools([id])
        try context.expect(answer.status == 201, "the create answers 201", observed: answer.summary)
        for (view, source) in [(created, "the 201 body"), (stored, "GET /v1/tools/{id}")] {
            context.check(view.name == .string(marker), "\(source) shows the tool named \(marker)", observed: view.json.jsonText)
            context.check(!view.showsSettings || view.setting("url") == .string(url), "\(source) shows url \(url)",
                               observed: view.json.jsonText)
            if context.dialect == .feather {
                context.check(view.json["tool_type"] == "api_call", "\(source) shows tool_type api_call (the default)",
                                   observed: view.json.jsonText)
            }
        }
        try context.expect(fetched.status == 200 && stored.id == created.id, "GET /v1/tools/{id} answers 200 with the same id",
                           observed: fetched.summary)
    }

    static let createStoredTool = ConformanceCase(
        "lifecycle.create.returns-stored-tool",
        "The 201 body and GET show what was sent: name, description, url, method, header, variables (and Feather's timeout)",
        rule: "lifecycle.create"
    ) { context in
        var spec = ToolSpec(url: "http://127.0.0.1:9/callbacks")
        spec.name = context.uniqueName("stored")
        spec.headers = [ToolSetting("X-Source", "voice")]
        spec.variables = ["name", "company", "reason", "phone_number"].map { ToolVariable($0) }
        spec.body = .object(JSONObject(spec.variables.map { (key: $0.name, value: JSONValue.string("{{\($0.name)}}")) }))
        spec.timeout = 10
        let answer = try await context.send("POST", "/v1/tools", json: spec.json(for: context.dialect))
        let created = ToolView(answer.json, context.dialect)
        guard let id = created.id else { throw CaseFailure(expectation: "the create answers 201 with the tool's id", observed: answer.summary) }
        let (_, stored) = try await context.toolView(id)
        await context.removeTools([id])
        try context.expect(answer.status == 201, "the create answers 201", observed: answer.summary)
        for (view, source) in [(created, "the 201 body"), (stored, "GET /v1/tools/{id}")] {
            let differences = differences(view, spec)
            context.check(differences.isEmpty, "\(source) shows the tool as sent", observed: differences.joined(separator: "; "))
        }
    }

    /// What `view` shows differently from `spec` (settings only when the answer shows them).
    static func differences(_ view: ToolView, _ spec: ToolSpec) -> [String] {
        var expected: [(String, JSONValue, JSONValue)] = [
            ("name", view.name, .string(spec.name)), ("description", view.description, .string(spec.description)),
        ]
        if view.showsSettings {
            expected += [
                ("url", view.setting("url"), .string(spec.url)), ("method", view.setting("method"), .string(spec.method)),
                ("header X-Source", view.header("X-Source"), "voice"),
                ("variables", .array(view.variableNames.map { .string($0) }), .array(spec.variables.map { .string($0.name) })),
            ]
            if view.dialect == .feather { expected.append(("timeout", view.setting("timeout"), .int(spec.timeout ?? 0))) }
        }
        return expected.filter { $0.1 != $0.2 }.map { "\($0.0) is \($0.1.jsonText), sent \($0.2.jsonText)" }
    }

    // MARK: Update

    /// Feather's PUT and OneInbox's PATCH both leave out what they do not name.
    static let updateGivenFields = ConformanceCase(
        "lifecycle.update.changes-given-fields",
        "An update changes the fields it names and keeps the others "
            + "(PUT: description, then name and metadata; PATCH: description, then url and method)",
        rule: "lifecycle.update"
    ) { context in
        let marker = context.uniqueName("update")
        let tool = try await context.createTool(json: ValidationCases.apiCall(context.dialect, marker))
        let feather = context.dialect == .feather
        let steps: [(JSONValue, [(String, JSONValue)])] = feather ? [
            (["description": "after"], [("description", "after"), ("name", .string(marker)), ("url", .string(ValidationCases.idleURL))]),
            (["name": .string(marker + "_renamed"), "metadata": ["team": "sales"]],
             [("name", .string(marker + "_renamed")), ("metadata", ["team": "sales"]), ("description", "after"),
              ("url", .string(ValidationCases.idleURL))]),
        ] : [
            (["description": "after"], [("description", "after"), ("name", .string(marker)), ("url", .string(ValidationCases.idleURL))]),
            (["url": "http://127.0.0.1:9/other", "method": "PUT"],
             [("url", "http://127.0.0.1:9/other"), ("method", "PUT"), ("name", .string(marker)), ("description", "after")]),
        ]
        var seen: [(body: JSONValue, expected: [(String, JSONValue)], answer: TargetAnswer, view: ToolView)] = []
        for (body, expected) in steps {
            let answer = try await context.send(feather ? "PUT" : "PATCH", "/v1/tools/\(tool.id)", json: body)
            seen.append((body, expected, answer, try await context.toolView(tool.id).view))
        }
        await context.removeTools([tool.id])
        for (body, expected, answer, view) in seen {
            context.check(answer.status == 200, "\(feather ? "PUT" : "PATCH") \(body.jsonText) answers 200", observed: answer.summary)
            for (field, value) in expected {
                context.check(matches(view, field, value), "after \(body.jsonText), \(field) is \(value.jsonText)",
                                   observed: "GET shows \(view.json.jsonText.prefix(400))")
            }
        }
    }

    /// Whether `view` shows `value` at `field` (a top-level field, or a setting; settings not shown are not judged).
    static func matches(_ view: ToolView, _ field: String, _ value: JSONValue) -> Bool {
        switch field {
        case "url", "method": return !view.showsSettings || view.setting(field) == value
        default: return view.json[field] == value
        }
    }

    /// Feather's ToolUpdate has no configuration: a PUT carrying one either ignores it or is refused, never applies it.
    static let updateLeavesConfiguration = ConformanceCase(
        "lifecycle.update.put-leaves-configuration", "A PUT that also sends a configuration leaves the tool's url and method unchanged",
        rule: "lifecycle.update", dialects: [.feather]
    ) { context in
        let tool = try await context.createTool(json: ValidationCases.apiCall(.feather, context.uniqueName("put_config")))
        let (_, before) = try await context.toolView(tool.id)
        let answer = try await context.send("PUT", "/v1/tools/\(tool.id)", json: [
            "description": "renamed", "configuration": ["url": "http://127.0.0.1:9/elsewhere", "method": "GET", "timeout": 99],
        ])
        let (_, after) = try await context.toolView(tool.id)
        await context.removeTools([tool.id])
        try context.expect(answer.status < 500, "the PUT is answered (applied without the configuration, or refused)", observed: answer.summary)
        try context.expect(after.setting("url") == before.setting("url") && after.setting("method") == before.setting("method"),
                           "url and method stay \(before.setting("url").jsonText) \(before.setting("method").jsonText)",
                           observed: "GET shows url \(after.setting("url").jsonText), method \(after.setting("method").jsonText)")
    }

    // MARK: Delete

    static let deleteGone = ConformanceCase(
        "lifecycle.delete.gone-from-get-and-list", "DELETE answers 204; the tool is then 404 and absent from the list, and others stay",
        rule: "lifecycle.delete"
    ) { context in
        let marker = context.uniqueName("delete")
        let doomed = try await context.createTool(json: ValidationCases.apiCall(context.dialect, marker))
        let kept = try await context.createTool(json: ValidationCases.apiCall(context.dialect, marker + "_kept"))
        let deleted = try await context.deleteTool(doomed.id)
        let gone = try await context.getTool(doomed.id)
        let again = try await context.deleteTool(doomed.id)
        let listed = try await context.listedTools().compactMap { $0["id"]?.stringValue }
        let stillThere = try await context.getTool(kept.id)
        await context.removeTools([kept.id])
        context.check(deleted.status == 204, "DELETE /v1/tools/{id} answers 204", observed: deleted.summary)
        context.check(gone.status == 404, "GET on the deleted tool answers 404", observed: gone.summary)
        context.check(again.status == 404, "a second DELETE on the deleted tool answers 404", observed: again.summary)
        context.check(!listed.contains(doomed.id), "the deleted tool is absent from the list", observed: "the list still shows \(doomed.id)")
        context.check(stillThere.status == 200 && listed.contains(kept.id), "another tool is still there and listed",
                           observed: "GET on it answered \(stillThere.summary); listed: \(listed.contains(kept.id))")
    }
}
