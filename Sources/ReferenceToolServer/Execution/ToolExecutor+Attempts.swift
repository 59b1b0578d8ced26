// The attempt loop: send, maybe refresh an OAuth token, ask the retry policy, wait, repeat; then the answer.
import HTTPWire
import JSONModel

extension ToolExecutor {
    /// Sends `call` until the policy stops, and describes the last attempt.
    func run(_ call: PreparedCall, plan: ExecutionPlan, started: UInt64) async -> ExecutionResult {
        var generator = makeGenerator()
        var attempt = 1, sent = 0
        var refreshedToken = false
        var lastExchange: DownstreamExchange?  // for `timeoutCoversWholeExecution`, which may stop before an attempt
        var policy = plan.retry
        if let retryLimit = deviations.retryLimit { policy.maxRetries = retryLimit(policy.maxRetries) }
        if deviations.ignoresMaxDelay { policy.maxDelaySeconds = .greatestFiniteMagnitude }
        while true {
            var request = call.request
            if deviations.idempotencyKeyPerAttempt, attempt > 1 { request.headers.set("Idempotency-Key", makeIdempotencyKey()) }
            var token: String?
            if let credentials = plan.oauth {
                do throws(OAuthTokenError) {
                    token = try await tokens.token(for: credentials)
                } catch {
                    return answer(.noToken, call: call, plan: plan, started: started, sent: sent)
                }
                request.headers.set("Authorization", "Bearer " + (token ?? ""))
                if let header = deviations.clientSecretHeader { request.headers.set(header, credentials.clientSecret) }
            }
            sent += 1
            var timeout = deviations.attemptTimeout?(plan.timeoutSeconds) ?? plan.attemptTimeout
            if deviations.timeoutCoversWholeExecution {
                timeout -= MonotonicClock.elapsed(since: started)
                if let last = lastExchange, timeout <= .zero { return answer(last, call: call, plan: plan, started: started, sent: sent - 1) }
            }
            let exchange = await send(deviations.rewritesDownstreamRequest?(request) ?? request, timeout: timeout)
            lastExchange = exchange
            if deviations.discardsOAuthTokens, let credentials = plan.oauth, let token { tokens.invalidate(token, for: credentials) }
            if let credentials = plan.oauth, let token, !refreshedToken, !deviations.ignoresInvalidToken,
               case let .response(response) = exchange, Self.rejectsToken(response) {
                tokens.invalidate(token, for: credentials)
                refreshedToken = true
                continue
            }
            let outcome = deviations.ignoresRetryAfter ? exchange.outcome.withoutRetryAfter : exchange.outcome
            let decision = policy.decision(after: outcome, attempt: attempt, now: clock.wallNow(), using: &generator,
                                           retryableStatus: deviations.retryableStatus ?? RetryPolicy.retryableStatuses.contains)
            guard case let .retry(delay) = decision, !Task.isCancelled else {
                return answer(exchange, call: call, plan: plan, started: started, sent: sent)
            }
            await clock.sleep(for: deviations.backoffDelay?(delay) ?? delay)
            attempt += 1
        }
    }

    /// One exchange as a value.
    private func send(_ request: HTTPClientRequest, timeout: Duration) async -> DownstreamExchange {
        do throws(HTTPClientError) {
            return .response(try await client.execute(request, timeout: timeout))
        } catch {
            return .failed(error)
        }
    }

    /// `true` for a 401 whose `WWW-Authenticate` says the bearer token is `invalid_token` (RFC 6750 §3.1).
    static func rejectsToken(_ response: HTTPResponse) -> Bool {
        response.status == 401 && response.headers.values("WWW-Authenticate").contains { challenge in
            challenge.lowercased().hasPrefix("bearer") && challenge.contains("invalid_token")
        }
    }

    /// The answer for the last exchange.
    private func answer(_ exchange: DownstreamExchange, call: PreparedCall, plan: ExecutionPlan,
                        started: UInt64, sent: Int) -> ExecutionResult {
        var result = ExecutionResult(statusCode: 0, headers: [], body: .null, success: false, error: nil,
                                     executionTimeMs: MonotonicClock.elapsed(since: started).inMilliseconds,
                                     requestURL: call.maskedURL, requestMethod: plan.method, attempts: sent)
        switch exchange {
        case let .response(response):
            result.statusCode = response.status
            result.headers = Self.answerHeaders(response.headers)
            result.body = ResponseMapper.map(response.body, mappings: deviations.responseMappings?(plan.responseMappings) ?? plan.responseMappings)
            result.success = (200..<300).contains(response.status)
            result.error = result.success ? nil : .httpStatus
        case let .failed(error):
            switch AttemptOutcome(error) {
            case .timedOut: result.error = .timeout
            case .invalidResponse: result.error = .invalidResponse
            case .connectionFailed, .notSent, .response: result.error = .connectionError
            }
        case .noToken:
            result.error = .oauthError
        }
        return result
    }

    /// Response header fields for an answer: names lowercased, repeated names joined with `, `, first-seen order.
    static func answerHeaders(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        var merged: [(name: String, value: String)] = []
        for field in headers {
            let name = field.name.lowercased()
            if let index = merged.firstIndex(where: { $0.name == name }) {
                merged[index].value += ", " + field.value
            } else {
                merged.append((name: name, value: field.value))
            }
        }
        return merged
    }
}

/// How one attempt ended, as the executor keeps it.
enum DownstreamExchange: Sendable {
    /// A complete response arrived.
    case response(HTTPResponse)
    /// The client failed.
    case failed(HTTPClientError)
    /// No OAuth token could be had, so nothing was sent.
    case noToken

    /// The outcome as the retry policy sees it.
    var outcome: AttemptOutcome {
        switch self {
        case let .response(response): return AttemptOutcome(response)
        case let .failed(error): return AttemptOutcome(error)
        case .noToken: return .notSent
        }
    }
}
