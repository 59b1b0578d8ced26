// Indented JSON text for `run.json`: people read it and diff it, so one field per line.
import JSONModel

extension JSONValue {
    /// The value as JSON text indented by two spaces per level, keys in their stored order, ending with a newline.
    /// Scalars and keys are written by `JSONModel`'s encoder, so the text parses back to an equal value.
    var indentedText: String {
        var out = ""
        writeIndented(to: &out, depth: 0)
        out.append("\n")
        return out
    }

    private func writeIndented(to out: inout String, depth: Int) {
        let inner = String(repeating: "  ", count: depth + 1)
        switch self {
        case let .array(values) where !values.isEmpty:
            out.append("[\n")
            for (index, value) in values.enumerated() {
                out.append(inner)
                value.writeIndented(to: &out, depth: depth + 1)
                out.append(index == values.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: depth) + "]")
        case let .object(object) where !object.isEmpty:
            out.append("{\n")
            for (index, entry) in object.entries.enumerated() {
                out.append(inner + JSONValue.string(entry.key).jsonText + ": ")
                entry.value.writeIndented(to: &out, depth: depth + 1)
                out.append(index == object.count - 1 ? "\n" : ",\n")
            }
            out.append(String(repeating: "  ", count: depth) + "}")
        default:
            out.append(jsonText)
        }
    }
}
