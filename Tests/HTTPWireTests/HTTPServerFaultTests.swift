// Each fault a handler can inject, seen from a raw client.
import Foundation
import XCTest
@testable import HTTPWire

/// XCTest, not Swift Testing: these tests block on sockets, and XCTest runs them on its own thread
/// instead of the cooperative pool that async tests elsewhere need.
final class HTTPServerFaultTests: XCTestCase {
    private func run(_ fault: ConnectionFault, configure: (inout HTTPServer.Configuration) -> Void = { _ in },
                     check: (RawConnection, _ sentAt: UInt64) throws -> Void) throws {
        try withServer(configure, handler: { _, writer in writer.perform(fault) }) { _, port in
            let connection = try RawConnection(port: port)
            let sentAt = MonotonicClock.now()  // before the server can start any clock of its own
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            try check(connection, sentAt)
        }
    }

    static let ok = HTTPResponse.text(200, "0123456789")

    func test_fault_Reset_SendsRST() throws {
        try run(.reset) { connection, _ in XCTAssert(connection.readToEnd() == ([], .reset)) }
    }

    func test_fault_Close_ClosesWithoutAnswer() throws {
        try run(.close) { connection, _ in XCTAssert(connection.readToEnd() == ([], .eof)) }
    }

    func test_fault_Raw_WritesBytesThenCloses() throws {
        try run(.raw(Array("NOT HTTP AT ALL".utf8), then: .close)) { connection, _ in
            let (bytes, ending) = connection.readToEnd()
            XCTAssert(String(decoding: bytes, as: UTF8.self) == "NOT HTTP AT ALL")
            XCTAssert(ending == .eof)
        }
    }

    func test_fault_Partial_ThenReset() throws {
        try run(.partial(Self.ok, bytes: 12, then: .reset)) { connection, _ in
            let (bytes, ending) = connection.readToEnd()
            XCTAssert(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 200")
            XCTAssert(ending == .reset)
        }
    }

    func test_fault_Partial_ThenStall_HoldsUntilStallTimeout() throws {
        let stall = Duration.milliseconds(250)
        try run(.partial(Self.ok, bytes: 9, then: .stall), configure: { $0.stallTimeout = stall }) { connection, start in
            let (bytes, ending) = connection.readToEnd(timeout: stall * 20)
            XCTAssert(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 ")
            XCTAssert(ending == .eof)
            XCTAssert(millisecondsSince(start) >= 250)
        }
    }

    func test_fault_Dribble_LongerThanWriteTimeout_IsNotCutOff_WhileItMakesProgress() throws {
        let response = HTTPResponse.text(200, String(repeating: "w", count: 200))
        // Each gap (50 ms) is inside the write timeout (150 ms); the whole dribble (several hundred ms) is not.
        // The short idle timeout makes a deadline timer fire during the dribble, so a clock that never restarts would cut it.
        try run(.dribble(response, chunkBytes: 40, interval: .milliseconds(50)), configure: { $0.writeTimeout = .milliseconds(150); $0.idleTimeout = .milliseconds(100) }) { connection, _ in
            XCTAssertEqual(connection.readResponse(timeout: .seconds(5))?.text, String(repeating: "w", count: 200))
        }
    }

    func test_fault_Dribble_DeliversWholeResponseOverTime_ThenKeepsAlive() throws {
        let interval = Duration.milliseconds(20)
        let response = HTTPResponse.text(200, String(repeating: "z", count: 40))
        var dates = HTTPDateCache()
        let wireLength = MessageSerializer.response(response, requestMethod: "GET", closing: false, date: dates.current()).count
        let chunk = 40
        let gaps = (wireLength + chunk - 1) / chunk - 1
        try run(.dribble(response, chunkBytes: chunk, interval: interval)) { connection, start in
            let received = try XCTUnwrap(connection.readResponse())
            XCTAssert(received.text == String(repeating: "z", count: 40))
            XCTAssert(millisecondsSince(start) >= Double(gaps * 20))
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")  // the connection carries on after a dribble
            XCTAssert(connection.readResponse()?.status == 200)
        }
    }
}
