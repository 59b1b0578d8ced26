// Secrets cases.
import JSONModel

enum SecretsCases {
    static let all: [ConformanceCase] = []
}
