//! Training the learned layer: rows from labelled notes, logistic regression per label, and the
//! sentence-level counts the scorer uses. Pure (the labelled sets are read by the caller:
//! `examples/learn.rs` and `tests/corpus.rs`); never reached from the browser build.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::{features, headings, is_heading_line, note_facts, Model, LEARNED};
use crate::label::{Label, LabelSet};
use crate::note::Note;

/// One labelled note.
pub struct Example {
    /// Where it comes from: its site, or the project set's name. Features must recur across
    /// sources to be kept.
    pub source: String,
    /// The note.
    pub text: String,
    /// Gold sentences: char start, char end (Unicode scalar offsets, end exclusive) and labels.
    pub gold: Vec<(usize, usize, LabelSet)>,
}

/// One engine sentence of a labelled note: its features and, per learned label, whether a gold
/// sentence it overlaps carries that label.
pub struct Row {
    /// Index of the example.
    pub ex: usize,
    /// Feature hashes.
    pub feats: Vec<u64>,
    /// Gold, per label of [`LEARNED`].
    pub y: [bool; 5],
}

/// Byte offset -> char offset table of `text`.
pub fn char_index(text: &str) -> Vec<usize> {
    let mut t = vec![0; text.len() + 1];
    let mut c = 0;
    for (i, ch) in text.char_indices() {
        for k in 0..ch.len_utf8() {
            t[i + k] = c;
        }
        c += 1;
    }
    t[text.len()] = c;
    t
}

/// The rows of every example (features read from the rules alone), recording feature names.
pub fn rows(exs: &[Example], names: &mut FxHashMap<u64, String>) -> Vec<Row> {
    let mut out = Vec::new();
    for (ei, ex) in exs.iter().enumerate() {
        let note = Note::read_rules(&ex.text, &ex.text);
        let ci = char_index(&ex.text);
        let facts = note_facts(&note);
        let heads = headings(&note);
        for (i, s) in note.sents.iter().enumerate() {
            if s.toks.is_empty() || is_heading_line(&note, i) {
                continue;
            }
            let (a, b) = (ci[s.seg.start], ci[s.seg.end]);
            let mut y = [false; 5];
            for (gs, ge, labels) in &ex.gold {
                if *gs < b && *ge > a {
                    for (k, l) in LEARNED.iter().enumerate() {
                        y[k] |= labels.has(*l);
                    }
                }
            }
            let mut feats = Vec::new();
            features(&note, i, heads[i], &facts, &mut feats, Some(names));
            out.push(Row { ex: ei, feats, y });
        }
    }
    out
}

/// A feature whose every weight is smaller (hundredths) is left out of the model: it moves no
/// decision, and each line costs the browser build bytes.
const PRUNE: i32 = 5;

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// L2 penalty on every weight but the bias and the rules' own labels.
    pub l2: f64,
    /// A feature is kept when it occurs at this many different sources.
    pub min_sources: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Per label, the scores (log-odds in hundredths) below which a rule's label is dropped
    /// (`cut[0]`) and at or above which a missed label is added (`cut[1]`).
    pub cut: [[i32; 5]; 2],
}

impl Default for Params {
    /// The settings `cargo run --release --example learn -- write` uses (chosen by
    /// cross-validation over real-train's folds 1-4).
    fn default() -> Params {
        Params { l2: 0.1, min_sources: 8, epochs: 20, cut: [[-100; 5], [0; 5]] }
    }
}

