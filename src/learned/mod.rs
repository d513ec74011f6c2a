//! The learned layer: how far to trust each rule, learned from the labelled sets.
//!
//! The rules (`crate::labeller`, the context table, the blocks) propose labels sentence by
//! sentence. For the five judgement labels (`what why how outcome measure`; `time` and `unskilled`
//! stay with the billing grammar and the red-flag table) a logistic-regression model per label
//! then decides, per sentence, whether the label stands. Its features are the rules' own labels
//! and sentence roles, the lexicon kinds in the sentence, the section and heading it sits under,
//! the shape of the line (field label, list item, numbers and what follows them, length), the
//! rule labels of the neighbouring sentences, a few facts about the whole note (headers, size, a
//! goal list), and the words of the sentence (cut to six letters, a cheap stem) that occur at
//! enough different source sites to generalise.
//!
//! * When the rules marked a label and the model says no, the rules' spans of that label in the
//!   sentence are dropped (a false mark costs the therapist's trust).
//! * When the rules marked nothing and the model says yes, the sentence is marked whole.
//!
//! The weights (`weights.txt`, one feature a line: its name, then one weight per label) are
//! written by `cargo run --release --example learn -- write` from the shared labelled sets
//! (dev, the project's held-out notes, seed and real-train without its sealed fold 0), and
//! compiled in. `cargo run --release --example learn -- cv` measures the layer by
//! leave-one-fold-out cross-validation over real-train's source sites (folds 1-4), against the
//! rules alone. Every decision can be explained by its features ([`explain`], shown by
//! `skillmark explain --mark`).
//!
//! Design after `../shared/style/models.md` §9 (Snorkel, skweak: rules weighed by a learned
//! model): the rules stay the source of spans; the model only weighs them.

use std::sync::OnceLock;

pub mod train;

use rustc_hash::FxHashMap;

use crate::label::Label;
use crate::labeller::{self, LSpan, ROLE_DX, ROLE_GOAL, ROLE_PLAN, ROLE_REPORT, ROLE_RESULT};
use crate::note::Note;
use crate::report::Section;
use crate::tokens::Tok;

/// The labels the model decides, in weight-column order.
pub const LEARNED: [Label; 5] = [Label::What, Label::Why, Label::How, Label::Outcome, Label::Measure];

/// The compiled-in weights (`examples/learn.rs` writes them).
const WEIGHTS: &str = include_str!("weights.txt");

/// A linear model per learned label.
pub struct Model {
    /// Feature hash -> one weight per label of [`LEARNED`], in hundredths (integers: the wasm
    /// build then needs no float parser, ~25 KB).
    weights: FxHashMap<u64, [i32; 5]>,
    /// Feature hash -> its name (for [`explain`]).
    names: FxHashMap<u64, String>,
    /// Per label, the scores (log-odds, in hundredths; 0 is a probability of one half) that
    /// decide: a rule's label stands at or above `cut[0]` (below, the model drops it); a label the
    /// rules missed is added at or above `cut[1]`. Dropping asks for more certainty than keeping:
    /// where the model is unsure, the rules' decision stands.
    cut: [[i32; 5]; 2],
}

