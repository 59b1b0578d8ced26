// Certificates for TLS tests: a private CA in a temporary folder and server certificates it issues.
import Foundation
@testable import HTTPWire

/// A private CA in its own temporary folder, removed on deinit.
final class TLSFixture: @unchecked Sendable {
    let folder: String
    let authority: CertificateAuthority

    init() throws {
        folder = try CertificateAuthority.temporaryFolder()
        authority = try CertificateAuthority.loadOrCreate(in: folder)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// The CA certificate clients trust.
    var caFile: String { authority.certificateFile }

    /// A server context for `names` (the loopback names by default) with `validity`, in a subfolder of its own.
    func serverContext(names: [String] = ServerCertificateNames.loopback,
                       validity: CertificateValidity = .standard) throws -> TLSServerContext {
        try authority.serverContext(for: names, validity: validity, in: folder + "/" + UUID().uuidString)
    }
}

/// Starts a TLS server on 127.0.0.1 port 0 with `configure`d settings; stops it when `body` returns.
func withTLSServer(_ context: TLSServerContext, _ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
                   handler: @escaping HTTPServer.Handler = echoHandler,
                   _ body: (HTTPServer, UInt16) throws -> Void) throws {
    try withServer({ configuration in
        configuration.tls = context
        configure(&configuration)
    }, handler: handler, body)
}
