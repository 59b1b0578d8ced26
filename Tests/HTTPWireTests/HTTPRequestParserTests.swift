// The request parser on its own: framing, limits and every malformed shape, with no sockets.
import Testing
@testable import HTTPWire

/// Parses `text` (fed `chunk` bytes at a time) and returns the requests and the error, if any.
private func parse(_ text: String, limits: HTTPRequestLimits = .init(), chunk: Int = .max) -> (requests: [HTTPRequest], error: HTTPParseError?) {
    var parser = HTTPRequestParser(limits: limits)
    var buffer = ByteBuffer()
    var requests: [HTTPRequest] = []
    let bytes = Array(text.utf8)
    var offset = 0
    do {
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            buffer.append(Array(bytes[offset..<end]))
            offset = end
            while let event = try parser.next(&buffer) {
                if case let .request(request) = event { requests.append(request) }
            }
        }
    } catch {
        return (requests, error)
    }
    return (requests, nil)
}

@Suite struct HTTPRequestParserTests {
    @Test func parser_ReadsRequestLineHeadersAndLengthBody() {
        let result = parse("POST /callbacks?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nX-Thing:  spaced value \t\r\n\r\nhello")
        #expect(result.error == nil)
        let request = result.requests.first
        #expect(request?.method == "POST")
        #expect(request?.target == "/callbacks?x=1")
        #expect(request?.path == "/callbacks")
        #expect(request?.queryValue("x") == "1")
        #expect(request?.headers["x-thing"] == "spaced value")
        #expect(request?.bodyText == "hello")
    }

    @Test(arguments: [1, 2, 7, 1000])
    func parser_GivesSameResult_WhateverTheChunking(chunk: Int) {
        let text = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n"
            + "GET /b HTTP/1.1\r\nHost: a\r\n\r\n"
        let result = parse(text, chunk: chunk)
        #expect(result.error == nil)
        #expect(result.requests.map(\.bodyText) == ["Wikipedia", ""])
        #expect(result.requests.map(\.target) == ["/a", "/b"])
    }

    @Test func parser_SkipsEmptyLinesBeforeRequestLine() {
        #expect(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").requests.count == 1)
    }

