// libFuzzer target: the server's HTTP/1.1 request parser, fed whole and in small reads; both must agree.
//
// Input: one control byte, then the stream. Control: bits 0-5 + 1 = read size for the second parse (1-64 bytes);
// bit 6 set = small limits (head 256, 4 fields, target 32, body 64) so that every limit is reachable.
import HTTPWire

@_cdecl("LLVMFuzzerTestOneInput")
public func requestParserFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var limits = HTTPRequestLimits()
    if control & 0x40 != 0 {
        limits.maxHeadBytes = 256
        limits.maxHeaderCount = 4
        limits.maxTargetBytes = 32
        limits.maxBodyBytes = 64
    }
    let whole = WireFuzzEntryPoints.parseRequests(stream, readSize: max(1, stream.count), limits: limits)
    let pieces = WireFuzzEntryPoints.parseRequests(stream, readSize: Int(control & 0x3F) + 1, limits: limits)
    for request in whole.requests + pieces.requests { checkAccepted(request, limits) }
    // Reads may only change where an over-long incomplete head is noticed (414/431), never what a request holds.
    for (first, second) in zip(whole.requests, pieces.requests) {
        require(same(first, second), "requests differ by read size: \(describe(first)) vs \(describe(second))")
    }
    if whole.error == nil, pieces.error == nil {
        require(whole.requests.count == pieces.requests.count,
                "request count differs by read size: \(whole.requests.count) vs \(pieces.requests.count)")
    }
    for error in [whole.error, pieces.error].compactMap({ $0 }) {
        require([400, 413, 414, 417, 431, 501, 505].contains(error.status), "unexpected parse error status \(error)")
    }
    return 0
}

/// What every request the parser hands to a server must satisfy.
private func checkAccepted(_ request: HTTPRequest, _ limits: HTTPRequestLimits) {
    require(!request.method.isEmpty && request.method.utf8.allSatisfy(isTokenByte), "bad method in \(describe(request))")
    require(!request.target.isEmpty && request.target.utf8.count <= limits.maxTargetBytes, "bad target in \(describe(request))")
    require(request.target.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "target with a control byte in \(describe(request))")
    require(request.headers.count <= limits.maxHeaderCount, "too many fields in \(describe(request))")
    require(request.body.count <= limits.maxBodyBytes, "body over the limit in \(describe(request))")
    for field in request.headers {
        require(!field.name.isEmpty && field.name.utf8.allSatisfy(isTokenByte), "bad field name in \(describe(request))")
        require(!field.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }, "CR, LF or NUL in a value in \(describe(request))")
    }
    if request.version == .http1_1 { require(request.headers.values("Host").count == 1, "HTTP/1.1 without one Host") }
    // Framing: exactly one way to find the body's end, and the body is what it says (no request smuggling).
    let lengths = request.headers.values("Content-Length")
    if request.headers.contains("Transfer-Encoding") {
        require(request.version == .http1_1 && lengths.isEmpty, "chunked framing with Content-Length or in HTTP/1.0: \(describe(request))")
    } else if let length = lengths.first {
        require(lengths.count == 1 && length.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && Int(length) == request.body.count,
                "body does not match Content-Length: \(describe(request))")
    } else {
        require(request.body.isEmpty, "a body without framing: \(describe(request))")
    }
}

private func same(_ first: HTTPRequest, _ second: HTTPRequest) -> Bool {
    first.method == second.method && first.target == second.target && first.version == second.version
        && first.headers == second.headers && first.body == second.body
}

private func describe(_ request: HTTPRequest) -> String {
    "\(request.method) \(request.target) \(request.version.rawValue) \(Array(request.headers)) body \(request.body.count) bytes"
}

private func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}
