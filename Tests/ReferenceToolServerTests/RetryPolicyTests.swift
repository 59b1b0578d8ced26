// The retry decision: which outcomes retry, how many attempts, the backoff formula, full jitter, Retry-After.
import Foundation
import HTTPWire
import MockSystems
import Testing
@testable import ReferenceToolServer

@Suite struct RetryPolicyTests {
    private static let now = Date(timeIntervalSince1970: 1_700_000_000)

    private static func decide(_ policy: RetryPolicy, _ outcome: AttemptOutcome, attempt: Int = 1) -> RetryDecision {
        var generator = SeededGenerator(seed: 7)
        return policy.decision(after: outcome, attempt: attempt, now: now, using: &generator)
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504]) func retry_OnRetryableStatus(_ status: Int) {
        #expect(RetryPolicy.isRetryable(.response(status: status, retryAfter: nil)))
    }

    @Test(arguments: [200, 201, 301, 400, 401, 403, 404, 409, 422, 501, 505, 599])
    func retry_NeverOnOtherStatuses(_ status: Int) {
        #expect(Self.decide(RetryPolicy(maxRetries: 5), .response(status: status, retryAfter: nil)) == .stop)
    }

    @Test func retry_OnTimeoutsAndConnectionFailures_NotOnInvalidOrUnsendableRequests() {
        let policy = RetryPolicy(maxRetries: 1, jitter: false)
        #expect(Self.decide(policy, .timedOut) == .retry(after: .seconds(1)))
        #expect(Self.decide(policy, .connectionFailed) == .retry(after: .seconds(1)))
        #expect(Self.decide(policy, .invalidResponse) == .stop)
        #expect(Self.decide(policy, .notSent) == .stop)
    }

    @Test func clientErrors_MapToOutcomes() {
        #expect(AttemptOutcome(HTTPClientError.connectTimedOut) == .timedOut)
        #expect(AttemptOutcome(HTTPClientError.responseTimedOut) == .timedOut)
        for error: HTTPClientError in [.connectionRefused, .connectionReset, .closedWithoutResponse, .cannotResolve(host: "x")] {
            #expect(AttemptOutcome(error) == .connectionFailed)
        }
        #expect(AttemptOutcome(HTTPClientError.malformedResponse("x")) == .invalidResponse)
        #expect(AttemptOutcome(HTTPClientError.responseTooLarge(limit: 1)) == .invalidResponse)
        #expect(AttemptOutcome(HTTPClientError.unsupportedScheme("https")) == .notSent)
    }

    @Test func retry_StopsAfterMaxRetries() {
        let policy = RetryPolicy(maxRetries: 2, jitter: false)
        #expect(policy.maxAttempts == 3)
        #expect(Self.decide(policy, .timedOut, attempt: 2) != .stop)
        #expect(Self.decide(policy, .timedOut, attempt: 3) == .stop)
        #expect(Self.decide(.none, .timedOut, attempt: 1) == .stop)
    }

    @Test func backoff_DoublesFromBase_CappedAtMaxDelay() {
        let policy = RetryPolicy(maxRetries: 5, baseDelaySeconds: 0.5, maxDelaySeconds: 5, jitter: false)
        let delays = (1...5).map { Self.decide(policy, .response(status: 503, retryAfter: nil), attempt: $0) }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5)].map { .retry(after: $0) })
        #expect(RetryPolicy(baseDelaySeconds: 30, maxDelaySeconds: 120).backoffSeconds(beforeRetry: 100) == 120)
    }

    @Test func fullJitter_DrawsWithinZeroAndTheBackoff_ReproduciblyForASeed() {
        let policy = RetryPolicy(maxRetries: 5, baseDelaySeconds: 1, maxDelaySeconds: 30, jitter: true)
        func draws(seed: UInt64) -> [Duration] {
            var generator = SeededGenerator(seed: seed)
            return (1...5).compactMap { attempt in
                guard case let .retry(delay) = policy.decision(after: .timedOut, attempt: attempt, now: Self.now, using: &generator)
                else { return nil }
                return delay
            }
        }
        let first = draws(seed: 42)
        #expect(first == draws(seed: 42))
        #expect(first != draws(seed: 43))
        for (index, delay) in first.enumerated() {
            #expect(delay >= .zero && delay <= .seconds(policy.backoffSeconds(beforeRetry: index + 1)))
        }
    }

    @Test func retryAfter_InSecondsOrAsADate_IsHonoured_CappedAtMaxDelay() {
        let policy = RetryPolicy(maxRetries: 3, baseDelaySeconds: 1, maxDelaySeconds: 10, jitter: true)
        let inSeven = "Tue, 14 Nov 2023 22:13:27 GMT"   // now + 7 s
        #expect(Self.decide(policy, .response(status: 429, retryAfter: "3")) == .retry(after: .seconds(3)))
        #expect(Self.decide(policy, .response(status: 503, retryAfter: inSeven)) == .retry(after: .seconds(7)))
        #expect(Self.decide(policy, .response(status: 503, retryAfter: "120")) == .retry(after: .seconds(10)))
        #expect(Self.decide(policy, .response(status: 503, retryAfter: "Mon, 13 Nov 2023 00:00:00 GMT")) == .retry(after: .zero))
        #expect(Self.decide(policy, .response(status: 400, retryAfter: "1")) == .stop)
    }

    @Test func retryAfter_Unparseable_FallsBackToTheBackoff() {
        let policy = RetryPolicy(maxRetries: 1, baseDelaySeconds: 2, jitter: false)
        #expect(Self.decide(policy, .response(status: 503, retryAfter: "soon")) == .retry(after: .seconds(2)))
        #expect(Self.decide(policy, .response(status: 503, retryAfter: "-1")) == .retry(after: .seconds(2)))
    }
}
