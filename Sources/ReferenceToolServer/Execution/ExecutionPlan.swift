// What the execution engine needs to call a downstream API: the seam between the tool model and the executor.
import JSONModel

/// Everything needed to execute one `api_call` tool, independent of how tools are stored or which dialect
/// described them. The tool model maps onto this; the executor reads nothing else.
///
/// Strings may hold `{{variable}}` and `{{metadata.key}}` placeholders (see `PlaceholderRenderer`).
public struct ExecutionPlan: Sendable, Equatable {
    /// The URL template, e.g. `http://crm.local/callbacks/{{id}}`. Placeholder values are percent-encoded.
    public var urlTemplate: String
    /// The HTTP method, sent as given (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`).
    public var method: String
    /// Header fields; values may hold placeholders. A `secure` value is sent downstream but never shown.
    public var headers: [Parameter]
    /// Query parameters appended to the URL; values may hold placeholders. A `secure` value is masked in `request_url`.
    public var queryParams: [Parameter]
    /// The JSON body template, sent as `application/json` when present (whatever the method); nil sends no body.
    public var body: JSONValue?
    /// Seconds each attempt may take (connect, send and read) before it is abandoned as `timeout`. Feather allows 1-300.
    public var timeoutSeconds: Int
    /// The tool's input variables, checked by `InputResolution` before anything is sent.
    public var variables: [Variable]
    /// Operator-configured values by variable name (`default` fills a missing value, `pinned` overrides the caller's).
    public var inputDefaults: [String: InputDefault]
    /// When and how often failed attempts are repeated; `RetryPolicy.none` tries once.
    public var retry: RetryPolicy
    /// Fields to keep from the downstream JSON body; empty keeps the whole body.
    public var responseMappings: [FieldMapping]
    /// OAuth 2.0 client-credentials settings; when set, every attempt carries a bearer token from the issuer.
    public var oauth: OAuthClientCredentials?

    /// A plan; everything but the URL has a default (GET, nothing extra, 30 s timeout, no retries).
    public init(urlTemplate: String, method: String = "GET", headers: [Parameter] = [], queryParams: [Parameter] = [],
                body: JSONValue? = nil, timeoutSeconds: Int = 30, variables: [Variable] = [],
                inputDefaults: [String: InputDefault] = [:], retry: RetryPolicy = .none,
                responseMappings: [FieldMapping] = [], oauth: OAuthClientCredentials? = nil) {
        self.urlTemplate = urlTemplate
        self.method = method
        self.headers = headers
        self.queryParams = queryParams
        self.body = body
        self.timeoutSeconds = timeoutSeconds
        self.variables = variables
        self.inputDefaults = inputDefaults
        self.retry = retry
        self.responseMappings = responseMappings
        self.oauth = oauth
    }

    /// What a secure value is replaced with wherever it would be shown (`request_url`).
    public static let secretMask = "***"

    /// A header field or query parameter as configured: the model's own setting type.
    public typealias Parameter = KeyValueSetting

    /// One field picked from the downstream response body.
    public struct FieldMapping: Sendable, Equatable {
        /// A dot path, e.g. `lead.id` or `items.0.name` (numeric segments index arrays).
        public var path: String
        /// The key in the mapped body; nil uses `path` itself as the key.
        public var alias: String?

        /// A mapping; the alias defaults to the path.
        public init(path: String, alias: String? = nil) {
            self.path = path
            self.alias = alias
        }

        /// The output key: the alias, or the path when there is none (or it is empty).
        public var key: String { alias.flatMap { $0.isEmpty ? nil : $0 } ?? path }
    }
}
