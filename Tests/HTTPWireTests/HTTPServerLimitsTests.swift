// Limits and timeouts over the wire: error statuses with reasons, slowloris, idle, connection cap, garbage.
import Foundation
import Testing
@testable import HTTPWire

@Suite struct HTTPServerLimitsTests {
    /// Sends `request` and returns the whole answer and how it ended.
    private func answer(_ request: String, port: UInt16) throws -> (String, RawEnding) {
        let connection = try RawConnection(port: port)
        connection.send(request)
        let (bytes, ending) = connection.readToEnd()
        return (String(decoding: bytes, as: UTF8.self), ending)
    }

    @Test func server_Answers400AndCloses_OnParseError_ThenKeepsServing() throws {
        try withServer { _, port in
            let (text, ending) = try answer("GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n", port: port)
            #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(text.contains("Connection: close"))
            #expect(text.hasSuffix("whitespace between a header name and its colon is not allowed\n"))
            #expect(ending == .eof)
            let (good, _) = try answer("GET /ok HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", port: port)
            #expect(good.hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test func server_Answers431_WhenHeadTooLarge() throws {
        try withServer({ $0.limits.maxHeadBytes = 1024 }) { _, port in
            let (text, ending) = try answer("GET / HTTP/1.1\r\nHost: t\r\nX: \(String(repeating: "y", count: 2000))\r\n\r\n", port: port)
            #expect(text.hasPrefix("HTTP/1.1 431 "))
            #expect(ending == .eof)
        }
    }

    @Test func server_Answers414_WhenTargetTooLong() throws {
        try withServer({ $0.limits.maxTargetBytes = 64 }) { _, port in
            let (text, _) = try answer("GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: t\r\n\r\n", port: port)
            #expect(text.hasPrefix("HTTP/1.1 414 URI Too Long"))
        }
    }

    @Test func server_Answers413_WhenBodyTooLarge() throws {
        try withServer({ $0.limits.maxBodyBytes = 8 }) { _, port in
            let (text, _) = try answer("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n123456789", port: port)
            #expect(text.hasPrefix("HTTP/1.1 413 Content Too Large"))
        }
    }

    @Test func server_Answers408AndCloses_WhenHeadArrivesTooSlowly() throws {
        let timeout = Duration.milliseconds(200)
        try withServer({ $0.headerReadTimeout = timeout }) { _, port in
            let connection = try RawConnection(port: port)
            let start = MonotonicClock.now()
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n")  // and never the blank line
            let (bytes, ending) = connection.readToEnd(timeout: timeout * 20)
            let elapsed = millisecondsSince(start)
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 Request Timeout"))
            #expect(ending == .eof)
            #expect(elapsed >= 200 && elapsed < 200 + 2000)
        }
    }

    @Test func server_SlowlorisClock_DoesNotRestartWithEachByte() throws {
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
            #expect(ended)
            #expect(millisecondsSince(start) >= 300)
        }
    }

    @Test func server_ClosesIdleKeepAliveConnection_Silently() throws {
        let idle = Duration.milliseconds(200)
        try withServer({ $0.idleTimeout = idle }) { server, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(connection.readResponse()?.status == 200)
            let start = MonotonicClock.now()
            let (bytes, ending) = connection.readToEnd(timeout: idle * 20)
            #expect(bytes.isEmpty)
            #expect(ending == .eof)
            #expect(millisecondsSince(start) >= 190)  // the 1 ms timer granularity may round the start
            #expect(server.openConnectionCount == 0)
        }
    }

    @Test func server_RefusesConnectionsBeyondLimit_With503_AndRecovers() throws {
        try withServer({ $0.maxConnections = 2; $0.loopCount = 1 }) { server, port in
            let first = try RawConnection(port: port), second = try RawConnection(port: port)
            for connection in [first, second] {
                connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(connection.readResponse()?.status == 200)
            }
            let third = try RawConnection(port: port)
            let (bytes, ending) = third.readToEnd()
            #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 503 Service Unavailable"))
            #expect(ending == .eof)
            #expect(server.openConnectionCount == 2)
            first.shutdownWrite()
            #expect(first.readToEnd().ending == .eof)
            let fourth = try RawConnection(port: port)
            fourth.send("GET /again HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(fourth.readResponse()?.text == "GET /again ")
        }
    }

    @Test func server_SurvivesArbitraryBytes() throws {
        var generator = SystemRandomNumberGenerator()
        try withServer { _, port in
            for _ in 0..<50 {
                let connection = try RawConnection(port: port)
                connection.send((0..<Int.random(in: 1...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                connection.shutdownWrite()
                let (bytes, _) = connection.readToEnd()
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.isEmpty || text.hasPrefix("HTTP/1.1 4") || text.hasPrefix("HTTP/1.1 5"))
            }
            let connection = try RawConnection(port: port)
            connection.send("GET /alive HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(connection.readResponse()?.text == "GET /alive ")
        }
    }
}
