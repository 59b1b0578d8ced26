// The url rule: absolute http(s) once `{{placeholders}}` are set aside.

/// Checks a tool's url template.
public enum URLTemplateRule {
    /// What each placeholder stands for while the url is checked: a plain host-safe word, so `https://{{host}}/x`
    /// passes but `{{base_url}}/x` (no literal scheme) fails.
    static let standIn = "placeholder"

    /// Why `template` is not an absolute http(s) URL once placeholders are replaced by a plain word, or nil when it is.
    /// Requires a literal `http://` or `https://` scheme (any case), a non-empty host (name, IPv4 or `[IPv6]`), an
    /// optional port 1-65535, and no whitespace or control characters anywhere.
    public static func problem(in template: String) -> String? {
        let url = PlaceholderScanner.substitute(in: template) { _ in standIn }
        if url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            return "url must not contain spaces or control characters, got '\(template)'"
        }
        let lowered = url.lowercased()
        guard let schemeEnd = ["http://", "https://"].first(where: lowered.hasPrefix) else {
            return "url must be an absolute http:// or https:// URL, got '\(template)'"
        }
        let afterScheme = url.unicodeScalars.dropFirst(schemeEnd.count)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority[...]
        guard hostIsValid(ArraySlice(hostPort)) else { return "url must name a host (and a port 1-65535 if any), got '\(template)'" }
        return nil
    }

    private static func hostIsValid(_ hostPort: ArraySlice<Unicode.Scalar>) -> Bool {
        var host = hostPort
        var port: ArraySlice<Unicode.Scalar>?
        if hostPort.first == "[" {
            guard let close = hostPort.firstIndex(of: "]"), IPAddressGrammar.isIPv6(hostPort[(hostPort.startIndex + 1)..<close]) else {
                return false
            }
            host = hostPort[...close]
            if close + 1 < hostPort.endIndex {
                guard hostPort[close + 1] == ":" else { return false }
                port = hostPort[(close + 2)...]
            }
        } else if let colon = hostPort.firstIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[(colon + 1)...]
        }
        guard !host.isEmpty, host.first == "[" || host.allSatisfy(isHostChar) else { return false }
        guard let port else { return true }
        guard !port.isEmpty, port.count <= 5, port.allSatisfy(SIPGrammar.isDigit), let number = Int(SIPGrammar.string(port)) else {
            return false
        }
        return (1...65535).contains(number)
    }

    /// Letters, digits, `-`, `.`, `_` and `%` (percent-encoded registered names).
    private static func isHostChar(_ c: Unicode.Scalar) -> Bool { SIPGrammar.isAlphanumeric(c) || "-._%".unicodeScalars.contains(c) }
}
