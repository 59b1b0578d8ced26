// The server over real loopback sockets: keep-alive, pipelining, bodies, 100-continue, HEAD, binding.
import Foundation
import XCTest
@testable import HTTPWire

/// XCTest, not Swift Testing: these tests block on sockets, and XCTest runs them on its own thread
/// instead of the cooperative pool that async tests elsewhere need.
final class HTTPServerTests: XCTestCase {
    func test_server_KeepsConnectionAlive_AcrossRequests() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            for index in 0..<3 {
                connection.send("GET /\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try XCTUnwrap(connection.readResponse())
                XCTAssert(response.status == 200)
                XCTAssert(response.text == "GET /\(index) ")
                XCTAssert(response.headers["Date"] != nil)
                XCTAssert(response.headers["Content-Length"] == String(response.body.count))
                XCTAssert(response.headers["Connection"] == nil)
            }
        }
    }

    func test_server_ClosesAfterResponse_WhenClientSaysClose() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let (bytes, ending) = connection.readToEnd()
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssert(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            XCTAssert(text.contains("\r\nConnection: close\r\n"))
            XCTAssert(ending == .eof)
        }
    }

    func test_server_HTTP10_ClosesByDefault_KeepsAliveOnRequest() throws {
        try withServer { _, port in
            let plain = try RawConnection(port: port)
            plain.send("GET /a HTTP/1.0\r\n\r\n")
            XCTAssert(plain.readToEnd().ending == .eof)
            let kept = try RawConnection(port: port)
            kept.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try XCTUnwrap(kept.readResponse())
            XCTAssertEqual(first.status, 200)
            XCTAssertEqual(first.headers["Connection"], "keep-alive")  // an HTTP/1.0 client reads to EOF without it
            kept.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            XCTAssert(kept.readResponse()?.text == "GET /b ")
        }
    }

    /// Answers with the target; `/slow` 100 ms later, everything else at once.
    static let slowFirstHandler: HTTPServer.Handler = { request, writer in
        let response = HTTPResponse.text(200, request.target)
        if request.target == "/slow" {
            writer.eventLoop.schedule(after: .milliseconds(100)) { writer.respond(response) }
        } else {
            writer.respond(response)
        }
    }

    func test_server_AnswersPipelinedRequestsInOrder_EvenWhenFirstIsSlow() throws {
        try withServer(handler: Self.slowFirstHandler) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /fast HTTP/1.1\r\nHost: t\r\n\r\nPOST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
            XCTAssert(connection.readResponse()?.text == "/slow")
            XCTAssert(connection.readResponse()?.text == "/fast")
            XCTAssert(connection.readResponse()?.text == "/body")
        }
    }

    func test_server_AnswersBufferedPipelinedRequests_AfterClientHalfCloses() throws {
        try withServer(handler: Self.slowFirstHandler) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n")
            connection.shutdownWrite()
            let start = MonotonicClock.now()
            XCTAssertEqual(connection.readResponse()?.text, "/slow")
            let last = try XCTUnwrap(connection.readResponse())
            XCTAssertEqual(last.text, "/b")
            XCTAssertEqual(last.headers["Connection"], "close")
            XCTAssertEqual(connection.readToEnd().ending, .eof)
            XCTAssertLessThan(millisecondsSince(start), 5000)  // closed after the answers, not at the idle timeout
        }
    }

    func test_server_DecodesChunkedBody_AndIgnoresTrailers() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n")
            XCTAssert(connection.readResponse()?.text == "POST /c hello world")
        }
    }

    func test_server_Answers100Continue_ThenReadsBody() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = String(decoding: connection.read(count: 25), as: UTF8.self)
            XCTAssert(interim == "HTTP/1.1 100 Continue\r\n\r\n")
            connection.send("body")
            XCTAssert(connection.readResponse()?.text == "POST /e body")
        }
    }

    func test_server_Answers413_WithoutReadingBody_WhenExpectingContinueTooLarge() throws {
        try withServer({ $0.limits.maxBodyBytes = 10 }) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            let (bytes, ending) = connection.readToEnd()
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssert(text.hasPrefix("HTTP/1.1 413 "))
            XCTAssert(!text.contains("100 Continue"))
            XCTAssert(text.contains("exceeds the limit of 10 bytes"))
            XCTAssert(ending == .eof)
        }
    }

    func test_server_AnswersHead_WithLengthButNoBody() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\nGET /next HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try XCTUnwrap(connection.readResponse(method: "HEAD"))
            XCTAssert(head.body.isEmpty)
            XCTAssert(head.headers["Content-Length"] == String("HEAD /h ".utf8.count))
            XCTAssert(connection.readResponse()?.text == "GET /next ")  // the next response starts right after the head
        }
    }

    func test_server_BindsIPv6Loopback() throws {
        try withServer({ $0.host = "::1" }) { server, port in
            XCTAssert(server.baseURL == "http://[::1]:\(port)")
            let connection = try RawConnection(port: port, host: "::1")
            connection.send("GET /six HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssert(connection.readResponse()?.text == "GET /six ")
        }
    }

    func test_server_ReportsBoundPort_AndFailsCleanlyWhenPortTaken() throws {
        try withServer { server, port in
            XCTAssert(port != 0)
            var configuration = HTTPServer.Configuration()
            configuration.port = port
            let second = HTTPServer(configuration: configuration, handler: echoHandler)
            XCTAssertThrowsError(try second.start()) { XCTAssert($0 is SocketError) }
            XCTAssertThrowsError(try server.start()) { XCTAssertEqual($0 as? HTTPServerError, .alreadyStarted) }
        }
    }

    func test_server_StampsArrival_BeforeDelayedAnswer() throws {
        let delay = Duration.milliseconds(150)
        let stamps = StampBox()
        let handler: HTTPServer.Handler = { request, writer in
            stamps.record(request.arrival.monotonicNanoseconds, request.peer)
            writer.eventLoop.schedule(after: delay) { writer.respond(.text(200, "late")) }
        }
        try withServer(handler: handler) { _, port in
            let connection = try RawConnection(port: port)
            let sent = MonotonicClock.now()
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssert(connection.readResponse()?.text == "late")
            let received = MonotonicClock.now()
            let (arrival, peer) = try XCTUnwrap(stamps.value)
            XCTAssert(arrival >= sent)
            XCTAssert(received - arrival >= delay.nanoseconds)  // stamped on arrival, not when answered
            XCTAssert(peer.hasPrefix("127.0.0.1:"))
        }
    }

    func test_server_AsyncHandler_Answers() async throws {
        var configuration = HTTPServer.Configuration()
        configuration.loopCount = 1
        let server = HTTPServer(configuration: configuration, asyncHandler: { request in .text(200, "async \(request.target)") })
        try server.start()
        defer { server.stop() }
        let port = server.port!
        // The blocking client runs on its own thread: the handler's task needs the cooperative pool this test runs on.
        let text = try await onOwnThread {
            let connection = try RawConnection(port: port)
            connection.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n")
            return connection.readResponse()?.text
        }
        XCTAssert(text == "async /x")
    }
}

/// A thread-safe slot for something a handler saw.
final class StampBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (UInt64, String)?
    func record(_ stamp: UInt64, _ peer: String) { lock.withLock { stored = (stamp, peer) } }
    var value: (UInt64, String)? { lock.withLock { stored } }
}