impl Model {
    /// The compiled-in model, parsed on first use.
    pub fn get() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::parse(WEIGHTS))
    }

    /// Reads the weights file format: the `drop` and `add` cuts, then one line per feature, each a name, a tab
    /// and five whole numbers (hundredths) separated by spaces. Lines that do not parse are
    /// skipped.
    pub fn parse(text: &str) -> Model {
        let mut m = Model { weights: FxHashMap::default(), names: FxHashMap::default(), cut: [[0; 5]; 2] };
        for line in text.lines() {
            let mut parts = line.split('\t');
            let (Some(name), Some(ws)) = (parts.next(), parts.next()) else { continue };
            let mut w = [0i32; 5];
            let mut n = 0;
            for (i, x) in ws.split(' ').filter_map(|x| x.parse::<i32>().ok()).take(5).enumerate() {
                w[i] = x;
                n += 1;
            }
            if n != 5 {
                continue;
            }
            if name == "drop" || name == "add" {
                m.cut[(name == "add") as usize] = w;
                continue;
            }
            let (prefix, value) = name.split_once(':').unwrap_or((name, ""));
            let h = hash(prefix, value);
            m.weights.insert(h, w);
            m.names.insert(h, name.to_string());
        }
        m
    }

    /// A model from trained weights (the trainer's own, before they are written).
    pub fn from_parts(weights: FxHashMap<u64, [i32; 5]>, names: FxHashMap<u64, String>, cut: [[i32; 5]; 2]) -> Model {
        Model { weights, names, cut }
    }

    /// Every feature's name and weights.
    pub fn features(&self) -> impl Iterator<Item = (&str, [i32; 5])> + '_ {
        self.weights.iter().map(|(h, w)| (self.names.get(h).map_or("?", String::as_str), *w))
    }

    /// The cuts: `[drop, add]`, per label.
    pub fn cut(&self) -> [[i32; 5]; 2] {
        self.cut
    }

    /// True for a model without weights: the rules alone decide.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Per label, the score (log-odds in hundredths) of the sentence with `features`.
    pub fn scores(&self, features: &[u64]) -> [i32; 5] {
        let mut z = [0i32; 5];
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for i in 0..5 {
                    z[i] = z[i].saturating_add(w[i]);
                }
            }
        }
        z
    }

    /// Per label, whether the label stands given the sentence's `features` and whether the
    /// rules marked it (`ruled`).
    pub fn decide(&self, features: &[u64], ruled: [bool; 5]) -> [bool; 5] {
        let z = self.scores(features);
        std::array::from_fn(|i| z[i] >= self.cut[!ruled[i] as usize][i])
    }

    /// Per label, the probability the label stands (for explanations and the trainer).
    pub fn probabilities(&self, features: &[u64]) -> [f32; 5] {
        self.scores(features).map(|z| 1.0 / (1.0 + (-(z as f32) / 100.0).exp()))
    }
}

/// FNV-1a over `prefix`, `:` and `value` lower-cased (ASCII): a feature's key, computed without
/// building its name.
pub fn hash(prefix: &str, value: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in prefix.bytes().chain(std::iter::once(b':')).chain(value.bytes().map(|b| b.to_ascii_lowercase())) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Facts about the whole note, computed once.
pub struct NoteFacts {
    soap: bool,
    size: &'static str,
    goal_list: bool,
}

/// Names of the lexicon kinds, by bit (`crate::lexicon::Kinds`).
const KIND_NAMES: [&str; 26] = [
    "activity", "generic", "function", "impairment", "modifier", "skill", "assist_how", "assist_level", "outcome",
    "mobility", "event", "purpose", "goal", "future", "plan", "report", "clinician", "delivery", "limit", "state",
    "result", "dx", "measure_name", "symptom", "code_name", "muscle",
];

/// The note-level facts of `note`.
pub fn note_facts(note: &Note) -> NoteFacts {
    let body: Vec<_> = note.sents.iter().filter(|s| !s.seg.header).collect();
    let goals = body.iter().filter(|s| s.roles & ROLE_GOAL != 0).count();
    NoteFacts {
        soap: note.sents.iter().any(|s| s.seg.section.is_some()),
        size: match body.len() {
            0..=1 => "1",
            2..=3 => "2-3",
            4..=10 => "4-10",
            _ => "11+",
        },
        goal_list: goals * 2 > body.len(),
    }
}

/// Up to six characters of `w`: a cheap stem that costs no stemmer run.
fn stem(w: &str) -> &str {
    match w.char_indices().nth(6) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// The first word of the heading line `i` (a SOAP header or a short line ending in a colon).
fn heading_word<'a>(note: &Note<'a>, i: usize) -> Option<&'a str> {
    let toks = &note.tokens[note.sents[i].toks.clone()];
    toks.iter().find(|t| t.tok == Tok::Word).map(|t| stem(t.text(note.text)))
}

/// True for a heading line: a SOAP header or a short line ending in a colon.
pub fn is_heading_line(note: &Note, i: usize) -> bool {
    let s = &note.sents[i];
    s.seg.header || labeller::is_heading(&note.tokens[s.toks.clone()])
}

