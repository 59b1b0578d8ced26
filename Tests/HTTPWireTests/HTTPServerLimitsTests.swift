// Limits and timeouts over the wire: error statuses with reasons, slowloris, idle, connection cap, garbage.
import Foundation
import XCTest
@testable import HTTPWire

/// XCTest, not Swift Testing: these tests block on sockets, and XCTest runs them on its own thread
/// instead of the cooperative pool that async tests elsewhere need.
final class HTTPServerLimitsTests: XCTestCase {
    /// Sends `request` and returns the whole answer and how it ended.
    private func answer(_ request: String, port: UInt16) throws -> (String, RawEnding) {
        let connection = try RawConnection(port: port)
        connection.send(request)
        let (bytes, ending) = connection.readToEnd()
        return (String(decoding: bytes, as: UTF8.self), ending)
    }

    func test_server_Answers400AndCloses_OnParseError_ThenKeepsServing() throws {
        try withServer { _, port in
            let (text, ending) = try answer("GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n", port: port)
            XCTAssert(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            XCTAssert(text.contains("Connection: close"))
            XCTAssert(text.hasSuffix("whitespace between a header name and its colon is not allowed\n"))
            XCTAssert(ending == .eof)
            let (good, _) = try answer("GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", port: port)
            XCTAssert(good.hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    func test_server_Answers431_WhenHeadTooLarge() throws {
        try withServer({ $0.limits.maxHeadBytes = 1024 }) { _, port in
            let (text, ending) = try answer("GET / HTTP/1.1\r\nHost: t\r\nX: \(String(repeating: "y", count: 2000))\r\n\r\n", port: port)
            XCTAssert(text.hasPrefix("HTTP/1.1 431 "))
            XCTAssert(ending == .eof)
        }
    }

    func test_server_Answers414_WhenTargetTooLong() throws {
        try withServer({ $0.limits.maxTargetBytes = 64 }) { _, port in
            let (text, _) = try answer("GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            XCTAssert(text.hasPrefix("HTTP/1.1 414 URI Too Long"))
        }
    }

    func test_server_Answers413_WhenBodyTooLarge() throws {
        try withServer({ $0.limits.maxBodyBytes = 8 }) { _, port in
            let (text, _) = try answer("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n123456789", port: port)
            XCTAssert(text.hasPrefix("HTTP/1.1 413 Content Too Large"))
        }
    }

    func test_server_Answers408AndCloses_WhenHeadArrivesTooSlowly() throws {
        let timeout = Duration.milliseconds(200)
        try withServer({ $0.headerReadTimeout = timeout }) { _, port in
            let connection = try RawConnection(port: port)
            let start = MonotonicClock.now()
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n")  // and never the blank line
            let (bytes, ending) = connection.readToEnd(timeout: timeout * 20)
            let elapsed = millisecondsSince(start)
            XCTAssert(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 Request Timeout"))
            XCTAssert(ending == .eof)
            XCTAssert(elapsed >= 200 && elapsed < 200 + 2000)
        }
    }

    func test_server_Answers408_WhenAPipelinedHeadStopsHalfway() throws {
        let timeout = Duration.milliseconds(200)
        try withServer({ $0.headerReadTimeout = timeout; $0.idleTimeout = .seconds(30) }) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\n")
            XCTAssertEqual(connection.readResponse()?.text, "GET /a ")
            let start = MonotonicClock.now()
            let (bytes, ending) = connection.readToEnd(timeout: .seconds(10))
            XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 "))  // the header clock, not the 30 s idle one
            XCTAssertEqual(ending, .eof)
            XCTAssertLessThan(millisecondsSince(start), 200 + 2000)
        }
    }

    func test_server_SlowlorisClock_DoesNotRestartWithEachByte() throws {
        let timeout = Duration.milliseconds(300)
        try withServer({ $0.headerReadTimeout = timeout }) { _, port in
            let connection = try RawConnection(port: port)
            let start = MonotonicClock.now()
            connection.send("GET / HTTP/1.1\r\n")
            var ended = false
            // Dribble a header byte every 50 ms (well inside the timeout each time) until the server gives up.
            for _ in 0..<100 where !ended {
                connection.send("X")
                if case .failure(.timedOut) = connection.readChunk(timeout: Duration.milliseconds(50)) { continue }
                ended = true
            }
            XCTAssert(ended)
            XCTAssert(millisecondsSince(start) >= 300)
        }
    }

    func test_server_ClosesIdleKeepAliveConnection_Silently() throws {
        let idle = Duration.milliseconds(200)
        try withServer({ $0.idleTimeout = idle }) { server, port in
            let connection = try RawConnection(port: port)
            let start = MonotonicClock.now()  // the idle clock starts later, when the answer has been written
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssert(connection.readResponse()?.status == 200)
            let (bytes, ending) = connection.readToEnd(timeout: idle * 20)
            XCTAssert(bytes.isEmpty)
            XCTAssert(ending == .eof)
            XCTAssert(millisecondsSince(start) >= 200)
            XCTAssert(server.openConnectionCount == 0)
        }
    }

    func test_server_RefusesConnectionsBeyondLimit_With503_AndRecovers() throws {
        try withServer({ $0.maxConnections = 2; $0.loopCount = 1 }) { server, port in
            let first = try RawConnection(port: port), second = try RawConnection(port: port)
            for connection in [first, second] {
                connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                XCTAssert(connection.readResponse()?.status == 200)
            }
            let third = try RawConnection(port: port)
            let (bytes, ending) = third.readToEnd()
            XCTAssert(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 503 Service Unavailable"))
            XCTAssert(ending == .eof)
            XCTAssert(server.openConnectionCount == 2)
            first.shutdownWrite()
            XCTAssert(first.readToEnd().ending == .eof)
            let fourth = try RawConnection(port: port)
            fourth.send("GET /again HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssert(fourth.readResponse()?.text == "GET /again ")
        }
    }

    func test_server_503BeyondLimit_SurvivesARequestAlreadySent() throws {
        try withServer({ $0.maxConnections = 1; $0.loopCount = 1 }) { _, port in
            let first = try RawConnection(port: port)
            first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(first.readResponse()?.status, 200)
            for _ in 0..<20 {
                let refused = try RawConnection(port: port)
                refused.send("POST /lead HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")  // before the server accepts
                let (bytes, _) = refused.readToEnd()
                XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 503 "), "the 503 was lost to a reset")
            }
        }
    }

    func test_server_SurvivesArbitraryBytes() throws {
        var generator = SystemRandomNumberGenerator()
        try withServer { _, port in
            for _ in 0..<50 {
                let connection = try RawConnection(port: port)
                connection.send((0..<Int.random(in: 1...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                connection.shutdownWrite()
                let (bytes, _) = connection.readToEnd()
                let text = String(decoding: bytes, as: UTF8.self)
                XCTAssert(text.isEmpty || text.hasPrefix("HTTP/1.1 4") || text.hasPrefix("HTTP/1.1 5"))
            }
            let connection = try RawConnection(port: port)
            connection.send("GET /alive HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssert(connection.readResponse()?.text == "GET /alive ")
        }
    }
}
