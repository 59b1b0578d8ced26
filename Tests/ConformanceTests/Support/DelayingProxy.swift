// A TCP proxy on loopback that delivers every chunk a fixed delay after it arrived, in both directions: a far network
// in front of a target, for tests.
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Forwards each accepted connection to `127.0.0.1:upstreamPort`, holding every chunk (and the end of the stream)
/// `delay` before passing it on, in order. Blocking sockets and a thread per direction: a test tool, bounded by the
/// test's own connections. `stop()` closes everything.
final class DelayingProxy: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let upstreamPort: UInt16
    private let delay: Duration
    private let open = Mutex<Set<Int32>>([])
    private let stopped = Mutex(false)

    init(upstreamPort: UInt16, delay: Duration) throws {
        self.upstreamPort = upstreamPort
        self.delay = delay
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        } && listen(fd, 128) == 0
        guard ready else { close(fd); throw ProxyError() }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    struct ProxyError: Error {}

    /// The target's URL through the proxy.
    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        stopped.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in open.withLock({ $0 }) { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
            guard connected, !stopped.withLock({ $0 }) else { close(client); close(upstream); continue }
            var yes: Int32 = 1
            for fd in [client, upstream] { setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size)) }
            open.withLock { $0.formUnion([client, upstream]) }
            let closedSides = Mutex(0)
            let finish: @Sendable () -> Void = { [self] in
                guard closedSides.withLock({ $0 += 1; return $0 }) == 2 else { return }
                open.withLock { $0.subtract([client, upstream]) }
                close(client)
                close(upstream)
            }
            pump(from: client, to: upstream, done: finish)
            pump(from: upstream, to: client, done: finish)
        }
    }

    /// Reads `source` until it ends; each chunk (and then the end) is sent to `sink` `delay` after it was read.
    private func pump(from source: Int32, to sink: Int32, done: @escaping @Sendable () -> Void) {
        let line = DispatchQueue(label: "delaying-proxy")  // serial, one delay for all: order is kept
        let nanoseconds = Int(delay.components.seconds) * 1_000_000_000 + Int(delay.components.attoseconds / 1_000_000_000)
        Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(source, &buffer, buffer.count, 0)
                let due = DispatchTime.now() + .nanoseconds(nanoseconds)
                guard count > 0 else {
                    line.asyncAfter(deadline: due) { shutdown(sink, Int32(SHUT_WR)); done() }
                    return
                }
                let chunk = Array(buffer[..<count])
                line.asyncAfter(deadline: due) {
                    var offset = 0
                    while offset < chunk.count {
                        let sent = chunk[offset...].withUnsafeBytes { send(sink, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                        if sent <= 0 { return }
                        offset += sent
                    }
                }
            }
        }.start()
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
