// A tool as a client defines it on create: the dialect-independent model both dialects decode into.
import JSONModel

/// OneInbox's execution flags; Feather has none, so they stay false there and are not part of Feather's answers.
public struct ToolBehaviour: Sendable, Equatable {
    /// The execute answer comes before the downstream call finishes (OneInbox `run_in_background`).
    public var runInBackground: Bool
    /// The agent says a filler phrase while waiting (OneInbox `speak_during_execution`); stored and returned only.
    public var speakDuringExecution: Bool

    /// Creates the flags, both off by default.
    public init(runInBackground: Bool = false, speakDuringExecution: Bool = false) {
        self.runInBackground = runInBackground
        self.speakDuringExecution = speakDuringExecution
    }
}

/// Everything a create request defines (Feather's `ToolCreate`, or OneInbox's create mapped onto it).
public struct ToolDefinition: Sendable, Equatable {
    /// Longest accepted name, in characters; longer is 422 `string_too_long` at `name`.
    public static let maxNameLength = 128

    public var name: String
    public var description: String?
    public var toolType: ToolType
    /// The HTTP call; required for api_call tools.
    public var configuration: APICallConfiguration?
    /// The transfer target; required for call_transfer tools.
    public var transferTarget: TransferTarget?
    /// Projection of the downstream answer; nil returns the whole body.
    public var responseSchema: ResponseFieldSelector?
    /// Operator values per variable name.
    public var inputDefaults: [String: InputDefault]
    /// Free-form metadata; `{{metadata.key}}` placeholders read the execute request's metadata, not this.
    public var metadata: JSONObject
    /// OneInbox's execution flags.
    public var behaviour: ToolBehaviour

    /// Creates a definition; defaults follow Feather (api_call, no metadata).
    public init(
        name: String, description: String? = nil, toolType: ToolType = .apiCall, configuration: APICallConfiguration? = nil,
        transferTarget: TransferTarget? = nil, responseSchema: ResponseFieldSelector? = nil,
        inputDefaults: [String: InputDefault] = [:], metadata: JSONObject = [:], behaviour: ToolBehaviour = ToolBehaviour()
    ) {
        self.name = name
        self.description = description
        self.toolType = toolType
        self.configuration = configuration
        self.transferTarget = transferTarget
        self.responseSchema = responseSchema
        self.inputDefaults = inputDefaults
        self.metadata = metadata
        self.behaviour = behaviour
    }

    /// Whether any configured header or query value is secure.
    public var hasSecrets: Bool { configuration?.hasSecrets ?? false }
}
