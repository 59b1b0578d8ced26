// Whether an idle keep-alive connection can still carry a request.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Socket {
    /// `true` when nothing arrived while the connection sat idle: no FIN, no RST and no unsolicited bytes.
    ///
    /// Stricter than `peerHasClosed()`: a server may send something (a `408`, say) before closing, and those bytes
    /// would otherwise be read as the response to the next request. Peeks without consuming and without blocking.
    func isQuietWhileIdle() -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
}
