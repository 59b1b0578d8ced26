// Connections are spread over the loops: a burst of connects accepted by one wake-up must not all stay on one loop.
import Foundation
import Synchronization
import XCTest
@testable import HTTPWire

final class HTTPServerBalancingTests: XCTestCase {
    func test_aBurstOfKeepAliveConnections_IsSpreadEvenlyOverTheLoops() throws {
        for loops in [2, 3] {
            let perThread = Mutex<[String: Int]>([:])
            let handler: HTTPServer.Handler = { _, writer in
                let thread = String(describing: pthread_self())
                perThread.withLock { $0[thread, default: 0] += 1 }
                writer.respond(.text(200, "ok"))
            }
            try withServer({ $0.loopCount = loops }, handler: handler) { _, port in
                // Every connect first, so the listener sees a burst; then one request each, on the open connections.
                let connections = try (0..<32).map { _ in try RawConnection(port: port) }
                for connection in connections {
                    connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                    XCTAssertEqual(connection.readResponse()?.status, 200)
                }
                let counts = perThread.withLock { Array($0.values) }
                XCTAssertEqual(counts.count, loops, "every loop serves some of the 32 connections: \(counts)")
                // Two listeners may choose at the same instant from the same counts, so allow one extra each way.
                XCTAssertLessThanOrEqual((counts.max() ?? 0) - (counts.min() ?? 0), 2, "\(loops) loops: \(counts)")
            }
        }
    }
}
