// Each scheme's header format and signed content: hmac, Standard Webhooks, Stripe, GitHub, Slack.
import HTTPWire

extension SignatureSpec {
    /// `X-Timestamp: <unix>`, `X-Signature: [sha256=]<hex>` over `"{timestamp}.{body}"`. Checked in the order it
    /// always was: timestamp present, a number, fresh; then the signature.
    func verifyHMAC(_ headers: HTTPHeaders, _ body: [UInt8], now: Int) throws(SignatureProblem) -> SignedDelivery {
        let timestampName = timestampHeader ?? "X-Timestamp"
        let timestampText = try required(timestampName, headers)
        let timestamp = try freshTimestamp(timestampText, header: timestampName, source: "the timestamp in \(timestampName)", now: now)
        var text = Substring(try required(signatureHeader, headers))
        if text.lowercased().hasPrefix("sha256=") { text = text.dropFirst(7) }
        let signature = try Self.sha256Hex(text, header: signatureHeader, format: "64 hex digits, optionally prefixed 'sha256='")
        let mac = try matchingMAC([signature], content: Array("\(timestampText).".utf8) + body, header: signatureHeader)
        return delivery(key: hexString(mac), timestamp: timestamp, description: "the signature at \(timestampName) \(timestampText)")
    }

    /// `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> [v1,<base64> ...]` (other versions
    /// ignored) over `"{id}.{timestamp}.{body}"`. A replay is the same id with the same timestamp.
    func verifyStandardWebhooks(_ headers: HTTPHeaders, _ body: [UInt8], now: Int) throws(SignatureProblem) -> SignedDelivery {
        let idName = idHeader ?? "webhook-id", timestampName = timestampHeader ?? "webhook-timestamp"
        let id = try required(idName, headers)
        let timestampText = try required(timestampName, headers)
        let list = try required(signatureHeader, headers)
        let timestamp = try freshTimestamp(timestampText, header: timestampName, source: "the timestamp in \(timestampName)", now: now)
        var signatures: [[UInt8]] = [], undecodable = 0
        for entry in list.split(separator: " ") {
            let parts = entry.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "v1" else { continue }
            if let bytes = [UInt8](base64Encoded: parts[1]) { signatures.append(bytes) } else { undecodable += 1 }
        }
        guard !signatures.isEmpty else {
            throw .malformedHeader(signatureHeader, reason: undecodable > 0
                ? "its v1 signature is not base64"
                : "expected space-separated 'v1,<base64>' signatures (other versions are ignored), found no v1")
        }
        _ = try matchingMAC(signatures, content: Array("\(id).\(timestampText).".utf8) + body, header: signatureHeader)
        return delivery(key: "\(id)\n\(timestampText)", timestamp: timestamp,
                        description: "\(idName) '\(id.prefix(80))' at \(timestampName) \(timestampText)")
    }

    /// `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...][,v0=...]` over `"{t}.{body}"`; any v1 may match.
    func verifyStripe(_ headers: HTTPHeaders, _ body: [UInt8], now: Int) throws(SignatureProblem) -> SignedDelivery {
        let value = try required(signatureHeader, headers)
        var timestampText: String?, signatures: [[UInt8]] = [], undecodable = 0
        for element in value.split(separator: ",") {
            let parts = element.trimmingWhitespace().split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw .malformedHeader(signatureHeader, reason: "expected comma-separated key=value elements (t=<Unix seconds>,v1=<hex>)")
            }
            if parts[0] == "t", timestampText == nil { timestampText = String(parts[1]) }
            guard parts[0] == "v1" else { continue }
            if let bytes = [UInt8](hexEncoded: parts[1]) { signatures.append(bytes) } else { undecodable += 1 }
        }
        guard let timestampText else { throw .malformedHeader(signatureHeader, reason: "it has no t=<Unix seconds> element") }
        let timestamp = try freshTimestamp(timestampText, header: signatureHeader, source: "the t= timestamp in \(signatureHeader)",
                                            now: now)
        guard !signatures.isEmpty else {
            throw .malformedHeader(signatureHeader, reason: undecodable > 0
                ? "its v1 signature is not hex"
                : "it has no v1=<hex> signature (v0 and other schemes are ignored)")
        }
        let mac = try matchingMAC(signatures, content: Array("\(timestampText).".utf8) + body, header: signatureHeader)
        return delivery(key: hexString(mac), timestamp: timestamp, description: "the \(signatureHeader) signature at t=\(timestampText)")
    }

    /// `X-Hub-Signature-256: sha256=<hex>` over the body alone. Without a timestamp there is no tolerance or replay rule.
    func verifyGitHub(_ headers: HTTPHeaders, _ body: [UInt8]) throws(SignatureProblem) -> SignedDelivery {
        let value = try required(signatureHeader, headers)
        guard value.lowercased().hasPrefix("sha256=") else {
            throw .malformedHeader(signatureHeader, reason: "expected 'sha256=' followed by 64 hex digits")
        }
        let signature = try Self.sha256Hex(value.dropFirst(7), header: signatureHeader, format: "'sha256=' followed by 64 hex digits")
        _ = try matchingMAC([signature], content: body, header: signatureHeader)
        return SignedDelivery(replayKey: nil, replayExpiry: 0, description: "")
    }

    /// `X-Slack-Request-Timestamp: <unix>`, `X-Slack-Signature: v0=<hex>` over `"v0:{timestamp}:{body}"`.
    func verifySlack(_ headers: HTTPHeaders, _ body: [UInt8], now: Int) throws(SignatureProblem) -> SignedDelivery {
        let timestampName = timestampHeader ?? "X-Slack-Request-Timestamp"
        let timestampText = try required(timestampName, headers)
        let value = try required(signatureHeader, headers)
        let timestamp = try freshTimestamp(timestampText, header: timestampName, source: "the timestamp in \(timestampName)", now: now)
        guard value.hasPrefix("v0=") else {
            throw .malformedHeader(signatureHeader, reason: "expected 'v0=' followed by 64 hex digits")
        }
        let signature = try Self.sha256Hex(value.dropFirst(3), header: signatureHeader, format: "'v0=' followed by 64 hex digits")
        let mac = try matchingMAC([signature], content: Array("v0:\(timestampText):".utf8) + body, header: signatureHeader)
        return delivery(key: hexString(mac), timestamp: timestamp, description: "the signature at \(timestampName) \(timestampText)")
    }

    /// `text` as the 32 bytes of a hex HMAC-SHA256; malformed (described as `format`) otherwise.
    private static func sha256Hex(_ text: Substring, header: String, format: String) throws(SignatureProblem) -> [UInt8] {
        guard let bytes = [UInt8](hexEncoded: text), bytes.count == 32 else {
            throw .malformedHeader(header, reason: "expected \(format)")
        }
        return bytes
    }
}
