// libFuzzer target: the mock definition loader (JSON parser, every field check, templates, path patterns), and a
// definition that loads must also make a mock system (start-up faults, collection seeds) without trapping.
// JSON the parser accepts must encode to text that parses back and encodes to the same text.
//
// Input: the bytes of a definition file.
import JSONModel
import MockSystems

@_cdecl("LLVMFuzzerTestOneInput")
public func mockDefinitionFuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONValue.parse(bytes) {
        let text = value.encoded()
        do {
            let again = try JSONValue.parse(text).encoded()
            require(again == text, "JSON encoding is not stable: \(value.jsonText) -> \(String(decoding: again, as: UTF8.self))")
        } catch {
            fatalError("encoded JSON does not parse: \(error): \(value.jsonText)")
        }
    }
    let definition: MockDefinition
    do {
        definition = try MockDefinition.load(json: bytes, file: "fuzz.json")
    } catch {
        require(error.file == "fuzz.json" && !error.description.isEmpty, "an error that does not say where: \(error)")
        return 0
    }
    require(!definition.name.isEmpty && definition.name.utf8.allSatisfy { byte in
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }, "a definition with a bad name loaded: '\(definition.name)'")
    var options = MockOptions()
    options.journalCapacity = 16
    _ = try? MockSystem(definition: definition, options: options)
    return 0
}
