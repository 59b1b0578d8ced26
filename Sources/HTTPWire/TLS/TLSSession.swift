// One TLS session over a connected non-blocking socket: the handshake, then reads and writes as `SocketIO` outcomes.
import CTLSShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenSSL reads and writes the socket itself; an operation that cannot finish says which readiness it waits for.
/// `@unchecked Sendable`: used by one thread at a time, like the socket: the connection's loop, or the pool's lock
/// while it idles between requests.
final class TLSSession: @unchecked Sendable {
    /// The readiness the last operation that would block waits for. During a handshake (and rarely after it) a
    /// read can need the socket writable, or a write readable.
    enum Want: Equatable { case read, write }

    /// How far the handshake got.
    enum HandshakeStep: Equatable {
        case done
        /// Waiting for `want`.
        case wouldBlock
        case failed(TLSHandshakeFailure)
    }

    private let session: OpaquePointer
    /// The host a client session verifies (for messages); empty on a server.
    private let host: String
    private(set) var want = Want.read
    /// OpenSSL's reason for the last protocol failure in `receive` or `send` (they report it as EPROTO).
    private(set) var lastFailure = ""

    private init(session: OpaquePointer, host: String) {
        self.session = session
        self.host = host
    }

    /// A server session on an accepted socket; nil when OpenSSL cannot make one (out of memory).
    static func server(_ context: TLSServerContext, socket: Socket) -> TLSSession? {
        ctls_server_session(context.handle, socket.fd).map { TLSSession(session: $0, host: "") }
    }

    /// A client session on a connected socket that verifies `host` (an IP literal, bracketed or not, or a name).
    static func client(_ context: TLSClientContext, socket: Socket, host: String, isIP: Bool) -> TLSSession? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return ctls_client_session(context.handle, socket.fd, bare, isIP ? 1 : 0).map { TLSSession(session: $0, host: bare) }
    }

    deinit { SSL_free(session) }

    /// Advances the handshake as far as the socket allows.
    func handshake() -> HandshakeStep {
        let result = SSL_do_handshake(session)
        if result == 1 { return .done }
        let code = SSL_get_error(session, result)
        let systemError = errno
        switch code {
        case SSL_ERROR_WANT_READ: want = .read; return .wouldBlock
        case SSL_ERROR_WANT_WRITE: want = .write; return .wouldBlock
        case SSL_ERROR_ZERO_RETURN: return .failed(.closedByPeer)
        case SSL_ERROR_SYSCALL:
            ERR_clear_error()
            if systemError == EAGAIN || systemError == EWOULDBLOCK || systemError == EINTR { return .wouldBlock }
            if systemError == ECONNRESET || systemError == EPIPE { return .failed(.reset) }
            return .failed(systemError == 0 ? .closedByPeer : .protocolError(String(cString: strerror(systemError))))
        default:
            let verification = SSL_get_verify_result(session)
            let reason = Self.takeError()
            if !host.isEmpty && verification != X509_V_OK {
                return .failed(.certificateRejected(TLSVerificationFailure(code: verification, host: host)))
            }
            return .failed(.protocolError(reason))
        }
    }

    /// Reads decrypted bytes into `buffer`.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> SocketIO {
        let count = SSL_read(session, buffer.baseAddress, Int32(clamping: buffer.count))
        guard count > 0 else { return outcome(of: count) }
        want = .read
        return .bytes(Int(count))
    }

    /// Encrypts and writes `buffer` (a record at a time: a partial count means write the rest later).
    func send(_ buffer: UnsafeRawBufferPointer) -> SocketIO {
        guard !buffer.isEmpty else { return .bytes(0) }
        let count = SSL_write(session, buffer.baseAddress, Int32(clamping: buffer.count))
        guard count > 0 else { return outcome(of: count) }
        want = .read
        return .bytes(Int(count))
    }

    /// Decrypted bytes, or a record read ahead, wait inside OpenSSL: the socket will not signal them again.
    var hasBufferedInput: Bool { SSL_has_pending(session) == 1 }

    /// The protocol ALPN agreed on, or "" when none was.
    var negotiatedProtocol: String {
        var buffer = [CChar](repeating: 0, count: 64)
        ctls_alpn(session, &buffer, buffer.count)
        return String(nulTerminated: buffer)
    }

    /// Sends close_notify (best effort: a full socket buffer just drops it; the TCP close follows anyway).
    func sendCloseNotify() {
        _ = SSL_shutdown(session)
        ERR_clear_error()
    }

    private func outcome(of result: Int32) -> SocketIO {
        let code = SSL_get_error(session, result)
        let systemError = errno
        switch code {
        case SSL_ERROR_WANT_READ: want = .read; return .wouldBlock
        case SSL_ERROR_WANT_WRITE: want = .write; return .wouldBlock
        case SSL_ERROR_ZERO_RETURN: return .closed
        case SSL_ERROR_SYSCALL:
            ERR_clear_error()
            switch systemError {
            case 0: return .closed
            case EAGAIN, EWOULDBLOCK, EINTR: return .wouldBlock
            case ECONNRESET, EPIPE: return .reset
            default: return .failed(systemError)
            }
        default:
            lastFailure = Self.takeError()
            return .failed(EPROTO)
        }
    }

    /// OpenSSL's oldest queued error as text; the queue is left empty for the next operation on this thread.
    private static func takeError() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        ctls_take_error(&buffer, buffer.count)
        return String(nulTerminated: buffer)
    }
}

/// Why a TLS handshake did not complete.
public enum TLSHandshakeFailure: Equatable, Sendable, CustomStringConvertible {
    /// The client refused the server's certificate.
    case certificateRejected(TLSVerificationFailure)
    /// The peer broke the protocol or refused it (an alert, no common version or cipher, plain HTTP instead of TLS).
    case protocolError(String)
    /// The peer closed the connection during the handshake.
    case closedByPeer
    /// The peer reset the connection during the handshake.
    case reset

    public var description: String {
        switch self {
        case let .certificateRejected(reason): return "certificate rejected: \(reason)"
        case let .protocolError(reason):
            let hint = reason.contains("wrong version number") || reason.contains("packet length too long")
                ? " (does the server speak plain http on this port?)" : ""
            return "TLS handshake failed: \(reason)\(hint)"
        case .closedByPeer: return "the peer closed the connection during the TLS handshake"
        case .reset: return "the peer reset the connection during the TLS handshake"
        }
    }
}
