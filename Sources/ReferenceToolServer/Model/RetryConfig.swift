// Per-tool retry settings with Feather's ranges and defaults.

/// How an api_call tool retries failed attempts (Feather's `RetryConfig`).
public struct RetryConfig: Sendable, Equatable {
    /// Allowed `max_retries`: 0-5 (Feather). Outside is 422 at `configuration.retry.max_retries`.
    public static let maxRetriesRange: ClosedRange<Int> = 0...5
    /// Allowed `base_delay_seconds`: 0.1-30 (Feather). Outside is 422.
    public static let baseDelayRange: ClosedRange<Double> = 0.1...30
    /// Allowed `max_delay_seconds`: 1-120 (Feather). Outside is 422.
    public static let maxDelayRange: ClosedRange<Double> = 1...120

    /// Retries after the first attempt; attempts are at most `1 + maxRetries`. Default 0.
    public var maxRetries: Int
    /// Delay before the first retry, doubled for each further one. Default 1 s.
    public var baseDelaySeconds: Double
    /// Cap on any single delay. Default 30 s.
    public var maxDelaySeconds: Double
    /// Whether delays are drawn uniformly from [0, delay] ("full jitter"). Default true.
    public var jitter: Bool

    /// Creates a retry configuration with Feather's defaults.
    public init(maxRetries: Int = 0, baseDelaySeconds: Double = 1, maxDelaySeconds: Double = 30, jitter: Bool = true) {
        self.maxRetries = maxRetries
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
        self.jitter = jitter
    }
}
