// A blocking test client that speaks raw bytes, so server tests control exactly what goes on the wire.
import Foundation
import Glibc
@testable import HTTPWire

/// How a read from the server ended.
enum RawEnding: Error, Equatable {
    case eof
    case reset
    case timedOut
}

/// A blocking loopback TCP connection with deadlines on every read (tests never hang).
final class RawConnection {
    let fd: Int32
    private var pending: [UInt8] = []

    init(port: UInt16, host: String = "127.0.0.1") throws {
        let family = host.contains(":") ? AF_INET6 : AF_INET
        fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError.system(call: "socket", errno: errno) }
        var storage = sockaddr_storage()
        var length: socklen_t
        if family == AF_INET6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: withUnsafeBytes(of: address) { $0 }) }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: withUnsafeBytes(of: address) { $0 }) }
        }
        let status = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) } }
        guard status == 0 else {
            let code = errno
            Glibc.close(fd)
            throw SocketError.system(call: "connect", errno: code)
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            offset += count
        }
    }

    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one chunk within `timeout`: bytes, or how the stream ended.
    func readChunk(timeout: Duration) -> Result<[UInt8], RawEnding> {
        if !pending.isEmpty {
            defer { pending = [] }
            return .success(pending)
        }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) > 0 else { return .failure(.timedOut) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &buffer, buffer.count, 0)
        if count > 0 { return .success(Array(buffer[..<count])) }
        if count == 0 { return .failure(.eof) }
        return .failure(errno == ECONNRESET ? .reset : .eof)
    }

    /// Reads everything until the server closes (or resets, or `timeout` passes with no byte).
    func readToEnd(timeout: Duration = .seconds(5)) -> (bytes: [UInt8], ending: RawEnding) {
        var all: [UInt8] = []
        while true {
            switch readChunk(timeout: timeout) {
            case let .success(bytes): all += bytes
            case let .failure(ending): return (all, ending)
            }
        }
    }

    /// Reads exactly one response (framed by the client parser), keeping any extra bytes for the next call.
    func readResponse(method: String = "GET", timeout: Duration = .seconds(5)) -> HTTPResponse? {
        var parser = HTTPResponseParser(requestMethod: method, maxBodyBytes: 64 * 1024 * 1024)
        var buffer = ByteBuffer()
        while true {
            if let response = try? parser.next(&buffer) {
                pending = Array(buffer.bytes[buffer.readerIndex...])
                return response
            }
            switch readChunk(timeout: timeout) {
            case let .success(bytes): buffer.append(bytes)
            case .failure(.eof): return try? parser.finishAtEndOfStream()
            case .failure: return nil
            }
        }
    }

    /// Reads until `count` bytes arrived or the stream ended.
    func read(count: Int, timeout: Duration = .seconds(5)) -> [UInt8] {
        var all: [UInt8] = []
        while all.count < count, case let .success(bytes) = readChunk(timeout: timeout) { all += bytes }
        return all
    }
}

/// Starts a server on 127.0.0.1 port 0 with `configure`d settings; stops it when `body` returns.
func withServer(_ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
                handler: @escaping HTTPServer.Handler = echoHandler,
                _ body: (HTTPServer, UInt16) throws -> Void) throws {
    var configuration = HTTPServer.Configuration()
    configuration.loopCount = 2
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    defer { server.stop(gracePeriod: .seconds(1)) }
    try body(server, server.port!)
}

/// Answers 200 with `METHOD target body` as text, so tests can see what the server parsed.
let echoHandler: HTTPServer.Handler = { request, writer in
    writer.respond(.text(200, "\(request.method) \(request.target) \(request.bodyText)"))
}

extension HTTPResponse {
    var text: String { bodyText }
}

/// Milliseconds since `start` (monotonic).
func millisecondsSince(_ start: UInt64) -> Double { Double(MonotonicClock.now() - start) / 1e6 }

/// Runs blocking `body` on a new thread, so a test awaiting it leaves the cooperative pool free.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
