//! A medical-necessity / progress statement drafted only from the note's own facts.
//!
//! Therapists ask cloud chatbots for "a statement justifying continued balance therapy:
//! improvements since the start, goals now within reach, any regression or plateau". This module
//! writes that paragraph locally from what the note already says: the measure pairs
//! ([`crate::progress`]), the note's own impairment (`why`), skill (`how`) and outcome words.
//! Whatever the note does not state is a visible `[placeholder]`.
//!
//! **Invariant: nothing is invented.** Every number and every clinical word of a draft appears in
//! the note, or is inside a placeholder, or is one of the connecting words in [`TEMPLATE_WORDS`]
//! (tested over both corpora in `tests/draft.rs`). Differences are not computed into new numbers:
//! "improved from 21.4 s to 16.8 s" states the change with the note's own values.
//!
//! Wording follows the evidence: improvement, plateau, regression, or, when nothing improved,
//! maintenance wording after *Jimmo v. Sebelius* (coverage turns on the need for skilled care, not
//! on improvement).

use serde::Serialize;

use crate::label::Label;
use crate::lexicon::Kinds;
use crate::report::Section;
use crate::note::Note;
use crate::progress::{self, Direction, Fact};

/// What the measures say overall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// At least one measure improved and none got worse.
    Progress,
    /// Some improved, some got worse.
    Mixed,
    /// Every stated pair is unchanged.
    Plateau,
    /// Every changed pair got worse.
    Regression,
    /// The note states no measure pair.
    Unknown,
}

/// A drafted statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Draft {
    /// The paragraph, with placeholders in square brackets.
    pub text: String,
    /// What the measures say.
    pub trend: Trend,
    /// The measure pairs it rests on.
    pub facts: Vec<Fact>,
}

/// Connecting words a draft may use that need not appear in the note. None is a clinical finding.
pub const TEMPLATE_WORDS: &[&str] = &[
    "since", "improved", "from", "to", "declined", "is", "unchanged", "at", "and", "beyond", "its", "minimal",
    "detectable", "change", "remains", "in", "the", "fall", "risk", "range", "still", "limit", "limits", "skilled",
    "neuromuscular", "re", "education", "continued", "needed", "for", "address", "progress", "toward", "progress",
    "has", "plateaued", "on", "a", "of", "are", "maintain", "function", "prevent", "decline", "because", "require",
    "that", "cannot", "be", "safely", "provided", "by", "an", "unskilled", "person", "jimmo", "v", "sebelius",
    "reassessment", "with", "measures", "were", "not", "repeated", "today", "note", "states", "earlier", "value",
    "this", "visit", "plan", "modify", "new", "strategy", "reach", "goals", "goal", "so", "as", "remain", "within",
    "while", "other", "others", "changed", "current", "initial", "or", "last",
];

/// Drafts the statement for `text`.
pub fn draft(text: &str) -> Draft {
    let note = crate::learned::read_note(text);
    let facts = progress::facts(&note);
    let improved: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Improved).collect();
    let worse: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Worse).collect();
    let same: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Unchanged).collect();
    let trend = match (improved.is_empty(), worse.is_empty(), facts.is_empty()) {
        (_, _, true) => Trend::Unknown,
        (false, true, _) => Trend::Progress,
        (false, false, _) => Trend::Mixed,
        (true, false, _) => Trend::Regression,
        (true, true, false) => Trend::Plateau,
    };

    let impairments = phrases(&note, Label::Why, 2);
    let skills = phrases(&note, Label::How, 3);
    let outcomes = phrases(&note, Label::Outcome, 2);
    let imp = list_or(&impairments, "[impairment, e.g. delayed balance reactions]");
    let skill = list_or(&skills, "[skilled input: cue type / facilitation / grading]");
    let goal = list_or(&outcomes, "[functional goal]");

    let mut s: Vec<String> = Vec::new();
    // 1. What changed, in the note's own numbers.
    let mut changes: Vec<String> = Vec::new();
    for f in &facts {
        let when = if f.baseline_when.is_empty() { String::new() } else { format!(" ({})", f.baseline_when) };
        changes.push(match f.direction {
            Direction::Improved => {
                let mdc = if f.beyond_mdc == Some(true) { ", beyond its minimal detectable change" } else { "" };
                format!("{} improved from {}{when} to {}{mdc}", f.written, f.baseline, f.current)
            }
            Direction::Worse => format!("{} declined from {}{when} to {}", f.written, f.baseline, f.current),
            Direction::Unchanged => format!("{} is unchanged at {}", f.written, f.current),
        });
    }
    if changes.is_empty() {
        s.push("[Measure now vs initial: e.g. Berg __/56 (eval __/56), TUG __ s (eval __ s)].".into());
    } else {
        s.push(format!("{}.", capitalize(&changes.join("; "))));
    }
    let risky: Vec<&Fact> = facts.iter().filter(|f| f.at_risk == Some(true)).collect();
    if !risky.is_empty() {
        let names: Vec<String> = risky.iter().map(|f| format!("{} {}", f.written, f.current)).collect();
        s.push(format!("{} {} in the fall risk range.", capitalize(&names.join(" and ")), if names.len() == 1 { "remains" } else { "remain" }));
    }
    // 2. What still limits function.
    s.push(format!("{} still {} {}.", capitalize(&imp), if impairments.len() > 1 { "limit" } else { "limits" }, goal));
    // 3. Why skilled care remains necessary, worded by the trend.
    s.push(match trend {
        Trend::Progress | Trend::Mixed | Trend::Unknown => format!(
            "Continued skilled neuromuscular re-education is needed for {skill} to address {imp} and progress toward {goal}."
        ),
        Trend::Plateau => {
            let names: Vec<&str> = same.iter().map(|f| f.written.as_str()).collect();
            format!(
                "Progress has plateaued on {}; skilled neuromuscular re-education is needed to modify the plan ([new strategy]) with {skill}, or to maintain function and prevent decline because {imp} require {skill} that cannot be safely provided by an unskilled person (Jimmo v. Sebelius).",
                names.join(" and ")
            )
        }
        Trend::Regression => format!(
            "Skilled reassessment and {skill} are needed to prevent decline and to address {imp} and [risk: e.g. fall risk]."
        ),
    });
    Draft { text: s.join(" "), trend, facts }
}

