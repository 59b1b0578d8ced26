// The planted-secret check at the command line: a target that leaks secrets, and no byte of the terminal output or
// of any report holds the API key or a secret the cases planted.
import Foundation
import ReferenceToolServer
import XCTest

final class RunSecretsTests: XCTestCase {
    func test_run_AgainstALeakingTarget_PrintsAndWritesNoSecret() throws {
        let apiKey = "planted-api-key-\(UUID().uuidString)"
        var configuration = ToolServer.Configuration(apiKey: apiKey)
        configuration.http.loopCount = 1
        configuration.deviations.showsSecretsOnGet = true
        configuration.deviations.showsSecretsInRequestURL = true
        configuration.deviations.clientSecretHeader = "X-Leaked-Client-Secret"
        let server = try ToolServer(configuration: configuration)
        try server.start()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-secrets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        let result = try runUnderstudy(["run", "--target", server.baseURL ?? "", "--api-key", apiKey,
                                        "--capabilities", "all", "--report-dir", folder.path], timeout: 120)
        XCTAssertEqual(result.status, 1, "the leaks fail the run: \(result.stdout.suffix(2000))")
        XCTAssertTrue(result.stdout.contains("FAIL"), "failure lines with their reasons are printed")
        var outputs = [("stdout", result.stdout), ("stderr", result.stderr)]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            outputs.append((name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
        }
        XCTAssertEqual(outputs.count, 8, "stdout, stderr, four reports and the badge's two files")
        // Secrets the cases plant are `label-` and 24 hex digits (`crm-token-…`, `oauth-client-secret-…`).
        let planted = try NSRegularExpression(pattern: "(crm-token|query-key|oauth-client-secret)-[0-9a-f]{24}")
        for (name, text) in outputs {
            XCTAssertFalse(text.contains(apiKey), "\(name) holds the API key")
            let range = NSRange(text.startIndex..., in: text)
            XCTAssertNil(planted.firstMatch(in: text, range: range).map { (text as NSString).substring(with: $0.range) },
                         "\(name) holds a planted secret")
        }
    }
}
