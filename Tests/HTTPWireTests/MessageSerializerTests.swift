// Responses and requests as bytes: framing headers, HEAD, bodiless statuses, header injection.
import Testing
@testable import HTTPWire

@Suite struct MessageSerializerTests {
    let date = Array("Tue, 24 Nov 2026 10:00:00 GMT".utf8)

    private func text(_ response: HTTPResponse, method: String = "GET", closing: Bool = false) -> String {
        String(decoding: MessageSerializer.response(response, requestMethod: method, closing: closing, date: date), as: UTF8.self)
    }

    @Test func response_CarriesDateAndContentLength_AndReplacesHandlerFramingHeaders() {
        let response = HTTPResponse(status: 201, headers: ["Content-Length": "999", "X-Id": "7"], body: Array("abc".utf8))
        #expect(text(response) == "HTTP/1.1 201 Created\r\nX-Id: 7\r\nDate: Tue, 24 Nov 2026 10:00:00 GMT\r\nContent-Length: 3\r\n\r\nabc")
    }

    @Test func response_ToHead_KeepsLengthDropsBody() {
        let output = text(HTTPResponse(status: 200, body: Array("hello".utf8)), method: "HEAD")
        #expect(output.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test func response_204_HasNoContentLength() {
        #expect(!text(HTTPResponse(status: 204)).contains("Content-Length"))
    }

    @Test func response_304_HasNoContentLength_NorBody() {
        let output = text(HTTPResponse(status: 304, body: Array("stale".utf8)))
        #expect(!output.contains("Content-Length"))
        #expect(output.hasSuffix("\r\n\r\n"))
    }

    @Test func response_KeepAliveForHTTP10_SaysSo() {
        let bytes = MessageSerializer.response(HTTPResponse(status: 200), requestMethod: "GET", closing: false, keepAlive: true, date: date)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\r\nConnection: keep-alive\r\n"))
    }

    @Test func response_Closing_SaysConnectionClose() {
        #expect(text(HTTPResponse(status: 200), closing: true).contains("\r\nConnection: close\r\n"))
    }

    @Test func response_HeaderValueWithCRLF_CannotInjectLines() {
        let output = text(HTTPResponse(status: 200, headers: ["X": "a\r\nSet-Cookie: evil"]))
        #expect(output.contains("X: a  Set-Cookie: evil\r\n"))
    }

    @Test func request_AddsHostAndLength() {
        let bytes = MessageSerializer.request(method: "POST", target: "/callbacks", host: "127.0.0.1:9", headers: ["A": "1"], body: Array("{}".utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == "POST /callbacks HTTP/1.1\r\nHost: 127.0.0.1:9\r\nA: 1\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test func date_IsIMFFixdate() {
        #expect(HTTPDateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