/// Up to `n` distinct phrases of `label` from the note, as written. Phrases from the assessment,
/// plan and goal lines come first (they state the clinical picture), the subjective report last.
fn phrases(note: &Note, label: Label, n: usize) -> Vec<String> {
    // The sentence holding a position, by binary search (sentences are ordered and do not
    // overlap): the first sentence with `start <= at < max(end, start + 1)`.
    let rank = |at: usize| -> u8 {
        let hi = note.sents.partition_point(|s| s.seg.start <= at);
        let lo = note.sents[..hi].partition_point(|s| s.seg.end.max(s.seg.start + 1) <= at);
        let s = note.sents.get(lo).filter(|_| lo < hi);
        match s.and_then(|s| s.seg.section) {
            Some(Section::Assessment | Section::AssessmentPlan) => 0,
            Some(Section::Plan) => 1,
            None | Some(Section::Objective) => 2,
            Some(Section::Subjective) => 3,
        }
    };
    let mut cands: Vec<(u8, usize, String)> = Vec::new();
    match label {
        Label::How => {
            // The skill as a noun ("tactile cues", "manual facilitation", "CGA", "grading").
            // A hit counts when a `how` span covers it: the `how` spans sorted by start with the
            // running maximum of their ends answer that by one binary search per hit.
            let mut how: Vec<(usize, usize)> = Vec::new();
            for sp in note.spans.iter().filter(|s| s.label == Label::How) {
                let reach = how.last().map_or(sp.end, |&(_, e)| e.max(sp.end));
                how.push((sp.start, reach));
            }
            let covered = |a: usize, b: usize| {
                let k = how.partition_point(|&(s, _)| s <= a);
                k > 0 && how[k - 1].1 >= b
            };
            for h in &note.hits {
                if !h.kinds.any(Kinds::SKILL | Kinds::ASSIST_HOW) || !covered(h.start, h.end) {
                    continue;
                }
                let t = &note.text[h.start..h.end];
                let lower = t.to_ascii_lowercase();
                if lower.ends_with("ed") || lower == "added" || lower.len() < 3 {
                    continue;
                }
                cands.push((rank(h.start), h.start, t.to_string()));
            }
        }
        _ => {
            for sp in note.spans.iter().filter(|s| s.label == label) {
                let mut p = note.text[sp.start..sp.end].trim().trim_matches(|c: char| !c.is_alphanumeric()).to_string();
                let mut r = rank(sp.start) * 4;
                if label == Label::Why {
                    let lower = p.to_ascii_lowercase();
                    // "to improve X" / "for X": the function alone, after the deficits the note names.
                    if lower.starts_with("to ") || lower.starts_with("for ") || lower.starts_with("target") || lower.starts_with("address") || lower.starts_with("focus") {
                        p = p.splitn(if lower.starts_with("to ") || lower.starts_with("focus") { 3 } else { 2 }, ' ').last().unwrap_or("").to_string();
                        r += 2;
                    }
                    // "gaze stability is improving": the function alone.
                    for tail in [" is improving", " improving", " improves", " persists", " persist", " remains impaired", " remain impaired", " is more accurate", " is impaired"] {
                        if let Some(x) = p.strip_suffix(tail) {
                            p = x.to_string();
                            r += 1;
                        }
                    }
                }
                if label == Label::Outcome {
                    p = outcome_phrase(note, sp.start, sp.end);
                }
                cands.push((r, sp.start, p));
            }
        }
    }
    crate::order::sort_by_key(&mut cands, |(r, at, _)| (usize::from(*r), *at));
    // The subjective report is used only when nothing else names the element.
    if cands.iter().any(|(r, _, _)| *r < 12) {
        cands.retain(|(r, _, _)| *r < 12);
    }
    let mut out: Vec<String> = Vec::new();
    for (_, _, p) in cands {
        // A square bracket from the note would read as (or break) a placeholder.
        if p.len() < 3 || p.len() > 70 || p.contains(['\n', '\r', '[', ']']) {
            continue;
        }
        let lower = p.to_lowercase();
        if out.iter().any(|o| o.to_lowercase().contains(&lower) || lower.contains(&o.to_lowercase())) {
            continue;
        }
        out.push(lower_first(&p));
        if out.len() == n {
            break;
        }
    }
    out
}

