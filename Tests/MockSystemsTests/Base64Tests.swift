// Base64 decoding as Standard Webhooks secrets and signatures need it: padded or not, nothing else.
import Testing
@testable import MockSystems

@Suite struct Base64Tests {
    @Test func base64_DecodesRFC4648Vectors_WithOrWithoutPadding() {
        // RFC 4648 §10.
        let vectors = [("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"), ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar")]
        for (encoded, text) in vectors {
            #expect([UInt8](base64Encoded: encoded) == Array(text.utf8), "\(encoded)")
            #expect([UInt8](base64Encoded: encoded.replacingOccurrences(of: "=", with: "")) == Array(text.utf8), "\(encoded) unpadded")
        }
        #expect([UInt8](base64Encoded: "+/8=") == [0xFB, 0xFF])
    }

    @Test func base64_RefusesAnythingElse() {
        for text in ["", "Z", "Zm9v!", "Zm 9v", "-_8=", "Zg===", "Zg==Zg=="] {
            #expect([UInt8](base64Encoded: text) == nil, "\(text)")
        }
    }
}
