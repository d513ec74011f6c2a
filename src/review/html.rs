//! The batch report as one self-contained HTML page, written in pieces as the notes stream.
//!
//! A reviewer shares or archives one file, so it must open anywhere, offline, and leak nothing:
//! no scripts, no external style sheets, fonts or images; the charts are bars of HTML and CSS
//! drawn from the aggregates ([`Summary`]). The page is produced in three parts so the caller never holds
//! the batch: [`head`], then [`note`] for each note as it is reviewed, then [`tail`] with the
//! summary and charts. The summary is written last but shown first, under the title and input
//! line: the page's `<main>` is a flex column, its header has `order: -2` and the summary section
//! `order: -1` (plain CSS, no script).
//!
//! Each note shows its checklist, its text with the findings marked (`<mark>`, the most severe
//! finding's colour, every finding's code and message in the tooltip) and the finding list with
//! rule sources and suggested fixes. A long note is cut for the page ([`SHOWN_CHARS`],
//! [`SHOWN_FINDINGS`]), and a finding about the whole note is listed, not marked, so the page stays
//! a small multiple of its notes (a 100 KB note of "Cont POC." lines made 16 MB, now 171 KB). On a
//! phone the worst-notes table shows the counts next to the note and leaves out empty columns.

use std::fmt::Write;