/// An outcome word widened to its phrase: qualifiers before it ("safe household ambulation") and
/// its complement after it ("... without her cane"), within the clause.
fn outcome_phrase(note: &Note, start: usize, end: usize) -> String {
    const QUALIFIERS: &[&str] = &["safe", "safely", "independent", "household", "community", "functional", "standing", "short", "distance"];
    const STOP: &[&str] = &["and", "but", "which", "with", "while", "when", "because", "as", "so", "that", "for", "in"];
    const TIME_WORDS: &[&str] = &["daily", "this", "today", "since", "last", "week", "night", "morning", "now"];
    let toks = &note.tokens;
    let a = toks.partition_point(|t| t.start < start);
    let b = toks.partition_point(|t| t.start < end);
    let mut s = a;
    while s > 0 && toks[s - 1].is_word(note.text, QUALIFIERS) {
        s -= 1;
    }
    // A complement: "without her cane", "to the bathroom", "on uneven ground".
    let mut e = b;
    if toks.get(b).is_some_and(|t| t.is_word(note.text, &["without", "to", "on", "at"])) {
        let mut k = b + 1;
        while k < toks.len() && k <= b + 3 && toks[k].tok == crate::tokens::Tok::Word && !toks[k].is_word(note.text, STOP) && !toks[k].is_word(note.text, TIME_WORDS) {
            k += 1;
        }
        if k > b + 1 {
            e = k;
        }
    }
    if s >= e || e > toks.len() || s >= toks.len() {
        return note.text[start..end].to_string();
    }
    note.text[toks[s].start..toks[e - 1].end].to_string()
}

/// Lower-cases a leading capital unless the first word is an acronym ("CGA", "TUG").
fn lower_first(p: &str) -> String {
    let first = p.split(' ').next().unwrap_or("");
    // "CGA", "TUG", "R stance control": sides and acronyms keep their case.
    if first.chars().any(|c| c.is_alphabetic()) && first.chars().all(|c| !c.is_lowercase()) {
        return p.to_string();
    }
    let mut c = p.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn list_or(items: &[String], placeholder: &str) -> String {
    match items.len() {
        0 => placeholder.to_string(),
        1 => items[0].clone(),
        _ => format!("{} and {}", items[..items.len() - 1].join(", "), items[items.len() - 1]),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() && !s.starts_with('[') => f.to_uppercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_draft_uses_the_notes_numbers_and_words() {
        let t = "O: Tandem stance on foam 3 x 30 s to improve ankle proprioception; tactile cues at the ankles. \
                 TUG 16.8 s (initial eval 21.4 s). A: Impaired ankle proprioception limits safe community ambulation.";
        let d = draft(t);
        assert_eq!(d.trend, Trend::Progress);
        assert!(d.text.contains("TUG improved from 21.4 s (initial eval) to 16.8 s"), "{}", d.text);
        assert!(d.text.contains("fall risk range"), "{}", d.text);
        assert!(d.text.contains("ankle proprioception"), "{}", d.text);
        assert!(d.text.contains("tactile cues"), "{}", d.text);
    }

    #[test]
    fn plateau_and_regression_wording() {
        let d = draft("FGA 20/30 (eval 20/30). Impaired dynamic balance. CGA for turns.");
        assert_eq!(d.trend, Trend::Plateau);
        assert!(d.text.contains("plateaued") && d.text.contains("Jimmo"), "{}", d.text);
        let d = draft("TUG 15 s (last visit 13 s). Delayed stepping responses. Min A.");
        assert_eq!(d.trend, Trend::Regression);
        assert!(d.text.contains("declined from 13 s (last visit) to 15 s"), "{}", d.text);
    }

    /// Found by the `draft` fuzz target: a phrase with a "]" from the note closed the
    /// placeholders around it, so placeholder text read as the note's words.
    #[test]
    fn note_phrases_with_brackets_are_not_reused() {
        let d = draft("Impaired ]STS balance. Impaired [R] ankle proprioception. CGA.");
        let (open, close) = (d.text.matches('[').count(), d.text.matches(']').count());
        assert_eq!(open, close, "{}", d.text);
        assert!(!d.text.contains("]STS") && !d.text.contains("[R]"), "{}", d.text);
    }

    #[test]
    fn placeholders_for_what_the_note_does_not_say() {
        let d = draft("Balance ex. Tolerated well.");
        assert_eq!(d.trend, Trend::Unknown);
        assert!(d.text.contains("[Measure now vs initial") && d.text.contains("[functional goal]"), "{}", d.text);
    }
}
