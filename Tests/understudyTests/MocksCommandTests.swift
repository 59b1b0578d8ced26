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

/// A status written on a loop thread and read after the expectation is fulfilled.
final class StatusBox: @unchecked Sendable {
    var status = 0
}
