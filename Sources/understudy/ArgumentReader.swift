// A small, strict flag reader: `--flag value` and `--flag=value`; anything unknown or malformed is a usage error.
import Foundation
import HTTPWire

/// A command-line mistake: the message and the command's usage go to stderr, and the process exits 2.
struct UsageError: Error {
    var message: String
}

/// Reads flags in any order; `finish()` rejects whatever was not read.
struct ArgumentReader {
    private var pending: [String]

    init(_ arguments: [String]) {
        // Split `--flag=value` into two arguments up front.
        pending = arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return [argument] }
            return [String(argument[..<equals]), String(argument[argument.index(after: equals)...])]
        }
    }

    /// The value of `--name`, or nil when absent. Given twice, the last wins.
    mutating func value(_ name: String) throws(UsageError) -> String? {
        try values(name).last
    }

    /// Every value of `--name`, in the order given (a flag given once per item, such as `--label`).
    mutating func values(_ name: String) throws(UsageError) -> [String] {
        var found: [String] = []
        while let index = pending.firstIndex(of: name) {
            guard index + 1 < pending.count, !pending[index + 1].hasPrefix("--") else {
                throw UsageError(message: "\(name) needs a value")
            }
            found.append(pending[index + 1])
            pending.removeSubrange(index...(index + 1))
        }
        return found
    }

    /// The value of `--name`, which must not be empty (a secret or a list that is empty is a mistake, never a choice).
    mutating func nonEmptyValue(_ name: String) throws(UsageError) -> String? {
        try nonEmptyValues(name).last
    }

    /// Every value of `--name`, in order, none of which may be empty.
    mutating func nonEmptyValues(_ name: String) throws(UsageError) -> [String] {
        let texts = try values(name)
        guard texts.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw UsageError(message: "\(name) must not be empty")
        }
        return texts
    }

    /// `true` when the bare flag `--name` is present.
    mutating func flag(_ name: String) -> Bool {
        guard let index = pending.firstIndex(of: name) else { return false }
        pending.remove(at: index)
        return true
    }

    /// The value of `--name` as an integer within `range`.
    mutating func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = try value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(message: "\(name) must be an integer \(range.lowerBound)-\(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// The value of `--name` as a duration in seconds (`1`, `0.25`) within `range`.
    mutating func seconds(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Duration? {
        guard let text = try value(name) else { return nil }
        guard let seconds = Double(text), seconds.isFinite, range.contains(seconds) else {
            let bounds = String(format: "%g-%g", range.lowerBound, range.upperBound)
            throw UsageError(message: "\(name) must be a number of seconds \(bounds), got '\(text)'")
        }
        return .seconds(roundedToMilliseconds: seconds)
    }

    /// The value of `--name` as a port (0-65535; 0 picks a free one).
    mutating func port(_ name: String) throws(UsageError) -> UInt16? {
        try integer(name, in: 0...65535).map { UInt16($0) }
    }

    /// The words that are not flags, in order, once every flag's value has been read.
    mutating func positionals() -> [String] {
        let words = pending.filter { !$0.hasPrefix("-") }
        pending.removeAll { !$0.hasPrefix("-") }
        return words
    }

    /// Fails on anything left over: an unknown flag or a stray word.
    func finish() throws(UsageError) {
        if let first = pending.first {
            throw UsageError(message: first.hasPrefix("-") ? "unknown option \(first)" : "unexpected argument '\(first)'")
        }
    }
}
