// The private CA and its server certificates, checked from outside with the openssl command line: made, reused, refused.
import Foundation
import Testing
@testable import HTTPWire

/// One test at a time: each runs the openssl command several times, and a burst of them at the start of the run would
/// starve the timing tests of other suites on a two-core machine.
@Suite(.serialized) struct CertificateAuthorityTests {
    @Test func authority_IsCreatedOnce_ThenReusedByteForByte() throws {
        try withFolder { base in
            let folder = base + "/nested/tls"
            let first = try CertificateAuthority.loadOrCreate(in: folder)
            #expect(first.certificateFile == folder + "/ca.pem")
            #expect(first.privateKeyFile == folder + "/ca-key.pem")
            let certificate = try bytes(first.certificateFile)
            let key = try bytes(first.privateKeyFile)

            let second = try CertificateAuthority.loadOrCreate(in: folder)
            #expect(second == first)
            #expect(try bytes(second.certificateFile) == certificate)
            #expect(try bytes(second.privateKeyFile) == key)
        }
    }

    @Test func authority_KeyIs0600_CertificateIs0644_NewFolderIs0700() throws {
        try withFolder { base in
            let authority = try CertificateAuthority.loadOrCreate(in: base + "/made")
            #expect(try mode(authority.privateKeyFile) == 0o600)
            #expect(try mode(authority.certificateFile) == 0o644)
            #expect(try mode(base + "/made") == 0o700)
            #expect(try mode(base) == 0o700)  // temporaryFolder's own mode
        }
    }

