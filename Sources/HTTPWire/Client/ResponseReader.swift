// Received bytes to one response or one client error. Pure: no sockets, no clock.

/// Feeds the bytes a connection receives to the response parser and says what they amount to.
struct ResponseReader {
    /// What the bytes so far amount to.
    enum Step: Equatable {
        /// The response is not complete yet: read more.
        case needMore
        /// The response is complete. `serverAllowsReuse` is `true` when the server did not ask to close, the body's
        /// end was known without the connection closing, and no byte beyond the response arrived.
        case complete(HTTPResponse, serverAllowsReuse: Bool)
        /// The response cannot be completed.
        case failed(HTTPClientError)
    }

    private var parser: HTTPResponseParser
    private var buffer = ByteBuffer()
    private let maxBodyBytes: Int
    private let maxHeadBytes: Int
    /// `true` once any byte of the response arrived.
    private(set) var receivedAny = false

    /// A reader for the response to a request of `requestMethod` (a HEAD response has no body).
    init(requestMethod: String, maxBodyBytes: Int, maxHeadBytes: Int) {
        parser = HTTPResponseParser(requestMethod: requestMethod, maxHeadBytes: maxHeadBytes, maxBodyBytes: maxBodyBytes)
        self.maxBodyBytes = maxBodyBytes
        self.maxHeadBytes = maxHeadBytes
    }

    /// Takes bytes just received.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) -> Step {
        if !bytes.isEmpty { receivedAny = true }
        buffer.append(bytes)
        do throws(HTTPParseError) {
            guard let response = try parser.next(&buffer) else {
                buffer.compact()
                return .needMore
            }
            return .complete(response, serverAllowsReuse: parser.keepAlive && buffer.isEmpty)
        } catch {
            return .failed(.parseFailure(error, maxBodyBytes: maxBodyBytes, maxHeadBytes: maxHeadBytes))
        }
    }

    /// Takes bytes just received.
    mutating func consume(_ bytes: [UInt8]) -> Step {
        bytes.withUnsafeBytes { consume($0) }
    }

    /// The peer closed its side cleanly: completes a read-until-close body, or says how the response fell short.
    mutating func endOfStream() -> Step {
        guard receivedAny else { return .failed(.closedWithoutResponse) }
        do throws(HTTPParseError) {
            return .complete(try parser.finishAtEndOfStream(), serverAllowsReuse: false)
        } catch {
            return .failed(.parseFailure(error, maxBodyBytes: maxBodyBytes, maxHeadBytes: maxHeadBytes))
        }
    }
}
