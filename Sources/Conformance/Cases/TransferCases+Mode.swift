// Transfer modes (Feather): cold or warm, nothing else.
import JSONModel

extension TransferCases {
    static let modes: [ConformanceCase] = [modesAccepted, modeUnknown]

    static let modesAccepted = ValidationCases.acceptance(
        "transfer.mode.accepts-cold-and-warm", "Transfer targets with mode cold and mode warm are accepted and store their mode",
        rule: "transfer.mode", dialects: [.feather], capability: .callTransfer
    ) { dialect, marker in
        ["cold", "warm"].map { ("mode \"\($0)\"", transferTool(dialect, marker, destination: "+14155550123", mode: .string($0))) }
    } stored: { context, tool, sent in
        guard tool.showsSettings else { return }
        let mode = sent["transfer_target"]?["mode"] ?? .null
        let storedMode = tool.json["active_revision"]?["transfer_target"]?["mode"] ?? .null
        try context.expect(storedMode == mode, "the tool created with mode \(mode.jsonText) stores it",
                           observed: "GET shows mode \(storedMode.jsonText)")
    }

    static let modeUnknown = ValidationCases.refusal(
        "transfer.mode.rejects-unknown", "Modes other than cold and warm (blind, consult) are refused with 422 at transfer_target.mode",
        rule: "transfer.mode", dialects: [.feather], capability: .callTransfer
    ) { dialect, marker in
        ["blind", "consult"].map {
            ValidationCases.InvalidBody("mode \"\($0)\"", transferTool(dialect, marker, destination: "+14155550123", mode: .string($0)),
                                        at: ["body", "transfer_target", "mode"])
        }
    }
}
