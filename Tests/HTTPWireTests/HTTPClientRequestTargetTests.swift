// URL parsing and request preparation, without sockets.
import Testing
@testable import HTTPWire

struct HTTPClientRequestTargetTests {
    @Test func parse_ReadsHostPortPathAndQuery() throws {
        let target = try HTTPClientRequest.Target.parse("http://Example.COM:8080/leads/42?full=1#top")
        #expect(target == .init(host: "example.com", port: 8080, pathAndQuery: "/leads/42?full=1", isNumericHost: false))
        #expect(target.hostHeader == "example.com:8080")
        #expect(target.poolKey == ConnectionPoolKey(host: "example.com", port: 8080))
    }

    @Test func parse_DefaultsToPort80AndRootPath() throws {
        let target = try HTTPClientRequest.Target.parse("http://127.0.0.1")
        #expect(target == .init(host: "127.0.0.1", port: 80, pathAndQuery: "/", isNumericHost: true))
        #expect(target.hostHeader == "127.0.0.1")
        #expect(try HTTPClientRequest.Target.parse("http://h:/x").port == 80)
        #expect(try HTTPClientRequest.Target.parse("HTTP://h?x=1").pathAndQuery == "/?x=1")
    }

    @Test func parse_AcceptsBracketedIPv6() throws {
        let target = try HTTPClientRequest.Target.parse("http://[::1]:9000/a")
        #expect(target == .init(host: "[::1]", port: 9000, pathAndQuery: "/a", isNumericHost: true))
        #expect(target.hostHeader == "[::1]:9000")
        #expect(try HTTPClientRequest.Target.parse("http://[fe80::1]/").port == 80)
    }

    @Test func parse_TellsIPv4LiteralsFromNames() {
        #expect(HTTPClientRequest.Target.isIPv4Literal("10.0.0.255"))
        #expect(!HTTPClientRequest.Target.isIPv4Literal("10.0.0.256"))
        #expect(!HTTPClientRequest.Target.isIPv4Literal("1.2.3"))
        #expect(!HTTPClientRequest.Target.isIPv4Literal("localhost"))
    }

    @Test func parse_ReadsHTTPS_WithPort443ByDefault_AndItsOwnPool() throws {
        let secure = try HTTPClientRequest.Target.parse("HTTPS://Example.com/x?y=1")
        #expect(secure.isSecure && secure.port == 443 && secure.hostHeader == "example.com" && secure.pathAndQuery == "/x?y=1")
        let explicit = try HTTPClientRequest.Target.parse("https://example.com:8443/")
        #expect(explicit.port == 8443 && explicit.hostHeader == "example.com:8443")
        let plain = try HTTPClientRequest.Target.parse("http://example.com:443/")
        #expect(!plain.isSecure && plain.hostHeader == "example.com:443")
        #expect(plain.poolKey != HTTPClientRequest.Target(host: "example.com", port: 443, isSecure: true, pathAndQuery: "/",
                                                          isNumericHost: false).poolKey)
    }

    @Test(arguments: ["ftp://example.com/", "FTP://example.com/", "ws://h/", "httpx://h/"])
    func parse_RefusesSchemesOtherThanHTTPAndHTTPS(url: String) {
        let scheme = String(url.prefix { $0 != ":" })
        #expect(throws: HTTPClientError.unsupportedScheme(scheme)) { try HTTPClientRequest.Target.parse(url) }
    }

    @Test(arguments: ["example.com/x", "http:/x", "://h/", "1http://h/", "http://", "http:///path", "http://h:0/", "http://h:65536/",
                      "http://h:8o/", "http://user:pw@h/", "http://h/a b", "http://h/\u{e9}", "http://[::1/", "http://[::1]x/",
                      "http://[zz::1]/", "http://h\u{e9}.com/", "http://h h/"])
    func parse_RejectsMalformedURLs(url: String) {
        #expect {
            try HTTPClientRequest.Target.parse(url)
        } throws: { error in
            guard case let .invalidURL(reason) = error as? HTTPClientError else { return false }
            return !reason.isEmpty
        }
    }

    @Test func prepared_SerializesRequestLineHostAndBody() throws {
        let request = HTTPClientRequest(method: "POST", url: "http://h:8080/p?q=1", headers: ["X-Trace": "abc"], body: Array("hi".utf8))
        let prepared = try request.prepared()
        #expect(String(decoding: prepared.bytes, as: UTF8.self)
            == "POST /p?q=1 HTTP/1.1\r\nHost: h:8080\r\nX-Trace: abc\r\nContent-Length: 2\r\n\r\nhi")
        #expect(!prepared.asksToClose)
        #expect(try HTTPClientRequest(url: "http://h/", headers: ["Connection": "close"]).prepared().asksToClose)
    }

    @Test(arguments: [HTTPClientRequest(method: "GE T", url: "http://h/"), HTTPClientRequest(method: "", url: "http://h/"),
                      HTTPClientRequest(url: "http://h/", headers: ["Bad Name": "x"]),
                      HTTPClientRequest(url: "http://h/", headers: ["X-Evil": "a\r\nInjected: yes"])])
    func prepared_RejectsMethodsAndHeadersThatCouldBreakTheHead(request: HTTPClientRequest) {
        #expect {
            try request.prepared()
        } throws: { error in
            guard case .invalidRequest = error as? HTTPClientError else { return false }
            return true
        }
    }
}
