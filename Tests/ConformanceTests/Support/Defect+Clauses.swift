// The contract clauses each deliberately defective server breaks: the clause coverage test reads them.

extension Defect {
    /// The clauses (`rule#clause`) of MUST rules the defect breaks; empty for a defect of SHOULD rules only.
    var clauses: Set<String> {
        switch self {
        case .sendsPartialRecords: return ["execute.placeholders#body"]
        case .ignoresTimeout: return ["timeout.attempt#abandoned"]
        case .timeoutCoversWholeExecution: return ["timeout.attempt#each-attempt"]
        case .executesDisabledTools: return ["lifecycle.enable-disable#disabled-refused"]
        case .retries4xx: return ["retry.which#never-others"]
        case .retriesWithoutBackoff: return ["retry.backoff#exponential"]
        case .exceedsMaxRetries: return ["retry.count#at-most"]
        case .ignoresRetryAfter, .idempotencyKeyPerAttempt: return []
        case .acceptsBadE164Destination: return ["transfer.e164#format"]
        case .rejectsGoodSIPURI: return ["transfer.sip#format"]
        case .leaksSecretOnGet: return ["secrets.masked#tool-answers"]
        case .leaksSecretInRequestURL: return ["secrets.masked#request-url"]
        case .ignoresPinnedDefaults: return ["execute.defaults#pinned-overrides"]
        case .mapsWrongPath: return ["execute.mapping#nested"]
        case .answers500OnDownstreamFailure: return ["execute.downstream-failure#200"]
        case .sendsDespiteMissingRequired: return ["execute.required#nothing-sent"]
        case .servesWithoutAPIKey: return ["auth.api-key#missing"]
        case .unknownToolAnswers500: return ["errors.unknown-id#tool", "errors.no-5xx#any-request", "lifecycle.delete#gone"]
        case .backgroundAnswersAfterCall: return ["background.early-answer#early"]
        case .forwardsClientSecretDownstream: return ["oauth2.client-credentials#secret-kept"]
        case .fetchesTokenEveryExecution: return ["oauth2.client-credentials#reused"]
        case .paginationRepeatsItem: return ["list.pagination#each-once"]
        case .acceptsAnyListLimit: return ["list.limit#outside-422"]
        case .setActiveKeepsOldRevision: return ["revisions.active#switch"]
        case .deletesActiveRevision: return ["revisions.lifecycle#active-kept"]
        case .revisionTestActivatesRevision: return ["revisions.test#saves-nothing"]
        case .dryRunsIgnoreRevisionOwner:
            return ["revisions.test#other-tool-404", "revisions.impact#other-tool-404", "revisions.preview-transfer#other-tool-404"]
        case .secretHeadersMatchedExactly: return ["secrets.masked#tool-answers"]
        case .ignoresExecuteMetadata: return ["execute.placeholders#metadata"]
        case .countsNameInUTF16: return ["validate.name#scalars"]
        case .servesWrongAPIKey: return ["auth.api-key#wrong"]
        case .refusesBearerAPIKey: return ["auth.api-key#both-headers"]
        case .updateIgnoresDescription: return ["lifecycle.update#given-fields"]
        case .updateClearsOmittedDescription: return ["lifecycle.update#only-those"]
        case .enableIsIgnored: return ["lifecycle.enable-disable#enabled-executes"]
        case .ignoresDefaultInputs: return ["execute.defaults#default-fills"]
        case .retriesOnly5xx: return ["retry.which#retryable"]
        case .ignoresMaxDelay: return ["retry.backoff#capped"]
        case .storesMaskOnUpdate: return ["secrets.keep-on-update#mask-kept"]
        case .backgroundCallsTwice: return ["background.early-answer#exactly-once"]
        case .ignoresInvalidToken: return ["oauth2.client-credentials#refresh-on-invalid-token"]
        }
    }
}
