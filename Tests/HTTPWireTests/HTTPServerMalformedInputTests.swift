// Malformed requests over the wire, as one table: each gets its status (with the RFC section that decides it),
// every error answer closes the connection, and the same server answers a normal request after each one.
import Foundation
import XCTest
@testable import HTTPWire

/// XCTest, not Swift Testing: these tests block on sockets (see HTTPServerLimitsTests).
final class HTTPServerMalformedInputTests: XCTestCase {
    /// One request as raw bytes, the status the server must answer and why.
    struct Sample {
        let name: String
        let request: String
        let status: Int
        /// The RFC 9112 / 9110 section (and its force) that decides the status.
        let rule: String
        /// For a request the server accepts: the start of the echoed `METHOD target body`.
        var echo: String?
    }

    /// Small limits, so the over-limit cases stay cheap.
    static func configure(_ configuration: inout HTTPServer.Configuration) {
        configuration.limits.maxHeadBytes = 4096
        configuration.limits.maxHeaderCount = 20
        configuration.limits.maxTargetBytes = 256
        configuration.limits.maxBodyBytes = 1024
    }

    static let host = "Host: t\r\n"
    static let chunkedPOST = "POST / HTTP/1.1\r\nHost: t\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
    static func post(_ fields: String, body: String = "") -> String { "POST / HTTP/1.1\r\nHost: t\r\n\(fields)\r\n\r\n\(body)" }

