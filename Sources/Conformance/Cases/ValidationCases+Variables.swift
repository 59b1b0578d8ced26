// Validation cases for variables and the placeholders that name them.
import JSONModel

extension ValidationCases {
    static let variables: [ConformanceCase] = [
        variableTypeUnknown, variableDuplicate, placeholderUnknown, placeholderMetadataAccepted,
    ]

    static let variableTypeUnknown = refusal(
        "validate.variable-type.unknown", "Variable types other than str, int, float, bool (integer, string) are refused with 422 at the variable",
        rule: "validate.variable-type", dialects: [.feather]
    ) { dialect, marker in
        ["integer", "string"].map { type in
            InvalidBody("a variable of type \"\(type)\"", apiCall(dialect, marker, variables: [ToolVariable("party_size", type)]),
                        at: ["body", "configuration", "variables"])
        }
    }

    static let variableDuplicate = refusal(
        "validate.variable-duplicate.same-name", "Two variables (OneInbox: parameters) named phone are refused with 422 at the variables",
        rule: "validate.variable-duplicate"
    ) { dialect, marker in
        [InvalidBody("two variables named phone", apiCall(dialect, marker, variables: [ToolVariable("phone"), ToolVariable("phone")]),
                     at: ["body"] + settingPath(dialect, dialect == .feather ? "variables" : "parameters"))]
    }

    /// The SHOULD rule: `{{lead_idd}}` names no variable (the variable is `lead_id`) and is not `metadata.*`.
    static let placeholderUnknown = refusal(
        "validate.placeholder-unknown.undeclared", "A placeholder naming no variable ({{lead_idd}} beside lead_id) is refused with 422",
        rule: "validate.placeholder-unknown"
    ) { dialect, marker in
        let variables = [ToolVariable("lead_id")]
        // The field is where the placeholder sits; Feather's is inside configuration, OneInbox's url at the top level.
        let inURL = InvalidBody("url \"http://127.0.0.1:9/leads/{{lead_idd}}\"",
                                apiCall(dialect, marker, url: "http://127.0.0.1:9/leads/{{lead_idd}}", variables: variables),
                                at: dialect == .feather ? ["body", "configuration"] : ["body"])
        guard dialect == .feather else { return [inURL] }
        let inBody = InvalidBody("body {\"lead\": \"{{lead_idd}}\"}",
                                 apiCall(dialect, marker, variables: variables)
                                     .replacing(["configuration", "body"], with: ["lead": "{{lead_idd}}"]),
                                 at: ["body", "configuration"])
        return [inURL, inBody]
    }

    /// `metadata.*` placeholders are filled at execution from the request's metadata, so they are never unknown.
    static let placeholderMetadataAccepted = acceptance(
        "validate.placeholder-unknown.metadata-accepted", "A {{metadata.call_id}} placeholder with no variables is accepted",
        rule: "validate.placeholder-unknown"
    ) { dialect, marker in
        [("url \"http://127.0.0.1:9/calls/{{metadata.call_id}}\"", apiCall(dialect, marker, url: "http://127.0.0.1:9/calls/{{metadata.call_id}}"))]
    }
}
