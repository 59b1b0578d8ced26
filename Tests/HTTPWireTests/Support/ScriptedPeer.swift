// A scripted TCP server for client tests: blocking POSIX sockets on background threads, on 127.0.0.1 only.
import Foundation
import HTTPWire
#if canImport(Glibc)
import Glibc
#endif

/// A test-only TCP server on 127.0.0.1 (or [::1]) with a port chosen by the system.
///
/// Each accepted connection reads a request (head, then a `Content-Length` body), takes the next reaction from
/// the script (or `otherwise` once the script is used up) and performs it. It records every request and counts
/// connections. `stop()` wakes every thread, waits for them and closes every descriptor: call it when the test ends
/// (`defer { peer.stop() }`); the threads hold the peer, so it is never deinitialized while listening.
///
/// Waiting for the peer (`waitForRequests`, `waitForClosedConnections`) suspends without blocking a thread, so tests
/// running in parallel on a small cooperative pool cannot starve each other.
///
/// `@unchecked Sendable`: all mutable state is guarded by `lock`.
final class ScriptedPeer: @unchecked Sendable {
    /// What to do once a request has been read.
    enum Reaction: Sendable {
        /// Send these bytes, then wait for the next request on the same connection.
        case respond([UInt8])
        /// Send what the function makes of the request, then wait for the next request.
        case respondUsing(@Sendable (Request) -> [UInt8])
        /// Send these bytes, then close (FIN).
        case respondThenClose([UInt8])
        /// Close with SO_LINGER 0: the client gets an RST.
        case reset
        /// Close cleanly (FIN) without answering.
        case close
        /// Say nothing for this long (or until the peer stops), then close.
        case silence(Duration)
        /// Send these bytes, then say nothing until the client leaves or the peer stops.
        case partial([UInt8])
    }

    /// A request as received.
    struct Request: Sendable {
        var raw: [UInt8]
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        /// The first value of header `name` (case-insensitive).
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    /// The port the peer listens on.
    let port: UInt16
    /// The loopback address as written in a URL: `127.0.0.1` or `[::1]`.
    let host: String
    /// `http://<host>:<port>`, for building request URLs.
    var baseURL: String { "http://\(host):\(port)" }

    private let listener: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let threads = DispatchGroup()
    private let lock = NSLock()
    private var script: [Reaction]
    private let otherwise: Reaction
    private var received: [Request] = []
    private var accepted = 0
    private var closed = 0
    private var openDescriptors: Set<Int32> = []
    private var stopped = false
    private var waiters: [Waiter] = []
    private var nextWaiter = 0

    /// Starts listening and accepting.
    /// - Parameters:
    ///   - script: reactions to the requests received, in order of arrival over all connections.
    ///   - otherwise: the reaction once the script is used up.
    ///   - ipv6: listen on `[::1]` instead of 127.0.0.1.
    init(_ script: [Reaction], otherwise: Reaction = .close, ipv6: Bool = false) throws {
        self.script = script
        self.otherwise = otherwise
        (listener, port) = try Self.listenOnLoopback(ipv6: ipv6)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { let code = errno; _ = Glibc.close(listener); throw PeerError.system("pipe", code) }
        stopPipe = (ends[0], ends[1])
        host = ipv6 ? "[::1]" : "127.0.0.1"
        threads.enter()
        Thread { [self] in acceptLoop(); threads.leave() }.start()
    }

