// Why a private CA could not be loaded or created, or a server certificate not issued: one case per cause, each naming the file.

/// Why `CertificateAuthority` could not load or create a CA, or issue a server certificate.
///
/// Every case names the file or value at fault and its `description` says what to do about it. A CA that is
/// already on disk is never overwritten, whatever is wrong with it: the user decides whether to remove it.
public enum CertificateError: Error, Equatable, CustomStringConvertible {
    /// The folder (or one of its parents) could not be created, or exists and is not a folder.
    case cannotCreateFolder(path: String, reason: String)
    /// Only one of the CA's two files is in the folder: `found` is there, `missing` is not.
    case incompleteAuthority(found: String, missing: String)
    /// The file cannot be opened, or does not hold what it should (a PEM certificate; an unencrypted PEM private key).
    case unreadableFile(path: String, reason: String)
    /// The private key in `key` is not the key of the certificate in `certificate`.
    case keyDoesNotMatchCertificate(key: String, certificate: String)
    /// The certificate in `certificate` may not sign other certificates (no basicConstraints CA:TRUE or keyCertSign).
    case notAnAuthority(certificate: String)
    /// The CA certificate in `certificate` is past the end of its validity.
    case authorityExpired(certificate: String)
    /// A name given for a server certificate is neither a DNS name nor an IPv4 or IPv6 literal.
    case invalidName(String)
    /// A server certificate was requested for no names at all.
    case noNames
    /// The requested validity is unusable; the text says why.
    case invalidValidity(String)
    /// OpenSSL could not make, sign or write `file`; the reason is OpenSSL's or the system's.
    case generationFailed(file: String, reason: String)

    /// What was wrong, with which file, and what to do about it.
    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, reason):
            return "cannot create the certificate folder \(path): \(reason)"
        case let .incompleteAuthority(found, missing):
            return "found the CA file \(found) but not \(missing): put \(missing) back, or remove \(found) to have a new CA "
                + "made (clients that trusted the old CA must then be given the new one)"
        case let .unreadableFile(path, reason):
            return "cannot use \(path): \(reason)"
        case let .keyDoesNotMatchCertificate(key, certificate):
            return "the private key in \(key) does not belong to the certificate in \(certificate): restore the matching "
                + "key, or remove both files to have a new CA made"
        case let .notAnAuthority(certificate):
            return "\(certificate) is not a CA certificate (it needs basicConstraints CA:TRUE and keyCertSign): "
                + "remove it and its key to have a new CA made"
        case let .authorityExpired(certificate):
            return "the CA certificate in \(certificate) has expired: remove it and its key to have a new CA made"
        case let .invalidName(name):
            return "'\(name)' is neither a DNS name nor an IP address; a server certificate can name only those"
        case .noNames:
            return "a server certificate needs at least one DNS name or IP address"
        case let .invalidValidity(reason):
            return "invalid certificate validity: \(reason)"
        case let .generationFailed(file, reason):
            return "cannot make \(file): \(reason)"
        }
    }
}
