// HMAC-SHA256 against RFC 4231 test cases 1-4, 5 (truncated) and 6-7, and the constant-time comparison.
import HTTPWire
import Testing
@testable import MockSystems

@Suite struct HMACTests {
    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    private static func repeated(_ byte: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }

    @Test func hmac_MatchesRFC4231Case1() {
        #expect(hexString(HMAC.sha256(key: Self.repeated(0x0b, 20), message: Self.bytes("Hi There")))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func hmac_MatchesRFC4231Case2_ShortKey() {
        #expect(hexString(HMAC.sha256(key: Self.bytes("Jefe"), message: Self.bytes("what do ya want for nothing?")))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmac_MatchesRFC4231Case3() {
        #expect(hexString(HMAC.sha256(key: Self.repeated(0xaa, 20), message: Self.repeated(0xdd, 50)))
                == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    @Test func hmac_MatchesRFC4231Case4() {
        let key = (1...25).map { UInt8($0) }
        #expect(hexString(HMAC.sha256(key: key, message: Self.repeated(0xcd, 50)))
                == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    @Test func hmac_MatchesRFC4231Case5_Truncated() {
        let mac = HMAC.sha256(key: Self.repeated(0x0c, 20), message: Self.bytes("Test With Truncation"))
        #expect(hexString(Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func hmac_MatchesRFC4231Case6_KeyLongerThanBlock() {
        let mac = HMAC.sha256(key: Self.repeated(0xaa, 131), message: Self.bytes("Test Using Larger Than Block-Size Key - Hash Key First"))
        #expect(hexString(mac) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func hmac_MatchesRFC4231Case7_KeyAndDataLongerThanBlock() {
        let message = "This is a test using a larger than block-size key and a larger than block-size data."
            + " The key needs to be hashed before being used by the HMAC algorithm."
        #expect(hexString(HMAC.sha256(key: Self.repeated(0xaa, 131), message: Self.bytes(message)))
                == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    @Test func constantTimeEquals_ComparesContentAndLength() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([9, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(constantTimeEquals([], []))
    }
}
