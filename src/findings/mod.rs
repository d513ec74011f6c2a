//! The findings: one file per finding, listed once in [`RULES`].
//!
//! A finding file declares its rule with [`finding!`]: the doc comment above it is the
//! explanation every surface shows (`skillmark explain CODE`, the extension popover), and must
//! have the sections "What it flags", "Why it matters" and "Example" (tested below). The rule's
//! `check` reads the [`Note`] and pushes [`Raw`] findings in byte offsets; [`crate::analyze`]
//! converts them.

use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source::RuleSource;

pub mod certainty;
mod intervention_without_reason;
mod intervention_without_skill;
mod measure_out_of_range;
mod missing_how;
mod missing_measure;
mod missing_outcome;
mod missing_time;
mod missing_what;
mod missing_why;
mod not_this_code;
mod soap_assessment_without_reasoning;
mod soap_objective_without_measure;
mod soap_plan_without_decision;
mod soap_subjective_without_report;
mod unfilled_placeholder;
mod units_minutes_mismatch;
mod unskilled_wording;

/// A finding's fixed description.
pub struct Rule {
    /// Stable code.
    pub code: &'static str,
    /// One-line title.
    pub title: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// The rule it rests on.
    pub source: RuleSource,
    /// The explanation (the doc comment of the rule).
    pub docs: &'static str,
    /// The check.
    pub check: fn(&Note, &Options, &mut Vec<Raw>),
}

/// A suggestion in byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSuggestion {
    /// Button title.
    pub title: std::borrow::Cow<'static, str>,
    /// Start of the replaced range (equal to `end` for an insertion).
    pub start: usize,
    /// End of the replaced range.
    pub end: usize,
    /// The text to insert.
    pub text: std::borrow::Cow<'static, str>,
}

/// A finding in byte offsets.
pub struct Raw {
    /// The rule.
    pub rule: &'static Rule,
    /// Message; shared, so findings that say the same thing hold one copy.
    pub message: std::sync::Arc<str>,
    /// A more specific source than the rule's, if any.
    pub source: Option<&'static RuleSource>,
    /// A severity other than the rule's, if any (a quieter `missing_*`: [`certainty`]).
    pub severity: Option<Severity>,
    /// Start byte of what it points at.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Fix.
    pub suggestion: Option<RawSuggestion>,
}

