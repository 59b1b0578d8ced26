// Transfer destinations: E.164 numbers and SIP URIs (RFC 3261 §25.1) are accepted and stored, anything else is 422.
import ToolContract
import JSONModel

enum TransferCases {
    static let all: [ConformanceCase] = e164 + sip + modes

    static let e164: [ConformanceCase] = [e164Accepted, e164LeadingZero, e164WrongLength, e164Malformed]

    // MARK: E.164

    static let e164Accepted = acceptance(
        "transfer.e164.accepts-valid", "E.164 numbers of 2 to 15 digits (+14155550123, +12, +123456789012345) are accepted and stored",
        rule: "transfer.e164", ["+14155550123", "+12", "+123456789012345"])

    static let e164LeadingZero = refusal(
        "transfer.e164.rejects-leading-zero", "An E.164 number whose first digit is 0 (+0123456789) is refused with 422 at the destination",
        rule: "transfer.e164", ["+0123456789"])

    static let e164WrongLength = refusal(
        "transfer.e164.rejects-wrong-length", "E.164 numbers of 1 digit (+1) or 16 digits are refused with 422 at the destination",
        rule: "transfer.e164", ["+1", "+1234567890123456"])

    static let e164Malformed = refusal(
        "transfer.e164.rejects-malformed", "Numbers without + or with spaces, dashes or a second + are refused with 422 at the destination",
        rule: "transfer.e164", ["14155550123", "+1 415 555 0123", "+1-415-555-0123", "++14155550123", "+"])

    // MARK: Case shapes

    /// A case that creates a transfer tool to each destination and expects it accepted, with the destination stored
    /// as given. Accepted tools are deleted afterwards.
    static func acceptance(_ id: String, _ title: String, rule: String, _ destinations: [String]) -> ConformanceCase {
        ValidationCases.acceptance(id, title, rule: rule, capability: .callTransfer) { dialect, marker in
            destinations.map { ("destination \"\($0)\"", transferTool(dialect, marker, destination: $0)) }
        } stored: { context, tool, sent in
            guard tool.showsSettings else { return }
            let destination = sentDestination(sent, context.dialect)
            try context.expect(tool.transferDestination == destination, "the tool created with destination \(destination.jsonText) stores it",
                               observed: "GET shows destination \(tool.transferDestination.jsonText)")
        }
    }

    /// A case that creates a transfer tool to each destination and expects 422 at the destination, nothing stored.
    static func refusal(_ id: String, _ title: String, rule: String, _ destinations: [String]) -> ConformanceCase {
        ValidationCases.refusal(id, title, rule: rule, capability: .callTransfer) { dialect, marker in
            destinations.map {
                ValidationCases.InvalidBody("destination \"\($0)\"", transferTool(dialect, marker, destination: $0), at: destinationField(dialect))
            }
        }
    }

    // MARK: Bodies

    /// A call_transfer create body with a static destination, named and described `marker`: Feather's
    /// `transfer_target` (with `mode`), OneInbox's `transfer_to` (a cold transfer).
    static func transferTool(_ dialect: Dialect, _ marker: String, destination: String, mode: JSONValue = "cold") -> JSONValue {
        switch dialect {
        case .feather:
            return ["name": .string(marker), "description": .string(marker), "tool_type": "call_transfer",
                    "transfer_target": ["destination": .string(destination), "mode": mode]]
        case .oneinbox:
            return ["name": .string(marker), "type": "call_transfer", "description": .string(marker), "transfer_to": .string(destination)]
        }
    }

    /// The destination a create body sends.
    static func sentDestination(_ body: JSONValue, _ dialect: Dialect) -> JSONValue {
        (dialect == .feather ? body["transfer_target"]?["destination"] : body["transfer_to"]) ?? .null
    }

    /// Where a bad destination's 422 points: `["body", "transfer_target", "destination"]`, OneInbox's `transfer_to`.
    static func destinationField(_ dialect: Dialect) -> [String] {
        dialect == .feather ? ["body", "transfer_target", "destination"] : ["body", "transfer_to"]
    }
}
