// SHA-256 against the FIPS 180-4 / NIST example vectors, and incremental hashing across block boundaries.
import Testing
@testable import MockSystems

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256_MatchesFIPSVectors(_ message: String, _ expected: String) {
        #expect(hexString(SHA256.hash(Array(message.utf8))) == expected)
    }

    @Test func sha256_HashesOneMillionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(hexString(SHA256.hash(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [1, 55, 56, 63, 64, 65, 127, 128, 129])
    func sha256_IncrementalEqualsOneShot_AcrossBlockBoundaries(_ length: Int) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var hasher = SHA256()
        hasher.update(message.prefix(length / 3))
        hasher.update(message.dropFirst(length / 3))
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func hex_RoundTripsAndRejectsBadText() {
        #expect(hexString([0xAB, 0x01, 0x00, 0xFF]) == "ab0100ff")
        #expect([UInt8](hexEncoded: "AB0100ff") == [0xAB, 0x01, 0x00, 0xFF])
        #expect([UInt8](hexEncoded: "abc") == nil)
        #expect([UInt8](hexEncoded: "zz") == nil)
        #expect([UInt8](hexEncoded: "") == [])
    }
}
