// The response reader fed by hand: framing, reuse, and how each way of falling short maps to an error.
import Testing
@testable import HTTPWire

struct HTTPClientResponseReaderTests {
    private func makeReader(method: String = "GET", maxBody: Int = 1024, maxHead: Int = 1024) -> ResponseReader {
        ResponseReader(requestMethod: method, maxBodyBytes: maxBody, maxHeadBytes: maxHead)
    }

    /// Feeds `text` one byte at a time and returns the first step that is not `needMore` (or `needMore`).
    private func feedBytewise(_ reader: inout ResponseReader, _ text: String) -> ResponseReader.Step {
        for byte in text.utf8 {
            let step = reader.consume([byte])
            if step != .needMore { return step }
        }
        return .needMore
    }

    @Test func consume_CompletesALengthDelimitedBody_ByteByByte() {
        var reader = makeReader()
        let step = feedBytewise(&reader, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        guard case let .complete(response, reusable) = step else { Issue.record("got \(step)"); return }
        #expect(response.status == 200 && response.bodyText == "hello")
        #expect(reusable)
    }

    @Test func consume_DecodesAChunkedBody_ByteByByte() {
        var reader = makeReader()
        let step = feedBytewise(&reader, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        guard case let .complete(response, reusable) = step else { Issue.record("got \(step)"); return }
        #expect(response.bodyText == "hello world")
        #expect(reusable)
    }

    @Test func endOfStream_CompletesAReadUntilCloseBody_WithoutReuse() {
        var reader = makeReader()
        #expect(reader.consume(Array("HTTP/1.1 200 OK\r\n\r\nuntil ".utf8)) == .needMore)
        #expect(reader.consume(Array("close".utf8)) == .needMore)
        #expect(reader.endOfStream() == .complete(HTTPResponse(status: 200, reason: "OK", body: Array("until close".utf8)),
                                                  serverAllowsReuse: false))
    }

    @Test func consume_ForbidsReuse_WhenTheServerAsksToClose_OrSendsMore() {
        var closing = makeReader()
        let step = closing.consume(Array("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".utf8))
        guard case .complete(_, false) = step else { Issue.record("got \(step)"); return }
        var chatty = makeReader()
        let extra = chatty.consume(Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 408 Timeout\r\n\r\n".utf8))
        guard case .complete(_, false) = extra else { Issue.record("got \(extra)"); return }
        var old = makeReader()
        let http10 = old.consume(Array("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n".utf8))
        guard case let .complete(answer, false) = http10 else { Issue.record("got \(http10)"); return }
        #expect(answer.headers["Connection"] == nil)  // reported as received, nothing added
        var oldKept = makeReader()
        let http10KeepAlive = oldKept.consume(Array("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n".utf8))
        guard case .complete(_, true) = http10KeepAlive else { Issue.record("got \(http10KeepAlive)"); return }
    }

    @Test func consume_ReadsNoBody_ForHEAD_204_And304() {
        var head = makeReader(method: "HEAD")
        guard case let .complete(response, true) = head.consume(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".utf8)) else {
            Issue.record("HEAD response not complete"); return
        }
        #expect(response.body.isEmpty && response.headers["Content-Length"] == "100")
        for status in ["204 No Content", "304 Not Modified"] {
            var reader = makeReader()
            guard case let .complete(response, true) = reader.consume(Array("HTTP/1.1 \(status)\r\n\r\n".utf8)) else {
                Issue.record("\(status) not complete without a body"); continue
            }
            #expect(response.body.isEmpty)
        }
    }

    @Test func consume_SkipsAnInterimResponse_ThatArrivedInAnEarlierRead() {
        var reader = makeReader()
        #expect(reader.consume(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) == .needMore)
        let step = reader.consume(Array("HTTP/1.1 204 No\r\n\r\n".utf8))
        guard case let .complete(response, _) = step else { Issue.record("got \(step)"); return }
        #expect(response.status == 204)
    }

    @Test func endOfStream_IsClosedWithoutResponse_WhenNothingArrived() {
        var reader = makeReader()
        #expect(reader.endOfStream() == .failed(.closedWithoutResponse))
    }

    @Test func endOfStream_IsMalformed_WhenTheResponseIsCutShort() {
        var inHead = makeReader()
        _ = inHead.consume(Array("HTTP/1.1 200 OK\r\nContent-".utf8))
        #expect(inHead.endOfStream() == .failed(.malformedResponse("connection closed before the response head was complete")))
        var inBody = makeReader()
        _ = inBody.consume(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(inBody.endOfStream() == .failed(.malformedResponse("connection closed before the response body was complete")))
    }

    @Test func consume_IsMalformed_ForABadStatusLine() {
        var reader = makeReader()
        let step = reader.consume(Array("HTTP/1.1 2x0 OK\r\n\r\n".utf8))
        guard case let .failed(.malformedResponse(reason)) = step else { Issue.record("got \(step)"); return }
        #expect(reason.contains("status line"))
    }

    @Test func consume_IsTooLarge_ForABodyOrHeadOverItsLimit() {
        var declared = makeReader(maxBody: 10)
        #expect(declared.consume(Array("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n".utf8)) == .failed(.responseTooLarge(limit: 10)))
        var chunked = makeReader(maxBody: 10)
        #expect(chunked.consume(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n".utf8)) == .failed(.responseTooLarge(limit: 10)))
        var untilClose = makeReader(maxBody: 10)
        #expect(untilClose.consume(Array("HTTP/1.1 200 OK\r\n\r\n0123456789A".utf8)) == .failed(.responseTooLarge(limit: 10)))
        var head = makeReader(maxBody: 10, maxHead: 64)
        let bigHead = "HTTP/1.1 200 OK\r\nX-Filler: \(String(repeating: "f", count: 80))\r\n\r\n"
        #expect(head.consume(Array(bigHead.utf8)) == .failed(.responseTooLarge(limit: 64)))
    }
}
