// Writing a fault rule back as JSON, in the form `init(json:)` reads.
import JSONModel

extension FaultRule {
    /// The rule as JSON; `FaultRule(json: rule.json) == rule`.
    public var json: JSONValue {
        var object = JSONObject()
        if !id.isEmpty { object["id"] = .string(id) }
        let matchJSON = Self.json(match)
        if !matchJSON.isEmpty { object["match"] = .object(matchJSON) }
        switch scope {
        case .every: break
        case let .times(count): object["times"] = .int(count)
        case let .requests(from, to):
            object["requests"] = to == Int.max ? ["from": .int(from)] : ["from": .int(from), "to": .int(to)]
        case let .probability(value): object["probability"] = .double(value)
        }
        switch delay {
        case nil: break
        case let .fixed(milliseconds)?: object["delay_ms"] = .int(milliseconds)
        case let .uniform(low, high)?: object["delay_ms"] = ["min": .int(low), "max": .int(high)]
        }
        if let action { object["action"] = .object(Self.json(action)) }
        return .object(object)
    }

    private static func json(_ match: FaultMatch) -> JSONObject {
        var object = JSONObject()
        object["route"] = match.route.map(JSONValue.string)
        object["method"] = match.method.map(JSONValue.string)
        object["path"] = match.path.map { .string($0.text) }
        if let header = match.header {
            var headerObject: JSONObject = ["name": .string(header.name)]
            headerObject["value"] = header.value.map(JSONValue.string)
            object["header"] = .object(headerObject)
        }
        return object
    }

    private static func json(_ action: Action) -> JSONObject {
        switch action {
        case let .respond(status, headers, body):
            var object: JSONObject = ["type": "respond", "status": .int(status)]
            if headers.count > 0 { object["headers"] = .object(JSONObject(headers.fields.map { ($0.name, .string($0.value)) })) }
            object["body"] = body
            return object
        case let .statusSequence(statuses):
            return ["type": "status_sequence", "statuses": .array(statuses.map(JSONValue.int))]
        case .reset:
            return ["type": "reset"]
        case .close:
            return ["type": "close"]
        case let .garbage(bytes):
            return ["type": "garbage", "bytes": .string(String(decoding: bytes, as: UTF8.self))]
        case let .partial(bytes, ending):
            return ["type": "partial", "bytes": .int(bytes), "then": .string(name(of: ending))]
        case let .dribble(duration, chunkBytes):
            return ["type": "dribble", "duration_ms": .int(duration), "chunk_bytes": .int(chunkBytes)]
        }
    }
}
