// Response templates: JSON with `{{expression}}` placeholders, parsed once at load time, rendered per request.

/// Values a template can read while rendering one answer.
struct TemplateContext {
    var record: JSONValue?
    var records: [JSONValue]?
    var body: JSONValue?
    var query: [String: String]
    var pathParameters: [String: String]
    var headers: (String) -> String?
    var method: String
    var now: String
    var extra: [String: JSONValue] = [:]

    /// The value of `expression`, e.g. `record.id`, `body.requester.name`, `query.phone`, `path.id`, `headers.x-id`,
    /// `records`, `count`, `now`, `request.method`; nil when it names nothing.
    func resolve(_ expression: [Substring]) -> JSONValue? {
        guard let root = expression.first else { return nil }
        let rest = expression.dropFirst()
        switch root {
        case "record": return Self.walk(record, rest)
        case "records": return rest.isEmpty ? records.map { .array($0) } : nil
        case "count": return records.map { .int($0.count) }
        case "body": return Self.walk(body, rest)
        case "query": return rest.count == 1 ? query[String(rest.first!)].map { .string($0) } : nil
        case "path": return rest.count == 1 ? pathParameters[String(rest.first!)].map { .string($0) } : nil
        case "headers": return rest.count == 1 ? headers(String(rest.first!)).map { .string($0) } : nil
        case "now": return .string(now)
        case "request": return rest.first == "method" ? .string(method) : nil
        default: return Self.walk(extra[String(root)], rest)
        }
    }

    /// Follows a dot path into objects (by key) and arrays (by index).
    static func walk(_ value: JSONValue?, _ path: ArraySlice<Substring>) -> JSONValue? {
        var current = value
        for segment in path {
            switch current {
            case let .object(object)?: current = object[String(segment)]
            case let .array(values)?:
                guard let index = Int(segment), values.indices.contains(index) else { return nil }
                current = values[index]
            default: return nil
            }
        }
        return current
    }
}

/// A JSON value whose strings may hold `{{expression}}` placeholders.
indirect enum Template: Sendable {
    case literal(JSONValue)
    /// A string that is exactly one placeholder: renders to the value with its JSON type (an object stays an object).
    case value([Substring])
    /// A string mixing text and placeholders: renders to a string.
    case text([TextPart])
    case array([Template])
    case object([(String, Template)])

    enum TextPart: Sendable {
        case text(String)
        case expression([Substring])
    }

    /// Compiles `json`; placeholders that do not close are errors.
    init(_ json: JSONValue, file: String, path: String) throws(DefinitionError) {
        switch json {
        case let .string(text):
            self = try Self.compile(text, file: file, path: path)
        case let .array(values):
            var parts: [Template] = []
            for (index, value) in values.enumerated() { parts.append(try Template(value, file: file, path: "\(path)[\(index)]")) }
            self = .array(parts)
        case let .object(object):
            var parts: [(String, Template)] = []
            for (key, value) in object { parts.append((key, try Template(value, file: file, path: "\(path).\(key)"))) }
            self = .object(parts)
        default:
            self = .literal(json)
        }
    }

    private static func compile(_ text: String, file: String, path: String) throws(DefinitionError) -> Template {
        guard text.contains("{{") else { return .literal(.string(text)) }
        var parts: [TextPart] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw DefinitionError(file: file, path: path, reason: "placeholder '{{' is not closed with '}}' in \"\(text)\"")
            }
            let expression = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !expression.isEmpty else { throw DefinitionError(file: file, path: path, reason: "empty placeholder in \"\(text)\"") }
            parts.append(.expression(Substring(expression).split(separator: ".")))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        if parts.count == 1, case let .expression(expression) = parts[0] { return .value(expression) }
        return .text(parts)
    }

    /// Renders with `context`; a placeholder naming nothing renders as null (alone) or as empty text (in text).
    func render(_ context: TemplateContext) -> JSONValue {
        switch self {
        case let .literal(value): return value
        case let .value(expression): return context.resolve(expression) ?? .null
        case let .text(parts):
            var output = ""
            for part in parts {
                switch part {
                case let .text(text): output += text
                case let .expression(expression):
                    switch context.resolve(expression) {
                    case let .string(text)?: output += text
                    case nil, .null?: break
                    case let value?: output += value.jsonText
                    }
                }
            }
            return .string(output)
        case let .array(parts): return .array(parts.map { $0.render(context) })
        case let .object(parts): return .object(JSONObject(parts.map { (key: $0.0, value: $0.1.render(context)) }))
        }
    }
}

import JSONModel
import Foundation
