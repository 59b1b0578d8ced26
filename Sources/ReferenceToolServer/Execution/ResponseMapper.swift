// Narrowing a downstream response body to the fields a tool's `field_mappings` select.
import JSONModel

/// Turns the downstream body into the `body` of an execute answer. Pure.
///
/// - Without mappings: the whole body, as JSON when it parses, else as UTF-8 text; an empty body is `null`.
/// - With mappings: an object with one key per mapping (the alias, or the path itself when there is no alias; a
///   dotted path is a flat key, not nested), whose value is found by the dot path (numeric segments index arrays).
///   A path that leads nowhere, or a body that is not JSON, gives `null` for that key.
public enum ResponseMapper {
    /// The answer body for `body` under `mappings`.
    public static func map(_ body: [UInt8], mappings: [ExecutionPlan.FieldMapping]) -> JSONValue {
        let parsed: JSONValue? = body.isEmpty ? nil : (try? JSONValue.parse(body))
        guard !mappings.isEmpty else {
            if body.isEmpty { return .null }
            return parsed ?? .string(String(decoding: body, as: UTF8.self))
        }
        var object = JSONObject()
        for mapping in mappings {
            object[mapping.key] = parsed.flatMap { value(at: mapping.path, in: $0) } ?? .null
        }
        return .object(object)
    }

    /// The value at dot path `path` in `root`, or nil. Numeric segments index arrays (`items.0.id`); on an object a
    /// numeric segment is an ordinary key. An empty path is `root` itself.
    public static func value(at path: String, in root: JSONValue) -> JSONValue? {
        guard !path.isEmpty else { return root }
        var current = root
        for segment in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case let .object(object):
                guard let next = object[String(segment)] else { return nil }
                current = next
            case let .array(items):
                guard let index = Int(segment), index >= 0, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
