// URL parsing: from `http(s)://host:port/path?query` to where to connect and what to put in the request line. Pure.

extension HTTPClientRequest {
    /// Where a request goes, parsed from its URL.
    struct Target: Equatable, Sendable {
        /// The host, lowercased; an IPv6 literal keeps its brackets (`[::1]`).
        var host: String
        /// The port, 80 (443 for https) when the URL names none.
        var port: UInt16
        /// `true` for `https`: the connection speaks TLS and verifies the server's certificate for `host`.
        var isSecure = false
        /// The request-target for the request line: path and query, `/` when the URL has no path; never the fragment.
        var pathAndQuery: String
        /// `true` for IPv4 and IPv6 literals, which resolve without a name lookup.
        var isNumericHost: Bool

        /// The `Host` header value: the host, plus `:port` unless the port is the scheme's default.
        var hostHeader: String { port == defaultPort ? host : "\(host):\(port)" }

        /// 443 for https, 80 for http.
        private var defaultPort: UInt16 { isSecure ? 443 : 80 }

        /// Which pool of idle connections this target shares.
        var poolKey: ConnectionPoolKey { ConnectionPoolKey(host: host, port: port, isSecure: isSecure) }

        /// Parses an absolute `http` or `https` URL.
        /// - Throws: `unsupportedScheme` for any other scheme; `invalidURL` saying what is wrong for anything else
        ///   that is not `http(s)://host[:port][/path][?query][#fragment]`.
        static func parse(_ url: String) throws(HTTPClientError) -> Target {
            let shown = url.count > 200 ? "'\(url.prefix(200))...'" : "'\(url)'"
            guard let separator = url.firstRange(of: "://") else {
                throw .invalidURL("\(shown) does not start with a scheme and '://'; expected http://host:port/path")
            }
            let scheme = url[..<separator.lowerBound]
            guard let first = scheme.first, first.isASCII, first.isLetter,
                  scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
                throw .invalidURL("\(shown) has an invalid scheme '\(scheme)'")
            }
            let isSecure: Bool
            switch scheme.lowercased() {
            case "http": isSecure = false
            case "https": isSecure = true
            default: throw .unsupportedScheme(String(scheme))
            }
            let rest = url[separator.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let (host, port, isNumeric) = try parseAuthority(rest[..<authorityEnd], defaultPort: isSecure ? 443 : 80, shown: shown)
            return Target(host: host, port: port, isSecure: isSecure,
                          pathAndQuery: try parsePathAndQuery(rest[authorityEnd...], shown: shown), isNumericHost: isNumeric)
        }

        private static func parseAuthority(_ authority: Substring, defaultPort: UInt16,
                                           shown: String) throws(HTTPClientError) -> (String, UInt16, Bool) {
            guard !authority.contains("@") else {
                throw .invalidURL("\(shown) carries user information ('user@'), which this client does not send")
            }
            let host: Substring, portText: Substring?
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else { throw .invalidURL("\(shown) has an IPv6 host without a closing ']'") }
                host = authority[...close]
                let inner = authority[authority.index(after: authority.startIndex)..<close]
                guard inner.contains(":"), inner.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else {
                    throw .invalidURL("\(shown) has an invalid IPv6 host '\(host)'")
                }
                let after = authority[authority.index(after: close)...]
                guard after.isEmpty || after.hasPrefix(":") else { throw .invalidURL("\(shown) has text after the IPv6 host's ']'") }
                portText = after.isEmpty ? nil : after.dropFirst()
            } else if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                host = authority
                portText = nil
            }
            guard !host.isEmpty else { throw .invalidURL("\(shown) has no host") }
            guard host.hasPrefix("[") || host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) else {
                throw .invalidURL("\(shown) has a host with characters other than letters, digits, '-', '.' and '_'")
            }
            return (host.lowercased(), try parsePort(portText, default: defaultPort, shown: shown),
                    host.hasPrefix("[") || isIPv4Literal(host))
        }

        private static func parsePort(_ text: Substring?, default defaultPort: UInt16, shown: String) throws(HTTPClientError) -> UInt16 {
            guard let text, !text.isEmpty else { return defaultPort }
            guard text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text), (1...65535).contains(port) else {
                throw .invalidURL("\(shown) has port '\(text)'; a port is a number from 1 to 65535")
            }
            return UInt16(port)
        }

        private static func parsePathAndQuery(_ text: Substring, shown: String) throws(HTTPClientError) -> String {
            let withoutFragment = text.prefix { $0 != "#" }
            guard withoutFragment.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw .invalidURL("\(shown) has a space, control character or non-ASCII byte in its path or query; percent-encode it")
            }
            if withoutFragment.isEmpty { return "/" }
            return withoutFragment.hasPrefix("?") ? "/" + withoutFragment : String(withoutFragment)
        }

        /// `true` for a dotted-quad IPv4 address such as `127.0.0.1`.
        static func isIPv4Literal(_ host: Substring) -> Bool {
            let parts = host.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 4 && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && (Int(part) ?? 256) <= 255
            }
        }
    }
}
