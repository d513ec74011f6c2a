//! The engine's predictions on every scored set, pinned (issue 23): a speed or size change must
//! leave every label span and finding of every note as it was. `tests/corpus/predictions.txt`
//! holds, per note of dev, heldout, seed and real-train, what `skillmark predict` writes for it
//! in short form: per label the number of spans and a hash of their offsets, and the same for the
//! finding codes. `cargo run --release --example learn -- write` (after a deliberate label change,
//! with the weights) or `-- predictions` (the snapshot alone) rewrites it; `tests/corpus.rs`
//! compares and, on a difference, says which note and label moved and what is marked now.
//! Included by path (with `sets.rs`) by `tests/corpus.rs` and `examples/learn.rs`.

use sha2::{Digest, Sha256};
use skillmark::{Label, Report};

use super::sets;

pub const PATH: &str = "tests/corpus/predictions.txt";

/// The command that rewrites the snapshot (named by the test that checks it).
pub const COMMAND: &str = "cargo run --release --example learn -- predictions";

const HEADER: &str = "# The engine's predictions on every scored set (issue 23), one note a line: set, id, then per
# label (what why how outcome measure time unskilled) and for the finding codes: count:hash of
# the spans' offsets (or of the codes in order), '-' for none. A speed or size change must leave
# this file unchanged (tests/corpus.rs); a deliberate label change rewrites it with
# `cargo run --release --example learn -- write` (weights and this file) or `-- predictions`.
";

/// One column: `-` when empty, else the count and the first 6 hex digits of SHA-256 of `items`.
fn column<T: std::fmt::Display>(items: impl Iterator<Item = T>) -> String {
    let (mut h, mut n) = (Sha256::new(), 0);
    for it in items {
        h.update(format!("{it};").as_bytes());
        n += 1;
    }
    if n == 0 {
        return "-".into();
    }
    let d = h.finalize();
    format!("{n}:{:02x}{:02x}{:02x}", d[0], d[1], d[2])
}

/// A note's line (without set and id): one column per label, then the findings.
fn columns(r: &Report) -> Vec<String> {
    let mut cols: Vec<String> = Label::ALL
        .iter()
        .map(|&l| column(r.annotations.iter().filter(|a| a.label == l).map(|a| format!("{}-{}", a.span.start, a.span.end))))
        .collect();
    cols.push(column(r.findings.iter().map(|f| f.code)));
    cols
}

/// Every scored note: (set/id, its text, its report with the given model, or the compiled-in one).
pub fn reports(model: Option<&skillmark::learned::Model>) -> Vec<(String, String, Report)> {
    let (exs, items) = sets::load();
    let opts = skillmark::Options::default();
    exs.into_iter()
        .zip(items)
        .map(|(ex, it)| {
            let r = match model {
                Some(m) => skillmark::analyze_with(&ex.text, &opts, Some(m)),
                None => skillmark::analyze(&ex.text, &opts),
            };
            (format!("{} {}", it.set, it.id), ex.text, r)
        })
        .collect()
}

/// The snapshot's text for these reports.
pub fn text(reports: &[(String, String, Report)]) -> String {
    let mut out = String::from(HEADER);
    for (key, _, r) in reports {
        out.push_str(key);
        for c in columns(r) {
            out.push(' ');
            out.push_str(&c);
        }
        out.push('\n');
    }
    out
}

/// Where `written` (the file) and the current reports differ, readably: per note that moved, the
/// columns that changed (old -> new) and the text the engine marks now under each changed label.
/// Empty when they agree.
pub fn diff(written: &str, reports: &[(String, String, Report)]) -> String {
    let old: std::collections::HashMap<&str, Vec<&str>> = written
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut w = l.split(' ');
            let (set, id) = (w.next()?, w.next()?);
            Some((&l[..set.len() + 1 + id.len()], w.collect()))
        })
        .collect();
    let names: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).chain(["findings"]).collect();
    let mut out = String::new();
    let mut moved = 0;
    for (key, text, r) in reports {
        let new = columns(r);
        let Some(was) = old.get(key.as_str()) else {
            moved += 1;
            out.push_str(&format!("{key}: not in the snapshot\n"));
            continue;
        };
        let changed: Vec<usize> = (0..new.len()).filter(|&k| was.get(k).copied() != Some(new[k].as_str())).collect();
        if changed.is_empty() {
            continue;
        }
        moved += 1;
        if moved > 25 {
            continue;
        }
        out.push_str(&format!("{key}:\n"));
        let chars: Vec<char> = text.chars().collect();
        for k in changed {
            out.push_str(&format!("  {:9} {} -> {}", names[k], was.get(k).unwrap_or(&"?"), new[k]));
            if k < Label::ALL.len() {
                let now: Vec<String> = r
                    .annotations
                    .iter()
                    .filter(|a| a.label == Label::ALL[k])
                    .map(|a| format!("{:?}", chars[a.span.start as usize..a.span.end as usize].iter().collect::<String>()))
                    .collect();
                out.push_str(&format!("; marked now: {}", now.join(", ")));
            } else {
                let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
                out.push_str(&format!("; now: {}", codes.join(" ")));
            }
            out.push('\n');
        }
    }
    let keys: std::collections::HashSet<&str> = reports.iter().map(|(k, _, _)| k.as_str()).collect();
    for k in old.keys().filter(|k| !keys.contains(*k)) {
        moved += 1;
        out.push_str(&format!("{k}: in the snapshot, no longer scored\n"));
    }
    if moved > 25 {
        out.push_str(&format!("... {moved} notes moved in all\n"));
    }
    out
}
