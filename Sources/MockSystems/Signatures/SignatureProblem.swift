// Why a request's signature was refused, worded for the 401 body: which part failed, never a secret or expected value.

/// The first thing wrong with a signed request. `message` is the `message` of the 401 `invalid_signature` answer.
enum SignatureProblem: Error, Equatable {
    /// A header the scheme needs is absent (or empty).
    case missingHeader(String)
    /// The header is there but not in the scheme's format; `reason` says what was expected.
    case malformedHeader(String, reason: String)
    /// The timestamp in `header` (`source` in words, e.g. "the t= timestamp in Stripe-Signature") is not whole Unix
    /// seconds.
    case timestampNotANumber(header: String, source: String, value: String)
    /// The timestamp is `offset` seconds from the mock's clock (negative: in the past), beyond `tolerance`.
    case staleTimestamp(header: String, source: String, offset: Int, tolerance: Int)
    /// Well-formed, but none of the `signatures` given matched any of the `secrets` configured.
    case noMatch(header: String, signatures: Int, secrets: Int, signedContent: String)
    /// A correctly signed delivery that was already accepted (`delivery` describes it), within the tolerance window.
    case replayed(delivery: String)

    /// The header the problem is about, for the journal's validation record.
    var header: String? {
        switch self {
        case let .missingHeader(name), let .malformedHeader(name, _), let .noMatch(name, _, _, _),
             let .timestampNotANumber(name, _, _), let .staleTimestamp(name, _, _, _): return name
        case .replayed: return nil
        }
    }

    var message: String {
        switch self {
        case let .missingHeader(name):
            return "the \(name) header is missing"
        case let .malformedHeader(name, reason):
            return "the \(name) header is malformed: \(reason)"
        case let .timestampNotANumber(_, source, value):
            return "\(source) must be Unix seconds, got " + (value.count <= Self.quotedCharacters ? "'\(value)'" : "\(value.count) characters")
        case let .staleTimestamp(_, source, offset, tolerance):
            let direction = offset < 0 ? "in the past" : "in the future"
            let distance = offset == Int.min ? "more than \(Int.max)" : String(abs(offset))
            return "\(source) is \(distance) s away from now (\(direction)); at most \(tolerance) s either way is accepted"
        case let .noMatch(header, signatures, secrets, signedContent):
            return "the signature does not match: tried \(Self.count(signatures, "signature")) from \(header) against "
                + "\(Self.count(secrets, "configured secret")); each must be HMAC-SHA256 of '\(signedContent)'"
        case let .replayed(delivery):
            return "replayed delivery: \(delivery) was already accepted; a retry must be signed again with a new timestamp"
        }
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// Longest header text quoted in a message; longer text is only counted, so an answer stays short and never
    /// holds part of a secret that a sender put in the wrong header (whole values are masked in the journal).
    private static let quotedCharacters = 40
}
