// Sorting a server certificate's names into DNS names and IP literals, without OpenSSL.
import Testing
@testable import HTTPWire

@Suite struct ServerCertificateNamesTests {
    @Test func names_SortIntoDNSAndAddresses_InOrder_WithoutRepeats() throws {
        let names = try ServerCertificateNames(
            ["LocalHost", "127.0.0.1", "[::1]", "mocks.example.test", "localhost", "0:0:0:0:0:0:0:1", "*.example.test"])
        #expect(names.dnsNames == ["localhost", "mocks.example.test", "*.example.test"])
        #expect(names.ipAddresses == ["127.0.0.1", "::1"])
    }

    @Test func names_LoopbackHoldsLocalhostAndBothLoopbackAddresses() throws {
        let names = try ServerCertificateNames(ServerCertificateNames.loopback)
        #expect(names.dnsNames == ["localhost"])
        #expect(names.ipAddresses == ["127.0.0.1", "::1"])
    }

    @Test func names_ThatAreNeitherHostNorAddress_AreRefused() {
        let longLabel = String(repeating: "a", count: 64) + ".test"
        let longName = Array(repeating: "abcdefghi", count: 26).joined(separator: ".")
        for bad in ["", "not a host", "10.0.0.256", "1.2.3", "[localhost]", "[]", "-lead.test", "trail-.test", "a..b",
                    "example.test.", "fe80::1%eth0", "*.test", "a.*.test", "ünï.test", longLabel, longName] {
            #expect(throws: CertificateError.invalidName(bad), "\(bad)") { try ServerCertificateNames([bad]) }
        }
        #expect(throws: CertificateError.noNames) { try ServerCertificateNames([]) }
    }

    @Test func names_AcceptUnderscoresDigitsAndSingleLabels() throws {
        let names = try ServerCertificateNames(["host_1", "mock-crm", "3com.test", "host.docker.internal"])
        #expect(names.dnsNames == ["host_1", "mock-crm", "3com.test", "host.docker.internal"])
        #expect(names.ipAddresses.isEmpty)
    }
}
