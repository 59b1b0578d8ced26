// How OneInbox's flat tool shape maps onto the shared model: secret headers, parameters, and where they are sent.
import JSONModel

/// The conventions that map OneInbox's create/update shape onto `ToolDefinition` and back.
public enum OneInboxMapping {
    /// OneInbox has no `secure` flag, so a header is secure when its name (any case) is one of these...
    public static let secretHeaderNames: Set<String> = ["authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "apikey"]
    /// ...or contains one of these words (e.g. `X-Auth-Token`, `X-Client-Secret`).
    public static let secretHeaderWords = ["token", "secret", "password", "api-key", "apikey"]

    /// Whether a OneInbox header with this name is stored as a secret (masked on every read).
    public static func isSecretHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretHeaderNames.contains(lowered) || secretHeaderWords.contains { lowered.contains($0) }
    }

    /// Parameters are the values the agent extracts; they are sent as a JSON body `{"name": "{{name}}"}` for
    /// POST, PUT and PATCH, and as query parameters `name={{name}}` for GET and DELETE.
    public static func configuration(
        url: String, method: APICallMethod, headers: [KeyValueSetting], parameters: [VariableDefinition]
    ) -> APICallConfiguration {
        var configuration = APICallConfiguration(url: url, method: method, headers: headers, variables: parameters)
        let templates = parameters.map { (key: $0.name, value: "{{\($0.name)}}") }
        switch method {
        case .get, .delete:
            configuration.queryParams = templates.map { KeyValueSetting(key: $0.key, value: $0.value) }
        case .post, .put, .patch:
            configuration.body = JSONObject(templates.map { (key: $0.key, value: JSONValue.string($0.value)) })
        }
        return configuration
    }
}

/// OneInbox's `PATCH /v1/tools/{id}`: nil leaves a field unchanged. Headers and parameters are replaced as a whole.
public struct OneInboxUpdate: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var toolType: ToolType?
    public var url: String?
    public var method: APICallMethod?
    /// Replaces all headers; a value equal to `SecretMask.placeholder` keeps the stored secret of that header.
    public var headers: [KeyValueSetting]?
    public var parameters: [VariableDefinition]?
    public var runInBackground: Bool?
    public var speakDuringExecution: Bool?
    /// `.cleared` by `transfer_to: null`.
    public var transferTo: FieldUpdate<TransferTarget>
    /// The `oauth2` extension: `.cleared` by `oauth2: null`; a masked client_secret keeps the stored one.
    public var oauth2: FieldUpdate<OAuth2Settings> = .unchanged

    /// Creates an update that changes nothing unless told.
    public init(
        name: String? = nil, description: String? = nil, toolType: ToolType? = nil, url: String? = nil,
        method: APICallMethod? = nil, headers: [KeyValueSetting]? = nil, parameters: [VariableDefinition]? = nil,
        runInBackground: Bool? = nil, speakDuringExecution: Bool? = nil, transferTo: FieldUpdate<TransferTarget> = .unchanged
    ) {
        self.name = name
        self.description = description
        self.toolType = toolType
        self.url = url
        self.method = method
        self.headers = headers
        self.parameters = parameters
        self.runInBackground = runInBackground
        self.speakDuringExecution = speakDuringExecution
        self.transferTo = transferTo
    }
}
