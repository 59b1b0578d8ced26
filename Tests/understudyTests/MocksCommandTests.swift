// `understudy mocks` as a process: it serves until SIGTERM, then stops and flushes its journal; --advertise-host names the issuer.
import Foundation
import HTTPWire
import XCTest

final class MocksCommandTests: XCTestCase {
    func test_mocks_ServesUntilSIGTERM_ThenFlushesJournal_AndNeverPrintsSecrets() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-journal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = "planted-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = understudyBinary()
        process.arguments = ["mocks", "--only", "crm", "--crm-token", secret, "--journal", folder.path, "--loops", "1"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // Read until the URL line appears (the command prints it once listening).
        var printed = ""
        let reader = out.fileHandleForReading
        while !printed.contains("running;") {
            let chunk = reader.availableData
            XCTAssertFalse(chunk.isEmpty, "understudy exited before listening")
            if chunk.isEmpty { return }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let url = try XCTUnwrap(printed.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
        let client = try HTTPClient()
        defer { client.shutdown() }
        let request = HTTPClientRequest(method: "POST", url: url + "/callbacks", headers: ["Authorization": "Bearer \(secret)"],
                                        body: Array(#"{"name":"Ada","company":"AE","reason":"call me","phone_number":"+14155550123"}"#.utf8))
        let answered = expectation(description: "lead answered")
        let box = StatusBox()
        client.execute(request, timeout: .seconds(10)) { result in
            box.status = (try? result.get())?.status ?? 0
            answered.fulfill()
        }
        wait(for: [answered], timeout: 15)
        let status = box.status
        XCTAssertEqual(status, 201)
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(process.terminationReason.rawValue) \(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        printed += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(printed.contains("stopped; journals flushed"))
        XCTAssertTrue(printed.contains("auth: Authorization: Bearer <the value given on the command line>"), printed)
        XCTAssertFalse(printed.contains(secret))
        let lines = try String(contentsOf: folder.appendingPathComponent("crm.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].contains("\"status\":201"))
        XCTAssertFalse(lines[0].contains(secret))
    }

    func test_mocks_AdvertiseHost_IsTheOAuthIssuersName_ElseTheHostTheClientUsed() throws {
        let stated = try LongRunningUnderstudy(["mocks", "--only", "oauth", "--advertise-host", "localhost", "--loops", "1"])
        defer { _ = stated.stop() }
        let unstated = try LongRunningUnderstudy(["mocks", "--only", "oauth", "--loops", "1"])
        defer { _ = unstated.stop() }
        let metadata = "GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"

        let advertised = rawExchange(port: try stated.firstPort(), metadata)
        let reached = rawExchange(port: try unstated.firstPort(), metadata)

        XCTAssertTrue(advertised.contains(#""issuer":"http://localhost:\#(try stated.firstPort())""#), advertised)
        XCTAssertTrue(reached.contains(#""issuer":"http://127.0.0.1""#), reached)
    }
}

final class MocksBannerTests: XCTestCase {
    /// The banner names each system's URL, admin URL and expected auth, shows only the definitions' own values, and
    /// says which origins --cors lets in.
    func test_banner_SaysWhatAuthEachSystemExpects_WithoutSecretsFromTheCommandLine() throws {
        let key = "planted-\(UUID().uuidString)"
        let running = try LongRunningUnderstudy(["mocks", "--loops", "1", "--ticketing-key", key, "--issuer-auth", "crm",
                                                 "--cors", "http://localhost:3000,https://app.example.com"])
        let printed = running.stop().stdout
        let lines = printed.split(separator: "\n").map(String.init)
        func auth(after system: String) -> String? {
            guard let index = lines.firstIndex(where: { $0.hasPrefix(system + " ") }), index + 1 < lines.count else { return nil }
            return lines[index + 1].trimmingCharacters(in: .whitespaces)
        }
        XCTAssertEqual(auth(after: "crm"), "auth: Authorization: Bearer <a token from the cluster's OAuth issuer>", printed)
        XCTAssertEqual(auth(after: "ticketing"), "auth: X-API-Key: <the value given on the command line>", printed)
        XCTAssertEqual(auth(after: "webhook"), "auth: none", printed)
        XCTAssertEqual(auth(after: "oauth"), "auth: none; issues tokens at POST /oauth/token (client credentials; clients: understudy)",
                       printed)
        XCTAssertTrue(lines.contains { $0.hasPrefix("crm ") && $0.contains("admin: http://127.0.0.1:") }, printed)
        XCTAssertTrue(printed.contains("cors: browser pages from http://localhost:3000, https://app.example.com may call the mocks"), printed)
        XCTAssertFalse(printed.contains(key))
        XCTAssertFalse(printed.contains("understudy-secret"), "the issuer's client secret stays out of the banner")
    }

    func test_banner_ShowsTheDefinitionsOwnCredentials_WhenNoFlagReplacesThem() throws {
        let printed = try LongRunningUnderstudy(["mocks", "--loops", "1", "--only", "crm,ticketing"]).stop().stdout
        XCTAssertTrue(printed.contains("auth: Authorization: Bearer crm-token (the definition's)"), printed)
        XCTAssertTrue(printed.contains("auth: X-API-Key: ticketing-key (the definition's)"), printed)
        XCTAssertFalse(printed.contains("cors:"), "CORS is off unless asked for")
    }
}

final class MocksDefinitionsFlagTests: XCTestCase {
    /// `--export-definitions` writes the built-ins to start from; `--definitions` then adds a file to the built-ins
    /// (a built-in's name replaces it), and `--only` picks among both.
    func test_exportedBuiltins_AndAnExample_RunBesideTheBuiltIns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-defs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let exported = try runUnderstudy(["mocks", "--export-definitions", folder.path])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(exported.stdout.split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent },
                       ["crm.json", "ticketing.json", "webhook.json", "oauth.json"])
        let crm = folder.appendingPathComponent("crm.json")
        let edited = try String(contentsOf: crm, encoding: .utf8).replacingOccurrences(of: #""token": "crm-token""#, with: #""token": "my-own-token""#)
        try edited.write(to: crm, atomically: true, encoding: .utf8)
        let calendar = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Mocks/examples/calendar.json")

        let running = try LongRunningUnderstudy(["mocks", "--loops", "1", "--definitions", crm.path, "--definitions", calendar.path,
                                                 "--only", "crm,calendar"])
        let printed = running.stop().stdout

        XCTAssertNotNil(printed.split(separator: "\n").first { $0.hasPrefix("calendar ") }, printed)
        XCTAssertTrue(printed.contains("auth: Authorization: Bearer calendar-token (the definition's)"), printed)
        XCTAssertTrue(printed.contains("auth: Authorization: Bearer my-own-token (the definition's)"), "the file replaced the built-in crm: \(printed)")
        XCTAssertFalse(printed.contains("ticketing "), printed)
    }
}

extension MocksCommandTests {
    func test_mocks_WebhookSignature_VerifiesTheChosenScheme_WithEveryGivenSecret_NeverPrintingThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-signature-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let planted = "planted-\(UUID().uuidString)"
        // GitHub's published vector signs "Hello, World!" with the second secret: rotation, any secret may match.
        let running = try LongRunningUnderstudy(["mocks", "--only", "webhook", "--loops", "1", "--journal", folder.path,
                                                 "--webhook-signature", "github", "--webhook-secret", planted,
                                                 "--webhook-secret", "It's a Secret to Everybody"])
        let webhook = try XCTUnwrap(running.url(of: "webhook"))
        let client = try HTTPClient()
        defer { client.shutdown() }
        let signature: HTTPHeaders = ["X-Hub-Signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"]

        let accepted = client.fetch("POST", webhook + "/github", headers: signature, body: Array("Hello, World!".utf8))
        let refused = client.fetch("POST", webhook + "/github", headers: signature, body: Array("Hello, World?".utf8))
        let (stdout, stderr) = running.stop()

        XCTAssertEqual(accepted?.status, 200, accepted?.bodyText ?? "no answer")
        XCTAssertEqual(refused?.status, 401)
        XCTAssertEqual(refused?.bodyText, #"{"error":"invalid_signature","message":"the signature does not match: tried 1 signature from "#
                       + #"X-Hub-Signature-256 against 2 configured secrets; each must be HMAC-SHA256 of '{body}'"}"#)
        let journal = try String(contentsOf: folder.appendingPathComponent("webhook.jsonl"), encoding: .utf8)
        XCTAssertEqual(journal.split(separator: "\n").count, 2)
        for (name, text) in [("stdout", stdout), ("stderr", stderr), ("journal", journal)] {
            XCTAssertFalse(text.contains(planted), "\(name) holds the secret")
        }
    }
}

/// A status written on a loop thread and read after the expectation is fulfilled.
final class StatusBox: @unchecked Sendable {
    var status = 0
}