    static let samples: [Sample] = [
        // Request line (RFC 9112 §3: request-line = method SP request-target SP HTTP-version; invalid -> SHOULD 400).
        .init(name: "missing version", request: "GET /\r\n\(host)\r\n", status: 400, rule: "9112 §3 SHOULD 400"),
        .init(name: "method only", request: "GET\r\n\(host)\r\n", status: 400, rule: "9112 §3 SHOULD 400"),
        .init(name: "HTTP/2.0 over HTTP/1 framing", request: "GET / HTTP/2.0\r\n\(host)\r\n", status: 505, rule: "9110 §15.6.6 505"),
        .init(name: "higher 1.x minor version", request: "GET /v HTTP/1.2\r\n\(host)Connection: close\r\n\r\n", status: 200,
              rule: "9110 §2.5 SHOULD process as the highest 1.x", echo: "GET /v "),
        .init(name: "lowercase protocol name", request: "GET / http/1.1\r\n\(host)\r\n", status: 400, rule: "9112 §2.3 HTTP-name is case-sensitive"),
        .init(name: "lowercase method is passed on as is", request: "get /x HTTP/1.1\r\n\(host)Connection: close\r\n\r\n", status: 200,
              rule: "9110 §9.1 methods are case-sensitive tokens; the handler decides", echo: "get /x "),
        .init(name: "two spaces after method", request: "GET  / HTTP/1.1\r\n\(host)\r\n", status: 400, rule: "9112 §3 SHOULD 400"),
        .init(name: "space after version", request: "GET / HTTP/1.1 \r\n\(host)\r\n", status: 400, rule: "9112 §3 SHOULD 400"),
        .init(name: "tabs as separators", request: "GET\t/\tHTTP/1.1\r\n\(host)\r\n", status: 400, rule: "9112 §3 SHOULD 400"),
        .init(name: "empty lines before the request line", request: "\r\n\r\nGET /e HTTP/1.1\r\n\(host)Connection: close\r\n\r\n", status: 200,
              rule: "9112 §2.2 SHOULD ignore", echo: "GET /e "),
        .init(name: "absolute-form", request: "GET http://t/a?b=1 HTTP/1.1\r\n\(host)Connection: close\r\n\r\n", status: 200,
              rule: "9112 §3.2.2 MUST accept", echo: "GET http://t/a?b=1 "),
        .init(name: "absolute-form without authority slashes", request: "GET http:/a HTTP/1.1\r\n\(host)\r\n", status: 400, rule: "9112 §3.2 SHOULD 400"),
        .init(name: "asterisk-form with GET", request: "GET * HTTP/1.1\r\n\(host)\r\n", status: 400, rule: "9112 §3.2.4 only for OPTIONS"),
        .init(name: "asterisk-form with OPTIONS", request: "OPTIONS * HTTP/1.1\r\n\(host)Connection: close\r\n\r\n", status: 200,
              rule: "9112 §3.2.4", echo: "OPTIONS * "),
        .init(name: "authority-form with GET", request: "GET t:80 HTTP/1.1\r\n\(host)\r\n", status: 400, rule: "9112 §3.2.3 only for CONNECT"),
        .init(name: "NUL in method", request: "G\u{0}T / HTTP/1.1\r\n\(host)\r\n", status: 400, rule: "9110 §9.1 method is a token"),
        .init(name: "NUL in target", request: "GET /a\u{0}b HTTP/1.1\r\n\(host)\r\n", status: 400, rule: "9112 §3.2 SHOULD 400"),
        .init(name: "CR without LF in request line", request: "GET / HTTP/1.1\rX: y\r\n\(host)\r\n", status: 400, rule: "9112 §2.2 bare CR MUST be invalid"),
        .init(name: "bare LF line ends", request: "GET / HTTP/1.1\nHost: t\n\n", status: 400, rule: "9112 §2.2 MAY accept; refused"),
        // Header fields (RFC 9112 §5, RFC 9110 §5.1, §5.5).
        .init(name: "space inside a name", request: "GET / HTTP/1.1\r\n\(host)Bad Header: x\r\n\r\n", status: 400, rule: "9112 §5.1 MUST 400"),
        .init(name: "space before the colon", request: "GET / HTTP/1.1\r\nHost : t\r\n\r\n", status: 400, rule: "9112 §5.1 MUST 400"),
        .init(name: "line without colon", request: "GET / HTTP/1.1\r\n\(host)NoColon\r\n\r\n", status: 400, rule: "9112 §5 field-line grammar"),
        .init(name: "empty name", request: "GET / HTTP/1.1\r\n\(host): x\r\n\r\n", status: 400, rule: "9112 §5 field-name is 1*tchar"),
        .init(name: "non-token name", request: "GET / HTTP/1.1\r\n\(host)X(y): z\r\n\r\n", status: 400, rule: "9110 §5.1 field-name is a token"),
        .init(name: "non-ASCII name", request: "GET / HTTP/1.1\r\n\(host)Ünï: z\r\n\r\n", status: 400, rule: "9110 §5.1 field-name is a token"),
        .init(name: "obs-fold", request: "GET / HTTP/1.1\r\n\(host)X: a\r\n b\r\n\r\n", status: 400, rule: "9112 §5.2 MUST 400 or unfold"),
        .init(name: "whitespace before the first field", request: "GET / HTTP/1.1\r\n \(host)\r\n", status: 400, rule: "9112 §2.2 MUST reject or consume"),
        .init(name: "NUL in a value", request: "GET / HTTP/1.1\r\n\(host)X: a\u{0}b\r\n\r\n", status: 400, rule: "9110 §5.5 MUST reject or replace NUL"),
        .init(name: "CR without LF in a value", request: "GET / HTTP/1.1\r\n\(host)X: a\rb\r\n\r\n", status: 400, rule: "9110 §5.5 MUST reject or replace CR"),
        .init(name: "HTTP/1.1 without Host", request: "GET / HTTP/1.1\r\nX: y\r\n\r\n", status: 400, rule: "9112 §3.2 MUST 400"),
        .init(name: "two Host fields", request: "GET / HTTP/1.1\r\n\(host)Host: u\r\n\r\n", status: 400, rule: "9112 §3.2 MUST 400"),
        .init(name: "Host with a space", request: "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", status: 400, rule: "9112 §3.2 MUST 400 (invalid value)"),
        .init(name: "Host with a path", request: "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", status: 400, rule: "9112 §3.2 MUST 400 (invalid value)"),
        .init(name: "unknown expectation", request: post("Expect: magic\r\nContent-Length: 1", body: "a"), status: 417, rule: "9110 §10.1.1 MAY 417"),
        // Content-Length (RFC 9112 §6.3 rule 5: invalid -> MUST 400; RFC 9110 §8.6).
        .init(name: "non-numeric Content-Length", request: post("Content-Length: abc"), status: 400, rule: "9112 §6.3 MUST 400"),
        .init(name: "negative Content-Length", request: post("Content-Length: -1"), status: 400, rule: "9112 §6.3 MUST 400"),
        .init(name: "Content-Length with plus sign", request: post("Content-Length: +5", body: "hello"), status: 400, rule: "9112 §6.3 MUST 400"),
        .init(name: "hex Content-Length", request: post("Content-Length: 0x5", body: "hello"), status: 400, rule: "9112 §6.3 MUST 400"),
        .init(name: "empty Content-Length", request: post("Content-Length: "), status: 400, rule: "9112 §6.3 MUST 400"),
        .init(name: "Content-Length past Int", request: post("Content-Length: 99999999999999999999999"), status: 400,
              rule: "9110 §8.6 MUST prevent overflow; unrepresentable = invalid"),
        .init(name: "huge Content-Length", request: post("Content-Length: 999999999999999999"), status: 413, rule: "9110 §15.5.14 413"),
        .init(name: "body over the limit", request: post("Content-Length: 1025", body: String(repeating: "b", count: 1025)), status: 413,
              rule: "9110 §15.5.14 413"),
        .init(name: "Content-Length list", request: post("Content-Length: 5, 5", body: "hello"), status: 400, rule: "9110 §8.6 MAY reject a list"),
        // Chunked (RFC 9112 §7.1: chunk-size = 1*HEXDIG; MUST anticipate large numerals).
        .init(name: "non-hex chunk size", request: chunkedPOST + "zz\r\n", status: 400, rule: "9112 §7.1 grammar"),
        .init(name: "negative chunk size", request: chunkedPOST + "-5\r\nhello\r\n0\r\n\r\n", status: 400, rule: "9112 §7.1 grammar"),
        .init(name: "overflowing chunk size", request: chunkedPOST + "ffffffffffffffffff\r\n", status: 400, rule: "9112 §7.1 MUST prevent overflow"),
        .init(name: "chunk size over the body limit", request: chunkedPOST + "fffffffffff\r\n", status: 413, rule: "9110 §15.5.14 413"),
        .init(name: "missing chunk size", request: chunkedPOST + "\r\nhello\r\n", status: 400, rule: "9112 §7.1 grammar"),
        .init(name: "chunk data without CRLF", request: chunkedPOST + "5\r\nhelloXX0\r\n\r\n", status: 400, rule: "9112 §7.1 grammar"),
        .init(name: "chunk size line with bare LF", request: chunkedPOST + "5\nhello\r\n0\r\n\r\n", status: 400, rule: "9112 §2.2 refused"),
        .init(name: "chunk extension", request: chunkedPOST + "5;name=\"v\"\r\nhello\r\n0;x\r\n\r\n", status: 200,
              rule: "9112 §7.1.1 MUST ignore unknown extensions", echo: "POST / hello"),
        .init(name: "chunk extension without semicolon", request: chunkedPOST + "5 junk\r\nhello\r\n0\r\n\r\n", status: 400, rule: "9112 §7.1.1 grammar"),
        .init(name: "CR inside a chunk extension", request: chunkedPOST + "5;a\rb\r\nhello\r\n0\r\n\r\n", status: 400, rule: "9112 §2.2 bare CR invalid"),
        .init(name: "CR inside the trailer section", request: chunkedPOST + "5\r\nhello\r\n0\r\n\r\r\n\r\n", status: 400,
              rule: "9112 §2.2 bare CR invalid"),
        .init(name: "endless chunk extension", request: chunkedPOST + "5;" + String(repeating: "e", count: 5000), status: 400,
              rule: "9112 §7.1.1 MAY limit extensions"),
        // Smuggling shapes (RFC 9112 §6.1, §6.3).
        .init(name: "Content-Length and Transfer-Encoding", request: post("Content-Length: 5\r\nTransfer-Encoding: chunked", body: "0\r\n\r\n"),
              status: 400, rule: "9112 §6.1 MAY reject; MUST close"),
        .init(name: "two differing Content-Lengths", request: post("Content-Length: 5\r\nContent-Length: 6", body: "hello!"), status: 400,
              rule: "9112 §6.3 rule 5 MUST 400"),
        .init(name: "chunked, identity", request: post("Transfer-Encoding: chunked, identity", body: "0\r\n\r\n"), status: 400,
              rule: "9112 §6.3 rule 4 chunked not final: MUST 400"),
        .init(name: "chunked twice", request: post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", body: "0\r\n\r\n"), status: 400,
              rule: "9112 §7 MUST NOT apply chunked twice"),
        .init(name: "unknown coding only", request: post("Transfer-Encoding: gzip", body: "0\r\n\r\n"), status: 501,
              rule: "9112 §6.1 SHOULD 501 for an unknown coding"),
        .init(name: "xchunked", request: post("Transfer-Encoding: xchunked", body: "0\r\n\r\n"), status: 501,
              rule: "9112 §6.1 SHOULD 501 for an unknown coding"),
        .init(name: "unknown coding before chunked", request: post("Transfer-Encoding: gzip, chunked", body: "0\r\n\r\n"), status: 501,
              rule: "9112 §6.1 SHOULD 501 for an unknown coding"),
        .init(name: "Transfer-Encoding in HTTP/1.0", request: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400,
              rule: "9112 §6.1 SHOULD treat as faulty framing"),
        // Limits (RFC 6585 §5 for 431, RFC 9110 §15.5.15 for 414).
        .init(name: "too many fields", request: "GET / HTTP/1.1\r\n\(host)" + (0..<21).map { "X\($0): y\r\n" }.joined() + "\r\n", status: 431,
              rule: "6585 §5 431"),
        .init(name: "head over the limit", request: "GET / HTTP/1.1\r\n\(host)X: \(String(repeating: "y", count: 5000))\r\n\r\n", status: 431,
              rule: "6585 §5 431"),
        .init(name: "target over the limit", request: "GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\n\(host)\r\n", status: 414,
              rule: "9110 §15.5.15 414"),
        .init(name: "endless request line", request: "GET /\(String(repeating: "a", count: 5000))", status: 414, rule: "9110 §15.5.15 414"),
    ]

