// `understudy mocks` as a process: usage errors exit 2, it serves until SIGTERM, then stops and flushes its journal.
import Foundation
import HTTPWire
import XCTest

/// The built `understudy` binary next to this test bundle.
func understudyBinary() -> URL {
    Bundle.main.bundleURL.appendingPathComponent("understudy")
}

/// Runs `understudy` with `arguments` to completion (bounded by `timeout`), returning exit code and both outputs.
func runUnderstudy(_ arguments: [String], timeout: TimeInterval = 20) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = understudyBinary()
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    // Drained while the process runs: an output larger than the pipe's buffer would otherwise block it forever.
    let stdout = PipeDrain(out), stderr = PipeDrain(err)
    if exited.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        exited.wait()
    }
    return (process.terminationStatus, stdout.text(), stderr.text())
}

/// Reads a pipe to its end on a background thread; `text()` waits for the end.
final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchGroup()

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        done.enter()
        DispatchQueue.global().async { [self] in
            data = handle.readDataToEndOfFile()
            done.leave()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

final class MocksCommandTests: XCTestCase {
    func test_mocks_BadFlags_PrintUsageAndExit2() throws {
        let cases: [([String], String)] = [
            (["mocks", "--bogus"], "unknown option --bogus"),
            (["mocks", "--port", "abc"], "--port must be an integer 0-65535, got 'abc'"),
            (["mocks", "--port"], "--port needs a value"),
            (["mocks", "--only", "crm,nope"], "unknown system 'nope'"),
            (["mocks", "--ports", "crm=x"], "--ports takes NAME=PORT pairs"),
            (["mocks", "--journal-capacity", "0"], "--journal-capacity must be an integer"),
            (["mocks", "--faults", "/nonexistent/faults.json"], "--faults: cannot read"),
            (["mocks", "--definitions", "/nonexistent"], "cannot load mock definitions"),
            (["frobnicate"], "unknown command 'frobnicate'"),
            ([], "a command is required"),
        ]
        for (arguments, message) in cases {
            let result = try runUnderstudy(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("usage: understudy"), "\(arguments)")
            XCTAssertFalse(result.stderr.contains("Fatal error"), "\(arguments)")
        }
    }

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
}

/// A status written on a loop thread and read after the expectation is fulfilled.
final class StatusBox: @unchecked Sendable {
    var status = 0
}
