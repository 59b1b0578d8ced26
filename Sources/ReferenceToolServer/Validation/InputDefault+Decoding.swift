// Decoding `input_defaults` and checking it against the tool's variables.
import JSONModel

extension InputDefault {
    /// Decodes the `input_defaults` map at `loc`; entries are `{value, type}` with unknown keys `extra_forbidden`.
    static func decodeMap(_ value: JSONValue, at loc: Location, reader: inout BodyReader) -> [String: InputDefault] {
        guard let object = reader.object(value, at: loc, model: false) else { return [:] }
        var defaults: [String: InputDefault] = [:]
        for (name, entryValue) in object {
            let entryLoc = loc + [.key(name)]
            guard let entry = reader.object(entryValue, at: entryLoc, model: true) else { continue }
            reader.forbidExtras(entry, allowed: ["value", "type"], at: entryLoc)
            let kind = reader.choice(InputDefaultKind.self, entry, "type", at: entryLoc) ?? .default
            guard let value = reader.field(entry, "value", at: entryLoc, required: true, nullable: false) else { continue }
            defaults[name] = InputDefault(value: value, kind: kind)
        }
        return defaults
    }

    /// Problems of `defaults` against `variables`: an entry naming no variable is a `value_error` at `loc + [name]`;
    /// a value of the wrong type (no coercion, see `VariableType.accepts`) is a `value_error` at `loc + [name, "value"]`.
    static func problems(_ defaults: [String: InputDefault], variables: [VariableDefinition], at loc: Location) -> [ValidationProblem] {
        defaults.sorted { $0.key < $1.key }.compactMap { name, entry in
            guard let variable = variables.first(where: { $0.name == name }) else {
                let known = variables.map(\.name).joined(separator: ", ")
                return ValidationProblem(
                    loc: loc + [.key(name)], msg: "Value error, input_defaults names '\(name)', which is not a variable of this tool (variables: \(known.isEmpty ? "none" : known))",
                    type: "value_error")
            }
            guard variable.type.accepts(entry.value) else {
                return ValidationProblem(
                    loc: loc + [.key(name), "value"], msg: "Value error, input_defaults.\(name).value must be of type \(variable.type.rawValue), got \(entry.value.typeName)",
                    type: "value_error")
            }
            return nil
        }
    }
}

extension ResponseFieldSelector {
    /// Decodes Feather's `ResponseFieldSelector` at `loc`; a path must be non-empty dot segments.
    static func decode(_ value: JSONValue, at loc: Location, reader: inout BodyReader) -> ResponseFieldSelector? {
        guard let object = reader.object(value, at: loc, model: true) else { return nil }
        let items = reader.array(object, "field_mappings", at: loc) ?? []
        let mappings: [ResponseFieldMapping] = items.enumerated().compactMap { index, item in
            let itemLoc = loc + ["field_mappings", .index(index)]
            guard let entry = reader.object(item, at: itemLoc, model: true) else { return nil }
            let path = reader.string(entry, "path", at: itemLoc, required: true)
            let alias = reader.string(entry, "alias", at: itemLoc, nullable: true)
            guard let path else { return nil }
            if path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                reader.valueError(itemLoc + ["path"], "path must be dot-separated non-empty segments (e.g. data.order.id), got '\(path)'")
            }
            return ResponseFieldMapping(path: path, alias: alias)
        }
        return ResponseFieldSelector(fieldMappings: mappings)
    }
}
