// The journal entry as the admin API and the persisted journal show it: snake_case JSON.
import JSONModel
import Foundation

extension JournalEntry {
    /// The text that replaces secret header values when they are not revealed.
    public static let maskedValue = "***"

    /// The entry as JSON with snake_case keys.
    ///
    /// Headers are `{"name", "value", "secret"}`; with `revealSecrets` false, secret values read `***`.
    /// The body is `body` (UTF-8 text) plus `body_json` when it parses as JSON; when it is not UTF-8, `body` is
    /// null and `body_base64` holds the bytes.
    public func json(revealSecrets: Bool) -> JSONValue {
        var object: JSONObject = [
            "id": .int(id),
            "system": .string(system),
            "arrived_at": .string(arrivedAt.rfc3339Milliseconds),
            "arrival_monotonic_ns": .int(Int(clamping: arrivalMonotonicNanoseconds)),
            "method": .string(method),
            "target": .string(masked(target, revealSecrets)),
            "path": .string(masked(path, revealSecrets)),
            "query": query.map { .string(masked($0, revealSecrets)) } ?? .null,
            "headers": .array(headers.map { $0.json(revealSecrets: revealSecrets) }),
        ]
        for (key, value) in bodyFields(revealSecrets: revealSecrets) { object[key] = value }
        object["peer"] = .string(peer)
        object["route"] = route.map(JSONValue.string) ?? .null
        object["auth"] = .string(auth.rawValue)
        object["validation"] = .string(validation.name)
        // A reason may quote what was sent (a signature check quotes a bad timestamp), so it is masked like the rest.
        object["validation_errors"] = .array(validationErrors.map {
            ["field": .string($0.field), "reason": .string(masked($0.reason, revealSecrets))]
        })
        object["fault"] = fault.map(JSONValue.string) ?? .null
        object["status"] = status.map(JSONValue.int) ?? .null
        object["completed"] = .bool(completed)
        object["answered_by"] = .string(answeredBy.rawValue)
        object["outcome"] = outcome.map { .string($0.rawValue) } ?? .null
        return .object(object)
    }

    private var validationErrors: [FieldError] {
        if case let .failed(errors) = validation { return errors }
        return []
    }

    private func bodyFields(revealSecrets: Bool) -> [(String, JSONValue)] {
        guard let text = String(validating: body, as: UTF8.self) else {
            return [("body", .null), ("body_base64", .string(Data(body).base64EncodedString()))]
        }
        let shown = masked(text, revealSecrets)
        var fields: [(String, JSONValue)] = [("body", .string(shown))]
        if !body.isEmpty, let parsed = try? JSONValue.parse(shown) { fields.append(("body_json", parsed)) }
        return fields
    }

    /// `text` with every secret value (and its percent-encoded form) replaced by `***`, unless revealing.
    private func masked(_ text: String, _ revealSecrets: Bool) -> String {
        guard !revealSecrets else { return text }
        var result = text
        for secret in secretValues where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: Self.maskedValue)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                result = result.replacingOccurrences(of: encoded, with: Self.maskedValue)
            }
        }
        return result
    }
}

extension JournalHeader {
    /// `{"name", "value", "secret"}`; a secret value reads `***` unless `revealSecrets`.
    public func json(revealSecrets: Bool) -> JSONValue {
        let shown = secret && !revealSecrets ? JournalEntry.maskedValue : value
        return ["name": .string(name), "value": .string(shown), "secret": .bool(secret)]
    }
}
