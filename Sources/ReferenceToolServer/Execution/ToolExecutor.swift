// The I/O edge of execution: input checked, placeholders filled, attempts sent, the answer built.
import HTTPWire
import JSONModel
import Foundation

/// Executes `ExecutionPlan`s against downstream HTTP APIs.
///
/// Per execution: the input is resolved (422 before anything is sent), one `Idempotency-Key` is drawn and sent on
/// every attempt, each attempt is bounded by the plan's timeout through the client's per-request deadline, failed
/// attempts are repeated only as `RetryPolicy` decides, and the answer describes the last attempt. Downstream
/// failures are results (`success: false`), never thrown.
///
/// OAuth: with `plan.oauth`, each attempt carries `Authorization: Bearer <token>` from `tokens`. When the downstream
/// answers 401 with `WWW-Authenticate: Bearer error="invalid_token"`, the token is dropped, a new one fetched, and
/// that same attempt is sent again, once per execution; this redo does not count against `max_retries`. The token
/// replaces any `Authorization` header of the plan. When no token can be had, nothing is sent (`error: oauth_error`).
public final class ToolExecutor: Sendable {
    /// Sends the downstream requests; must outlive every execution (shut it down after the executor's last use).
    public let client: HTTPClient
    /// Waits between attempts and reads the wall clock for `Retry-After` dates.
    public let clock: any ExecutionClock
    /// Access tokens for plans with OAuth client credentials, shared by every execution of this executor.
    public let tokens: OAuthTokenCache
    /// Makes the jitter source of one execution.
    let makeGenerator: @Sendable () -> any RandomNumberGenerator
    /// Makes the `Idempotency-Key` of one execution.
    let makeIdempotencyKey: @Sendable () -> String
    /// Deliberate contract violations (see `ContractDeviations`); none unless a test proving the suite sets them.
    let deviations: ContractDeviations

    /// An executor.
    /// - Parameters:
    ///   - client: the HTTP client for downstream calls (and, unless `tokens` is given, for token requests).
    ///   - clock: the clock retries wait on; tests pass a fake that records delays and returns at once.
    ///   - tokens: the OAuth token cache; by default a new one over `client`.
    ///   - makeGenerator: the jitter source per execution; tests pass a seeded generator.
    ///   - makeIdempotencyKey: the key per execution; by default a random UUID in lowercase.
    public convenience init(client: HTTPClient, clock: any ExecutionClock = SystemExecutionClock(), tokens: OAuthTokenCache? = nil,
                            makeGenerator: @escaping @Sendable () -> any RandomNumberGenerator = { SystemRandomNumberGenerator() },
                            makeIdempotencyKey: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.init(client: client, clock: clock, tokens: tokens, makeGenerator: makeGenerator,
                  makeIdempotencyKey: makeIdempotencyKey, deviations: ContractDeviations())
    }

    /// An executor that breaks the contract as `deviations` says; for proving the conformance suite only.
    package init(client: HTTPClient, clock: any ExecutionClock = SystemExecutionClock(), tokens: OAuthTokenCache? = nil,
                 makeGenerator: @escaping @Sendable () -> any RandomNumberGenerator = { SystemRandomNumberGenerator() },
                 makeIdempotencyKey: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                 deviations: ContractDeviations) {
        self.client = client
        self.clock = clock
        self.tokens = tokens ?? OAuthTokenCache(client: client)
        self.makeGenerator = makeGenerator
        self.makeIdempotencyKey = makeIdempotencyKey
        self.deviations = deviations
    }

    /// Checks `input` against the plan's variables, then executes.
    /// - Parameters:
    ///   - plan: what to call.
    ///   - input: the execute request's `input`.
    ///   - metadata: the execute request's `metadata` (for `{{metadata.key}}`).
    /// - Returns: the answer; downstream failures are answers with `success: false`.
    /// - Throws: `InputRejection` (answer 422) when a variable is missing or mistyped; then nothing was sent.
    public func execute(_ plan: ExecutionPlan, input: JSONObject,
                        metadata: JSONObject = [:]) async throws(InputRejection) -> ExecutionResult {
        let resolved = try resolve(input, for: plan)
        return await execute(plan, resolved: resolved, metadata: metadata)
    }

    /// Executes with input already resolved.
    /// - Returns: the answer describing the last attempt; never throws.
    public func execute(_ plan: ExecutionPlan, resolved: ResolvedInput, metadata: JSONObject = [:]) async -> ExecutionResult {
        let started = MonotonicClock.now()
        let call = PreparedCall(plan: plan, input: resolved, metadata: metadata, idempotencyKey: makeIdempotencyKey(),
                                deviations: deviations)
        return await run(call, plan: plan, started: started)
    }
}
