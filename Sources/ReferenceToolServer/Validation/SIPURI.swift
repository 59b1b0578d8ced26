// A SIP or SIPS URI parsed by RFC 3261 section 25.1's grammar.

/// A `name[=value]` URI parameter or a `name=value` header of a SIP URI.
public struct SIPURIParameter: Sendable, Equatable {
    public var name: String
    public var value: String?
}

/// A parsed `sip:`/`sips:` URI: `sip:[user[:password]@]host[:port][;param[=value]]*[?header=value[&...]]`.
/// Host is a hostname, an IPv4 address (each part 0-255, stricter than RFC 3261's 1*3DIGIT) or a bracketed IPv6
/// reference. The scheme is case-insensitive; nothing else is normalised.
public struct SIPURI: Sendable, Equatable {
    /// True for `sips:`.
    public var secure: Bool
    public var user: String?
    public var password: String?
    /// Host as written (IPv6 with its brackets).
    public var host: String
    public var port: Int?
    public var parameters: [SIPURIParameter]
    public var headers: [SIPURIParameter]

    /// Parses `text` by RFC 3261's SIP-URI / SIPS-URI rules.
    /// - Throws: `TransferDestinationError` naming the part that is wrong.
    public static func parse(_ text: String) throws(TransferDestinationError) -> SIPURI {
        let scalars = Array(text.unicodeScalars)
        let lowered = text.lowercased()
        let secure = lowered.hasPrefix("sips:")
        guard secure || lowered.hasPrefix("sip:") else { throw TransferDestinationError("a SIP URI starts with sip: or sips:, got '\(text)'") }
        var rest = scalars[(secure ? 5 : 4)...]
        guard !rest.isEmpty else { throw TransferDestinationError("SIP URI '\(text)' has no host") }

        var user: String?, password: String?
        if let at = rest.firstIndex(of: "@") {
            let userinfo = rest[..<at]
            let colon = userinfo.firstIndex(of: ":")
            let userPart = userinfo[..<(colon ?? userinfo.endIndex)]
            guard !userPart.isEmpty else { throw TransferDestinationError("SIP URI '\(text)' has an empty user part before @") }
            guard SIPGrammar.matches(userPart, SIPGrammar.isUserChar) else {
                throw TransferDestinationError("SIP URI user part '\(SIPGrammar.string(userPart))' has a character not allowed by RFC 3261 (escape it as %XX)")
            }
            user = SIPGrammar.string(userPart)
            if let colon {
                let passwordPart = userinfo[userinfo.index(after: colon)...]
                guard SIPGrammar.matches(passwordPart, SIPGrammar.isPasswordChar) else {
                    throw TransferDestinationError("SIP URI password has a character not allowed by RFC 3261")
                }
                password = SIPGrammar.string(passwordPart)
            }
            rest = rest[rest.index(after: at)...]
        }

        let hostportEnd = rest.firstIndex { $0 == ";" || $0 == "?" } ?? rest.endIndex
        let (host, port) = try SIPGrammar.hostport(rest[..<hostportEnd], in: text)
        rest = rest[hostportEnd...]

        let headersStart = rest.firstIndex(of: "?") ?? rest.endIndex
        let parameters = try SIPGrammar.parameters(rest[..<headersStart])
        let headers = headersStart == rest.endIndex ? [] : try SIPGrammar.headers(rest[rest.index(after: headersStart)...])
        return SIPURI(secure: secure, user: user, password: password, host: host, port: port, parameters: parameters, headers: headers)
    }
}
