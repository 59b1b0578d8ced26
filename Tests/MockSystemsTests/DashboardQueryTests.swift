// The dashboard API's strict query reading: known names once each, integers in range, errors that say what to send.
import Testing
@testable import MockSystems

@Suite struct DashboardQueryTests {
    @Test func integer_UsesTheDefault_WhenAbsent_AndRefusesOutOfRange() throws {
        let query = try DashboardQuery([("limit", "20")], allowed: ["limit", "wait_ms"])

        #expect(try query.integer("limit", in: 1...500, default: 500) == 20)
        #expect(try query.integer("wait_ms", in: 0...30_000, default: 0) == 0)
        #expect(throws: DashboardQueryError(message: "limit must be an integer 1-10, got '20'")) {
            try query.integer("limit", in: 1...10, default: 10)
        }
    }

    @Test func integer_ExplainsARequiredValue() {
        #expect(throws: DashboardQueryError(message: "after is required: an integer 0 or more (the last sequence seen)")) {
            try DashboardQuery([], allowed: ["after"]).integer("after", in: 0...Int.max, default: nil, meaning: "the last sequence seen")
        }
    }

    @Test func init_RefusesUnknownAndRepeatedNames() {
        #expect(throws: DashboardQueryError(message: "unknown query parameter 'x'; this call takes: none")) {
            try DashboardQuery([("x", "1")], allowed: [])
        }
        #expect(throws: DashboardQueryError(message: "query parameter 'limit' is given twice")) {
            try DashboardQuery([("limit", "1"), ("limit", "2")], allowed: ["limit"])
        }
    }
}
