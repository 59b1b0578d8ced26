// Response framing over real loopback sockets: length-delimited, chunked, until-close, and bodiless responses.
import Testing
@testable import HTTPWire

struct HTTPClientBodyTests {
    @Test func execute_ReadsALengthDelimitedBody_AndSendsAWellFormedRequest() async throws {
        let peer = try ScriptedPeer([.respond(ScriptedPeer.response(201, reason: "Created", headers: [("X-Id", "lead_1")], body: "{\"ok\":true}"))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let request = HTTPClientRequest(method: "POST", url: peer.baseURL + "/leads?source=call", headers: ["Content-Type": "application/json"],
                                        body: Array("{\"name\":\"Ada\"}".utf8))
        let response = try await client.execute(request, timeout: .seconds(10))
        #expect(response.status == 201 && response.reason == "Created")
        #expect(response.headers["X-Id"] == "lead_1")
        #expect(response.bodyText == "{\"ok\":true}")
        let received = try #require(peer.requests.first)
        #expect(received.method == "POST" && received.target == "/leads?source=call")
        #expect(received.header("Host") == "127.0.0.1:\(peer.port)")
        #expect(received.header("Content-Length") == "14")
        #expect(String(decoding: received.body, as: UTF8.self) == "{\"name\":\"Ada\"}")
    }

    @Test func execute_ReadsAMegabyteBody_OverManyReads() async throws {
        let body = String(repeating: "0123456789abcdef", count: 65_536)
        let peer = try ScriptedPeer([.respond(ScriptedPeer.response(body: body))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let response = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/big"), timeout: .seconds(10))
        #expect(response.body.count == body.utf8.count)
        #expect(response.bodyText == body)
    }

    @Test func execute_SendsALargeRequestBody_ThroughPartialWrites() async throws {
        let body = (0..<(8 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let peer = try ScriptedPeer([.respondUsing { ScriptedPeer.response(body: String($0.body.count)) }])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let response = try await client.execute(HTTPClientRequest(method: "PUT", url: peer.baseURL + "/upload", body: body), timeout: .seconds(20))
        #expect(response.bodyText == String(body.count))
        #expect(peer.requests.first?.body == body)
    }

    @Test func execute_DecodesAChunkedBody() async throws {
        let chunked = ScriptedPeer.response(headers: [("Transfer-Encoding", "chunked")], body: "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
        let peer = try ScriptedPeer([.respond(chunked), .respond(ScriptedPeer.response(body: "second"))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let response = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/c"), timeout: .seconds(10))
        #expect(response.bodyText == "hello world")
        let next = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/c"), timeout: .seconds(10))
        #expect(next.bodyText == "second")
        #expect(peer.acceptedConnections == 1)
    }

    @Test func execute_ReadsABodyUntilClose_AndDoesNotReuseThatConnection() async throws {
        let unframed = Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the very end".utf8)
        let peer = try ScriptedPeer([.respondThenClose(unframed), .respond(ScriptedPeer.response(body: "fresh"))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let response = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/stream"), timeout: .seconds(10))
        #expect(response.bodyText == "until the very end")
        #expect(client.idleConnectionCount == 0)
        let next = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/again"), timeout: .seconds(10))
        #expect(next.bodyText == "fresh")
        #expect(peer.acceptedConnections == 2)
    }

    @Test func execute_ReadsNoBody_ForHEAD_AndKeepsTheConnectionInStep() async throws {
        let headAnswer = Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".utf8)
        let peer = try ScriptedPeer([.respond(headAnswer), .respond(ScriptedPeer.response(body: "after head"))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let head = try await client.execute(HTTPClientRequest(method: "HEAD", url: peer.baseURL + "/h"), timeout: .seconds(5))
        #expect(head.status == 200 && head.body.isEmpty && head.headers["Content-Length"] == "100")
        let next = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/g"), timeout: .seconds(5))
        #expect(next.bodyText == "after head")
        #expect(peer.acceptedConnections == 1)
    }

    @Test(arguments: ["204 No Content", "304 Not Modified"])
    func execute_ReadsNoBody_For204And304(statusLine: String) async throws {
        let bodiless = Array("HTTP/1.1 \(statusLine)\r\nETag: \"v1\"\r\n\r\n".utf8)
        let peer = try ScriptedPeer([.respond(bodiless), .respond(ScriptedPeer.response(body: "next"))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let response = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/x"), timeout: .seconds(5))
        #expect(response.status == Int(statusLine.prefix(3)) && response.body.isEmpty)
        let next = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/y"), timeout: .seconds(5))
        #expect(next.bodyText == "next")
        #expect(peer.acceptedConnections == 1)
    }

    @Test(.enabled(if: ScriptedPeer.ipv6LoopbackAvailable))
    func execute_ReachesABracketedIPv6Host() async throws {
        let peer = try ScriptedPeer([.respond(ScriptedPeer.response(body: "over v6"))], ipv6: true)
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let response = try await client.execute(HTTPClientRequest(url: "http://[::1]:\(peer.port)/v6"), timeout: .seconds(5))
        #expect(response.bodyText == "over v6")
        #expect(peer.requests.first?.header("Host") == "[::1]:\(peer.port)")
    }
}
