// A private CA kept in a folder: loaded when it is there, made (with OpenSSL's library) when it is not, never overwritten.
import CTLSShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private certificate authority: a certificate and its private key in PEM files in one folder.
///
/// The CA is made once and reused, so that a client configured to trust `ca.pem` keeps trusting the server
/// certificates issued on every later run. A CA found on disk is checked, never replaced: half a CA, a key that is not
/// the certificate's, or an expired CA is an error naming the file, and the user decides what to remove.
public struct CertificateAuthority: Sendable, Equatable {
    /// Name of the CA certificate file in the folder; this is the file clients are told to trust.
    public static let certificateFileName = "ca.pem"
    /// Name of the CA private key file in the folder (mode 0600).
    public static let privateKeyFileName = "ca-key.pem"
    /// Subject common name of a CA made here.
    public static let commonName = "Understudy private CA"
    /// How long a CA made here is valid, in days (about ten years); once expired it is refused and must be removed.
    public static let lifetimeDays: Int32 = 3650

    /// Path of the CA certificate (PEM, mode 0644).
    public let certificateFile: String
    /// Path of the CA private key (unencrypted PKCS#8 PEM, mode 0600).
    public let privateKeyFile: String

    /// Loads the CA in `folder` when both `ca.pem` and `ca-key.pem` are there, else makes both: a new EC P-256 key and
    /// a self-signed CA certificate. A missing `folder` is created, with its missing parents, mode 0700.
    /// - Throws: `CertificateError.incompleteAuthority` when only one of the two files is there;
    ///   `.unreadableFile`, `.keyDoesNotMatchCertificate`, `.notAnAuthority` or `.authorityExpired` when the CA on
    ///   disk cannot be used; `.cannotCreateFolder` or `.generationFailed` when a new one cannot be made.
    public static func loadOrCreate(in folder: String) throws(CertificateError) -> CertificateAuthority {
        try makeFolder(folder)
        let authority = CertificateAuthority(
            certificateFile: join(folder, certificateFileName), privateKeyFile: join(folder, privateKeyFileName))
        switch (exists(authority.certificateFile), exists(authority.privateKeyFile)) {
        case (true, true):
            try authority.check()
        case (true, false):
            throw .incompleteAuthority(found: authority.certificateFile, missing: authority.privateKeyFile)
        case (false, true):
            throw .incompleteAuthority(found: authority.privateKeyFile, missing: authority.certificateFile)
        case (false, false):
            let (status, reason) = withReason { error, length in
                ctls_make_ca(commonName, lifetimeDays, authority.certificateFile, authority.privateKeyFile, error, length)
            }
            guard status == 0 else { throw .generationFailed(file: authority.certificateFile, reason: reason) }
        }
        return authority
    }

    /// A new, empty folder for certificates (mode 0700) under `$TMPDIR` (else `/tmp`), for when the user names none.
    /// The caller removes it when done.
    /// - Throws: `CertificateError.cannotCreateFolder` when `mkdtemp` fails.
    public static func temporaryFolder() throws(CertificateError) -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array(join(base, "understudy-tls-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) } != nil
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard made else { throw .cannotCreateFolder(path: path, reason: systemReason(errno)) }
        return path
    }

    /// Checks the CA files on disk: both readable, the key the certificate's, a CA certificate, not expired.
    func check() throws(CertificateError) {
        let (status, reason) = Self.withReason { error, length in
            ctls_check_ca(certificateFile, privateKeyFile, error, length)
        }
        switch status {
        case CTLS_CA_USABLE: return
        case CTLS_CA_UNREADABLE_KEY: throw .unreadableFile(path: privateKeyFile, reason: reason)
        case CTLS_CA_KEY_MISMATCH: throw .keyDoesNotMatchCertificate(key: privateKeyFile, certificate: certificateFile)
        case CTLS_CA_NOT_A_CA: throw .notAnAuthority(certificate: certificateFile)
        case CTLS_CA_EXPIRED: throw .authorityExpired(certificate: certificateFile)
        default: throw .unreadableFile(path: certificateFile, reason: reason)  // CTLS_CA_UNREADABLE_CERTIFICATE
        }
    }

    /// Creates `path` and its missing parents with mode 0700; an existing folder is left as it is.
    static func makeFolder(_ path: String) throws(CertificateError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .cannotCreateFolder(path: path, reason: "not a folder") }
            return
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeFolder(String(path[..<slash]))
        }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw .cannotCreateFolder(path: path, reason: systemReason(errno))
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func systemReason(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    /// Runs a CTLSShims call that reports failure as text in a caller's buffer; returns its status and that text.
    static func withReason<Status>(
        _ call: (UnsafeMutablePointer<CChar>, Int) -> Status
    ) -> (status: Status, reason: String) {
        let capacity = 1024
        var buffer = [CChar](repeating: 0, count: capacity)
        let status = call(&buffer, capacity)
        let reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (status, reason)
    }
}
