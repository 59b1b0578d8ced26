// A stored revision: one version of a tool's configuration.
import Foundation

/// One version of a tool's configuration (the stored half of Feather's `ToolRevisionResponse`).
public struct ToolRevision: Sendable, Equatable {
    public var id: String
    public var toolID: String
    public var name: String
    public var description: String?
    /// Holds the real secret values; mask before returning.
    public var configuration: APICallConfiguration?
    public var transferTarget: TransferTarget?
    public var responseSchema: ResponseFieldSelector?
    public var inputDefaults: [String: InputDefault]
    public var status: ToolStatus
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a revision.
    public init(
        id: String, toolID: String, name: String, description: String? = nil, configuration: APICallConfiguration? = nil,
        transferTarget: TransferTarget? = nil, responseSchema: ResponseFieldSelector? = nil,
        inputDefaults: [String: InputDefault] = [:], status: ToolStatus = .active, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.toolID = toolID
        self.name = name
        self.description = description
        self.configuration = configuration
        self.transferTarget = transferTarget
        self.responseSchema = responseSchema
        self.inputDefaults = inputDefaults
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Whether any configured header or query value is secure.
    public var hasSecrets: Bool { configuration?.hasSecrets ?? false }
}

extension ToolDefinition {
    /// The record and first revision a create makes; the record's active revision is that revision.
    public func stored(toolID: String, revisionID: String, at date: Date) -> (record: ToolRecord, revision: ToolRevision) {
        let record = ToolRecord(
            id: toolID, name: name, description: description, toolType: toolType, metadata: metadata,
            activeRevisionID: revisionID, behaviour: behaviour, createdAt: date, updatedAt: date)
        let revision = ToolRevision(
            id: revisionID, toolID: toolID, name: name, description: description, configuration: configuration,
            transferTarget: transferTarget, responseSchema: responseSchema, inputDefaults: inputDefaults, createdAt: date)
        return (record, revision)
    }

    /// The definition a record and its active revision make together (what OneInbox reads and patches).
    public init(record: ToolRecord, revision: ToolRevision?) {
        self.init(
            name: record.name, description: record.description, toolType: record.toolType,
            configuration: revision?.configuration, transferTarget: revision?.transferTarget,
            responseSchema: revision?.responseSchema, inputDefaults: revision?.inputDefaults ?? [:],
            metadata: record.metadata, behaviour: record.behaviour)
    }
}
