// Reading a route's conditional answers (`when`): conditions on the body, query, headers and stored records.
import JSONModel

extension MockDefinition {
    /// `"when": [{"if": {...}, "action": {...}, "response": {...}}, ...]`; see `Mocks/README.md` ("Conditional answers").
    static func loadWhen(_ route: DefinitionReader, collections: Set<String>, hasIssuer: Bool) throws(DefinitionError) -> [ConditionalAnswer] {
        guard let values = try route.array("when") else { return [] }
        guard !values.isEmpty else { throw route.failure("when", "list at least one conditional answer, or leave 'when' out") }
        var answers: [ConditionalAnswer] = []
        for (index, value) in values.enumerated() {
            let reader = try route.reader(over: value, at: route.child("when", index))
            try reader.onlyKeys(["if", "action", "response", "description"])
            guard let condition = try reader.reader("if") else { throw reader.failure("if", "is required: what must hold for this answer") }
            guard reader.object["response"] != nil else {
                throw reader.failure("response", "is required: the answer to give when the condition holds")
            }
            answers.append(ConditionalAnswer(condition: try loadCondition(condition, collections: collections),
                                             action: try loadAction(reader.reader("action"), collections: collections, hasIssuer: hasIssuer),
                                             response: try loadResponse(reader.reader("response"), defaultStatus: 200)))
        }
        return answers
    }

    private static func loadCondition(_ reader: DefinitionReader, collections: Set<String>) throws(DefinitionError) -> AnswerCondition {
        try reader.onlyKeys(["body", "query", "headers", "exists", "missing"])
        guard !reader.object.isEmpty else {
            throw reader.failure(nil, "a condition needs at least one of: body, query, headers, exists, missing")
        }
        func query(_ key: String) throws(DefinitionError) -> RecordQuery? {
            guard let spec = try reader.reader(key) else { return nil }
            try spec.onlyKeys(["collection", "where"])
            let name = try spec.requiredNonEmptyString("collection")
            guard collections.contains(name) else { throw spec.failure("collection", "no collection named '\(name)' is declared") }
            let filter = try spec.templates("where")
            guard !filter.isEmpty else { throw spec.failure("where", "name at least one field a record must match") }
            return RecordQuery(collection: name, filter: filter)
        }
        return AnswerCondition(body: try reader.templates("body").map { (path: $0.0, value: $0.1) },
                               query: try reader.templates("query").map { (name: $0.0, value: $0.1) },
                               headers: try reader.templates("headers").map { (name: $0.0, value: $0.1) },
                               exists: try query("exists"), missing: try query("missing"))
    }
}
