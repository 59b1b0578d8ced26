// `{{variable}}` and `{{metadata.key}}` placeholders: finding them and looking their values up.
import JSONModel

/// Fills `{{name}}` and `{{metadata.key}}` placeholders from resolved input and request metadata. Pure.
///
/// - A placeholder is `{{`, a name (spaces around it are ignored), `}}`. `{{metadata.a.b}}` reads the request's
///   `metadata` by dot path (numeric segments index arrays); any other name reads the resolved input, also by dot path.
/// - A value becomes text as: a string as is, numbers and booleans as JSON writes them, objects and arrays as JSON text.
/// - A missing value (or `null`) renders as empty text. In a body, a string that is exactly one placeholder keeps the
///   value's JSON type instead, and a missing value there becomes `null`.
/// - `{{` without a closing `}}` is left as written.
public struct PlaceholderRenderer: Sendable {
    /// Resolved input values by variable name.
    public var input: JSONObject
    /// The execute request's `metadata`.
    public var metadata: JSONObject

    /// A renderer over `input` and `metadata`.
    public init(input: JSONObject, metadata: JSONObject = [:]) {
        self.input = input
        self.metadata = metadata
    }

    /// The value a placeholder name stands for, or nil when there is none.
    public func value(for name: String) -> JSONValue? {
        let trimmed = String(name.trimmingSpacesAndTabs())
        if trimmed.hasPrefix("metadata.") {
            return ResponseMapper.value(at: String(trimmed.dropFirst("metadata.".count)), in: .object(metadata))
        }
        if let direct = input[trimmed] { return direct }
        return ResponseMapper.value(at: trimmed, in: .object(input))
    }

    /// `template` with every placeholder replaced by its value's text, passed through `encode` (identity by default).
    public func render(_ template: String, encode: (String) -> String = { $0 }) -> String {
        guard template.contains("{{") else { return template }
        var output = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            output += encode(Self.text(value(for: String(rest[open.upperBound..<close.lowerBound]))))
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// The name when `template` is exactly one placeholder (`{{name}}`), else nil.
    static func soleName(_ template: String) -> String? {
        guard template.hasPrefix("{{"), template.hasSuffix("}}"), template.count >= 4 else { return nil }
        let inner = template.dropFirst(2).dropLast(2)
        return inner.contains("{{") || inner.contains("}}") ? nil : String(inner)
    }

    /// How a value is written into text; `null` and absent values are empty.
    static func text(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case let .string(text)?: return text
        case let other?: return other.jsonText
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpacesAndTabs() -> Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
