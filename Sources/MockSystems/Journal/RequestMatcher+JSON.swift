// Reading a matcher from the admin API's JSON, and writing it back.
import JSONModel

/// Why a matcher could not be read: the key path (e.g. `headers.Authorization`) and what was expected.
public struct MatcherError: Error, Equatable, CustomStringConvertible {
    /// Where the problem is, e.g. `since_id`; empty for the matcher itself.
    public var keyPath: String
    public var problem: String

    public init(keyPath: String, problem: String) {
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String { "matcher\(keyPath.isEmpty ? "" : ".\(keyPath)"): \(problem)" }
}

extension RequestMatcher {
    /// The keys a matcher object may hold.
    public static let keys = ["system", "method", "path", "route", "headers", "body_equals", "body_contains", "outcome",
                              "status", "answered_by", "since_id"]

    /// Parses an object of `keys`; see `Mocks/README.md` ("Matchers") for each one.
    /// - Throws: `MatcherError` naming the key for unknown keys, wrong types and values out of range.
    public init(json: JSONValue) throws(MatcherError) {
        let reader = try JSONObjectReader(json, path: "") { MatcherError(keyPath: $0, problem: $1.description) }
        try reader.onlyKeys(Self.keys)
        self.init(
            system: try reader.nonEmptyString("system"),
            method: try reader.nonEmptyString("method"),
            path: try reader.nonEmptyString("path").map(PathSelector.init),
            route: try reader.nonEmptyString("route"),
            headers: (try reader.stringMap("headers") ?? []).map { JournalHeader(name: $0.name, value: $0.value) },
            bodyEquals: reader.object["body_equals"],
            bodyContains: reader.object["body_contains"],
            outcome: try Self.outcome(reader),
            status: try Self.status(reader),
            answeredBy: try Self.answeredBy(reader),
            sinceID: try reader.int("since_id", in: 0...Int.max))
    }

    private static func outcome(_ reader: JSONObjectReader<MatcherError>) throws(MatcherError) -> EntryOutcome? {
        guard let text = try reader.string("outcome") else { return nil }
        guard let outcome = EntryOutcome(rawValue: text) else {
            throw reader.failure("outcome", "expected \"accepted\" or \"rejected\", got \"\(text)\"")
        }
        return outcome
    }

    private static func status(_ reader: JSONObjectReader<MatcherError>) throws(MatcherError) -> StatusSelector? {
        switch reader.object["status"] {
        case nil: return nil
        case let .int(code)?: return .exactly(try reader.int(.int(code), at: reader.child("status"), in: 100...599))
        case let .string(text)? where StatusSelector(text) != nil: return StatusSelector(text)
        case let other?:
            throw reader.failure("status", "expected a status code 100-599 or a class such as \"4xx\", got \(other.jsonText)")
        }
    }

    private static func answeredBy(_ reader: JSONObjectReader<MatcherError>) throws(MatcherError) -> AnsweredBy? {
        guard let text = try reader.string("answered_by") else { return nil }
        guard let answeredBy = AnsweredBy(rawValue: text) else {
            let names = AnsweredBy.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw reader.failure("answered_by", "expected one of \(names), got \"\(text)\"")
        }
        return answeredBy
    }

    /// The matcher as JSON, in the form `init(json:)` reads.
    public var json: JSONValue {
        var object = JSONObject()
        object["system"] = system.map(JSONValue.string)
        object["method"] = method.map(JSONValue.string)
        object["path"] = path.map { .string($0.text) }
        object["route"] = route.map(JSONValue.string)
        if !headers.isEmpty { object["headers"] = .object(JSONObject(headers.map { ($0.name, .string($0.value)) })) }
        object["body_equals"] = bodyEquals
        object["body_contains"] = bodyContains
        object["outcome"] = outcome.map { .string($0.rawValue) }
        object["status"] = status?.json
        object["answered_by"] = answeredBy.map { .string($0.rawValue) }
        object["since_id"] = sinceID.map(JSONValue.int)
        return .object(object)
    }
}