    func test_server_AnswersEveryMalformedRequest_WithItsStatus_ClosesAndKeepsServing() throws {
        try withServer(Self.configure) { _, port in
            for sample in Self.samples {
                let connection = try RawConnection(port: port)
                connection.send(sample.request)
                let response = connection.readResponse()
                let (after, ending) = connection.readToEnd()
                let context = "\(sample.name) [\(sample.rule)]: \(response.map { "\($0.status) \($0.text)" } ?? "no answer")"
                XCTAssertEqual(response?.status, sample.status, context)
                if let echo = sample.echo {
                    XCTAssertTrue(response?.text.hasPrefix(echo) == true, context)
                } else {
                    XCTAssertEqual(response?.headers["Connection"], "close", context)
                    XCTAssertFalse(response?.text.isEmpty ?? true, "the answer says why: \(context)")
                }
                XCTAssertTrue(after.isEmpty, "one answer only: \(context)")
                XCTAssertNotEqual(ending, .timedOut, "the connection stays open: \(context)")
                try assertStillServing(port: port, after: sample.name)
            }
        }
    }

    func test_server_ClosesAfterA400_EvenWithAPipelinedRequestBehindIt() throws {
        try withServer(Self.configure) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\nGET /second HTTP/1.1\r\nHost: t\r\n\r\n")
            let (bytes, ending) = connection.readToEnd()
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("HTTP/1.1 400 "), text)
            XCTAssertFalse(text.contains("/second"), "nothing after a framing error is answered")
            XCTAssertEqual(ending, .eof)
        }
    }

    /// A well-formed request on a new connection still gets its 200.
    private func assertStillServing(port: UInt16, after name: String) throws {
        let connection = try RawConnection(port: port)
        connection.send("GET /alive HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(connection.readResponse()?.text, "GET /alive ", "no answer after '\(name)'")
    }
}
