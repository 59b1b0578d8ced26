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
    /// The status sent: exactly, or a class such as `4xx`.
    public var status: StatusSelector?
    public var answeredBy: AnsweredBy?
    /// Only entries with an id greater than this.
    public var sinceID: Int?

    /// A matcher from its parts; everything defaults to "any".
    public init(system: String? = nil, method: String? = nil, path: PathSelector? = nil, route: String? = nil,
                headers: [JournalHeader] = [], bodyEquals: JSONValue? = nil, bodyContains: JSONValue? = nil,
                outcome: EntryOutcome? = nil, status: StatusSelector? = nil, answeredBy: AnsweredBy? = nil,
                sinceID: Int? = nil) {
        self.system = system
        self.method = method
        self.path = path
        self.route = route
        self.headers = headers
        self.bodyEquals = bodyEquals
        self.bodyContains = bodyContains
        self.outcome = outcome
        self.status = status
        self.answeredBy = answeredBy
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
        if let status, !status.admits(entry.status) { return false }
        if let answeredBy, entry.answeredBy != answeredBy { return false }
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

/// A status a matcher asks for: one code (`201`) or a class (`4xx`, any code from 400 to 499).
public enum StatusSelector: Sendable, Equatable {
    case exactly(Int)
    case classOf(hundreds: Int)

    /// Reads `201` (as text) or `2xx`; nil for anything else.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        if lowered.count == 3, lowered.hasSuffix("xx"), let digit = Int(lowered.prefix(1)), (1...5).contains(digit) {
            self = .classOf(hundreds: digit)
        } else if let code = Int(text), (100...599).contains(code) {
            self = .exactly(code)
        } else {
            return nil
        }
    }

    /// Whether an entry that was answered with `status` (nil: no answer) is selected.
    public func admits(_ status: Int?) -> Bool {
        guard let status else { return false }
        switch self {
        case let .exactly(code): return status == code
        case let .classOf(hundreds): return status / 100 == hundreds
        }
    }

    /// `201` as a JSON integer, `4xx` as a string: the form the matcher reads.
    public var json: JSONValue {
        switch self {
        case let .exactly(code): return .int(code)
        case let .classOf(hundreds): return .string("\(hundreds)xx")
        }
    }
}
