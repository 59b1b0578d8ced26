// Reading a fault rule's action: respond, status_sequence, reset, close, garbage, partial, dribble.
import JSONModel
import HTTPWire

extension FaultRule {
    /// The action types a rule may name.
    public static let actionTypes = ["respond", "status_sequence", "reset", "close", "garbage", "partial", "dribble"]

    static func action(_ value: JSONValue) throws(FaultRuleError) -> Action {
        let reader = try FaultReader(value, path: "action")
        guard let type = try reader.string("type") else {
            throw reader.failure("type", "is required; one of: \(actionTypes.joined(separator: ", "))")
        }
        let statuses = 100...599
        switch type {
        case "respond":
            try reader.onlyKeys(["type", "status", "headers", "body"])
            guard let status = try reader.int("status", in: statuses) else { throw reader.failure("status", "is required (100-599)") }
            let headers = HTTPHeaders(try reader.stringMap("headers") ?? [])
            return .respond(status: status, headers: headers, body: reader.object["body"])
        case "status_sequence":
            try reader.onlyKeys(["type", "statuses"])
            guard case let .array(values)? = reader.object["statuses"], !values.isEmpty else {
                throw reader.failure("statuses", "is required: a non-empty array of statuses, e.g. [503, 503]")
            }
            var sequence: [Int] = []
            for (index, value) in values.enumerated() {
                sequence.append(try reader.int(value, at: reader.child("statuses", index), in: statuses))
            }
            return .statusSequence(sequence)
        case "reset", "close":
            try reader.onlyKeys(["type"])
            return type == "reset" ? .reset : .close
        case "garbage":
            try reader.onlyKeys(["type", "bytes"])
            return .garbage(try reader.nonEmptyString("bytes").map { Array($0.utf8) } ?? defaultGarbage)
        case "partial":
            try reader.onlyKeys(["type", "bytes", "then"])
            guard let bytes = try reader.int("bytes", in: 0...Int.max) else {
                throw reader.failure("bytes", "is required: how many bytes of the answer to send")
            }
            return .partial(bytes: bytes, then: try ending(reader))
        case "dribble":
            try reader.onlyKeys(["type", "duration_ms", "chunk_bytes"])
            guard let duration = try reader.int("duration_ms", in: 1...maxMilliseconds) else {
                throw reader.failure("duration_ms", "is required: how long sending the answer takes (1-\(maxMilliseconds))")
            }
            return .dribble(durationMilliseconds: duration, chunkBytes: try reader.int("chunk_bytes", in: 1...Int.max) ?? 1)
        default:
            throw reader.failure("type", "must be one of: \(actionTypes.joined(separator: ", ")); got \"\(type)\"")
        }
    }

    private static func ending(_ reader: FaultReader) throws(FaultRuleError) -> ConnectionFault.Ending {
        switch try reader.string("then") {
        case nil, "close": return .close
        case "reset": return .reset
        case "stall": return .stall
        case let other?: throw reader.failure("then", "must be \"stall\", \"reset\" or \"close\"; got \"\(other)\"")
        }
    }

    /// The name a `partial` action's ending has in JSON.
    static func name(of ending: ConnectionFault.Ending) -> String {
        switch ending {
        case .close: return "close"
        case .reset: return "reset"
        case .stall: return "stall"
        }
    }
}
