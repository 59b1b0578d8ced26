// `understudy mocks` as a process: it serves until SIGTERM, then stops and flushes its journal.
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
        XCTAssertFalse(printed.contains(secret))
        let lines = try String(contentsOf: folder.appendingPathComponent("crm.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].contains("\"status\":201"))
        XCTAssertFalse(lines[0].contains(secret))
    }

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
