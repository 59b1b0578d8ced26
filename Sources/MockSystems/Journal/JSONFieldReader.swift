// Reads typed values out of a JSON object for matchers and fault rules, with errors that name the key path.
import JSONModel

/// A JSON object being parsed at `path` (e.g. `action`), throwing `Failure`s built by `fail(keyPath, problem)`.
struct JSONFieldReader<Failure: Error> {
    let path: String
    let object: JSONObject
    let fail: (String, String) -> Failure

    /// A reader over `value`, which must be an object.
    init(_ value: JSONValue, path: String, fail: @escaping (String, String) -> Failure) throws(Failure) {
        guard case let .object(object) = value else { throw fail(path, "expected an object, got \(value.typeName)") }
        self.path = path
        self.object = object
        self.fail = fail
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func failure(_ key: String, _ problem: String) -> Failure { fail(child(key), problem) }

    /// Rejects keys outside `allowed`, so a typo is an error instead of a silently ignored setting.
    func onlyKeys(_ allowed: [String]) throws(Failure) {
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw failure(unknown, "unknown key; expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws(Failure) -> String? {
        guard let value = object[key] else { return nil }
        guard case let .string(text) = value else { throw failure(key, "expected a string, got \(value.typeName)") }
        return text
    }

    func nonEmptyString(_ key: String) throws(Failure) -> String? {
        guard let text = try string(key) else { return nil }
        guard !text.isEmpty else { throw failure(key, "must not be empty") }
        return text
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(Failure) -> Int? {
        guard let value = object[key] else { return nil }
        return try Self.int(value, at: child(key), in: range, fail: fail)
    }

    static func int(_ value: JSONValue, at keyPath: String, in range: ClosedRange<Int>,
                    fail: (String, String) -> Failure) throws(Failure) -> Int {
        guard case let .int(number) = value else { throw fail(keyPath, "expected an integer, got \(value.typeName)") }
        guard range.contains(number) else {
            let upper = range.upperBound == Int.max ? "or more" : "to \(range.upperBound)"
            throw fail(keyPath, "must be \(range.lowerBound) \(upper), got \(number)")
        }
        return number
    }

    /// A string-to-string object, e.g. headers.
    func stringMap(_ key: String) throws(Failure) -> [(name: String, value: String)]? {
        guard let value = object[key] else { return nil }
        let reader = try JSONFieldReader(value, path: child(key), fail: fail)
        var pairs: [(name: String, value: String)] = []
        for entry in reader.object {
            guard case let .string(text) = entry.value else {
                throw reader.failure(entry.key, "expected a string, got \(entry.value.typeName)")
            }
            pairs.append((entry.key, text))
        }
        return pairs
    }
}
