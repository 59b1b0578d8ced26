// `mocks --tls`, `serve --tls` and their CA: https URLs in the banner, the CA printed and reused across runs, keys 0600.
import Foundation
import HTTPWire
import XCTest

final class TLSCommandTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-tls-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// GET `url` trusting `caFile`; the status, or the client's error as text.
    private func status(of url: String, trusting caFile: String?) async throws -> String {
        let client = try HTTPClient(configuration: .init(trustedCAFile: caFile))
        defer { client.shutdown() }
        do throws(HTTPClientError) {
            return String(try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10)).status)
        } catch {
            return "\(error)"
        }
    }

    private func mode(_ path: String) throws -> Int {
        try XCTUnwrap((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    func test_mocksTLSDir_ServesHTTPS_PrintsTheCA_AndReusesItOnTheNextRun() async throws {
        let caFile = folder + "/ca.pem"
        var firstCA = Data()
        for round in 1...2 {
            let running = try LongRunningUnderstudy(["mocks", "--only", "crm,webhook", "--loops", "1", "--tls-dir", folder,
                                                     "--advertise-host", "mocks.internal.test"])
            defer { _ = running.stop() }
            XCTAssertTrue(running.printed.contains("tls: clients must trust the CA in \(caFile)"), running.printed)
            let webhook = try XCTUnwrap(running.url(of: "webhook"), running.printed)
            XCTAssertTrue(webhook.hasPrefix("https://mocks.internal.test:"), webhook)
            let local = "https://127.0.0.1:" + (webhook.split(separator: ":").last ?? "") + "/__admin/requests/count"
            let trusted = try await status(of: local, trusting: caFile)
            XCTAssertEqual(trusted, "200", "round \(round)")
            let untrusted = try await status(of: local, trusting: nil)
            XCTAssertTrue(untrusted.contains("untrusted issuer"), "round \(round): \(untrusted)")
            let ca = try Data(contentsOf: URL(fileURLWithPath: caFile))
            if round == 1 { firstCA = ca } else { XCTAssertEqual(ca, firstCA, "the CA is reused, not made again") }
        }
        XCTAssertEqual(try mode(folder + "/ca-key.pem"), 0o600)
        XCTAssertEqual(try mode(folder + "/server-key.pem"), 0o600)
        // The advertised name is in the certificate the mocks serve.
        let names = try runProcess("/usr/bin/openssl", ["x509", "-noout", "-ext", "subjectAltName", "-in", folder + "/server.pem"])
        XCTAssertTrue(names.contains("DNS:mocks.internal.test") && names.contains("IP Address:127.0.0.1"), names)
    }

    func test_serveTLS_ServesHTTPS_WithOwnCertificateFiles() async throws {
        // A certificate of our own (made by one mocks run), given to serve with --tls-cert/--tls-key.
        let maker = try LongRunningUnderstudy(["mocks", "--only", "webhook", "--loops", "1", "--tls-dir", folder])
        _ = maker.stop()
        let running = try LongRunningUnderstudy(["serve", "--api-key", "tls-key", "--tls-cert", folder + "/server.pem",
                                                 "--tls-key", folder + "/server-key.pem"])
        defer { _ = running.stop() }
        let url = try XCTUnwrap(running.urls.first, running.printed)
        XCTAssertTrue(url.hasPrefix("https://127.0.0.1:"), url)
        XCTAssertFalse(running.printed.contains("tls: clients must trust"), "own certificates: no CA of ours to trust")
        let answer = try await status(of: url + "/v1/tools", trusting: folder + "/ca.pem")
        XCTAssertEqual(answer, "401", "TLS works; the missing API key is refused")
    }
}

extension TLSCommandTests {
    func test_runMockTLS_WithoutAFolder_CertifiesOverTLS_AndRemovesItsTemporaryCA() throws {
        try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
        let reports = folder + "/reports"
        let result = try runUnderstudy(["run", "--mock-tls", "--only", "flagship", "--report-dir", reports, "--quiet"],
                                       environment: ["TMPDIR": folder + "/tmp"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("mock CA: \(reports)/mock-ca.pem"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: reports + "/mock-ca.pem"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/tmp"), [], "the temporary CA (and its key) is gone")
    }

    func test_mocksTLS_WithoutAFolder_RemovesItsTemporaryCA_WhenStopped() throws {
        try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
        let running = try LongRunningUnderstudy(["mocks", "--only", "webhook", "--loops", "1", "--tls"],
                                                environment: ["TMPDIR": folder + "/tmp"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/tmp").count, 1, "the CA while running")
        _ = running.stop()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/tmp"), [], "gone after the stop")
    }
}

/// Runs `executable` and returns its standard output (bounded: the tools it runs end on their own).
func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