/// Feature hashes of sentence `i` into `out` (a feature repeated in the sentence counts again). `heading` is the index
/// of the heading line the sentence sits under, if any. With `names`, each feature's name is
/// recorded too (the trainer and [`explain`]).
pub fn features(note: &Note, i: usize, heading: Option<usize>, facts: &NoteFacts, out: &mut Vec<u64>, mut names: Option<&mut FxHashMap<u64, String>>) {
    out.clear();
    let mut emit = |p: &str, v: &str| {
        let h = hash(p, v);
        out.push(h);
        if let Some(n) = names.as_deref_mut() {
            n.entry(h).or_insert_with(|| format!("{p}:{}", v.to_ascii_lowercase()));
        }
    };
    let s = &note.sents[i];
    let text = note.text;
    let toks = &note.tokens[s.toks.clone()];
    let hits = &note.hits[s.hits.clone()];
    emit("bias", "");
    for l in Label::ALL {
        if s.labels.has(l) {
            emit("r", l.as_str());
        }
    }
    if s.labels.0 == 0 {
        emit("r", "none");
    }
    for l in LEARNED {
        if s.blocked & l.bit() != 0 {
            emit("blocked", l.as_str());
        }
    }
    for (bit, name) in [(ROLE_GOAL, "goal"), (ROLE_PLAN, "plan"), (ROLE_REPORT, "report"), (ROLE_DX, "dx"), (ROLE_RESULT, "result")] {
        if s.roles & bit != 0 {
            emit("role", name);
        }
    }
    let mut kinds = 0u32;
    for h in hits {
        kinds |= h.kinds.0;
    }
    for (b, name) in KIND_NAMES.iter().enumerate() {
        if kinds & (1 << b) != 0 {
            emit("k", name);
        }
    }
    // The kinds of a hit opening the sentence (within its first two tokens).
    if let Some(h) = hits.first().filter(|h| toks.get(2).is_none_or(|t| h.start < t.start)) {
        for (b, name) in KIND_NAMES.iter().enumerate() {
            if h.kinds.0 & (1 << b) != 0 {
                emit("k0", name);
            }
        }
    }
    emit(
        "sec",
        match s.seg.section {
            None => "none",
            Some(Section::Subjective) => "s",
            Some(Section::Objective) => "o",
            Some(Section::Assessment) => "a",
            Some(Section::Plan) => "p",
            Some(Section::AssessmentPlan) => "ap",
        },
    );
    if let Some(w) = heading.and_then(|h| heading_word(note, h)) {
        emit("hd", w);
    }
    // A field label: "Assessment: ...", "Balance: fair".
    let words: Vec<_> = toks.iter().filter(|t| t.tok == Tok::Word).collect();
    if let Some(c) = toks.iter().take(5).position(|t| t.is(':')) {
        if let Some(w) = toks[..c].iter().find(|t| t.tok == Tok::Word) {
            emit("fl", stem(w.text(text)));
        }
        emit("shape", "field");
    }
    if let Some(w) = words.first() {
        emit("w0", stem(w.text(text)));
    }
    for w in &words {
        emit("w", stem(w.text(text)));
    }
    // What each number is followed by: "ft", "sec", "%", "/", "x", a word.
    for (k, t) in toks.iter().enumerate() {
        if t.num().is_none() {
            continue;
        }
        emit("shape", "num");
        match toks.get(k + 1) {
            Some(n) if n.tok == Tok::Word => emit("nx", stem(n.text(text))),
            Some(n) if matches!(n.tok, Tok::Punct(_)) => emit("nx", n.text(text)),
            _ => emit("nx", "end"),
        }
    }
    emit(
        "len",
        match toks.len() {
            0..=3 => "1-3",
            4..=8 => "4-8",
            9..=20 => "9-20",
            21..=40 => "21-40",
            _ => "41+",
        },
    );
    // A list item: the line opens with a bullet or an enumerator.
    // (Only the gap after the previous sentence is read: a note of one long line stays linear.)
    let from = if i == 0 { 0 } else { note.sents[i - 1].seg.end.min(s.seg.start) };
    let gap = &text[from..s.seg.start];
    let line = gap.rsplit('\n').next().unwrap_or("").trim();
    if gap.contains('\n') && !line.is_empty() && line.len() <= 4 {
        emit("shape", "item");
    }
    if i == 0 || note.sents[i - 1].seg.paragraph != s.seg.paragraph {
        emit("shape", "para_first");
    }
    // The rule labels of the neighbours in the same paragraph.
    for (p, j) in [("pr", i.checked_sub(1)), ("nr", Some(i + 1))] {
        let Some(n) = j.and_then(|j| note.sents.get(j)) else { continue };
        if n.seg.paragraph != s.seg.paragraph || n.seg.header {
            continue;
        }
        for l in LEARNED {
            if n.labels.has(l) {
                emit(p, l.as_str());
            }
        }
    }
    if facts.soap {
        emit("note", "soap");
    }
    emit("size", facts.size);
    if facts.goal_list {
        emit("note", "goal_list");
    }
}

