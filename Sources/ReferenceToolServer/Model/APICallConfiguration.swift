// What an api_call tool sends: url template, method, headers, query, body, timeout, variables, retry, OAuth 2.0.
import JSONModel

/// The HTTP call an api_call tool makes (Feather's `APICallConfiguration`).
public struct APICallConfiguration: Sendable, Equatable {
    /// Allowed `timeout` in seconds: 1-300 (Feather). Outside is 422 at `configuration.timeout`.
    public static let timeoutRange: ClosedRange<Int> = 1...300
    /// `timeout` when none is given: 30 s (Feather).
    public static let defaultTimeout = 30

    /// Absolute http(s) URL, possibly with `{{placeholders}}`.
    public var url: String
    /// HTTP method; GET by default.
    public var method: APICallMethod
    /// Headers sent with every call.
    public var headers: [KeyValueSetting]
    /// Query parameters appended to the url.
    public var queryParams: [KeyValueSetting]
    /// JSON body template; nil when the tool sends no configured body.
    public var body: JSONObject?
    /// Seconds after which one attempt is abandoned.
    public var timeout: Int
    /// Input variables the agent supplies.
    public var variables: [VariableDefinition]
    /// Retry settings; nil means no retries.
    public var retry: RetryConfig?
    /// OAuth 2.0 client-credentials settings (an Understudy extension); nil sends no issued token.
    public var oauth2: OAuth2Settings?

    /// Creates a configuration with Feather's defaults.
    public init(
        url: String, method: APICallMethod = .get, headers: [KeyValueSetting] = [], queryParams: [KeyValueSetting] = [],
        body: JSONObject? = nil, timeout: Int = APICallConfiguration.defaultTimeout, variables: [VariableDefinition] = [],
        retry: RetryConfig? = nil, oauth2: OAuth2Settings? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.queryParams = queryParams
        self.body = body
        self.timeout = timeout
        self.variables = variables
        self.retry = retry
        self.oauth2 = oauth2
    }

    /// Whether any header or query parameter is secure, or an OAuth client secret is set.
    public var hasSecrets: Bool { oauth2 != nil || (headers + queryParams).contains(where: \.secure) }
}
