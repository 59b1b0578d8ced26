// A mock system described as data: its auth, stored collections, routes, and start-up faults.
import JSONModel

/// One mock system as read from `Mocks/<name>.json`. See `Mocks/README.md` for the format.
public struct MockDefinition: Sendable {
    /// Short name used in flags, URLs and journals (`crm`, `ticketing`).
    public var name: String
    public var title: String
    /// How requests prove who they are (routes may opt out with `"auth": false`).
    public var auth: AuthRequirement
    public var collections: [CollectionSpec]
    var routes: [RouteSpec]
    /// Present on a token issuer: its clients and token lifetime.
    public var issuer: IssuerSpec?
    /// Fault rules installed when the system starts (parsed at load, so a bad one names its file and path).
    public var faults: [FaultRule]
    /// The file it came from, for messages.
    public var source: String
}

/// How a mock system authenticates requests.
public enum AuthRequirement: Sendable, Equatable {
    case none
    /// `Authorization: Bearer <token>`.
    case bearer(token: String)
    /// A key in a header, e.g. `X-API-Key`.
    case apiKey(header: String, key: String)
    /// `Authorization: Bearer` with a token the cluster's OAuth issuer issued and that has not expired.
    case issuedToken

    /// The secret values this requirement involves (masked wherever they might be shown).
    var secrets: [String] {
        switch self {
        case let .bearer(token): return [token]
        case let .apiKey(_, key): return [key]
        case .none, .issuedToken: return []
        }
    }
}

/// A stored collection: how its ids look, how many records it keeps, what it starts with.
public struct CollectionSpec: Sendable {
    public enum IDStyle: Sendable, Equatable {
        /// `prefix` + increasing number from `start` (e.g. `T-1001`).
        case sequence(start: Int)
        /// `prefix` + random lowercase hex digits (e.g. `lead_3f9a0c1b2d4e`).
        case random(digits: Int)
    }

    public var name: String
    public var idPrefix: String
    public var idStyle: IDStyle
    /// Records kept at most; the oldest go first (counted, never silently).
    public var capacity: Int
    public var seed: [JSONValue]
}

/// A token issuer's settings (RFC 6749 client credentials).
public struct IssuerSpec: Sendable {
    public struct Client: Sendable, Equatable {
        public var id: String
        public var secret: String
        public var scopes: [String]
    }

    public var clients: [Client]
    /// Token lifetime in seconds, reported as `expires_in`.
    public var expiresIn: Int
}

/// One route: what it matches, checks, does and answers.
struct RouteSpec: Sendable {
    var id: String
    /// A method, or `*` for any.
    var method: String
    var path: PathPattern
    var requiresAuth: Bool
    /// Rules for a JSON object body; nil when the body is not checked.
    var body: [(name: String, rule: FieldRule)]?
    var query: [(name: String, rule: FieldRule)]
    var signature: SignatureSpec?
    /// Answers chosen by the request or the state, tried in order after the checks; the first that holds wins.
    var when: [ConditionalAnswer] = []
    var action: RouteAction
    var response: ResponseSpec
}

/// An answer a route gives instead of its own when `condition` holds (a taken slot answers 409).
struct ConditionalAnswer: Sendable {
    var condition: AnswerCondition
    /// What to do instead of the route's action; `.none` unless given (a refusal stores nothing).
    var action: RouteAction
    var response: ResponseSpec
}

/// What must hold for a conditional answer; every part given must hold.
struct AnswerCondition: Sendable {
    /// Body dot paths (`slot`, `contact.phone`) and the values they must equal (templates, rendered per request).
    var body: [(path: String, value: Template)] = []
    var query: [(name: String, value: Template)] = []
    /// Header names (case-insensitive) and the values they must equal.
    var headers: [(name: String, value: Template)] = []
    /// A record of the collection must match (it becomes `{{record}}`), or must not.
    var exists: RecordQuery?
    var missing: RecordQuery?
}

/// Records of `collection` whose dot-path fields equal the rendered templates (a template rendering to null is skipped).
struct RecordQuery: Sendable {
    var collection: String
    var filter: [(String, Template)]
}

/// What a route does with the request before answering.
enum RouteAction: Sendable {
    case none
    /// Stores the body (plus `fields`) as a new record.
    case create(collection: String, fields: [(String, Template)])
    /// All records, optionally filtered by dot-path fields (a filter rendering to null is skipped).
    case list(collection: String, filter: [(String, Template)])
    /// One record by id; 404 when absent.
    case get(collection: String, id: Template)
    /// Merges the body's fields (when it is an object) and then `fields` into record `id`, sets `updated_at`;
    /// 404 when absent. The id never changes.
    case update(collection: String, id: Template, fields: [(String, Template)])
    /// Removes record `id` (it stays readable as `{{record}}` for the answer); 404 when absent.
    case delete(collection: String, id: Template)
    /// The first record whose fields match; 404 when none.
    case find(collection: String, filter: [(String, Template)])
    /// Issues an OAuth access token (the route answers per RFC 6749 itself).
    case issueToken
    /// Revokes one of the calling client's tokens (RFC 7009).
    case revokeToken
    /// Answers the issuer's RFC 8414 metadata document.
    case oauthMetadata
}

/// The answer a route gives when all checks pass.
struct ResponseSpec: Sendable {
    var status: Int
    var headers: [(String, Template)]
    var body: Template?
}

extension MockDefinition {
    /// The secrets of routes that verify signatures (and any text that would give one away), for masking.
    var signingSecrets: [String] { routes.flatMap { $0.signature?.maskedValues ?? [] } }

    /// A copy whose routes all verify HMAC-SHA256 signatures (scheme `hmac`) with `secret`: default headers and skew.
    /// Routes that already verify signatures keep their own check.
    public func verifyingSignatures(secret: String) -> MockDefinition {
        // Any text, even empty, is an hmac key, so this cannot fail; the fallback is never taken.
        (try? verifyingSignatures(scheme: .hmac, secrets: [secret])) ?? self
    }

    /// A copy whose routes all verify `scheme` signatures made with any of `secrets` (rotation), with the scheme's
    /// default headers, tolerance and replay rule. Routes that already verify signatures keep their own check.
    /// - Throws: `WebhookSignatureError` for no secret or one the scheme cannot use (named by position, never shown).
    public func verifyingSignatures(scheme: WebhookSignatureScheme, secrets: [String]) throws(WebhookSignatureError) -> MockDefinition {
        let spec = try SignatureSpec(scheme: scheme, secrets: secrets)
        var copy = self
        copy.routes = routes.map { route in
            var route = route
            route.signature = route.signature ?? spec
            return route
        }
        return copy
    }
}
