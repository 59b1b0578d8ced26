// What a request field must look like: type, presence, length, pattern, format, allowed values, nested fields.
import JSONModel
import Foundation

/// A rule for one field of a JSON body or query string. Checked without I/O; failures name the field.
public struct FieldRule: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case string, integer, number, boolean, object, array
    }

    /// Formats checked by hand-written code (fast, and with an exact error message).
    public enum Format: String, Sendable, CaseIterable {
        /// `+` then 2-15 digits, the first 1-9 (ITU-T E.164 as platforms validate it: `^\+[1-9]\d{1,14}$`).
        case e164
        /// An `http` or `https` URL with a host.
        case url
        /// Something with one `@` and a dot in the domain.
        case email
    }

    public var kind: Kind = .string
    public var required = false
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var format: Format?
    public var allowed: [JSONValue]?
    /// Rules for the fields of a nested object.
    public var fields: [(name: String, rule: FieldRule)] = []
    private var regex: NSRegularExpression?

    public init(kind: Kind = .string, required: Bool = false) {
        self.kind = kind
        self.required = required
    }

    /// Reads a rule such as `{"type": "string", "required": true, "format": "e164"}`.
    init(reader: DefinitionReader) throws(DefinitionError) {
        try reader.onlyKeys(["type", "required", "min_length", "max_length", "pattern", "format", "enum", "fields", "description"])
        if let name = try reader.string("type") {
            guard let kind = Kind(rawValue: name) else {
                throw reader.failure("type", "unknown type '\(name)'; expected one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.kind = kind
        }
        required = try reader.bool("required") ?? false
        minLength = try reader.int("min_length", in: 0...1_000_000)
        maxLength = try reader.int("max_length", in: 0...1_000_000)
        if let name = try reader.string("format") {
            guard let format = Format(rawValue: name) else {
                throw reader.failure("format", "unknown format '\(name)'; expected one of: \(Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.format = format
        }
        if let pattern = try reader.string("pattern") {
            do {
                regex = try NSRegularExpression(pattern: pattern)
            } catch {
                throw reader.failure("pattern", "is not a valid regular expression: \(pattern)")
            }
            self.pattern = pattern
        }
        allowed = try reader.array("enum")
        if let nested = try reader.reader("fields") {
            fields = try Self.fields(nested)
        }
    }

    /// Reads `{"name": {rule}, ...}` in order.
    static func fields(_ reader: DefinitionReader) throws(DefinitionError) -> [(name: String, rule: FieldRule)] {
        var result: [(name: String, rule: FieldRule)] = []
        for (name, value) in reader.object {
            result.append((name, try FieldRule(reader: reader.reader(over: value, at: reader.child(name)))))
        }
        return result
    }

    /// Checks `value` (nil when absent) and appends a `FieldError` per problem to `errors`.
    func check(_ value: JSONValue?, field: String, into errors: inout [FieldError]) {
        guard let value, value != .null else {
            if required { errors.append(FieldError(field: field, reason: "is required")) }
            return
        }
        switch (kind, value) {
        case (.string, let .string(text)):
            checkText(text, field: field, into: &errors)
        case (.integer, .int), (.number, .int), (.number, .double), (.boolean, .bool), (.array, .array):
            break
        case (.object, let .object(object)):
            for (name, rule) in fields { rule.check(object[name], field: "\(field).\(name)", into: &errors) }
        default:
            errors.append(FieldError(field: field, reason: "must be \(Self.article(kind)), got \(value.typeName)"))
            return
        }
        if let allowed, !allowed.contains(value) {
            let list = allowed.map { $0.stringValue ?? $0.jsonText }.joined(separator: ", ")
            errors.append(FieldError(field: field, reason: "must be one of: \(list)"))
        }
    }

    private func checkText(_ text: String, field: String, into errors: inout [FieldError]) {
        let length = text.count
        if let minLength, length < minLength {
            errors.append(FieldError(field: field, reason: minLength == 1 ? "must not be empty" : "must be at least \(minLength) characters"))
            return
        }
        if let maxLength, length > maxLength {
            errors.append(FieldError(field: field, reason: "must be at most \(maxLength) characters, got \(length)"))
        }
        if let format, let problem = Self.problem(with: text, as: format) {
            errors.append(FieldError(field: field, reason: problem))
        }
        if let regex, let pattern {
            let range = NSRange(text.startIndex..., in: text)
            if regex.firstMatch(in: text, range: range) == nil {
                errors.append(FieldError(field: field, reason: "must match the pattern \(pattern)"))
            }
        }
    }

    /// Why `text` is not in `format`, or nil when it is.
    static func problem(with text: String, as format: Format) -> String? {
        switch format {
        case .e164:
            let bytes = Array(text.utf8)
            let valid = bytes.count >= 3 && bytes.count <= 16 && bytes[0] == UInt8(ascii: "+")
                && (0x31...0x39).contains(bytes[1]) && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
            return valid ? nil : "must be an E.164 phone number: + then 2-15 digits, the first 1-9 (e.g. +14155550123)"
        case .url:
            guard let components = URLComponents(string: text), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
                  !(components.host ?? "").isEmpty else { return "must be an absolute http(s) URL" }
            return nil
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
                return "must be an email address"
            }
            return nil
        }
    }

    private static func article(_ kind: Kind) -> String {
        switch kind {
        case .integer, .object, .array: return "an \(kind.rawValue)"
        default: return "a \(kind.rawValue)"
        }
    }
}
