// Validation cases.
import JSONModel

enum ValidationCases {
    static let all: [ConformanceCase] = []
}
