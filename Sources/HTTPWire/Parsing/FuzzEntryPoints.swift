// Package-only entry points for the libFuzzer targets in Tests/Fuzz: the parsers fed exactly as connections feed them.

/// Drives the server's request parser and the client's response reader over a byte stream cut into reads of a
/// chosen size, with the same loop, compaction and end-of-stream handling as `ServerConnection` and `ClientConnection`,
/// so that fuzz targets reach the parsers without the internals being made public.
package enum WireFuzzEntryPoints {
    /// What the request parser made of a stream: the complete requests in order, then the error that ended it, if any.
    package struct ParsedRequests {
        package var requests: [HTTPRequest] = []
        package var error: HTTPParseError?
    }

    /// Parses `bytes` as a server connection does, `readSize` bytes per read (at least 1). Arrival stamps are fixed,
    /// so two parses of the same stream give equal requests.
    package static func parseRequests(_ bytes: [UInt8], readSize: Int, limits: HTTPRequestLimits) -> ParsedRequests {
        let stamp = ArrivalStamp(wall: .init(timeIntervalSince1970: 0), monotonicNanoseconds: 0)
        var parser = HTTPRequestParser(limits: limits, clock: { stamp })
        var buffer = ByteBuffer()
        var result = ParsedRequests()
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + max(1, readSize))
            buffer.append(Array(bytes[offset..<end]))
            offset = end
            do throws(HTTPParseError) {
                while !buffer.isEmpty, let event = try parser.next(&buffer) {
                    if case let .request(request) = event { result.requests.append(request) }
                }
            } catch {
                result.error = error
                return result
            }
            buffer.compact()
        }
        return result
    }

    /// What the response reader made of a stream followed by the peer closing its side.
    package struct ReadResponse: Equatable {
        /// The response, when it completed.
        package var response: HTTPResponse?
        /// Whether the connection could be reused after it (meaningful only with a response).
        package var serverAllowsReuse = false
        /// Why there is no response.
        package var error: HTTPClientError?
        /// `true` when the response completed only because the stream ended (read-until-close framing).
        package var completedAtEndOfStream = false
    }

    /// Reads the response to a `requestMethod` request from `bytes`, `readSize` bytes per read (at least 1), then
    /// signals the end of the stream unless the response completed first.
    package static func readResponse(_ bytes: [UInt8], readSize: Int, requestMethod: String,
                                     maxHeadBytes: Int, maxBodyBytes: Int) -> ReadResponse {
        var reader = ResponseReader(requestMethod: requestMethod, maxBodyBytes: maxBodyBytes, maxHeadBytes: maxHeadBytes)
        var offset = 0
        var step = ResponseReader.Step.needMore
        while offset < bytes.count, step == .needMore {
            let end = min(bytes.count, offset + max(1, readSize))
            step = reader.consume(Array(bytes[offset..<end]))
            offset = end
        }
        var atEnd = false
        if step == .needMore {
            step = reader.endOfStream()
            atEnd = true
        }
        switch step {
        case let .complete(response, reuse):
            return ReadResponse(response: response, serverAllowsReuse: reuse, completedAtEndOfStream: atEnd)
        case let .failed(error):
            return ReadResponse(error: error)
        case .needMore:
            return ReadResponse(error: .malformedResponse("reader still wants bytes after the end of the stream"))
        }
    }
}
