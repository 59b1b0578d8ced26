// A copy of a report with every registered secret replaced in every string, before any format renders it.
import Conformance

extension RunReport {
    /// The report with `redactor.redact` applied to every string it holds, so that a secret is caught even where a
    /// format escapes it (`&` in HTML, `"` in JSON) and the rendered text would no longer contain it verbatim.
    func redacted(by redactor: Redactor) -> RunReport {
        let clean = redactor.redact
        var copy = self
        copy.suiteVersion = clean(suiteVersion)
        copy.contract = clean(contract)
        copy.target = clean(target)
        copy.targetLabel = clean(targetLabel)
        copy.dialect = clean(dialect)
        copy.capabilities = capabilities.map(clean)
        copy.baselineFile = baselineFile.map(clean)
        copy.staleBaseline = staleBaseline.map(clean)
        copy.results = results.map { $0.redacted(by: redactor) }
        return copy
    }
}

extension CaseResult {
    fileprivate func redacted(by redactor: Redactor) -> CaseResult {
        let clean = redactor.redact
        var copy = self
        copy.id = clean(id)
        copy.title = clean(title)
        copy.area = clean(area)
        copy.rule = clean(rule)
        copy.source = clean(source)
        copy.capability = capability.map(clean)
        copy.message = message.map(clean)
        copy.evidence = evidence?.redacted(by: redactor)
        copy.leftoverTools = leftoverTools.map(clean)
        copy.checks = checks.map { $0.redacted(by: redactor) }
        return copy
    }
}
