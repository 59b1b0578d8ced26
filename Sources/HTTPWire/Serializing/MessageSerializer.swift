// Messages to bytes: a response as the server sends it, a request as the client sends it; one buffer each, one send.

enum MessageSerializer {
    /// The response's bytes. Adds `Date`, `Content-Length` (except on 1xx, 204 and 304), and `Connection: close` when
    /// the connection ends after it or `Connection: keep-alive` when `keepAlive` (an HTTP/1.0 peer needs it); replaces any of those the handler set. A HEAD answer keeps the length, drops the body.
    static func response(_ response: HTTPResponse, requestMethod: String, closing: Bool, keepAlive: Bool = false,
                         date: [UInt8]) -> [UInt8] {
        let status = response.status
        let reason = response.reason ?? HTTPResponse.standardReason(status)
        var out: [UInt8] = []
        out.reserveCapacity(128 + response.body.count + response.headers.count * 32)
        out.append(contentsOf: "HTTP/1.1 \(status) \(reason)\r\n".utf8)
        for (name, value) in response.headers.fields {
            if HTTPHeaders.namesMatch(name, "Content-Length") || HTTPHeaders.namesMatch(name, "Date")
                || HTTPHeaders.namesMatch(name, "Connection") || HTTPHeaders.namesMatch(name, "Transfer-Encoding") { continue }
            appendField(&out, name, value)
        }
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: date)
        out.append(contentsOf: "\r\n".utf8)
        // Not on 1xx and 204 (forbidden), nor on 304, where it would have to equal the 200 body's length (RFC 9110 §8.6).
        if !((100..<200).contains(status) || status == 204 || status == 304) {
            appendField(&out, "Content-Length", String(response.body.count))
        }
        if closing {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if keepAlive {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if !HTTPResponse.hasNoBody(status: status, requestMethod: requestMethod) { out.append(contentsOf: response.body) }
        return out
    }

    /// The request's bytes, with `Host` and `Content-Length` (when there is a body or the method usually has one).
    static func request(method: String, target: String, host: String, headers: HTTPHeaders, body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + body.count + headers.count * 32)
        out.append(contentsOf: "\(method) \(target) HTTP/1.1\r\n".utf8)
        if !headers.contains("Host") { appendField(&out, "Host", host) }
        for (name, value) in headers.fields {
            if HTTPHeaders.namesMatch(name, "Content-Length") || HTTPHeaders.namesMatch(name, "Transfer-Encoding") { continue }
            appendField(&out, name, value)
        }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { appendField(&out, "Content-Length", String(body.count)) }
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }

    private static func appendField(_ out: inout [UInt8], _ name: String, _ value: String) {
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ": ".utf8)
        // A handler's value must not be able to inject header lines: CR and LF become spaces.
        for byte in value.utf8 { out.append(byte == HeadScanner.cr || byte == HeadScanner.lf ? HeadScanner.space : byte) }
        out.append(contentsOf: "\r\n".utf8)
    }
}
