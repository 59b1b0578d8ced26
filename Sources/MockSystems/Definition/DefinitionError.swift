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

/// Reads a definition's JSON objects, throwing `DefinitionError`s that name the file and the key path.
typealias DefinitionReader = JSONObjectReader<DefinitionError>

extension JSONObjectReader where Failure == DefinitionError {
    /// A reader over `value`, an object at `path` in `file`.
    init(file: String, path: String, value: JSONValue) throws(DefinitionError) {
        try self.init(value, path: path) { DefinitionError(file: file, path: $0, reason: $1.description) }
    }

    /// The definition file this reader's errors name.
    var file: String { failure(nil, "").file }

    /// The string at `key`, which a definition must give and must not leave empty.
    func requiredNonEmptyString(_ key: String) throws(DefinitionError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw failure(key, "is required and must be a non-empty string") }
        return text
    }

    /// An object of names to templates (`"fields": {"status": "queued"}`), in the file's order.
    func templates(_ key: String) throws(DefinitionError) -> [(String, Template)] {
        guard let object = try reader(key) else { return [] }
        var result: [(String, Template)] = []
        for (name, value) in object.object { result.append((name, try Template(value, file: file, path: object.child(name)))) }
        return result
    }
}
