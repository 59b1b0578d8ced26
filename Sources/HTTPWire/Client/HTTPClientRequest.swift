// A request as a caller describes it: method, URL, headers and body.

/// A request for `HTTPClient.execute`.
///
/// `url` must be `http://host[:port][/path][?query]`; IPv6 hosts are written in brackets (`http://[::1]:8080/`).
/// The port defaults to 80 and a fragment (`#...`) is not sent. Only the `http` scheme is supported:
/// an `https` URL fails with `HTTPClientError.unsupportedScheme`, because this client has no TLS.
/// The path and query must already be percent-encoded (no spaces, controls or non-ASCII bytes).
public struct HTTPClientRequest: Sendable {
    /// The method, sent as given (methods are case-sensitive), e.g. `GET` or `POST`.
    public var method: String
    /// The absolute `http` URL the request goes to.
    public var url: String
    /// Header fields to send. `Host` is added from the URL unless present; `Content-Length` is computed from
    /// `body` and `Transfer-Encoding` is dropped. `Connection: close` stops the connection from being reused.
    public var headers: HTTPHeaders
    /// The body, sent with a `Content-Length`.
    public var body: [UInt8]

    /// A request; every argument but the URL has a default (`GET`, no headers, no body).
    public init(method: String = "GET", url: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
