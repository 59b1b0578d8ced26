// Verifying one request against a route's signature spec: the steps every scheme shares. Pure: the clock is passed in.
import Foundation
import HTTPWire

/// A request whose signature verified, with what replay protection needs to know about it.
struct SignedDelivery: Equatable {
    /// Identifies this signed delivery (the same for a byte-identical resend); nil when replays are not refused.
    var replayKey: String?
    /// Unix seconds after which a resend would be stale anyway, so the key may be forgotten.
    var replayExpiry: Int
    /// The delivery in words, for the refusal of a replay (`webhook-id 'msg_1' at webhook-timestamp 1700000000`).
    var description: String
}

extension SignatureSpec {
    /// Checks `headers` and the raw `body` bytes, exactly as received, against this spec at time `now`.
    /// - Returns: the verified delivery, or the first problem found (missing header, malformed header, timestamp not
    ///   a number, stale timestamp, no signature matched).
    func verify(headers: HTTPHeaders, body: [UInt8], now: Date) -> Result<SignedDelivery, SignatureProblem> {
        let seconds = Self.unixSeconds(now)
        do throws(SignatureProblem) {
            switch scheme {
            case .hmac: return .success(try verifyHMAC(headers, body, now: seconds))
            case .standardWebhooks: return .success(try verifyStandardWebhooks(headers, body, now: seconds))
            case .stripe: return .success(try verifyStripe(headers, body, now: seconds))
            case .github: return .success(try verifyGitHub(headers, body))
            case .slack: return .success(try verifySlack(headers, body, now: seconds))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Why the request is refused, or nil when its signature verifies (replays aside: they need memory).
    func problem(headers: HTTPHeaders, body: [UInt8], now: Date) -> SignatureProblem? {
        if case let .failure(problem) = verify(headers: headers, body: body, now: now) { return problem }
        return nil
    }

    // MARK: Steps the schemes share

    /// The value of header `name`; missing when absent or blank.
    func required(_ name: String, _ headers: HTTPHeaders) throws(SignatureProblem) -> String {
        guard let value = headers[name], !value.trimmingWhitespace().isEmpty else { throw .missingHeader(name) }
        return String(value.trimmingWhitespace())
    }

    /// `text` as Unix seconds, checked against `now` and the tolerance. It came from `header`; `source` says so in words.
    func freshTimestamp(_ text: String, header: String, source: String, now: Int) throws(SignatureProblem) -> Int {
        guard let seconds = Int(text) else { throw .timestampNotANumber(header: header, source: source, value: text) }
        let (offset, overflow) = seconds.subtractingReportingOverflow(now)
        guard !overflow, abs(offset) <= toleranceSeconds else {
            throw .staleTimestamp(header: header, source: source, offset: overflow ? (seconds < 0 ? Int.min : Int.max) : offset,
                                  tolerance: toleranceSeconds)
        }
        return seconds
    }

    /// The HMAC-SHA256 of `content` that equals one of `candidates` under one of the keys, compared in constant time.
    /// - Throws: `noMatch` naming how many signatures and secrets were tried.
    func matchingMAC(_ candidates: [[UInt8]], content: [UInt8], header: String) throws(SignatureProblem) -> [UInt8] {
        for key in keys {
            let mac = HMAC.sha256(key: key, message: content)
            if candidates.contains(where: { constantTimeEquals($0, mac) }) { return mac }
        }
        throw .noMatch(header: header, signatures: candidates.count, secrets: keys.count, signedContent: scheme.signedContent)
    }

    /// The delivery accepted at `timestamp`, keyed by `key` when this spec refuses replays.
    func delivery(key: String, timestamp: Int, description: String) -> SignedDelivery {
        let (expiry, overflow) = timestamp.addingReportingOverflow(toleranceSeconds)
        return SignedDelivery(replayKey: rejectReplays ? key : nil, replayExpiry: overflow ? Int.max : expiry, description: description)
    }

    /// Whole seconds since 1970 (rounded down).
    static func unixSeconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
}