    @Test func authority_ParsesWithOpenSSL_AsACACertificate() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let text = try openssl(["x509", "-in", authority.certificateFile, "-noout", "-text"])
            #expect(text.status == 0)
            #expect(text.output.contains("CA:TRUE"))
            #expect(text.output.contains("Certificate Sign"))
            #expect(text.output.contains("Subject: CN = Understudy private CA"))
            #expect(text.output.contains("ecdsa-with-SHA256"))
            #expect(try openssl(["pkey", "-in", authority.privateKeyFile, "-noout"]).status == 0)
        }
    }

    @Test func server_VerifiesAgainstTheCA_ForEveryName() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let names = ServerCertificateNames.loopback + ["mocks.example.test", "[fe80::1]", "10.1.2.3"]
            let files = try authority.issueServerCertificate(for: names, into: folder)
            #expect(files.certificateChainFile == folder + "/server.pem")
            #expect(files.privateKeyFile == folder + "/server-key.pem")

            let verified = try openssl(["verify", "-CAfile", authority.certificateFile, "-purpose", "sslserver",
                                        "-x509_strict", files.certificateChainFile])
            #expect(verified.status == 0, "\(verified.output)")
            #expect(verified.output.contains(": OK"))
            for host in ["localhost", "mocks.example.test"] {
                let byName = try openssl(["verify", "-CAfile", authority.certificateFile, "-verify_hostname", host,
                                          files.certificateChainFile])
                #expect(byName.status == 0, "\(host): \(byName.output)")
            }
            for address in ["127.0.0.1", "::1", "fe80::1", "10.1.2.3"] {
                let byAddress = try openssl(["verify", "-CAfile", authority.certificateFile, "-verify_ip", address,
                                             files.certificateChainFile])
                #expect(byAddress.status == 0, "\(address): \(byAddress.output)")
            }
            let unnamed = try openssl(["verify", "-CAfile", authority.certificateFile, "-verify_hostname", "example.org",
                                       files.certificateChainFile])
            #expect(unnamed.status != 0)

            let alternative = try openssl(["x509", "-in", files.certificateChainFile, "-noout", "-ext", "subjectAltName"])
            for entry in ["DNS:localhost", "DNS:mocks.example.test", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1",
                          "IP Address:FE80:0:0:0:0:0:0:1", "IP Address:10.1.2.3"] {
                #expect(alternative.output.contains(entry), "\(entry) missing from \(alternative.output)")
            }
        }
    }

    @Test func server_ChainHoldsLeafThenCA_KeyIs0600AndMatches() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let files = try authority.issueServerCertificate(for: ["localhost"], into: folder)
            let chain = String(decoding: try bytes(files.certificateChainFile), as: UTF8.self)
            let authorityText = String(decoding: try bytes(authority.certificateFile), as: UTF8.self)
            #expect(chain.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 3)
            #expect(chain.hasSuffix(authorityText))
            #expect(try mode(files.privateKeyFile) == 0o600)
            #expect(try mode(files.certificateChainFile) == 0o644)

            let subject = try openssl(["x509", "-in", files.certificateChainFile, "-noout", "-subject", "-issuer"])
            #expect(subject.output.contains("subject=CN = localhost"))
            #expect(subject.output.contains("issuer=CN = Understudy private CA"))
            let usage = try openssl(["x509", "-in", files.certificateChainFile, "-noout", "-ext",
                                     "basicConstraints,keyUsage,extendedKeyUsage,authorityKeyIdentifier"])
            for entry in ["CA:FALSE", "Digital Signature", "TLS Web Server Authentication", "Authority Key Identifier"] {
                #expect(usage.output.contains(entry), "\(entry) missing from \(usage.output)")
            }
            let certificateKey = try openssl(["x509", "-in", files.certificateChainFile, "-noout", "-pubkey"])
            let privateKey = try openssl(["pkey", "-in", files.privateKeyFile, "-pubout"])
            #expect(privateKey.status == 0)
            #expect(certificateKey.output == privateKey.output)
        }
    }

    @Test func server_IssuedAgain_ReplacesTheFiles() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let first = try authority.issueServerCertificate(for: ["localhost"], into: folder)
            let firstKey = try bytes(first.privateKeyFile)
            let second = try authority.issueServerCertificate(for: ["localhost"], into: folder)
            #expect(second == first)
            #expect(try bytes(second.privateKeyFile) != firstKey)
            #expect(try mode(second.privateKeyFile) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["ca-key.pem", "ca.pem", "server-key.pem", "server.pem"])
        }
    }

    @Test func server_WithPastValidity_IsReportedExpiredByOpenSSL() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let past = CertificateValidity(notBefore: .seconds(-172_800), notAfter: .seconds(-86_400))
            let files = try authority.issueServerCertificate(for: ["localhost", "127.0.0.1"], validity: past, into: folder)
            let verified = try openssl(["verify", "-CAfile", authority.certificateFile, files.certificateChainFile])
            #expect(verified.status != 0)
            #expect(verified.output.contains("certificate has expired"))
        }
    }

    @Test func authority_WithAnotherCAsKey_IsRefused_NamingTheFiles_AndKept() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder + "/one")
            let other = try CertificateAuthority.loadOrCreate(in: folder + "/two")
            try FileManager.default.removeItem(atPath: authority.privateKeyFile)
            try FileManager.default.copyItem(atPath: other.privateKeyFile, toPath: authority.privateKeyFile)
            let certificate = try bytes(authority.certificateFile)

            let error = #expect(throws: CertificateError.self) { try CertificateAuthority.loadOrCreate(in: folder + "/one") }
            #expect(error == .keyDoesNotMatchCertificate(key: authority.privateKeyFile, certificate: authority.certificateFile))
            #expect(error?.description.contains(authority.privateKeyFile) == true)
            #expect(try bytes(authority.certificateFile) == certificate)
            #expect(try bytes(authority.privateKeyFile) == bytes(other.privateKeyFile))
        }
    }

    @Test func authority_HalfPresent_IsRefused_NotOverwritten() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let certificate = try bytes(authority.certificateFile)
            try FileManager.default.removeItem(atPath: authority.privateKeyFile)

            let error = #expect(throws: CertificateError.self) { try CertificateAuthority.loadOrCreate(in: folder) }
            #expect(error == .incompleteAuthority(found: authority.certificateFile, missing: authority.privateKeyFile))
            #expect(error?.description.contains(authority.privateKeyFile) == true)
            #expect(try bytes(authority.certificateFile) == certificate)
            #expect(!FileManager.default.fileExists(atPath: authority.privateKeyFile))

            try FileManager.default.removeItem(atPath: authority.certificateFile)
            try Data("key".utf8).write(to: URL(fileURLWithPath: authority.privateKeyFile))
            #expect(throws: CertificateError.incompleteAuthority(found: authority.privateKeyFile,
                                                                 missing: authority.certificateFile)) {
                try CertificateAuthority.loadOrCreate(in: folder)
            }
        }
    }

    @Test func authority_UnreadableOrNotACA_IsRefused_NamingTheFile() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            let files = try authority.issueServerCertificate(for: ["localhost"], into: folder + "/leaf")
            try FileManager.default.removeItem(atPath: authority.privateKeyFile)
            try FileManager.default.copyItem(atPath: files.privateKeyFile, toPath: authority.privateKeyFile)
            try FileManager.default.removeItem(atPath: authority.certificateFile)
            try FileManager.default.copyItem(atPath: files.certificateChainFile, toPath: authority.certificateFile)
            #expect(throws: CertificateError.notAnAuthority(certificate: authority.certificateFile)) {
                try CertificateAuthority.loadOrCreate(in: folder)
            }

            try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: authority.certificateFile))
            let error = #expect(throws: CertificateError.self) { try CertificateAuthority.loadOrCreate(in: folder) }
            guard case let .unreadableFile(path, reason) = error else {
                Issue.record("expected unreadableFile, got \(String(describing: error))")
                return
            }
            #expect(path == authority.certificateFile)
            #expect(reason.contains("no PEM certificate"))
        }
    }

    @Test func server_WithBadNamesOrValidity_IsRefused_BeforeWritingAnything() throws {
        try withFolder { folder in
            let authority = try CertificateAuthority.loadOrCreate(in: folder)
            #expect(throws: CertificateError.invalidName("not a host")) {
                try authority.issueServerCertificate(for: ["localhost", "not a host"], into: folder)
            }
            #expect(throws: CertificateError.noNames) { try authority.issueServerCertificate(for: [], into: folder) }
            let backwards = CertificateValidity(notBefore: .seconds(60), notAfter: .seconds(-60))
            #expect(throws: CertificateError.self) {
                try authority.issueServerCertificate(for: ["localhost"], validity: backwards, into: folder)
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/server.pem"))
        }
    }

    @Test func temporaryFolder_IsNewEachTime() throws {
        let first = try CertificateAuthority.temporaryFolder()
        let second = try CertificateAuthority.temporaryFolder()
        defer { [first, second].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        #expect(first != second)
        #expect(try FileManager.default.contentsOfDirectory(atPath: first).isEmpty)
    }

    @Test func descriptions_SayWhatWasWrong_EachDifferently() {
        let errors: [CertificateError] = [
            .cannotCreateFolder(path: "/d", reason: "r"), .incompleteAuthority(found: "/d/ca.pem", missing: "/d/ca-key.pem"),
            .unreadableFile(path: "/d/ca.pem", reason: "r"), .keyDoesNotMatchCertificate(key: "/d/k", certificate: "/d/c"),
            .notAnAuthority(certificate: "/d/c"), .authorityExpired(certificate: "/d/c"), .invalidName("a b"), .noNames,
            .invalidValidity("r"), .generationFailed(file: "/d/s", reason: "r"),
        ]
        #expect(Set(errors.map(\.description)).count == errors.count)
    }
}

// MARK: Fixtures

/// Runs `body` with a fresh temporary folder, removed afterwards.
private func withFolder(_ body: (String) throws -> Void) throws {
    let folder = try CertificateAuthority.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
}

private func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

private func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// Runs the openssl command line (never used by the code under test) and returns its exit status and its
/// standard output and error together.
private func openssl(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
