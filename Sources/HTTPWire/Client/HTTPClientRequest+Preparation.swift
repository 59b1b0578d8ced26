// Checking a request and turning it into the bytes one send puts on the wire. Pure.

/// A request that passed every check, serialized and ready for a connection.
struct PreparedRequest: Sendable {
    var target: HTTPClientRequest.Target
    var method: String
    /// The whole request (head and body) in one buffer, for one send where the socket takes it.
    var bytes: [UInt8]
    /// `true` when the request sends `Connection: close`: the connection is not reused after it.
    var asksToClose: Bool
}

extension HTTPClientRequest {
    /// Parses the URL, checks the method and headers, and serializes the request.
    /// - Throws: `invalidURL` or `unsupportedScheme` for the URL; `invalidRequest` for a method or header name that
    ///   is not a token, or a header value with a control character (which could otherwise smuggle header lines).
    func prepared() throws(HTTPClientError) -> PreparedRequest {
        let target = try Target.parse(url)
        guard !method.isEmpty, method.utf8.allSatisfy(HeadScanner.isTokenByte) else {
            throw .invalidRequest("method '\(method.prefix(40))' is not a token (letters, digits and !#$%&'*+-.^_`|~)")
        }
        for (name, value) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy(HeadScanner.isTokenByte) else {
                throw .invalidRequest("header name '\(name.prefix(40))' is not a token")
            }
            guard value.utf8.allSatisfy(HeadScanner.isFieldValueByte) else {
                throw .invalidRequest("the value of header '\(name)' contains a control character")
            }
        }
        let bytes = MessageSerializer.request(method: method, target: target.pathAndQuery, host: target.hostHeader,
                                              headers: headers, body: body)
        return PreparedRequest(target: target, method: method, bytes: bytes, asksToClose: headers.hasToken("close", in: "Connection"))
    }
}
