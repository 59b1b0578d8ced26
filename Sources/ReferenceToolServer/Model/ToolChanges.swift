// Update requests as values: what a PUT/PATCH asks to change, before it is applied to stored state.
import JSONModel

/// A change to one nullable field: leave it, clear it, or set it.
public enum FieldUpdate<Value: Sendable & Equatable>: Sendable, Equatable {
    case unchanged
    case cleared
    case set(Value)

    /// The field's new value given its current one.
    public func applied(to current: Value?) -> Value? {
        switch self {
        case .unchanged: return current
        case .cleared: return nil
        case let .set(value): return value
        }
    }
}

/// Feather's `ToolUpdate` (PUT /v1/tools/{id}): only tool-level fields; nil (absent or null) leaves a field unchanged.
public struct ToolUpdate: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var toolType: ToolType?
    public var metadata: JSONObject?

    /// Creates an update.
    public init(name: String? = nil, description: String? = nil, toolType: ToolType? = nil, metadata: JSONObject? = nil) {
        self.name = name
        self.description = description
        self.toolType = toolType
        self.metadata = metadata
    }
}

/// Feather's `ToolRevisionCreate`: a new revision; absent fields are copied from `basedOnRevisionID` when given.
public struct ToolRevisionDraft: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var basedOnRevisionID: String?
    public var configuration: APICallConfiguration?
    public var transferTarget: TransferTarget?
    public var responseSchema: ResponseFieldSelector?
    public var inputDefaults: [String: InputDefault]?

    /// Creates a draft.
    public init(
        name: String, description: String? = nil, basedOnRevisionID: String? = nil,
        configuration: APICallConfiguration? = nil, transferTarget: TransferTarget? = nil,
        responseSchema: ResponseFieldSelector? = nil, inputDefaults: [String: InputDefault]? = nil
    ) {
        self.name = name
        self.description = description
        self.basedOnRevisionID = basedOnRevisionID
        self.configuration = configuration
        self.transferTarget = transferTarget
        self.responseSchema = responseSchema
        self.inputDefaults = inputDefaults
    }
}

/// Feather's `ToolRevisionUpdate`: nil leaves a field unchanged; `inputDefaults` distinguishes an explicit null (clear).
public struct ToolRevisionUpdate: Sendable, Equatable {
    public var name: String?
    public var description: String?
    /// May carry `SecretMask.placeholder` for secure values, meaning "keep the stored secret".
    public var configuration: APICallConfiguration?
    public var transferTarget: TransferTarget?
    public var responseSchema: ResponseFieldSelector?
    public var status: ToolStatus?
    public var inputDefaults: FieldUpdate<[String: InputDefault]>

    /// Creates an update that changes nothing unless told.
    public init(
        name: String? = nil, description: String? = nil, configuration: APICallConfiguration? = nil,
        transferTarget: TransferTarget? = nil, responseSchema: ResponseFieldSelector? = nil, status: ToolStatus? = nil,
        inputDefaults: FieldUpdate<[String: InputDefault]> = .unchanged
    ) {
        self.name = name
        self.description = description
        self.configuration = configuration
        self.transferTarget = transferTarget
        self.responseSchema = responseSchema
        self.status = status
        self.inputDefaults = inputDefaults
    }
}
