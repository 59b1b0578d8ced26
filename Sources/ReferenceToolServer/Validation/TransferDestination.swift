// A static transfer destination: an E.164 number or a SIP URI, checked strictly.

/// Why a transfer destination was rejected.
public struct TransferDestinationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. "SIP URI port must be 1-65535, got 0".
    public var reason: String

    /// Creates an error.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// Where a call_transfer tool dials: E.164 (`+` then 2-15 digits, the first 1-9) or a `sip:`/`sips:` URI (RFC 3261).
public enum TransferDestination: Sendable, Equatable {
    case phoneNumber(String)
    case sip(SIPURI)

    /// Parses a destination. Anything that is neither form is rejected; nothing is trimmed or normalised.
    /// - Throws: `TransferDestinationError` saying what was wrong.
    public static func parse(_ text: String) throws(TransferDestinationError) -> TransferDestination {
        if text.hasPrefix("+") {
            guard isE164(text) else {
                throw TransferDestinationError(
                    "an E.164 number is + then 2-15 digits, the first 1-9 (e.g. +15105550100), got '\(text)'")
            }
            return .phoneNumber(text)
        }
        let lowered = text.lowercased()
        if lowered.hasPrefix("sip:") || lowered.hasPrefix("sips:") { return .sip(try SIPURI.parse(text)) }
        throw TransferDestinationError(
            "destination must be an E.164 number (e.g. +15105550100) or a sip:/sips: URI, got '\(text)'")
    }

    /// Whether `text` matches `^\+[1-9][0-9]{1,14}$`.
    public static func isE164(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3, scalars.count <= 16, scalars[0] == "+", ("1"..."9").contains(scalars[1]) else { return false }
        return scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) }
    }
}
