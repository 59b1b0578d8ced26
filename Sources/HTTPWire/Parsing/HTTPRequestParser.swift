// Incremental HTTP/1.1 request parser (RFC 9112): bytes in, requests out, every limit enforced. Pure: no I/O.

/// The limits a request must stay within; each one names the status answered when it is exceeded.
public struct HTTPRequestLimits: Sendable, Equatable {
    /// Largest request head (request line + header fields); beyond it: 431.
    public var maxHeadBytes = 64 * 1024
    /// Most header fields in one request; beyond it: 431.
    public var maxHeaderCount = 100
    /// Longest request-target; beyond it: 414.
    public var maxTargetBytes = 8 * 1024
    /// Largest request body (Content-Length or decoded chunked); beyond it: 413, without reading the body.
    public var maxBodyBytes = 8 * 1024 * 1024

    public init() {}
}

/// Turns a byte stream into requests. Feed it with `next(_:)` until it returns nil (more bytes needed).
struct HTTPRequestParser {
    /// What `next` found.
    enum Event {
        /// The head of a request whose body is still to come: the moment to answer `Expect: 100-continue`.
        case head(HTTPRequest, expectsContinue: Bool)
        /// A whole request.
        case request(HTTPRequest)
    }

    private enum State {
        case head
        case fixedBody(remaining: Int)
        case chunkedBody(ChunkedDecoder)
    }

    let limits: HTTPRequestLimits
    private let clock: () -> ArrivalStamp
    private var state = State.head
    private var pending: HTTPRequest?
    /// How far past the head's start an earlier scan got; relative, so the owner may compact the buffer between calls.
    private var scanResume = 0

    init(limits: HTTPRequestLimits, clock: @escaping () -> ArrivalStamp = ArrivalStamp.now) {
        self.limits = limits
        self.clock = clock
    }

    /// `true` between requests (no partial request buffered in the parser's own state).
    var isIdle: Bool {
        if case .head = state { return true }
        return false
    }

