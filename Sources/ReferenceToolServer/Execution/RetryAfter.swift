// The `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date, in all three date formats.
import Foundation
import JSONModel

/// Reads a `Retry-After` value. Pure: the current time is passed in.
public enum RetryAfter {
    /// The wait `value` asks for, in seconds from `now`, or nil when it is neither delay-seconds nor an HTTP date.
    /// A date in the past gives 0.
    public static func seconds(_ value: String, now: Date) -> Double? {
        let text = value.trimmingSpacesAndTabs()
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Double(text) ?? .greatestFiniteMagnitude
        }
        guard let date = httpDate(String(text), now: now) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Parses an HTTP date in any of the forms RFC 9110 §5.6.7 says recipients accept:
    /// IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`
    /// (a two-digit year more than 50 years ahead of `now` is taken as the previous century), and asctime
    /// `Sun Nov  6 08:49:37 1994`.
    public static func httpDate(_ text: String, now: Date = Date()) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let fields: (day: String, month: String, year: String, time: String)
        switch tokens.count {
        case 6 where tokens[5] == "GMT":
            fields = (tokens[1], tokens[2], tokens[3], tokens[4])
        case 4 where tokens[3] == "GMT":
            let parts = tokens[1].split(separator: "-").map(String.init)
            guard parts.count == 3 else { return nil }
            fields = (parts[0], parts[1], parts[2], tokens[2])
        case 5:
            fields = (tokens[2], tokens[1], tokens[4], tokens[3])
        default:
            return nil
        }
        guard let day = number(fields.day, digits: 1...2), let month = month(fields.month),
              var year = number(fields.year, digits: [2, 4]) else { return nil }
        let clock = fields.time.split(separator: ":", omittingEmptySubsequences: false).map { number(String($0), digits: 2...2) }
        guard clock.count == 3, let hour = clock[0], let minute = clock[1], let second = clock[2],
              hour < 24, minute < 60, second <= 60, day >= 1, day <= 31 else { return nil }
        if fields.year.count == 2 {
            // The mean Gregorian year is exact enough for a 50-year window.
            let currentYear = 1970 + Int((now.timeIntervalSince1970 / 31_556_952).rounded(.down))
            year += currentYear / 100 * 100
            if year > currentYear + 50 { year -= 100 }
        }
        let days = Int(Date.days(fromCivil: Int64(year), Int64(month), Int64(day)))
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    private static func number(_ text: String, digits: some RangeExpression<Int>) -> Int? {
        guard digits.contains(text.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    private static func number(_ text: String, digits counts: [Int]) -> Int? {
        guard counts.contains(text.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    private static func month(_ name: String) -> Int? {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return names.firstIndex(of: name).map { $0 + 1 }
    }
}
