// Package-only entry point for the TLS fuzz target: a server session fed a byte stream over a socket pair, in reads
// of a chosen size, driven the way `ServerConnection` drives it (sniff, handshake, read until OpenSSL holds nothing).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension WireFuzzEntryPoints {
    /// How a fed stream ended for the server session.
    package struct TLSReadOutcome {
        /// The first byte looked like a plain-HTTP request line (the connection would answer 400 in plain text).
        package var refusedAsPlainHTTP = false
        /// The handshake failed (what a connection counts and closes).
        package var handshakeFailed = false
        /// Decrypted bytes read (never more than was fed, since no peer holds the keys).
        package var decryptedBytes = 0
        /// Handshake, read and peek steps taken: bounded by the input, never a spin.
        package var steps = 0
    }

    /// Feeds `bytes` to a TLS server session on a non-blocking socket pair, `readSize` bytes at a time (at least 1).
    /// Returns nil when the socket pair cannot be made.
    package static func feedTLSServer(_ bytes: [UInt8], readSize: Int, context: TLSServerContext) -> TLSReadOutcome? {
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, SocketPlatform.streamType, 0, &pair) == 0 else { return nil }
        let server = Socket(fd: pair[0]), peer = Socket(fd: pair[1])
        defer { server.close(); peer.close() }
        for fd in pair { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK) }
        guard let session = TLSSession.server(context, socket: server) else { return nil }
        var outcome = TLSReadOutcome()
        var handshaking = true, sniffed = false
        var scratch = [UInt8](repeating: 0, count: 512)
        var offset = 0
        feeding: while offset < bytes.count {
            let end = min(bytes.count, offset + max(1, readSize))
            let sent = bytes[offset..<end].withUnsafeBytes { peer.send($0) }
            guard case let .bytes(count) = sent else { break }
            offset += count
            while true {  // what a readiness event does, until it would block
                outcome.steps += 1
                if handshaking {
                    if !sniffed, let first = server.peekFirstByte() {
                        sniffed = true
                        if first != 0x16, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
                            outcome.refusedAsPlainHTTP = true
                            break feeding
                        }
                    }
                    switch session.handshake() {
                    case .done: handshaking = false
                    case .wouldBlock: continue feeding
                    case .failed: outcome.handshakeFailed = true; break feeding
                    }
                } else {
                    let read = scratch.withUnsafeMutableBytes { session.receive(into: $0) }
                    guard case let .bytes(count) = read else { break feeding }
                    outcome.decryptedBytes += count
                    if !session.hasBufferedInput { continue feeding }
                }
            }
        }
        return outcome
    }
}
