// Graceful shutdown, idempotent stop, slow handlers that block nobody, many connections at once.
import Foundation
import XCTest
@testable import HTTPWire

/// XCTest, not Swift Testing: these tests block on sockets, and XCTest runs them on its own thread
/// instead of the cooperative pool that async tests elsewhere need.
final class HTTPServerLifecycleTests: XCTestCase {
    func test_stop_FinishesInFlightRequest_ThenRefusesNewConnections() throws {
        let delay = Duration.milliseconds(200)
        var configuration = HTTPServer.Configuration()
        configuration.loopCount = 1
        let received = DispatchSemaphore(value: 0)
        let server = HTTPServer(configuration: configuration) { _, writer in
            received.signal()
            writer.eventLoop.schedule(after: delay) { writer.respond(.text(200, "finished")) }
        }
        try server.start()
        let port = server.port!
        let busy = try RawConnection(port: port)
        let idle = try RawConnection(port: port)
        busy.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(received.wait(timeout: .now() + 5), .success)  // the request is in flight before stop begins
        let stopped = DispatchSemaphore(value: 0)
        Thread { server.stop(gracePeriod: .seconds(5)); stopped.signal() }.start()
        let response = try XCTUnwrap(busy.readResponse())
        XCTAssert(response.text == "finished")
        XCTAssert(response.headers["Connection"] == "close")
        XCTAssert(busy.readToEnd().ending == .eof)
        XCTAssert(idle.readToEnd().ending == .eof)
        XCTAssert(stopped.wait(timeout: .now() + 5) == .success)
        XCTAssertThrowsError(try RawConnection(port: port)) { XCTAssert($0 is SocketError) }
        server.stop()  // idempotent
        XCTAssert(server.port == nil)
    }

    func test_stop_WithOnlyIdleKeepAliveConnections_ReturnsPromptly() throws {
        var configuration = HTTPServer.Configuration()
        configuration.loopCount = 1
        let server = HTTPServer(configuration: configuration, handler: echoHandler)
        try server.start()
        let connections = try (0..<3).map { _ in try RawConnection(port: server.port!) }
        for connection in connections {
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(connection.readResponse()?.status, 200)
        }
        let start = MonotonicClock.now()
        server.stop(gracePeriod: .seconds(5))
        XCTAssertLessThan(millisecondsSince(start), 5000)  // idle connections do not wait for the grace period
        for connection in connections { XCTAssertEqual(connection.readToEnd().ending, .eof) }
    }

    func test_stop_ClosesStragglers_AfterGracePeriod() throws {
        var configuration = HTTPServer.Configuration()
        configuration.loopCount = 1
        let server = HTTPServer(configuration: configuration) { _, _ in }  // never answers
        try server.start()
        let connection = try RawConnection(port: server.port!)
        connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        let start = MonotonicClock.now()
        server.stop(gracePeriod: .milliseconds(100))
        XCTAssert(millisecondsSince(start) >= 100)
        XCTAssert(connection.readToEnd().ending == .eof)
    }

    func test_slowHandler_DoesNotBlockOtherConnections() throws {
        let delay = Duration.seconds(2)
        let handler: HTTPServer.Handler = { request, writer in
            if request.target == "/slow" {
                writer.eventLoop.schedule(after: delay) { writer.respond(.text(200, "slow")) }
            } else {
                writer.respond(.text(200, "fast"))
            }
        }
        try withServer({ $0.loopCount = 1 }, handler: handler) { _, port in
            let slow = try RawConnection(port: port)
            slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            let start = MonotonicClock.now()
            for _ in 0..<20 {
                let fast = try RawConnection(port: port)
                fast.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n")
                XCTAssert(fast.readResponse()?.text == "fast")
            }
            XCTAssert(millisecondsSince(start) < 2000)
            XCTAssert(slow.readResponse()?.text == "slow")
        }
    }

    func test_server_AnswersEveryRequest_OnManySimultaneousConnections() throws {
        try withServer { server, port in
            let connections = try (0..<200).map { _ in try RawConnection(port: port) }
            for round in 0..<3 {
                for (index, connection) in connections.enumerated() {
                    connection.send("POST /lead HTTP/1.1\r\nHost: t\r\nContent-Length: \(String(index).count)\r\n\r\n\(index)")
                }
                for (index, connection) in connections.enumerated() {
                    XCTAssert(connection.readResponse()?.text == "POST /lead \(index)", "round \(round) connection \(index)")
                }
            }
            XCTAssert(server.openConnectionCount == 200)
        }
    }
}
