// The contract deviations that validation obeys, read from the reader that carries them (none unless a test sets them).

extension BodyReader {
    /// A name's length: in Unicode scalars as the contract counts, or in UTF-16 code units under `countsNameInUTF16`.
    func nameLength(_ name: String) -> Int {
        deviations.countsNameInUTF16 ? name.utf16.count : name.unicodeScalars.count
    }

    /// Whether a OneInbox header is stored as a secret: `OneInboxMapping.isSecretHeader`, or under
    /// `secretHeaderNamesExact` only four names written exactly so.
    func isSecretHeader(_ name: String) -> Bool {
        guard deviations.secretHeaderNamesExact else { return OneInboxMapping.isSecretHeader(name) }
        return ["Authorization", "Cookie", "X-API-Key", "Api-Key"].contains(name)
    }

    /// `configuration` with masks sent back matched against `stored` (`restoringSecrets(from:)`), or under
    /// `storesMaskOnUpdate` kept as they are, the mask itself becoming the secret.
    func restoringSecrets(_ configuration: APICallConfiguration, from stored: APICallConfiguration?) -> SecretRestoration {
        guard deviations.storesMaskOnUpdate else { return configuration.restoringSecrets(from: stored) }
        return SecretRestoration(configuration: configuration, unresolvedHeaders: [], unresolvedQueryParams: [])
    }
}
