// The typed reads of a JSON object reader: strings, integers in a range, numbers, booleans, arrays, nested objects.

extension JSONObjectReader {
    /// `value` as a string.
    /// - Throws: `.wrongType` at `path` when it is not one.
    public func string(_ value: JSONValue, at path: String) throws(Failure) -> String {
        guard let text = value.stringValue else { throw report(path, .wrongType(expected: .string, got: value)) }
        return text
    }

    /// `value` as an integer within `range` (a whole `30.0` counts only when `wholeNumbersAreIntegers`).
    /// - Throws: `.wrongType` or `.outOfRange` at `path`.
    public func int(_ value: JSONValue, at path: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(Failure) -> Int {
        let number: Int?
        if case let .int(exact) = value { number = exact } else { number = wholeNumbersAreIntegers ? value.intValue : nil }
        guard let number else { throw report(path, .wrongType(expected: .integer, got: value)) }
        guard range.contains(number) else { throw report(path, .outOfRange(number, range)) }
        return number
    }

    /// The string at `key`; nil when absent (or null and `nullable`).
    /// - Throws: `.wrongType` at `key` for any other value.
    public func string(_ key: String, nullable: Bool = false) throws(Failure) -> String? {
        guard let value = value(key, nullable: nullable) else { return nil }
        return try string(value, at: child(key))
    }

    /// The string at `key`. - Throws: `.missing` or `.wrongType` at `key`.
    public func requiredString(_ key: String) throws(Failure) -> String {
        try required(key, .string) { key throws(Failure) in try string(key) }
    }

    /// The string at `key`, nil when absent. - Throws: as `string(_:)`, and `.empty` for "".
    public func nonEmptyString(_ key: String) throws(Failure) -> String? {
        guard let text = try string(key) else { return nil }
        guard !text.isEmpty else { throw failure(key, .empty) }
        return text
    }

    /// The integer at `key` within `range`; nil when absent (or null and `nullable`).
    /// - Throws: `.wrongType` or `.outOfRange` at `key`.
    public func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max, nullable: Bool = false) throws(Failure) -> Int? {
        guard let value = value(key, nullable: nullable) else { return nil }
        return try int(value, at: child(key), in: range)
    }