    /// A listening socket on the loopback address with a port the system picks.
    private static func listenOnLoopback(ipv6: Bool) throws -> (Int32, UInt16) {
        let fd = socket(ipv6 ? AF_INET6 : AF_INET, streamType, 0)
        guard fd >= 0 else { throw PeerError.system("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var storage = sockaddr_storage()
        var length: socklen_t
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: withUnsafeBytes(of: address) { UnsafeRawBufferPointer($0) }) }
        } else {
            let address = loopback(port: 0)
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: withUnsafeBytes(of: address) { UnsafeRawBufferPointer($0) }) }
        }
        let listening = withUnsafeMutablePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && listen(fd, 256) == 0 && getsockname(fd, pointer, &length) == 0
        } }
        guard listening else { let code = errno; _ = Glibc.close(fd); throw PeerError.system("bind/listen", code) }
        // sin_port and sin6_port sit at the same offset, right after the family.
        let port = withUnsafeBytes(of: &storage) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
        return (fd, port)
    }

    /// `true` when this machine can listen on `[::1]`.
    static var ipv6LoopbackAvailable: Bool {
        guard let (fd, _) = try? listenOnLoopback(ipv6: true) else { return false }
        _ = Glibc.close(fd)
        return true
    }

    /// Every request received so far, in order of arrival.
    var requests: [Request] { lock.withLock { received } }
    /// How many connections were accepted so far.
    var acceptedConnections: Int { lock.withLock { accepted } }
    /// How many connections the peer has closed (or seen closed) so far.
    var closedConnections: Int { lock.withLock { closed } }

    /// Waits until at least `count` connections are closed; `false` if that did not happen within `limit`.
    /// Suspends without holding a thread, and returns as soon as the count is reached (the limit is an upper bound).
    func waitForClosedConnections(_ count: Int, limit: Duration = .seconds(10)) async -> Bool {
        await waitUntil(limit: limit) { $0.closed >= count }
    }

    /// Waits until at least `count` requests have been received; `false` if not within `limit` (an upper bound).
    func waitForRequests(_ count: Int, limit: Duration = .seconds(10)) async -> Bool {
        await waitUntil(limit: limit) { $0.received.count >= count }
    }

    private func waitUntil(limit: Duration, _ isMet: @escaping (ScriptedPeer) -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let id = lock.withLock { () -> Int? in
                guard !isMet(self) else { return nil }
                nextWaiter += 1
                waiters.append(Waiter(id: nextWaiter, isMet: isMet, continuation: continuation))
                return nextWaiter
            }
            guard let id else { return continuation.resume(returning: true) }
            let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                let expired = lock.withLock { () -> Waiter? in
                    guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return waiters.remove(at: index)
                }
                expired?.continuation.resume(returning: false)
            }
        }
    }

    /// Takes the waiters whose condition now holds; call with `lock` held, resume them after unlocking.
    private func takeSatisfiedWaiters() -> [Waiter] {
        let satisfied = waiters.filter { $0.isMet(self) }
        waiters.removeAll { $0.isMet(self) }
        return satisfied
    }

    private struct Waiter {
        var id: Int
        var isMet: (ScriptedPeer) -> Bool
        var continuation: CheckedContinuation<Bool, Never>
    }

    /// Stops accepting, wakes and ends every connection thread, and closes every descriptor. Idempotent.
    func stop() {
        let first = lock.withLock { () -> Bool in
            guard !stopped else { return false }
            stopped = true
            var byte: UInt8 = 1
            _ = write(stopPipe.write, &byte, 1)
            // Under the lock: a thread removes its descriptor before closing it, so none of these is reused yet.
            for fd in openDescriptors { _ = shutdown(fd, Int32(SHUT_RDWR)) }
            return true
        }
        guard first else { return }
        _ = threads.wait(timeout: .now() + 10)
        _ = Glibc.close(listener)
        _ = Glibc.close(stopPipe.read)
        _ = Glibc.close(stopPipe.write)
    }

    // MARK: Accepting and serving

    private func acceptLoop() {
        while waitReadable(listener, timeoutMilliseconds: -1) == .ready {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == EAGAIN || errno == ECONNABORTED { continue }
                return
            }
            let admitted = lock.withLock { () -> Bool in
                guard !stopped else { return false }
                accepted += 1
                openDescriptors.insert(fd)
                threads.enter()
                return true
            }
            guard admitted else { _ = Glibc.close(fd); return }
            Thread { [self] in
                let resets = serve(fd)
                lock.withLock { _ = openDescriptors.remove(fd) }
                if resets {
                    var option = linger(l_onoff: 1, l_linger: 0)
                    setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
                }
                _ = Glibc.close(fd)
                let satisfied = lock.withLock { () -> [Waiter] in
                    closed += 1
                    return takeSatisfiedWaiters()
                }
                for waiter in satisfied { waiter.continuation.resume(returning: true) }
                threads.leave()
            }.start()
        }
    }

    /// Serves one connection; returns `true` when it must end with a reset rather than a clean close.
    private func serve(_ fd: Int32) -> Bool {
        var pending: [UInt8] = []
        while let request = readRequest(fd, &pending) {
            let (reaction, satisfied) = lock.withLock { () -> (Reaction, [Waiter]) in
                received.append(request)
                return (script.isEmpty ? otherwise : script.removeFirst(), takeSatisfiedWaiters())
            }
            for waiter in satisfied { waiter.continuation.resume(returning: true) }
            switch reaction {
            case let .respond(bytes):
                guard sendAll(fd, bytes) else { return false }
            case let .respondUsing(make):
                guard sendAll(fd, make(request)) else { return false }
            case let .respondThenClose(bytes):
                _ = sendAll(fd, bytes)
                return false
            case .reset:
                return true
            case .close:
                return false
            case let .silence(duration):
                _ = waitReadable(stopPipe.read, timeoutMilliseconds: Int32(duration.components.seconds * 1000
                    + duration.components.attoseconds / 1_000_000_000_000_000))
                return false
            case let .partial(bytes):
                guard sendAll(fd, bytes) else { return false }
                var scratch = [UInt8](repeating: 0, count: 4096)
                while waitReadable(fd, timeoutMilliseconds: -1) == .ready, recv(fd, &scratch, scratch.count, 0) > 0 {}
                return false
            }
        }
        return false
    }

    /// Reads one request (head and `Content-Length` body); nil when the client left or the peer stops.
    private func readRequest(_ fd: Int32, _ pending: inout [UInt8]) -> Request? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let request = Self.parseRequest(&pending) { return request }
            guard waitReadable(fd, timeoutMilliseconds: -1) == .ready else { return nil }
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    /// Takes a complete request off the front of `pending`, or nil when it is not all there.
    static func parseRequest(_ pending: inout [UInt8]) -> Request? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = pending.indices.dropLast(3).first(where: { Array(pending[$0..<$0 + 4]) == terminator }) else { return nil }
        let head = String(decoding: pending[..<headEnd], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let end = headEnd + 4 + length
        guard pending.count >= end else { return nil }
        let request = Request(raw: Array(pending[..<end]), method: requestLine.first.map(String.init) ?? "",
                              target: requestLine.dropFirst().first.map(String.init) ?? "", headers: headers,
                              body: Array(pending[(headEnd + 4)..<end]))
        pending.removeFirst(end)
        return request
    }

    private enum Readiness { case ready, stopped, timedOut }

    /// Waits until `fd` is readable, the peer stops, or `timeoutMilliseconds` pass (-1: no limit).
    private func waitReadable(_ fd: Int32, timeoutMilliseconds: Int32) -> Readiness {
        var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
        while true {
            let count = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return count == 0 ? .timedOut : .stopped }
            if descriptors[1].revents != 0 { return .stopped }
            return .ready
        }
    }

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    static var streamType: Int32 { Int32(SOCK_STREAM.rawValue) }

    /// `127.0.0.1:port` as a socket address.
    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    enum PeerError: Error { case system(String, Int32) }
}