use super::summary::{Group, Summary};
use super::NoteReview;
use crate::report::Severity;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn sev(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

const STYLE: &str = r#"
:root{--e:#c62828;--w:#b26a00;--i:#1565c0;--ok:#2e7d32;--bg:#fff;--fg:#1b1b1b;--mute:#666;--line:#ddd}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{display:flex;flex-direction:column;gap:1.5rem;max-width:1100px;margin:0 auto;padding:1rem 1.25rem 3rem}
main>header{order:-2}.summary{order:-1}header .meta{margin:0}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.2rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line)}
td.n,th.n{text-align:right}td.d,th.d{white-space:nowrap}td.codes{font-size:.8rem;min-width:16em}
.totals{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;font-size:1rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:1rem}
.chart h3{font-size:1rem;margin:.5rem 0}
.bars{display:grid;grid-template-columns:minmax(3em,max-content) minmax(3em,1fr) max-content;gap:.15rem .5rem;align-items:center;font-size:.85rem}
.bars .label{max-width:11em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-align:right}
.bars .track{display:flex;height:.9rem}.bars .track i{display:block;min-width:2px}.bars .count{white-space:nowrap;color:var(--mute)}
i.error{background:var(--e)}i.warning{background:var(--w)}i.info{background:var(--i)}
.legend span{margin-right:1rem}.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em}
details.note{border:1px solid var(--line);border-left:5px solid var(--ok);border-radius:4px;margin:.5rem 0;padding:.25rem .75rem}
details.note.error{border-left-color:var(--e)}details.note.warning{border-left-color:var(--w)}details.note.info{border-left-color:var(--i)}
summary{cursor:pointer;padding:.25rem 0}.meta{color:var(--mute);margin-left:.5rem}
.badge{display:inline-block;border-radius:3px;padding:0 .4em;margin-left:.4em;font-size:.8rem;color:#fff}
.badge.error{background:var(--e)}.badge.warning{background:var(--w)}.badge.info{background:var(--i)}
.checklist{margin:.25rem 0;font-size:.9rem}.checklist .y{color:var(--ok)}.checklist .n{color:var(--e);font-weight:600}
pre.text{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;border:1px solid var(--line);padding:.5rem;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace}
mark{background:none;border-bottom:2px solid;padding:0 1px}
mark.error{background:#fdecea;border-color:var(--e)}mark.warning{background:#fff4e0;border-color:var(--w)}mark.info{background:#e8f1fb;border-color:var(--i)}
ol.findings{margin:.25rem 0 .5rem;padding-left:1.5rem;font-size:.9rem}ol.findings li{margin:.2rem 0}
li.error code{color:var(--e)}li.warning code{color:var(--w)}li.info code{color:var(--i)}
cite{color:var(--mute);font-style:normal;font-size:.85rem}.fix{color:var(--ok)}.fix q{white-space:pre-wrap}
@media (max-width:600px){main{padding:.5rem .6rem 2rem}.charts{grid-template-columns:1fr}table{display:block;overflow-x:auto}th,td{padding:.25rem .3rem}}
"#;

/// The start of the page, up to the opening of the notes section. `inputs` are the input names.
pub fn head(title: &str, inputs: &[String]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header><h1>{t}</h1><p class=\"meta\">Input: {i}. Generated locally by Skillmark; no note text left this machine.</p></header>\n<section class=\"notes\">\n<h2>Notes</h2>\n",
        t = escape(title),
        i = escape(&inputs.join(", "))
    );
    s
}

/// Characters of a note's text shown (a treatment note is 1-3 thousand; past this a note is a
/// paste or an export error, and showing it whole made the page ~110 times its size).
pub const SHOWN_CHARS: usize = 20_000;

/// Findings listed per note; the rest are counted per code.
pub const SHOWN_FINDINGS: usize = 100;

/// 12345 as "12,345".
fn thousands(n: usize) -> String {
    let d = n.to_string();
    let mut out = String::with_capacity(d.len() + d.len() / 3);
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One note: checklist, marked text (its first [`SHOWN_CHARS`] characters) and findings (the
/// first [`SHOWN_FINDINGS`], then a count per code).
pub fn note(n: &NoteReview) -> String {
    let r = &n.report;
    let worst = r.findings.iter().map(|f| f.severity).max();
    let class = worst.map_or("ok", sev);
    let mut s = String::with_capacity(n.text.len().min(SHOWN_CHARS * 4) * 2 + 1024);
    let _ = write!(s, "<details class=\"note {class}\" id=\"n{}\"{}>\n<summary><b>{}</b>", n.seq, if worst == Some(Severity::Error) && (r.length as usize) <= SHOWN_CHARS { " open" } else { "" }, escape(&n.id));
    let meta: Vec<String> = [n.patient.as_deref(), n.date.as_deref(), n.therapist.as_deref()].into_iter().flatten().map(escape).collect();
    if !meta.is_empty() {
        let _ = write!(s, "<span class=\"meta\">{}</span>", meta.join(" · "));
    }
    for (count, kind) in [(n.counts.errors, Severity::Error), (n.counts.warnings, Severity::Warning), (n.counts.infos, Severity::Info)] {
        if count > 0 {
            let _ = write!(s, "<span class=\"badge {k}\">{count} {k}{}</span>", if count == 1 { "" } else { "s" }, k = sev(kind));
        }
    }
    s.push_str("</summary>\n<p class=\"checklist\">");
    let c = &r.checklist;
    for (label, has) in [("what", c.what), ("why", c.why), ("how", c.how), ("outcome", c.outcome), ("measure", c.measure), ("time", c.time)] {
        let _ = write!(s, "<span class=\"{}\">{} {label}</span> ", if has { "y" } else { "n" }, if has { "✓" } else { "✗" });
    }
    if c.unskilled == 0 {
        s.push_str("<span class=\"y\">✓ no unskilled wording</span>");
    } else {
        let _ = write!(s, "<span class=\"n\">✗ unskilled wording ({})</span>", c.unskilled);
    }
    s.push_str("</p>\n");
    if let Some(limit) = &n.cut_at {
        let _ = write!(s, "<p class=\"cut\">The note is longer than the limit of {limit}: only its first {limit} were checked and are shown.</p>\n");
    }
    s.push_str("<pre class=\"text\">");
    let shown = marked_text(&mut s, n, SHOWN_CHARS);
    s.push_str("</pre>\n");
    if shown < r.length as usize {
        let _ = write!(
            s,
            "<p class=\"cut\">The first {} of {} characters are shown; the findings below cover the whole note (the terminal, JSON and CSV outputs give every position).</p>\n",
            thousands(shown),
            thousands(r.length as usize)
        );
    }
    if !r.findings.is_empty() {
        s.push_str("<ol class=\"findings\">\n");
        for f in r.findings.iter().take(SHOWN_FINDINGS) {
            let _ = write!(s, "<li class=\"{}\"><code>{}</code> {} <cite>{}</cite>", sev(f.severity), f.code, escape(&f.message), escape(f.source.citation));
            if let Some(sg) = &f.suggestion {
                let _ = write!(s, "<br><span class=\"fix\">fix: {}: {}</span>", escape(&sg.title), fix_text(&sg.text));
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ol>\n");
        if r.findings.len() > SHOWN_FINDINGS {
            // The rest, counted per code in the order of first appearance.
            let mut rest: Vec<(&str, usize)> = Vec::new();
            for f in &r.findings[SHOWN_FINDINGS..] {
                match rest.iter_mut().find(|(c, _)| *c == f.code) {
                    Some(x) => x.1 += 1,
                    None => rest.push((f.code, 1)),
                }
            }
            let list: Vec<String> = rest.iter().map(|(c, k)| format!("<code>{c}</code> × {k}")).collect();
            let _ = writeln!(s, "<p class=\"cut\">… and {} more: {}.</p>", thousands(r.findings.len() - SHOWN_FINDINGS), list.join(", "));
        }
    }
    s.push_str("</details>\n");
    s
}

/// A suggestion's text in quotes. Line breaks it adds around itself (a new line before
/// "Goal: ...") are said in words: inside the quotes they showed as a stray space.
fn fix_text(text: &str) -> String {
    let body = text.trim_matches(|c| c == '\n' || c == '\r');
    let (before, after) = (text.starts_with(['\n', '\r']), text.ends_with(['\n', '\r']) && !body.is_empty());
    let mut s = String::new();
    if before {
        s.push_str("on a new line, ");
    }
    let _ = write!(s, "<q>{}</q>", escape(body));
    if after {
        s.push_str(", then a line break");
    }
    s
}

/// Findings over more characters than this are about the note as a whole ("no functional
/// outcome"): they are listed, not marked, since a mark over every word tells nothing.
const MARK_MAX: u32 = 2_000;

/// The note text up to `limit` characters with each stretch covered by findings in a `<mark>`;
/// returns the characters shown. A mark's tooltip gives a finding's message where that message
/// first appears in the note and only its code after that (`code (continued)` on a finding's
/// later stretches), so a page stays a few times the size of its notes.
fn marked_text(s: &mut String, n: &NoteReview, limit: usize) -> usize {
    let findings = &n.report.findings;
    let limit = limit.min(u32::MAX as usize) as u32;
    let marked = |f: &crate::report::Finding| f.span.start < f.span.end && f.span.end - f.span.start <= MARK_MAX;
    let mut told: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut cuts: Vec<u32> = findings.iter().filter(|f| marked(f)).flat_map(|f| [f.span.start, f.span.end]).filter(|&c| c < limit).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut chars = n.text.chars();
    let mut at = 0u32;
    let mut piece = String::new();
    // The findings covering a piece, by one sweep: every start and end is a cut, so a piece lies
    // inside a finding exactly when the finding starts at or before it and ends after its start.
    let mut order: Vec<usize> = (0..findings.len()).filter(|&i| marked(&findings[i])).collect();
    order.sort_by_key(|&i| (findings[i].span.start, i));
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut flush = |s: &mut String, piece: &mut String, from: u32| {
        if piece.is_empty() {
            return;
        }
        let before = active.len();
        while next < order.len() && findings[order[next]].span.start <= from {
            active.push(order[next]);
            next += 1;
        }
        if active.len() > before {
            active.sort_unstable();
        }
        active.retain(|&i| findings[i].span.end > from);
        match active.iter().map(|&i| findings[i].severity).max() {
            None => s.push_str(&escape(piece)),
            Some(worst) => {
                let title: Vec<String> = active
                    .iter()
                    .map(|&i| &findings[i])
                    .map(|f| match (f.span.start == from, told.insert(&f.message)) {
                        (false, _) => format!("{} (continued)", f.code),
                        (true, true) => format!("{}: {}", f.code, f.message),
                        (true, false) => f.code.to_string(),
                    })
                    .collect();
                let _ = write!(s, "<mark class=\"{}\" title=\"{}\">{}</mark>", sev(worst), escape(&title.join("\n")), escape(piece));
            }
        }
        piece.clear();
    };
    let mut from = 0u32;
    for cut in cuts.into_iter().chain([limit]) {
        while at < cut {
            match chars.next() {
                Some(c) => piece.push(c),
                None => break,
            }
            at += 1;
        }
        flush(s, &mut piece, from);
        from = at;
    }
    at as usize
}

const COLORS: [(&str, &str); 3] = [("error", "#c62828"), ("warning", "#b26a00"), ("info", "#1565c0")];

/// A horizontal stacked bar chart (errors, warnings, infos) of some groups, in HTML and CSS: a
/// grid of label, bar and count per group. Its text is page text at the page's size, so it stays
/// readable at any width (an SVG drawing scaled its 11 px labels down to ~7 px on a phone).
fn chart(s: &mut String, title: &str, groups: &[Group]) {
    if groups.is_empty() {
        return;
    }
    let max = groups.iter().map(|g| g.counts.findings()).max().unwrap_or(0).max(1) as f64;
    let _ = writeln!(s, "<div class=\"chart\" role=\"img\" aria-label=\"{t}\"><h3>{t}</h3><div class=\"bars\">", t = escape(title));
    for g in groups {
        let _ = write!(s, "<span class=\"label\" title=\"{l}\">{l}</span><span class=\"track\">", l = escape(&g.label));
        for (count, (name, _)) in [g.counts.errors, g.counts.warnings, g.counts.infos].into_iter().zip(COLORS) {
            if count > 0 {
                let _ = write!(s, "<i class=\"{name}\" style=\"width:{:.1}%\" title=\"{count} {name}{}\"></i>", count as f64 / max * 100.0, if count == 1 { "" } else { "s" });
            }
        }
        let _ = writeln!(s, "</span><span class=\"count\">{} in {} note{}</span>", g.counts.findings(), g.counts.notes, if g.counts.notes == 1 { "" } else { "s" });
    }
    s.push_str("</div></div>\n");
}

/// The end of the page: the summary (shown first), charts, tables and input problems.
/// `problems` are the first input problems' messages, `problem_count` how many there were.
pub fn tail(sum: &Summary, problems: &[String], problem_count: usize) -> String {
    let mut s = String::from("</section>\n<section class=\"summary\">\n<h2>Summary</h2>\n<p class=\"totals\">");
    let t = &sum.totals;
    let _ = writeln!(
        s,
        "<span><b>{}</b> notes</span><span><b>{}</b> with errors</span><span><b>{}</b> patients</span><span><b>{}</b> errors</span><span><b>{}</b> warnings</span><span><b>{}</b> infos</span><span><b>{problem_count}</b> input problems</span></p>",
        t.notes, t.notes_with_errors, sum.patients, t.errors, t.warnings, t.infos
    );
    s.push_str("<p class=\"legend\">");
    for (name, color) in COLORS {
        let _ = write!(s, "<span><i style=\"background:{color}\"></i>{name}</span>");
    }
    s.push_str("</p>\n<div class=\"charts\">\n");
    chart(&mut s, "Findings per therapist", &sum.by_therapist);
    chart(&mut s, "Findings per patient", &sum.by_patient);
    chart(&mut s, "Findings per week", &sum.by_week);
    s.push_str("</div>\n");
    if !sum.worst.is_empty() {
        // A column no row fills (no therapist column in the export, no dates) is left out.
        let has = |f: fn(&super::summary::WorstNote) -> Option<&str>| sum.worst.iter().any(|w| f(w).is_some_and(|v| !v.is_empty()));
        let cols: Vec<(&str, &str, fn(&super::summary::WorstNote) -> Option<&str>)> =
            [("patient", "", (|w| w.patient.as_deref()) as fn(&super::summary::WorstNote) -> Option<&str>), ("date", "d", |w| w.date.as_deref()), ("therapist", "", |w| w.therapist.as_deref())]
                .into_iter()
                .filter(|c| has(c.2))
                .collect();
        // The counts come right after the note, so a phone shows them without scrolling.
        s.push_str("<h2>Worst notes</h2>\n<table class=\"worst\"><thead><tr><th class=\"n\">#</th><th>note</th><th class=\"n\" title=\"errors\">E</th><th class=\"n\" title=\"warnings\">W</th><th class=\"n\" title=\"infos\">I</th>");
        for (name, class, _) in &cols {
            let _ = write!(s, "<th class=\"{class}\">{name}</th>");
        }
        s.push_str("<th>findings</th></tr></thead><tbody>\n");
        for (i, w) in sum.worst.iter().enumerate() {
            let _ = write!(
                s,
                "<tr><td class=\"n\">{}</td><td><a href=\"#n{}\">{}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
                i + 1,
                w.seq,
                escape(&w.id),
                w.counts.errors,
                w.counts.warnings,
                w.counts.infos
            );
            for (_, class, get) in &cols {
                let _ = write!(s, "<td class=\"{class}\">{}</td>", escape(get(w).unwrap_or("")));
            }
            let _ = writeln!(s, "<td class=\"codes\">{}</td></tr>", w.codes.join(", "));
        }
        s.push_str("</tbody></table>\n");
    }
    if !sum.codes.is_empty() {
        s.push_str("<h2>Findings</h2>\n<table><thead><tr><th>finding</th><th>severity</th><th class=\"n\">notes</th><th class=\"n\">count</th><th>rule</th></tr></thead><tbody>\n");
        for c in &sum.codes {
            let rule = super::rule(c.code).map_or("", |r| r.source.citation);
            let _ = writeln!(
                s,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td><cite>{}</cite></td></tr>",
                c.code,
                sev(c.severity),
                c.notes,
                c.findings,
                escape(rule)
            );
        }
        s.push_str("</tbody></table>\n");
    }
    if problem_count > 0 {
        s.push_str("<h2>Input problems</h2>\n<ul>\n");
        for p in problems {
            let _ = writeln!(s, "<li>{}</li>", escape(p));
        }
        if problem_count > problems.len() {
            let _ = writeln!(s, "<li>… and {} more (see the terminal output)</li>", problem_count - problems.len());
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n</main>\n</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Config, Reviewer, Visit};

    #[test]
    fn a_page_is_self_contained_and_marks_findings() {
        let mut rv = Reviewer::new(Config::default());
        let text = "Balance ex <b>. Tolerated well. 97112 x 3 units (31 min).";
        let n = rv.review(Visit { id: "a&b", text, patient: Some("p1"), therapist: Some("Alex"), ..Visit::default() });
        let page = head("Skillmark review", &["notes.csv".into()]) + &note(&n) + &tail(&rv.summary(), &["notes.csv: row 3: bad".into()], 1);
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
        for bad in ["<script", "http:", "https:", "@import", "@font-face", "<link", "src=", "url("] {
            assert!(!page.contains(bad), "{bad}");
        }
        assert!(page.contains("<mark class=\"warning\" title=\"unskilled_wording"), "{page}");
        assert!(page.contains("&lt;b&gt;") && page.contains("a&amp;b"), "escaped");
        // Three errors (the units, no impairment, no skilled input) of six findings: a note that
        // bills time and lists only an activity keeps its errors (issue 20, certainty.rs).
        assert!(page.contains("Findings per therapist") && page.contains("<i class=\"error\" style=\"width:50.0%\" title=\"3 errors\">"), "{page}");
        assert!(page.contains("notes.csv: row 3: bad"));
        assert!(page.contains("<details class=\"note error\" id=\"n1\" open>"));
    }

    #[test]
    fn the_title_comes_first_labels_fit_and_fixes_show_their_line_breaks() {
        // The header is ordered before the summary (written last, shown under the title).
        let css = STYLE.replace(char::is_whitespace, "");
        assert!(css.contains("main>header{order:-2}") && css.contains(".summary{order:-1}"), "{css}");
        // Charts are page text (readable at any width), one row of label, bar and count per group.
        let mut rv = Reviewer::new(Config::default());
        for i in 0..3 {
            rv.review(Visit { id: &format!("n{i}"), text: "Pt tolerated well. Balance ex. 97112 x 3 units (31 min).", therapist: Some("Alex"), ..Visit::default() });
        }
        let mut chart_html = String::new();
        chart(&mut chart_html, "Findings per therapist", &rv.summary().by_therapist);
        assert!(!chart_html.contains("<svg") && chart_html.contains("<span class=\"label\" title=\"Alex\">Alex</span>"), "{chart_html}");
        assert!(chart_html.contains(" in 3 notes</span>") && chart_html.contains("<i class=\"error\" style=\"width:"), "{chart_html}");
        // A fix that starts a new line says so instead of showing a stray space in its quotes.
        assert_eq!(fix_text("\nGoal: [functional outcome]"), "on a new line, <q>Goal: [functional outcome]</q>");
        assert_eq!(fix_text("response: <x>"), "<q>response: &lt;x&gt;</q>");
        assert_eq!(fix_text("Plan: x\n"), "<q>Plan: x</q>, then a line break");
    }

    #[test]
    fn a_long_note_is_cut_and_its_page_stays_a_few_times_its_size() {
        // Issue 22: a 100 KB note of "Cont POC." lines made a 16 MB page: four note-wide
        // findings' messages in the tooltip of each of its 20,000 marks.
        let block = |len: usize| {
            let mut text = String::from("S: Pt reports no falls.\nO: Berg 44/56.\nA: Impaired balance.\nP:\n");
            while text.len() < len {
                text.push_str("Cont POC.\n");
            }
            let n = Reviewer::new(Config::default()).review(Visit { id: "long", text: &text, ..Visit::default() });
            assert!(n.report.findings.len() > SHOWN_FINDINGS);
            note(&n)
        };
        let (small, big) = (block(100_000), block(1_000_000));
        assert!(small.len() < 4 * 100_000, "{} bytes for a 100 KB note", small.len());
        assert!(big.len() < small.len() * 2, "a longer note adds little: {} against {}", big.len(), small.len());
        assert!(small.contains("<p class=\"cut\">The first 20,000 of 100,0"), "{}", &small[small.len() - 2000..]);
        assert!(small.contains("more: <code>unskilled_wording</code> ×"));
        assert!(small.starts_with("<details class=\"note error\" id=\"n1\">\n<summary>"), "a long note starts collapsed: {}", &small[..200]);
        // A finding about the whole note is listed, not marked over every word; a message is
        // in one tooltip, its repeats name only their code.
        assert_eq!(small.matches("missing_what: No activity is named").count(), 0, "{}", &small[..3000]);
        assert_eq!(small.matches("No activity is named").count(), 1, "in the list");
        assert_eq!(small.matches("title=\"unskilled_wording: ").count(), 1);
        assert!(small.contains("<mark class=\"warning\" title=\"unskilled_wording\">Cont POC</mark>"));
    }

    #[test]
    fn the_worst_notes_table_leaves_out_empty_columns_and_keeps_dates_whole() {
        let mut rv = Reviewer::new(Config::default());
        for (i, date) in [(1, Some(crate::review::Date(19_800))), (2, None)] {
            rv.review(Visit { id: &format!("n{i}"), text: "Pt tolerated well. 97112 x 3 units (31 min).", patient: Some("p1"), date, ..Visit::default() });
        }
        let page = tail(&rv.summary(), &[], 0);
        let table = &page[page.find("<table class=\"worst\">").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert!(table.contains("<th class=\"\">patient</th><th class=\"d\">date</th><th>findings</th>"), "no therapist column: {table}");
        assert!(!table.contains("therapist"), "{table}");
        assert!(table.contains("<td class=\"d\">2024-03-18</td>"), "{table}");
        assert!(STYLE.contains("td.d,th.d{white-space:nowrap}"));
    }

    #[test]
    fn overlapping_marks_take_the_worst_severity() {
        let mut rv = Reviewer::new(Config::default());
        let n = rv.review(Visit { id: "x", text: "Pt tolerated well. 97112 x 3 units (31 min).", ..Visit::default() });
        let mut s = String::new();
        marked_text(&mut s, &n, SHOWN_CHARS);
        let plain: String = {
            let mut out = String::new();
            let mut in_tag = false;
            for c in s.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        };
        assert_eq!(plain, "Pt tolerated well. 97112 x 3 units (31 min).", "text is kept whole: {s}");
        assert!(s.contains("<mark class=\"error\""), "{s}");
    }
}
