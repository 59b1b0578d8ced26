// Reading a route's "verify_signature" object: the scheme, its secrets, headers, tolerance and replay rule.

extension MockDefinition {
    /// Every key a `verify_signature` object may hold under some scheme.
    private static let signatureKeys: Set<String> = ["scheme", "secret", "secrets", "signature_header", "timestamp_header",
                                                     "id_header", "tolerance_seconds", "max_skew_seconds", "reject_replays"]

    /// The keys `scheme` takes.
    private static func signatureKeys(for scheme: WebhookSignatureScheme) -> Set<String> {
        var keys: Set<String> = ["scheme", "secret", "secrets", "signature_header"]
        if scheme.defaultTimestampHeader != nil { keys.insert("timestamp_header") }
        if scheme.defaultIDHeader != nil { keys.insert("id_header") }
        if scheme.hasTimestamp { keys.insert("tolerance_seconds") }
        if scheme == .hmac { keys.insert("max_skew_seconds") }  // its name before there were schemes
        if scheme.supportsReplayRejection { keys.insert("reject_replays") }
        return keys
    }

    /// Parses `verify_signature`; `scheme` defaults to `hmac`, whose original keys all still work.
    /// - Throws: `DefinitionError` at the offending key: unknown scheme, a key the scheme does not take, no secret,
    ///   a secret the scheme cannot use (by position, never shown), a bad header name or tolerance.
    static func loadSignature(_ reader: DefinitionReader) throws(DefinitionError) -> SignatureSpec {
        let name = try reader.string("scheme") ?? WebhookSignatureScheme.hmac.rawValue
        guard let scheme = WebhookSignatureScheme(rawValue: name) else {
            throw reader.failure("scheme", WebhookSignatureError.unknownScheme(name).description)
        }
        let allowed = signatureKeys(for: scheme)
        if let key = reader.object.keys.sorted().first(where: { signatureKeys.contains($0) && !allowed.contains($0) }) {
            throw reader.failure(key, "does not apply to the \(scheme.rawValue) scheme; it takes: \(allowed.sorted().joined(separator: ", "))")
        }
        try reader.onlyKeys(allowed.sorted())
        let single = try reader.object["secret"] == nil ? [] : [reader.requiredNonEmptyString("secret")]
        var listed: [String] = []
        for (index, value) in (try reader.array("secrets") ?? []).enumerated() {
            guard let secret = value.stringValue, !secret.isEmpty else { throw reader.failure("secrets[\(index)]", "each secret must be a non-empty string") }
            listed.append(secret)
        }
        var spec: SignatureSpec
        do {
            spec = try SignatureSpec(scheme: scheme, secrets: single + listed)
        } catch {
            switch error {
            case let .badSecret(index, _, reason):
                throw reader.failure(index < single.count ? "secret" : "secrets[\(index - single.count)]", reason)
            case .noSecret, .unknownScheme:
                throw reader.failure(nil, "needs \"secret\": S or \"secrets\": [S, ...] (several for rotation: any may have signed)")
            }
        }
        if let header = try headerName(reader, "signature_header") { spec.signatureHeader = header }
        if let header = try headerName(reader, "timestamp_header") { spec.timestampHeader = header }
        if let header = try headerName(reader, "id_header") { spec.idHeader = header }
        let range = 0...SignatureSpec.maxToleranceSeconds
        switch (try reader.int("tolerance_seconds", in: range), try reader.int("max_skew_seconds", in: range)) {
        case (_?, _?): throw reader.failure("max_skew_seconds", "is the old name of tolerance_seconds; set one of them")
        case let (seconds?, nil), let (nil, seconds?): spec.toleranceSeconds = seconds
        case (nil, nil): break
        }
        if let reject = try reader.bool("reject_replays") { spec.rejectReplays = reject }
        return spec
    }

    /// The header name at `key`: a non-empty HTTP token (RFC 9110 §5.6.2).
    private static func headerName(_ reader: DefinitionReader, _ key: String) throws(DefinitionError) -> String? {
        guard let name = try reader.string(key) else { return nil }
        let symbols = Set("!#$%&'*+-.^_`|~".utf8)
        let isTokenCharacter = { (byte: UInt8) in
            symbols.contains(byte) || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else {
            throw reader.failure(key, "must be a header name (letters, digits, '-' and the like), got '\(name)'")
        }
        return name
    }
}
