// Shutting the client down: idempotent, fails what is in flight and what comes later, closes idle connections.
import Testing
@testable import HTTPWire

struct HTTPClientShutdownTests {
    @Test func shutdown_IsIdempotent_AndFailsLaterRequestsWithShutDown() async throws {
        let peer = try ScriptedPeer([], otherwise: .respond(ScriptedPeer.response(body: "ok")))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(5))
        client.shutdown()
        client.shutdown()
        #expect(await client.error(of: HTTPClientRequest(url: peer.baseURL + "/")) == .shutDown)
        let callbackResult = await withCheckedContinuation { continuation in
            client.execute(HTTPClientRequest(url: "https://invalid-after-shutdown/"), timeout: .seconds(1)) { continuation.resume(returning: $0) }
        }
        guard case .failure(.shutDown) = callbackResult else { Issue.record("got \(callbackResult)"); return }
        #expect(peer.requests.count == 1)
    }

    @Test func shutdown_FailsARequestInFlight_WithShutDown() async throws {
        let peer = try ScriptedPeer([.silence(.seconds(60))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        async let pending = client.error(of: HTTPClientRequest(url: peer.baseURL + "/slow"), timeout: .seconds(30))
        try #require(await peer.waitForRequests(1))
        client.shutdown()
        #expect(await pending == .shutDown)
    }

    @Test func shutdown_ClosesIdlePooledConnections() async throws {
        let peer = try ScriptedPeer([], otherwise: .respond(ScriptedPeer.response(body: "ok")))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        _ = try await client.execute(HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(5))
        #expect(client.idleConnectionCount == 1)
        #expect(peer.closedConnections == 0)
        client.shutdown()
        #expect(client.idleConnectionCount == 0)
        #expect(await peer.waitForClosedConnections(1))
    }

    @Test func shutdown_LeavesASharedGroupRunning() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "shared")
        defer { group.shutdown() }
        let client = try HTTPClient.make(group: group)
        client.shutdown()
        let ran = await withCheckedContinuation { continuation in group.next().execute { continuation.resume(returning: true) } }
        #expect(ran)
    }
}
