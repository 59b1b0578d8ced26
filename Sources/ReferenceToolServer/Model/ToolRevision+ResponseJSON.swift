// Feather's ToolRevisionResponse: a revision as every endpoint returns it, secrets masked.
import JSONModel

extension ToolRevision {
    /// Input defaults that no longer match a variable of the configuration (name gone or value of another type),
    /// sorted by name: Feather's `stale_input_fields`.
    public var staleInputFields: [String] {
        let variables = configuration?.variables ?? []
        return inputDefaults.compactMap { name, entry in
            variables.contains { $0.name == name && $0.type.accepts(entry.value) } ? nil : name
        }.sorted()
    }

    /// Feather's `ToolRevisionResponse` JSON. Secure values are masked; `compatibility` and `created_by` are null
    /// (the reference server keeps no compatibility reports or users). `merged_input_preview` is a JSON Schema of the
    /// variables with each operator value as `default`.
    public var responseJSON: JSONValue {
        let sortedDefaults = inputDefaults.sorted { $0.key < $1.key }
        let object: JSONObject = [
            "id": .string(id),
            "tool_id": .string(toolID),
            "name": .string(name),
            "description": description.map(JSONValue.string) ?? .null,
            "configuration": configuration?.maskedJSON ?? .null,
            "transfer_target": transferTarget?.json ?? .null,
            "response_schema": responseSchema?.json ?? .null,
            "status": .string(status.rawValue),
            "has_secrets": .bool(hasSecrets),
            "input_defaults": .object(JSONObject(sortedDefaults.map { (key: $0.key, value: $0.value.json) })),
            "compatibility": .null,
            "created_by": .null,
            "created_at": .string(createdAt.rfc3339Milliseconds),
            "updated_at": .string(updatedAt.rfc3339Milliseconds),
            "default_count": .int(inputDefaults.values.filter { $0.kind == .default }.count),
            "pinned_count": .int(inputDefaults.values.filter { $0.kind == .pinned }.count),
            "stale_input_fields": .array(staleInputFields.map(JSONValue.string)),
            "merged_input_preview": mergedInputPreview,
        ]
        return .object(object)
    }

    private var mergedInputPreview: JSONValue {
        let variables = configuration?.variables ?? []
        var properties = JSONObject()
        for variable in variables {
            var property: JSONObject = ["type": .string(variable.type.jsonSchemaType)]
            if let description = variable.description { property["description"] = .string(description) }
            if let entry = inputDefaults[variable.name] { property["default"] = entry.value }
            properties[variable.name] = .object(property)
        }
        let required = variables.filter(\.required).map { JSONValue.string($0.name) }
        return ["type": "object", "properties": .object(properties), "required": .array(required)]
    }
}

extension VariableType {
    /// The JSON Schema type name: `string`, `integer`, `number`, `boolean`.
    var jsonSchemaType: String {
        switch self {
        case .str: return "string"
        case .int: return "integer"
        case .float: return "number"
        case .bool: return "boolean"
        }
    }
}
