// Retry cases.
import JSONModel

enum RetryCases {
    static let all: [ConformanceCase] = []
}
