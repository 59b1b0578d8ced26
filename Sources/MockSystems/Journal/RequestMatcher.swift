// Which journal entries a test is asking about: the criteria behind admin queries and server-side waits.
import JSONModel

/// Criteria an entry must all meet; an empty matcher matches every entry. Pure and cheap to copy.
public struct RequestMatcher: Sendable, Equatable {
    /// The mock system, e.g. `crm`.
    public var system: String?
    /// The method, compared case-insensitively.
    public var method: String?
    public var path: PathSelector?
    /// The id of the route that matched.
    public var route: String?
    /// Header fields that must be present with exactly these values (names case-insensitive).
    public var headers: [JournalHeader]
    /// The body must parse as JSON and be this value (numbers compare by value).
    public var bodyEquals: JSONValue?
    /// The body must parse as JSON and contain this value (see `JSONValue.contains(subset:)`).
    public var bodyContains: JSONValue?
    public var outcome: EntryOutcome?
    /// Only entries with an id greater than this.
    public var sinceID: Int?

    /// A matcher from its parts; everything defaults to "any".
    public init(system: String? = nil, method: String? = nil, path: PathSelector? = nil, route: String? = nil,
                headers: [JournalHeader] = [], bodyEquals: JSONValue? = nil, bodyContains: JSONValue? = nil,
                outcome: EntryOutcome? = nil, sinceID: Int? = nil) {
        self.system = system
        self.method = method
        self.path = path
        self.route = route
        self.headers = headers
        self.bodyEquals = bodyEquals
        self.bodyContains = bodyContains
        self.outcome = outcome
        self.sinceID = sinceID
    }

    /// Whether `entry` meets every criterion.
    public func matches(_ entry: JournalEntry) -> Bool {
        if let sinceID, entry.id <= sinceID { return false }
        if let system, entry.system != system { return false }
        if let method, entry.method.uppercased() != method.uppercased() { return false }
        if let path, !path.matches(entry.path) { return false }
        if let route, entry.route != route { return false }
        if let outcome, entry.outcome != outcome { return false }
        for expected in headers {
            let name = expected.name.lowercased()
            guard entry.headers.contains(where: { $0.name.lowercased() == name && $0.value == expected.value }) else { return false }
        }
        if bodyEquals != nil || bodyContains != nil {
            guard let body = try? JSONValue.parse(entry.body) else { return false }
            if let bodyEquals, !body.sameValue(as: bodyEquals) { return false }
            if let bodyContains, !body.contains(subset: bodyContains) { return false }
        }
        return true
    }
}
