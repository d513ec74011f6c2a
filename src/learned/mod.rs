//! The learned layer: how far to trust each rule, learned from the labelled sets.
//!
//! The rules (`crate::labeller`, the context table, the blocks) propose labels sentence by
//! sentence. For the five judgement labels (`what why how outcome measure`; `time` and `unskilled`
//! stay with the billing grammar and the red-flag table) a logistic-regression model per label
//! then decides, per sentence, whether the label stands. Its features are the rules' own labels
//! and sentence roles, how the rules marked each label (how many spans, where the first starts,
//! how much of the sentence they cover, the lexicon kinds under them, the label under its section
//! and roles, which rule labels come together), the lexicon kinds in the sentence, the section and heading it sits under,
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

use crate::label::{Label, LabelSet};
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
    /// The weights again, in the table [`Model::scores`] reads (one multiply and a probe).
    table: Table,
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
        let mut m = Model { weights: FxHashMap::default(), names: FxHashMap::default(), table: Table::default(), cut: [[0; 5]; 2] };
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
        m.table = Table::new(&m.weights);
        m
    }

    /// A model from trained weights (the trainer's own, before they are written).
    pub fn from_parts(weights: FxHashMap<u64, [i32; 5]>, names: FxHashMap<u64, String>, cut: [[i32; 5]; 2]) -> Model {
        Model { table: Table::new(&weights), weights, names, cut }
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
        // When no sum of the sentence's weights can leave i32 (the largest weight times the
        // number of features), plain addition is the saturating one, without its clamps.
        if (features.len() as i64).saturating_mul(self.table.max_abs) < i64::from(i32::MAX) {
            for f in features {
                if let Some(w) = self.table.get(*f) {
                    for i in 0..5 {
                        z[i] += w[i];
                    }
                }
            }
            return z;
        }
        for f in features {
            if let Some(w) = self.table.get(*f) {
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
        self.decide_scores(self.scores(features), ruled)
    }

    /// [`Model::decide`] from the sentence's [`Model::scores`] `z`.
    fn decide_scores(&self, z: [i32; 5], ruled: [bool; 5]) -> [bool; 5] {
        std::array::from_fn(|i| z[i] >= self.cut[!ruled[i] as usize][i])
    }

    /// Per label, the probability the label stands (for explanations and the trainer).
    pub fn probabilities(&self, features: &[u64]) -> [f32; 5] {
        self.scores(features).map(|z| 1.0 / (1.0 + (-(z as f32) / 100.0).exp()))
    }
}

/// Feature hash -> weights, open addressing with linear probing at most half full: a lookup is
/// a multiply, a shift and usually one comparison. An empty slot holds the key 0; a feature
/// whose hash is 0 has its own field.
#[derive(Default)]
struct Table {
    keys: Vec<u64>,
    weights: Vec<[i32; 5]>,
    /// 64 minus log2 of the table's length.
    shift: u32,
    zero: Option<[i32; 5]>,
    /// The largest weight's magnitude (bounds a sum of weights: [`Model::scores`]).
    max_abs: i64,
}

impl Table {
    fn new(from: &FxHashMap<u64, [i32; 5]>) -> Table {
        let len = (from.len() * 2).next_power_of_two().max(2);
        let mut t = Table { keys: vec![0; len], weights: vec![[0; 5]; len], shift: 64 - len.trailing_zeros(), zero: None, max_abs: 0 };
        for (&h, &w) in from {
            t.max_abs = w.iter().fold(t.max_abs, |m, &x| m.max(i64::from(x).abs()));
            if h == 0 {
                t.zero = Some(w);
                continue;
            }
            let mut i = t.slot(h);
            while t.keys[i] != 0 {
                i = (i + 1) & (len - 1);
            }
            t.keys[i] = h;
            t.weights[i] = w;
        }
        t
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, h: u64) -> Option<&[i32; 5]> {
        if h == 0 || self.keys.is_empty() {
            return self.zero.as_ref().filter(|_| h == 0);
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(h);
        loop {
            match self.keys[i] {
                k if k == h => return Some(&self.weights[i]),
                0 => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// FNV-1a over `prefix`, `:` and `value` lower-cased (ASCII): a feature's key, computed without
/// building its name.
pub fn hash(prefix: &str, value: &str) -> u64 {
    fnv_lower(prefix_state(prefix), value.as_bytes())
}

const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The FNV-1a state after `prefix` and `:` (as [`hash`] starts every feature of the prefix).
fn prefix_state(prefix: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in prefix.bytes().chain(std::iter::once(b':')) {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a from state `h` over `bytes` lower-cased (ASCII).
fn fnv_lower(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// [`hash`] of [`stem`]`(w)` from prefix state `h`, in one pass over at most six characters.
fn stem_hash(mut h: u64, w: &str) -> u64 {
    let mut chars = 0;
    for &b in w.as_bytes() {
        // A byte that starts a character (not a UTF-8 continuation byte).
        if b & 0xC0 != 0x80 {
            if chars == 6 {
                break;
            }
            chars += 1;
        }
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Facts about the whole note, computed once.
pub struct NoteFacts {
    soap: bool,
    /// Index into [`SIZES`].
    size: usize,
    goal_list: bool,
}

/// Names of the lexicon kinds, by bit (`crate::lexicon::Kinds`).
const KIND_NAMES: [&str; 26] = [
    "activity", "generic", "function", "impairment", "modifier", "skill", "assist_how", "assist_level", "outcome",
    "mobility", "event", "purpose", "goal", "future", "plan", "report", "clinician", "delivery", "limit", "state",
    "result", "dx", "measure_name", "symptom", "code_name", "muscle",
];

/// The sentence roles, by bit, and their names.
const ROLES: [(u8, &str); 5] = [(ROLE_GOAL, "goal"), (ROLE_PLAN, "plan"), (ROLE_REPORT, "report"), (ROLE_DX, "dx"), (ROLE_RESULT, "result")];
/// The features of how the rules marked a label ([`rule_features`]): prefix and separator.
const RULE_FEATURES: [(&str, &str); 6] = [("rn", "="), ("rp", "="), ("rc", "="), ("rk", "&"), ("rs", "&"), ("rg", "&")];
/// Values of `sec:`, by [`section_index`].
const SECTIONS: [&str; 6] = ["none", "s", "o", "a", "p", "ap"];
/// Values of `len:` (tokens), by [`len_index`].
const LENS: [&str; 5] = ["1-3", "4-8", "9-20", "21-40", "41+"];
/// Values of `size:` (body sentences of the note).
const SIZES: [&str; 4] = ["1", "2-3", "4-10", "11+"];
/// Values of `shape:` (field, num, item, para_first).
const SHAPES: [&str; 4] = ["field", "num", "item", "para_first"];
/// Values of `note:` (soap, goal_list).
const NOTES: [&str; 2] = ["soap", "goal_list"];

fn section_index(s: Option<Section>) -> usize {
    match s {
        None => 0,
        Some(Section::Subjective) => 1,
        Some(Section::Objective) => 2,
        Some(Section::Assessment) => 3,
        Some(Section::Plan) => 4,
        Some(Section::AssessmentPlan) => 5,
    }
}

fn len_index(n: usize) -> usize {
    match n {
        0..=3 => 0,
        4..=8 => 1,
        9..=20 => 2,
        21..=40 => 3,
        _ => 4,
    }
}

/// The hashes of the features whose names are fixed, and the hash states of the prefixes whose
/// values are the note's words, computed once: a sentence then hashes only its words.
struct Fixed {
    bias: u64,
    r: [u64; 7],
    r_none: u64,
    blocked: [u64; 5],
    role: [u64; 5],
    k: [u64; 26],
    k0: [u64; 26],
    sec: [u64; 6],
    len: [u64; 5],
    size: [u64; 4],
    shape: [u64; 4],
    note: [u64; 2],
    pr: [u64; 5],
    nr: [u64; 5],
    nx_end: u64,
    /// Per learned label, the hash states after `rn:what=`, `rp:what=`, `rc:what=`, `rk:what&`,
    /// `rs:what&`, `rg:what&` ([`RULE_FEATURES`]); per label of [`Label::ALL`], after `rr:what&`.
    rule: [[u64; 6]; 5],
    pair: [u64; 7],
    /// Prefix states of `hd:`, `fl:`, `w0:`, `w:`, `nx:`.
    hd: u64,
    fl: u64,
    w0: u64,
    w: u64,
    nx: u64,
}

impl Fixed {
    fn get() -> &'static Fixed {
        static F: OnceLock<Fixed> = OnceLock::new();
        F.get_or_init(|| {
            fn all<const N: usize>(p: &str, names: [&str; N]) -> [u64; N] {
                names.map(|v| hash(p, v))
            }
            let learned = LEARNED.map(Label::as_str);
            Fixed {
                bias: hash("bias", ""),
                r: all("r", Label::ALL.map(Label::as_str)),
                r_none: hash("r", "none"),
                blocked: all("blocked", learned),
                role: all("role", ROLES.map(|(_, n)| n)),
                k: all("k", KIND_NAMES),
                k0: all("k0", KIND_NAMES),
                sec: all("sec", SECTIONS),
                len: all("len", LENS),
                size: all("size", SIZES),
                shape: all("shape", SHAPES),
                note: all("note", NOTES),
                pr: all("pr", learned),
                nr: all("nr", learned),
                nx_end: hash("nx", "end"),
                rule: learned.map(|l| RULE_FEATURES.map(|(p, sep)| fnv_lower(fnv_lower(prefix_state(p), l.as_bytes()), sep.as_bytes()))),
                pair: Label::ALL.map(|l| fnv_lower(fnv_lower(prefix_state("rr"), l.as_str().as_bytes()), b"&")),
                hd: prefix_state("hd"),
                fl: prefix_state("fl"),
                w0: prefix_state("w0"),
                w: prefix_state("w"),
                nx: prefix_state("nx"),
            }
        })
    }
}

/// The note-level facts of `note`.
pub fn note_facts(note: &Note) -> NoteFacts {
    let (mut body, mut goals) = (0, 0);
    for s in note.sents.iter().filter(|s| !s.seg.header) {
        body += 1;
        goals += (s.roles & ROLE_GOAL != 0) as usize;
    }
    NoteFacts {
        soap: note.sents.iter().any(|s| s.seg.section.is_some()),
        size: match body {
            0..=1 => 0,
            2..=3 => 1,
            4..=10 => 2,
            _ => 3,
        },
        goal_list: goals * 2 > body,
    }
}

/// Up to six characters of `w`: a cheap stem that costs no stemmer run.
fn stem(w: &str) -> &str {
    match w.char_indices().nth(6) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// The first word of the heading line `i` (a SOAP header or a short line ending in a colon),
/// whole (`features` stems it).
fn heading_word<'a>(note: &Note<'a>, i: usize) -> Option<&'a str> {
    let toks = &note.tokens[note.sents[i].toks.clone()];
    toks.iter().find(|t| t.tok == Tok::Word).map(|t| t.text(note.text))
}

/// True for a heading line: a SOAP header or a short line ending in a colon.
pub fn is_heading_line(note: &Note, i: usize) -> bool {
    let s = &note.sents[i];
    s.seg.header || labeller::is_heading(&note.tokens[s.toks.clone()])
}

/// The set bits of `x` (lexicon kinds, at most [`KIND_NAMES`]' length), lowest first.
fn bits(mut x: u32) -> impl Iterator<Item = usize> {
    x &= (1 << KIND_NAMES.len()) - 1;
    std::iter::from_fn(move || {
        let b = x.trailing_zeros() as usize;
        x &= x.wrapping_sub(1);
        (b < 32).then_some(b)
    })
}

/// Where [`features`] writes: the hashes, and with `names` each feature's name (built only then).
struct Sink<'o, 'n> {
    out: &'o mut Vec<u64>,
    names: Option<&'n mut FxHashMap<u64, String>>,
}

impl Sink<'_, '_> {
    /// The feature `p:v` whose hash `h` is known.
    #[inline]
    fn emit(&mut self, h: u64, p: &str, v: &str) {
        self.out.push(h);
        if let Some(n) = self.names.as_deref_mut() {
            n.entry(h).or_insert_with(|| format!("{p}:{}", v.to_ascii_lowercase()));
        }
    }

    /// The feature `p:` `a` `sep` `b` (`rk:what&activity`) from the hash state `ps` after
    /// `p:a sep` ([`Fixed::rule`]); the name is built only when names are recorded.
    #[inline]
    fn joined(&mut self, ps: u64, p: &str, a: &str, sep: &str, b: &str) {
        let h = fnv_lower(ps, b.as_bytes());
        let v = if self.names.is_some() { [a, sep, b].concat() } else { String::new() };
        self.emit(h, p, &v);
    }

    /// The feature `p:stem(w)`, from `p`'s prefix state `ps`.
    #[inline]
    fn stem(&mut self, ps: u64, p: &str, w: &str) {
        let h = stem_hash(ps, w);
        debug_assert_eq!(h, hash(p, stem(w)));
        self.emit(h, p, if self.names.is_some() { stem(w) } else { "" });
    }
}

/// Feature hashes of sentence `i` into `out` (a feature repeated in the sentence counts again). `heading` is the index
/// of the heading line the sentence sits under, if any. With `names`, each feature's name is
/// recorded too (the trainer and [`explain`]).
/// Each hash is that of the feature's name ([`hash`]); the fixed names are hashed once
/// ([`Fixed`]) and a word is stemmed and hashed in one pass, with no allocation.
pub fn features(note: &Note, i: usize, heading: Option<usize>, facts: &NoteFacts, out: &mut Vec<u64>, names: Option<&mut FxHashMap<u64, String>>) {
    out.clear();
    let f = Fixed::get();
    let mut e = Sink { out, names };
    let s = &note.sents[i];
    let text = note.text;
    let toks = &note.tokens[s.toks.clone()];
    let hits = &note.hits[s.hits.clone()];
    e.emit(f.bias, "bias", "");
    for (k, l) in Label::ALL.iter().enumerate() {
        if s.labels.has(*l) {
            e.emit(f.r[k], "r", l.as_str());
        }
    }
    if s.labels.0 == 0 {
        e.emit(f.r_none, "r", "none");
    }
    rule_features(note, i, &mut e);
    for (k, l) in LEARNED.iter().enumerate() {
        if s.blocked & l.bit() != 0 {
            e.emit(f.blocked[k], "blocked", l.as_str());
        }
    }
    for (k, (bit, name)) in ROLES.iter().enumerate() {
        if s.roles & bit != 0 {
            e.emit(f.role[k], "role", name);
        }
    }
    let mut kinds = 0u32;
    for h in hits {
        kinds |= h.kinds.0;
    }
    for b in bits(kinds) {
        e.emit(f.k[b], "k", KIND_NAMES[b]);
    }
    // The kinds of a hit opening the sentence (within its first two tokens).
    if let Some(h) = hits.first().filter(|h| toks.get(2).is_none_or(|t| h.start < t.start)) {
        for b in bits(h.kinds.0) {
            e.emit(f.k0[b], "k0", KIND_NAMES[b]);
        }
    }
    let sec = section_index(s.seg.section);
    e.emit(f.sec[sec], "sec", SECTIONS[sec]);
    if let Some(w) = heading.and_then(|h| heading_word(note, h)) {
        e.stem(f.hd, "hd", w);
    }
    // A field label: "Assessment: ...", "Balance: fair".
    let mut words = toks.iter().filter(|t| t.tok == Tok::Word).map(|t| t.text(text));
    if let Some(c) = toks.iter().take(5).position(|t| t.is(':')) {
        if let Some(w) = toks[..c].iter().find(|t| t.tok == Tok::Word) {
            e.stem(f.fl, "fl", w.text(text));
        }
        e.emit(f.shape[0], "shape", SHAPES[0]);
    }
    if let Some(w) = words.clone().next() {
        e.stem(f.w0, "w0", w);
    }
    for w in &mut words {
        e.stem(f.w, "w", w);
    }
    // What each number is followed by: "ft", "sec", "%", "/", "x", a word.
    for (k, t) in toks.iter().enumerate() {
        if t.num().is_none() {
            continue;
        }
        e.emit(f.shape[1], "shape", SHAPES[1]);
        match toks.get(k + 1) {
            Some(n) if n.tok == Tok::Word => e.stem(f.nx, "nx", n.text(text)),
            Some(n) if matches!(n.tok, Tok::Punct(_)) => {
                let v = n.text(text);
                e.emit(fnv_lower(f.nx, v.as_bytes()), "nx", v)
            }
            _ => e.emit(f.nx_end, "nx", "end"),
        }
    }
    let len = len_index(toks.len());
    e.emit(f.len[len], "len", LENS[len]);
    // A list item: the line opens with a bullet or an enumerator.
    // (Only the gap after the previous sentence is read: a note of one long line stays linear.)
    let from = if i == 0 { 0 } else { note.sents[i - 1].seg.end.min(s.seg.start) };
    let gap = &text[from..s.seg.start];
    let last_break = gap.bytes().rposition(|b| b == b'\n');
    let line = gap[last_break.map_or(0, |p| p + 1)..].trim();
    if last_break.is_some() && !line.is_empty() && line.len() <= 4 {
        e.emit(f.shape[2], "shape", SHAPES[2]);
    }
    if i == 0 || note.sents[i - 1].seg.paragraph != s.seg.paragraph {
        e.emit(f.shape[3], "shape", SHAPES[3]);
    }
    // The rule labels of the neighbours in the same paragraph.
    for (p, hs, j) in [("pr", &f.pr, i.checked_sub(1)), ("nr", &f.nr, Some(i + 1))] {
        let Some(n) = j.and_then(|j| note.sents.get(j)) else { continue };
        if n.seg.paragraph != s.seg.paragraph || n.seg.header {
            continue;
        }
        for (k, l) in LEARNED.iter().enumerate() {
            if n.labels.has(*l) {
                e.emit(hs[k], p, l.as_str());
            }
        }
    }
    if facts.soap {
        e.emit(f.note[0], "note", NOTES[0]);
    }
    e.emit(f.size[facts.size], "size", SIZES[facts.size]);
    if facts.goal_list {
        e.emit(f.note[1], "note", NOTES[1]);
    }
}

/// How the rules marked each learned label of sentence `i`: how many spans, where the first
/// starts, how much of the sentence they cover, the lexicon kinds under them; the rule labels
/// that come together; each rule label under its section and the sentence's roles.
fn rule_features(note: &Note, i: usize, e: &mut Sink) {
    let f = Fixed::get();
    let s = &note.sents[i];
    let (a, len) = (s.seg.start, s.seg.end.saturating_sub(s.seg.start).max(1));
    let hits = &note.hits[s.hits.clone()];
    let sec = SECTIONS[section_index(s.seg.section)];
    // Per learned label: spans, first start, bytes covered, lexicon kinds under them.
    let mut per = [(0usize, usize::MAX, 0usize, 0u32); 5];
    for sp in note.spans_in(i) {
        let Some(k) = LEARNED.iter().position(|l| *l == sp.label) else { continue };
        let p = &mut per[k];
        p.0 += 1;
        p.1 = p.1.min(sp.start);
        p.2 += sp.end.saturating_sub(sp.start);
        for h in hits.iter().filter(|h| h.start < sp.end && h.end > sp.start) {
            p.3 |= h.kinds.0;
        }
    }
    for (k, &(n, first, cov, kinds)) in per.iter().enumerate() {
        if n == 0 || !s.labels.has(LEARNED[k]) {
            continue;
        }
        let (l, ps) = (LEARNED[k].as_str(), &f.rule[k]);
        e.joined(ps[0], "rn", l, "=", ["1", "2", "3"][n.min(3) - 1]);
        e.joined(ps[1], "rp", l, "=", ["b", "m", "e"][(3 * first.saturating_sub(a) / len).min(2)]);
        e.joined(ps[2], "rc", l, "=", ["lo", "mid", "hi"][(3 * cov.min(len) / len).min(2)]);
        for b in bits(kinds) {
            e.joined(ps[3], "rk", l, "&", KIND_NAMES[b]);
        }
        e.joined(ps[4], "rs", l, "&", sec);
        for (bit, name) in ROLES {
            if s.roles & bit != 0 {
                e.joined(ps[5], "rg", l, "&", name);
            }
        }
    }
    // Pairs of the sentence's rule labels (most sentences carry one or none).
    if s.labels.0.count_ones() >= 2 {
        for (x, lx) in Label::ALL.iter().enumerate() {
            if !s.labels.has(*lx) {
                continue;
            }
            for ly in &Label::ALL[x + 1..] {
                if s.labels.has(*ly) {
                    e.joined(f.pair[x], "rr", lx.as_str(), "&", ly.as_str());
                }
            }
        }
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
            if gap.bytes().filter(|&b| b == b'\n').count() >= 2 && gap.split('\n').skip(1).any(|l| l.trim().is_empty()) {
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

/// Reads a note: the rules (`Note::read_rules`), then, with a model, the learned layer. The one
/// way every surface reads a note (`analyze`, the draft, progress), so the flow runs one way:
/// tokens, lexicon, context and blocks, labeller, note, learned layer.
pub fn read<'a>(text: &'a str, original: &str, model: Option<&Model>) -> Note<'a> {
    let mut note = Note::read_rules(text, original);
    if let Some(m) = model {
        apply(&mut note, m);
    }
    note
}

/// [`read`] with the compiled-in model.
pub fn read_note(text: &str) -> Note<'_> {
    read(text, text, Some(Model::get()))
}

/// Weighs the rules' labels of every sentence of `note` with `model`: drops the spans of a label
/// the model rejects, marks a sentence whole with a label the model finds and the rules missed.
pub fn apply(note: &mut Note, model: &Model) {
    if model.is_empty() || note.sents.is_empty() {
        return;
    }
    let facts = note_facts(note);
    let heads = headings(note);
    let mut feats = Vec::with_capacity(128);
    // (sentence, label) decisions: drop or add.
    let mut drop: Vec<(usize, Label)> = Vec::new();
    let mut add: Vec<LSpan> = Vec::new();
    // Per label, the highest scores of the weighed sentences, highest first (`Note::evidence`).
    let mut top = [[i32::MIN; EVIDENCE_OF]; 5];
    for i in 0..note.sents.len() {
        if !weighed(note, i) {
            continue;
        }
        features(note, i, heads[i], &facts, &mut feats, None);
        let s = &note.sents[i];
        let z = model.scores(&feats);
        for k in 0..5 {
            let t = &mut top[k];
            if z[k] > t[EVIDENCE_OF - 1] {
                let at = t.iter().position(|&x| z[k] > x).unwrap_or(EVIDENCE_OF - 1);
                t.copy_within(at..EVIDENCE_OF - 1, at + 1);
                t[at] = z[k];
            }
        }
        let p = model.decide_scores(z, LEARNED.map(|l| s.labels.has(l)));
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
        let mut sentence_of = sentence_cursor(sents);
        note.spans.retain(|sp| {
            let i = sentence_of(sp.start);
            !(i < sents.len() && mask[i] & sp.label.bit() != 0)
        });
    }
    // A sentence counts only for what it says beyond any sentence: its evidence above the
    // bias's (the base rate, ~5 %). Without this, three sentences that say nothing ("Balance
    // ex. Tolerated well. 97112 x 3 units") add up to "unsure", and the denied note of the
    // brief would lose its errors.
    let base = model.weights.get(&Fixed::get().bias).copied().unwrap_or([i32::MIN / 2; 5]);
    let mut k = 0;
    note.evidence = Some(top.map(|t| {
        let floor = softplus(base[k]);
        k += 1;
        t.iter().fold(0u32, |a, &z| a.saturating_add(softplus(z).saturating_sub(floor)))
    }));
    let added = !add.is_empty();
    note.spans.extend(add);
    if added {
        // Back in the note's order (start, end, label), as `Note::read_rules` leaves it.
        crate::order::sort_by_key(&mut note.spans, crate::note::span_key);
    }
    // The sentences' label sets follow their spans.
    for s in &mut note.sents {
        for l in LEARNED {
            s.labels.0 &= !l.bit();
        }
    }
    let mut found = vec![LabelSet::default(); note.sents.len()];
    let mut sentence_of = sentence_cursor(&note.sents);
    for sp in &note.spans {
        if !LEARNED.contains(&sp.label) {
            continue;
        }
        let i = sentence_of(sp.start);
        if note.sents.get(i).is_some_and(|s| sp.start >= s.seg.start) {
            found[i].insert(sp.label);
        }
    }
    std::mem::drop(sentence_of);
    for (s, f) in note.sents.iter_mut().zip(found) {
        s.labels.0 |= f.0;
    }
}

/// The sentence a byte offset falls in (the first whose end is past it; `sents.len()` past the
/// last), for offsets asked in rising order (the note's spans): a cursor that moves forward, so a
/// pass over the spans stays linear; an offset lower than the one before is found by a binary
/// search.
fn sentence_cursor(sents: &[crate::note::Sent]) -> impl FnMut(usize) -> usize + use<'_> {
    let (mut i, mut last) = (0, 0);
    move |at| {
        if at < last {
            i = sents.partition_point(|s| s.seg.end <= at);
        } else {
            while i < sents.len() && sents[i].seg.end <= at {
                i += 1;
            }
        }
        last = at;
        i
    }
}

/// How many sentences make a note's [`Note::evidence`]: those the model finds likeliest to state
/// the element. A bound, so that a long note of sentences each a little likely (a hundred lines
/// of "Cont POC.") does not add up to an element surely stated. Three: in the cross-validation
/// of the `missing_*` cuts (`learn -- alarms`), 1, 2, 3 and 5 do about as well (a false loud
/// finding on 8.8-10.6 % of the notes, nested), 3 best.
pub const EVIDENCE_OF: usize = 3;

/// ln(1 + e^x) for x = `z` / 100 (a score in hundredths of log-odds), in thousandths: what one
/// sentence adds to a note's [`Note::evidence`] (with p = sigmoid(x), ln(1 + e^x) = -ln(1 - p)).
/// A table every quarter unit from -8 to 8, read with linear interpolation (within 2 thousandths
/// of the true value), so the browser build needs no `exp`; below -8 it is 0, above 8 it is x.
pub fn softplus(z: i32) -> u32 {
    const T: [u16; 65] = [0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 4, 5, 7, 9, 11, 14, 18, 23, 30, 38, 49, 62, 79, 100, 127, 160, 201, 252, 313, 387, 474, 576, 693, 826, 974, 1137, 1313, 1502, 1701, 1910, 2127, 2350, 2579, 2812, 3049, 3288, 3530, 3773, 4018, 4264, 4511, 4759, 5007, 5255, 5504, 5753, 6002, 6252, 6502, 6751, 7001, 7251, 7501, 7750, 8000];
    if z <= -800 {
        return 0;
    }
    if z >= 800 {
        return (z as u32).saturating_mul(10);
    }
    let i = ((z + 800) / 25) as usize;
    let r = (z + 800) % 25;
    let (a, b) = (T[i] as i32, T[(i + 1).min(64)] as i32);
    (a + (b - a) * r / 25) as u32
}

/// Why the model decided as it did for sentence `i`: per learned label, the probability and
/// the features that weighed most (name and summed weight, strongest first). `note` holds the
/// rules' labels, as the model saw them: read it with `Note::read_rules(text, text)`.
pub fn explain(note: &Note, i: usize, model: &Model) -> Vec<(Label, f32, Vec<(String, f32)>)> {
    let facts = note_facts(note);
    let heads = headings(note);
    let mut feats = Vec::new();
    features(note, i, heads.get(i).copied().flatten(), &facts, &mut feats, None);
    weigh(&feats, model)
}

/// Per learned label, the probability and the five strongest of `feats` (a feature repeated in
/// the sentence is listed once, with its weights summed).
fn weigh(feats: &[u64], model: &Model) -> Vec<(Label, f32, Vec<(String, f32)>)> {
    let p = model.probabilities(feats);
    let mut uniq: Vec<(u64, i32)> = Vec::with_capacity(feats.len());
    for &f in feats {
        match uniq.iter_mut().find(|(g, _)| *g == f) {
            Some((_, n)) => *n += 1,
            None => uniq.push((f, 1)),
        }
    }
    LEARNED
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let mut top: Vec<(String, f32)> = uniq
                .iter()
                .filter_map(|(f, n)| Some((model.names.get(f)?.clone(), (model.weights.get(f)?[k] * n) as f32 / 100.0)))
                .filter(|(_, w)| *w != 0.0)
                .collect();
            top.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
            top.truncate(5);
            (*l, p[k], top)
        })
        .collect()
}

/// What became of a rule's decision on one learned label of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The rules marked it and it stands.
    Kept,
    /// The rules marked it; the model rejected it.
    Dropped,
    /// The rules missed it; the model added it.
    Added,
    /// A block ruled it out in the sentence: the model may not add it.
    Blocked,
    /// Neither the rules nor the model marked it.
    Absent,
}

impl Verdict {
    /// The word `skillmark explain --mark` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Kept => "kept",
            Verdict::Dropped => "dropped",
            Verdict::Added => "added",
            Verdict::Blocked => "blocked",
            Verdict::Absent => "absent",
        }
    }
}

/// One learned label of a traced sentence.
#[derive(Debug)]
pub struct LabelTrace {
    /// The label.
    pub label: Label,
    /// The model's probability that it stands.
    pub p: f32,
    /// What became of it.
    pub verdict: Verdict,
    /// The strongest features: name and weight (log-odds), strongest first.
    pub top: Vec<(String, f32)>,
}

/// How one sentence was labelled: by the rules, then by the model.
#[derive(Debug)]
pub struct SentTrace {
    /// The sentence's byte range in the note.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The rules' labels.
    pub ruled: LabelSet,
    /// The labels it ends with.
    pub labels: LabelSet,
    /// Per learned label, the model's view; empty for a heading or an empty sentence (the model
    /// does not weigh them).
    pub learned: Vec<LabelTrace>,
}

/// True for a sentence the model weighs (not a heading line, not empty).
fn weighed(note: &Note, i: usize) -> bool {
    !is_heading_line(note, i) && !note.sents[i].toks.is_empty()
}

/// Every sentence of `text` with the rules' labels, the labels it ends with after `model`, and
/// each learned label's probability, verdict and strongest features (`skillmark explain
/// --mark`). The note is read as `analyze` reads it (placeholders blanked).
pub fn trace(text: &str, model: &Model) -> Vec<SentTrace> {
    let holes = crate::placeholder::find(text);
    let masked = crate::placeholder::mask(text, &holes);
    let mut note = Note::read_rules(masked.as_deref().unwrap_or(text), text);
    let facts = note_facts(&note);
    let heads = headings(&note);
    let mut feats = Vec::new();
    let mut out: Vec<SentTrace> = Vec::with_capacity(note.sents.len());
    for i in 0..note.sents.len() {
        let s = &note.sents[i];
        let mut learned = Vec::new();
        if weighed(&note, i) && !model.is_empty() {
            features(&note, i, heads[i], &facts, &mut feats, None);
            learned = weigh(&feats, model).into_iter().map(|(label, p, top)| LabelTrace { label, p, verdict: Verdict::Absent, top }).collect();
        }
        out.push(SentTrace { start: s.seg.start, end: s.seg.end, ruled: s.labels, labels: s.labels, learned });
    }
    apply(&mut note, model);
    for (t, s) in out.iter_mut().zip(&note.sents) {
        t.labels = s.labels;
        for lt in &mut t.learned {
            lt.verdict = match (t.ruled.has(lt.label), t.labels.has(lt.label)) {
                (true, true) => Verdict::Kept,
                (true, false) => Verdict::Dropped,
                (false, true) => Verdict::Added,
                (false, false) if s.blocked & lt.label.bit() != 0 => Verdict::Blocked,
                (false, false) => Verdict::Absent,
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels_of(text: &str, model: Option<&Model>) -> Vec<(Label, String)> {
        let note = read(text, text, model);
        note.spans.iter().map(|s| (s.label, text[s.start..s.end].to_string())).collect()
    }

    #[test]
    fn softplus_is_close_to_the_true_value() {
        for z in (-1200..=1200).step_by(7) {
            let x = z as f64 / 100.0;
            let want = 1000.0 * (1.0 + x.exp()).ln();
            assert!((softplus(z) as f64 - want).abs() <= 2.5, "z {z}: {} vs {want:.1}", softplus(z));
        }
        assert_eq!(softplus(i32::MIN), 0);
        assert_eq!(softplus(i32::MAX), u32::MAX);
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
        let note = read(t, t, Some(&m));
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
    fn a_trace_gives_the_rules_labels_the_final_ones_and_each_verdict() {
        let t = "Pt performed tandem walking 3x20 ft to address impaired balance reactions with tactile cues at pelvis.";
        let m = Model::parse("bias:\t-900 0 0 0 0\nr:why\t0 900 0 0 0\nr:how\t0 0 900 0 0\nr:measure\t0 0 0 0 900\nr:outcome\t0 0 0 900 0\n");
        let tr = trace(t, &m);
        assert_eq!(tr.len(), 1);
        let s = &tr[0];
        assert!(s.ruled.has(Label::What) && !s.labels.has(Label::What), "{s:?}");
        let of = |l: Label| s.learned.iter().find(|x| x.label == l).unwrap();
        assert_eq!(of(Label::What).verdict, Verdict::Dropped);
        assert_eq!(of(Label::What).top[0], ("bias:".to_string(), -9.0));
        assert_eq!(of(Label::Why).verdict, Verdict::Kept);
        assert!(of(Label::Why).top.iter().any(|(n, w)| n == "r:why" && *w == 9.0), "{s:?}");
        // A heading is not weighed; the model's decision on a sentence is the one `read` makes.
        let t = "Assessment:\nPt performed tandem walking 3x20 ft to address impaired balance reactions.";
        let tr = trace(t, Model::get());
        assert!(tr[0].learned.is_empty());
        let note = read_note(t);
        for (x, s) in tr.iter().zip(&note.sents) {
            assert_eq!(x.labels, s.labels);
        }
    }

    #[test]
    fn the_one_pass_hashes_are_those_of_the_names() {
        for w in ["", "a", "Walking", "BALANCE", "ambulation", "naïveté", "ÉÉÉÉÉÉÉÉ", "3x20", "↑↑↑↑↑↑↑x", "abcdef", "abcdefg"] {
            for p in ["w", "w0", "nx", "fl", "hd"] {
                assert_eq!(stem_hash(prefix_state(p), w), hash(p, stem(w)), "{p}:{w}");
            }
        }
        let f = Fixed::get();
        assert_eq!(f.bias, hash("bias", ""));
        assert_eq!(f.r[6], hash("r", "unskilled"));
        assert_eq!(f.k0[25], hash("k0", "muscle"));
        assert_eq!(f.sec[section_index(Some(Section::AssessmentPlan))], hash("sec", "ap"));
        assert_eq!(f.nr[4], hash("nr", "measure"));
        assert_eq!(f.note[1], hash("note", "goal_list"));
        // Every feature's hash is that of the name the trainer records for it.
        let t = "O:\nPt 1. Tandem walking 3x20 ft, 4/5 reps, to improve impaired balance reactions.\nGoal: pt will walk 300 ft in 4 weeks.";
        let note = Note::read_rules(t, t);
        let (facts, heads) = (note_facts(&note), headings(&note));
        let (mut feats, mut names) = (Vec::new(), FxHashMap::default());
        for i in 0..note.sents.len() {
            features(&note, i, heads[i], &facts, &mut feats, Some(&mut names));
            for h in &feats {
                let (p, v) = names[h].split_once(':').unwrap();
                assert_eq!(*h, hash(p, v), "{}", names[h]);
            }
        }
        assert!(names.values().any(|n| n == "hd:o") && names.values().any(|n| n == "nx:/"), "{names:?}");
        // How the rules marked each label: their hashes are computed once, from the same names.
        for p in ["rn:what=", "rp:what=", "rc:what=", "rk:what&", "rs:what&o", "rr:what&why"] {
            assert!(names.values().any(|n| n.starts_with(p)), "{p} {names:?}");
        }
    }

    #[test]
    fn the_lookup_table_holds_every_weight_and_nothing_else() {
        let m = Model::get();
        for (h, w) in &m.weights {
            assert_eq!(m.table.get(*h), Some(w));
        }
        for h in [0, 1, 2, u64::MAX, hash("w", "not-a-feature-xyzzy")] {
            assert_eq!(m.table.get(h), m.weights.get(&h));
        }
        let mut one = FxHashMap::default();
        one.insert(0, [1; 5]);
        one.insert(7, [2; 5]);
        let t = Table::new(&one);
        assert_eq!((t.get(0), t.get(7), t.get(8)), (Some(&[1; 5]), Some(&[2; 5]), None));
        assert_eq!(Table::default().get(0), None);
        assert_eq!(bits(0b1010_0001).collect::<Vec<_>>(), vec![0, 5, 7]);
        assert_eq!(bits(u32::MAX).count(), KIND_NAMES.len());
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
        let note = Note::read_rules(t, t);
        let ex = explain(&note, 0, m);
        assert_eq!(ex.len(), 5);
        let (label, p, top) = &ex[0];
        assert_eq!(*label, Label::What);
        assert!(*p > 0.5, "what at {p}");
        assert!(top.iter().any(|(n, _)| n == "r:what"), "{top:?}");
    }
}
