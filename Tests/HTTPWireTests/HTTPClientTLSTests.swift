// The client over https: verified connections that carry requests and are reused, and each certificate it must refuse.
import Foundation
import Testing
@testable import HTTPWire

/// One test at a time: each makes keys and certificates and shakes hands; together at the start of the run they would
/// starve the timing tests of other suites on a two-core machine.
@Suite(.serialized) struct HTTPClientTLSTests {
    /// A started TLS server answering with `echoHandler`; stop it when done.
    private func startServer(_ context: TLSServerContext, host: String = "127.0.0.1") throws -> HTTPServer {
        var configuration = HTTPServer.Configuration()
        configuration.host = host
        configuration.loopCount = 1
        configuration.tls = context
        let server = HTTPServer(configuration: configuration, handler: echoHandler)
        try server.start()
        return server
    }

    @Test func execute_CarriesRequests_OverVerifiedTLS_AndReusesTheConnection() async throws {
        let fixture = try TLSFixture()
        let server = try startServer(try fixture.serverContext())
        defer { server.stop() }
        let client = try HTTPClient.make(.init(poolIdleTimeout: .seconds(600), trustedCAFile: fixture.caFile))
        defer { client.shutdown() }
        let port = try #require(server.port)
        let body = String(repeating: "lead;", count: 100_000)  // 500 KB: many records each way
        for host in ["127.0.0.1", "localhost"] {
            let response = try await client.execute(HTTPClientRequest(method: "POST", url: "https://\(host):\(port)/leads",
                                                                      body: Array(body.utf8)), timeout: .seconds(10))
            #expect(response.status == 200)
            #expect(response.bodyText == "POST /leads \(body)")
        }
        let again = try await client.execute(HTTPClientRequest(url: "https://localhost:\(port)/again"), timeout: .seconds(10))
        #expect(again.bodyText == "GET /again ")
        #expect(client.idleConnectionCount == 2)  // one per host name; the third request reused the localhost one
        #expect(server.openConnectionCount == 2)
        #expect(server.tlsHandshakeFailureCount == 0)
    }

    @Test func execute_RefusesAnUntrustedIssuer() async throws {
        let fixture = try TLSFixture()
        let server = try startServer(try fixture.serverContext())
        defer { server.stop() }
        let client = try HTTPClient.make()  // the system trust store only
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(url: "https://127.0.0.1:\(try #require(server.port))/"))
        guard case .certificateRejected(.untrustedIssuer) = error else {
            Issue.record("expected an untrusted issuer, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("untrusted issuer") == true)
    }

    @Test func execute_RefusesAnExpiredCertificate() async throws {
        let fixture = try TLSFixture()
        let expired = CertificateValidity(notBefore: .seconds(-2 * 86_400), notAfter: .seconds(-86_400))
        let server = try startServer(try fixture.serverContext(validity: expired))
        defer { server.stop() }
        let client = try HTTPClient.make(.init(trustedCAFile: fixture.caFile))
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(url: "https://127.0.0.1:\(try #require(server.port))/"))
        #expect(error == .certificateRejected(.expired))
    }

    @Test func execute_RefusesACertificateForAnotherName() async throws {
        let fixture = try TLSFixture()
        let server = try startServer(try fixture.serverContext(names: ["tools.example.test"]))
        defer { server.stop() }
        let client = try HTTPClient.make(.init(trustedCAFile: fixture.caFile))
        defer { client.shutdown() }
        let port = try #require(server.port)
        #expect(await client.error(of: HTTPClientRequest(url: "https://127.0.0.1:\(port)/")) == .certificateRejected(.nameMismatch(host: "127.0.0.1")))
        #expect(await client.error(of: HTTPClientRequest(url: "https://localhost:\(port)/")) == .certificateRejected(.nameMismatch(host: "localhost")))
    }

    @Test func execute_SaysSo_WhenAnHTTPSURLMeetsAPlainServer() async throws {
        let server = HTTPServer(configuration: { var c = HTTPServer.Configuration(); c.loopCount = 1; return c }(), handler: echoHandler)
        try server.start()
        defer { server.stop() }
        let client = try HTTPClient.make()
        defer { client.shutdown() }
        let error = await client.error(of: HTTPClientRequest(url: "https://127.0.0.1:\(try #require(server.port))/"))
        guard case let .tlsHandshakeFailed(reason) = error else {
            Issue.record("expected a failed handshake, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("plain http"))
    }

    @Test func init_RefusesAMissingCAFile_NamingIt() throws {
        #expect {
            _ = try HTTPClient(configuration: .init(trustedCAFile: "/nonexistent/ca.pem"))
        } throws: { error in
            guard case let .invalidConfiguration(message) = error as? HTTPClientError else { return false }
            return message.contains("/nonexistent/ca.pem")
        }
    }

    @Test func serverContext_RefusesAKeyOfAnotherCertificate_NamingTheFile() throws {
        let fixture = try TLSFixture()
        let one = try fixture.authority.issueServerCertificate(for: ["localhost"], into: fixture.folder + "/one")
        let other = try fixture.authority.issueServerCertificate(for: ["localhost"], into: fixture.folder + "/other")
        #expect {
            _ = try TLSServerContext(certificateChainFile: one.certificateChainFile, privateKeyFile: other.privateKeyFile)
        } throws: { error in
            let message = (error as? TLSSetupError)?.message ?? ""
            return message.contains(other.privateKeyFile) && message.contains("mismatch")
        }
    }
}
