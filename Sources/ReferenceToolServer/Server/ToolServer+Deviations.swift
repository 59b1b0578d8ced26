// Deliberate departures from the contract, one switch per defect, for proving that the conformance suite catches them.
import HTTPWire
import JSONModel

/// Switches that make the reference server break one contract rule on purpose. Each is read at the one point where
/// its rule is decided, and the default value changes nothing.
///
/// For proving the conformance suite (a server with one switch on must fail the cases of that rule and no other);
/// never set in production.
package struct ContractDeviations: Sendable {
    // MARK: Access, reading and listing

    /// Serves a request that carries no API key at all as if it carried the right one (a wrong key still gets 401).
    package var servesMissingAPIKey = false
    /// The status `GET /v1/tools/{id}` answers, with `{}`, for an id the store does not hold; nil answers 404.
    package var unknownToolStatus: Int?
    /// `GET /v1/tools/{id}` shows secure header values in clear.
    package var showsSecretsOnGet = false
    /// A list `limit` outside 1-200 (or not a number) is silently clamped instead of answered 422.
    package var clampsListLimit = false
    /// `next_cursor` names the page's second-to-last tool, so the page's last tool is listed again on the next page.
    package var cursorRepeatsLastItem = false

    // MARK: Validation

    /// Decides a static transfer destination (E.164 or SIP): given the text and whether the contract accepts it,
    /// returns whether to accept it. nil follows the contract.
    package var acceptsTransferDestination: (@Sendable (_ destination: String, _ valid: Bool) -> Bool)?
    /// Counts a name's length in UTF-16 code units (as JavaScript does) instead of Unicode scalars.
    package var countsNameInUTF16 = false
    /// OneInbox headers are secure only under the names Authorization, Cookie, X-API-Key and Api-Key written exactly so;
    /// other spellings, and names containing token, secret, password or api-key, are stored in clear.
    package var secretHeaderNamesExact = false

    // MARK: Executing

    /// The variables execute input is checked against (e.g. every one made optional); nil uses the tool's.
    package var checkedVariables: (@Sendable ([ExecutionPlan.Variable]) -> [ExecutionPlan.Variable])?
    /// The input defaults applied before checking (e.g. `pinned` demoted to `default`); nil uses the tool's.
    package var appliedInputDefaults: (@Sendable ([String: ExecutionPlan.InputDefault]) -> [String: ExecutionPlan.InputDefault])?
    /// The rendered JSON body as it goes downstream (e.g. with a field dropped); nil sends it as rendered.
    package var downstreamBody: (@Sendable (JSONValue) -> JSONValue)?
    /// `request_url` in answers shows secure query values in clear.
    package var showsSecretsInRequestURL = false
    /// The response field mappings as the answer applies them (e.g. a wrong path); nil uses the tool's.
    package var responseMappings: (@Sendable ([ExecutionPlan.FieldMapping]) -> [ExecutionPlan.FieldMapping])?
    /// The status an execute answers with when the downstream call failed (`success: false`); nil answers 200.
    package var downstreamFailureStatus: Int?
    /// With `run_in_background`, the execute answer waits until the downstream call has finished.
    package var backgroundAnswersAfterCall = false

    /// Executes a disabled tool as if it were enabled.
    package var executesDisabledTools = false
    /// Execute drops the request's `metadata`, so `{{metadata.key}}` renders empty.
    package var dropsRequestMetadata = false

    // MARK: Revisions

    /// `set-active-revision` answers 200 with the named revision but leaves the tool's active revision as it was.
    package var setActiveKeepsRevision = false
    /// `DELETE` of a tool's active revision deletes it (leaving the tool without one) instead of answering 409.
    package var deletesActiveRevision = false
    /// A revision's test run saves the tested revision as the tool's active one.
    package var revisionTestActivates = false
    /// The dry runs (test, impact, preview-transfer-destination) serve another tool's revision as if it were this tool's.
    package var dryRunsIgnoreRevisionOwner = false

    // MARK: Attempts and retries

    /// Each attempt's deadline from the configured `timeout` seconds; nil is `timeout` (at least 1 s).
    package var attemptTimeout: (@Sendable (_ timeoutSeconds: Int) -> Duration)?
    /// The timeout covers the whole execution, not each attempt: an attempt gets only what the earlier ones left.
    package var timeoutCoversWholeExecution = false
    /// The retries allowed from the configured `max_retries`; nil is `max_retries`.
    package var retryLimit: (@Sendable (_ maxRetries: Int) -> Int)?
    /// Whether a response status is retried; nil is the contract's 408, 429, 500, 502, 503, 504.
    package var retryableStatus: (@Sendable (Int) -> Bool)?
    /// The delay actually waited before a retry, given the one the policy computed; nil waits that one.
    package var backoffDelay: (@Sendable (Duration) -> Duration)?
    /// `Retry-After` on a retried response is ignored (the computed backoff is used).
    package var ignoresRetryAfter = false
    /// Every retry carries a fresh `Idempotency-Key` instead of the execution's one.
    package var idempotencyKeyPerAttempt = false

    // MARK: OAuth 2.0

    /// Sends the OAuth client secret downstream in a header of this name on every attempt.
    package var clientSecretHeader: String?
    /// Drops the access token after every attempt, so each execution fetches a new one.
    package var discardsOAuthTokens = false

    /// No deviation: the contract as written.
    package init() {}

    /// The deviations bound while a request is validated (read by transfer destination checks, which run deep in
    /// synchronous decoding with no server at hand). Bound only around request handling, and only when set.
    @TaskLocal static var validating = ContractDeviations()

    /// Whether a switch read while validating (through `validating`) is on.
    var bindsWhileValidating: Bool { acceptsTransferDestination != nil || countsNameInUTF16 || secretHeaderNamesExact }
}

