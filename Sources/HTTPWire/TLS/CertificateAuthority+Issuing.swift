// Issuing server certificates from a private CA: a new key and a leaf for the given names, written with the CA chain.
import CTLSShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of an issued server certificate, ready for a TLS server context.
public struct ServerCertificateFiles: Sendable, Equatable {
    /// PEM file holding the server certificate followed by the CA certificate, so the server can send the chain.
    public let certificateChainFile: String
    /// PEM file holding the server's private key (unencrypted PKCS#8, mode 0600).
    public let privateKeyFile: String
}

/// When an issued server certificate is valid, relative to the moment it is issued.
public struct CertificateValidity: Sendable, Equatable {
    /// Largest offset accepted either way (100 years); beyond it is `CertificateError.invalidValidity`.
    public static let maxOffset = Duration.seconds(100 * 365 * 86_400)
    /// From an hour ago (peers with a slightly slow clock accept it) to 397 days on, the longest browsers accept.
    public static let standard = CertificateValidity(notBefore: .seconds(-3600), notAfter: .seconds(397 * 86_400))

    /// Start of validity relative to now; negative is in the past.
    public var notBefore: Duration
    /// End of validity relative to now; negative (with `notBefore` earlier still) makes an expired certificate.
    public var notAfter: Duration

    /// A validity from now + `notBefore` to now + `notAfter` (whole seconds; fractions are dropped).
    public init(notBefore: Duration, notAfter: Duration) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// The offsets in whole seconds, checked.
    /// - Throws: `CertificateError.invalidValidity` when an offset is beyond `maxOffset` or the end is not after the start.
    func offsetSeconds() throws(CertificateError) -> (notBefore: Int, notAfter: Int) {
        for (name, offset) in [("notBefore", notBefore), ("notAfter", notAfter)]
        where offset > Self.maxOffset || offset < .zero - Self.maxOffset {
            throw .invalidValidity("\(name) must be within 100 years of now, got \(offset)")
        }
        let start = Int(notBefore.components.seconds)
        let end = Int(notAfter.components.seconds)
        guard end > start else {
            throw .invalidValidity("notAfter (\(notAfter)) must be at least a second after notBefore (\(notBefore))")
        }
        return (start, end)
    }
}

extension CertificateAuthority {
    /// Name of the issued server certificate chain file (leaf then CA) in the folder given to `issueServerCertificate`.
    public static let serverCertificateFileName = "server.pem"
    /// Name of the issued server private key file (mode 0600).
    public static let serverPrivateKeyFileName = "server-key.pem"

    /// Issues a server certificate for `names`, signed by this CA, with a new EC P-256 key, replacing
    /// `folder/server.pem` (the leaf then the CA certificate) and `folder/server-key.pem` (0600) atomically.
    /// - Parameters:
    ///   - names: DNS names and IP literals, mixed (IPv6 may be bracketed, `[::1]`); the first DNS name (else the first
    ///     address) is also the subject's common name. See `ServerCertificateNames`; `loopback` lists the local ones.
    ///   - validity: when the certificate is valid; `.standard` unless a test needs an expired or future one.
    ///   - folder: where the two files go; created (0700) if missing.
    /// - Returns: the paths of the two files.
    /// - Throws: `CertificateError.noNames` or `.invalidName` for the names; `.invalidValidity`; `.cannotCreateFolder`;
    ///   `.generationFailed` (naming the file) when the CA cannot be read or the files cannot be made.
    public func issueServerCertificate(
        for names: [String], validity: CertificateValidity = .standard, into folder: String
    ) throws(CertificateError) -> ServerCertificateFiles {
        let sorted = try ServerCertificateNames(names)
        let offsets = try validity.offsetSeconds()
        try Self.makeFolder(folder)
        let files = ServerCertificateFiles(
            certificateChainFile: Self.join(folder, Self.serverCertificateFileName),
            privateKeyFile: Self.join(folder, Self.serverPrivateKeyFileName))
        let (status, reason) = Self.withCStrings(sorted.dnsNames) { dnsNames in
            Self.withCStrings(sorted.ipAddresses) { ipAddresses in
                Self.withReason { error, length in
                    ctls_issue_leaf(
                        certificateFile, privateKeyFile,
                        dnsNames, sorted.dnsNames.count, ipAddresses, sorted.ipAddresses.count,
                        offsets.notBefore, offsets.notAfter,
                        files.certificateChainFile, files.privateKeyFile, error, length)
                }
            }
        }
        guard status == 0 else { throw .generationFailed(file: files.certificateChainFile, reason: reason) }
        return files
    }

    /// Calls `body` with `strings` as a C array of C strings, valid only during the call.
    static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    ) -> Result {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
