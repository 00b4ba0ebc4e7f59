extension Assets {
    /// Light and dark themes follow `prefers-color-scheme`; changes are
    /// marked by strike-through and underline as well as colour.
    static let css = """
        :root { --bg: #fdfdfc; --fg: #1d1d1f; --muted: #5f6368; --line: #d8d8d8; --accent: #1f5fa8;
          --del-bg: #fde2e1; --del-fg: #8a1c17; --ins-bg: #dff3e3; --ins-fg: #11592a; --mark: #fff1a8;
          --card: #f3f4f6; color-scheme: light dark; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #16171a; --fg: #e6e6e6; --muted: #a0a4aa; --line: #3a3d42; --accent: #8ab4f8;
            --del-bg: #4a1f1d; --del-fg: #ffb4ab; --ins-bg: #173a22; --ins-fg: #a6e3b4; --mark: #5c4d00;
            --card: #222428; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        a { color: var(--accent); }
        header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .5rem 1rem;
          border-bottom: 1px solid var(--line); }
        header nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
        header nav a[aria-current] { font-weight: 600; text-decoration: none; color: var(--fg); }
        .quick-search { flex: 1 1 12rem; }
        .quick-search input { width: 100%; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 1rem; }
        h1 { font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
        input, select, button { font: inherit; padding: .3rem .5rem; color: var(--fg); background: var(--bg);
          border: 1px solid var(--line); border-radius: 4px; }
        button { cursor: pointer; background: var(--card); }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        td { overflow-wrap: anywhere; }
        .table-wrap { overflow-x: auto; }
        .muted, .hint { color: var(--muted); }
        .error { color: var(--del-fg); background: var(--del-bg); padding: .5rem; border-radius: 4px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; padding: 0; }
        .cards li { list-style: none; background: var(--card); border-radius: 6px; padding: .6rem .8rem; }
        .cards strong { display: block; font-size: 1.4rem; }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; }
        .filters label { display: flex; flex-direction: column; font-size: .9rem; }
        .filters label.check { flex-direction: row; gap: .3rem; align-items: center; }
        .pager { display: flex; justify-content: space-between; margin: 1rem 0; }
        .badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 999px;
          border: 1px solid currentColor; margin-left: .3rem; }
        .badge.conflict { color: var(--del-fg); }
        .badge.winner { color: var(--ins-fg); }
        mark { background: var(--mark); color: inherit; }
        del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; }
        ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline; }
        .timeline { list-style: none; padding: 0; }
        .timeline li { border-left: 3px solid var(--line); padding: .3rem 0 .6rem .8rem; margin-left: .3rem; }
        .timeline li.trivial { opacity: .75; }
        .timeline .title-change { font-weight: 600; }
        .graph { max-width: 100%; height: auto; }
        .graph circle { fill: var(--accent); }
        .graph circle.winner { fill: var(--ins-fg); stroke: var(--fg); stroke-width: 2; }
        .graph circle.head { fill: var(--del-fg); }
        .graph line, .graph path { stroke: var(--muted); stroke-width: 2; fill: none; }
        .graph text { fill: var(--fg); font-size: 11px; }
        .chart rect.articles { fill: var(--accent); }
        .chart rect.versions { fill: var(--ins-fg); }
        .chart text { fill: var(--muted); font-size: 10px; }
        .text p, .diff p { white-space: pre-wrap; overflow-wrap: anywhere; }
        .diff .block { border-left: 3px solid transparent; padding-left: .6rem; margin: .4rem 0; }
        .diff .block.changed { border-left-color: var(--accent); }
        .diff .nav { font-size: .8rem; }
        .diff details { color: var(--muted); margin: .4rem 0; }
        .side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
        .side > div { min-width: 0; }
        .side .label { font-weight: 600; }
        @media (max-width: 40rem) { .side { grid-template-columns: 1fr; } }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        .help { position: fixed; right: 1rem; bottom: 1rem; background: var(--card); border: 1px solid var(--line);
          padding: .5rem 1rem; border-radius: 6px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        .selected { outline: 2px solid var(--accent); outline-offset: 2px; }
        .login { display: flex; flex-direction: column; gap: .5rem; max-width: 24rem; }
        .signout button { font-size: .85rem; }
        """
}
