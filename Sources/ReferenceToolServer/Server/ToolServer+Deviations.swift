// Deliberate departures from the contract, one switch per defect, for proving that the conformance suite catches them.
import HTTPWire
import JSONModel

/// Switches that make the reference server break one contract rule on purpose. Each is read at the one point where
/// its rule is decided, and the default value changes nothing.
///
/// For proving the conformance suite (a server with one switch on must fail the cases of that rule and no other);
/// never set in production.
package struct ContractDeviations: Sendable {
    /// Rewrites an answer just before it is sent, given the request it answers (e.g. 200 where the contract says 201,
    /// a field dropped from every execute answer); nil sends answers as made. Applied to every answer but the 401s.
    package var rewritesAnswer: (@Sendable (HTTPRequest, HTTPResponse) -> HTTPResponse)?

    // MARK: Access, reading and listing

    /// Serves a request that carries no API key at all as if it carried the right one (a wrong key still gets 401).
    package var servesMissingAPIKey = false
    /// Serves a request that carries a wrong API key as if it carried the right one (a missing key still gets 401).
    package var servesWrongAPIKey = false
    /// Accepts the API key only as `x-api-key`: `Authorization: Bearer K` alone gets 401.
    package var refusesBearerAPIKey = false

    // MARK: Changing tools

    /// An update leaves `description` as it was, whatever the request says.
    package var updateIgnoresDescription = false
    /// An update that does not give `description` clears it.
    package var updateClearsOmittedDescription = false
    /// `POST /v1/tools/{id}/enable` answers 204 and leaves the tool disabled.
    package var enableIsIgnored = false
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
    /// An update that sends a secret's mask back stores the mask itself as the new secret value.
    package var storesMaskOnUpdate = false

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
    /// With `run_in_background`, the call is made twice (as a server that retries its queue job would).
    package var backgroundCallsTwice = false
    /// Rewrites every downstream request just before it is sent (e.g. a header emptied, the url decoded); nil sends
    /// requests as rendered.
    package var rewritesDownstreamRequest: (@Sendable (HTTPClientRequest) -> HTTPClientRequest)?

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
    /// The delay before a retry is not capped at `max_delay_seconds`.
    package var ignoresMaxDelay = false
    /// `Retry-After` on a retried response is ignored (the computed backoff is used).
    package var ignoresRetryAfter = false
    /// Every retry carries a fresh `Idempotency-Key` instead of the execution's one.
    package var idempotencyKeyPerAttempt = false

    // MARK: OAuth 2.0

    /// Sends the OAuth client secret downstream in a header of this name on every attempt.
    package var clientSecretHeader: String?
    /// Drops the access token after every attempt, so each execution fetches a new one.
    package var discardsOAuthTokens = false
    /// A 401 with `invalid_token` is the answer: the token is neither refreshed nor the attempt re-sent.
    package var ignoresInvalidToken = false

    /// No deviation: the contract as written.
    package init() {}
}

extension ToolServer {
    /// An updated record as the update deviations leave it: `description` kept whatever was sent, or cleared when
    /// the request did not give it.
    func deviating(_ updated: ToolRecord, from old: ToolRecord, body: JSONValue) -> ToolRecord {
        var record = updated
        if configuration.deviations.updateIgnoresDescription { record.description = old.description }
        if configuration.deviations.updateClearsOmittedDescription, body["description"] == nil { record.description = nil }
        return record
    }

    /// Whether a refused request is served anyway: its key is missing or wrong, and a deviation lets that in.
    func servesAnyway(_ request: HTTPRequest) -> Bool {
        Self.lacksAPIKey(request) ? configuration.deviations.servesMissingAPIKey : configuration.deviations.servesWrongAPIKey
    }

    /// The 401 for a key given only as `Authorization: Bearer`, when a deviation refuses that form.
    func refusingBearer(_ request: HTTPRequest) -> HTTPResponse? {
        guard configuration.deviations.refusesBearerAPIKey, request.headers["x-api-key"] == nil,
              request.headers["Authorization"] != nil else { return nil }
        return APIError.response(401, "unauthorized", "send the API key as x-api-key")
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