    /// The integer at `key` within `range`. - Throws: `.missing`, `.wrongType` or `.outOfRange` at `key`.
    public func requiredInt(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(Failure) -> Int {
        try required(key, .integer) { key throws(Failure) in try int(key, in: range) }
    }

    /// The number (integer or fractional) at `key`; nil when absent (or null and `nullable`).
    /// - Throws: `.wrongType` at `key`.
    public func number(_ key: String, nullable: Bool = false) throws(Failure) -> Double? {
        try typed(key, .number, nullable: nullable, \.doubleValue)
    }

    /// The number at `key`. - Throws: `.missing` or `.wrongType` at `key`.
    public func requiredNumber(_ key: String) throws(Failure) -> Double {
        try required(key, .number) { key throws(Failure) in try number(key) }
    }

    /// The boolean at `key`; nil when absent (or null and `nullable`). - Throws: `.wrongType` at `key`.
    public func bool(_ key: String, nullable: Bool = false) throws(Failure) -> Bool? {
        try typed(key, .boolean, nullable: nullable, \.boolValue)
    }

    /// The boolean at `key`. - Throws: `.missing` or `.wrongType` at `key`.
    public func requiredBool(_ key: String) throws(Failure) -> Bool {
        try required(key, .boolean) { key throws(Failure) in try bool(key) }
    }

    /// The array at `key`; nil when absent (or null and `nullable`). - Throws: `.wrongType` at `key`.
    public func array(_ key: String, nullable: Bool = false) throws(Failure) -> [JSONValue]? {
        try typed(key, .array, nullable: nullable, \.arrayValue)
    }

    /// The array at `key`, each element with its key path (`key[0]`, `key[1]`, ...).
    /// - Throws: `.missing` or `.wrongType` at `key`.
    public func elements(_ key: String) throws(Failure) -> [(value: JSONValue, path: String)] {
        let values = try required(key, .array) { key throws(Failure) in try array(key) }
        return values.enumerated().map { (value: $0.element, path: child(key, $0.offset)) }
    }

    /// The array of strings at `key`. - Throws: as `elements(_:)`, and `.wrongType` at an element that is no string.
    public func strings(_ key: String) throws(Failure) -> [String] {
        var strings: [String] = []
        for element in try elements(key) { strings.append(try string(element.value, at: element.path)) }
        return strings
    }

    /// The object at `key` as a reader; nil when absent (or null and `nullable`). - Throws: `.wrongType` at `key`.
    public func reader(_ key: String, nullable: Bool = false) throws(Failure) -> JSONObjectReader? {
        guard let value = value(key, nullable: nullable) else { return nil }
        return try reader(over: value, at: child(key))
    }

    /// The object at `key` as a reader. - Throws: `.missing` or `.wrongType` at `key`.
    public func requiredReader(_ key: String) throws(Failure) -> JSONObjectReader {
        try reader(over: object[key], at: child(key))
    }

    /// Each element of the array at `key` as a reader. - Throws: as `elements(_:)`, and `.wrongType` at an element.
    public func readers(_ key: String) throws(Failure) -> [JSONObjectReader] {
        var readers: [JSONObjectReader] = []
        for element in try elements(key) { readers.append(try reader(over: element.value, at: element.path)) }
        return readers
    }

    /// A string-to-string object at `key` (e.g. headers), in its order; nil when absent.
    /// - Throws: `.wrongType` at `key` or at a value that is no string.
    public func stringMap(_ key: String) throws(Failure) -> [(name: String, value: String)]? {
        guard let map = try reader(key) else { return nil }
        var pairs: [(name: String, value: String)] = []
        for entry in map.object { pairs.append((entry.key, try map.string(entry.value, at: map.child(entry.key)))) }
        return pairs
    }

    /// The string at `key` naming a case of `Choice`; nil when absent (or null and `nullable`).
    /// - Throws: `.wrongType` at `key`, or `.notOneOf` listing the raw values.
    public func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _: Choice.Type, nullable: Bool = false)
        throws(Failure) -> Choice? where Choice.RawValue == String {
        guard let text = try string(key, nullable: nullable) else { return nil }
        guard let choice = Choice(rawValue: text) else {
            throw failure(key, .notOneOf(text, choices: Choice.allCases.map(\.rawValue)))
        }
        return choice
    }

    /// The string at `key` naming a case of `Choice`. - Throws: `.missing` at `key`, else as `choice(_:_:nullable:)`.
    public func requiredChoice<Choice: RawRepresentable & CaseIterable>(_ key: String, _ type: Choice.Type)
        throws(Failure) -> Choice where Choice.RawValue == String {
        try required(key, .string) { key throws(Failure) in try choice(key, type) }
    }

    /// The optional read `read` of `key`, made required. - Throws: `.missing(kind)` at `key` when it is absent.
    private func required<Value>(_ key: String, _ kind: JSONKind,
                                 _ read: (String) throws(Failure) -> Value?) throws(Failure) -> Value {
        guard object[key] != nil, let value = try read(key) else { throw failure(key, .missing(kind)) }
        return value
    }

    /// The value at `key` as `kind`, by `extract`; nil when absent (or null and `nullable`).
    /// - Throws: `.wrongType` at `key` when `extract` finds no `kind` there.
    private func typed<Value>(_ key: String, _ kind: JSONKind, nullable: Bool,
                              _ extract: (JSONValue) -> Value?) throws(Failure) -> Value? {
        guard let value = value(key, nullable: nullable) else { return nil }
        guard let typed = extract(value) else { throw failure(key, .wrongType(expected: kind, got: value)) }
        return typed
    }
}
