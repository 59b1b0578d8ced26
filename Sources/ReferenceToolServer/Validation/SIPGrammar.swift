// RFC 3261 section 25.1 character classes and the hostport, parameter and header rules of a SIP URI.

/// The pieces of RFC 3261's SIP-URI grammar, over Unicode scalars (anything outside ASCII fails every class).
enum SIPGrammar {
    typealias Scalars = ArraySlice<Unicode.Scalar>

    static func string(_ scalars: Scalars) -> String { String(String.UnicodeScalarView(scalars)) }

    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool { c.isASCIILetter || isDigit(c) }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    static func isHexDigit(_ c: Unicode.Scalar) -> Bool { isDigit(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c) }
    /// unreserved = alphanum / mark; mark = - _ . ! ~ * ' ( )
    static func isUnreserved(_ c: Unicode.Scalar) -> Bool { isAlphanumeric(c) || "-_.!~*'()".unicodeScalars.contains(c) }
    /// user = 1*( unreserved / escaped / user-unreserved ); user-unreserved = & = + $ , ; ? /
    static func isUserChar(_ c: Unicode.Scalar) -> Bool { isUnreserved(c) || "&=+$,;?/".unicodeScalars.contains(c) }
    /// password = *( unreserved / escaped / & = + $ , )
    static func isPasswordChar(_ c: Unicode.Scalar) -> Bool { isUnreserved(c) || "&=+$,".unicodeScalars.contains(c) }
    /// paramchar = param-unreserved / unreserved / escaped; param-unreserved = [ ] / : & + $
    static func isParamChar(_ c: Unicode.Scalar) -> Bool { isUnreserved(c) || "[]/:&+$".unicodeScalars.contains(c) }
    /// hname / hvalue = *( hnv-unreserved / unreserved / escaped ); hnv-unreserved = [ ] / ? : + $
    static func isHeaderChar(_ c: Unicode.Scalar) -> Bool { isUnreserved(c) || "[]/?:+$".unicodeScalars.contains(c) }

    /// Whether every scalar is in `allowed` or part of an `escaped` triplet (`%` HEXDIG HEXDIG).
    static func matches(_ text: Scalars, _ allowed: (Unicode.Scalar) -> Bool) -> Bool {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "%" {
                guard index + 2 < text.endIndex, isHexDigit(text[index + 1]), isHexDigit(text[index + 2]) else { return false }
                index += 3
            } else {
                guard allowed(text[index]) else { return false }
                index += 1
            }
        }
        return true
    }

    /// hostport = host [ ":" port ], port 1-65535.
    static func hostport(_ text: Scalars, in uri: String) throws(TransferDestinationError) -> (String, Int?) {
        var hostEnd = text.endIndex
        var portText: Scalars?
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { throw TransferDestinationError("SIP URI IPv6 reference has no closing ]") }
            guard IPAddressGrammar.isIPv6(text[(text.startIndex + 1)..<close]) else {
                throw TransferDestinationError("SIP URI host '\(string((text[...close])))' is not a valid IPv6 reference")
            }
            hostEnd = close + 1
            if hostEnd < text.endIndex {
                guard text[hostEnd] == ":" else { throw TransferDestinationError("SIP URI has text after the IPv6 reference") }
                portText = text[(hostEnd + 1)...]
            }
        } else if let colon = text.firstIndex(of: ":") {
            hostEnd = colon
            portText = text[(colon + 1)...]
        }
        let host = text[..<hostEnd]
        let hostString = string((host))
        guard !host.isEmpty else { throw TransferDestinationError("SIP URI '\(uri)' has no host") }
        guard host.first == "[" || IPAddressGrammar.isIPv4(host) || isHostname(host) else {
            throw TransferDestinationError("SIP URI host '\(hostString)' is not a hostname, IPv4 address or [IPv6] reference")
        }
        guard let portText else { return (hostString, nil) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(isDigit),
              let port = Int(string((portText))), (1...65535).contains(port) else {
            throw TransferDestinationError("SIP URI port must be 1-65535, got '\(string((portText)))'")
        }
        return (hostString, port)
    }

    /// hostname = *( domainlabel "." ) toplabel [ "." ]; labels are alphanumerics and inner hyphens; the top label starts
    /// with a letter.
    static func isHostname(_ text: Scalars) -> Bool {
        var labels = text.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count > 1, labels.last?.isEmpty == true { labels.removeLast() }
        guard let top = labels.last, let topFirst = top.first, topFirst.isASCIILetter else { return false }
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            return isAlphanumeric(first) && isAlphanumeric(last) && label.allSatisfy { isAlphanumeric($0) || $0 == "-" }
        }
    }

    /// uri-parameters = *( ";" pname [ "=" pvalue ] ), pname and pvalue 1*paramchar.
    static func parameters(_ text: Scalars) throws(TransferDestinationError) -> [SIPURIParameter] {
        guard !text.isEmpty else { return [] }
        return try pairs(text.dropFirst(), separator: ";", valueRequired: false, valueMayBeEmpty: false, allowed: isParamChar, what: "parameter")
    }

    /// headers = header *( "&" header ), header = hname "=" hvalue.
    static func headers(_ text: Scalars) throws(TransferDestinationError) -> [SIPURIParameter] {
        try pairs(text, separator: "&", valueRequired: true, valueMayBeEmpty: true, allowed: isHeaderChar, what: "header")
    }

    private static func pairs(
        _ text: Scalars, separator: Unicode.Scalar, valueRequired: Bool, valueMayBeEmpty: Bool,
        allowed: (Unicode.Scalar) -> Bool, what: String
    ) throws(TransferDestinationError) -> [SIPURIParameter] {
        var result: [SIPURIParameter] = []
        for part in text.split(separator: separator, omittingEmptySubsequences: false) {
            let equals = part.firstIndex(of: "=")
            let name = part[..<(equals ?? part.endIndex)]
            let value = equals.map { part[($0 + 1)...] }
            let written = string((part))
            guard !name.isEmpty, matches(name, allowed) else { throw TransferDestinationError("SIP URI \(what) '\(written)' has an empty or invalid name") }
            if valueRequired, value == nil { throw TransferDestinationError("SIP URI \(what) '\(written)' needs name=value") }
            if let value {
                guard valueMayBeEmpty || !value.isEmpty, matches(value, allowed) else {
                    throw TransferDestinationError("SIP URI \(what) '\(written)' has an empty or invalid value")
                }
            }
            result.append(SIPURIParameter(name: string((name)), value: value.map { string(($0)) }))
        }
        return result
    }
}