    @Test func parser_AnnouncesHead_WhenBodyIsStillToCome() throws {
        var parser = HTTPRequestParser(limits: .init())
        var buffer = ByteBuffer(Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case let .head(_, expects)? = try parser.next(&buffer) else { Issue.record("no head event"); return }
        #expect(expects)
        buffer.append(Array("abc".utf8))
        guard case let .request(request)? = try parser.next(&buffer) else { Issue.record("no request"); return }
        #expect(request.bodyText == "abc")
    }

    @Test func parser_StampsArrivalWhenHeadCompletes() throws {
        let stamp = ArrivalStamp(wall: .init(timeIntervalSince1970: 42), monotonicNanoseconds: 7)
        var parser = HTTPRequestParser(limits: .init(), clock: { stamp })
        var buffer = ByteBuffer(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        guard case let .request(request)? = try parser.next(&buffer) else { Issue.record("no request"); return }
        #expect(request.arrival == stamp)
    }

    @Test func parser_KeepAliveFollowsVersionAndConnectionHeader() {
        let cases: [(String, Bool)] = [
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ]
        for (text, keepAlive) in cases { #expect(parse(text).requests.first?.keepAlive == keepAlive, "\(text)") }
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        let name: String, text: String, status: Int
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        .init(name: "garbage request line", text: "HELLO\r\n\r\n", status: 400),
        .init(name: "two spaces in request line", text: "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", status: 400),
        .init(name: "bad method character", text: "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", status: 400),
        .init(name: "control byte in target", text: "GET /\u{01} HTTP/1.1\r\nHost: a\r\n\r\n", status: 400),
        .init(name: "HTTP/2.0 version", text: "GET / HTTP/2.0\r\nHost: a\r\n\r\n", status: 505),
        .init(name: "lowercase version", text: "GET / http/1.1\r\nHost: a\r\n\r\n", status: 400),
        .init(name: "missing Host", text: "GET / HTTP/1.1\r\n\r\n", status: 400),
        .init(name: "two Host headers", text: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
        .init(name: "bare LF", text: "GET / HTTP/1.1\nHost: a\n\n", status: 400),
        .init(name: "obs-fold", text: "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n", status: 400),
        .init(name: "space before colon", text: "GET / HTTP/1.1\r\nHost : a\r\n\r\n", status: 400),
        .init(name: "empty header name", text: "GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n", status: 400),
        .init(name: "no colon", text: "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", status: 400),
        .init(name: "NUL in value", text: "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", status: 400),
        .init(name: "bare CR in value", text: "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", status: 400),
        .init(name: "CL and TE together", text: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        .init(name: "duplicate Content-Length", text: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", status: 400),
        .init(name: "Content-Length list", text: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc", status: 400),
        .init(name: "negative Content-Length", text: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", status: 400),
        .init(name: "huge Content-Length", text: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", status: 400),
        .init(name: "hex Content-Length", text: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", status: 400),
        .init(name: "unknown transfer coding", text: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", status: 501),
        .init(name: "chunked not last", text: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", status: 400),
        .init(name: "chunked twice", text: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", status: 400),
        .init(name: "TE in HTTP/1.0", text: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        .init(name: "bad chunk size", text: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", status: 400),
        .init(name: "empty chunk size", text: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n;x\r\n", status: 400),
        .init(name: "overflowing chunk size", text: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", status: 400),
        .init(name: "chunk without CRLF after data", text: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", status: 400),
        .init(name: "unsupported expectation", text: "POST / HTTP/1.1\r\nHost: a\r\nExpect: magic\r\nContent-Length: 1\r\n\r\na", status: 417),
    ]

    @Test(arguments: malformed)
    func parser_RejectsMalformedRequest_WithRightStatus(_ sample: Malformed) {
        let result = parse(sample.text)
        #expect(result.requests.isEmpty)
        #expect(result.error?.status == sample.status, "\(String(describing: result.error))")
        #expect(!(result.error?.reason.isEmpty ?? true))
    }

    @Test func parser_Answers431_WhenHeadTooLarge() {
        var limits = HTTPRequestLimits()
        limits.maxHeadBytes = 200
        let big = "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "a", count: 300))\r\n\r\n"
        #expect(parse(big, limits: limits).error?.status == 431)
        // Also while the head is still arriving, without waiting for its end.
        #expect(parse(String(big.dropLast(4)), limits: limits).error?.status == 431)
    }

    @Test func parser_Answers431_WhenTooManyHeaders() {
        var limits = HTTPRequestLimits()
        limits.maxHeaderCount = 3
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits).error == nil)
        #expect(parse("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits).error?.status == 431)
    }

    @Test func parser_Answers414_WhenTargetTooLong() {
        var limits = HTTPRequestLimits()
        limits.maxTargetBytes = 100
        let target = "/" + String(repeating: "x", count: 150)
        #expect(parse("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits).error?.status == 414)
        #expect(parse("GET \(target)\(target)", limits: limits).error?.status == 414)
        #expect(parse("GET /\(String(repeating: "x", count: 99)) HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits).error == nil)
    }

    @Test func parser_Answers413_WhenBodyTooLarge() {
        var limits = HTTPRequestLimits()
        limits.maxBodyBytes = 10
        #expect(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits).error?.status == 413)
        #expect(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits).error == nil)
        let chunked = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n6\r\n012345\r\n0\r\n\r\n"
        #expect(parse(chunked, limits: limits).error?.status == 413)
    }

    @Test func parser_Rejects_EndlessChunkExtension() {
        var limits = HTTPRequestLimits()
        limits.maxHeadBytes = 100
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 200)
        #expect(parse(text, limits: limits).error?.status == 400)
    }
}
