// A run's conformance badge: the label, the message and the colour that `badge.svg` and `badge.json` show.
import Conformance

/// The verdict of a run as a shields-style badge: label `conformance`, message `certified`, `N of M MUST passing` or
/// `no cases`.
public struct Badge: Sendable, Equatable {
    /// The badge's colour, by outcome.
    public enum Color: String, Sendable, CaseIterable {
        /// The run certifies the target.
        case green
        /// The run does not certify the target.
        case red
        /// Nothing ran: every case was skipped, or none was selected.
        case grey

        /// The fill of the message half of `badge.svg` (the shields palette's brightgreen, red and lightgrey).
        public var hex: String {
            switch self {
            case .green: return "#4c1"
            case .red: return "#e05d44"
            case .grey: return "#9f9f9f"
            }
        }

        /// The colour's name in a shields endpoint JSON (`color`), one shields.io knows.
        public var shieldsName: String {
            switch self {
            case .green: return "brightgreen"
            case .red: return "red"
            case .grey: return "lightgrey"
            }
        }
    }

    /// The left half's text.
    public var label: String
    /// The right half's text.
    public var message: String
    /// The right half's colour.
    public var color: Color

    /// A badge showing `label: message` in `color`.
    public init(label: String, message: String, color: Color) {
        self.label = label
        self.message = message
        self.color = color
    }

    /// The badge of `report`: grey `no cases` when no case ran (all skipped, or none selected), else green `certified`
    /// when the run certifies the target, else red `N of M MUST passing` (its `MustScore`; a run can fail with every
    /// MUST case passing, through an error in a SHOULD case or a stale baseline, and the red says so).
    public init(_ report: RunReport) {
        let score = report.mustScore
        if report.results.allSatisfy({ $0.outcome == .skipped }) {
            self.init(label: "conformance", message: "no cases", color: .grey)
        } else if report.certified {
            self.init(label: "conformance", message: "certified", color: .green)
        } else {
            self.init(label: "conformance", message: "\(score.passed) of \(score.run) MUST passing", color: .red)
        }
    }

    /// The files a run writes for the badge, beside its other reports: `badge.svg` and `badge.json`.
    public var files: [(fileName: String, text: String)] {
        [("badge.svg", svg), ("badge.json", endpointJSON)]
    }
}
