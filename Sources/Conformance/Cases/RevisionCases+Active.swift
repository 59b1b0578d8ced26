// revisions.active: set-active-revision decides which revision the tool shows and executes, and only its own.
import JSONModel

extension RevisionCases {
    static let active: [ConformanceCase] = [switchesExecution, otherToolsRevisionRefused]

    /// `POST /v1/tools/{id}/set-active-revision` naming `revision`.
    static func setActive(_ context: CaseContext, tool: String, _ revision: String) async throws -> TargetAnswer {
        try await context.send("POST", "/v1/tools/\(tool)/set-active-revision", json: ["revision_id": .string(revision)])
    }

    static let switchesExecution = ConformanceCase(
        "revisions.active.switches-execution",
        "set-active-revision answers 200 with the revision; the tool then shows it active and executes its url; switching back restores the first",
        rule: "revisions.active", dialects: [.feather], roundTrips: 7
    ) { context in
        let hook = try context.startWebhook()
        let first = ToolSpec.calling(hook, "/first", name: "revision_switch")
        let tool = try await context.createTool(first)
        let original = try activeRevision(tool.answer)
        var second = first
        second.url = hook.url("/second")
        let revision = try await createRevision(context, of: tool.id, revisionBody(second, name: context.uniqueName("second")))
        let switched = try await setActive(context, tool: tool.id, revision)
        let shown = try await context.getTool(tool.id)
        // Execute answers only after the call it made, so the journal holds it when the answer arrives.
        _ = try await context.executeJudged(tool.id)
        let back = try await setActive(context, tool: tool.id, original)
        _ = try await context.executeJudged(tool.id)
        let paths = hook.requests().map(\.path)
        context.check(switched.status == 200 && switched["id"] == .string(revision),
                      "set-active-revision answers 200 with the revision it made active", observed: switched.summary)
        context.check(shown["active_revision_id"] == .string(revision), "GET /v1/tools/{id} then shows active_revision_id \(revision)",
                      observed: shown.summary)
        context.check(back.status == 200 && back["id"] == .string(original), "switching back answers 200 with the first revision",
                      observed: back.summary)
        context.check(paths == ["/second", "/first"], "the executes call the active revision's url: /second, then /first",
                      observed: "the webhook received \(paths)")
    }

    static let otherToolsRevisionRefused = ConformanceCase(
        "revisions.active.other-tools-revision-refused",
        "set-active-revision naming another tool's revision is refused with a 4xx, and the tool's active revision stays",
        rule: "revisions.active", dialects: [.feather], roundTrips: 3
    ) { context in
        async let creatingMine = context.createTool(idleSpec(context.uniqueName("revision_mine")))
        async let creatingOther = context.createTool(idleSpec(context.uniqueName("revision_other")))
        let (mine, other) = try await (creatingMine, creatingOther)
        let (original, foreign) = (try activeRevision(mine.answer), try activeRevision(other.answer))
        let answer = try await setActive(context, tool: mine.id, foreign)
        let reread = try await context.getTool(mine.id)
        try context.expect((400..<500).contains(answer.status), "set-active-revision with another tool's revision is refused with a 4xx",
                           observed: answer.summary)
        try expectStillActive(context, reread, original, after: "the refused set-active-revision")
    }
}
