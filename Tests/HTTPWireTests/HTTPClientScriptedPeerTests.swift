// The test peer itself: stopping it ends its connections and leaves nothing listening.
import Testing
@testable import HTTPWire

struct HTTPClientScriptedPeerTests {
    @Test func stop_EndsOpenConnections_AndClosesTheListeningSocket() async throws {
        let peer = try ScriptedPeer([.silence(.seconds(60))])
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        async let pending = client.error(of: HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(30))
        try #require(await peer.waitForRequests(1))
        peer.stop()
        peer.stop()
        #expect(await pending == .closedWithoutResponse)
        #expect(peer.closedConnections == 1)
        #expect(await client.error(of: HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(5)) == .connectionRefused)
    }
}
