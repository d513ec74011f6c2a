//! The clinical word lists, as data, matched in one pass.
//!
//! Each `*.txt` file beside this module is one lexicon: one term a line, `#` comments. All terms
//! of all lexicons go into a single Aho-Corasick automaton (ASCII case-insensitive), run once per
//! note over a lower-cased copy of the text in which hyphens read as spaces (same byte offsets, so
//! "Step-ups" and "step ups" are one term). Candidates must start and end on word boundaries; terms written
//! with a leading `=` must also match case exactly ("PT" the therapist, not "pt" the patient).
//! Matching is leftmost-longest in one pass, so "balance training" (an activity) shadows
//! "balance" (a function); a longest match that fails the word-boundary check is dropped rather
//! than retried shorter, which costs nothing on real notes (every term's plural is listed).
//!
//! A term may sit in several lexicons; its hit then carries every kind ([`Kinds`] is a bit set).

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// A set of lexicon kinds (bit flags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds(pub u32);

macro_rules! kinds {
    ($($name:ident = $bit:expr, $doc:literal;)*) => {
        impl Kinds {
            $(#[doc = $doc] pub const $name: Kinds = Kinds(1 << $bit);)*
        }
    };
}

kinds! {
    ACTIVITY = 0, "A named task or exercise (activities.txt).";
    GENERIC = 1, "An unnamed activity: \"balance ex\", \"NMR\" (generic_activities.txt).";
    FUNCTION = 2, "A body function 97112 targets (functions.txt).";
    IMPAIRMENT = 3, "An impairment that is a reason on its own (impairments.txt).";
    MODIFIER = 4, "\"impaired\", \"delayed\" ... (impairment_modifiers.txt).";
    SKILL = 5, "A skilled contribution: cue, facilitation, grading (skills.txt).";
    ASSIST_HOW = 6, "An assist level with hands-on or cueing help (assists.txt, '+').";
    ASSIST_LEVEL = 7, "An assist level without help: SBA, independent (assists.txt, '.').";
    OUTCOME = 8, "A functional activity or participation goal (outcomes.txt).";
    MOBILITY = 9, "Gait, walking, transfers: outcome only in context (mobility.txt).";
    EVENT = 10, "A countable event: LOB, falls, step-offs (events.txt).";
    PURPOSE = 11, "\"to improve\", \"for\", \"targets\" (purpose.txt).";
    GOAL = 12, "Goal headers (markers.txt).";
    FUTURE = 13, "Future markers: next visit, will (markers.txt).";
    PLAN = 14, "Plan verbs: add, progress (markers.txt).";
    REPORT = 15, "Reported speech: reports, states (markers.txt).";
    CLINICIAN = 16, "The therapist as subject (markers.txt).";
    DELIVERY = 17, "Delivery verbs and field labels: performed, educated, Interventions: (markers.txt).";
    LIMIT = 18, "Goal, limitation and ability context: limits, allow, wants to (markers.txt).";
    STATE = 19, "States of a function: improving, persists (markers.txt).";
    RESULT = 20, "Result words before a measured value: held, eval, last visit (markers.txt).";
    DX = 21, "Diagnosis field labels (markers.txt).";
    MEASURE_NAME = 22, "A standardized test or vital sign (crate::measures).";
    SYMPTOM = 23, "A symptom that takes a 0-10 rating (crate::measures).";
    CODE_NAME = 24, "A billing code name: NMR, ther ex (crate::billing).";
}

impl Kinds {
    /// True when any kind of `other` is in `self`.
    pub fn any(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Kinds {
    type Output = Kinds;
    fn bitor(self, o: Kinds) -> Kinds {
        Kinds(self.0 | o.0)
    }
}

impl std::ops::BitOrAssign for Kinds {
    fn bitor_assign(&mut self, o: Kinds) {
        self.0 |= o.0;
    }
}

/// One lexicon term found in the note (byte offsets into the note).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What the term is.
    pub kinds: Kinds,
    /// Index of the term in [`Lexicon::terms`], for tables keyed by term (measures).
    pub term: u32,
}

/// One spelling of a term and the kinds it carries.
struct Entry {
    /// `Some` when the term must match case exactly (normalized, hyphens as spaces).
    exact: Option<String>,
    kinds: Kinds,
}

/// The compiled lexicon.
pub struct Lexicon {
    ac: AhoCorasick,
    /// For each automaton pattern, its spellings.
    entries: Vec<Vec<Entry>>,
    /// Lower-cased pattern text, by pattern id.
    pub terms: Vec<String>,
}

const FILES: &[(&str, Kinds)] = &[
    (include_str!("activities.txt"), Kinds::ACTIVITY),
    (include_str!("generic_activities.txt"), Kinds::GENERIC),
    (include_str!("functions.txt"), Kinds::FUNCTION),
    (include_str!("impairments.txt"), Kinds::IMPAIRMENT),
    (include_str!("impairment_modifiers.txt"), Kinds::MODIFIER),
    (include_str!("skills.txt"), Kinds::SKILL),
    (include_str!("outcomes.txt"), Kinds::OUTCOME),
    (include_str!("mobility.txt"), Kinds::MOBILITY),
    (include_str!("events.txt"), Kinds::EVENT),
    (include_str!("purpose.txt"), Kinds::PURPOSE),
];

fn marker_kind(name: &str) -> Option<Kinds> {
    Some(match name {
        "goal" => Kinds::GOAL,
        "future" => Kinds::FUTURE,
        "plan" => Kinds::PLAN,
        "report" => Kinds::REPORT,
        "clinician" => Kinds::CLINICIAN,
        "delivery" => Kinds::DELIVERY,
        "limit" => Kinds::LIMIT,
        "state" => Kinds::STATE,
        "result" => Kinds::RESULT,
        "dx" => Kinds::DX,
        _ => return None,
    })
}

/// Every (term, kinds) pair of the data files and tables, before plurals.
fn raw_terms() -> Vec<(String, Kinds)> {
    let mut out = Vec::new();
    let lines = |s: &'static str| {
        s.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    for (text, kind) in FILES {
        for l in lines(text) {
            out.push((l.to_string(), *kind));
        }
    }
    for l in lines(include_str!("assists.txt")) {
        let (k, t) = match l.as_bytes()[0] {
            b'+' => (Kinds::ASSIST_HOW, &l[1..]),
            _ => (Kinds::ASSIST_LEVEL, l.trim_start_matches('.')),
        };
        out.push((t.to_string(), k));
    }
    for l in lines(include_str!("markers.txt")) {
        if let Some((k, t)) = l.split_once('\t') {
            if let Some(kind) = marker_kind(k) {
                out.push((t.to_string(), kind));
            }
        }
    }
    for m in crate::measures::MEASURES {
        for name in m.names {
            out.push((name.to_string(), Kinds::MEASURE_NAME));
        }
    }
    for s in crate::measures::SYMPTOMS {
        out.push((s.to_string(), Kinds::SYMPTOM));
    }
    for s in crate::billing::CODE_NAMES {
        out.push((s.to_string(), Kinds::CODE_NAME));
    }
    out
}

fn normalize_term(t: &str) -> String {
    t.replace('-', " ")
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut terms: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut add = |spelling: String, exact: bool, kinds: Kinds| {
            let key = spelling.to_ascii_lowercase();
            let id = *index.entry(key.clone()).or_insert_with(|| {
                terms.push(key);
                entries.push(Vec::new());
                terms.len() - 1
            });
            let exact = exact.then_some(spelling);
            if let Some(e) = entries[id].iter_mut().find(|e| e.exact == exact) {
                e.kinds |= kinds;
            } else {
                entries[id].push(Entry { exact, kinds });
            }
        };
        for (raw, kinds) in raw_terms() {
            let (exact, t) = match raw.strip_prefix('=') {
                Some(t) => (true, t),
                None => (false, raw.as_str()),
            };
            let t = normalize_term(t);
            let last = t.chars().last().unwrap_or(' ');
            if last.is_ascii_alphabetic() && !t.ends_with('s') && !t.contains('/') {
                add(format!("{t}s"), exact, kinds);
            }
            add(t, exact, kinds);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // A contiguous NFA builds ~4x faster than a DFA (every page frame of the extension
            // builds its own) and searches almost as fast on note-sized text.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&terms)
            .expect("lexicon terms are plain strings");
        Lexicon { ac, entries, terms }
    }

    /// The shared lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    /// All hits in `text`, leftmost-longest, non-overlapping, in order.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        // Lower-cased, hyphens as spaces: same byte offsets as `text` (patterns are lower case).
        let norm: Vec<u8> = text.bytes().map(|b| if b == b'-' { b' ' } else { b.to_ascii_lowercase() }).collect();
        let orig = text.as_bytes();
        // Terms are ASCII, so match ends fall on character boundaries of `text`.
        let word_before = |i: usize| text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let word_after = |i: usize| text[i..].chars().next().is_some_and(char::is_alphanumeric);
        let mut out: Vec<Hit> = Vec::new();
        for m in self.ac.find_iter(&norm) {
            let (s, e) = (m.start(), m.end());
            let (first, last) = (norm[s], norm[e - 1]);
            if (first.is_ascii_alphanumeric() && word_before(s))
                || (last.is_ascii_alphanumeric() && word_after(e))
            {
                continue;
            }
            let id = m.pattern().as_usize();
            let mut kinds = Kinds::default();
            for entry in &self.entries[id] {
                match &entry.exact {
                    Some(x) if !x.bytes().zip(&orig[s..e]).all(|(a, b)| a == if *b == b'-' { b' ' } else { *b }) => {}
                    _ => kinds |= entry.kinds,
                }
            }
            if kinds.0 != 0 {
                out.push(Hit { start: s, end: e, kinds, term: id as u32 });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(text: &str, word: &str) -> Kinds {
        let lex = Lexicon::get();
        let s = text.find(word).unwrap();
        lex.scan(text)
            .into_iter()
            .find(|h| h.start == s && h.end == s + word.len())
            .map(|h| h.kinds)
            .unwrap_or_default()
    }

    #[test]
    fn longest_term_wins_and_hyphens_read_as_spaces() {
        let t = "Standing balance training with step-ups.";
        assert!(kinds_of(t, "Standing balance training").any(Kinds::GENERIC));
        assert!(kinds_of(t, "step-ups").any(Kinds::ACTIVITY));
    }

    #[test]
    fn exact_case_terms_need_their_case() {
        assert!(kinds_of("Therapist (PT) provided cues", "PT").any(Kinds::CLINICIAN));
        assert_eq!(kinds_of("pt provided cues", "pt"), Kinds::default());
    }

    #[test]
    fn terms_match_whole_words_only() {
        // "tub" must not fire inside "tubing", nor "ex" inside "next".
        let lex = Lexicon::get();
        let t = "theraband tubing next";
        assert!(lex.scan(t).iter().all(|h| &t[h.start..h.end] != "tub"));
        assert!(lex.scan(t).iter().all(|h| &t[h.start..h.end] != "ex"));
    }

    #[test]
    fn every_data_line_is_a_usable_term() {
        for (t, _) in raw_terms() {
            let t = t.trim_start_matches('=');
            assert!(!t.trim().is_empty(), "empty term");
            assert_eq!(t, t.trim(), "term {t:?} has outer spaces");
        }
    }
}
