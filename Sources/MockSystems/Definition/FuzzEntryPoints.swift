// Package-only entry point for the libFuzzer targets in Tests/Fuzz: response templates compiled and rendered.
import JSONModel

/// Compiles and renders a response template as a route does, so that fuzz targets reach `Template` without it being public.
package enum TemplateFuzzEntryPoints {
    /// Compiles `template` and renders it with values taken from `data`: `record`, `records` (an array), `body`,
    /// and `query`, `path`, `headers` (objects whose string values are used). The method is POST, `now` is fixed.
    /// - Throws: `DefinitionError` when the template does not compile (an unclosed or empty placeholder).
    package static func render(_ template: JSONValue, with data: JSONValue) throws(DefinitionError) -> JSONValue {
        let compiled = try Template(template, file: "fuzz.json", path: "template")
        let headers = strings(data["headers"])
        let context = TemplateContext(record: data["record"], records: data["records"]?.arrayValue, body: data["body"],
                                      query: strings(data["query"]), pathParameters: strings(data["path"]),
                                      headers: { name in headers[name] }, method: "POST", now: "2024-01-01T00:00:00.000Z")
        return compiled.render(context)
    }

    /// The string members of an object value, by key.
    private static func strings(_ value: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, member) in value?.objectValue ?? [:] {
            if let text = member.stringValue { result[key] = text }
        }
        return result
    }
}
