// A tool described once and written in the target's dialect, so one case can run against Feather and OneInbox.
import ToolContract
import JSONModel

/// A header or query parameter of an `api_call` tool.
public struct ToolSetting: Sendable {
    public var key: String
    public var value: String
    /// Marked secret: the target must never show the value.
    public var secure: Bool

    public init(_ key: String, _ value: String, secure: Bool = false) {
        self.key = key
        self.value = value
        self.secure = secure
    }
}

/// A variable the agent fills.
public struct ToolVariable: Sendable {
    public var name: String
    /// `str`, `int`, `float` or `bool` (OneInbox parameters are always `str`).
    public var type: String
    public var required: Bool

    public init(_ name: String, _ type: String = "str", required: Bool = true) {
        self.name = name
        self.type = type
        self.required = required
    }
}

/// A dialect-neutral tool definition. `feather` and `oneInbox` write it as each dialect's create body; fields a
/// dialect cannot express are left out there, so cases that need them apply to Feather only.
public struct ToolSpec: Sendable {
    public var name = "create_callback_lead"
    public var description = "Saves a callback lead once the caller gave all four fields"
    public var url: String
    public var method = "POST"
    public var headers: [ToolSetting] = []
    public var queryParams: [ToolSetting] = []
    /// The body template (Feather); OneInbox sends its parameters as the body of POST/PUT/PATCH.
    public var body: JSONValue?
    public var variables: [ToolVariable] = []
    /// Seconds per attempt (Feather).
    public var timeout: Int?
    /// `RetryConfig` (Feather): `max_retries`, `base_delay_seconds`, `max_delay_seconds`, `jitter`.
    public var retry: JSONValue?
    /// `response_schema.field_mappings` as (path, alias) pairs (Feather).
    public var mappings: [(path: String, alias: String?)] = []
    /// `input_defaults` (Feather): name -> `{value, type}`.
    public var inputDefaults: JSONValue?
    /// OneInbox's `run_in_background`.
    public var runInBackground = false
    /// `oauth2` settings (extension): `token_url`, `client_id`, `client_secret`, `scopes`.
    public var oauth2: JSONValue?

    public init(url: String) { self.url = url }

    /// The handbook's `create_callback_lead`: POST the four fields to the CRM's `/callbacks` with its bearer token
    /// as a secure header, mapping the CRM's `id` to `lead_id`.
    public static func callbackLead(crm: CaseMock) -> ToolSpec {
        var spec = ToolSpec(url: crm.url("/callbacks"))
        spec.name = crm.toolPrefix + spec.name
        spec.headers = [ToolSetting("Authorization", "Bearer \(crm.token ?? "")", secure: true)]
        let fields = ["name", "company", "reason", "phone_number"]
        spec.variables = fields.map { ToolVariable($0) }
        spec.body = .object(JSONObject(fields.map { (key: $0, value: JSONValue.string("{{\($0)}}")) }))
        spec.timeout = 10
        spec.mappings = [(path: "id", alias: "lead_id")]
        return spec
    }

    /// The four fields of a callback lead, as an agent collects them.
    public static func callbackInput(name: String = "Ada Lovelace") -> JSONValue {
        ["name": .string(name), "company": "Analytical Engines", "reason": "Wants a demo of the new plan",
         "phone_number": "+14155550123"]
    }

    /// The create body in `dialect`.
    public func json(for dialect: Dialect) -> JSONValue {
        dialect == .feather ? feather : oneInbox
    }

    /// Feather's `ToolCreate`.
    public var feather: JSONValue {
        var configuration: JSONObject = [
            "url": .string(url), "method": .string(method),
            "headers": .array(headers.map { ["key": .string($0.key), "value": .string($0.value), "secure": .bool($0.secure)] }),
            "variables": .array(variables.map { ["name": .string($0.name), "type": .string($0.type), "required": .bool($0.required)] }),
        ]
        if !queryParams.isEmpty {
            configuration["query_params"] = .array(queryParams.map { ["key": .string($0.key), "value": .string($0.value), "secure": .bool($0.secure)] })
        }
        if let body { configuration["body"] = body }
        if let timeout { configuration["timeout"] = .int(timeout) }
        if let retry { configuration["retry"] = retry }
        if let oauth2 { configuration["oauth2"] = oauth2 }
        var tool: JSONObject = [
            "name": .string(name), "description": .string(description), "tool_type": "api_call",
            "configuration": .object(configuration),
        ]
        if !mappings.isEmpty {
            tool["response_schema"] = ["field_mappings": .array(mappings.map { mapping in
                var object: JSONObject = ["path": .string(mapping.path)]
                if let alias = mapping.alias { object["alias"] = .string(alias) }
                return .object(object)
            })]
        }
        if let inputDefaults { tool["input_defaults"] = inputDefaults }
        return .object(tool)
    }

    /// OneInbox's create body: headers as an object (the target decides which are secret by name), variables as
    /// `parameters`.
    public var oneInbox: JSONValue {
        var tool: JSONObject = [
            "name": .string(name), "type": "api_call", "description": .string(description),
            "url": .string(url), "method": .string(method),
            "headers": .object(JSONObject(headers.map { (key: $0.key, value: JSONValue.string($0.value)) })),
            "parameters": .array(variables.map { ["name": .string($0.name), "required": .bool($0.required)] }),
            "run_in_background": .bool(runInBackground),
        ]
        if let oauth2 { tool["oauth2"] = oauth2 }
        return .object(tool)
    }
}