extension ToolServer {
    /// Runs `handle` with the validation deviations bound, when there are any.
    func withValidationDeviations(_ handle: () -> Void) {
        let deviations = configuration.deviations
        guard deviations.bindsWhileValidating else { return handle() }
        ContractDeviations.$validating.withValue(deviations, operation: handle)
    }

    /// Whether the request carries no API key in either accepted form.
    static func lacksAPIKey(_ request: HTTPRequest) -> Bool {
        request.headers["x-api-key"] == nil && request.headers["Authorization"] == nil
    }

    /// A list query with an out-of-range or unreadable `limit` clamped into 1-200.
    static func clampingLimit(_ query: [(name: String, value: String)]) -> [(name: String, value: String)] {
        query.map { item in
            guard item.name == "limit" else { return item }
            let limit = Int(item.value) ?? PageRequest.defaultLimit
            return (item.name, String(min(max(limit, PageRequest.limitRange.lowerBound), PageRequest.limitRange.upperBound)))
        }
    }
}

extension ToolRevision {
    /// The revision with its secure headers marked not secure, so answers show their values.
    func showingSecrets() -> ToolRevision {
        var copy = self
        copy.configuration?.headers = (configuration?.headers ?? []).map { KeyValueSetting(key: $0.key, value: $0.value, secure: false) }
        return copy
    }
}

extension AttemptOutcome {
    /// The outcome with any `Retry-After` header dropped.
    var withoutRetryAfter: AttemptOutcome {
        guard case let .response(status, _) = self else { return self }
        return .response(status: status, retryAfter: nil)
    }
}

extension ToolExecutor {
    /// Checks `input` against the plan's variables and defaults, as the deviations let it see them.
    func resolve(_ input: JSONObject, for plan: ExecutionPlan) throws(InputRejection) -> ResolvedInput {
        try InputResolution.resolve(input, variables: deviations.checkedVariables?(plan.variables) ?? plan.variables,
                                    defaults: deviations.appliedInputDefaults?(plan.inputDefaults) ?? plan.inputDefaults)
    }
}
