// Reading the data file's JSON strictly: every wrong or missing field is a problem naming its path.
import Foundation
import JSONModel

/// What is wrong with a data file's content, at which path (e.g. `tools[2].status`).
struct SnapshotProblem: Error, Equatable, CustomStringConvertible {
    /// Dotted path of the offending field; empty for the whole document.
    var path: String
    var problem: String

    var description: String { path.isEmpty ? problem : "\(path) \(problem)" }
}

/// One JSON object of the data file with its path, for typed reads that report where a value is wrong.
struct SnapshotReader {
    let object: JSONObject
    let path: String

    /// - Throws: `SnapshotProblem` when `value` is not an object.
    init(_ value: JSONValue?, path: String) throws(SnapshotProblem) {
        guard case let .object(object)? = value else {
            throw SnapshotProblem(path: path, problem: "must be an object, got \(value?.typeName ?? "nothing")")
        }
        self.object = object
        self.path = path
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func failure(_ key: String, _ expected: String) -> SnapshotProblem {
        SnapshotProblem(path: at(key), problem: "must be \(expected), got \(object[key]?.typeName ?? "nothing")")
    }

    func string(_ key: String) throws(SnapshotProblem) -> String {
        guard let text = object[key]?.stringValue else { throw failure(key, "a string") }
        return text
    }

    /// A string, or nil when the key is missing or null.
    func optionalString(_ key: String) throws(SnapshotProblem) -> String? {
        if object[key] == nil || object[key] == .null { return nil }
        return try string(key)
    }

    func int(_ key: String) throws(SnapshotProblem) -> Int {
        guard case let .int(value)? = object[key] else { throw failure(key, "an integer") }
        return value
    }

    func double(_ key: String) throws(SnapshotProblem) -> Double {
        guard let value = object[key]?.doubleValue else { throw failure(key, "a number") }
        return value
    }

    func bool(_ key: String) throws(SnapshotProblem) -> Bool {
        guard let value = object[key]?.boolValue else { throw failure(key, "a boolean") }
        return value
    }

    func jsonObject(_ key: String) throws(SnapshotProblem) -> JSONObject {
        guard let value = object[key]?.objectValue else { throw failure(key, "an object") }
        return value
    }

    /// The array of strings at `key`.
    func strings(_ key: String) throws(SnapshotProblem) -> [String] {
        guard let values = object[key]?.arrayValue else { throw failure(key, "an array") }
        var strings: [String] = []
        for (index, value) in values.enumerated() {
            guard let text = value.stringValue else {
                throw SnapshotProblem(path: "\(at(key))[\(index)]", problem: "must be a string, got \(value.typeName)")
            }
            strings.append(text)
        }
        return strings
    }

    /// Each element of the array at `key` as a reader (`key[0]`, `key[1]`, ...).
    func objects(_ key: String) throws(SnapshotProblem) -> [SnapshotReader] {
        guard let values = object[key]?.arrayValue else { throw failure(key, "an array") }
        var readers: [SnapshotReader] = []
        for (index, value) in values.enumerated() { readers.append(try SnapshotReader(value, path: "\(at(key))[\(index)]")) }
        return readers
    }

    /// The object at `key` as a reader, or nil when the key is missing or null.
    func optionalObject(_ key: String) throws(SnapshotProblem) -> SnapshotReader? {
        if object[key] == nil || object[key] == .null { return nil }
        return try SnapshotReader(object[key], path: at(key))
    }

    /// A string naming a case of `E`.
    func value<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(SnapshotProblem) -> E where E.RawValue == String {
        let text = try string(key)
        guard let value = E(rawValue: text) else {
            throw SnapshotProblem(path: at(key), problem: "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
        }
        return value
    }

    /// A date stored as seconds since Foundation's reference date (2001-01-01T00:00:00Z), which round-trips exactly.
    func date(_ key: String) throws(SnapshotProblem) -> Date { Date(timeIntervalSinceReferenceDate: try double(key)) }
}

extension Date {
    /// This date as the data file stores it: seconds since 2001-01-01T00:00:00Z, exact.
    var snapshotJSON: JSONValue { .double(timeIntervalSinceReferenceDate) }
}
