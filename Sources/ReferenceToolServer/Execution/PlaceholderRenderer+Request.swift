// Rendering a plan's URL, query parameters, headers and body; the masked URL shown in answers.
import JSONModel

extension PlaceholderRenderer {
    /// The URL to call: the template with values percent-encoded as a path or query component, then the query
    /// parameters appended (`?` or `&`, before any `#fragment`), names and values percent-encoded.
    public func url(_ template: String, query: [ExecutionPlan.Parameter]) -> String {
        url(template, query: query, showSecrets: true)
    }

    /// The URL as shown in `request_url`: as `url(_:query:)`, but each secure query value is `ExecutionPlan.secretMask`.
    public func maskedURL(_ template: String, query: [ExecutionPlan.Parameter]) -> String {
        url(template, query: query, showSecrets: false)
    }

    /// The header fields to send: values rendered as text, with CR and LF replaced by spaces (no header injection).
    public func headers(_ parameters: [ExecutionPlan.Parameter]) -> [(name: String, value: String)] {
        parameters.map { parameter in
            // Scalars, not Characters: "\r\n" is one Character and would slip past a per-Character check.
            let scalars = render(parameter.value).unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }
            return (name: parameter.key, value: String(String.UnicodeScalarView(scalars)))
        }
    }

    /// The body with every string rendered, recursively. A string that is exactly `{{name}}` becomes the value
    /// itself (keeping its JSON type), or `null` when there is none. Object keys are not rendered.
    public func body(_ template: JSONValue) -> JSONValue {
        switch template {
        case let .string(text):
            if let name = Self.soleName(text) { return value(for: name) ?? .null }
            return .string(render(text))
        case let .array(items):
            return .array(items.map(body))
        case let .object(object):
            return .object(JSONObject(object.entries.map { (key: $0.key, value: body($0.value)) }))
        case .null, .bool, .int, .double:
            return template
        }
    }

    private func url(_ template: String, query: [ExecutionPlan.Parameter], showSecrets: Bool) -> String {
        var base = render(template, encode: Self.percentEncoded)
        var fragment = ""
        if let mark = base.firstIndex(of: "#") {
            fragment = String(base[mark...])
            base = String(base[..<mark])
        }
        guard !query.isEmpty else { return base + fragment }
        let pairs = query.map { parameter in
            let value = parameter.secure && !showSecrets ? ExecutionPlan.secretMask : render(parameter.value)
            return Self.percentEncoded(parameter.key) + "=" + Self.percentEncoded(value)
        }
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + pairs.joined(separator: "&") + fragment
    }

    /// `text` with every byte outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`) written as `%XX`,
    /// so that a value stays one path segment or one query value (`/`, `?`, `&`, `=`, `#` and spaces included).
    public static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
