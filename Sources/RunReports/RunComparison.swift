// Several runs side by side: the union of their cases grouped by area, one column per run, MUST scores per area.
import Conformance

/// A matrix of cases by run, as Bowtie shows implementations and wpt.fyi shows browsers side by side.
///
/// Rows are the union of the runs' case ids, so runs of different suite versions and dialects compare: a case a run
/// did not have is a `nil` cell. Areas (an id's first segment) and the cases in them are in order of first
/// appearance, reading the runs in the order given. Pure: no I/O.
public struct RunComparison: Sendable, Equatable {
    /// One run, as a column.
    public struct Column: Sendable, Equatable {
        /// The column's heading: the `--label` given for it, else the run's target label.
        public var label: String
        /// The run's target label.
        public var targetLabel: String
        public var dialect: String
        public var suiteVersion: String
        /// Whether the run certified its target.
        public var certified: Bool
        /// The run's MUST score over all its cases.
        public var score: MustScore
    }

    /// One case id, with each run's result for it.
    public struct Row: Sendable, Equatable {
        public var id: String
        /// The title in the first run that has the case.
        public var title: String
        /// Per column, the run's result; nil when the run did not have the case.
        public var cells: [CaseResult?]
    }

    /// One area's rows and per-column MUST scores.
    public struct Area: Sendable, Equatable {
        public var name: String
        public var rows: [Row]
        /// Per column, the MUST score of the run's cases in this area; nil when the run had none of them.
        public var scores: [MustScore?]
    }

    /// The runs, in the order given.
    public var columns: [Column]
    /// The areas, in order of first appearance.
    public var areas: [Area]

    /// The comparison of `reports`, headed by `labels` in order (missing or extra labels: the run's target label).
    public init(_ reports: [RunReport], labels: [String] = []) {
        columns = reports.enumerated().map { index, report in
            Column(label: index < labels.count ? labels[index] : report.targetLabel, targetLabel: report.targetLabel,
                   dialect: report.dialect, suiteVersion: report.suiteVersion, certified: report.certified,
                   score: report.mustScore)
        }
        var order: [String] = []
        var rows: [String: (area: String, row: Row)] = [:]
        for (column, report) in reports.enumerated() {
            for result in report.results {
                if rows[result.id] == nil {
                    order.append(result.id)
                    let empty = Row(id: result.id, title: result.title, cells: Array(repeating: nil, count: reports.count))
                    rows[result.id] = (result.area, empty)
                }
                // A report listing an id twice keeps its first result, as every other report view does.
                if rows[result.id]?.row.cells[column] == nil { rows[result.id]?.row.cells[column] = result }
            }
        }
        var areaOrder: [String] = []
        var areaRows: [String: [Row]] = [:]
        for id in order {
            guard let (area, row) = rows[id] else { continue }
            if areaRows[area] == nil { areaOrder.append(area) }
            areaRows[area, default: []].append(row)
        }
        areas = areaOrder.map { name in
            let rows = areaRows[name] ?? []
            let scores = reports.indices.map { column -> MustScore? in
                let results = rows.compactMap { $0.cells[column] }
                return results.isEmpty ? nil : MustScore(results)
            }
            return Area(name: name, rows: rows, scores: scores)
        }
    }

    /// Per column, the MUST score over all its cases (the total row).
    public var totals: [MustScore] { columns.map(\.score) }
}
