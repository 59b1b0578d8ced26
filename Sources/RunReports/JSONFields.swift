// Typed, path-aware reading of one JSON object's fields, for turning a report's JSON back into values.
import JSONModel

/// One JSON object being read: each accessor checks the field's type and names the field's path when it is wrong.
struct JSONFields {
    let object: JSONObject
    /// This object's path (`$.cases[2]`).
    let path: String

    /// Reads `value` as an object.
    init(_ value: JSONValue, at path: String) throws(ReportReadError) {
        guard case let .object(object) = value else {
            throw ReportReadError(path: path, reason: "expected an object, got \(value.typeName)")
        }
        self.object = object
        self.path = path
    }

    /// Reads `value` as an object holding only keys from `known`, so that typos and foreign documents are not half-read.
    init(_ value: JSONValue, at path: String, known: Set<String>) throws(ReportReadError) {
        try self.init(value, at: path)
        try rejectUnknownKeys(known)
    }

    /// Fails on the first key outside `known`.
    func rejectUnknownKeys(_ known: Set<String>) throws(ReportReadError) {
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            let list = known.sorted().joined(separator: ", ")
            throw ReportReadError(path: path, reason: "unexpected key '\(unknown)'; known keys: \(list)")
        }
    }

    func path(_ key: String) -> String { "\(path).\(key)" }

    /// The field's value; a missing key is an error.
    func required(_ key: String) throws(ReportReadError) -> JSONValue {
        guard let value = object[key] else { throw ReportReadError(path: path(key), reason: "missing") }
        return value
    }

    /// The field's value, or nil when it is null or absent.
    func optional(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(ReportReadError) -> String {
        try Self.string(required(key), at: path(key))
    }

    func optionalString(_ key: String) throws(ReportReadError) -> String? {
        guard let value = optional(key) else { return nil }
        return try Self.string(value, at: path(key))
    }

    func int(_ key: String) throws(ReportReadError) -> Int {
        try Self.int(required(key), at: path(key))
    }

    func optionalInt(_ key: String) throws(ReportReadError) -> Int? {
        guard let value = optional(key) else { return nil }
        return try Self.int(value, at: path(key))
    }

    func double(_ key: String) throws(ReportReadError) -> Double {
        let value = try required(key)
        guard let number = value.doubleValue else {
            throw ReportReadError(path: path(key), reason: "expected a number, got \(value.typeName)")
        }
        return number
    }

    func bool(_ key: String) throws(ReportReadError) -> Bool {
        let value = try required(key)
        guard let flag = value.boolValue else {
            throw ReportReadError(path: path(key), reason: "expected true or false, got \(value.typeName)")
        }
        return flag
    }

    /// The field as an array, each element with its own path (`$.cases[0]`).
    func array(_ key: String) throws(ReportReadError) -> [(value: JSONValue, path: String)] {
        let value = try required(key)
        guard let items = value.arrayValue else {
            throw ReportReadError(path: path(key), reason: "expected an array, got \(value.typeName)")
        }
        return items.enumerated().map { (value: $0.element, path: "\(path(key))[\($0.offset)]") }
    }

    func strings(_ key: String) throws(ReportReadError) -> [String] {
        var result: [String] = []
        for item in try array(key) { result.append(try Self.string(item.value, at: item.path)) }
        return result
    }

    /// The field as one of an enumeration's raw values; the error lists the accepted ones.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _: Choice.Type) throws(ReportReadError) -> Choice
    where Choice.RawValue == String {
        let text = try string(key)
        guard let choice = Choice(rawValue: text) else {
            let accepted = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw ReportReadError(path: path(key), reason: "expected one of \(accepted), got '\(text)'")
        }
        return choice
    }

    static func string(_ value: JSONValue, at path: String) throws(ReportReadError) -> String {
        guard let text = value.stringValue else {
            throw ReportReadError(path: path, reason: "expected a string, got \(value.typeName)")
        }
        return text
    }

    static func int(_ value: JSONValue, at path: String) throws(ReportReadError) -> Int {
        guard let number = value.intValue else {
            throw ReportReadError(path: path, reason: "expected an integer, got \(value.typeName)")
        }
        return number
    }
}
