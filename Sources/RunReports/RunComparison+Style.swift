// The comparison page's CSS, on top of the run report's palette: a matrix that scrolls sideways with its case column held.
extension RunComparison {
    /// Rules for `compare.html`, added after `HTMLReportStyle.css` (whose colours, fonts and legend they use).
    static let css = """
    .compare-head { padding: 1.25rem 1.5rem; background: var(--panel); border-bottom: 1px solid var(--line); }
    .compare-head h1 { margin: 0; font-size: 1.6rem; }
    .compare-head p { margin: .25rem 0 0; color: var(--muted); }
    .legend li { white-space: nowrap; }
    .matrix-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
    .matrix { border-collapse: collapse; width: 100%; font-size: .9rem; }
    .matrix th, .matrix td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; }
    .matrix thead th { vertical-align: bottom; text-align: center; background: var(--panel); }
    .matrix .case-col { position: sticky; left: 0; z-index: 1; background: var(--bg); text-align: left;
      min-width: 12rem; max-width: 24rem; overflow-wrap: anywhere; }
    .matrix thead .case-col, .matrix .area-row .case-col, .matrix .total-row .case-col { background: var(--panel); }
    .run { min-width: 7rem; }
    .run-label { display: block; font-weight: 600; overflow-wrap: anywhere; }
    .run-meta { display: block; color: var(--muted); font-weight: normal; font-size: .8rem; overflow-wrap: anywhere; }
    .verdict-tag { display: inline-block; margin-top: .2rem; font-size: .75rem; font-weight: 600; }
    .verdict-tag.certified { color: var(--pass); } .verdict-tag.not-certified { color: var(--fail); }
    .area-row th, .area-row td { background: var(--panel); font-weight: 600; padding-top: .6rem; }
    .score { text-align: center; white-space: nowrap; }
    .case-title { display: block; color: var(--muted); font-size: .8rem; }
    .cell { text-align: center; }
    .cell a { text-decoration: none; display: block; }
    .c-pass { background: color-mix(in srgb, var(--pass) 14%, transparent); }
    .c-fail { background: color-mix(in srgb, var(--fail) 18%, transparent); }
    .c-non-strict { background: color-mix(in srgb, var(--non-strict) 18%, transparent); }
    .c-skipped { background: color-mix(in srgb, var(--skipped) 14%, transparent); }
    .c-error { background: color-mix(in srgb, var(--error) 18%, transparent); }
    .absent { color: var(--muted); }
    .total-row th, .total-row td { font-weight: 700; text-align: center; border-top: 2px solid var(--line); }
    .messages li { margin-bottom: .3rem; overflow-wrap: anywhere; }
    .messages li:target { background: color-mix(in srgb, var(--accent) 16%, transparent); }
    @media (max-width: 640px) {
      main { padding: 0 .5rem 2rem; }
      .matrix .case-col { min-width: 8rem; }
      .case-title { display: none; }
    }

    """
}
