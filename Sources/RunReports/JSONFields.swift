// Reading a report's JSON back: JSONObjectReader with `$.a[0]` paths and `ReportReadError`s.
import JSONModel

/// One object of a report's JSON: each read checks the field's type and names its JSONPath (`$.cases[2].id`) when wrong.
/// Null counts as absent where a field is optional (`nullable`), and `200.0` reads as the integer 200.
typealias JSONFields = JSONObjectReader<ReportReadError>

extension JSONObjectReader where Failure == ReportReadError {
    /// Reads `value`, at JSONPath `path` (`$` for the document), as an object.
    init(_ value: JSONValue, at path: String) throws(ReportReadError) {
        try self.init(value, path: path, wholeNumbersAreIntegers: true) { ReportReadError(path: $0, reason: $1.description) }
    }

    /// Reads `value` as an object holding only keys from `known`, so that typos and foreign documents are not half-read.
    init(_ value: JSONValue, at path: String, known: Set<String>) throws(ReportReadError) {
        try self.init(value, at: path)
        try onlyKeys(known.sorted())
    }
}
