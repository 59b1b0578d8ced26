// Inputs found while fuzzing the mock definition loader's JSON stage (Tests/Fuzz), kept as regression tests.
import Testing
@testable import JSONModel

@Suite struct FuzzRegressionTests {
    /// `{"k0":0,"k1":0,...}`: every key used to be compared with every earlier one (n²/2 comparisons), so one
    /// ~1 MB request body held an event loop for minutes. These 30,000 keys took ~25 s in a debug build, now ~0.1 s.
    @Test func parse_HandlesAnObjectWithManyKeys_InLinearTime() throws {
        let count = 30_000
        let text = "{" + (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        let clock = ContinuousClock()
        var parsed: JSONValue = .null
        let elapsed = try clock.measure { parsed = try JSONValue.parse(text) }
        #expect(parsed.objectValue?.count == count)
        #expect(parsed["k29999"] == .int(29_999))
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    /// The key index behind large objects keeps the old meaning: last value wins at the first position, removal keeps
    /// order, and canonically equivalent keys are one key.
    @Test func object_KeepsOrderAndLookups_AcrossTheIndexThreshold() {
        var object = JSONObject()
        for index in 0..<40 { object["k\(index)"] = .int(index) }
        object["k3"] = "again"
        object["k10"] = nil
        object["k39"] = nil
        object["\u{E9}"] = 1
        object["e\u{301}"] = 2
        #expect(object.count == 39)
        #expect(object.keys.prefix(4) == ["k0", "k1", "k2", "k3"])
        #expect(object["k3"] == "again" && object["k11"] == .int(11) && object["k10"] == nil && object["k39"] == nil)
        #expect(object.keys.last == "\u{E9}" && object["\u{E9}"] == 2)
        for _ in 0..<38 { object[object.keys[0]] = nil }
        #expect(object.count == 1 && object["\u{E9}"] == 2)
        #expect(object == ["é": 2])
    }
}
