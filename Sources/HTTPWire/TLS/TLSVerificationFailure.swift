// Why a client refused a server's certificate, sorted into the reasons a user can act on.
import CTLSShims

/// Why the server's certificate did not verify.
public enum TLSVerificationFailure: Equatable, Sendable, CustomStringConvertible {
    /// The chain does not end at a trusted CA: self-signed, or signed by a private CA this client was not given.
    case untrustedIssuer(String)
    /// The certificate's validity ended.
    case expired
    /// The certificate's validity has not begun (or the clocks disagree).
    case notYetValid
    /// The certificate does not name the host connected to.
    case nameMismatch(host: String)
    /// Any other verification failure, in OpenSSL's words.
    case other(String)

    /// Sorts OpenSSL's verification result code for a connection to `host`.
    init(code: Int, host: String) {
        switch Int32(code) {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
             X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_UNTRUSTED:
            self = .untrustedIssuer(String(cString: X509_verify_cert_error_string(code)))
        case X509_V_ERR_CERT_HAS_EXPIRED: self = .expired
        case X509_V_ERR_CERT_NOT_YET_VALID: self = .notYetValid
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH: self = .nameMismatch(host: host)
        default: self = .other(String(cString: X509_verify_cert_error_string(code)))
        }
    }

    public var description: String {
        switch self {
        case let .untrustedIssuer(detail):
            return "untrusted issuer (\(detail)): the certificate is self-signed or from a CA this client does not trust"
        case .expired: return "expired: the certificate's validity has ended"
        case .notYetValid: return "not yet valid: the certificate's validity has not begun (check the clocks)"
        case let .nameMismatch(host): return "name mismatch: the certificate does not name '\(host)'"
        case let .other(detail): return detail
        }
    }
}
