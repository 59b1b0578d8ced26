// Connection reuse on loopback: what is reused, what is not, and that nothing is ever retried.
import Testing
@testable import HTTPWire

struct HTTPClientKeepAliveTests {
    private let ok = ScriptedPeer.response(body: "ok")

    @Test func execute_ReusesOneConnection_ForSequentialRequests() async throws {
        let peer = try ScriptedPeer([], otherwise: .respondUsing { ScriptedPeer.response(body: $0.target) })
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        for index in 1...3 {
            let response = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/r\(index)"), timeout: .seconds(5))
            #expect(response.bodyText == "/r\(index)")
        }
        #expect(peer.acceptedConnections == 1)
        #expect(peer.requests.count == 3)
        #expect(client.idleConnectionCount == 1)
    }

    @Test func execute_ReusesConnections_AcrossTheLoopsOfASharedGroup() async throws {
        let group = try EventLoopGroup(loopCount: 2, name: "client-test")
        defer { group.shutdown() }
        let peer = try ScriptedPeer([], otherwise: .respond(ok))
        defer { peer.stop() }
        let client = try HTTPClient.make(group: group)
        defer { client.shutdown() }
        for _ in 1...4 { _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(5)) }
        #expect(peer.acceptedConnections == 1)
    }

    @Test func execute_OpensANewConnection_AfterTheServerSaysConnectionClose() async throws {
        // The peer keeps its end open: only the client's honouring of the header forces the second connection.
        let closing = ScriptedPeer.response(headers: [("Connection", "close")], body: "bye")
        let peer = try ScriptedPeer([.respond(closing)], otherwise: .respond(ok))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        #expect(try await client.execute(HTTPClientRequest(url: peer.baseURL + "/a"), timeout: .seconds(5)).bodyText == "bye")
        #expect(try await client.execute(HTTPClientRequest(url: peer.baseURL + "/b"), timeout: .seconds(5)).bodyText == "ok")
        #expect(peer.acceptedConnections == 2)
    }

    @Test func execute_OpensANewConnection_AfterTheRequestSaysConnectionClose() async throws {
        let peer = try ScriptedPeer([], otherwise: .respond(ok))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/a", headers: ["Connection": "close"]), timeout: .seconds(5))
        _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/b"), timeout: .seconds(5))
        #expect(peer.acceptedConnections == 2)
        #expect(peer.requests.first?.header("Connection") == "close")
    }

    @Test func execute_DiscardsAPooledConnection_ThePeerClosedWhileIdle() async throws {
        let peer = try ScriptedPeer([.respondThenClose(ok)], otherwise: .respond(ok))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/a"), timeout: .seconds(5))
        #expect(client.idleConnectionCount == 1)
        try #require(await peer.waitForClosedConnections(1))
        #expect(await client.result(of: HTTPClientRequest(url: peer.baseURL + "/b"), timeout: .seconds(5)).map(\.bodyText) == .success("ok"))
        #expect(peer.acceptedConnections == 2)
        #expect(peer.requests.count == 2)
    }

    @Test func execute_DiscardsAConnection_WithBytesBeyondTheResponse() async throws {
        let stray = ok + Array("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n".utf8)
        let peer = try ScriptedPeer([.respond(stray)], otherwise: .respond(ScriptedPeer.response(body: "real")))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/a"), timeout: .seconds(5))
        let second = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/b"), timeout: .seconds(5))
        #expect(second.status == 200 && second.bodyText == "real")
        #expect(peer.acceptedConnections == 2)
    }

    @Test func execute_NeverReuses_WhenThePoolIdleTimeoutIsZero() async throws {
        let peer = try ScriptedPeer([], otherwise: .respond(ok))
        defer { peer.stop() }
        let client = try HTTPClient(configuration: .init(poolIdleTimeout: .zero))
        defer { client.shutdown() }
        for _ in 1...2 { _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(5)) }
        #expect(peer.acceptedConnections == 2)
        #expect(client.idleConnectionCount == 0)
    }

    @Test func execute_DoesNotRetry_WhenAReusedConnectionIsReset() async throws {
        // A client that retried "stale" keep-alive connections would send the lead twice and get the third reply.
        let peer = try ScriptedPeer([.respond(ok), .reset], otherwise: .respond(ScriptedPeer.response(body: "retried")))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let lead = HTTPClientRequest(method: "POST", url: peer.baseURL + "/leads", body: Array("{\"n\":1}".utf8))
        _ = try await client.execute(lead, timeout: .seconds(5))
        #expect(await client.error(of: lead, timeout: .seconds(5)) == .connectionReset)
        #expect(peer.requests.count == 2)
        #expect(peer.acceptedConnections == 1)
    }
}
