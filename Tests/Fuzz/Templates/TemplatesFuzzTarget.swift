// libFuzzer target: both placeholder engines. The tool server's `{{name}}` scanner and renderer (URL, headers, body)
// and the mock systems' response templates, over text and, when the input is JSON, over that value.
//
// Input: UTF-8 text (invalid sequences become U+FFFD). When it parses as JSON, the value is also used as a body
// template, as the renderer's input (an object) and as the mock template's data (`record`, `records`, `body`, ...).
import JSONModel
import MockSystems
import ReferenceToolServer

private let fixedInput: JSONObject = ["id": "a/b c?&#", "count": 3, "ratio": 4.5, "vip": true, "tags": ["x", "y"],
                                      "contact": ["phone": "+15105550100"], "list": [["name": "first"], 2]]
private let fixedMetadata: JSONObject = ["call_id": "call 7", "agent": ["name": "Ava"]]

@_cdecl("LLVMFuzzerTestOneInput")
public func templatesFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let json = try? JSONValue.parse(bytes)
    checkScanner(text)
    var renderer = PlaceholderRenderer(input: fixedInput, metadata: fixedMetadata)
    checkRenderer(renderer, text)
    if let object = json?.objectValue {
        renderer.input = object
        checkRenderer(renderer, text)
    }
    if let json {
        _ = PlaceholderScanner.names(in: json)
        let rendered = renderer.body(json)
        let hasPlaceholders = json.jsonText.contains("{{")
        if !hasPlaceholders { require(rendered == json, "a body without placeholders changed: \(json.jsonText) -> \(rendered.jsonText)") }
        for templateData in [json, .object(["record": json, "records": [json, json], "body": json])] {
            guard let output = try? TemplateFuzzEntryPoints.render(json, with: templateData) else { continue }
            if !hasPlaceholders { require(output == json, "a mock template without placeholders changed: \(json.jsonText)") }
        }
    }
    _ = try? TemplateFuzzEntryPoints.render(.string(text), with: ["query": ["q": .string(text)], "headers": ["x-id": "7"]])
    return 0
}

private func checkScanner(_ text: String) {
    let matches = PlaceholderScanner.matches(in: text)
    let expected = referenceMatches(in: text)
    require(matches.map(\.name) == expected.map(\.name) && matches.map(\.range) == expected.map(\.range),
            "scanner differs from the grammar: \(matches.map(\.name)) vs \(expected.map(\.name)) in '\(text)'")
    for match in matches {
        let site = text[match.range]
        require(site.hasPrefix("{{") && site.hasSuffix("}}"), "a match that is not a placeholder: '\(site)'")
        require(!match.name.isEmpty && site.contains(match.name), "a match whose name is not in it: '\(match.name)' in '\(site)'")
    }
    require(PlaceholderScanner.substitute(in: text) { _ in nil } == text, "substituting nothing changed the text")
    _ = PlaceholderScanner.substitute(in: text) { "<\($0)>" }
    _ = PlaceholderScanner.metadataKey(of: text)
}

private func checkRenderer(_ renderer: PlaceholderRenderer, _ text: String) {
    let rendered = renderer.render(text)
    if !text.contains("{{") { require(rendered == text, "text without placeholders changed: '\(text)' -> '\(rendered)'") }
    let query: [ExecutionPlan.Parameter] = [.init(key: text, value: text), .init(key: "k", value: text, secure: true)]
    _ = renderer.url(text, query: query)
    _ = renderer.maskedURL(text, query: query)
    for header in renderer.headers([.init(key: "X-Fuzz", value: text)]) {
        require(!header.value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "a header value with a line break: '\(header.value)'")
    }
    let encoded = PlaceholderRenderer.percentEncoded(text)
    require(encoded.utf8.allSatisfy { $0 < 0x80 && $0 > 0x20 }, "percent-encoding left a non-ASCII byte: '\(encoded)'")
    require(percentDecoded(encoded) == Array(text.utf8), "percent-encoding does not round-trip: '\(text)'")
    _ = renderer.body(.string(text))
}

/// The scanner's grammar spelled out the slow, obvious way (its first version): for each `{{`, the text up to the next
/// `}}`, spaces trimmed, must be a name; otherwise try again one character later.
private func referenceMatches(in text: String) -> [(name: String, range: Range<String.Index>)] {
    var matches: [(name: String, range: Range<String.Index>)] = []
    var searchStart = text.startIndex
    while let open = text[searchStart...].firstRange(of: "{{") {
        guard let close = text[open.upperBound...].firstRange(of: "}}") else { break }
        var name = text[open.upperBound..<close.lowerBound]
        while name.first == " " { name = name.dropFirst() }
        while name.last == " " { name = name.dropLast() }
        let isLetter = { (scalar: Unicode.Scalar) in ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        let isName = name.unicodeScalars.first.map { $0 == "_" || isLetter($0) } == true
            && name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
        if isName {
            matches.append((String(name), open.lowerBound..<close.upperBound))
            searchStart = close.upperBound
        } else {
            searchStart = text.index(after: open.lowerBound)
        }
    }
    return matches
}

/// The bytes `%XX` escapes stand for; the inverse of `percentEncoded` for its own output.
private func percentDecoded(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
        guard byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
              let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else {
            bytes.append(byte)
            continue
        }
        bytes.append(value)
    }
    return bytes
}
