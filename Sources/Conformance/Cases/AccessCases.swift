// Access cases.
import JSONModel

enum AccessCases {
    static let all: [ConformanceCase] = []
}
