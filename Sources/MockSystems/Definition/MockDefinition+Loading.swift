// Reading definitions from JSON, checking every field, and saying exactly where a bad one went wrong.
import JSONModel
import Foundation

extension MockDefinition {
    /// Parses and checks a definition. `file` names it in errors.
    /// - Throws: `DefinitionError` naming the file, the JSON path and the reason.
    public static func load(json bytes: [UInt8], file: String) throws(DefinitionError) -> MockDefinition {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw DefinitionError(file: file, path: "", reason: error.description)
        }
        let top = try DefinitionReader(file: file, path: "", value: value)
        try top.onlyKeys(["name", "title", "description", "auth", "collections", "routes", "oauth_issuer", "faults"])
        let name = try top.requiredNonEmptyString("name")
        guard name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            throw top.failure("name", "must be lowercase letters, digits, '-' or '_', got '\(name)'")
        }
        let collections = try loadCollections(top)
        let issuer = try top.reader("oauth_issuer").map { reader throws(DefinitionError) in try loadIssuer(reader) }
        var routes: [RouteSpec] = []
        let routeValues = try top.array("routes") ?? []
        guard !routeValues.isEmpty else { throw top.failure("routes", "a system needs at least one route") }
        for (index, routeValue) in routeValues.enumerated() {
            let reader = try DefinitionReader(file: file, path: "routes[\(index)]", value: routeValue)
            let route = try loadRoute(reader, collections: Set(collections.map(\.name)), hasIssuer: issuer != nil)
            if routes.contains(where: { $0.id == route.id }) { throw reader.failure("id", "duplicate route id '\(route.id)'") }
            routes.append(route)
        }
        try checkOAuthRoutes(routes, file: file)
        var faults: [FaultRule] = []
        for (index, value) in (try top.array("faults") ?? []).enumerated() {
            do {
                faults.append(try FaultRule(json: value))
            } catch {
                let path = "faults[\(index)]" + (error.keyPath.isEmpty ? "" : ".\(error.keyPath)")
                throw DefinitionError(file: file, path: path, reason: error.problem)
            }
        }
        return MockDefinition(name: name, title: try top.string("title") ?? name, auth: try loadAuth(top.reader("auth")),
                              collections: collections, routes: routes, issuer: issuer, faults: faults, source: file)
    }

    /// Loads `path` (a file); errors name the file.
    public static func load(contentsOf url: URL) throws(DefinitionError) -> MockDefinition {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DefinitionError(file: url.path, path: "", reason: "cannot read the file")
        }
        return try load(json: Array(data), file: url.lastPathComponent)
    }

    private static func loadAuth(_ reader: DefinitionReader?) throws(DefinitionError) -> AuthRequirement {
        guard let reader else { return .none }
        try reader.onlyKeys(["scheme", "token", "header", "key"])
        switch try reader.requiredNonEmptyString("scheme") {
        case "none": return .none
        case "bearer": return .bearer(token: try reader.requiredNonEmptyString("token"))
        case "api_key": return .apiKey(header: try reader.string("header") ?? "X-API-Key", key: try reader.requiredNonEmptyString("key"))
        case "issued_token": return .issuedToken
        case let other: throw reader.failure("scheme", "unknown scheme '\(other)'; expected none, bearer, api_key or issued_token")
        }
    }

    private static func loadCollections(_ top: DefinitionReader) throws(DefinitionError) -> [CollectionSpec] {
        guard let reader = try top.reader("collections") else { return [] }
        var collections: [CollectionSpec] = []
        for (name, value) in reader.object {
            let spec = try reader.reader(over: value, at: reader.child(name))
            try spec.onlyKeys(["id_prefix", "id_sequence_start", "id_random_digits", "capacity", "seed"])
            let style: CollectionSpec.IDStyle
            switch (try spec.int("id_sequence_start", in: 0...Int(Int32.max)), try spec.int("id_random_digits", in: 4...32)) {
            case (nil, nil): style = .random(digits: 12)
            case let (start?, nil): style = .sequence(start: start)
            case let (nil, digits?): style = .random(digits: digits)
            case (_?, _?): throw spec.failure("id_sequence_start", "set id_sequence_start or id_random_digits, not both")
            }
            let seed = try spec.array("seed") ?? []
            for (index, record) in seed.enumerated() where record.objectValue == nil {
                throw spec.failure("seed[\(index)]", "each seed record must be an object")
            }
            collections.append(CollectionSpec(name: name, idPrefix: try spec.string("id_prefix") ?? "", idStyle: style,
                                              capacity: try spec.int("capacity", in: 1...10_000_000) ?? 100_000, seed: seed))
        }
        return collections
    }

    private static func loadIssuer(_ reader: DefinitionReader) throws(DefinitionError) -> IssuerSpec {
        try reader.onlyKeys(["clients", "expires_in"])
        var clients: [IssuerSpec.Client] = []
        for (index, value) in (try reader.array("clients") ?? []).enumerated() {
            let client = try reader.reader(over: value, at: reader.child("clients", index))
            try client.onlyKeys(["client_id", "client_secret", "scopes"])
            let scopes = try (client.array("scopes") ?? []).map { value throws(DefinitionError) in
                guard let scope = value.stringValue else { throw client.failure("scopes", "scopes must be strings") }
                return scope
            }
            clients.append(.init(id: try client.requiredNonEmptyString("client_id"), secret: try client.requiredNonEmptyString("client_secret"), scopes: scopes))
        }
        guard !clients.isEmpty else { throw reader.failure("clients", "an issuer needs at least one client") }
        return IssuerSpec(clients: clients, expiresIn: try reader.int("expires_in", in: 1...31_536_000) ?? 3600)
    }

    private static func loadRoute(_ reader: DefinitionReader, collections: Set<String>, hasIssuer: Bool) throws(DefinitionError) -> RouteSpec {
        try reader.onlyKeys(["id", "method", "path", "auth", "body", "query", "verify_signature", "when", "action", "response", "description"])
        let method = try reader.requiredNonEmptyString("method").uppercased()
        guard method == "*" || method.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw reader.failure("method", "must be an HTTP method such as POST, or *")
        }
        let path = try PathPattern(reader.requiredNonEmptyString("path"), file: reader.file, path: reader.child("path"))
        let body = try reader.reader("body").map { fields throws(DefinitionError) in try FieldRule.fields(fields) }
        let query = try reader.reader("query").map { fields throws(DefinitionError) in try FieldRule.fields(fields) } ?? []
        let action = try loadAction(reader.reader("action"), collections: collections, hasIssuer: hasIssuer)
        let response = try loadResponse(reader.reader("response"), defaultStatus: 200)
        let when = try loadWhen(reader, collections: collections, hasIssuer: hasIssuer)
        let signature = try reader.reader("verify_signature").map { spec throws(DefinitionError) in try loadSignature(spec) }
        return RouteSpec(id: try reader.string("id") ?? "\(method) \(path.text)", method: method, path: path,
                         requiresAuth: try reader.bool("auth") ?? true, body: body, query: query, signature: signature,
                         when: when, action: action, response: response)
    }

    static func loadAction(_ reader: DefinitionReader?, collections: Set<String>, hasIssuer: Bool) throws(DefinitionError) -> RouteAction {
        guard let reader else { return .none }
        let kinds = ["create", "list", "get", "update", "delete", "find", "issue_token", "revoke_token", "oauth_metadata"]
        try reader.onlyKeys(kinds + ["fields", "where", "id"])
        let given = kinds.filter { reader.object[$0] != nil }
        guard given.count <= 1 else { throw reader.failure(given[1], "an action does one thing; this one also says '\(given[0])'") }
        func collection(_ key: String) throws(DefinitionError) -> String? {
            guard let name = try reader.string(key) else { return nil }
            guard collections.contains(name) else { throw reader.failure(key, "no collection named '\(name)' is declared") }
            return name
        }
        func templates(_ key: String) throws(DefinitionError) -> [(String, Template)] { try reader.templates(key) }
        func id() throws(DefinitionError) -> Template {
            try Template(reader.object["id"] ?? "{{path.id}}", file: reader.file, path: reader.child("id"))
        }
        if let name = try collection("create") { return .create(collection: name, fields: try templates("fields")) }
        if let name = try collection("list") { return .list(collection: name, filter: try templates("where")) }
        if let name = try collection("get") { return .get(collection: name, id: try id()) }
        if let name = try collection("update") { return .update(collection: name, id: try id(), fields: try templates("fields")) }
        if let name = try collection("delete") { return .delete(collection: name, id: try id()) }
        if let name = try collection("find") {
            let filter = try templates("where")
            guard !filter.isEmpty else { throw reader.failure("where", "find needs at least one field to match") }
            return .find(collection: name, filter: filter)
        }
        if try reader.bool("issue_token") == true {
            guard hasIssuer else { throw reader.failure("issue_token", "needs an 'oauth_issuer' section in the definition") }
            return .issueToken
        }
        if let action = try loadOAuthAction(reader, hasIssuer: hasIssuer) { return action }
        throw reader.failure(nil, "an action needs one of: \(kinds.joined(separator: ", "))")
    }

    static func loadResponse(_ reader: DefinitionReader?, defaultStatus: Int) throws(DefinitionError) -> ResponseSpec {
        guard let reader else { return ResponseSpec(status: defaultStatus, headers: [], body: nil) }
        try reader.onlyKeys(["status", "headers", "body"])
        var headers: [(String, Template)] = []
        if let object = try reader.reader("headers") {
            for (name, value) in object.object {
                guard value.stringValue != nil else { throw object.failure(name, "header values must be strings") }
                headers.append((name, try Template(value, file: reader.file, path: object.child(name))))
            }
        }
        let body = try reader.object["body"].map { value throws(DefinitionError) in try Template(value, file: reader.file, path: reader.child("body")) }
        return ResponseSpec(status: try reader.int("status", in: 100...599) ?? defaultStatus, headers: headers, body: body)
    }
}
