// The names a server certificate is issued for, sorted into DNS names and IP literals. Pure: no I/O.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The subjectAltName entries of a server certificate: DNS names and IP addresses, each once, in the order given.
public struct ServerCertificateNames: Sendable, Equatable {
    /// The names every local server certificate carries, so that clients on the same machine can connect by any of them.
    public static let loopback = ["localhost", "127.0.0.1", "::1"]
    /// Longest DNS name accepted (RFC 1035: 253 characters in text form); longer is `CertificateError.invalidName`.
    public static let maxDNSNameLength = 253

    /// DNS names, lowercased (a leading `*.` wildcard label is kept).
    public let dnsNames: [String]
    /// IPv4 and IPv6 literals without brackets, as given.
    public let ipAddresses: [String]

    /// Sorts `names` into DNS names and IP literals, dropping repeats (DNS names compared without case, addresses
    /// by value). IPv6 literals may come bracketed, as in a URL: `[::1]`.
    /// - Throws: `CertificateError.noNames` when `names` is empty; `.invalidName` for a name that is neither a DNS
    ///   name (letters, digits, `-` and `_` in dot-separated labels of 1-63, not all-numeric at the end) nor an
    ///   IP literal.
    public init(_ names: [String]) throws(CertificateError) {
        guard !names.isEmpty else { throw .noNames }
        var dnsNames: [String] = []
        var ipAddresses: [String] = []
        var seenAddresses: [[UInt8]] = []
        for name in names {
            let unbracketed = name.hasPrefix("[") && name.hasSuffix("]") && name.count > 2
                ? String(name.dropFirst().dropLast()) : name
            if let address = Self.addressBytes(unbracketed) {
                if !seenAddresses.contains(address) {
                    seenAddresses.append(address)
                    ipAddresses.append(unbracketed)
                }
            } else if unbracketed == name, Self.isDNSName(name) {
                let lowered = name.lowercased()
                if !dnsNames.contains(lowered) { dnsNames.append(lowered) }
            } else {
                throw .invalidName(name)
            }
        }
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
    }

    /// The address's bytes when `text` is an IPv4 (dotted quad) or IPv6 literal, else nil.
    static func addressBytes(_ text: String) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &bytes) == 1 { return Array(bytes.prefix(4)) }
        if inet_pton(AF_INET6, text, &bytes) == 1 { return bytes }
        return nil
    }

    /// Whether `name` is a host name a certificate can carry: dot-separated labels of 1-63 letters, digits, `-` and
    /// `_` (not starting or ending with `-`), an optional leading `*` label, and a last label that is not all digits
    /// (so that a mistyped address such as `10.0.0.256` is refused, not certified as a name).
    static func isDNSName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maxDNSNameLength else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for (index, label) in labels.enumerated() {
            if index == 0, label == "*", labels.count > 2 { continue }
            let bytes = Array(label.utf8)
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-"),
                  bytes.allSatisfy(isLabelByte) else { return false }
        }
        guard let last = labels.last else { return false }
        return !last.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
