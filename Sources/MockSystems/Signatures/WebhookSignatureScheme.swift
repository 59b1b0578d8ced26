// The webhook signature schemes a mock can verify, with each one's headers, signed content and defaults.

/// How a route's requests are signed. See `Mocks/README.md`, "Signature verification".
public enum WebhookSignatureScheme: String, Sendable, CaseIterable {
    /// Understudy's own: `X-Signature` = hex HMAC-SHA256 of `"{X-Timestamp}.{body}"`, optionally `sha256=<hex>`.
    case hmac
    /// standardwebhooks.com: `webhook-signature: v1,<base64>` over `"{webhook-id}.{webhook-timestamp}.{body}"`,
    /// keyed by the base64-decoded `whsec_` secret.
    case standardWebhooks = "standard-webhooks"
    /// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>,...` over `"{t}.{body}"`, keyed by the secret's UTF-8 bytes.
    case stripe
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>` over the body alone; no timestamp.
    case github
    /// Slack: `X-Slack-Signature: v0=<hex>` over `"v0:{X-Slack-Request-Timestamp}:{body}"`.
    case slack

    /// The names accepted on the command line and in definitions, in a sentence-friendly list.
    public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The scheme called `name`.
    /// - Throws: `WebhookSignatureError.unknownScheme` naming every scheme there is.
    public init(named name: String) throws(WebhookSignatureError) {
        guard let scheme = Self(rawValue: name) else { throw .unknownScheme(name) }
        self = scheme
    }

    /// Checks that `secrets` can be used with this scheme, e.g. before the systems that need them are chosen.
    /// - Throws: `WebhookSignatureError` for no secret or one this scheme cannot use (named by position, never shown).
    public func check(secrets: [String]) throws(WebhookSignatureError) {
        _ = try SignatureSpec(scheme: self, secrets: secrets)
    }

    /// The header holding the signature(s) unless a definition names another.
    var defaultSignatureHeader: String {
        switch self {
        case .hmac: return "X-Signature"
        case .standardWebhooks: return "webhook-signature"
        case .stripe: return "Stripe-Signature"
        case .github: return "X-Hub-Signature-256"
        case .slack: return "X-Slack-Signature"
        }
    }

    /// The header holding the Unix-seconds timestamp; nil where there is none (GitHub) or it sits in the signature
    /// header (Stripe's `t=`).
    var defaultTimestampHeader: String? {
        switch self {
        case .hmac: return "X-Timestamp"
        case .standardWebhooks: return "webhook-timestamp"
        case .slack: return "X-Slack-Request-Timestamp"
        case .stripe, .github: return nil
        }
    }

    /// The header holding the delivery id (Standard Webhooks only).
    var defaultIDHeader: String? { self == .standardWebhooks ? "webhook-id" : nil }

    /// Whether the scheme signs a timestamp, and so has a tolerance.
    var hasTimestamp: Bool { self != .github }

    /// Whether a second delivery of the same signed request is refused unless the definition says otherwise:
    /// on where the sender documents that a retry is signed afresh with a new timestamp (Standard Webhooks, Stripe).
    var rejectsReplaysByDefault: Bool { self == .standardWebhooks || self == .stripe }

    /// Whether the definition may turn replay rejection on or off (schemes with a signed timestamp, except `hmac`,
    /// which keeps its original behaviour).
    var supportsReplayRejection: Bool { self == .standardWebhooks || self == .stripe || self == .slack }

    /// What the HMAC covers, as shown in refusals and docs.
    var signedContent: String {
        switch self {
        case .hmac: return "{timestamp}.{body}"
        case .standardWebhooks: return "{id}.{timestamp}.{body}"
        case .stripe: return "{t}.{body}"
        case .github: return "{body}"
        case .slack: return "v0:{timestamp}:{body}"
        }
    }
}

/// A signature configuration that cannot work: an unknown scheme or a secret the scheme cannot use.
/// Never shows a secret, only its position.
public enum WebhookSignatureError: Error, Equatable, CustomStringConvertible {
    case unknownScheme(String)
    case noSecret
    /// Secret `index` (0-based) of `count` is not usable: `reason` says why without showing it.
    case badSecret(index: Int, count: Int, reason: String)

    public var description: String {
        switch self {
        case let .unknownScheme(name):
            return "unknown signature scheme '\(name)'; expected one of: \(WebhookSignatureScheme.namesList)"
        case .noSecret:
            return "signature verification needs at least one secret"
        case let .badSecret(index, count, reason):
            return count == 1 ? "the secret \(reason)" : "secret \(index + 1) of \(count) \(reason)"
        }
    }
}
