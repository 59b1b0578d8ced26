// Each fault a handler can inject, seen from a raw client.
import Foundation
import Testing
@testable import HTTPWire

@Suite struct HTTPServerFaultTests {
    private func run(_ fault: ConnectionFault, configure: (inout HTTPServer.Configuration) -> Void = { _ in },
                     check: (RawConnection) throws -> Void) throws {
        try withServer(configure, handler: { _, writer in writer.perform(fault) }) { _, port in
            let connection = try RawConnection(port: port)
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            try check(connection)
        }
    }

    static let ok = HTTPResponse.text(200, "0123456789")

    @Test func fault_Reset_SendsRST() throws {
        try run(.reset) { #expect($0.readToEnd() == ([], .reset)) }
    }

    @Test func fault_Close_ClosesWithoutAnswer() throws {
        try run(.close) { #expect($0.readToEnd() == ([], .eof)) }
    }

    @Test func fault_Raw_WritesBytesThenCloses() throws {
        try run(.raw(Array("NOT HTTP AT ALL".utf8), then: .close)) { connection in
            let (bytes, ending) = connection.readToEnd()
            #expect(String(decoding: bytes, as: UTF8.self) == "NOT HTTP AT ALL")
            #expect(ending == .eof)
        }
    }

    @Test func fault_Partial_ThenReset() throws {
        try run(.partial(Self.ok, bytes: 12, then: .reset)) { connection in
            let (bytes, ending) = connection.readToEnd()
            #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 200")
            #expect(ending == .reset)
        }
    }

    @Test func fault_Partial_ThenStall_HoldsUntilStallTimeout() throws {
        let stall = Duration.milliseconds(250)
        try run(.partial(Self.ok, bytes: 9, then: .stall), configure: { $0.stallTimeout = stall }) { connection in
            let start = MonotonicClock.now()
            let (bytes, ending) = connection.readToEnd(timeout: stall * 20)
            #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 ")
            #expect(ending == .eof)
            #expect(millisecondsSince(start) >= 240)
        }
    }

    @Test func fault_Dribble_DeliversWholeResponseOverTime_ThenKeepsAlive() throws {
        let interval = Duration.milliseconds(20)
        let response = HTTPResponse.text(200, String(repeating: "z", count: 40))
        var dates = HTTPDateCache()
        let wireLength = MessageSerializer.response(response, requestMethod: "GET", closing: false, date: dates.current()).count
        let chunk = 40
        let gaps = (wireLength + chunk - 1) / chunk - 1
        try run(.dribble(response, chunkBytes: chunk, interval: interval)) { connection in
            let start = MonotonicClock.now()
            let received = try #require(connection.readResponse())
            #expect(received.text == String(repeating: "z", count: 40))
            #expect(millisecondsSince(start) >= Double(gaps * 20) - 1)
            connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")  // the connection carries on after a dribble
            #expect(connection.readResponse()?.status == 200)
        }
    }
}
