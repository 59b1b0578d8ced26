// Decoding Feather's TransferTargetInput: destination XOR destination_source, a checked destination, a mode.
import JSONModel

extension TransferTarget {
    /// Decodes `value` at `loc`; nil when unusable (problems are in `reader`). Unknown keys are `extra_forbidden`.
    static func decode(_ value: JSONValue, at loc: Location, reader: inout BodyReader) -> TransferTarget? {
        guard let object = reader.object(value, at: loc, model: true) else { return nil }
        reader.forbidExtras(object, allowed: ["destination", "destination_source", "mode"], at: loc)
        let destination = reader.string(object, "destination", at: loc, nullable: true)
        let sourceValue = reader.field(object, "destination_source", at: loc, required: false, nullable: true)
        let mode = reader.choice(TransferMode.self, object, "mode", at: loc) ?? .cold
        switch (destination, sourceValue) {
        case (nil, nil):
            reader.valueError(loc, "a transfer target needs a destination or a destination_source")
            return nil
        case (.some, .some):
            reader.valueError(loc, "destination and destination_source are mutually exclusive: give one")
            return nil
        case let (destination?, nil):
            return checkedDestination(destination, mode: mode, at: loc + ["destination"], reader: &reader)
        case let (nil, sourceValue?):
            return DestinationSource.decode(sourceValue, at: loc + ["destination_source"], reader: &reader)
                .map { TransferTarget(route: .source($0), mode: mode) }
        }
    }

    /// A static destination target, or a `value_error` at `loc` saying why the destination is not E.164 or SIP.
    static func checkedDestination(_ destination: String, mode: TransferMode, at loc: Location, reader: inout BodyReader) -> TransferTarget? {
        var problem: TransferDestinationError?
        do { _ = try TransferDestination.parse(destination) } catch { problem = error }
        if let verdict = reader.deviations.acceptsTransferDestination {
            // A deliberate deviation (proving the suite): overrule the contract's verdict either way.
            problem = verdict(destination, problem == nil) ? nil : problem ?? TransferDestinationError("destination '\(destination)' is not accepted")
        }
        if let problem {
            reader.valueError(loc, problem.reason)
            return nil
        }
        return TransferTarget(route: .destination(destination), mode: mode)
    }
}

extension DestinationSource {
    /// Decodes Feather's `DestinationSourceConfig` (type must be `api_tool`; unknown keys are `extra_forbidden`).
    static func decode(_ value: JSONValue, at loc: Location, reader: inout BodyReader) -> DestinationSource? {
        guard let object = reader.object(value, at: loc, model: true) else { return nil }
        reader.forbidExtras(object, allowed: ["type", "tool_id", "input_mapping", "response_path"], at: loc)
        if let type = object["type"], type != "api_tool" {
            reader.report(loc + ["type"], "Input should be 'api_tool'", type: "literal_error")
        }
        let toolID = reader.string(object, "tool_id", at: loc, required: true)
        let responsePath = reader.string(object, "response_path", at: loc, required: true)
        let mapping = reader.object(object, "input_mapping", at: loc, nullable: false, model: false) ?? [:]
        for (key, entry) in mapping {
            switch entry {
            case .array, .object: reader.valueError(loc + ["input_mapping", .key(key)], "input_mapping values must be a string, number, boolean or null")
            default: break
            }
        }
        guard let toolID, let responsePath else { return nil }
        return DestinationSource(toolID: toolID, inputMapping: mapping, responsePath: responsePath)
    }
}
