// SIP destinations: a sip: or sips: URI with a host; user part, port 1-65535 and parameters optional (RFC 3261 §25.1).
import JSONModel

extension TransferCases {
    static let sip: [ConformanceCase] = [
        sipUserAndHost, sipHostOnly, sipSecurePortParameters, sipIPv4Host,
        sipMissingHost, sipBadPort, sipOtherSchemes, sipWhitespace, sipRefusedOnPatch,
    ]

    // MARK: Accepted

    static let sipUserAndHost = acceptance(
        "transfer.sip.accepts-user-and-host", "SIP URIs with a user part (sip:sales@example.com, sip:+14155550123@pbx.example.com) are accepted",
        rule: "transfer.sip", ["sip:sales@example.com", "sip:+14155550123@pbx.example.com"])

    static let sipHostOnly = acceptance(
        "transfer.sip.accepts-host-only", "A SIP URI without a user part (sip:pbx.example.com) is accepted",
        rule: "transfer.sip", ["sip:pbx.example.com"])

    static let sipSecurePortParameters = acceptance(
        "transfer.sip.accepts-sips-port-parameters", "sips: URIs, ports and URI parameters (sips:pbx.example.com:5061;transport=tls) are accepted",
        rule: "transfer.sip",
        ["sips:sales@pbx.example.com", "sip:sales@example.com:5060", "sip:sales@example.com;transport=tcp;lr",
         "sips:pbx.example.com:5061;transport=tls"])

    static let sipIPv4Host = acceptance(
        "transfer.sip.accepts-ipv4-host", "SIP URIs whose host is an IPv4 address (sip:sales@192.0.2.10, sip:192.0.2.10:5060) are accepted",
        rule: "transfer.sip", ["sip:sales@192.0.2.10", "sip:192.0.2.10:5060"])

    // MARK: Refused

    static let sipMissingHost = refusal(
        "transfer.sip.rejects-missing-host", "SIP URIs without a host (sip:, sips:, sip:alice@, sip:alice@:5060) are refused with 422",
        rule: "transfer.sip", ["sip:", "sips:", "sip:alice@", "sip:alice@:5060"])

    static let sipBadPort = refusal(
        "transfer.sip.rejects-bad-port", "SIP URIs with a port outside 1-65535, empty or not a number are refused with 422",
        rule: "transfer.sip", ["sip:alice@example.com:0", "sip:alice@example.com:65536", "sip:alice@example.com:", "sip:alice@example.com:50a"])

    static let sipOtherSchemes = refusal(
        "transfer.sip.rejects-other-schemes",
        "Destinations that are neither sip:/sips: URIs nor E.164 (tel:, http:, bare addresses) are refused with 422",
        rule: "transfer.sip", ["tel:+14155550123", "http://example.com/transfer", "alice@example.com", "sipx:alice@example.com"])

    static let sipWhitespace = refusal(
        "transfer.sip.rejects-whitespace", "SIP URIs with a space in the user part or host are refused with 422",
        rule: "transfer.sip", ["sip:alice smith@example.com", "sip:alice@exa mple.com"])

    /// OneInbox changes `transfer_to` with PATCH; the destination rule holds there too, and the refused PATCH keeps the
    /// stored destination.
    static let sipRefusedOnPatch = ConformanceCase(
        "transfer.sip.rejects-on-patch", "PATCH transfer_to \"sip:\" is refused with 422 at transfer_to and keeps the stored destination",
        rule: "transfer.sip", dialects: [.oneinbox], capability: .callTransfer
    ) { context in
        let marker = context.uniqueName("transfer_patch")
        let tool = try await context.createTool(json: transferTool(.oneinbox, marker, destination: "sip:sales@example.com"))
        let patched = try await context.send("PATCH", "/v1/tools/\(tool.id)", json: ["transfer_to": "sip:"])
        let fetched = try await context.getTool(tool.id)
        await context.removeTools([tool.id])
        try context.expectValidation(patched, at: ["body", "transfer_to"], "PATCH transfer_to \"sip:\"")
        try context.expect(fetched["transfer_to"] == "sip:sales@example.com", "the tool keeps transfer_to \"sip:sales@example.com\"",
                           observed: "GET answered \(fetched.summary)")
    }
}