impl Raw {
    /// A finding of `rule` at `start..end`.
    pub fn new(rule: &'static Rule, message: impl Into<std::sync::Arc<str>>, start: usize, end: usize) -> Raw {
        Raw { rule, message: message.into(), source: None, severity: None, start, end, suggestion: None }
    }
    /// Adds a suggestion.
    pub fn suggest(
        mut self,
        title: impl Into<std::borrow::Cow<'static, str>>,
        start: usize,
        end: usize,
        text: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Raw {
        self.suggestion = Some(RawSuggestion { title: title.into(), start, end, text: text.into() });
        self
    }
}

/// Declares a rule; the doc comment becomes both the Rust docs and [`Rule::docs`].
macro_rules! finding {
    ($(#[doc = $doc:literal])* pub $name:ident = { $($field:ident : $value:expr),* $(,)? }) => {
        $(#[doc = $doc])*
        pub static $name: $crate::findings::Rule = $crate::findings::Rule {
            docs: concat!($($doc, "\n"),*),
            $($field: $value),*
        };
    };
}
pub(crate) use finding;

/// Every rule, in alphabetical order of code.
pub static RULES: &[&Rule] = &[
    &intervention_without_reason::RULE,
    &intervention_without_skill::RULE,
    &measure_out_of_range::RULE,
    &missing_how::RULE,
    &missing_measure::RULE,
    &missing_outcome::RULE,
    &missing_time::RULE,
    &missing_what::RULE,
    &missing_why::RULE,
    &not_this_code::RULE,
    &soap_assessment_without_reasoning::RULE,
    &soap_objective_without_measure::RULE,
    &soap_plan_without_decision::RULE,
    &soap_subjective_without_report::RULE,
    &unfilled_placeholder::RULE,
    &units_minutes_mismatch::RULE,
    &unskilled_wording::RULE,
];

/// The rule with `code`.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Runs every enabled rule; findings come back ordered by position, then code.
pub fn run(note: &Note, options: &Options) -> Vec<Raw> {
    let mut out = Vec::new();
    for r in RULES {
        if options.disabled.iter().any(|d| d == r.code) {
            continue;
        }
        (r.check)(note, options, &mut out);
    }
    // By position, then code: a rule's place in `RULES` orders codes as comparing them does, since
    // `RULES` is alphabetical (a unit test holds it so).
    crate::order::sort_by_key(&mut out, |f| (f.start, RULES.partition_point(|r| r.code < f.rule.code)));
    out
}

/// Sentences with `what` whose sentence and the next sentence of the same paragraph lack `label`
/// (the annotation guide's window). Returns sentence indices.
/// Empty when no sentence has `label` at all: the note-level `missing_*` finding covers it.
pub(crate) fn what_without(note: &Note, label: crate::Label) -> Vec<usize> {
    let mut out = Vec::new();
    if !note.has(label) {
        return out;
    }
    for (i, s) in note.sents.iter().enumerate() {
        if !s.labels.has(crate::Label::What) || s.labels.has(label) {
            continue;
        }
        let next_has = note
            .sents
            .get(i + 1)
            .is_some_and(|n| n.seg.paragraph == s.seg.paragraph && !n.seg.header && n.labels.has(label));
        if !next_has {
            out.push(i);
        }
    }
    out
}

/// Byte offset where a clause can be added to sentence `i`: before its closing punctuation.
pub(crate) fn clause_end(note: &Note, i: usize) -> usize {
    let s = &note.sents[i].seg;
    let t = &note.text[s.start..s.end];
    let trimmed = t.trim_end_matches(['.', '!', '?', ';', ' ']);
    s.start + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_snake_case() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "RULES must be alphabetical with unique codes");
        for c in codes {
            assert!(c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{c}");
        }
    }

    #[test]
    fn every_rule_documents_itself() {
        for r in RULES {
            for heading in ["## What it flags", "## Why it matters", "## Example"] {
                assert!(r.docs.contains(heading), "{} lacks {heading}", r.code);
            }
            assert!(!r.source.citation.is_empty(), "{}", r.code);
            assert!(!r.title.is_empty(), "{}", r.code);
        }
    }

    /// Notes without SOAP headers get no section findings, whatever they lack.
    #[test]
    fn soap_findings_need_sections() {
        for r in RULES.iter().filter(|r| r.code.starts_with("soap_")) {
            let bad = r.docs.split("```").nth(1).unwrap().trim_start_matches("text").trim();
            let flat = bad.replace("S:", "").replace("O:", "").replace("A:", "").replace("P:", "");
            let fired = crate::analyze(&flat, &Options::default()).findings.iter().any(|f| f.code == r.code);
            assert!(!fired, "{} fired without sections:\n{flat}", r.code);
        }
    }

    /// The first "```text" block under "## Example" must fire the rule; the block after
    /// "Write instead:" must not.
    #[test]
    fn doc_examples_fire_and_fixes_are_clean() {
        for r in RULES {
            let blocks: Vec<&str> = r.docs.split("```").skip(1).step_by(2).collect();
            assert!(blocks.len() >= 2, "{} needs a flagged and a clean example", r.code);
            let bad = blocks[0].trim_start_matches("text").trim();
            let good = blocks[1].trim_start_matches("text").trim();
            let fired = |t: &str| crate::analyze(t, &Options::default()).findings.iter().any(|f| f.code == r.code);
            assert!(fired(bad), "{}: example does not fire:\n{bad}", r.code);
            assert!(!fired(good), "{}: fixed example still fires:\n{good}", r.code);
        }
    }
}

/// The missing-element findings: fires when no sentence carries `label` (and the note has
/// content), at the severity [`certainty::decide`] gives (the rule's own where the element is
/// surely absent and expected, information where the engine is unsure or this kind of text
/// need not state it, nothing where it is more likely present than not). `fix` is `(where,
/// text)`: "end" appends a line to the note, "first_what" adds a clause to the first activity
/// sentence; `None` for `why` builds the clause from the note.
pub(crate) fn missing(
    note: &Note,
    label: crate::Label,
    rule: &'static Rule,
    message: &str,
    title: &str,
    fix: Option<(&str, &str)>,
    out: &mut Vec<Raw>,
) {
    let content = note.sents.iter().any(|s| !s.seg.header);
    if !content || note.has(label) {
        return;
    }
    let say = certainty::decide(note, label);
    let Some(severity) = say.severity(rule.severity) else { return };
    let first_what = note.sents.iter().position(|s| s.labels.has(crate::Label::What));
    let (start, end) = match first_what {
        Some(i) => (note.sents[i].seg.start, note.sents[i].seg.end),
        None => {
            let first = note.sents.iter().find(|s| !s.seg.header).map(|s| s.seg.start).unwrap_or(0);
            (first, note.text.trim_end().len().max(first))
        }
    };
    let eol = if note.text.contains("\r\n") { "\r\n" } else { "\n" };
    let end_of_note = note.text.trim_end().len();
    let suggestion = match (fix, first_what) {
        (Some(("first_what", text)), Some(i)) => Some((clause_end(note, i), text.to_string())),
        (None, Some(i)) => Some((clause_end(note, i), crate::suggest::reason_clause(note))),
        (Some(("end", text)), _) => Some((end_of_note, format!("{eol}{text}"))),
        _ => None,
    };
    // The element may be named where it does not count as the note's own (inside a cue's purpose,
    // a goal, a report): then say so rather than claim the note names nothing.
    // When the engine is unsure, or the text need not state it, the claim is said so.
    let elsewhere = named_elsewhere(note, label);
    let rest = message.split_once(". ").map_or(message, |(_, rest)| rest);
    let message = match (elsewhere, say.lead(element(label))) {
        (Some(words), _) => format!(
            "The note names {} (\"{words}\") only inside another clause, not as the reason for, or part of, the work delivered. {rest}",
            element(label),
        ),
        (None, Some(lead)) => format!("{lead} {rest}"),
        (None, None) => message.to_string(),
    };
    let mut raw = Raw::new(rule, message, start, end);
    if severity != rule.severity {
        raw.severity = Some(severity);
    }
    if let Some((at, text)) = suggestion {
        raw = raw.suggest(title.to_string(), at, at, text);
    }
    out.push(raw);
}

/// What a label's element is called in a message.
fn element(label: crate::Label) -> &'static str {
    use crate::Label::*;
    match label {
        What => "an activity",
        Why => "an impairment",
        How => "skilled input",
        Outcome => "a functional activity",
        Measure => "a measure",
        Time => "the time billed",
        Unskilled => "unskilled wording",
    }
}

/// The words of a lexicon term of `label`'s kind that the note names although no sentence carries
/// the label ("balance reactions" inside "cues to improve balance reactions").
fn named_elsewhere<'a>(note: &Note<'a>, label: crate::Label) -> Option<&'a str> {
    use crate::lexicon::Kinds;
    use crate::Label::*;
    let kinds = match label {
        What => Kinds::ACTIVITY | Kinds::GENERIC,
        Why => Kinds::FUNCTION | Kinds::IMPAIRMENT,
        How => Kinds::SKILL | Kinds::ASSIST_HOW,
        Outcome => Kinds::OUTCOME,
        _ => return None,
    };
    note.hits.iter().find(|h| h.kinds.any(kinds)).map(|h| &note.text[h.start..h.end])
}

