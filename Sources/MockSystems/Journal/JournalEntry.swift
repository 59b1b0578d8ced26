// One request a mock system received, with what the system decided about it: the unit of the journal.
import Foundation

/// A request as a mock system received it, plus what was learned while answering it (route, auth, validation,
/// fault, status). Entries are values: the journal hands out copies.
public struct JournalEntry: Sendable, Equatable {
    /// 1-based, increasing per journal; assigned by `Journal.record(_:)` (the value in a draft is ignored).
    public var id: Int
    /// The mock system that received the request, e.g. `crm`.
    public var system: String
    /// Wall-clock arrival time.
    public var arrivedAt: Date
    /// Monotonic arrival time (`MonotonicClock` nanoseconds), for measuring intervals between requests.
    public var arrivalMonotonicNanoseconds: UInt64
    public var method: String
    /// The request-target as sent, e.g. `/contacts?limit=5`.
    public var target: String
    /// The target's path without the query.
    public var path: String
    /// The raw query after `?`, or nil.
    public var query: String?
    /// Header fields in wire order; `secret` ones are masked wherever entries leave the process unrevealed.
    public var headers: [JournalHeader]
    public var body: [UInt8]
    /// The peer's address, e.g. `127.0.0.1:53122`.
    public var peer: String
    /// The id of the route that matched, or nil when none did.
    public var route: String?
    public var auth: AuthOutcome
    public var validation: BodyValidationOutcome
    /// What fault was applied, e.g. `rule r1: status 503 (2 of 2)`, or nil.
    public var fault: String?
    /// The status sent; nil until answered, and nil after completion when no answer was sent (reset, close).
    public var status: Int?
    /// `true` once `Journal.complete(id:_:)` ran: the exchange is over, answered or not.
    public var completed: Bool
    /// What decided the answer; `.none` until one is sent, and after a connection that ended without one.
    public var answeredBy: AnsweredBy = .nothing
    /// Monotonic time (`MonotonicClock` nanoseconds) at which the entry completed; nil until then. Not in its JSON.
    public var completedMonotonicNanoseconds: UInt64?
    /// Secret values that may appear outside headers (a key in the query, a client secret in a form body);
    /// masked in the target, query and body wherever secrets are not revealed.
    public var secretValues: [String] = []

    /// A draft entry; `id` is assigned when the journal records it.
    public init(id: Int = 0, system: String, arrivedAt: Date, arrivalMonotonicNanoseconds: UInt64, method: String,
                target: String, path: String, query: String? = nil, headers: [JournalHeader] = [], body: [UInt8] = [],
                peer: String = "", route: String? = nil, auth: AuthOutcome = .notRequired,
                validation: BodyValidationOutcome = .notChecked, fault: String? = nil, status: Int? = nil, completed: Bool = false) {
        self.id = id
        self.system = system
        self.arrivedAt = arrivedAt
        self.arrivalMonotonicNanoseconds = arrivalMonotonicNanoseconds
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.peer = peer
        self.route = route
        self.auth = auth
        self.validation = validation
        self.fault = fault
        self.status = status
        self.completed = completed
    }

    /// What a route made of the request: `.accepted` when a route answered below 400, `.rejected` when a route
    /// answered 400 or above (auth or validation failed, no such record, a conditional error answer); nil when no
    /// route answered (no route matched, a fault answered or cut the connection, or no answer yet).
    public var outcome: EntryOutcome? {
        guard answeredBy == .route, let status else { return nil }
        return status < 400 ? .accepted : .rejected
    }

    /// The first value of header `name` (case-insensitive), unmasked.
    public func headerValue(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// One header field as journaled.
public struct JournalHeader: Sendable, Equatable {
    public var name: String
    public var value: String
    /// Whether the value is a credential: shown marked in the admin API, replaced by `***` elsewhere.
    public var secret: Bool

    public init(name: String, value: String, secret: Bool = false) {
        self.name = name
        self.value = value
        self.secret = secret
    }

    /// Header names treated as secret when none are given (compared case-insensitively).
    public static let defaultSecretNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token",
    ]
}

/// What the mock decided about a request's credentials.
public enum AuthOutcome: String, Sendable, Equatable, CaseIterable {
    case notRequired = "not_required"
    case accepted
    case missing
    case invalid
    case expired
    /// An issuer token that was revoked (admin API or RFC 7009).
    case revoked
}

/// Whether the request body passed the route's field rules.
public enum BodyValidationOutcome: Sendable, Equatable {
    case notChecked
    case passed
    case failed(errors: [FieldError])

    /// `not_checked`, `passed` or `failed`.
    public var name: String {
        switch self {
        case .notChecked: return "not_checked"
        case .passed: return "passed"
        case .failed: return "failed"
        }
    }
}

/// One field that failed validation, e.g. `phone_number`: `must be E.164, got '555'`.
public struct FieldError: Sendable, Equatable {
    /// The field's path in the body, e.g. `contact.email`.
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}

/// Whether the route that answered a request took it in or turned it away.
public enum EntryOutcome: String, Sendable, Equatable, CaseIterable {
    case accepted
    case rejected
}

/// What the journal learns when an exchange ends.
public struct JournalCompletion: Sendable, Equatable {
    /// The status sent; nil when the connection was reset or closed without an answer.
    public var status: Int?
    public var answeredBy: AnsweredBy
    /// What the route's checks decided, when the request was processed (nil leaves the entry's value).
    public var auth: AuthOutcome?
    public var validation: BodyValidationOutcome?

    public init(status: Int?, answeredBy: AnsweredBy, auth: AuthOutcome? = nil, validation: BodyValidationOutcome? = nil) {
        self.status = status
        self.answeredBy = answeredBy
        self.auth = auth
        self.validation = validation
    }
}

/// What decided a request's answer.
public enum AnsweredBy: String, Sendable, Equatable, CaseIterable {
    /// A route of the definition (whatever its status: 2xx, 401, 404 for a missing record, 422).
    case route
    /// A fault rule: its answer, or a connection it reset, closed, cut or dribbled.
    case fault
    /// The mock itself rather than a route: 404 or 405 for a request no route matches, a CORS preflight.
    case admin
    /// Nothing yet, or the connection ended before an answer (`none` in JSON; not `.none`, which would read as nil).
    case nothing = "none"
}
