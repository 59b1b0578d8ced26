// Lifecycle cases.
import JSONModel

enum LifecycleCases {
    static let all: [ConformanceCase] = []
}
