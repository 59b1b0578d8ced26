// Why a mock definition could not be loaded: which file, where in it, and what was wrong.
import JSONModel

/// A definition that failed to load. `path` is a JSON path such as `routes[2].body.phone_number.format`.
public struct DefinitionError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var reason: String

    public init(file: String, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(file): \(path.isEmpty ? "(top level)" : path): \(reason)" }
}

/// Reads typed values out of a JSON object, throwing `DefinitionError`s that name the key path.
struct DefinitionReader {
    let file: String
    let path: String
    let object: JSONObject

    init(file: String, path: String, value: JSONValue) throws(DefinitionError) {
        guard case let .object(object) = value else {
            throw DefinitionError(file: file, path: path, reason: "expected an object, got \(value.typeName)")
        }
        self.file = file
        self.path = path
        self.object = object
    }

    func fail(_ key: String?, _ reason: String) -> DefinitionError {
        DefinitionError(file: file, path: key.map { child($0) } ?? path, reason: reason)
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Rejects keys outside `allowed`, so a typo is an error instead of a silently ignored setting.
    func onlyKeys(_ allowed: Set<String>) throws(DefinitionError) {
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw fail(unknown, "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws(DefinitionError) -> String? {
        guard let value = object[key] else { return nil }
        guard case let .string(text) = value else { throw fail(key, "expected a string, got \(value.typeName)") }
        return text
    }

    func requiredString(_ key: String) throws(DefinitionError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw fail(key, "is required and must be a non-empty string") }
        return text
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(DefinitionError) -> Int? {
        guard let value = object[key] else { return nil }
        guard case let .int(number) = value else { throw fail(key, "expected an integer, got \(value.typeName)") }
        guard range.contains(number) else { throw fail(key, "must be \(range.lowerBound)-\(range.upperBound), got \(number)") }
        return number
    }

    func bool(_ key: String) throws(DefinitionError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case let .bool(flag) = value else { throw fail(key, "expected true or false, got \(value.typeName)") }
        return flag
    }

    func reader(_ key: String) throws(DefinitionError) -> DefinitionReader? {
        guard let value = object[key] else { return nil }
        return try DefinitionReader(file: file, path: child(key), value: value)
    }

    /// An object of names to templates (`"fields": {"status": "queued"}`), in the file's order.
    func templates(_ key: String) throws(DefinitionError) -> [(String, Template)] {
        guard let object = try reader(key) else { return [] }
        var result: [(String, Template)] = []
        for (name, value) in object.object { result.append((name, try Template(value, file: file, path: object.child(name)))) }
        return result
    }

    func array(_ key: String) throws(DefinitionError) -> [JSONValue]? {
        guard let value = object[key] else { return nil }
        guard case let .array(values) = value else { throw fail(key, "expected an array, got \(value.typeName)") }
        return values
    }
}