/// The note's SOAP sections: for each, whether a header opened it and its content sentences.
pub(crate) struct Soap {
    /// (header seen, content sentence indices) for S, O, A, P.
    pub parts: [(bool, Vec<usize>); 4],
    /// Byte offset where a missing section's content may be inserted (end of the note).
    pub end: usize,
}

/// `None` when the note has fewer than two SOAP headers: such notes get no section findings.
pub(crate) fn soap(note: &Note) -> Option<Soap> {
    use crate::report::Section::*;
    let mut parts: [(bool, Vec<usize>); 4] = Default::default();
    let slots = |s: crate::report::Section| -> &'static [usize] {
        match s {
            Subjective => &[0],
            Objective => &[1],
            Assessment => &[2],
            Plan => &[3],
            AssessmentPlan => &[2, 3],
        }
    };
    for (i, s) in note.sents.iter().enumerate() {
        let Some(sec) = s.seg.section else { continue };
        for &k in slots(sec) {
            if s.seg.header {
                parts[k].0 = true;
            } else {
                parts[k].1.push(i);
            }
        }
    }
    let headers = parts.iter().filter(|p| p.0).count();
    (headers >= 2).then(|| Soap { parts, end: note.text.trim_end().len() })
}

/// Where to add a line to SOAP part `k`: after its last sentence, or after its header, or at the
/// end of the note; and the text prefix that starts a new line there.
pub(crate) fn soap_insert_at(note: &Note, soap: &Soap, k: usize) -> (usize, String) {
    let eol = if note.text.contains("\r\n") { "\r\n" } else { "\n" };
    if let Some(&last) = soap.parts[k].1.last() {
        return (note.sents[last].seg.end, eol.to_string());
    }
    let header = note.sents.iter().find(|s| {
        s.seg.header && matches!((k, s.seg.section), (0, Some(crate::report::Section::Subjective)) | (1, Some(crate::report::Section::Objective)) | (2, Some(crate::report::Section::Assessment | crate::report::Section::AssessmentPlan)) | (3, Some(crate::report::Section::Plan | crate::report::Section::AssessmentPlan)))
    });
    match header {
        Some(h) => (h.seg.end, " ".to_string()),
        None => (soap.end, format!("{eol}{}: ", ["S", "O", "A", "P"][k])),
    }
}

