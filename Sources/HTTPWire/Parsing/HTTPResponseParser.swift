// Incremental HTTP/1.1 response parser for the client: status line, fields, and the body framed as RFC 9112 §6.3 says.

/// Turns a byte stream into one response to a request of `requestMethod`. Interim (1xx) responses are skipped.
struct HTTPResponseParser {
    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkedBody(ChunkedDecoder)
        case untilClose
        case done
    }

    let requestMethod: String
    let maxHeadBytes: Int
    let maxBodyBytes: Int
    private var state = State.head
    private var response = HTTPResponse(status: 0)
    /// How far past the head's start an earlier scan got; relative, so the owner may compact the buffer between calls.
    private var scanResume = 0
    /// Whether the server allows the connection to be reused after this response.
    private(set) var keepAlive = true

    init(requestMethod: String, maxHeadBytes: Int = 64 * 1024, maxBodyBytes: Int) {
        self.requestMethod = requestMethod
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// `true` once no byte of the response has been consumed yet.
    private(set) var hasStarted = false

    /// Consumes bytes; returns the response once complete.
    /// - Throws: `HTTPParseError` with status 413 for a body over `maxBodyBytes`, 400 for anything malformed.
    mutating func next(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> HTTPResponse? {
        if !buffer.isEmpty { hasStarted = true }
        while true {
            switch state {
            case .done:
                return response
            case .head:
                guard try parseHead(&buffer) else { return nil }
            case let .fixedBody(remaining):
                let available = min(remaining, buffer.readableCount)
                response.body.append(contentsOf: buffer.bytes[buffer.readerIndex..<buffer.readerIndex + available])
                buffer.readerIndex += available
                guard available == remaining else {
                    state = .fixedBody(remaining: remaining - available)
                    return nil
                }
                state = .done
            case var .chunkedBody(decoder):
                let done = try decoder.decode(&buffer, into: &response.body)
                state = done ? .done : .chunkedBody(decoder)
                if !done { return nil }
            case .untilClose:
                response.body.append(contentsOf: buffer.bytes[buffer.readerIndex...])
                buffer.readerIndex = buffer.bytes.count
                guard response.body.count <= maxBodyBytes else { throw HTTPParseError(413, "response body exceeds \(maxBodyBytes) bytes") }
                return nil
            }
        }
    }

    /// Called when the peer closed the connection: completes a read-until-close body, or throws when the response is cut short.
    mutating func finishAtEndOfStream() throws(HTTPParseError) -> HTTPResponse {
        switch state {
        case .untilClose, .done:
            state = .done
            keepAlive = false
            return response
        case .head:
            throw HTTPParseError(400, "connection closed before the response head was complete")
        case .fixedBody, .chunkedBody:
            throw HTTPParseError(400, "connection closed before the response body was complete")
        }
    }

    private mutating func parseHead(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> Bool {
        let start = buffer.readerIndex
        let maxHead = maxHeadBytes
        let parsed: Result<(HTTPResponse, Bool, Int)?, HTTPParseError> = buffer.bytes.withUnsafeBufferPointer { bytes in
            do throws(HTTPParseError) {
                var resumeAt = start + scanResume
                defer { scanResume = resumeAt - start }
                guard let end = try HeadScanner.findHeadEnd(bytes, start: start, resumeAt: &resumeAt) else {
                    if bytes.count - start > maxHead { throw HTTPParseError(413, "response head exceeds \(maxHead) bytes") }
                    return .success(nil)
                }
                guard end - start <= maxHead else { throw HTTPParseError(413, "response head exceeds \(maxHead) bytes") }
                let (head, isHTTP10) = try Self.parseStatusAndFields(bytes, start: start, end: end)
                return .success((head, isHTTP10, end))
            } catch {
                return .failure(error)
            }
        }
        guard let (head, isHTTP10, end) = try parsed.get() else { return false }
        buffer.readerIndex = end
        scanResume = 0
        if (100..<200).contains(head.status) && head.status != 101 { return true }  // interim: read the next head
        response = head
        // RFC 9112 §9.3: HTTP/1.0 keeps the connection only when the answer says keep-alive.
        keepAlive = !head.headers.hasToken("close", in: "Connection")
            && (!isHTTP10 || head.headers.hasToken("keep-alive", in: "Connection"))
        if HTTPResponse.hasNoBody(status: head.status, requestMethod: requestMethod) {
            state = .done
        } else if let encoding = head.headers.values("Transfer-Encoding").last {
            guard encoding.split(separator: ",").last.map({ HTTPHeaders.namesMatch($0.trimmingWhitespace(), "chunked") }) == true else {
                state = .untilClose
                keepAlive = false
                return true
            }
            state = .chunkedBody(ChunkedDecoder(maxBodyBytes: maxBodyBytes, maxLineBytes: maxHeadBytes))
        } else if let length = try HeadScanner.contentLength(head.headers.values("Content-Length")) {
            guard length <= maxBodyBytes else { throw HTTPParseError(413, "response Content-Length \(length) exceeds \(maxBodyBytes) bytes") }
            response.body.reserveCapacity(length)
            state = length == 0 ? .done : .fixedBody(remaining: length)
        } else {
            state = .untilClose
            keepAlive = false
        }
        return true
    }

    /// The status line and fields, and whether the response is HTTP/1.0.
    private static func parseStatusAndFields(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) throws(HTTPParseError) -> (HTTPResponse, Bool) {
        let lineStop = HeadScanner.lineEnd(bytes, from: start, to: end)!
        let line = HeadScanner.string(bytes, start, lineStop)
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0",
              parts[1].utf8.count == 3, let status = Int(parts[1]), status >= 100 else {
            throw HTTPParseError(400, "malformed status line '\(line.prefix(60))'")
        }
        let headers = try HeadScanner.parseFields(bytes, from: lineStop + 2, to: end - 2, maxCount: 1000)
        let response = HTTPResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers)
        return (response, parts[0] == "HTTP/1.0")
    }
}
