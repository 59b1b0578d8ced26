// Execute cases.
import JSONModel

enum ExecuteCases {
    static let all: [ConformanceCase] = []
}
