//! The plain-data result of [`crate::analyze`]: what every surface (CLI, wasm, playground) shows.
//!
//! Everything here is a POD with public fields and serde derives, so the wasm binding and the CLI
//! serialise the same shape and no surface re-computes anything. Offsets are given twice: in
//! Unicode scalar values (`start`/`end`, as in `shared/corpus` and the scorer) and in UTF-16 code
//! units (`start16`/`end16`, as in the browser). Both are filled by one pass over the note
//! ([`crate::offsets`]).

use serde::{Deserialize, Serialize};

use crate::label::{Label, LabelSet};
use crate::source::RuleSource;

/// A half-open range of the note, in both offset units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First Unicode scalar value of the range.
    pub start: u32,
    /// One past the last Unicode scalar value.
    pub end: u32,
    /// First UTF-16 code unit (JavaScript string index).
    pub start16: u32,
    /// One past the last UTF-16 code unit.
    pub end16: u32,
}

/// One labelled stretch of text: the words that made the engine assign `label`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Which of the seven labels.
    pub label: Label,
    /// Where it is.
    pub span: Span,
}

/// The SOAP section a sentence sits in, when the note has section headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Subjective: what the patient or family reports.
    Subjective,
    /// Objective: what was done and measured.
    Objective,
    /// Assessment: the therapist's reasoning.
    Assessment,
    /// Plan: the next visit.
    Plan,
    /// A combined "A/P" or "Assessment/Plan" section.
    AssessmentPlan,
}

/// One sentence of the note, with the labels any of its annotations carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence's range.
    pub span: Span,
    /// Its labels, in [`Label::ALL`] order, without repeats.
    pub labels: LabelSet,
    /// Paragraph number (0-based); a hard line break or a blank line starts a new paragraph.
    pub paragraph: u32,
    /// The SOAP section it belongs to, if the note has headers.
    pub section: Option<Section>,
    /// True for a header such as "S:" or "ASSESSMENT": it carries no label.
    pub header: bool,
}

/// The note-level checklist: which elements a defensible 97112 note shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// An intervention is named.
    pub what: bool,
    /// An impairment is named as the target.
    pub why: bool,
    /// The therapist's skill is described.
    pub how: bool,
    /// A functional outcome is named.
    pub outcome: bool,
    /// An objective measure is given.
    pub measure: bool,
    /// Billed minutes or units are stated.
    pub time: bool,
    /// Number of unskilled phrases found (0 is good).
    pub unskilled: u32,
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look; the note may still be defensible.
    Info,
    /// Weakens the note in review.
    Warning,
    /// Likely denial or billing error.
    Error,
}

/// A proposed edit: replace `span` (empty for a pure insertion) with `text`.
///
/// Placeholders in square brackets (`[cue type]`) stay in the inserted text for the therapist to
/// replace; nothing is applied without their click.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Short label for the button ("Add the impairment this targets").
    pub title: std::borrow::Cow<'static, str>,
    /// What to replace; `start == end` means insert at that offset.
    pub span: Span,
    /// The exact text to insert (borrowed when it is a fixed phrase: no allocation per finding).
    pub text: std::borrow::Cow<'static, str>,
}

/// One problem the engine found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `units_minutes_mismatch`.
    pub code: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// Plain-English message: what is wrong here and what to do.
    /// Shared (`Arc`): a note repeating one phrase holds its message once.
    pub message: std::sync::Arc<str>,
    /// The rule it rests on.
    pub source: &'static RuleSource,
    /// The text it points at.
    pub span: Span,
    /// A fix the therapist can apply with one click, if one fits.
    pub suggestion: Option<Suggestion>,
}

/// One billed line the engine understood ("97112 x 2 units (30 min)").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BilledCode {
    /// CPT code if named ("97112"); `None` for a bare "NMR 38 min".
    pub code: Option<String>,
    /// Minutes stated for it.
    pub minutes: Option<u32>,
    /// Units stated for it.
    pub units: Option<u32>,
    /// Whether the code is a timed (15-minute) code.
    pub timed: bool,
    /// The text it was read from.
    pub span: Span,
}

/// Billing facts read from the note's free text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Billing {
    /// Each billed code found.
    pub codes: Vec<BilledCode>,
    /// Total timed minutes used for the 8-minute rule (stated total, or the sum per code).
    pub total_timed_minutes: Option<u32>,
    /// Total units billed on timed codes.
    pub total_units: Option<u32>,
    /// Units the minutes support under the chosen rule.
    pub supported_units: Option<u32>,
    /// Each code's minutes and units, merged over every mention in the note.
    #[serde(default)]
    pub per_code: Vec<CodeTotal>,
    /// Set when a sum of minutes or units was capped at `u32::MAX`.
    #[serde(default)]
    pub notice: Option<String>,
}

/// One code's minutes and units over the whole note ([`crate::billing::CodeTotal`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeTotal {
    /// CPT code.
    pub code: String,
    /// Minutes stated for it.
    pub minutes: Option<u32>,
    /// Units stated for it.
    pub units: Option<u32>,
    /// Whether it counts toward the day's timed minutes (timed, not billed 0 units).
    pub counted: bool,
}

/// Everything the engine says about one note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Length of the note in Unicode scalar values.
    pub length: u32,
    /// Length of the note in UTF-16 code units.
    pub length16: u32,
    /// Every sentence with its labels.
    pub sentences: Vec<Sentence>,
    /// The labelled spans.
    pub annotations: Vec<Annotation>,
    /// The note-level checklist.
    pub checklist: Checklist,
    /// Findings, ordered by position then code.
    pub findings: Vec<Finding>,
    /// Billing facts used by the 8-minute check.
    pub billing: Billing,
    /// Set when the note was longer than [`crate::Options::max_len`] and only its start was read.
    pub truncated: bool,
}

impl Report {
    /// True when any finding has [`Severity::Error`].
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}
