// What one attempt ended with, and what the retry policy makes of it.
import HTTPWire

/// How one attempt to call the downstream system ended, as far as retrying is concerned.
public enum AttemptOutcome: Sendable, Equatable {
    /// A complete response arrived. `retryAfter` is its `Retry-After` header, if any.
    case response(status: Int, retryAfter: String?)
    /// The attempt was abandoned at its deadline (connect or response).
    case timedOut
    /// No connection, or it broke before the response was complete: refused, reset, closed without an answer,
    /// host not resolvable. Retried.
    case connectionFailed
    /// The response arrived but was not valid HTTP, or was too large. Not retried: the request may have been processed.
    case invalidResponse
    /// The request could not be sent at all (bad URL, unsupported scheme, a certificate that does not verify, client
    /// shut down). Not retried: it cannot improve.
    case notSent

    /// The outcome for a failed `HTTPClient.execute`.
    public init(_ error: HTTPClientError) {
        switch error {
        case .connectTimedOut, .responseTimedOut: self = .timedOut
        case .connectionRefused, .connectionReset, .closedWithoutResponse, .cannotResolve, .system, .tlsHandshakeFailed:
            self = .connectionFailed
        case .malformedResponse, .responseTooLarge: self = .invalidResponse
        case .invalidURL, .unsupportedScheme, .invalidRequest, .invalidConfiguration, .shutDown, .certificateRejected:
            self = .notSent
        }
    }

    /// The outcome for a received response.
    public init(_ response: HTTPResponse) {
        self = .response(status: response.status, retryAfter: response.headers["Retry-After"])
    }
}

/// What to do after an attempt.
public enum RetryDecision: Sendable, Equatable {
    /// Wait `after`, then make the next attempt.
    case retry(after: Duration)
    /// Make no further attempt; the last outcome is the answer.
    case stop
}
