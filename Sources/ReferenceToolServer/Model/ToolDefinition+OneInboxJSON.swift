// OneInbox's tool answer shape, secrets masked.
import Foundation
import JSONModel

extension ToolDefinition {
    /// OneInbox's tool JSON: `id, name, type, description, url, method, headers, parameters, transfer_to, created_at,
    /// updated_at, run_in_background, speak_during_execution` plus `extraction_schema`, `messaging_config` and
    /// `calendar_config` as null, and `oauth2` (an extension) when set. Secure header values and the OAuth client
    /// secret are masked; `url`/`method` are null for call_transfer tools.
    public func oneInboxJSON(id: String, createdAt: Date, updatedAt: Date) -> JSONValue {
        let shown = configuration?.masked()
        var headers = JSONObject()
        for header in shown?.headers ?? [] { headers[header.key] = .string(header.value) }
        let parameters: [JSONValue] = (configuration?.variables ?? []).map {
            ["name": .string($0.name), "required": .bool($0.required), "description": $0.description.map(JSONValue.string) ?? .null]
        }
        var transferTo = JSONValue.null
        if case let .destination(destination)? = transferTarget?.route { transferTo = .string(destination) }
        var object: JSONObject = [
            "id": .string(id),
            "name": .string(name),
            "type": .string(toolType.rawValue),
            "description": description.map(JSONValue.string) ?? .null,
            "url": shown.map { .string($0.url) } ?? .null,
            "method": shown.map { .string($0.method.rawValue) } ?? .null,
            "headers": .object(headers),
            "parameters": .array(parameters),
            "transfer_to": transferTo,
            "created_at": .string(createdAt.rfc3339Milliseconds),
            "updated_at": .string(updatedAt.rfc3339Milliseconds),
            "run_in_background": .bool(behaviour.runInBackground),
            "speak_during_execution": .bool(behaviour.speakDuringExecution),
            "extraction_schema": .null,
            "messaging_config": .null,
            "calendar_config": .null,
        ]
        if let oauth2 = shown?.oauth2 { object["oauth2"] = oauth2.json }
        return .object(object)
    }
}
