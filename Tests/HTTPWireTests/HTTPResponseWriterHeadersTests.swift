// Headers a handler adds to a writer before answering reach the wire on responses and on faults that carry one.
import Foundation
import HTTPWire
import Testing

@Suite struct HTTPResponseWriterHeadersTests {
    /// Adds `X-Added: yes` (and a `Vary` the response already has), then answers as `answer` says.
    private static func handler(_ answer: @escaping @Sendable (HTTPResponseWriter) -> Void) -> HTTPServer.Handler {
        { _, writer in
            writer.addToAnswer(["X-Added": "yes", "Vary": "Origin"])
            answer(writer)
        }
    }

    @Test func addedHeaders_ReachAResponse_WithoutReplacingItsOwnFields() throws {
        var own = HTTPResponse.text(200, "hello")
        own.headers.add("Vary", "Accept")
        let answer = own
        try withServer(handler: Self.handler { $0.respond(answer) }) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(connection.readResponse())
            #expect(response.headers["X-Added"] == "yes")
            #expect(response.headers.values("Vary") == ["Accept"])
            #expect(response.bodyText == "hello")
        }
    }

    @Test func addedHeaders_ReachTheResponseAFaultCutsShort() throws {
        try withServer(handler: Self.handler { $0.perform(.partial(.text(200, "a long enough body"), bytes: 4096, then: .close)) }) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let text = String(decoding: connection.readToEnd().bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("\r\nX-Added: yes\r\n"), "\(text)")
        }
    }

    @Test func addedHeaders_AreNotWritten_WhenAFaultSendsItsOwnBytes() throws {
        try withServer(handler: Self.handler { $0.perform(.raw(Array("garbage".utf8), then: .close)) }) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(connection.readToEnd().bytes == Array("garbage".utf8))
        }
    }
}
