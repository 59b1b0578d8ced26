// Why a client request failed, one case per cause a caller may want to tell apart.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `HTTPClient.execute` produced no response.
///
/// Each failure has its own case so that callers (the conformance runner, the tool server) can tell a
/// connect timeout from a response timeout, a reset from a refusal, and decide themselves whether
/// retrying is safe: the client never retries on its own.
public enum HTTPClientError: Error, Equatable, CustomStringConvertible {
    /// The URL could not be parsed; the text says what was wrong with it.
    case invalidURL(String)
    /// The URL's scheme is neither `http` nor `https`.
    case unsupportedScheme(String)
    /// The method or a header name cannot be sent as given (not an RFC 9110 token).
    case invalidRequest(String)
    /// A configuration value is out of range; the text names the field and the value.
    case invalidConfiguration(String)
    /// The host name has no address.
    case cannotResolve(host: String)
    /// Nothing accepts connections on that host and port (ECONNREFUSED).
    case connectionRefused
    /// The connection (TCP, and for https the TLS handshake) was not established before the request's deadline.
    case connectTimedOut
    /// The https server's certificate did not verify; the reason says why (untrusted issuer, expired, name mismatch).
    case certificateRejected(TLSVerificationFailure)
    /// The TLS handshake failed for another reason: the server speaks plain HTTP, offers no common version or
    /// cipher, or sent an alert. The text says which.
    case tlsHandshakeFailed(String)
    /// Connected, but the request could not be sent or the complete response did not arrive before the deadline.
    case responseTimedOut
    /// The peer reset the connection (ECONNRESET or EPIPE) before the response was complete.
    case connectionReset
    /// The peer closed the connection cleanly before sending a single byte of the response.
    case closedWithoutResponse
    /// The response broke HTTP/1.1 framing or syntax, or the connection closed partway through it.
    case malformedResponse(String)
    /// The response body (or head) was larger than `limit` bytes.
    case responseTooLarge(limit: Int)
    /// The client was shut down before or while the request ran.
    case shutDown
    /// A system call failed in a way none of the other cases covers.
    case system(call: String, errno: Int32)

    /// What happened, in plain words.
    public var description: String {
        switch self {
        case let .invalidURL(reason): return "invalid URL: \(reason)"
        case let .unsupportedScheme(scheme): return "unsupported URL scheme '\(scheme)': use http or https"
        case let .invalidRequest(reason): return "invalid request: \(reason)"
        case let .invalidConfiguration(reason): return "invalid client configuration: \(reason)"
        case let .cannotResolve(host): return "cannot resolve host '\(host)' to an address"
        case .connectionRefused: return "connection refused: nothing is listening on that host and port"
        case .connectTimedOut: return "could not connect (TCP, and for https the TLS handshake) before the request deadline"
        case let .certificateRejected(reason): return "the server's TLS certificate was rejected: \(reason)"
        case let .tlsHandshakeFailed(reason): return reason
        case .responseTimedOut: return "connected, but the complete response did not arrive before the request deadline"
        case .connectionReset: return "the server reset the connection before the response was complete"
        case .closedWithoutResponse: return "the server closed the connection without sending any response"
        case let .malformedResponse(reason): return "malformed response: \(reason)"
        case let .responseTooLarge(limit): return "the response is larger than the limit of \(limit) bytes"
        case .shutDown: return "the HTTP client has been shut down"
        case let .system(call, code): return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
