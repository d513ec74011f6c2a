//! The batch report as one self-contained HTML page, written in pieces as the notes stream.
//!
//! A reviewer shares or archives one file, so it must open anywhere, offline, and leak nothing:
//! no scripts, no external style sheets, fonts or images; the charts are inline SVG drawn from
//! the aggregates ([`Summary`]). The page is produced in three parts so the caller never holds
//! the batch: [`head`], then [`note`] for each note as it is reviewed, then [`tail`] with the
//! summary and charts. The summary is written last but shown first, under the title and input
//! line: the page's `<main>` is a flex column, its header has `order: -2` and the summary section
//! `order: -1` (plain CSS, no script).
//!
//! Each note shows its checklist, its text with the findings marked (`<mark>`, the most severe
//! finding's colour, every finding's code and message in the tooltip) and the finding list with
//! rule sources and suggested fixes.

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
td.n,th.n{text-align:right}
.totals{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;font-size:1rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:1rem}
.chart h3{font-size:1rem;margin:.5rem 0}svg text{font:11px system-ui,sans-serif;fill:var(--fg)}
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
@media (max-width:600px){main{padding:.5rem .6rem 2rem}.charts{grid-template-columns:1fr}table{display:block;overflow-x:auto}}
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

/// One note: checklist, marked text and findings.
pub fn note(n: &NoteReview) -> String {
    let r = &n.report;
    let worst = r.findings.iter().map(|f| f.severity).max();
    let class = worst.map_or("ok", sev);
    let mut s = String::with_capacity(n.text.len() * 2 + 1024);
    let _ = write!(s, "<details class=\"note {class}\" id=\"n{}\"{}>\n<summary><b>{}</b>", n.seq, if worst == Some(Severity::Error) { " open" } else { "" }, escape(&n.id));
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
    marked_text(&mut s, n);
    s.push_str("</pre>\n");
    if !r.findings.is_empty() {
        s.push_str("<ol class=\"findings\">\n");
        for f in &r.findings {
            let _ = write!(s, "<li class=\"{}\"><code>{}</code> {} <cite>{}</cite>", sev(f.severity), f.code, escape(&f.message), escape(f.source.citation));
            if let Some(sg) = &f.suggestion {
                let _ = write!(s, "<br><span class=\"fix\">fix: {}: {}</span>", escape(&sg.title), fix_text(&sg.text));
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ol>\n");
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

/// The note text with each stretch covered by findings in a `<mark>`.
fn marked_text(s: &mut String, n: &NoteReview) {
    let findings = &n.report.findings;
    let mut cuts: Vec<u32> = findings.iter().filter(|f| f.span.start < f.span.end).flat_map(|f| [f.span.start, f.span.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut chars = n.text.chars();
    let mut at = 0u32;
    let mut piece = String::new();
    // The findings covering a piece, by one sweep: every start and end is a cut, so a piece lies
    // inside a finding exactly when the finding starts at or before it and ends after its start.
    let mut order: Vec<usize> = (0..findings.len()).filter(|&i| findings[i].span.start < findings[i].span.end).collect();
    order.sort_by_key(|&i| (findings[i].span.start, i));
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut flush = |s: &mut String, piece: &mut String, from: u32, _to: u32| {
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
        let cover: Vec<_> = active.iter().map(|&i| &findings[i]).collect();
        match cover.iter().map(|f| f.severity).max() {
            None => s.push_str(&escape(piece)),
            Some(worst) => {
                let title: Vec<String> = cover.iter().map(|f| format!("{}: {}", f.code, f.message)).collect();
                let _ = write!(s, "<mark class=\"{}\" title=\"{}\">{}</mark>", sev(worst), escape(&title.join("\n")), escape(piece));
            }
        }
        piece.clear();
    };
    let mut from = 0u32;
    for cut in cuts.into_iter().chain([u32::MAX]) {
        while at < cut {
            match chars.next() {
                Some(c) => piece.push(c),
                None => break,
            }
            at += 1;
        }
        flush(s, &mut piece, from, at);
        from = at;
    }
}

/// Room right of the longest bar for its count label, in SVG units.
const COUNT_W: f64 = 140.0;

const COLORS: [(&str, &str); 3] = [("error", "#c62828"), ("warning", "#b26a00"), ("info", "#1565c0")];

/// A horizontal stacked bar chart (errors, warnings, infos) of some groups, as inline SVG.
fn chart(s: &mut String, title: &str, groups: &[Group]) {
    if groups.is_empty() {
        return;
    }
    // The count label ("11 in 3 notes") stands right of the longest bar: room for it is kept
    // (COUNT_W, about 6.5 px a character at 11 px), so it is never cut.
    let (label_w, bar_w, row) = (150.0, 260.0, 18.0);
    let max = groups.iter().map(|g| g.counts.findings()).max().unwrap_or(0).max(1) as f64;
    let h = row * groups.len() as f64 + 4.0;
    let _ = writeln!(
        s,
        "<div class=\"chart\"><h3>{}</h3><svg width=\"100%\" viewBox=\"0 0 {} {h}\" role=\"img\" aria-label=\"{}\">",
        escape(title),
        label_w + bar_w + COUNT_W,
        escape(title)
    );
    for (i, g) in groups.iter().enumerate() {
        let y = i as f64 * row + 2.0;
        let mut label = g.label.clone();
        if label.chars().count() > 22 {
            label = label.chars().take(21).collect::<String>() + "…";
        }
        let _ = write!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", label_w - 6.0, y + 12.0, escape(&label));
        let mut x = label_w;
        for (count, (name, color)) in [g.counts.errors, g.counts.warnings, g.counts.infos].into_iter().zip(COLORS) {
            if count == 0 {
                continue;
            }
            let w = count as f64 / max * bar_w;
            let _ = write!(s, "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{color}\"><title>{} {name}</title></rect>", row - 4.0, count);
            x += w;
        }
        let _ = writeln!(s, "<text x=\"{:.1}\" y=\"{}\">{} in {} note{}</text>", x + 4.0, y + 12.0, g.counts.findings(), g.counts.notes, if g.counts.notes == 1 { "" } else { "s" });
    }
    s.push_str("</svg></div>\n");
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
        s.push_str("<h2>Worst notes</h2>\n<table><thead><tr><th class=\"n\">#</th><th>note</th><th>patient</th><th>date</th><th>therapist</th><th class=\"n\">errors</th><th class=\"n\">warnings</th><th class=\"n\">infos</th><th>findings</th></tr></thead><tbody>\n");
        for (i, w) in sum.worst.iter().enumerate() {
            let _ = writeln!(
                s,
                "<tr><td class=\"n\">{}</td><td><a href=\"#n{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                i + 1,
                w.seq,
                escape(&w.id),
                escape(w.patient.as_deref().unwrap_or("")),
                escape(w.date.as_deref().unwrap_or("")),
                escape(w.therapist.as_deref().unwrap_or("")),
                w.counts.errors,
                w.counts.warnings,
                w.counts.infos,
                w.codes.join(", ")
            );
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
        assert!(page.contains("Findings per therapist") && page.contains("<rect"));
        assert!(page.contains("notes.csv: row 3: bad"));
        assert!(page.contains("<details class=\"note error\" id=\"n1\" open>"));
    }

    #[test]
    fn the_title_comes_first_labels_fit_and_fixes_show_their_line_breaks() {
        // The header is ordered before the summary (written last, shown under the title).
        let css = STYLE.replace(char::is_whitespace, "");
        assert!(css.contains("main>header{order:-2}") && css.contains(".summary{order:-1}"), "{css}");
        // The longest count label fits in the room kept right of the longest bar.
        let longest = "99999 in 99999 notes";
        assert!(4.0 + longest.len() as f64 * 6.5 <= COUNT_W, "{longest} needs more than {COUNT_W}");
        let mut rv = Reviewer::new(Config::default());
        for i in 0..3 {
            rv.review(Visit { id: &format!("n{i}"), text: "Pt tolerated well. Balance ex. 97112 x 3 units (31 min).", therapist: Some("Alex"), ..Visit::default() });
        }
        let mut svg = String::new();
        chart(&mut svg, "Findings per therapist", &rv.summary().by_therapist);
        let width: f64 = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let label_x: f64 = svg.split("<text x=\"").nth(2).unwrap().split('"').next().unwrap().parse().unwrap();
        let label = svg.rsplit("\">").next().unwrap().split('<').next().unwrap();
        assert!(label.ends_with(" in 3 notes"), "{svg}");
        assert!(label_x + label.len() as f64 * 6.5 <= width, "{label:?} at {label_x} is cut at {width}: {svg}");
        // A fix that starts a new line says so instead of showing a stray space in its quotes.
        assert_eq!(fix_text("\nGoal: [functional outcome]"), "on a new line, <q>Goal: [functional outcome]</q>");
        assert_eq!(fix_text("response: <x>"), "<q>response: &lt;x&gt;</q>");
        assert_eq!(fix_text("Plan: x\n"), "<q>Plan: x</q>, then a line break");
    }

    #[test]
    fn overlapping_marks_take_the_worst_severity() {
        let mut rv = Reviewer::new(Config::default());
        let n = rv.review(Visit { id: "x", text: "Pt tolerated well. 97112 x 3 units (31 min).", ..Visit::default() });
        let mut s = String::new();
        marked_text(&mut s, &n);
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
