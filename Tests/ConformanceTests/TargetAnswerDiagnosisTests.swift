// An answer that is not valid JSON is named as such, with the place and the bytes around it, in messages and evidence.
@testable import Conformance
import HTTPWire
import Testing

@Suite struct TargetAnswerDiagnosisTests {
    /// A list page of `count` tools whose last number is `Infinity` (not JSON), and that byte's offset.
    private func brokenList(tools count: Int) -> (body: String, offset: Int) {
        let items = (0..<count).map { #"{"id": "tool-\#($0)", "name": "lookup_\#($0)", "timeout": 10}"# }.joined(separator: ", ")
        let prefix = #"{"items": ["# + items + #"], "total": "#
        return (prefix + "Infinity}", prefix.utf8.count)
    }

    @Test func summary_NamesInvalidJSON_WithItsByteAndWhatSurroundsIt() {
        let (body, offset) = brokenList(tools: 100)
        let answer = TargetAnswer(HTTPResponse(status: 200, body: Array(body.utf8)), elapsedMs: 1)
        #expect(answer.json == nil)
        #expect(answer.jsonError?.offset == offset)
        #expect(answer.summary.hasPrefix("200, not valid JSON: "))
        #expect(answer.summary.contains("at byte \(offset): "))
        #expect(answer.summary.contains(#""total": Infinity}"#))
    }

    @Test func summary_OfTextThatIsNotMeantAsJSON_IsItsStart() {
        let answer = TargetAnswer(HTTPResponse(status: 502, body: Array("Bad Gateway".utf8)), elapsedMs: 1)
        #expect(answer.jsonError == nil)
        #expect(answer.summary == "502 Bad Gateway")
    }

    @Test func evidence_KeepsThePartOfALongBodyWhereTheJSONBreaks() {
        let (body, offset) = brokenList(tools: 400)
        #expect(body.utf8.count > 4 * Exchange.maxBodyCharacters / 2)
        let kept = body.truncatedForEvidence()
        #expect(kept.contains(#""total": Infinity}"#))
        #expect(kept.contains("the JSON breaks at byte \(offset)"))
        #expect(kept.utf8.count < Exchange.maxBodyCharacters + 200)
        // A long body that is valid JSON is still cut at its start.
        let valid = String(body.dropLast("Infinity}".count)) + "1}"
        #expect(valid.truncatedForEvidence().hasSuffix("more characters)"))
    }
}
