// Each way a request can fail, provoked for real on loopback, and told apart by its error.
import Foundation
import Testing
@testable import HTTPWire
#if canImport(Glibc)
import Glibc
#endif

struct HTTPClientFailureTests {
    @Test func execute_FailsWithConnectionRefused_WhenNothingListens() async throws {
        // A socket bound but not listening holds the port, so nobody else can take it, and answers SYN with RST.
        let fd = socket(AF_INET, ScriptedPeer.streamType, 0)
        defer { _ = close(fd) }
        var address = ScriptedPeer.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        } }
        try #require(bound)
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(url: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/"))
        #expect(error == .connectionRefused)
    }

    @Test func execute_FailsWithResponseTimedOut_AtTheDeadline_WhenThePeerStaysSilent() async throws {
        let peer = try ScriptedPeer([.silence(.seconds(60))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let timeout = Duration.milliseconds(300)
        let (error, elapsed) = await client.timedError(of: HTTPClientRequest(url: peer.baseURL + "/slow"), timeout: timeout)
        #expect(error == .responseTimedOut)
        #expect(elapsed >= timeout)
        #expect(elapsed < timeout.latestFiring)
        #expect(peer.requests.count == 1)
    }

    @Test func execute_FailsWithConnectTimedOut_WithoutConnecting_WhenTheDeadlineHasPassedAlready() async throws {
        let peer = try ScriptedPeer([], otherwise: .respond(ScriptedPeer.response(body: "ok")))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        #expect(await client.error(of: HTTPClientRequest(method: "POST", url: peer.baseURL + "/leads"), timeout: .zero) == .connectTimedOut)
        // The next request's connection is accepted after any the first one opened, so one in all means it opened none.
        #expect(await client.error(of: HTTPClientRequest(url: peer.baseURL + "/"), timeout: .seconds(5)) == nil)
        #expect(peer.acceptedConnections == 1)
        #expect(peer.requests.map(\.method) == ["GET"])
    }

    @Test func execute_FailsWithResponseTimedOut_WhenTheResponseStopsHalfway() async throws {
        let peer = try ScriptedPeer([.partial(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly some".utf8))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let timeout = Duration.milliseconds(300)
        let (error, elapsed) = await client.timedError(of: HTTPClientRequest(url: peer.baseURL + "/"), timeout: timeout)
        #expect(error == .responseTimedOut)
        #expect(elapsed >= timeout && elapsed < timeout.latestFiring)
    }

    @Test func execute_FailsWithConnectionReset_WhenThePeerResets() async throws {
        let peer = try ScriptedPeer([.reset], otherwise: .respond(ScriptedPeer.response(body: "a retry would get this")))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(method: "POST", url: peer.baseURL + "/leads", body: Array("lead".utf8)))
        #expect(error == .connectionReset)
        #expect(peer.requests.count == 1)
        #expect(peer.acceptedConnections == 1)
    }

    @Test func execute_FailsWithClosedWithoutResponse_WhenThePeerClosesCleanly() async throws {
        let peer = try ScriptedPeer([.close], otherwise: .respond(ScriptedPeer.response(body: "a retry would get this")))
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(url: peer.baseURL + "/"))
        #expect(error == .closedWithoutResponse)
        #expect(peer.requests.count == 1)
    }

    @Test func execute_FailsWithMalformedResponse_ForABadStatusLine() async throws {
        let peer = try ScriptedPeer([.respond(Array("HTTP/1.1 OK 200\r\n\r\n".utf8))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(url: peer.baseURL + "/"))
        guard case let .malformedResponse(reason) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("status line"))
    }

    @Test func execute_FailsWithMalformedResponse_WhenTheBodyIsCutShortByClose() async throws {
        let peer = try ScriptedPeer([.respondThenClose(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))])
        defer { peer.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(url: peer.baseURL + "/"))
        #expect(error == .malformedResponse("connection closed before the response body was complete"))
    }

    @Test func execute_FailsWithResponseTooLarge_OverMaxResponseBytes() async throws {
        let peer = try ScriptedPeer([.respond(ScriptedPeer.response(body: String(repeating: "x", count: 2_000))),
                                     .respondThenClose(Array(("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "y", count: 40_000)).utf8))])
        defer { peer.stop() }
        let client = try HTTPClient(configuration: .init(maxResponseBytes: 1_000))
        defer { client.shutdown() }
        #expect(await client.error(of: HTTPClientRequest(url: peer.baseURL + "/declared")) == .responseTooLarge(limit: 1_000))
        #expect(await client.error(of: HTTPClientRequest(url: peer.baseURL + "/streamed")) == .responseTooLarge(limit: 1_000))
    }

    @Test func execute_FailsWithInvalidURL_OrUnsupportedScheme_BeforeConnecting() async throws {
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        #expect(await client.error(of: HTTPClientRequest(url: "ftp://127.0.0.1:1/")) == .unsupportedScheme("ftp"))
        guard case .invalidURL = await client.error(of: HTTPClientRequest(url: "http://127.0.0.1:99999/")) else {
            Issue.record("port 99999 was accepted"); return
        }
        guard case .invalidURL = await client.error(of: HTTPClientRequest(url: "not a url")) else {
            Issue.record("'not a url' was accepted"); return
        }
    }

    @Test func execute_FailsWithCannotResolve_ForANameWithNoAddress() async throws {
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        // `.invalid` never resolves (RFC 6761); the long deadline leaves room for a slow resolver to say so.
        #expect(await client.error(of: HTTPClientRequest(url: "http://no-such-host.invalid/"), timeout: .seconds(60))
            == .cannotResolve(host: "no-such-host.invalid"))
    }
}
