// The server flags of `mocks` and `serve` (--idle-timeout, --header-timeout, --max-connections, --max-body-bytes)
// reach the running server: checked on the wire against the binary, with bounds derived from the configured values.
import Foundation
import XCTest

final class ServerFlagsTests: XCTestCase {
    /// Configured values; the defaults they replace (60 s, 10 s) are far beyond every upper bound below.
    private let idle = 0.4, head = 0.3, upperBound = 5.0

    private var commands: [[String]] {
        let limits = ["--idle-timeout", "\(idle)", "--header-timeout", "\(head)", "--max-body-bytes", "100", "--loops", "1"]
        return [["mocks", "--only", "crm"] + limits, ["serve", "--api-key", "flags-key"] + limits]
    }

    func test_headerTimeout_Answers408AtTheConfiguredTime() throws {
        for arguments in commands {
            let running = try LongRunningUnderstudy(arguments)
            defer { _ = running.stop() }
            let socket = try XCTUnwrap(LoopbackSocket(port: try running.firstPort()))
            let started = Date()
            socket.send("GET / HTTP/1.1\r\nHost: t\r\n")  // a head that never ends
            let answer = socket.readToClose()
            let elapsed = Date().timeIntervalSince(started)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 408 "), "\(arguments[0]): \(answer.prefix(120))")
            XCTAssertGreaterThanOrEqual(elapsed, head, arguments[0])
            XCTAssertLessThan(elapsed, upperBound, arguments[0])
        }
    }

    func test_idleTimeout_ClosesAQuietKeepAliveConnectionSilently() throws {
        for arguments in commands {
            let running = try LongRunningUnderstudy(arguments)
            defer { _ = running.stop() }
            let socket = try XCTUnwrap(LoopbackSocket(port: try running.firstPort()))
            socket.send("GET /__no-such-path HTTP/1.1\r\nHost: t\r\n\r\n")
            let answer = socket.readResponse()
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 "), "\(arguments[0]): \(answer.prefix(120))")
            let answered = Date()
            let after = socket.readToClose()
            let elapsed = Date().timeIntervalSince(answered)
            XCTAssertEqual(after, "", "\(arguments[0]): an idle close sends nothing")
            XCTAssertGreaterThanOrEqual(elapsed, idle - 0.05, arguments[0])  // the clock starts when the answer is sent
            XCTAssertLessThan(elapsed, upperBound, arguments[0])
        }
    }

    func test_maxBodyBytes_Answers413BeyondTheLimit_AndServesAtIt() throws {
        for arguments in commands {
            let running = try LongRunningUnderstudy(arguments)
            defer { _ = running.stop() }
            let port = try running.firstPort()
            let over = rawExchange(port: port, "POST /callbacks HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n")
            XCTAssertTrue(over.hasPrefix("HTTP/1.1 413 "), "\(arguments[0]): \(over.prefix(120))")
            let socket = try XCTUnwrap(LoopbackSocket(port: port))
            socket.send("POST /callbacks HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n" + String(repeating: "x", count: 100))
            let atLimit = socket.readResponse()
            XCTAssertTrue(atLimit.hasPrefix("HTTP/1.1 "), "\(arguments[0]): \(atLimit.prefix(120))")
            XCTAssertFalse(atLimit.hasPrefix("HTTP/1.1 413 "), "\(arguments[0]): 100 bytes are within the limit")
        }
    }

    func test_maxConnections_Answers503ToTheConnectionBeyondIt() throws {
        for arguments in [["mocks", "--only", "crm", "--max-connections", "1"], ["serve", "--max-connections", "1"]] {
            let running = try LongRunningUnderstudy(arguments)
            defer { _ = running.stop() }
            let port = try running.firstPort()
            let held = try XCTUnwrap(LoopbackSocket(port: port))
            held.send("GET /__no-such-path HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertTrue(held.readResponse().hasPrefix("HTTP/1.1 "), "the first connection is served and held open")
            let beyond = rawExchange(port: port, "GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertTrue(beyond.hasPrefix("HTTP/1.1 503 "), "\(arguments[0]): \(beyond.prefix(120))")
            XCTAssertTrue(beyond.lowercased().contains("retry-after:"), "\(arguments[0]): \(beyond.prefix(200))")
        }
    }
}
