// Transfer cases.
import JSONModel

enum TransferCases {
    static let all: [ConformanceCase] = []
}
