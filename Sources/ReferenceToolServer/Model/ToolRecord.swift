// A stored tool: identity and tool-level fields; its configuration lives in revisions.
import Foundation
import JSONModel

/// A tool as the store keeps it (the tool-level half of Feather's `ToolResponse`).
public struct ToolRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    public var toolType: ToolType
    public var metadata: JSONObject
    /// Active, deprecated or disabled (enable/disable switch this).
    public var status: ToolStatus
    /// The revision executions use; nil when none.
    public var activeRevisionID: String?
    /// OneInbox's execution flags (tool-level, since OneInbox has no revisions).
    public var behaviour: ToolBehaviour
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a record.
    public init(
        id: String, name: String, description: String? = nil, toolType: ToolType = .apiCall, metadata: JSONObject = [:],
        status: ToolStatus = .active, activeRevisionID: String? = nil, behaviour: ToolBehaviour = ToolBehaviour(),
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.toolType = toolType
        self.metadata = metadata
        self.status = status
        self.activeRevisionID = activeRevisionID
        self.behaviour = behaviour
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
