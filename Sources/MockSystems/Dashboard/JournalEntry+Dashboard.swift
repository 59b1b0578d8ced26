// A journal entry as the dashboard shows it: a row's summary and the full detail, secrets masked as in the journal file.
import Foundation
import JSONModel

extension JournalEntry {
    /// Milliseconds from arrival to completion (0.1 ms resolution), or nil while the request is under way.
    var durationMilliseconds: Double? {
        guard let completedAt = completedMonotonicNanoseconds, completedAt >= arrivalMonotonicNanoseconds else { return nil }
        return (Double(completedAt - arrivalMonotonicNanoseconds) / 100_000).rounded() / 10
    }

    /// The entry exactly as `json(revealSecrets: false)` renders it, plus `duration_ms`: the request's detail.
    var dashboardDetail: JSONValue {
        guard case var .object(object) = json(revealSecrets: false) else { return .null }
        object["duration_ms"] = durationMilliseconds.map(JSONValue.double) ?? .null
        return .object(object)
    }

    /// The fields a feed row shows, secrets masked: id, system, method, path, route, outcome, answered_by, status,
    /// arrival, duration, fault, auth, validation, completed. Headers and body stay out (ask for the detail).
    var dashboardSummary: JSONValue {
        var row = self
        (row.headers, row.body) = ([], [])
        guard case let .object(full) = row.json(revealSecrets: false) else { return .null }
        var object = JSONObject()
        for key in ["id", "system", "method", "path", "target", "route", "outcome", "answered_by", "status", "arrived_at",
                    "fault", "auth", "validation", "completed"] {
            object[key] = full[key] ?? .null
        }
        object["duration_ms"] = durationMilliseconds.map(JSONValue.double) ?? .null
        return .object(object)
    }
}

extension JSONValue {
    /// This value with every occurrence of a secret in any string (keys included) replaced by `***`, as the
    /// journal masks bodies: collection records hold request bodies, so they are masked the same way.
    func maskingSecrets(_ secrets: [String]) -> JSONValue {
        let secrets = secrets.filter { !$0.isEmpty }
        guard !secrets.isEmpty else { return self }
        return masked(secrets)
    }

    private func masked(_ secrets: [String]) -> JSONValue {
        switch self {
        case let .string(text): return .string(Self.mask(text, secrets))
        case let .array(values): return .array(values.map { $0.masked(secrets) })
        case let .object(object):
            var result = JSONObject()
            for (key, value) in object { result[Self.mask(key, secrets)] = value.masked(secrets) }
            return .object(result)
        case .null, .bool, .int, .double: return self
        }
    }

    private static func mask(_ text: String, _ secrets: [String]) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: JournalEntry.maskedValue)
        }
        return result
    }
}
