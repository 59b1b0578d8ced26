// The badge: message and colour by outcome, a flat SVG that parses and says it, a shields endpoint JSON.
import Conformance
import JSONModel
import Testing
@testable import RunReports

@Suite struct BadgeTests {
    @Test func badge_SaysCertified_InGreen_WhenTheRunCertifies() {
        let badge = Badge(.make(results: [.make("a.one", outcome: .pass), .make("a.two", level: .should, outcome: .nonStrict)]))
        #expect(badge == Badge(label: "conformance", message: "certified", color: .green))
    }

    @Test func badge_CountsMustCasesPassing_InRed_WhenTheRunFails() {
        // make(): MUST cases run are create.minimal (pass), create.duplicate (fail), transfer (error), secrets
        // (baselined fail); the skipped one did not run and the non-strict one is a SHOULD.
        #expect(Badge(.make()) == Badge(label: "conformance", message: "1 of 4 MUST passing", color: .red))
    }

    @Test func badge_IsRed_WhenOnlyAStaleBaselineFailsTheRun() {
        let report = RunReport.make(results: [.make("a.one", outcome: .pass)], staleBaseline: ["a.one"])
        #expect(Badge(report) == Badge(label: "conformance", message: "1 of 1 MUST passing", color: .red))
    }

    @Test func badge_StaysGreen_ForABaselinedFailure() {
        let report = RunReport.make(results: [.make("a.one", outcome: .pass), .make("a.two", outcome: .fail, baselined: true)])
        #expect(Badge(report).color == .green)
    }

    @Test func badge_SaysNoCases_InGrey_WhenNothingRan() {
        let grey = Badge(label: "conformance", message: "no cases", color: .grey)
        #expect(Badge(.make(results: [])) == grey)
        #expect(Badge(.make(results: [.make("a.one", outcome: .skipped, capability: "oauth2")])) == grey)
    }

    @Test func svg_Parses_AndShowsTheLabelAndMessage_InTheOutcomesColour() throws {
        for (report, color) in [(RunReport.make(results: [.make("a.one", outcome: .pass)]), Badge.Color.green),
                                (.make(), .red), (.make(results: []), .grey)] {
            let badge = Badge(report)
            let svg = try ParsedXML(badge.svg)
            let texts = try svg.elements("//*[local-name()='text'][not(@aria-hidden)]").map(\.text)
            #expect(texts == ["conformance", badge.message])
            let message = try svg.elements("//*[local-name()='rect'][@class='message']")
            #expect(message.map { $0.attributes["fill"] } == [color.hex])
            let root = try svg.elements("/*[local-name()='svg']")
            #expect(root.first?.attributes["aria-label"] == "conformance: \(badge.message)")
        }
    }

    @Test func svg_IsAsWideAsItsTwoHalves_AndGrowsWithItsText() throws {
        let short = Badge(label: "conformance", message: "certified", color: .green)
        let long = Badge(label: "conformance", message: "112 of 118 MUST passing", color: .red)
        for badge in [short, long] {
            let svg = try ParsedXML(badge.svg)
            let width = try svg.elements("/*[local-name()='svg']").first?.attributes["width"].flatMap { Int($0) }
            let halves = try svg.elements("//*[local-name()='g']/*[local-name()='rect'][@height='20'][not(@fill='url(#s)')]")
                .compactMap { $0.attributes["width"].flatMap { Int($0) } }
            #expect(halves.count == 2)
            #expect(width == halves.reduce(0, +))
            #expect(halves.last == Badge.segmentWidth(badge.message))
        }
        #expect(Badge.segmentWidth(long.message) > Badge.segmentWidth(short.message) + 60)
        #expect(Badge.textWidth("MMMM") > Badge.textWidth("iiii") * 2)
        #expect(Badge.textWidth("日本") > Badge.textWidth("ab"))
    }

    @Test func svg_EscapesItsText() throws {
        let badge = Badge(label: RunReport.hostileText, message: "a & b <c>", color: .red)
        #expect(!badge.svg.contains("<script>"))
        let svg = try ParsedXML(badge.svg)
        let texts = try svg.elements("//*[local-name()='text'][not(@aria-hidden)]").map(\.text)
        #expect(texts == [RunReport.hostileText.withoutControlCharacters, "a & b <c>"])
        let title = try svg.elements("//*[local-name()='title']").map(\.text)
        #expect(title == ["\(RunReport.hostileText.withoutControlCharacters): a & b <c>"])
    }

    @Test func endpointJSON_HasExactlyTheShieldsKeys() throws {
        for badge in [Badge(.make()), Badge(.make(results: [])), Badge(.make(results: [.make("a.one", outcome: .pass)]))] {
            let json = try JSONValue.parse(badge.endpointJSON)
            #expect(json.objectValue?.keys == ["schemaVersion", "label", "message", "color"])
            #expect(json["schemaVersion"] == .int(1))
            #expect(json["label"] == "conformance")
            #expect(json["message"]?.stringValue == badge.message)
            #expect(json["color"]?.stringValue == badge.color.shieldsName)
            #expect(["brightgreen", "red", "lightgrey"].contains(badge.color.shieldsName))
        }
        let hostile = Badge(label: RunReport.hostileText, message: "\"quoted\"", color: .grey)
        #expect(try JSONValue.parse(hostile.endpointJSON)["label"]?.stringValue == RunReport.hostileText)
    }
}