/// For each sentence, the heading line above it (until a blank line or the next heading).
pub fn headings(note: &Note) -> Vec<Option<usize>> {
    let mut cur: Option<usize> = None;
    let mut prev_end = 0;
    note.sents
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let gap = &note.text[prev_end.min(s.seg.start)..s.seg.start];
            prev_end = s.seg.end;
            if gap.matches('\n').count() >= 2 && gap.split('\n').skip(1).any(|l| l.trim().is_empty()) {
                cur = None;
            }
            if is_heading_line(note, i) {
                cur = Some(i);
                return None;
            }
            cur
        })
        .collect()
}

/// Weighs the rules' labels of every sentence of `note` with `model`: drops the spans of a label
/// the model rejects, marks a sentence whole with a label the model finds and the rules missed.
pub fn apply(note: &mut Note, model: &Model) {
    if model.is_empty() || note.sents.is_empty() {
        return;
    }
    let facts = note_facts(note);
    let heads = headings(note);
    let mut feats = Vec::with_capacity(64);
    // (sentence, label) decisions: drop or add.
    let mut drop: Vec<(usize, Label)> = Vec::new();
    let mut add: Vec<LSpan> = Vec::new();
    for i in 0..note.sents.len() {
        if is_heading_line(note, i) || note.sents[i].toks.is_empty() {
            continue;
        }
        features(note, i, heads[i], &facts, &mut feats, None);
        let s = &note.sents[i];
        let p = model.decide(&feats, LEARNED.map(|l| s.labels.has(l)));
        let toks = &note.tokens[s.toks.clone()];
        for (k, l) in LEARNED.iter().enumerate() {
            let keep = p[k];
            if s.labels.has(*l) && !keep {
                drop.push((i, *l));
            } else if !s.labels.has(*l) && keep && s.blocked & l.bit() == 0 {
                // The sentence without its closing marks.
                let last = toks.iter().rposition(|t| !matches!(t.tok, Tok::Punct(_))).unwrap_or(toks.len() - 1);
                let (a, b) = (toks[0].start, toks[last].end);
                add.push(LSpan { label: *l, start: a, end: b });
            }
        }
    }
    if !drop.is_empty() {
        // Spans are in sentence order except the plan-alone unskilled ones (never dropped): each
        // finds its sentence by a binary search, so the pass stays linear in the note.
        let sents = &note.sents;
        let mut mask = vec![0u8; sents.len()];
        for &(i, l) in &drop {
            mask[i] |= l.bit();
        }
        note.spans.retain(|sp| {
            let i = sents.partition_point(|s| s.seg.end <= sp.start);
            !(i < sents.len() && mask[i] & sp.label.bit() != 0)
        });
    }
    note.spans.extend(add);
    // The sentences' label sets follow their spans.
    for s in &mut note.sents {
        for l in LEARNED {
            s.labels.0 &= !l.bit();
        }
    }
    for sp in &note.spans {
        if !LEARNED.contains(&sp.label) {
            continue;
        }
        let i = note.sents.partition_point(|s| s.seg.end <= sp.start);
        if let Some(s) = note.sents.get_mut(i) {
            if sp.start >= s.seg.start {
                s.labels.insert(sp.label);
            }
        }
    }
}

