// Deliberately defective tool servers: the reference server with one contract deviation switched on each.
import ToolContract
import Conformance
import JSONModel
import ReferenceToolServer
import Testing

/// One real bug a tool server might have, as a switch on the reference server, with the contract rules it breaks.
/// Expectations name rules, not cases, so they stay valid as cases are added.
enum Defect: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sendsPartialRecords
    case ignoresTimeout
    case timeoutCoversWholeExecution
    case executesDisabledTools
    case retries4xx
    case retriesWithoutBackoff
    case exceedsMaxRetries
    case ignoresRetryAfter
    case idempotencyKeyPerAttempt
    case acceptsBadE164Destination
    case rejectsGoodSIPURI
    case leaksSecretOnGet
    case leaksSecretInRequestURL
    case ignoresPinnedDefaults
    case mapsWrongPath
    case answers500OnDownstreamFailure
    case sendsDespiteMissingRequired
    case servesWithoutAPIKey
    case unknownToolAnswers500
    case backgroundAnswersAfterCall
    case forwardsClientSecretDownstream
    case fetchesTokenEveryExecution
    case paginationRepeatsItem
    case acceptsAnyListLimit
    case setActiveKeepsOldRevision
    case deletesActiveRevision
    case revisionTestActivatesRevision
    case dryRunsIgnoreRevisionOwner
    case ignoresExecuteMetadata
    case countsNameInUTF16
    case secretHeadersMatchedExactly
    case servesWrongAPIKey
    case refusesBearerAPIKey
    case updateIgnoresDescription
    case updateClearsOmittedDescription
    case enableIsIgnored
    case ignoresDefaultInputs
    case retriesOnly5xx
    case ignoresMaxDelay
    case storesMaskOnUpdate
    case backgroundCallsTwice
    case ignoresInvalidToken

    var testDescription: String { rawValue }

    /// The dialect the defective server speaks (OneInbox where the defect lives in its shape, else Feather).
    var dialect: Dialect {
        switch self {
        case .backgroundAnswersAfterCall, .servesWithoutAPIKey, .sendsDespiteMissingRequired, .secretHeadersMatchedExactly,
             .backgroundCallsTwice: return .oneinbox
        default: return .feather
        }
    }

    /// The rules a suite worth its name fails: at least one case of each must fail (non-strict for a SHOULD rule).
    var breaks: Set<String> {
        switch self {
        case .sendsPartialRecords: return ["execute.placeholders"]
        case .ignoresTimeout, .timeoutCoversWholeExecution: return ["timeout.attempt"]
        case .executesDisabledTools: return ["lifecycle.enable-disable"]
        case .retries4xx: return ["retry.which"]
        case .retriesWithoutBackoff: return ["retry.backoff"]
        case .exceedsMaxRetries: return ["retry.count"]
        case .ignoresRetryAfter: return ["retry.retry-after"]
        case .idempotencyKeyPerAttempt: return ["retry.idempotency-key"]
        case .acceptsBadE164Destination: return ["transfer.e164"]
        case .rejectsGoodSIPURI: return ["transfer.sip"]
        case .leaksSecretOnGet, .leaksSecretInRequestURL: return ["secrets.masked"]
        case .ignoresPinnedDefaults: return ["execute.defaults"]
        case .mapsWrongPath: return ["execute.mapping"]
        case .answers500OnDownstreamFailure: return ["execute.downstream-failure"]
        case .sendsDespiteMissingRequired: return ["execute.required"]
        case .servesWithoutAPIKey: return ["auth.api-key"]
        case .unknownToolAnswers500: return ["errors.unknown-id", "errors.no-5xx", "lifecycle.delete"]
        case .backgroundAnswersAfterCall: return ["background.early-answer"]
        case .forwardsClientSecretDownstream, .fetchesTokenEveryExecution: return ["oauth2.client-credentials"]
        case .paginationRepeatsItem: return ["list.pagination"]
        case .acceptsAnyListLimit: return ["list.limit"]
        case .servesWrongAPIKey: return ["auth.api-key"]
        case .refusesBearerAPIKey: return ["auth.api-key"]
        case .updateIgnoresDescription: return ["lifecycle.update"]
        case .updateClearsOmittedDescription: return ["lifecycle.update"]
        case .enableIsIgnored: return ["lifecycle.enable-disable"]
        case .ignoresDefaultInputs: return ["execute.defaults"]
        case .retriesOnly5xx: return ["retry.which"]
        case .ignoresMaxDelay: return ["retry.backoff"]
        case .storesMaskOnUpdate: return ["secrets.keep-on-update"]
        case .backgroundCallsTwice: return ["background.early-answer"]
        case .ignoresInvalidToken: return ["oauth2.client-credentials"]
        case .setActiveKeepsOldRevision: return ["revisions.active"]
        case .deletesActiveRevision: return ["revisions.lifecycle"]
        case .revisionTestActivatesRevision: return ["revisions.test"]
        case .dryRunsIgnoreRevisionOwner: return ["revisions.test", "revisions.impact", "revisions.preview-transfer"]
        case .ignoresExecuteMetadata: return ["execute.placeholders"]
        case .countsNameInUTF16: return ["validate.name"]
        case .secretHeadersMatchedExactly: return ["secrets.masked"]
        }
    }

    /// Other rules whose cases may also notice the defect on their way (a case of another rule that happens to go
    /// through the broken behaviour); failing there is allowed, not required. Every other MUST case must pass.
    var alsoNoticedBy: Set<String> {
        switch self {
        // The flagship scenario (rule execute.required) sends a whole lead; a revision's test renders its body as
        // execute does.
        case .sendsPartialRecords: return ["execute.required", "revisions.test"]
        // A 5xx of the tool server breaks the no-5xx rule too.
        case .answers500OnDownstreamFailure: return ["errors.no-5xx"]
        // The flagship scenario reads its deleted tool back.
        case .unknownToolAnswers500: return ["execute.required"]
        // Retrying a timed-out attempt needs time the whole-execution timeout no longer has.
        case .timeoutCoversWholeExecution: return ["retry.which"]
        default: return []
        }
    }

    /// Switches the defect on.
    func configure(_ configuration: inout ToolServer.Configuration) {
        configuration.deviations = deviations
    }

    private var deviations: ContractDeviations {
        var deviations = ContractDeviations()
        switch self {
        case .sendsPartialRecords: deviations.downstreamBody = Self.droppingLastField
        case .ignoresTimeout: deviations.attemptTimeout = { _ in .seconds(300) }
        case .timeoutCoversWholeExecution: deviations.timeoutCoversWholeExecution = true
        case .executesDisabledTools: deviations.executesDisabledTools = true
        case .retries4xx: deviations.retryableStatus = { $0 >= 400 }
        case .retriesWithoutBackoff: deviations.backoffDelay = { _ in .zero }
        case .exceedsMaxRetries: deviations.retryLimit = { $0 + 1 }
        case .ignoresRetryAfter: deviations.ignoresRetryAfter = true
        case .idempotencyKeyPerAttempt: deviations.idempotencyKeyPerAttempt = true
        case .acceptsBadE164Destination: deviations.acceptsTransferDestination = { destination, valid in valid || destination.hasPrefix("+") }
        case .rejectsGoodSIPURI: deviations.acceptsTransferDestination = { destination, valid in valid && !Self.isSIPWithParameters(destination) }
        case .leaksSecretOnGet: deviations.showsSecretsOnGet = true
        case .leaksSecretInRequestURL: deviations.showsSecretsInRequestURL = true
        case .ignoresPinnedDefaults: deviations.appliedInputDefaults = { $0.mapValues { .init(value: $0.value, pinned: false) } }
        case .mapsWrongPath: deviations.responseMappings = { $0.map(Self.droppingFirstSegment) }
        case .answers500OnDownstreamFailure: deviations.downstreamFailureStatus = 500
        case .sendsDespiteMissingRequired: deviations.checkedVariables = { $0.map { .init(name: $0.name, type: $0.type, required: false) } }
        case .servesWithoutAPIKey: deviations.servesMissingAPIKey = true
        case .unknownToolAnswers500: deviations.unknownToolStatus = 500
        case .backgroundAnswersAfterCall: deviations.backgroundAnswersAfterCall = true
        case .forwardsClientSecretDownstream: deviations.clientSecretHeader = "X-Client-Secret"
        case .fetchesTokenEveryExecution: deviations.discardsOAuthTokens = true
        case .paginationRepeatsItem: deviations.cursorRepeatsLastItem = true
        case .acceptsAnyListLimit: deviations.clampsListLimit = true
        case .setActiveKeepsOldRevision: deviations.setActiveKeepsRevision = true
        case .deletesActiveRevision: deviations.deletesActiveRevision = true
        case .revisionTestActivatesRevision: deviations.revisionTestActivates = true
        case .dryRunsIgnoreRevisionOwner: deviations.dryRunsIgnoreRevisionOwner = true
        case .ignoresExecuteMetadata: deviations.dropsRequestMetadata = true
        case .countsNameInUTF16: deviations.countsNameInUTF16 = true
        case .servesWrongAPIKey: deviations.servesWrongAPIKey = true
        case .refusesBearerAPIKey: deviations.refusesBearerAPIKey = true
        case .updateIgnoresDescription: deviations.updateIgnoresDescription = true
        case .updateClearsOmittedDescription: deviations.updateClearsOmittedDescription = true
        case .enableIsIgnored: deviations.enableIsIgnored = true
        case .ignoresDefaultInputs: deviations.appliedInputDefaults = { $0.filter { $0.value.pinned } }
        case .retriesOnly5xx: deviations.retryableStatus = { (500..<600).contains($0) }
        case .ignoresMaxDelay: deviations.ignoresMaxDelay = true
        case .storesMaskOnUpdate: deviations.storesMaskOnUpdate = true
        case .backgroundCallsTwice: deviations.backgroundCallsTwice = true
        case .ignoresInvalidToken: deviations.ignoresInvalidToken = true
        case .secretHeadersMatchedExactly: deviations.secretHeaderNamesExact = true
        }
        return deviations
    }

    /// A JSON object body without its last field (a record sent with one field missing).
    private static let droppingLastField: @Sendable (JSONValue) -> JSONValue = { body in
        guard case let .object(object) = body, !object.isEmpty else { return body }
        return .object(JSONObject(Array(object.entries.dropLast())))
    }

    /// `lead.id` read as `id`: a dotted path loses its first segment; a single segment is left alone.
    private static let droppingFirstSegment: @Sendable (ExecutionPlan.FieldMapping) -> ExecutionPlan.FieldMapping = { mapping in
        let segments = mapping.path.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count > 1 else { return mapping }
        return .init(path: segments.dropFirst().joined(separator: "."), alias: mapping.alias ?? mapping.path)
    }

    /// `sip:alice@example.com;transport=tls` and the like: a SIP URI with `;` parameters.
    private static func isSIPWithParameters(_ destination: String) -> Bool {
        destination.lowercased().hasPrefix("sip") && destination.contains(";")
    }
}
