// Coverage by clause: every condition of every MUST rule has a deliberately defective server that breaks it alone,
// and the suite catches each one.
import Conformance
import Testing

@Suite struct ClauseCoverageTests {
    /// Every clause a defect claims, with the defects claiming it.
    static var claimed: [String: [String]] {
        var claims: [String: [String]] = [:]
        for defect in Defect.allCases { for clause in defect.clauses { claims[clause, default: []].append(defect.rawValue) } }
        for defect in RewriteDefect.allCases { claims[defect.clause, default: []].append(defect.rawValue) }
        return claims
    }

    @Test func everyMUSTRule_ListsItsClauses_AndEveryClauseNamesAMUSTRule() throws {
        let rules = try ContractRule.all()
        let clauses = try ContractClause.all()
        let must = Set(rules.filter { $0.level == .must }.map(\.id))
        let withClauses = Set(clauses.map(\.rule))
        #expect(must.subtracting(withClauses).sorted() == [], "MUST rules with no clause in the contract's clause table")
        #expect(withClauses.subtracting(must).sorted() == [], "clauses of rules that are not MUST rules")
        #expect(Set(clauses.map(\.id)).count == clauses.count, "clause ids are unique")
    }

    @Test func everyClause_HasADefectiveServer() throws {
        let clauses = Set(try ContractClause.all().map(\.id))
        let claimed = Self.claimed
        #expect(Set(claimed.keys).subtracting(clauses).sorted() == [], "defects claim clauses the contract does not have")
        #expect(clauses.subtracting(claimed.keys).sorted() == [], "clauses with no defective server: add one")
    }

    @Test func everyDefect_BreaksTheRulesOfTheClausesItClaims() {
        for defect in Defect.allCases {
            let rules = Set(defect.clauses.map { String($0.prefix { $0 != "#" }) })
            #expect(rules.isSubset(of: defect.breaks), "\(defect.rawValue) claims clauses of rules it does not break")
        }
    }
}

extension CatalogueRuns {
    /// Each rewrite defect fails a case of its rule, with evidence: the cases of that rule are run against it.
    @Suite struct RewriteDefectTests {
        @Test(arguments: RewriteDefect.allCases)
        func casesOfTheRule_CatchTheDefect(defect: RewriteDefect) async throws {
            var target = try ReferenceTarget.start(.feather, configure: defect.configure)
            target.configuration.timeoutScale = 2
            let report = try await target.run(catalogue: Catalogue.all.filter { $0.rule == defect.rule })
            let catches = report.results.filter { $0.outcome == .fail }
            let outcomes = report.results.map { "\($0.id) \($0.outcome.rawValue) \($0.message ?? "")" }.joined(separator: "; ")
            #expect(!catches.isEmpty, "\(defect.rawValue) (\(defect.clause)) escaped: \(outcomes)")
            #expect(catches.allSatisfy(DefectFindings.hasEvidence), "failing cases without evidence")
        }
    }
}
