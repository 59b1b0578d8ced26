// The TLS flags `mocks`, `serve` and `run --mock-tls` share: a certificate made for you by a private CA, or your own.
import Foundation
import HTTPWire

enum TLSFlags {
    /// Usage lines for the flags, aligned with the commands' own.
    static let usage = """
      --tls                  serve https with a certificate made for you by a private CA (for localhost, 127.0.0.1,
                             ::1 and the advertised host); prints the CA file clients must trust
      --tls-dir DIR          keep that CA and certificate in DIR (implies --tls): a CA already in DIR is reused, so a
                             client set up once to trust it keeps trusting it (default: a new temporary folder)
      --tls-cert FILE        serve https with your own certificate chain (PEM, server certificate first); needs --tls-key
      --tls-key FILE         the unencrypted private key (PEM) of --tls-cert
    """

    /// Where the certificate comes from.
    enum Source: Equatable {
        /// Issued by the private CA in `folder` (made there once), or in a new temporary folder when nil.
        case privateCA(folder: String?)
        /// The user's own files.
        case files(certificateChain: String, privateKey: String)
    }

    /// Server TLS ready to use, and the CA file clients must trust when the CA is ours.
    struct Server {
        var context: TLSServerContext
        var caFile: String?
        /// The folder made for the CA when none was named; `removeTemporaryFolder()` deletes it (keys included).
        var temporaryFolder: String?

        /// Deletes the CA and certificate files made in a temporary folder, when the command ends.
        func removeTemporaryFolder() {
            if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder) }
        }
    }

    /// Reads `--tls`, `--tls-dir`, `--tls-cert` and `--tls-key`; nil when none is given (plain http).
    static func read(_ reader: inout ArgumentReader) throws(UsageError) -> Source? {
        let generate = reader.flag("--tls")
        let folder = try reader.nonEmptyValue("--tls-dir")
        let certificate = try reader.nonEmptyValue("--tls-cert")
        let key = try reader.nonEmptyValue("--tls-key")
        switch (certificate, key) {
        case let (certificate?, key?):
            guard !generate && folder == nil else {
                throw UsageError(message: "--tls-cert/--tls-key serve your own certificate; --tls and --tls-dir make one: use one way")
            }
            return .files(certificateChain: certificate, privateKey: key)
        case (_?, nil): throw UsageError(message: "--tls-cert needs --tls-key FILE (the certificate's private key)")
        case (nil, _?): throw UsageError(message: "--tls-key needs --tls-cert FILE (the certificate chain)")
        case (nil, nil): return generate || folder != nil ? .privateCA(folder: folder) : nil
        }
    }

    /// Loads the user's certificate, or has the private CA issue one for `names` (the loopback names are always
    /// included). Any problem is a usage error naming the file.
    static func server(_ source: Source, names: [String], flag: String = "--tls") throws(UsageError) -> Server {
        switch source {
        case let .files(chain, key):
            do {
                return Server(context: try TLSServerContext(certificateChainFile: chain, privateKeyFile: key), caFile: nil)
            } catch {
                throw UsageError(message: "--tls-cert/--tls-key: \(error)")
            }
        case let .privateCA(folder):
            var temporary: String?
            do {
                if folder == nil { temporary = try CertificateAuthority.temporaryFolder() }
                let home = folder ?? temporary ?? ""
                let authority = try CertificateAuthority.loadOrCreate(in: home)
                let context = try authority.serverContext(for: ServerCertificateNames.loopback + names, in: home)
                return Server(context: context, caFile: authority.certificateFile, temporaryFolder: temporary)
            } catch {
                if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
                throw UsageError(message: "\(flag): \(error)")
            }
        }
    }
}
