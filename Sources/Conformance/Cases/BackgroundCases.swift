// Background cases.
import JSONModel

enum BackgroundCases {
    static let all: [ConformanceCase] = []
}
