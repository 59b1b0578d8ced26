// Lower-level outcomes (errno values, parser errors, socket set-up errors) translated into client errors.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HTTPClientError {
    /// The error for a failed `connect`, immediate or reported later through SO_ERROR.
    static func connectFailure(errno code: Int32) -> HTTPClientError {
        switch code {
        case ECONNREFUSED: return .connectionRefused
        case ETIMEDOUT: return .connectTimedOut
        case ECONNRESET, EPIPE: return .connectionReset
        default: return .system(call: "connect", errno: code)
        }
    }

    /// The error for a response the parser rejected: 413 is a limit, anything else is malformed.
    /// The parser reports head and body limits with the same status; its reason tells which limit it was.
    static func parseFailure(_ error: HTTPParseError, maxBodyBytes: Int, maxHeadBytes: Int) -> HTTPClientError {
        guard error.status == 413 else { return .malformedResponse(error.reason) }
        return .responseTooLarge(limit: error.reason.hasPrefix("response head") ? maxHeadBytes : maxBodyBytes)
    }

    /// The error for a TLS handshake that did not complete.
    init(_ failure: TLSHandshakeFailure) {
        switch failure {
        case let .certificateRejected(reason): self = .certificateRejected(reason)
        case .reset: self = .connectionReset
        case .protocolError, .closedByPeer: self = .tlsHandshakeFailed(failure.description)
        }
    }

    /// The error for a socket that could not be set up.
    init(_ error: SocketError) {
        switch error {
        case let .resolve(host, _): self = .cannotResolve(host: host)
        case let .system(call, code): self = .system(call: call, errno: code)
        }
    }
}
