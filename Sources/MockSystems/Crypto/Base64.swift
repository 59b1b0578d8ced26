// Base64 text to bytes, padded or not: how Standard Webhooks secrets and signatures are written.
import Foundation

extension Array where Element == UInt8 {
    /// Decodes standard base64 (RFC 4648 §4, `+` and `/`), with or without its `=` padding. Nil for anything else:
    /// other characters, whitespace, or a length no encoding produces.
    public init?(base64Encoded text: some StringProtocol) {
        var padded = String(text)
        guard !padded.isEmpty, padded.count % 4 != 1 else { return nil }
        if padded.count % 4 != 0 { padded += String(repeating: "=", count: 4 - padded.count % 4) }
        guard let data = Data(base64Encoded: padded) else { return nil }
        self = Array(data)
    }
}
