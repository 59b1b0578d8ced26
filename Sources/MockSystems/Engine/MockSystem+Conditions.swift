// Whether a conditional answer's condition holds for this request and the records stored now.
import JSONModel
import HTTPWire

extension MockSystem {
    /// Whether every part of `condition` holds. A matching `exists` record becomes `{{record}}` for the answer.
    func holds(_ condition: AnswerCondition, request: HTTPRequest, context: inout TemplateContext) -> Bool {
        for (path, template) in condition.body
        where !Self.equal(TemplateContext.walk(context.body, path.split(separator: ".")[...]), template.render(context)) {
            return false
        }
        for (name, template) in condition.query where !Self.equal(context.query[name].map(JSONValue.string), template.render(context)) {
            return false
        }
        for (name, template) in condition.headers where !Self.equal(request.headers[name].map(JSONValue.string), template.render(context)) {
            return false
        }
        if let missing = condition.missing, first(missing, context) != nil { return false }
        if let exists = condition.exists {
            guard let record = first(exists, context) else { return false }
            context.record = record
        }
        return true
    }

    /// The first record matching every field of `query`; unlike a list filter, a field rendering to null is not
    /// skipped (it matches only a stored null), so a missing body field can never match every record.
    private func first(_ query: RecordQuery, _ context: TemplateContext) -> JSONValue? {
        collections[query.collection]?.first(where: query.filter.map { (path: $0.0, value: $0.1.render(context)) })
    }

    /// JSON equality by value (`1` equals `1.0`); an absent value equals only `null`.
    private static func equal(_ value: JSONValue?, _ expected: JSONValue) -> Bool {
        (value ?? .null).sameValue(as: expected)
    }
}
