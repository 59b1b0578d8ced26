// Validation cases: an invalid tool is 422 with `loc` at the field and nothing stored; valid edge values are accepted.
import ToolContract
import JSONModel

enum ValidationCases {
    static let all: [ConformanceCase] = naming + configuration + variables + transfer

    static let naming: [ConformanceCase] = [nameMissing, nameEmpty, nameTooLong, nameLongestAccepted, nameNonASCIITooLong,
                                            nameNonASCIILongestAccepted, toolTypeUnknown, methodUnknown]

    /// Every dialect.
    static let bothDialects = Set(Dialect.allCases)

    // MARK: Name, tool type, method

    static let nameMissing = refusal(
        "validate.name.missing", "A tool without a name is refused with 422 at name", rule: "validate.name"
    ) { dialect, marker in
        [InvalidBody("a tool without name", apiCall(dialect, marker).replacing(["name"], with: nil), at: ["body", "name"])]
    }

    static let nameEmpty = refusal(
        "validate.name.empty", "A tool named \"\" is refused with 422 at name", rule: "validate.name"
    ) { dialect, marker in
        [InvalidBody("name \"\"", apiCall(dialect, marker).replacing(["name"], with: ""), at: ["body", "name"])]
    }

    static let nameTooLong = refusal(
        "validate.name.too-long", "A name of 129 characters is refused with 422 at name", rule: "validate.name"
    ) { dialect, marker in
        [InvalidBody("a name of 129 characters", apiCall(dialect, marker).replacing(["name"], with: .string(padded(marker, to: 129))),
                     at: ["body", "name"])]
    }

    /// The limit is "longer than 128": a server that counts one off refuses the longest valid name.
    static let nameLongestAccepted = acceptance(
        "validate.name.longest-accepted", "A name of exactly 128 characters is accepted and stored whole", rule: "validate.name"
    ) { dialect, marker in
        [("a name of 128 characters", apiCall(dialect, marker).replacing(["name"], with: .string(padded(marker, to: 128))))]
    } stored: { context, tool, _ in
        try context.expect(tool.name.stringValue?.count == 128, "the stored name keeps all 128 characters",
                           observed: "name is \(tool.name.jsonText)")
    }

    /// The limit counts Unicode scalars: not UTF-8 bytes (é is 2, 漢 3, 😀 4) nor UTF-16 units (😀 is 2).
    static let nameNonASCIITooLong = refusal(
        "validate.name.non-ascii-too-long", "A name of 129 Unicode scalars (é, 漢, 😀) is refused with 422 at name", rule: "validate.name"
    ) { dialect, marker in
        [InvalidBody("a name of 129 non-ASCII scalars", apiCall(dialect, marker).replacing(["name"], with: .string(paddedScalars(marker, to: 129))),
                     at: ["body", "name"])]
    }

    static let nameNonASCIILongestAccepted = acceptance(
        "validate.name.non-ascii-longest-accepted", "A name of exactly 128 Unicode scalars (é, 漢, 😀) is accepted and read back unchanged",
        rule: "validate.name"
    ) { dialect, marker in
        [("a name of 128 non-ASCII scalars", apiCall(dialect, marker).replacing(["name"], with: .string(paddedScalars(marker, to: 128))))]
    } stored: { context, tool, sent in
        let name = sent["name"]?.stringValue ?? ""
        try context.expect(tool.name.stringValue.map { Array($0.unicodeScalars) == Array(name.unicodeScalars) } == true,
                           "GET /v1/tools/{id} shows the name scalar for scalar as sent", observed: "name is \(tool.name.jsonText)")
    }

    static let toolTypeUnknown = refusal(
        "validate.tool-type.unknown", "tool_type \"webhook\" is refused with 422 at tool_type", rule: "validate.tool-type",
        dialects: [.feather]
    ) { dialect, marker in
        [InvalidBody("tool_type \"webhook\"", apiCall(dialect, marker).replacing(["tool_type"], with: "webhook"), at: ["body", "tool_type"])]
    }

    static let methodUnknown = refusal(
        "validate.method.unknown", "Methods other than GET, POST, PUT, PATCH, DELETE (HEAD, FETCH) are refused with 422 at method",
        rule: "validate.method"
    ) { dialect, marker in
        ["HEAD", "FETCH"].map { method in
            InvalidBody("method \(method)", apiCall(dialect, marker).replacing(settingPath(dialect, "method"), with: .string(method)),
                        at: ["body"] + settingPath(dialect, "method"))
        }
    }

