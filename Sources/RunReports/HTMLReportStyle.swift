// The HTML report's inline style sheet, including the pure-CSS outcome and area filters.
import Conformance

/// The CSS of `report.html`; nothing is fetched from anywhere.
enum HTMLReportStyle {
    /// A whole self-contained page (report, diff, comparison): the document head with `title` (escaped here), this
    /// style sheet followed by `extraCSS`, and `body`, the markup inside `<body>`, as given.
    static func page(title: String, extraCSS: String = "", body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title.markupEscaped)</title>
        <style>
        \(css)\(extraCSS)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Rules that hide a case when the checkbox of its outcome or its area is unchecked, and dim that checkbox's label.
    /// The checkboxes come before `.filters` and `.case-list` as their siblings, so `~` reaches both.
    static func filterRules(areaCount: Int) -> String {
        let ids = CaseOutcome.allCases.map { ("show-o-\($0.rawValue)", "o-\($0.rawValue)") }
            + (0..<areaCount).map { ("show-a-\($0)", "a-\($0)") }
        return ids.map { input, rowClass in
            "#\(input):not(:checked) ~ .case-list .\(rowClass) { display: none; }\n"
                + "#\(input):not(:checked) ~ .filters label[for=\"\(input)\"] { opacity: .45; text-decoration: line-through; }\n"
                + "#\(input):focus-visible ~ .filters label[for=\"\(input)\"] { outline: 2px solid var(--accent); }\n"
        }.joined()
    }

    static let css = """
    :root {
      --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0; --accent: #0969da;
      --pass: #1a7f37; --fail: #cf222e; --non-strict: #bf8700; --skipped: #8c959f; --error: #8250df;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
    }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --accent: #4493f8; }
    }
    body { margin: 0; line-height: 1.45; }
    main { max-width: 1200px; margin: 0 auto; padding: 0 1.5rem 3rem; }
    code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
    h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; }
    .verdict { padding: 1.25rem 1.5rem; color: #fff; }
    .verdict h1 { margin: 0; font-size: 1.6rem; }
    .verdict p { margin: .25rem 0 0; opacity: .92; }
    .verdict code { background: rgba(255, 255, 255, .18); padding: 0 .3em; border-radius: 4px; }
    .verdict.certified { background: var(--pass); }
    .verdict.not-certified { background: var(--fail); }
    .bar { display: flex; height: 2rem; border-radius: 6px; overflow: hidden; margin-top: 1.5rem; }
    .seg { display: flex; align-items: center; justify-content: center; min-width: 1.75rem; color: #fff;
      font-weight: 600; font-size: .85rem; }
    .o-pass { background: var(--pass); } .o-fail { background: var(--fail); }
    .o-non-strict { background: var(--non-strict); } .o-skipped { background: var(--skipped); }
    .o-error { background: var(--error); }
    .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 1.25rem; padding: 0; margin: .75rem 0 .25rem; }
    .dot { display: inline-block; width: .75rem; height: .75rem; border-radius: 50%; margin-right: .35rem; vertical-align: -1px; }
    .totals, .empty { color: var(--muted); margin: 0; }
    .metadata dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .5rem 1.5rem; margin: 0; }
    .metadata dt { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
    .metadata dd { margin: 0; overflow-wrap: anywhere; }
    .toggle { position: absolute; opacity: 0; pointer-events: none; }
    .filters { display: flex; flex-direction: column; gap: .5rem; margin-bottom: 1rem; }
    .filter-group { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; }
    .filter-title { color: var(--muted); font-size: .8rem; width: 4.5rem; }
    .chip { border: 1px solid var(--line); border-radius: 999px; padding: .15rem .7rem; cursor: pointer; user-select: none;
      background: var(--panel); font-size: .9rem; }
    .chip b { font-weight: 600; margin-left: .2rem; }
    .case { border: 1px solid var(--line); border-left-width: 5px; border-radius: 6px; padding: .6rem .9rem; margin-bottom: .5rem; }
    .case.o-pass { border-left-color: var(--pass); } .case.o-fail { border-left-color: var(--fail); }
    .case.o-non-strict { border-left-color: var(--non-strict); } .case.o-skipped { border-left-color: var(--skipped); }
    .case.o-error { border-left-color: var(--error); }
    /* Rows carry the outcome class for the filters, not its colour. */
    .case.o-pass, .case.o-fail, .case.o-non-strict, .case.o-skipped, .case.o-error { background: transparent; }
    .case-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem; }
    .badge { color: #fff; border-radius: 4px; padding: 0 .45rem; font-size: .8rem; font-weight: 600; white-space: nowrap; }
    .tag { border: 1px solid var(--line); border-radius: 4px; padding: 0 .4rem; font-size: .75rem; color: var(--muted); }
    .tag.stale { border-color: var(--fail); color: var(--fail); }
    .case-id { font-weight: 600; }
    .case-meta, .timing { color: var(--muted); font-size: .82rem; margin-top: .15rem; }
    .case-message { margin: .4rem 0 0; overflow-wrap: anywhere; }
    details { margin-top: .5rem; }
    summary { cursor: pointer; color: var(--accent); }
    .expectation { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    .expectation dt { font-weight: 600; } .expectation dd { margin: 0; overflow-wrap: anywhere; }
    h4 { margin: 1rem 0 .2rem; font-size: .95rem; } h5 { margin: .5rem 0 .2rem; font-size: .8rem; color: var(--muted); }
    .http { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: .75rem; }
    pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem; margin: 0;
      white-space: pre-wrap; overflow-wrap: anywhere; max-height: 28rem; overflow: auto; }
    .error { color: var(--fail); font-weight: 600; }
    .mock-request p { margin: .5rem 0 .2rem; }
    .checks ul { margin: .3rem 0; padding-left: 1.2rem; list-style: none; } .checks li { overflow-wrap: anywhere; }
    .met { color: var(--pass); font-weight: 700; } .unmet { color: var(--fail); font-weight: 700; }

    """
}