/// Logistic regression per learned label over `rows` (AdaGrad, a fixed-seed shuffle: the same
/// data gives the same weights). The bias and the rules' labels are not shrunk, so the penalty
/// pulls the model towards trusting the rules and only evidence across sources moves it away.
pub fn train(exs: &[Example], rows: &[&Row], names: &FxHashMap<u64, String>, p: &Params) -> Model {
    let mut seen: FxHashMap<u64, HashSet<&str>> = FxHashMap::default();
    for r in rows {
        for f in &r.feats {
            seen.entry(*f).or_default().insert(&exs[r.ex].source);
        }
    }
    let mut kept: Vec<u64> = seen.iter().filter(|(_, s)| s.len() >= p.min_sources).map(|(f, _)| *f).collect();
    kept.sort_unstable();
    let index: FxHashMap<u64, usize> = kept.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let free: Vec<bool> = kept.iter().map(|f| names.get(f).is_some_and(|n| n == "bias:" || n.starts_with("r:"))).collect();
    let data: Vec<(Vec<usize>, [bool; 5])> =
        rows.iter().map(|r| (r.feats.iter().filter_map(|f| index.get(f).copied()).collect(), r.y)).collect();
    let n = kept.len();
    let mut w = vec![[0f64; 5]; n];
    let mut g2 = vec![[1e-8f64; 5]; n];
    let lr = 0.3;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    // The weights averaged over the passes of the second half (Polyak averaging): the last
    // steps of a shuffled pass no longer decide them, so a change in one note's rules moves
    // the weights a little instead of flipping sentences elsewhere.
    let mut avg = vec![[0f64; 5]; n];
    let from = p.epochs / 2;
    for epoch in 0..p.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &r in &order {
            let (fs, y) = &data[r];
            for k in 0..5 {
                let z: f64 = fs.iter().map(|&f| w[f][k]).sum();
                let pr = 1.0 / (1.0 + (-z).exp());
                let g = pr - if y[k] { 1.0 } else { 0.0 };
                for &f in fs {
                    let gr = g + if free[f] { 0.0 } else { p.l2 * w[f][k] };
                    g2[f][k] += gr * gr;
                    w[f][k] -= lr * gr / g2[f][k].sqrt();
                }
            }
        }
        if epoch >= from {
            for (a, x) in avg.iter_mut().zip(&w) {
                for k in 0..5 {
                    a[k] += x[k] / (p.epochs - from) as f64;
                }
            }
        }
    }
    let w = avg;
    let mut weights = FxHashMap::default();
    let mut nm = FxHashMap::default();
    for (i, f) in kept.iter().enumerate() {
        // Hundredths: the file stays small and readable, the decisions do not move.
        let ws = w[i].map(|x| (x * 100.0).round() as i32);
        if ws.iter().any(|x| x.abs() >= PRUNE) {
            weights.insert(*f, ws);
            nm.insert(*f, names[f].clone());
        }
    }
    Model::from_parts(weights, nm, p.cut)
}

/// The weights file (`src/learned/weights.txt`) for `m`: features sorted by name.
pub fn weights_text(m: &Model) -> String {
    let cut = m.cut().map(|c| c.map(|x| x.to_string()).join(" "));
    let mut lines = vec![format!("drop\t{}", cut[0]), format!("add\t{}", cut[1])];
    let mut feats: Vec<(&str, [i32; 5])> = m.features().collect();
    feats.sort_by(|a, b| a.0.cmp(b.0));
    for (n, w) in feats {
        lines.push(format!("{n}\t{}", w.map(|x| x.to_string()).join(" ")));
    }
    lines.join("\n") + "\n"
}

/// Per label (in [`Label::ALL`] order) true positives, false positives and misses over `gold`'s
/// sentences, as `../shared/tools/folds.py` counts them: a predicted span labels every gold
/// sentence it overlaps. `spans` are (label, char start, char end).
pub fn count(gold: &[(usize, usize, LabelSet)], spans: &[(Label, usize, usize)], c: &mut [[u32; 3]; 7]) {
    for (s, e, want) in gold {
        for (k, lab) in Label::ALL.iter().enumerate() {
            let w = want.has(*lab);
            let g = spans.iter().any(|(l, a, b)| l == lab && *a < *e && *b > *s);
            c[k][0] += (w && g) as u32;
            c[k][1] += (g && !w) as u32;
            c[k][2] += (w && !g) as u32;
        }
    }
}

/// F1 of (tp, fp, fn); 1.0 when there is nothing to find and nothing found.
pub fn f1(c: [u32; 3]) -> f64 {
    let p = if c[0] + c[1] > 0 { c[0] as f64 / (c[0] + c[1]) as f64 } else { 1.0 };
    let r = if c[0] + c[2] > 0 { c[0] as f64 / (c[0] + c[2]) as f64 } else { 1.0 };
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

/// Micro-F1 (pooled over the seven labels) and macro-F1 (their mean), as `folds.py` reports.
pub fn micro_macro(c: &[[u32; 3]; 7]) -> (f64, f64) {
    let (tp, fp, fn_) = c.iter().fold((0, 0, 0), |a, v| (a.0 + v[0], a.1 + v[1], a.2 + v[2]));
    let micro = if tp > 0 { 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64 } else { 0.0 };
    (micro, c.iter().map(|v| f1(*v)).sum::<f64>() / 7.0)
}