/// The SOAP findings' shared body: when part `k` (S, O, A, P) is missing or `lacks` holds for its
/// content sentences, points at the part (or its header) and offers `text` at its end.
#[allow(clippy::too_many_arguments)]
pub(crate) fn soap_gap(
    note: &Note,
    k: usize,
    rule: &'static Rule,
    lacks: impl Fn(&[usize]) -> bool,
    message: &'static str,
    title: &str,
    text: &str,
    out: &mut Vec<Raw>,
) {
    use crate::report::Section::*;
    let Some(soap) = soap(note) else { return };
    let part = &soap.parts[k];
    if !lacks(&part.1) {
        return;
    }
    let in_part = |s: Option<crate::report::Section>| match s {
        Some(Subjective) => k == 0,
        Some(Objective) => k == 1,
        Some(Assessment) => k == 2,
        Some(AssessmentPlan) => k == 2 || k == 3,
        Some(Plan) => k == 3,
        None => false,
    };
    let (start, end) = match (part.1.first(), part.1.last()) {
        (Some(&a), Some(&b)) => (note.sents[a].seg.start, note.sents[b].seg.end),
        _ => note.sents.iter().find(|x| x.seg.header && in_part(x.seg.section)).map_or((0, 0), |h| (h.seg.start, h.seg.end)),
    };
    let (at, lead) = soap_insert_at(note, &soap, k);
    out.push(Raw::new(rule, message, start, end).suggest(title.to_string(), at, at, format!("{lead}{text}")));
}
