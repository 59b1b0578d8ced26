// One JSON object being read with its key path; every problem goes to a report function that makes the caller's error.

/// A JSON object at `path`, read field by field. Each problem found (a wrong type, a missing or unknown key, a value out
/// of range) is handed to `report` with the key path of the offending value, and the error it returns is thrown; so one
/// reader serves every error type and message style. Key paths join keys with dots and put indices in brackets:
/// `routes[2].body.phone`, or, from a root path of `$`, `$.cases[0].outcome`. To gather every problem instead of
/// stopping at the first, wrap each read in `collecting(_:into:)`.
public struct JSONObjectReader<Failure: Error> {
    /// The object being read.
    public let object: JSONObject
    /// This object's key path; empty for a document's top level (whose keys then need no prefix).
    public let path: String
    /// Whether a number with no fraction (`30.0`) reads as an integer. Off, only an integer literal does.
    public let wholeNumbersAreIntegers: Bool
    /// Makes the error for a problem at a key path.
    public let report: (_ path: String, _ problem: JSONReadProblem) -> Failure

    /// A reader over `object` at `path`; see the type's documentation for `report`.
    public init(object: JSONObject, path: String, wholeNumbersAreIntegers: Bool = false,
                report: @escaping (_ path: String, _ problem: JSONReadProblem) -> Failure) {
        self.object = object
        self.path = path
        self.wholeNumbersAreIntegers = wholeNumbersAreIntegers
        self.report = report
    }

    /// A reader over `value`, which must be an object.
    /// - Throws: `.missing(.object)` when `value` is nil, `.wrongType` when it is not an object, both at `path`.
    public init(_ value: JSONValue?, path: String, wholeNumbersAreIntegers: Bool = false,
                report: @escaping (_ path: String, _ problem: JSONReadProblem) -> Failure) throws(Failure) {
        guard let value else { throw report(path, .missing(.object)) }
        guard case let .object(object) = value else { throw report(path, .wrongType(expected: .object, got: value)) }
        self.init(object: object, path: path, wholeNumbersAreIntegers: wholeNumbersAreIntegers, report: report)
    }

    /// The reader for another object, with this reader's report function and rules.
    public func reader(over value: JSONValue?, at path: String) throws(Failure) -> JSONObjectReader {
        try JSONObjectReader(value, path: path, wholeNumbersAreIntegers: wholeNumbersAreIntegers, report: report)
    }

    /// The key path of `key` in this object: `path.key`, or `key` at the top level.
    public func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The key path of element `index` of the array at `key`: `path.key[index]`.
    public func child(_ key: String, _ index: Int) -> String { "\(child(key))[\(index)]" }

    /// The error for `problem` at `key`, or at this object itself when `key` is nil.
    public func failure(_ key: String?, _ problem: JSONReadProblem) -> Failure {
        report(key.map(child) ?? path, problem)
    }

    /// The error for a rule of the caller's own, worded by `text`, at `key` (nil: this object).
    public func failure(_ key: String?, _ text: String) -> Failure { failure(key, .invalid(text)) }

    /// The keys of this object outside `allowed`, in the object's order.
    public func unknownKeys(_ allowed: Set<String>) -> [String] { object.keys.filter { !allowed.contains($0) } }

    /// Rejects keys outside `allowed`, so a typo is an error instead of a silently ignored setting.
    /// - Throws: `.unknownKey` at the first unknown key, listing `allowed` in the given order.
    public func onlyKeys(_ allowed: [String]) throws(Failure) {
        if let unknown = unknownKeys(Set(allowed)).first { throw failure(unknown, .unknownKey(allowed: allowed)) }
    }

    /// The value at `key`: nil when absent, or when null and `nullable`.
    public func value(_ key: String, nullable: Bool = false) -> JSONValue? {
        guard let value = object[key], !(nullable && value == .null) else { return nil }
        return value
    }

    /// Runs one read, handing its error to `collect` instead of throwing it: the way to gather every problem of a
    /// document in one pass. Returns the read's value, or nil when it failed.
    public func collecting<Value>(_ read: (JSONObjectReader) throws(Failure) -> Value?,
                                  into collect: (Failure) -> Void) -> Value? {
        do {
            return try read(self)
        } catch {
            collect(error)
            return nil
        }
    }
}
