// libFuzzer target: the client's response reader (status line, fields, framing, end of stream), fed whole and in
// small reads; both must give the same response or both fail.
//
// Input: one control byte, then the stream. Control: bits 0-4 + 1 = read size for the second read (1-32 bytes);
// bit 5 clear = the request was HEAD (else GET); bit 6 set = small limits (head 128, body 64).
import HTTPWire

@_cdecl("LLVMFuzzerTestOneInput")
public func responseReaderFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let method = control & 0x20 == 0 ? "HEAD" : "GET"
    let (maxHead, maxBody) = control & 0x40 != 0 ? (128, 64) : (64 * 1024, 1024 * 1024)
    func read(_ readSize: Int) -> WireFuzzEntryPoints.ReadResponse {
        WireFuzzEntryPoints.readResponse(stream, readSize: readSize, requestMethod: method, maxHeadBytes: maxHead, maxBodyBytes: maxBody)
    }
    let whole = read(max(1, stream.count))
    let pieces = read(Int(control & 0x1F) + 1)
    require((whole.response == nil) == (pieces.response == nil),
            "read size changes the outcome: \(whole) vs \(pieces)")
    require(whole.response == pieces.response, "read size changes the response: \(whole) vs \(pieces)")
    // Reads can only end a response before bytes beyond it arrive, never the other way round.
    require(!whole.serverAllowsReuse || pieces.serverAllowsReuse, "reuse differs by read size: \(whole) vs \(pieces)")
    if let response = whole.response {
        require(response.status >= 100 && response.status <= 999, "status out of range: \(response.status)")
        require(response.status == 101 || !(100..<200).contains(response.status), "an interim response was returned: \(response.status)")
        require(response.body.count <= maxBody, "body over the limit: \(response.body.count) bytes")
        if method == "HEAD" || response.status == 204 || response.status == 304 {
            require(response.body.isEmpty, "a response that has no body has one: \(response.status)")
        }
        for field in response.headers {
            require(!field.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }, "CR, LF or NUL in a field value")
        }
        if whole.completedAtEndOfStream { require(!whole.serverAllowsReuse, "a read-until-close response allows reuse") }
        if response.headers.hasToken("close", in: "Connection") { require(!whole.serverAllowsReuse, "Connection: close allows reuse") }
        let hasBody = !(method == "HEAD" || response.status == 204 || response.status == 304 || response.status == 101)
        if hasBody, !response.headers.contains("Transfer-Encoding"), let length = response.headers["Content-Length"] {
            require(Int(length) == response.body.count, "body of \(response.body.count) bytes under Content-Length \(length)")
        }
    } else {
        require(whole.error != nil, "no response and no error")
    }
    return 0
}