/// Why the model decided as it did for sentence `i`: per learned label, the probability and
/// the features that weighed most (name and weight, strongest first).
pub fn explain(note: &Note, i: usize, model: &Model) -> Vec<(Label, f32, Vec<(String, f32)>)> {
    let facts = note_facts(note);
    let heads = headings(note);
    let mut feats = Vec::new();
    features(note, i, heads.get(i).copied().flatten(), &facts, &mut feats, None);
    let p = model.probabilities(&feats);
    LEARNED
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let mut top: Vec<(String, f32)> = feats
                .iter()
                .filter_map(|f| Some((model.names.get(f)?.clone(), model.weights.get(f)?[k] as f32 / 100.0)))
                .filter(|(_, w)| *w != 0.0)
                .collect();
            top.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
            top.truncate(5);
            (*l, p[k], top)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels_of(text: &str, model: Option<&Model>) -> Vec<(Label, String)> {
        let note = Note::read_with(text, text, model);
        note.spans.iter().map(|s| (s.label, text[s.start..s.end].to_string())).collect()
    }

    #[test]
    fn an_empty_model_leaves_the_rules_alone() {
        let t = "Pt performed tandem walking 3x20 ft to address impaired balance reactions with tactile cues at pelvis.";
        assert_eq!(labels_of(t, None), labels_of(t, Some(&Model::parse(""))));
    }

    #[test]
    fn a_model_that_rejects_a_label_drops_the_rules_spans() {
        let t = "Pt performed tandem walking 3x20 ft to address impaired balance reactions with tactile cues at pelvis.";
        let rules = labels_of(t, None);
        assert!(rules.iter().any(|(l, _)| *l == Label::What), "{rules:?}");
        // Bias strongly against `what`, neutral (rules win) for the others.
        let m = Model::parse("bias:\t-900 0 0 0 0\nr:why\t0 900 0 0 0\nr:how\t0 0 900 0 0\nr:measure\t0 0 0 0 900\nr:outcome\t0 0 0 900 0\n");
        let got = labels_of(t, Some(&m));
        assert!(!got.iter().any(|(l, _)| *l == Label::What), "{got:?}");
        assert!(got.iter().any(|(l, _)| *l == Label::Why), "{got:?}");
        // The sentence's label set follows.
        let note = Note::read_with(t, t, Some(&m));
        assert!(!note.sents[0].labels.has(Label::What) && note.sents[0].labels.has(Label::Why));
    }

    #[test]
    fn a_model_that_finds_a_label_the_rules_missed_marks_the_sentence() {
        let t = "Xyzzy plugh today.";
        assert!(labels_of(t, None).is_empty());
        let m = Model::parse("drop\t0 0 0 0 0\nadd\t0 0 0 0 0\nw:xyzzy\t-500 500 -500 -500 -500\nbias:\t0 0 0 0 0\n");
        assert_eq!(labels_of(t, Some(&m)), vec![(Label::Why, "Xyzzy plugh today".to_string())]);
    }

    #[test]
    fn feature_names_hash_as_the_weights_file_spells_them() {
        let m = Model::parse("w:plugh\t1 2 3 4 5\nadd\t-10 -20 30 40 50\nbroken line\nw:half\t0.5 1 2 3 4\n");
        assert_eq!(m.cut, [[0; 5], [-10, -20, 30, 40, 50]]);
        assert_eq!(m.weights.get(&hash("w", "PLUGH")), Some(&[1, 2, 3, 4, 5]));
        assert_eq!(m.features().count(), 1);
    }

    #[test]
    fn the_compiled_model_loads_and_explains_its_decisions() {
        let m = Model::get();
        assert!(!m.is_empty(), "src/learned/weights.txt holds no weights");
        let t = "Pt performed tandem walking 3x20 ft to address impaired balance reactions with tactile cues at pelvis.";
        let note = Note::read(t);
        let ex = explain(&note, 0, m);
        assert_eq!(ex.len(), 5);
        let (label, p, top) = &ex[0];
        assert_eq!(*label, Label::What);
        assert!(*p > 0.5, "what at {p}");
        assert!(top.iter().any(|(n, _)| n == "r:what"), "{top:?}");
    }
}
