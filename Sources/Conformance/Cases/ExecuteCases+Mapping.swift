// Execute cases for execute.mapping: `response_schema.field_mappings` narrow the downstream JSON by dot paths.
import MockSystems
import JSONModel

extension ExecuteCases {
    static let mappings: [ConformanceCase] = [nestedPaths, aliasDefault, missingPath]

    /// The order the downstream system answers. The top-level `id` and `total` are decoys: a server that reads only a
    /// path's last segment, or drops its first, finds them instead of the nested values.
    static let order: JSONValue = [
        "id": "top_decoy", "total": 99, "status": "ok",
        "data": ["order": ["id": "ord_77", "items": [["sku": "A1"], ["sku": "B2"]]], "total": 12.5],
    ]

    /// Executes a tool with `mappings` against a webhook answering `order`, and expects exactly `expected` as body.
    private static func expectNarrowed(_ context: CaseContext, mappings: [(path: String, alias: String?)],
                                       expected: JSONObject) async throws {
        let hook = try context.startWebhook()
        hook.addFault(FaultRule.respond(200, body: order))
        var spec = ToolSpec.calling(hook, "/orders/latest", method: "GET", name: "latest_order")
        spec.mappings = mappings
        let tool = try await context.createTool(spec)
        let answer = try await context.executeJudged(tool.id)
        try context.expectExecuteResponse(answer)
        try context.expect(answer["success"] == .bool(true), "the call succeeds", observed: answer.summary)
        let body = answer["body"]
        for (key, value) in expected {
            try context.expect(body.objectValue?[key].map { $0.sameValue(as: value) } == true, "body[\"\(key)\"] is \(value.jsonText)",
                               observed: "body was \(body.jsonText)")
        }
        try context.expect(body.objectValue?.count == expected.count,
                           "the body holds only the mapped keys \(expected.keys.joined(separator: ", "))",
                           observed: "body was \(body.jsonText)")
    }

    static let nestedPaths = ConformanceCase(
        "execute.mapping.nested-paths", "Dot paths reach nested fields and numeric segments index arrays (`data.order.items.1.sku`)",
        rule: "execute.mapping", dialects: [.feather]
    ) { context in
        try await expectNarrowed(context, mappings: [
            (path: "data.order.id", alias: "order_id"), (path: "data.order.items.0.sku", alias: "first_sku"),
            (path: "data.order.items.1.sku", alias: "second_sku"),
        ], expected: ["order_id": "ord_77", "first_sku": "A1", "second_sku": "B2"])
    }

    static let aliasDefault = ConformanceCase(
        "execute.mapping.alias-default", "A mapping without alias is keyed by its whole path (`data.total`), flat",
        rule: "execute.mapping", dialects: [.feather]
    ) { context in
        try await expectNarrowed(context, mappings: [(path: "data.total", alias: nil), (path: "status", alias: nil)],
                                 expected: ["data.total": 12.5, "status": "ok"])
    }

    static let missingPath = ConformanceCase(
        "execute.mapping.missing-null", "A path that leads nowhere (absent key, index past the end) maps to null",
        rule: "execute.mapping", dialects: [.feather]
    ) { context in
        try await expectNarrowed(context, mappings: [
            (path: "data.order.coupon", alias: "coupon"), (path: "data.order.items.5.sku", alias: "sixth_sku"),
            (path: "data.order.id", alias: "order_id"),
        ], expected: ["coupon": .null, "sixth_sku": .null, "order_id": "ord_77"])
    }
}
