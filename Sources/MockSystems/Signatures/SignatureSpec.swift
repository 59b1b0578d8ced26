// One route's signature check as configured: scheme, secrets and the HMAC keys made from them, headers, tolerance.

/// How a route verifies request signatures. Made only through `init`, which refuses secrets the scheme cannot use.
struct SignatureSpec: Sendable {
    var scheme: WebhookSignatureScheme
    /// The secrets as configured, in order; any one of them may have signed a request (rotation). Masked wherever
    /// requests are shown.
    private(set) var secrets: [String]
    /// The HMAC key of each secret: its UTF-8 bytes, or for Standard Webhooks the base64 after `whsec_`.
    private(set) var keys: [[UInt8]]
    var signatureHeader: String
    /// Where the Unix-seconds timestamp is; nil for schemes without one or with it inside the signature header.
    var timestampHeader: String?
    /// Where the delivery id is (Standard Webhooks).
    var idHeader: String?
    /// Largest accepted difference, either way, between the signed timestamp and the mock's clock; older or newer
    /// gets 401. Ignored by schemes without a timestamp.
    var toleranceSeconds: Int
    /// When true, a request whose signed delivery was already accepted within the tolerance window gets 401.
    var rejectReplays: Bool

    /// Largest `toleranceSeconds` a definition may set (one day).
    static let maxToleranceSeconds = 86_400
    /// Tolerance unless configured: five minutes, as Standard Webhooks, Stripe and Slack use.
    static let defaultToleranceSeconds = 300
    /// Shortest and longest Standard Webhooks key, in bytes (the spec: "at least 24 bytes ... 512 maximum" bits).
    static let standardWebhooksKeyBytes = 24...64

    /// A check for `scheme` with the scheme's default headers, tolerance and replay rule.
    /// - Throws: `WebhookSignatureError` when there is no secret or one cannot be used (a Standard Webhooks secret
    ///   that is not `whsec_` + base64 of 24-64 bytes). The error names the secret's position, never its value.
    init(scheme: WebhookSignatureScheme, secrets: [String]) throws(WebhookSignatureError) {
        guard !secrets.isEmpty else { throw .noSecret }
        self.scheme = scheme
        self.secrets = secrets
        keys = []
        for (index, secret) in secrets.enumerated() {
            keys.append(try Self.key(scheme, secret, index: index, count: secrets.count))
        }
        signatureHeader = scheme.defaultSignatureHeader
        timestampHeader = scheme.defaultTimestampHeader
        idHeader = scheme.defaultIDHeader
        toleranceSeconds = Self.defaultToleranceSeconds
        rejectReplays = scheme.rejectsReplaysByDefault
    }

    /// The HMAC key for `secret` under `scheme`.
    private static func key(_ scheme: WebhookSignatureScheme, _ secret: String, index: Int,
                            count: Int) throws(WebhookSignatureError) -> [UInt8] {
        // An empty hmac key was always accepted (HMAC allows it); every newer scheme refuses one.
        guard scheme == .hmac || !secret.isEmpty else { throw .badSecret(index: index, count: count, reason: "is empty") }
        guard scheme == .standardWebhooks else { return Array(secret.utf8) }
        let prefix = "whsec_"
        guard secret.hasPrefix(prefix) else {
            throw .badSecret(index: index, count: count, reason: "must start with 'whsec_' (a Standard Webhooks secret is 'whsec_' + base64)")
        }
        guard let key = [UInt8](base64Encoded: secret.dropFirst(prefix.count)) else {
            throw .badSecret(index: index, count: count, reason: "is not 'whsec_' followed by base64 (A-Z a-z 0-9 + /, optional = padding)")
        }
        guard standardWebhooksKeyBytes.contains(key.count) else {
            let bounds = "\(standardWebhooksKeyBytes.lowerBound)-\(standardWebhooksKeyBytes.upperBound)"
            throw .badSecret(index: index, count: count, reason: "decodes to \(key.count) bytes; Standard Webhooks keys are \(bounds) bytes")
        }
        return key
    }

    /// Every text that would give a secret away if shown: each secret, and for Standard Webhooks its base64 part.
    var maskedValues: [String] {
        guard scheme == .standardWebhooks else { return secrets }
        return secrets + secrets.map { String($0.dropFirst("whsec_".count)) }
    }
}