extension ScriptedPeer {
    /// An HTTP/1.1 response with `Content-Length` (unless `headers` sets its own framing).
    static func response(_ status: Int = 200, reason: String = "OK", headers: [(String, String)] = [], body: String = "") -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason)\r\n"
        let framed = headers.contains { ["content-length", "transfer-encoding"].contains($0.0.lowercased()) }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !framed { text += "Content-Length: \(body.utf8.count)\r\n" }
        return Array((text + "\r\n" + body).utf8)
    }
}

extension HTTPClient {
    /// A client for tests that count connections: a long pool idle timeout, so a slow machine cannot expire
    /// a pooled connection between two requests.
    static func make(_ configuration: Configuration = .init(poolIdleTimeout: .seconds(600)), group: EventLoopGroup? = nil) throws -> HTTPClient {
        try HTTPClient(configuration: configuration, group: group)
    }

    /// The outcome of `execute` as a value, so tests can compare errors with `==`.
    func result(of request: HTTPClientRequest, timeout: Duration = .seconds(10)) async -> Result<HTTPResponse, HTTPClientError> {
        do throws(HTTPClientError) {
            return .success(try await execute(request, timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    /// The error `execute` fails with, or nil when it succeeded.
    func error(of request: HTTPClientRequest, timeout: Duration = .seconds(10)) async -> HTTPClientError? {
        if case let .failure(error) = await result(of: request, timeout: timeout) { return error }
        return nil
    }

    /// The error of a request and the time from the call to its completion, read on the event loop when the
    /// completion runs, so that scheduling of the test's own task does not count.
    func timedError(of request: HTTPClientRequest, timeout: Duration) async -> (error: HTTPClientError?, elapsed: Duration) {
        let started = MonotonicClock.now()
        return await withCheckedContinuation { continuation in
            execute(request, timeout: timeout) { result in
                let elapsed = Duration.nanoseconds(Int64(MonotonicClock.now() - started))
                if case let .failure(error) = result { continuation.resume(returning: (error, elapsed)) } else {
                    continuation.resume(returning: (nil, elapsed))
                }
            }
        }
    }
}

extension Duration {
    /// The latest a deadline of this length may fire in a test: the deadline plus four times its length as slack
    /// for a loaded machine. A deadline that did not work would fire never (the peers stay silent for a minute).
    var latestFiring: Duration { self * 5 }
}
