// Decoding the bodies that run a tool: execute, a revision's test, a transfer-destination preview (Feather's schemas).
import JSONModel

/// Feather's `ToolExecuteRequest`, which OneInbox's execute takes too: what one execution is given.
struct ToolExecuteRequest: Sendable, Equatable {
    /// The tool's variables by name; `{}` when left out.
    var input: JSONObject = [:]
    /// Values for `{{metadata.key}}` placeholders; `{}` when left out.
    var metadata: JSONObject = [:]

    /// Decodes `body`: `input` and `metadata` are dicts that may be left out, and `null` is not a dict (pydantic's
    /// `dict_type`). Other keys are ignored, as Feather's schema allows them.
    static func decode(_ body: JSONValue) -> ValidationOutcome<ToolExecuteRequest> {
        var reader = BodyReader()
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        let request = decodeFields(object, reader: &reader)
        return ValidationOutcome(request, problems: reader.problems)
    }

    /// `input` and `metadata` out of a body object already read, with their problems in `reader`.
    static func decodeFields(_ object: JSONObject, reader: inout BodyReader) -> ToolExecuteRequest {
        ToolExecuteRequest(input: reader.object(object, "input", at: ["body"], nullable: false, model: false) ?? [:],
                           metadata: reader.object(object, "metadata", at: ["body"], nullable: false, model: false) ?? [:])
    }
}

/// Feather's `ToolRevisionTestRequest`: a dry run of one revision, optionally with an unsaved response selection.
struct ToolRevisionTestRequest: Sendable, Equatable {
    /// The input and metadata, as for execute.
    var run: ToolExecuteRequest
    /// The selection to preview instead of the revision's saved `response_schema`; nil uses the saved one.
    var responseFieldMap: ResponseFieldSelector?

    /// Decodes `body`; keys other than `input`, `metadata` and `response_field_map` are `extra_forbidden`.
    static func decode(_ body: JSONValue) -> ValidationOutcome<ToolRevisionTestRequest> {
        var reader = BodyReader()
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        reader.forbidExtras(object, allowed: ["input", "metadata", "response_field_map"], at: ["body"])
        let run = ToolExecuteRequest.decodeFields(object, reader: &reader)
        let map = reader.field(object, "response_field_map", at: ["body"], required: false, nullable: true)
            .flatMap { ResponseFieldSelector.decode($0, at: ["body", "response_field_map"], reader: &reader) }
        return ValidationOutcome(ToolRevisionTestRequest(run: run, responseFieldMap: map), problems: reader.problems)
    }
}

/// Feather's `TransferDestinationPreviewRequest`: a dry run of a dynamic transfer-destination lookup.
struct TransferDestinationPreviewRequest: Sendable, Equatable {
    /// The lookup's input, its string values rendered with `contextVars`.
    var inputMapping: JSONObject
    /// Dot path in the lookup's answer to the destination.
    var responsePath: String
    /// Sample call context the mapping's placeholders read.
    var contextVars: JSONObject

    /// Decodes `body`: `response_path` is a required string, the two maps are dicts that may be left out, and keys
    /// other than these three are `extra_forbidden`.
    static func decode(_ body: JSONValue) -> ValidationOutcome<TransferDestinationPreviewRequest> {
        var reader = BodyReader()
        guard let object = reader.object(body, at: ["body"], model: true) else { return ValidationOutcome(nil, problems: reader.problems) }
        reader.forbidExtras(object, allowed: ["input_mapping", "response_path", "context_vars"], at: ["body"])
        let inputMapping = reader.object(object, "input_mapping", at: ["body"], nullable: false, model: false) ?? [:]
        let responsePath = reader.string(object, "response_path", at: ["body"], required: true)
        let contextVars = reader.object(object, "context_vars", at: ["body"], nullable: false, model: false) ?? [:]
        let request = responsePath.map {
            TransferDestinationPreviewRequest(inputMapping: inputMapping, responsePath: $0, contextVars: contextVars)
        }
        return ValidationOutcome(request, problems: reader.problems)
    }
}
