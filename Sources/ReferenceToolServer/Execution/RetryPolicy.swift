// When a failed attempt is repeated, and after how long: Feather's RetryConfig with the rules the contract fixes.
import Foundation
import HTTPWire

/// The model's retry settings and the decision they imply. A value type with pure functions: no clock, no sleeping; the
/// caller supplies the time and the random numbers, so every decision can be tested exactly.
///
/// - Attempts: at most `1 + maxRetries`.
/// - Retried: connection failures, timeouts, and statuses in `retryableStatuses` (408, 429, 500, 502, 503, 504).
///   Nothing else: a 400 or 422 from a CRM is not worth a duplicate lead; an invalid response may have been processed.
/// - Delay before retry n (n = 1, 2, ...): `min(maxDelay, base * 2^(n-1))`; with `jitter`, uniform in [0, that].
/// - A `Retry-After` on a retried response (seconds, or an HTTP date) replaces that delay, capped at `maxDelay`,
///   without jitter.
public typealias RetryPolicy = RetryConfig

extension RetryConfig {
    /// One attempt, no retries.
    public static let none = RetryPolicy(maxRetries: 0)

    /// The statuses worth another attempt.
    public static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    /// The most attempts one execution makes.
    public var maxAttempts: Int { 1 + max(0, maxRetries) }

    /// Whether `outcome` is worth another attempt (ignoring how many were made).
    public static func isRetryable(_ outcome: AttemptOutcome) -> Bool {
        isRetryable(outcome, status: retryableStatuses.contains)
    }

    /// `isRetryable(_:)` with `status` judging response statuses (a deviation's, when proving the suite).
    static func isRetryable(_ outcome: AttemptOutcome, status: (Int) -> Bool) -> Bool {
        switch outcome {
        case let .response(code, _): return status(code)
        case .timedOut, .connectionFailed: return true
        case .invalidResponse, .notSent: return false
        }
    }

    /// What to do after attempt number `attempt` (1-based) ended with `outcome`.
    /// - Parameters:
    ///   - outcome: how the attempt ended.
    ///   - attempt: the number of the attempt that just ended; the next one would be retry number `attempt`.
    ///   - now: the wall-clock time, against which a `Retry-After` date is measured.
    ///   - generator: the source of jitter (only drawn from when `jitter` is on and a retry follows).
    public func decision<Generator: RandomNumberGenerator>(after outcome: AttemptOutcome, attempt: Int, now: Date,
                                                           using generator: inout Generator) -> RetryDecision {
        decision(after: outcome, attempt: attempt, now: now, using: &generator, retryableStatus: Self.retryableStatuses.contains)
    }

    /// `decision(after:attempt:now:using:)` with `retryableStatus` judging response statuses (the contract's set,
    /// or a deviation's when proving the suite).
    func decision<Generator: RandomNumberGenerator>(after outcome: AttemptOutcome, attempt: Int, now: Date,
                                                    using generator: inout Generator,
                                                    retryableStatus: (Int) -> Bool) -> RetryDecision {
        guard attempt < maxAttempts, Self.isRetryable(outcome, status: retryableStatus) else { return .stop }
        if case let .response(_, header?) = outcome, let seconds = RetryAfter.seconds(header, now: now) {
            return .retry(after: Self.duration(seconds: min(seconds, maxDelaySeconds)))
        }
        let ceiling = backoffSeconds(beforeRetry: attempt)
        let seconds = jitter && ceiling > 0 ? Double.random(in: 0...ceiling, using: &generator) : ceiling
        return .retry(after: Self.duration(seconds: seconds))
    }

    /// `decision(after:attempt:now:using:)` with the system's random numbers.
    public func decision(after outcome: AttemptOutcome, attempt: Int, now: Date) -> RetryDecision {
        var generator = SystemRandomNumberGenerator()
        return decision(after: outcome, attempt: attempt, now: now, using: &generator)
    }

    /// The delay before retry `n` without jitter: `min(maxDelay, base * 2^(n-1))`, in seconds.
    public func backoffSeconds(beforeRetry n: Int) -> Double {
        let exponent = Double(max(0, min(n - 1, 62)))
        return max(0, min(maxDelaySeconds, baseDelaySeconds * pow(2, exponent)))
    }

    /// `seconds` as a Duration, rounded to whole milliseconds (so equal inputs give equal, comparable delays).
    static func duration(seconds: Double) -> Duration { .seconds(roundedToMilliseconds: max(0, seconds)) }
}
