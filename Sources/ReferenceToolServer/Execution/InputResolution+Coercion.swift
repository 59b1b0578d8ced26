// The type rules for input values: which JSON values each variable type accepts, and the exact string coercions.
import JSONModel

extension InputResolution {
    /// Why a value does not fit a type: a pydantic-style kind and a message.
    struct Mismatch: Error, Equatable {
        var kind: String
        var message: String
    }

    /// `value` as `type`, or why it is not one.
    /// - `str`: a JSON string only.
    /// - `int`: an integer; a number without fraction (`42.0` -> 42); a string matching `-?[0-9]+` that fits in 64 bits.
    /// - `float`: any JSON number (an integer passes unchanged); a string that is exactly a decimal number
    ///   (`-?digits[.digits][e[+-]digits]`, no spaces, no `nan`/`inf`) -> that number.
    /// - `bool`: `true`/`false`; exactly the strings `"true"`/`"false"` (lowercase).
    static func coerce(_ value: JSONValue, to type: ExecutionPlan.VariableType) -> Result<JSONValue, Mismatch> {
        switch (type, value) {
        case (.str, .string): return .success(value)
        case (.str, _): return .failure(Mismatch(kind: "string_type", message: "Input should be a valid string, got \(value.typeName)"))
        case (.int, .int): return .success(value)
        case let (.int, .double(number)):
            if let whole = value.intValue { return .success(.int(whole)) }
            return .failure(Mismatch(kind: "int_from_float",
                                     message: "Input should be a valid integer, got a number with a fractional part (\(number))"))
        case let (.int, .string(text)):
            if isExactInteger(text), let whole = Int(text) { return .success(.int(whole)) }
            return .failure(Mismatch(kind: "int_parsing", message: "Input should be a valid integer, unable to parse string \(quoted(text))"))
        case (.int, _): return .failure(Mismatch(kind: "int_type", message: "Input should be a valid integer, got \(value.typeName)"))
        case (.float, .int), (.float, .double): return .success(value)
        case let (.float, .string(text)):
            if isExactDecimal(text), let number = Double(text), number.isFinite { return .success(.double(number)) }
            return .failure(Mismatch(kind: "float_parsing", message: "Input should be a valid number, unable to parse string \(quoted(text))"))
        case (.float, _): return .failure(Mismatch(kind: "float_type", message: "Input should be a valid number, got \(value.typeName)"))
        case (.bool, .bool): return .success(value)
        case (.bool, .string("true")): return .success(.bool(true))
        case (.bool, .string("false")): return .success(.bool(false))
        case let (.bool, .string(text)):
            return .failure(Mismatch(kind: "bool_parsing", message: "Input should be a valid boolean, unable to interpret string \(quoted(text))"))
        case (.bool, _): return .failure(Mismatch(kind: "bool_type", message: "Input should be a valid boolean, got \(value.typeName)"))
        }
    }

    /// `-?[0-9]+`, nothing else.
    static func isExactInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`, nothing else.
    static func isExactDecimal(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Bool {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count > 0
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() else { return false }
        }
        if let mark = bytes.first, mark == UInt8(ascii: "e") || mark == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }

    private static func quoted(_ text: String) -> String { JSONValue.string(text).jsonText }
}
