// A revision in the data file: every field as stored, secure values unmasked.
import Foundation
import JSONModel

extension ToolRevision {
    func snapshotJSON(sequence: Int) -> JSONValue {
        let defaults = inputDefaults.sorted { $0.key < $1.key }.map { entry -> (key: String, value: JSONValue) in
            (key: entry.key, value: ["value": entry.value.value, "type": .string(entry.value.kind.rawValue)])
        }
        return [
            "sequence": .int(sequence), "id": .string(id), "tool_id": .string(toolID), "name": .string(name),
            "description": description.map(JSONValue.string) ?? .null,
            "configuration": configuration?.snapshotJSON ?? .null,
            "transfer_target": transferTarget?.snapshotJSON ?? .null,
            "response_schema": responseSchema.map { schema in
                ["field_mappings": .array(schema.fieldMappings.map {
                    ["path": .string($0.path), "alias": $0.alias.map(JSONValue.string) ?? .null]
                })]
            } ?? .null,
            "input_defaults": .object(JSONObject(defaults)),
            "status": .string(status.rawValue),
            "created_at": createdAt.snapshotJSON, "updated_at": updatedAt.snapshotJSON,
        ]
    }

    init(snapshot reader: SnapshotReader) throws(SnapshotProblem) {
        var defaults: [String: InputDefault] = [:]
        let defaultsReader = try reader.requiredReader("input_defaults")
        for name in defaultsReader.object.keys {
            let entry = try defaultsReader.requiredReader(name)
            guard let value = entry.object["value"] else { throw entry.failure("value", "must be a JSON value, got nothing") }
            defaults[name] = InputDefault(value: value, kind: try entry.requiredChoice("type", InputDefaultKind.self))
        }
        var schema: ResponseFieldSelector?
        if let selector = try reader.reader("response_schema", nullable: true) {
            schema = ResponseFieldSelector(fieldMappings: try selector.readers("field_mappings").map { (mapping) throws(SnapshotProblem) in
                ResponseFieldMapping(path: try mapping.requiredString("path"), alias: try mapping.string("alias", nullable: true))
            })
        }
        self.init(
            id: try reader.requiredString("id"), toolID: try reader.requiredString("tool_id"), name: try reader.requiredString("name"),
            description: try reader.string("description", nullable: true),
            configuration: try reader.reader("configuration", nullable: true).map { (found) throws(SnapshotProblem) in try APICallConfiguration(snapshot: found) },
            transferTarget: try reader.reader("transfer_target", nullable: true).map { (found) throws(SnapshotProblem) in try TransferTarget(snapshot: found) },
            responseSchema: schema, inputDefaults: defaults, status: try reader.requiredChoice("status", ToolStatus.self),
            createdAt: try reader.date("created_at"), updatedAt: try reader.date("updated_at"))
    }
}

extension APICallConfiguration {
    /// The configuration with real secret values (never an answer's shape: answers use `maskedJSON`).
    var snapshotJSON: JSONValue {
        let setting = { (setting: KeyValueSetting) -> JSONValue in
            ["key": .string(setting.key), "value": .string(setting.value), "secure": .bool(setting.secure)]
        }
        return [
            "url": .string(url), "method": .string(method.rawValue),
            "headers": .array(headers.map(setting)), "query_params": .array(queryParams.map(setting)),
            "body": body.map(JSONValue.object) ?? .null, "timeout": .int(timeout),
            "variables": .array(variables.map {
                ["name": .string($0.name), "type": .string($0.type.rawValue),
                 "description": $0.description.map(JSONValue.string) ?? .null, "required": .bool($0.required)]
            }),
            "retry": retry.map {
                ["max_retries": .int($0.maxRetries), "base_delay_seconds": .double($0.baseDelaySeconds),
                 "max_delay_seconds": .double($0.maxDelaySeconds), "jitter": .bool($0.jitter)]
            } ?? .null,
            // The real client secret, like secure header values: the file is mode 0600.
            "oauth2": oauth2.map {
                ["token_url": .string($0.tokenURL), "client_id": .string($0.clientID), "client_secret": .string($0.clientSecret),
                 "scopes": .array($0.scopes.map(JSONValue.string))]
            } ?? .null,
        ]
    }

    init(snapshot reader: SnapshotReader) throws(SnapshotProblem) {
        let setting = { (entry: SnapshotReader) throws(SnapshotProblem) -> KeyValueSetting in
            KeyValueSetting(key: try entry.requiredString("key"), value: try entry.requiredString("value"), secure: try entry.requiredBool("secure"))
        }
        var retry: RetryConfig?
        if let found = try reader.reader("retry", nullable: true) {
            retry = RetryConfig(maxRetries: try found.requiredInt("max_retries"), baseDelaySeconds: try found.requiredNumber("base_delay_seconds"),
                                maxDelaySeconds: try found.requiredNumber("max_delay_seconds"), jitter: try found.requiredBool("jitter"))
        }
        // Absent in files written before OAuth settings existed.
        var oauth2: OAuth2Settings?
        if let found = try reader.reader("oauth2", nullable: true) {
            oauth2 = OAuth2Settings(
                tokenURL: try found.requiredString("token_url"), clientID: try found.requiredString("client_id"),
                clientSecret: try found.requiredString("client_secret"), scopes: try found.strings("scopes"))
        }
        self.init(
            url: try reader.requiredString("url"), method: try reader.requiredChoice("method", APICallMethod.self),
            headers: try reader.readers("headers").map(setting), queryParams: try reader.readers("query_params").map(setting),
            body: try reader.reader("body", nullable: true)?.object, timeout: try reader.requiredInt("timeout"),
            variables: try reader.readers("variables").map { (variable) throws(SnapshotProblem) in
                VariableDefinition(name: try variable.requiredString("name"), type: try variable.requiredChoice("type", VariableType.self),
                                   description: try variable.string("description", nullable: true), required: try variable.requiredBool("required"))
            },
            retry: retry, oauth2: oauth2)
    }
}

extension TransferTarget {
    var snapshotJSON: JSONValue {
        switch route {
        case let .destination(destination):
            return ["destination": .string(destination), "mode": .string(mode.rawValue)]
        case let .source(source):
            return ["destination_source": ["tool_id": .string(source.toolID), "input_mapping": .object(source.inputMapping),
                                           "response_path": .string(source.responsePath)],
                    "mode": .string(mode.rawValue)]
        }
    }

    init(snapshot reader: SnapshotReader) throws(SnapshotProblem) {
        let mode = try reader.requiredChoice("mode", TransferMode.self)
        if let source = try reader.reader("destination_source", nullable: true) {
            self.init(route: .source(DestinationSource(
                toolID: try source.requiredString("tool_id"), inputMapping: try source.requiredReader("input_mapping").object,
                responsePath: try source.requiredString("response_path"))), mode: mode)
        } else {
            self.init(route: .destination(try reader.requiredString("destination")), mode: mode)
        }
    }
}
