// Feather's ToolResponse: a tool with its active revision, secrets masked.
import JSONModel

extension ToolRecord {
    /// The `organization_id` the reference server reports: it has a single, fixed organization.
    public static let referenceOrganizationID = "00000000-0000-4000-8000-000000000001"

    /// Feather's `ToolResponse` JSON, embedding `activeRevision` (masked) or null.
    /// - Parameter activeRevision: the revision named by `activeRevisionID`, when there is one.
    public func responseJSON(activeRevision: ToolRevision?) -> JSONValue {
        [
            "id": .string(id),
            "organization_id": .string(Self.referenceOrganizationID),
            "name": .string(name),
            "description": description.map(JSONValue.string) ?? .null,
            "tool_type": .string(toolType.rawValue),
            "active_revision_id": activeRevisionID.map(JSONValue.string) ?? .null,
            "active_revision": activeRevision?.responseJSON ?? .null,
            "metadata": .object(metadata),
            "created_at": .string(createdAt.rfc3339Milliseconds),
            "updated_at": .string(updatedAt.rfc3339Milliseconds),
        ]
    }
}
