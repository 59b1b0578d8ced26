// The connect-phase deadline on loopback: a listener whose accept queue is full never completes a handshake.
import Foundation
import Testing
@testable import HTTPWire
#if canImport(Glibc)
import Glibc
#endif

/// A listening socket with backlog 0 whose one accept-queue slot is taken by a connection nobody accepts.
///
/// Linux admits backlog + 1 connections to the accept queue and drops SYNs beyond that (with
/// `tcp_abort_on_overflow` off, the default), so a further connect stays in SYN_SENT until its deadline.
private final class FullAcceptQueue {
    let port: UInt16
    private let listener: Int32
    private let filler: Int32

    init() throws {
        let listener = socket(AF_INET, ScriptedPeer.streamType, 0)
        let filler = socket(AF_INET, ScriptedPeer.streamType, 0)
        self.listener = listener
        self.filler = filler
        var address = ScriptedPeer.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(listener, pointer, length) == 0 && listen(listener, 0) == 0 && getsockname(listener, pointer, &length) == 0
        } }
        port = UInt16(bigEndian: address.sin_port)
        // A blocking connect returns once the handshake is done; the kernel then queues it on the listener.
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        } }
        guard listening, connected, Self.waitUntilQueued(listener) else {
            close()
            throw ScriptedPeer.PeerError.system("fill accept queue", errno)
        }
    }

    func close() {
        _ = Glibc.close(filler)
        _ = Glibc.close(listener)
    }

    /// Waits (bounded) until the listener's accept queue holds the filler: TCP_INFO on a listening socket
    /// reports the queue length in `tcpi_unacked`.
    private static func waitUntilQueued(_ listener: Int32) -> Bool {
        for _ in 0..<5_000 {
            var info = tcp_info()
            var size = socklen_t(MemoryLayout<tcp_info>.size)
            if getsockopt(listener, Int32(IPPROTO_TCP), TCP_INFO, &info, &size) == 0, info.tcpi_unacked >= 1 { return true }
            _ = poll(nil, 0, 1)
        }
        return false
    }
}

struct HTTPClientConnectTimeoutTests {
    @Test func execute_FailsWithConnectTimedOut_AtTheDeadline_WhenTheHandshakeNeverCompletes() async throws {
        let queue = try FullAcceptQueue()
        defer { queue.close() }
        let client = try HTTPClient()
        defer { client.shutdown() }
        let timeout = Duration.milliseconds(300)
        let (error, elapsed) = await client.timedError(of: HTTPClientRequest(url: "http://127.0.0.1:\(queue.port)/"), timeout: timeout)
        #expect(error == .connectTimedOut)
        #expect(elapsed >= timeout)
        #expect(elapsed < timeout.latestFiring)
    }
}
