// Records a mock system keeps (leads, tickets): bounded, ordered, thread-safe, resettable to their seed.
import JSONModel
import Synchronization

/// One collection's records in insertion order, at most `spec.capacity` of them; the oldest are evicted and counted.
final class CollectionStore: Sendable {
    private struct State {
        var order: [String] = []
        var head = 0
        var records: [String: JSONValue] = [:]
        var nextSequence: Int
        var evicted = 0
        /// Random ids come from a fast generator seeded once from the system (a system call per id is too slow).
        var generator = SeededGenerator(seed: UInt64.random(in: 0...UInt64.max))

        /// Room reserved up front for `capacity` records (at most `reservedRecordsLimit`), so that no insert under
        /// the lock rehashes the dictionary or reallocates the order: growing them stalled every request for
        /// milliseconds in a mock's first seconds under load (p99 14-23 ms against Hummingbird's 3-5 ms).
        init(nextSequence: Int, capacity: Int) {
            self.nextSequence = nextSequence
            let reserved = min(capacity, CollectionStore.reservedRecordsLimit)
            records.reserveCapacity(reserved + 1)
            // The order holds the live ids plus evicted ones until compaction, which keeps it under 2x + 4096.
            order.reserveCapacity(2 * reserved + 4098)
        }
    }

    /// The most records whose room is reserved when a collection starts; beyond it the storage grows as needed.
    static let reservedRecordsLimit = 131_072

    let spec: CollectionSpec
    private let state: Mutex<State>

    init(spec: CollectionSpec) {
        self.spec = spec
        state = Mutex(State(nextSequence: Self.sequenceStart(spec), capacity: 0))  // reset() reserves the room
        reset()
    }

    private static func sequenceStart(_ spec: CollectionSpec) -> Int {
        if case let .sequence(start) = spec.idStyle { return start }
        return 0
    }

    /// Stores `fields` under a new id (first key of the record) and returns the record.
    func create(_ fields: JSONObject) -> JSONValue {
        state.withLock { state in
            let id: String
            switch spec.idStyle {
            case .sequence:
                id = spec.idPrefix + String(state.nextSequence)
                state.nextSequence += 1
            case let .random(digits):
                id = spec.idPrefix + Self.hex(digits, using: &state.generator)
            }
            var record = JSONObject()
            record["id"] = .string(id)
            for (key, value) in fields where key != "id" { record[key] = value }
            Self.insert(.object(record), id: id, into: &state, capacity: spec.capacity)
            return .object(record)
        }
    }

    func get(_ id: String) -> JSONValue? { state.withLock { $0.records[id] } }

    /// Record `id` with `fields` merged in (its `id` kept), or nil when there is no such record.
    func update(_ id: String, with fields: JSONObject) -> JSONValue? {
        state.withLock { state in
            guard case var .object(record)? = state.records[id] else { return nil }
            for (key, value) in fields where key != "id" { record[key] = value }
            state.records[id] = .object(record)
            return .object(record)
        }
    }

    /// Removes record `id` and returns it, or nil when there was none. Its place in the order is skipped from then on.
    func delete(_ id: String) -> JSONValue? {
        state.withLock { state in
            guard let removed = state.records.removeValue(forKey: id) else { return nil }
            // Drop the ids of deleted records once they outnumber the live ones, so the order stays bounded.
            if state.order.count - state.head > 2 * state.records.count + 1024 {
                state.order = state.order[state.head...].filter { state.records[$0] != nil }
                state.head = 0
            }
            return removed
        }
    }

    /// The newest `limit` records, oldest of them first: O(limit), for views that show a bounded page.
    func newest(_ limit: Int) -> [JSONValue] {
        state.withLock { state in
            let live = state.order[state.head...]
            return live.suffix(max(0, limit)).compactMap { id -> JSONValue? in state.records[id] }
        }
    }

    /// Records in insertion order whose dot-path fields equal `filter`'s values.
    func list(where filter: [(path: String, value: JSONValue)] = []) -> [JSONValue] {
        state.withLock { state in
            // The closure's type is spelled out: JSONValue is ExpressibleByNilLiteral, so an inferred one turned a
            // filtered-out record into a JSON null instead of dropping it.
            state.order[state.head...].compactMap { id -> JSONValue? in
                guard let record = state.records[id], Self.matches(record, filter) else { return nil }
                return record
            }
        }
    }

    func first(where filter: [(path: String, value: JSONValue)]) -> JSONValue? {
        state.withLock { state in
            for id in state.order[state.head...] {
                if let record = state.records[id], Self.matches(record, filter) { return record }
            }
            return nil
        }
    }

    /// Records held now and records evicted since the last reset.
    var counts: (held: Int, evicted: Int) { state.withLock { ($0.records.count, $0.evicted) } }

    /// Back to the seed records only.
    func reset() {
        state.withLock { state in
            state = State(nextSequence: Self.sequenceStart(spec), capacity: spec.capacity)
            for record in spec.seed {
                let id = record["id"]?.stringValue ?? record["id"]?.jsonText ?? spec.idPrefix + String(state.order.count + 1)
                var stored = record.objectValue ?? JSONObject()
                stored["id"] = stored["id"] ?? .string(id)
                Self.insert(.object(stored), id: id, into: &state, capacity: spec.capacity)
            }
        }
    }

    private static func insert(_ record: JSONValue, id: String, into state: inout State, capacity: Int) {
        if state.records.updateValue(record, forKey: id) == nil { state.order.append(id) }
        while state.records.count > capacity {
            let oldest = state.order[state.head]
            state.head += 1
            if state.records.removeValue(forKey: oldest) != nil { state.evicted += 1 }
        }
        if state.head > 4096 && state.head * 2 > state.order.count {
            state.order.removeFirst(state.head)
            state.head = 0
        }
    }

    private static func matches(_ record: JSONValue, _ filter: [(path: String, value: JSONValue)]) -> Bool {
        filter.allSatisfy { condition in
            TemplateContext.walk(record, condition.path.split(separator: ".")[...]) == condition.value
        }
    }

    /// `digits` random lowercase hex digits, 16 per 64-bit draw.
    static func hex<G: RandomNumberGenerator>(_ digits: Int, using generator: inout G) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits)
        var word: UInt64 = 0
        for index in 0..<digits {
            if index % 16 == 0 { word = generator.next() }
            let nibble = UInt8(word & 0xF)
            bytes.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
            word >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
