// A TLS port meeting what is not a good TLS client: plain HTTP, garbage, a stalled handshake. Raw bytes on the wire.
import Foundation
import XCTest
@testable import HTTPWire

/// XCTest: these tests block on sockets (see HTTPServerLimitsTests).
final class HTTPServerTLSInputTests: XCTestCase {
    private var fixture: TLSFixture!
    private var context: TLSServerContext!

    override func setUpWithError() throws {
        fixture = try TLSFixture()
        context = try fixture.serverContext()
    }

    /// Waits (bounded) until the server has no connection open: nothing leaked.
    private func waitUntilClosed(_ server: HTTPServer, within timeout: Duration = .seconds(5)) {
        let deadline = MonotonicClock.deadline(timeout.nanoseconds, after: MonotonicClock.now())
        while server.openConnectionCount > 0 && MonotonicClock.now() < deadline { usleep(2_000) }
    }

    func test_server_AnswersPlainHTTP_WithReadable400_AndCounts() throws {
        try withTLSServer(context) { server, port in
            do {  // closed at the end of the block, so the server's linger ends at once
                let connection = try RawConnection(port: port)
                connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                let (bytes, ending) = connection.readToEnd()
                let text = String(decoding: bytes, as: UTF8.self)
                XCTAssert(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), text)
                XCTAssert(text.contains("this port speaks HTTPS (TLS); use an https:// URL"), text)
                XCTAssertEqual(ending, .eof)
            }
            waitUntilClosed(server)
            XCTAssertEqual(server.openConnectionCount, 0)
            XCTAssertEqual(server.tlsHandshakeFailureCount, 1)
        }
    }

    func test_server_ClosesGarbage_InsteadOfAClientHello_AndCounts() throws {
        try withTLSServer(context) { server, port in
            // Junk, a handshake record holding an unknown message type, a record of content type 0: each is refused at once
            // (a merely incomplete ClientHello is a stall instead, and waits for the header timeout).
            for garbage in [[UInt8](repeating: 0xFF, count: 64), [0x16, 0x03, 0x01, 0x00, 0x05, 0xFF, 0, 0, 1, 0], [UInt8](repeating: 0, count: 8)] {
                let connection = try RawConnection(port: port)
                connection.send(garbage)
                let (bytes, ending) = connection.readToEnd()
                // At most a TLS alert record (type 21), never HTTP.
                XCTAssert(bytes.isEmpty || bytes.first == 0x15, "\(bytes.prefix(8))")
                XCTAssertNotEqual(ending, .timedOut)
            }
            waitUntilClosed(server)
            XCTAssertEqual(server.openConnectionCount, 0)
            XCTAssertEqual(server.tlsHandshakeFailureCount, 3)
        }
    }

    func test_server_ClosesStalledHandshake_AtTheHeaderTimeout() throws {
        let timeout = Duration.milliseconds(300)
        try withTLSServer(context, { $0.headerReadTimeout = timeout }) { server, port in
            // Silent, and half a ClientHello: both must end at the header timeout, not the 60 s idle one.
            for opening in [[], [0x16, 0x03, 0x01, 0x02, 0x00, 0x01]] as [[UInt8]] {
                let started = MonotonicClock.now()
                let connection = try RawConnection(port: port)
                connection.send(opening)
                let (bytes, ending) = connection.readToEnd(timeout: timeout * 10)
                let elapsed = millisecondsSince(started)
                XCTAssertEqual(bytes, [])
                XCTAssertNotEqual(ending, .timedOut)
                XCTAssertGreaterThanOrEqual(elapsed, Double(timeout.nanoseconds) / 1e6 - 1)
                XCTAssertLessThan(elapsed, Double((timeout * 10).nanoseconds) / 1e6)
            }
            waitUntilClosed(server)
            XCTAssertEqual(server.openConnectionCount, 0)
            XCTAssertEqual(server.tlsHandshakeFailureCount, 2)
        }
    }

    func test_server_BaseURL_SaysHTTPS() throws {
        try withTLSServer(context) { server, port in
            XCTAssertEqual(server.baseURL, "https://127.0.0.1:\(port)")
        }
    }
}