    /// Parses the next event from `buffer`, consuming its bytes.
    /// - Throws: `HTTPParseError`; the connection should answer its status and close.
    mutating func next(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> Event? {
        switch state {
        case .head:
            return try parseHead(&buffer)
        case let .fixedBody(remaining):
            let available = min(remaining, buffer.readableCount)
            pending!.body.append(contentsOf: buffer.bytes[buffer.readerIndex..<buffer.readerIndex + available])
            buffer.readerIndex += available
            guard available == remaining else {
                state = .fixedBody(remaining: remaining - available)
                return nil
            }
            return finish()
        case var .chunkedBody(decoder):
            let done = try decoder.decode(&buffer, into: &pending!.body)
            state = .chunkedBody(decoder)
            return done ? finish() : nil
        }
    }

    private mutating func finish() -> Event {
        let request = pending!
        pending = nil
        state = .head
        return .request(request)
    }

    private mutating func parseHead(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> Event? {
        // RFC 9112 §2.2: ignore empty lines before the request line.
        while buffer.readableCount >= 2, buffer.bytes[buffer.readerIndex] == HeadScanner.cr, buffer.bytes[buffer.readerIndex + 1] == HeadScanner.lf {
            buffer.readerIndex += 2
            scanResume = 0
        }
        let start = buffer.readerIndex
        let limits = limits
        let result: Result<(HTTPRequest, Int, Bool, Int)?, HTTPParseError> = buffer.bytes.withUnsafeBufferPointer { bytes in
            do throws(HTTPParseError) {
                var resumeAt = start + scanResume
                defer { scanResume = resumeAt - start }
                guard let end = try HeadScanner.findHeadEnd(bytes, start: start, resumeAt: &resumeAt) else {
                    try Self.checkIncompleteHead(bytes, start: start, limits: limits)
                    return .success(nil)
                }
                guard end - start <= limits.maxHeadBytes else { throw HTTPParseError(431, "request head exceeds \(limits.maxHeadBytes) bytes") }
                let (request, bodyFraming, expects) = try Self.parseRequestHead(bytes, start: start, end: end, limits: limits)
                return .success((request, bodyFraming, expects, end))
            } catch {
                return .failure(error)
            }
        }
        guard let (head, framing, expectsContinue, end) = try result.get() else { return nil }
        buffer.readerIndex = end
        scanResume = 0
        var request = head
        request.arrival = clock()
        switch framing {
        case 0:
            return .request(request)
        case Self.chunked:
            pending = request
            state = .chunkedBody(ChunkedDecoder(maxBodyBytes: limits.maxBodyBytes, maxLineBytes: limits.maxHeadBytes))
        default:
            pending = request
            pending!.body.reserveCapacity(framing)
            state = .fixedBody(remaining: framing)
        }
        if buffer.isEmpty { return .head(request, expectsContinue: expectsContinue) }
        return try next(&buffer)
    }

    /// Body framing marker for chunked bodies; other values are the Content-Length.
    private static let chunked = -1

    /// Rejects an incomplete head that can no longer fit: 414 for an endless request line, 431 for an endless head.
    private static func checkIncompleteHead(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, limits: HTTPRequestLimits) throws(HTTPParseError) {
        let buffered = bytes.count - start
        if HeadScanner.lineEnd(bytes, from: start, to: bytes.count) == nil, buffered > limits.maxTargetBytes + 64 {
            throw HTTPParseError(414, "request-target exceeds \(limits.maxTargetBytes) bytes")
        }
        if buffered > limits.maxHeadBytes { throw HTTPParseError(431, "request head exceeds \(limits.maxHeadBytes) bytes") }
    }

    /// Parses the request line and fields of a complete head; returns the request, its body framing and whether it expects 100-continue.
    private static func parseRequestHead(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, limits: HTTPRequestLimits) throws(HTTPParseError) -> (HTTPRequest, Int, Bool) {
        let lineStop = HeadScanner.lineEnd(bytes, from: start, to: end)!
        var methodEnd = start
        while methodEnd < lineStop, bytes[methodEnd] != HeadScanner.space {
            guard HeadScanner.isTokenByte(bytes[methodEnd]) else { throw HTTPParseError(400, "method contains an invalid character (byte 0x\(HeadScanner.hex(bytes[methodEnd])))") }
            methodEnd += 1
        }
        guard methodEnd > start, methodEnd < lineStop else { throw HTTPParseError(400, "request line must be 'METHOD target HTTP/1.1'") }
        let targetStart = methodEnd + 1
        var targetEnd = targetStart
        while targetEnd < lineStop, bytes[targetEnd] != HeadScanner.space {
            guard bytes[targetEnd] > 0x20, bytes[targetEnd] < 0x7F else { throw HTTPParseError(400, "request-target contains an invalid character (byte 0x\(HeadScanner.hex(bytes[targetEnd])))") }
            targetEnd += 1
        }
        guard targetEnd - targetStart <= limits.maxTargetBytes else { throw HTTPParseError(414, "request-target exceeds \(limits.maxTargetBytes) bytes") }
        guard targetEnd > targetStart, targetEnd < lineStop else { throw HTTPParseError(400, "request line must be 'METHOD target HTTP/1.1'") }
        let versionText = HeadScanner.string(bytes, targetEnd + 1, lineStop)
        let version: HTTPVersion
        switch versionText {
        case "HTTP/1.1": version = .http1_1
        case "HTTP/1.0": version = .http1_0
        // RFC 9110 §2.5: a later minor version of HTTP/1 is processed as the latest one we implement.
        case _ where versionText.utf8.count == 8 && versionText.hasPrefix("HTTP/1.") && versionText.last?.isASCII == true
            && versionText.last?.isNumber == true:
            version = .http1_1
        default:
            let isVersion = versionText.utf8.count == 8 && versionText.hasPrefix("HTTP/") && versionText.utf8.enumerated().allSatisfy { index, byte in
                index < 5 || (index == 6 ? byte == UInt8(ascii: ".") : (byte >= 0x30 && byte <= 0x39))
            }
            if isVersion { throw HTTPParseError(505, "HTTP version \(versionText) is not supported; use HTTP/1.1") }
            throw HTTPParseError(400, "request line must end in HTTP/1.1 or HTTP/1.0")
        }
        let target = HeadScanner.string(bytes, targetStart, targetEnd)
        let method = HeadScanner.string(bytes, start, methodEnd)
        // RFC 9112 §3.2: origin-form and absolute-form for any method; asterisk-form only for OPTIONS (§3.2.4),
        // authority-form only for CONNECT (§3.2.3).
        guard target.hasPrefix("/") || target.contains("://") || (target == "*" && method == "OPTIONS")
            || (method == "CONNECT" && !target.contains("/")) else {
            throw HTTPParseError(400, "request-target '\(target.prefix(60))' is not a valid form for \(method)")
        }
        let headers = try HeadScanner.parseFields(bytes, from: lineStop + 2, to: end - 2, maxCount: limits.maxHeaderCount)
        let request = HTTPRequest(method: method, target: target, version: version, headers: headers)
        let hosts = headers.values("Host")
        if version == .http1_1 {
            guard hosts.count == 1 else { throw HTTPParseError(400, hosts.isEmpty ? "HTTP/1.1 request has no Host header" : "request has more than one Host header") }
        }
        // RFC 9112 §3.2: a Host with an invalid value MUST be answered 400.
        if let host = hosts.first, !host.utf8.allSatisfy(HeadScanner.isHostByte) {
            throw HTTPParseError(400, "Host '\(host.prefix(60))' is not a valid host[:port]")
        }
        let framing = try bodyFraming(headers, version: version, limits: limits)
        var expectsContinue = false
        if let expect = headers["Expect"] {
            guard HTTPHeaders.namesMatch(expect, "100-continue") else { throw HTTPParseError(417, "only 'Expect: 100-continue' is supported") }
            expectsContinue = version == .http1_1 && framing != 0
        }
        return (request, framing, expectsContinue)
    }

    /// RFC 9112 §6.3: chunked when Transfer-Encoding ends in chunked, else Content-Length, else no body.
    private static func bodyFraming(_ headers: HTTPHeaders, version: HTTPVersion, limits: HTTPRequestLimits) throws(HTTPParseError) -> Int {
        let encodings = headers.values("Transfer-Encoding")
        if !encodings.isEmpty {
            guard version == .http1_1 else { throw HTTPParseError(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request") }
            guard !headers.contains("Content-Length") else { throw HTTPParseError(400, "request has both Content-Length and Transfer-Encoding") }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace().lowercased() }
            guard codings.last == "chunked" else {
                if let unknown = codings.first(where: { $0 != "chunked" }) {
                    throw HTTPParseError(codings.contains("chunked") ? 400 : 501, "transfer coding '\(unknown)' is not supported; only chunked is")
                }
                throw HTTPParseError(400, "Transfer-Encoding must end in chunked")
            }
            guard codings.count == 1 else {
                if let unknown = codings.first(where: { $0 != "chunked" }) { throw HTTPParseError(501, "transfer coding '\(unknown)' is not supported; only chunked is") }
                throw HTTPParseError(400, "chunked is applied more than once")
            }
            return chunked
        }
        guard let length = try HeadScanner.contentLength(headers.values("Content-Length")) else { return 0 }
        guard length <= limits.maxBodyBytes else { throw HTTPParseError(413, "Content-Length \(length) exceeds the limit of \(limits.maxBodyBytes) bytes") }
        return length
    }
}
