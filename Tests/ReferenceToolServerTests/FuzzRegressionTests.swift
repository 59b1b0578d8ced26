// Inputs found while fuzzing the placeholder engine (Tests/Fuzz), kept as regression tests.
import Testing
@testable import ReferenceToolServer

@Suite struct FuzzRegressionTests {
    /// Text full of `{{` before a far `}}` (in a tool's URL, header or body template) used to be scanned from each
    /// `{{` to the `}}` again: quadratic, 40-60 s for each of these in a debug build, hours for a 1 MB tool body.
    @Test(arguments: [
        (String(repeating: "{", count: 50_000) + "}}", [String]()),
        (String(repeating: "{{a ", count: 12_500) + "}}", ["a"]),
        ("{{" + String(repeating: " ", count: 50_000) + "{{a" + String(repeating: " ", count: 50_000) + "}}", ["a"]),
    ])
    func scanner_ReadsBraceHeavyTextInLinearTime(_ text: String, _ expected: [String]) {
        let clock = ContinuousClock()
        var names: [String] = ["not scanned"]
        let elapsed = clock.measure { names = PlaceholderScanner.names(in: text) }
        #expect(names == expected)
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test func scanner_KeepsItsGrammar_WhenOneClosingBraceEndsManyOpenings() {
        #expect(PlaceholderScanner.names(in: "{{{a}}} {{ b }} {{a {{c}} {{x{{ d  }}}} {{1{{_e}}") == ["a", "b", "c", "d", "_e"])
        let text = "x{{{{ id }}y"
        #expect(PlaceholderScanner.matches(in: text).map { String(text[$0.range]) } == ["{{ id }}"])
    }
}
