// IPv4 and IPv6 address text, as RFC 3261 (via RFC 2373) writes them in SIP URI hosts.

/// Textual IP address checks over Unicode scalars.
enum IPAddressGrammar {
    /// Four dot-separated decimal parts of 1-3 digits, each 0-255.
    static func isIPv4(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(SIPGrammar.isDigit),
                  let value = Int(SIPGrammar.string(part)) else { return false }
            return value <= 255
        }
    }

    /// Eight groups of 1-4 hex digits separated by `:`, with at most one `::` standing for one or more zero groups,
    /// and optionally an IPv4 address in place of the last two groups.
    static func isIPv6(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let scalars = Array(text)
        var doubleColon: Int?
        for index in scalars.indices.dropLast() where scalars[index] == ":" && scalars[index + 1] == ":" {
            if doubleColon != nil { return false }
            doubleColon = index
        }
        if let doubleColon {
            let left = scalars[..<doubleColon]
            let right = scalars[(doubleColon + 2)...]
            if right.first == ":" { return false }
            guard let leftCount = groupCount(left, allowIPv4: false), let rightCount = groupCount(right, allowIPv4: true) else {
                return false
            }
            return leftCount + rightCount <= 7
        }
        return groupCount(scalars[...], allowIPv4: true) == 8
    }

    /// How many 16-bit groups `text` holds (an IPv4 tail counts two), or nil when malformed. Empty text is zero groups.
    private static func groupCount(_ text: ArraySlice<Unicode.Scalar>, allowIPv4: Bool) -> Int? {
        guard !text.isEmpty else { return 0 }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        var count = 0
        for (position, group) in groups.enumerated() {
            if allowIPv4, position == groups.count - 1, group.contains(".") {
                guard isIPv4(group) else { return nil }
                count += 2
            } else {
                guard (1...4).contains(group.count), group.allSatisfy(SIPGrammar.isHexDigit) else { return nil }
                count += 1
            }
        }
        return count
    }
}
