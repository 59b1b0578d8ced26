// The TLS settings a server or a client loads once and shares across its connections (an OpenSSL SSL_CTX each).
import CTLSShims

/// A server's certificate chain and private key, loaded once and shared by every connection.
///
/// Connections speak TLS 1.2 or 1.3 with forward-secret AEAD ciphers only and agree on ALPN `http/1.1`.
/// `@unchecked Sendable`: OpenSSL's context is safe to share once configured, and nothing changes it afterwards.
public final class TLSServerContext: @unchecked Sendable, Equatable, CustomStringConvertible {
    let handle: OpaquePointer
    /// The PEM file holding the server certificate, followed by any intermediates.
    public let certificateChainFile: String

    /// Loads and checks the certificate chain and its key.
    /// - Parameters:
    ///   - certificateChainFile: PEM, the server certificate first, then intermediates (a CA's own certificate may follow).
    ///   - privateKeyFile: PEM, unencrypted, the key of the first certificate.
    /// - Throws: `TLSSetupError` naming the file that could not be read or parsed, or a key that does not match.
    public init(certificateChainFile: String, privateKeyFile: String) throws(TLSSetupError) {
        SocketPlatform.ignoreBrokenPipe()  // OpenSSL writes to the socket itself; a closed peer must not kill us
        var error = [CChar](repeating: 0, count: 512)
        guard let context = ctls_server_context(certificateChainFile, privateKeyFile, &error, error.count) else {
            throw TLSSetupError(message: String(nulTerminated: error))
        }
        handle = context
        self.certificateChainFile = certificateChainFile
    }

    deinit { SSL_CTX_free(handle) }

    public static func == (lhs: TLSServerContext, rhs: TLSServerContext) -> Bool { lhs === rhs }

    public var description: String { "TLS with the certificate chain in \(certificateChainFile)" }
}

/// What a client trusts: the system's trust store, plus one PEM file of private CAs when given.
///
/// Every connection verifies the server's certificate chain and that it names the host connected to (a DNS name,
/// or an IP address in its subjectAltName); there is no switch to turn verification off.
public final class TLSClientContext: @unchecked Sendable {
    let handle: OpaquePointer

    /// - Parameter trustedCAFile: a PEM file of CA certificates to trust besides the system's; nil for the system's only.
    /// - Throws: `TLSSetupError` when the file cannot be read or holds no certificate.
    public init(trustedCAFile: String?) throws(TLSSetupError) {
        SocketPlatform.ignoreBrokenPipe()
        var error = [CChar](repeating: 0, count: 512)
        guard let context = ctls_client_context(trustedCAFile, &error, error.count) else {
            throw TLSSetupError(message: String(nulTerminated: error))
        }
        handle = context
    }

    deinit { SSL_CTX_free(handle) }

    /// The system trust store alone, shared by every client that was given no CA file; loaded on first use (nil when
    /// OpenSSL cannot make a context at all).
    static let system: TLSClientContext? = try? TLSClientContext(trustedCAFile: nil)
}

/// TLS could not be set up: a certificate, key or CA file that cannot be used. The message names the file and why.
public struct TLSSetupError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension String {
    /// The text before the first NUL of a C buffer OpenSSL filled in.
    init(nulTerminated buffer: [CChar]) {
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension CertificateAuthority {
    /// Issues a server certificate for `names` into `folder` and loads it: ready for `HTTPServer.Configuration.tls`.
    /// - Throws: `CertificateError` when the certificate cannot be issued; `TLSSetupError` when it cannot be loaded.
    public func serverContext(for names: [String], validity: CertificateValidity = .standard,
                              in folder: String) throws -> TLSServerContext {
        let files = try issueServerCertificate(for: names, validity: validity, into: folder)
        return try TLSServerContext(certificateChainFile: files.certificateChainFile, privateKeyFile: files.privateKeyFile)
    }
}
