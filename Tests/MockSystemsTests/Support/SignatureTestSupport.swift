// Fixtures for the signature tests: a secret per scheme, a wrong one, and a signer that writes each scheme's headers.
import Foundation
import HTTPWire
@testable import MockSystems

/// Signs requests the way each scheme's senders do, written from the schemes' documentation, independently of the
/// verifiers under test (it shares only `HMAC`, itself checked against RFC 4231).
enum Signer {
    /// A timestamp to sign at; tests pass `now` explicitly, so nothing here depends on the wall clock.
    static let now = 1_700_000_000
    static let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"

    /// The secret the spec under test holds.
    static func secret(_ scheme: WebhookSignatureScheme) -> String {
        switch scheme {
        case .hmac: return "hmac-secret-\(scheme.rawValue)"
        case .standardWebhooks: return "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        case .stripe: return "whsec_stripeTestSecret0123456789"
        case .github: return "It's a Secret to Everybody"
        case .slack: return "8f742231b10e8888abcd99yyyzzz85a5"
        }
    }

    /// Another usable secret, which did not sign.
    static func wrongSecret(_ scheme: WebhookSignatureScheme) -> String {
        scheme == .standardWebhooks ? "whsec_" + Data(repeating: 7, count: 32).base64EncodedString() : "not-the-secret"
    }

    /// The HMAC key a sender derives from `secret`: base64 after `whsec_` for Standard Webhooks, else UTF-8.
    static func key(_ scheme: WebhookSignatureScheme, _ secret: String) -> [UInt8] {
        scheme == .standardWebhooks ? Array(Data(base64Encoded: String(secret.dropFirst(6))) ?? Data()) : Array(secret.utf8)
    }

    /// The headers a sender of `scheme` puts on `body`, signed with `secrets` (one signature each where the scheme
    /// carries several; the first otherwise) at `timestamp`.
    static func headers(_ scheme: WebhookSignatureScheme, _ body: [UInt8], secrets: [String]? = nil,
                        timestamp: Int = now, id: String = id) -> HTTPHeaders {
        let secrets = secrets ?? [secret(scheme)]
        func mac(_ secret: String, _ prefix: String) -> [UInt8] { HMAC.sha256(key: key(scheme, secret), message: Array(prefix.utf8) + body) }
        let first = secrets[0]
        switch scheme {
        case .hmac:
            return ["X-Timestamp": String(timestamp), "X-Signature": hexString(mac(first, "\(timestamp)."))]
        case .standardWebhooks:
            let list = secrets.map { "v1," + Data(mac($0, "\(id).\(timestamp).")).base64EncodedString() }
            return ["webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": list.joined(separator: " ")]
        case .stripe:
            let list = secrets.map { "v1=" + hexString(mac($0, "\(timestamp).")) }
            return ["Stripe-Signature": (["t=\(timestamp)"] + list).joined(separator: ",")]
        case .github:
            return ["X-Hub-Signature-256": "sha256=" + hexString(mac(first, ""))]
        case .slack:
            return ["X-Slack-Request-Timestamp": String(timestamp), "X-Slack-Signature": "v0=" + hexString(mac(first, "v0:\(timestamp):"))]
        }
    }

    /// A spec for `scheme` holding `secrets` (default: the scheme's own secret).
    static func spec(_ scheme: WebhookSignatureScheme, secrets: [String]? = nil) throws -> SignatureSpec {
        try SignatureSpec(scheme: scheme, secrets: secrets ?? [secret(scheme)])
    }

    /// The Unix time `seconds` as a `Date`.
    static func date(_ seconds: Int = now) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}

extension HTTPHeaders {
    /// These headers with `name` set to `value` (nil removes it).
    func setting(_ name: String, _ value: String?) -> HTTPHeaders {
        var copy = self
        copy.set(name, value)
        return copy
    }
}
