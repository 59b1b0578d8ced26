// What a running system expects of its callers, in words for the `understudy mocks` banner.

extension MockSystem {
    /// The credentials callers must present, e.g. `Authorization: Bearer crm-token (the definition's)`. A token or key
    /// set through `MockOptions.auth` (a command-line flag) is named by where it came from, never shown.
    public var authSummary: String {
        let given = options.auth != nil
        func shown(_ value: String) -> String { given ? "<the value given on the command line>" : "\(value) (the definition's)" }
        var parts: [String]
        switch auth {
        case .none: parts = ["none"]
        case let .bearer(token): parts = ["Authorization: Bearer \(shown(token))"]
        case let .apiKey(header, key): parts = ["\(header): \(shown(key))"]
        case .issuedToken: parts = ["Authorization: Bearer <a token from the cluster's OAuth issuer>"]
        }
        if let issuer = definition.issuer, let route = definition.routes.first(where: { if case .issueToken = $0.action { true } else { false } }) {
            let clients = issuer.clients.map(\.id).joined(separator: ", ")
            parts.append("issues tokens at POST \(route.path.text) (client credentials; clients: \(clients))")
        }
        let signed = Set(definition.routes.compactMap { $0.signature?.signatureHeader }).sorted()
        if !signed.isEmpty { parts.append("signed requests (\(signed.joined(separator: ", ")))") }
        return parts.joined(separator: "; ")
    }
}
