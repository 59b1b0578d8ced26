// Masking secure values (headers, query, OAuth client secret) on the way out; keeping them when an update sends the mask back.

/// The text every secure header or query value is replaced with in answers.
public enum SecretMask {
    /// Shown instead of a secure value; sending it back in an update means "keep the stored secret".
    public static let placeholder = "********"
}

/// A configuration whose masked values were matched against stored secrets.
public struct SecretRestoration: Sendable, Equatable {
    /// The configuration with every restorable mask replaced by the stored secret.
    public var configuration: APICallConfiguration
    /// Indices into `headers` whose value is the mask but no stored secure header has that key.
    public var unresolvedHeaders: [Int]
    /// Indices into `queryParams` whose value is the mask but no stored secure parameter has that key.
    public var unresolvedQueryParams: [Int]
    /// Whether `oauth2.client_secret` is the mask but no stored secret of the same token_url and client_id exists.
    public var unresolvedOAuth2Secret: Bool = false
}

extension APICallConfiguration {
    /// This configuration with every secure value replaced by `SecretMask.placeholder`: the only form any answer shows.
    public func masked() -> APICallConfiguration {
        var copy = self
        copy.headers = headers.map(Self.masked)
        copy.queryParams = queryParams.map(Self.masked)
        copy.oauth2 = oauth2?.masked()
        return copy
    }

    /// Replaces each value equal to the mask with the stored secure value of the same key (headers compare keys
    /// case-insensitively, query parameters exactly; the n-th masked use of a key takes the n-th stored secret of that
    /// key). A restored setting stays secure. A masked `oauth2.client_secret` takes the stored one when token_url and
    /// client_id are unchanged. Masks with no stored secret are reported, to be answered with 422.
    public func restoringSecrets(from stored: APICallConfiguration?) -> SecretRestoration {
        var copy = self
        let headerResult = Self.restore(headers, from: stored?.headers ?? [], fold: { $0.lowercased() })
        let queryResult = Self.restore(queryParams, from: stored?.queryParams ?? [], fold: { $0 })
        copy.headers = headerResult.settings
        copy.queryParams = queryResult.settings
        var unresolvedOAuth2Secret = false
        if let settings = oauth2, settings.clientSecret == SecretMask.placeholder {
            if let kept = stored?.oauth2, settings.canKeepSecret(of: kept) {
                copy.oauth2?.clientSecret = kept.clientSecret
            } else {
                unresolvedOAuth2Secret = true
            }
        }
        return SecretRestoration(
            configuration: copy, unresolvedHeaders: headerResult.unresolved, unresolvedQueryParams: queryResult.unresolved,
            unresolvedOAuth2Secret: unresolvedOAuth2Secret)
    }

    private static func masked(_ setting: KeyValueSetting) -> KeyValueSetting {
        guard setting.secure else { return setting }
        return KeyValueSetting(key: setting.key, value: SecretMask.placeholder, secure: true)
    }

    private static func restore(
        _ incoming: [KeyValueSetting], from stored: [KeyValueSetting], fold: (String) -> String
    ) -> (settings: [KeyValueSetting], unresolved: [Int]) {
        var secretsByKey: [String: [String]] = [:]
        for setting in stored where setting.secure { secretsByKey[fold(setting.key), default: []].append(setting.value) }
        var used: [String: Int] = [:]
        var unresolved: [Int] = []
        var settings = incoming
        for (index, setting) in incoming.enumerated() where setting.value == SecretMask.placeholder {
            let key = fold(setting.key)
            let position = used[key, default: 0]
            guard let secrets = secretsByKey[key], position < secrets.count else { unresolved.append(index); continue }
            used[key] = position + 1
            settings[index] = KeyValueSetting(key: setting.key, value: secrets[position], secure: true)
        }
        return (settings, unresolved)
    }
}
