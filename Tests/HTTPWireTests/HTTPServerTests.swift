// The server over real loopback sockets: keep-alive, pipelining, bodies, 100-continue, HEAD, binding.
import Foundation
import Testing
@testable import HTTPWire

@Suite struct HTTPServerTests {
    @Test func server_KeepsConnectionAlive_AcrossRequests() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            for index in 0..<3 {
                connection.send("GET /\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try #require(connection.readResponse())
                #expect(response.status == 200)
                #expect(response.text == "GET /\(index) ")
                #expect(response.headers["Date"] != nil)
                #expect(response.headers["Content-Length"] == String(response.body.count))
                #expect(response.headers["Connection"] == nil)
            }
        }
    }

    @Test func server_ClosesAfterResponse_WhenClientSaysClose() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let (bytes, ending) = connection.readToEnd()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("\r\nConnection: close\r\n"))
            #expect(ending == .eof)
        }
    }

    @Test func server_HTTP10_ClosesByDefault_KeepsAliveOnRequest() throws {
        try withServer { _, port in
            let plain = try RawConnection(port: port)
            plain.send("GET /a HTTP/1.0\r\n\r\n")
            #expect(plain.readToEnd().ending == .eof)
            let kept = try RawConnection(port: port)
            kept.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(kept.readResponse()?.status == 200)
            kept.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(kept.readResponse()?.text == "GET /b ")
        }
    }

    @Test func server_AnswersPipelinedRequestsInOrder_EvenWhenFirstIsSlow() throws {
        let handler: HTTPServer.Handler = { request, writer in
            let response = HTTPResponse.text(200, request.target)
            if request.target == "/slow" {
                writer.eventLoop.schedule(after: .milliseconds(100)) { writer.respond(response) }
            } else {
                writer.respond(response)
            }
        }
        try withServer(handler: handler) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /fast HTTP/1.1\r\nHost: t\r\n\r\nPOST /body HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
            #expect(connection.readResponse()?.text == "/slow")
            #expect(connection.readResponse()?.text == "/fast")
            #expect(connection.readResponse()?.text == "/body")
        }
    }

    @Test func server_DecodesChunkedBody_AndIgnoresTrailers() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n")
            #expect(connection.readResponse()?.text == "POST /c hello world")
        }
    }

    @Test func server_Answers100Continue_ThenReadsBody() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = String(decoding: connection.read(count: 25), as: UTF8.self)
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
            connection.send("body")
            #expect(connection.readResponse()?.text == "POST /e body")
        }
    }

    @Test func server_Answers413_WithoutReadingBody_WhenExpectingContinueTooLarge() throws {
        try withServer({ $0.limits.maxBodyBytes = 10 }) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            let (bytes, ending) = connection.readToEnd()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 413 "))
            #expect(!text.contains("100 Continue"))
            #expect(text.contains("exceeds the limit of 10 bytes"))
            #expect(ending == .eof)
        }
    }

    @Test func server_AnswersHead_WithLengthButNoBody() throws {
        try withServer { _, port in
            let connection = try RawConnection(port: port)
            connection.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\nGET /next HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try #require(connection.readResponse(method: "HEAD"))
            #expect(head.body.isEmpty)
            #expect(head.headers["Content-Length"] == String("HEAD /h ".utf8.count))
            #expect(connection.readResponse()?.text == "GET /next ")  // the next response starts right after the head
        }
    }

    @Test func server_BindsIPv6Loopback() throws {
        try withServer({ $0.host = "::1" }) { server, port in
            #expect(server.baseURL == "http://[::1]:\(port)")
            let connection = try RawConnection(port: port, host: "::1")
            connection.send("GET /six HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(connection.readResponse()?.text == "GET /six ")
        }
    }

    @Test func server_ReportsBoundPort_AndFailsCleanlyWhenPortTaken() throws {
        try withServer { server, port in
            #expect(port != 0)
            var configuration = HTTPServer.Configuration()
            configuration.port = port
            let second = HTTPServer(configuration: configuration, handler: echoHandler)
            #expect(throws: SocketError.self) { try second.start() }
            #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
        }
    }

    @Test func server_StampsArrival_BeforeDelayedAnswer() throws {
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
            #expect(connection.readResponse()?.text == "late")
            let received = MonotonicClock.now()
            let (arrival, peer) = try #require(stamps.value)
            #expect(arrival >= sent)
            #expect(received - arrival >= delay.nanoseconds)  // stamped on arrival, not when answered
            #expect(peer.hasPrefix("127.0.0.1:"))
        }
    }

    @Test func server_AsyncHandler_Answers() async throws {
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
        #expect(text == "async /x")
    }
}

/// A thread-safe slot for something a handler saw.
final class StampBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (UInt64, String)?
    func record(_ stamp: UInt64, _ peer: String) { lock.withLock { stored = (stamp, peer) } }
    var value: (UInt64, String)? { lock.withLock { stored } }
}
