// The whole catalogue over TLS in both directions (suite -> https target, target -> https mocks), both dialects; and
// the control that proves the mocks really spoke https: a target that does not trust their CA fails.
import ToolContract
import Conformance
import Foundation
import HTTPWire
import Testing

extension CatalogueRuns {
    @Suite struct ReferenceServerTLSRunTests {
        /// The reference server behind TLS (trusting the mocks' CA, or not) and a run configured for both sides, with
        /// one private CA in `folder` issuing both certificates.
        private func start(_ dialect: Dialect, folder: String, targetTrustsMocks: Bool) throws -> ReferenceTarget {
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let targetTLS = try authority.serverContext(for: ServerCertificateNames.loopback, in: folder + "/target")
            var target = try ReferenceTarget.start(dialect) { server in
                server.http.tls = targetTLS
                if targetTrustsMocks { server.trustedCAFile = authority.certificateFile }
            }
            target.configuration.targetCAFile = authority.certificateFile
            target.configuration.mockTLS = try authority.serverContext(for: ServerCertificateNames.loopback, in: folder + "/mocks")
            return target
        }

        @Test(arguments: Dialect.allCases)
        func everyCasePasses_OverTLSInBothDirections(dialect: Dialect) async throws {
            let folder = try CertificateAuthority.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let target = try start(dialect, folder: folder, targetTrustsMocks: true)
            #expect(target.configuration.target.hasPrefix("https://"))
            let report = try await target.run()
            let notPassing = report.results.filter { $0.outcome != .pass }
            #expect(notPassing.isEmpty, "\(notPassing.map { "\($0.id): \($0.outcome.rawValue) \($0.message ?? "")" })")
            #expect(report.results.count == Catalogue.all.filter { $0.dialects.contains(dialect) }.count)
            #expect(report.certified)
        }

        @Test func theTargetFails_WhenItDoesNotTrustTheMocksCA() async throws {
            let folder = try CertificateAuthority.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let report = try await start(.feather, folder: folder, targetTrustsMocks: false)
                .run(only: ["flagship.callback-assistant.end-to-end"])
            let flagship = try #require(report.results.first)
            #expect(flagship.outcome == .fail)
            // The execution could not connect to the https mock: the certificate is not trusted.
            let observed = flagship.evidence?.observed ?? ""
            #expect(observed.contains("\"error\":\"connection_error\"") && observed.contains("\"request_url\":\"https://"), "\(observed)")
            #expect(!report.certified)
        }
    }
}
