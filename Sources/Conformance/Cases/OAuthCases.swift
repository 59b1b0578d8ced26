// OAuth cases.
import JSONModel

enum OAuthCases {
    static let all: [ConformanceCase] = []
}
