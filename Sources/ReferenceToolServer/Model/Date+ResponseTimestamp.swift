// Timestamps in answers: RFC 3339 in UTC with milliseconds (OpenAPI `date-time`).
import Foundation

extension Date {
    /// The time as RFC 3339 in UTC with milliseconds, e.g. `2025-03-01T09:30:05.123Z`, rounded to the nearest
    /// millisecond (the format style truncates, and `Date` holds binary fractions: `.123` may be `.12299999`).
    var responseTimestamp: String {
        let rounded = Date(timeIntervalSince1970: timeIntervalSince1970 + 0.0005)
        return Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).format(rounded)
    }
}