    // MARK: Bodies

    /// The target for tools these cases never execute (nothing answers on the discard port).
    static let idleURL = "http://127.0.0.1:9/leads"

    /// A valid `api_call` create body in `dialect`, named and described `marker` (so a stored copy can be found).
    static func apiCall(_ dialect: Dialect, _ marker: String, url: String = idleURL,
                        variables: [ToolVariable] = []) -> JSONValue {
        var spec = ToolSpec(url: url)
        spec.name = marker
        spec.description = marker
        spec.variables = variables
        return spec.json(for: dialect)
    }

    /// Where an api_call setting sits in `dialect`'s body: `configuration.<key>` (Feather) or the top level (OneInbox).
    static func settingPath(_ dialect: Dialect, _ key: String) -> [String] {
        dialect == .feather ? ["configuration", key] : [key]
    }

    /// `text` extended with `x` to exactly `length` characters.
    static func padded(_ text: String, to length: Int) -> String {
        text + String(repeating: "x", count: max(0, length - text.count))
    }

    /// `text` extended to exactly `length` Unicode scalars with é (2 UTF-8 bytes), 漢 (3) and 😀 (4, outside the BMP).
    static func paddedScalars(_ text: String, to length: Int) -> String {
        let pattern: [Unicode.Scalar] = ["\u{E9}", "\u{6F22}", "\u{1F600}"]
        var scalars = String.UnicodeScalarView(text.unicodeScalars)
        while scalars.count < length { scalars.append(pattern[scalars.count % pattern.count]) }
        return String(scalars)
    }

    // MARK: Case shapes

    /// One create body the contract refuses, and the field its 422 must point at.
    struct InvalidBody: Sendable {
        /// The body in words, for expectations (`timeout 0`).
        var what: String
        var body: JSONValue
        /// The expected `loc` (or its start): `["body", "configuration", "timeout"]`.
        var field: [String]

        init(_ what: String, _ body: JSONValue, at field: [String]) {
            self.what = what
            self.body = body
            self.field = field
        }
    }

    /// A case that creates each body and expects 422 at its field with nothing stored. `bodies` gets the dialect
    /// and a unique marker to name or describe the tool with.
    static func refusal(_ id: String, _ title: String, rule: String, dialects: Set<Dialect> = bothDialects,
                        capability: Capability? = nil,
                        bodies: @escaping @Sendable (Dialect, String) -> [InvalidBody]) -> ConformanceCase {
        ConformanceCase(id, title, rule: rule, dialects: dialects, capability: capability) { context in
            let marker = context.uniqueName("refused")
            for invalid in bodies(context.dialect, marker) {
                let answer = try await context.send("POST", "/v1/tools", json: invalid.body)
                try await context.expectRefusedCreate(answer, at: invalid.field, invalid.what, marker: marker)
            }
        }
    }

    /// A case that creates each body and expects it accepted (2xx with an id); `stored` then judges the tool as
    /// `GET /v1/tools/{id}` returns it, given the body sent. Accepted tools are deleted afterwards.
    static func acceptance(_ id: String, _ title: String, rule: String, dialects: Set<Dialect> = bothDialects,
                           capability: Capability? = nil,
                           bodies: @escaping @Sendable (Dialect, String) -> [(String, JSONValue)],
                           stored: (@Sendable (CaseContext, ToolView, _ sent: JSONValue) throws -> Void)? = nil) -> ConformanceCase {
        ConformanceCase(id, title, rule: rule, dialects: dialects, capability: capability) { context in
            for (what, body) in bodies(context.dialect, context.uniqueName("accepted")) {
                let answer = try await context.send("POST", "/v1/tools", json: body)
                let created = answer["id"].stringValue
                try context.expect((200..<300).contains(answer.status) && created != nil, "\(what) is accepted (2xx with an id)",
                                   observed: answer.summary)
                guard let created else { continue }
                var fetched: ToolView?
                if stored != nil { fetched = try await context.toolView(created).view }
                await context.removeTools([created])
                if let stored, let fetched { try stored(context, fetched, body) }
            }
        }
    }
}
