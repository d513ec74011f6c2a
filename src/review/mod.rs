//! Batch review: many notes of a clinic, checked one at a time, with the checks that need more
//! than one note (carried-forward text, progress-report cadence) and the batch's aggregates.
//!
//! This is the pure half of `skillmark review` (the CLI reads files and prints; this module does
//! no I/O). A [`Reviewer`] is fed [`Visit`]s in order of date of service (the caller sorts) and
//! returns a [`NoteReview`] for each: the engine's [`Report`] for the note (as
//! `skillmark check` shows it) with two more findings when they apply:
//!
//! * [`CARRIED_FORWARD`] (warning): a sentence nearly the same as one in the patient's earlier
//!   visits ([`carry_forward`]);
//! * [`PROGRESS_REPORT_DUE`] (error): the 10th treatment day without a progress report, and each
//!   later one until it is written ([`cadence`], MBPM 100-02 ch.15 §220.3).
//!
//! **Memory is flat in the number of notes.** Nothing keeps a note's text or report after
//! [`Reviewer::review`] returns. What is kept: per patient, a visit counter, a few counters and
//! the shingles of the last [`carry_forward::WINDOW`] visits (about 1 KB a visit), with a global
//! budget ([`Config::shingle_budget`]) past which the least recently seen patients' sentences are
//! forgotten; per finding code, therapist and week, counters; and the [`Config::worst`] worst
//! notes' ids.
//!
//! **Redaction.** With `redact` on, nothing the export used to name a note, a patient or a person
//! is returned: a note is `patient-N visit K` (visits numbered per patient in review order, that
//! is date order) or `note-S` (its batch position) without a patient; the patient is `patient-N`
//! and the therapist `therapist-N` (numbered in order of first appearance); the date of service
//! is a day offset from the patient's first dated visit (`day 0`, `day +14`) and is left out for
//! a note without a patient. The checks still run on the real keys (a patient's visits are
//! linked by the export's patient id, a therapist's counts by the export's name); only the
//! pseudonyms leave. The note text and every message are masked by [`redact`], which also masks
//! the words of the note's own patient id, therapist and note id wherever the text repeats them
//! ([`redact::Known`]).

pub mod cadence;
pub mod carry_forward;
pub mod date;
pub mod html;
pub mod redact;
pub mod summary;

use std::borrow::Cow;
use std::collections::HashMap;

pub use date::Date;

use crate::findings::Rule;
use crate::report::{Finding, Report, Severity, Span};
use crate::source::{RuleSource, Strength};
use crate::{analyze, findings, Options};
use carry_forward::History;
use summary::{Counts, Group, Summary, Tally, WorstNote};

/// Cloned documentation (the carried-forward finding's source).
pub const CLONED_DOCUMENTATION: RuleSource = RuleSource {
    citation: "NGS Medicare, \"Cloned Documentation\"; MBPM 100-02 ch.15 §220.3",
    summary: "Entries worded exactly like or similar to previous entries do not show that visit's care and are denied on review.",
    strength: Strength::Supports,
};

/// The progress-report period (the cadence finding's source).
pub const PROGRESS_REPORT_PERIOD: RuleSource = RuleSource {
    citation: "MBPM 100-02 ch.15 §220.3 D",
    summary: "A progress report is written at least once every 10 treatment days.",
    strength: Strength::Requires,
};

/// Carried-forward text: a sentence nearly the same as one in an earlier visit of the patient.
///
/// ## What it flags
/// A sentence whose word 3-shingles overlap a sentence of one of the patient's last visits by at
/// least the similarity threshold (Jaccard, `--similarity`, default 0.8). Numbers count as words,
/// so a sentence copied with updated measures is usually not flagged.
///
/// ## Why it matters
/// Notes "worded exactly like or similar to previous entries" read as cloned documentation:
/// they do not show that visit's skilled care or the patient's response, and the visits are
/// denied or recouped.
///
/// ## Example
/// Visit 1 and visit 2 both say "Therapist provided tactile cues at the R gluteus medius to
/// reduce trunk lean during step-ups." Write what was different: today's dose, cue level, response.
pub static CARRIED_FORWARD: Rule = Rule {
    code: "carried_forward",
    title: "Text carried forward from an earlier visit",
    severity: Severity::Warning,
    source: CLONED_DOCUMENTATION,
    docs: "A sentence nearly the same as one in the patient's earlier visits (word 3-shingle Jaccard at least --similarity).",
    check: |_, _, _| {},
};

/// Progress report due: the 10th treatment day since the last progress report, without one.
///
/// ## What it flags
/// The note of a patient's 10th treatment day (distinct dates of service; notes when the batch has
/// no dates) since the start of the batch, the initial evaluation or the last progress report,
/// when the note is not itself a progress report; and the first note of every later treatment
/// day until a progress report is written.
///
/// ## Why it matters
/// Medicare requires a progress report at least once every 10 treatment days; visits after the
/// 10th day without one are not supported.
///
/// ## Example
/// Nine daily notes, then a tenth daily note: write the progress report (progress toward each
/// goal, changes to the plan) on that visit. An eleventh daily note without one is flagged again.
pub static PROGRESS_REPORT_DUE: Rule = Rule {
    code: "progress_report_due",
    title: "10th treatment day without a progress report",
    severity: Severity::Error,
    source: PROGRESS_REPORT_PERIOD,
    docs: "The patient's 10th (or a later) treatment day since the last progress report (or the start), and this note is not one.",
    check: |_, _, _| {},
};

/// A finding's rule: the engine's ([`findings::rule`]) or one of the batch findings.
pub fn rule(code: &str) -> Option<&'static Rule> {
    findings::rule(code).or(match code {
        "carried_forward" => Some(&CARRIED_FORWARD),
        "progress_report_due" => Some(&PROGRESS_REPORT_DUE),
        _ => None,
    })
}

/// Every finding code a review can report: the engine's, then the batch findings.
pub fn codes() -> impl Iterator<Item = &'static str> {
    findings::RULES.iter().map(|r| r.code).chain([CARRIED_FORWARD.code, PROGRESS_REPORT_DUE.code])
}

/// What the caller chooses about a batch.
#[derive(Clone, Debug)]
pub struct Config {
    /// Engine options (unit rule, disabled findings; `carried_forward` and
    /// `progress_report_due` may be disabled too).
    pub options: Options,
    /// Jaccard similarity from which a sentence counts as carried forward (0-1].
    pub similarity: f32,
    /// Mask identifiers in everything returned ([`redact`]).
    pub redact: bool,
    /// Length of the worst-notes list.
    pub worst: usize,
    /// Most shingles remembered over all patients (8 bytes each) before the least recently seen
    /// patients' sentences are forgotten.
    pub shingle_budget: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { options: Options::default(), similarity: 0.8, redact: false, worst: 20, shingle_budget: 1 << 20 }
    }
}

/// One note of the batch, as read from the export.
#[derive(Clone, Copy, Debug, Default)]
pub struct Visit<'a> {
    /// The note's id (file name, id column, or row number).
    pub id: &'a str,
    /// The note.
    pub text: &'a str,
    /// Patient id; notes without one get no cross-note checks.
    pub patient: Option<&'a str>,
    /// Date of service.
    pub date: Option<Date>,
    /// Therapist, for the per-therapist counts.
    pub therapist: Option<&'a str>,
}

/// What the review says about one note.
#[derive(Clone, Debug)]
pub struct NoteReview<'a> {
    /// Position in the batch (1-based, in review order).
    pub seq: u64,
    /// The note's id (`patient-N visit K` or `note-S` when redacting).
    pub id: String,
    /// Patient id (`patient-N` when redacting).
    pub patient: Option<String>,
    /// Date of service (`day +N` from the patient's first dated visit when redacting; none for a
    /// note without a patient).
    pub date: Option<String>,
    /// Therapist (`therapist-N` when redacting).
    pub therapist: Option<String>,
    /// The note text the report's offsets refer to (masked when redacting): the part the
    /// analysis read, so only the start of a note longer than the limit (`report.truncated`).
    pub text: Cow<'a, str>,
    /// The engine's report plus the batch findings, ordered by position then code.
    pub report: Report,
    /// Daily note, progress report or evaluation.
    pub kind: cadence::Kind,
    /// Treatment day within the patient's current progress-report period, when a patient is given.
    pub treatment_day: Option<u32>,
    /// Finding counts.
    pub counts: Counts,
    /// The limit ("4 MiB") when the note was longer and only its start was checked.
    pub cut_at: Option<String>,
}

/// The earlier visit a sentence was carried from, as messages name it ("v1 of 2024-03-18";
/// "1 (day 0)" when redacting).
#[derive(Clone, Debug)]
struct Origin(String);

#[derive(Debug, Default)]
struct Patient {
    alias: u32,
    /// Visits reviewed.
    visits: u32,
    /// The first date of service seen (day 0 of the redacted offsets).
    first: Option<Date>,
    cadence: cadence::Cadence,
    history: History<Origin>,
    counts: Counts,
    last_seen: u64,
}

/// The streaming batch reviewer: feed it notes in date order, then ask for the [`Summary`].
#[derive(Debug)]
pub struct Reviewer {
    cfg: Config,
    patients: HashMap<String, Patient>,
    /// Therapist pseudonyms (`therapist-N`), when redacting.
    therapists: HashMap<String, u32>,
    tally: Tally,
    seq: u64,
    remembered: usize,
    check_carried: bool,
    check_cadence: bool,
}

/// Byte offset of each character offset of a text (identity for ASCII).
struct Bytes(Option<Vec<usize>>);
impl Bytes {
    fn new(text: &str) -> Bytes {
        Bytes((!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).chain([text.len()]).collect()))
    }
    fn at(&self, c: u32) -> usize {
        match &self.0 {
            None => c as usize,
            Some(v) => v[(c as usize).min(v.len() - 1)],
        }
    }
}

impl Reviewer {
    /// A reviewer for one batch.
    pub fn new(cfg: Config) -> Reviewer {
        let on = |code: &str| !cfg.options.disabled.iter().any(|d| d == code);
        Reviewer {
            check_carried: on(CARRIED_FORWARD.code),
            check_cadence: on(PROGRESS_REPORT_DUE.code),
            tally: Tally::new(cfg.worst),
            cfg,
            patients: HashMap::new(),
            therapists: HashMap::new(),
            seq: 0,
            remembered: 0,
        }
    }

    /// Reviews one note. Never fails; cost is linear in the note plus a few lookups in the
    /// patient's remembered sentences.
    pub fn review<'a>(&mut self, v: Visit<'a>) -> NoteReview<'a> {
        self.seq += 1;
        let seq = self.seq;
        let mut report = analyze(v.text, &self.cfg.options);
        // The checks below read the text the analysis read: the start of a note past the limit.
        let v = Visit { text: self.cfg.options.checked(v.text), ..v };
        let bytes = Bytes::new(v.text);
        let redacting = self.cfg.redact;
        // Without a patient, a redacted note is its batch position and has no date.
        let (mut id, mut date) = if redacting { (format!("note-{seq}"), None) } else { (v.id.to_string(), v.date.map(|d| d.to_string())) };
        let therapist = match v.therapist {
            Some(t) if redacting => {
                let n = self.therapists.len() as u32 + 1;
                Some(format!("therapist-{}", *self.therapists.entry(t.to_string()).or_insert(n)))
            }
            t => t.map(str::to_string),
        };
        let mut kind = cadence::Kind::Daily;
        let mut treatment_day = None;
        let mut patient_label = None;

        if let Some(pid) = v.patient {
            if !self.patients.contains_key(pid) {
                let alias = self.patients.len() as u32 + 1;
                self.patients.insert(pid.to_string(), Patient { alias, ..Patient::default() });
            }
            let p = self.patients.get_mut(pid).expect("inserted above");
            p.last_seen = seq;
            p.visits += 1;
            if p.first.is_none() {
                p.first = v.date;
            }
            patient_label = Some(if redacting { format!("patient-{}", p.alias) } else { pid.to_string() });
            if redacting {
                id = format!("patient-{} visit {}", p.alias, p.visits);
                date = v.date.zip(p.first).map(|(d, first)| match d.0 - first.0 {
                    0 => "day 0".to_string(),
                    n => format!("day {n:+}"),
                });
            }
            let origin = if redacting {
                Origin(format!("{}{}", p.visits, date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()))
            } else {
                Origin(format!("{id}{}", date.as_deref().map(|d| format!(" of {d}")).unwrap_or_default()))
            };
            let sentences: Vec<(usize, usize)> =
                report.sentences.iter().map(|s| (bytes.at(s.span.start), bytes.at(s.span.end))).collect();
            if self.check_cadence {
                kind = cadence::kind(v.text, &sentences);
                let verdict = p.cadence.visit(v.date, kind);
                treatment_day = Some(verdict.day);
                if verdict.due {
                    let at = report.sentences.iter().find(|s| !s.header).map_or(Span::default(), |s| s.span);
                    report.findings.push(Finding {
                        code: PROGRESS_REPORT_DUE.code,
                        severity: PROGRESS_REPORT_DUE.severity,
                        message: std::sync::Arc::from(format!(
                            "This is the patient's treatment day {} since the last progress report (or the start of care), and the note is not a progress report. Write the progress report on this visit (progress toward each goal, changes to the plan), or add the report to the batch if it is elsewhere.",
                            verdict.day
                        )),
                        source: &PROGRESS_REPORT_PERIOD,
                        span: at,
                        suggestion: None,
                    });
                }
            }
            if self.check_carried {
                // Billing lines repeat every visit for good reason: blank them. Each billed code
                // is matched to the sentences it overlaps by binary search (sentences are ordered
                // and do not overlap), not by a scan of every code per sentence.
                let mut blanks: Vec<(usize, usize, usize)> = Vec::new();
                for code in &report.billing.codes {
                    let (cs, ce) = (bytes.at(code.span.start), bytes.at(code.span.end));
                    let mut i = sentences.partition_point(|&(_, e)| e <= cs);
                    while let Some(&(a, b)) = sentences.get(i) {
                        if a >= ce {
                            break;
                        }
                        let (ca, cb) = (cs.max(a), ce.min(b));
                        if ca < cb {
                            blanks.push((i, ca, cb));
                        }
                        i += 1;
                    }
                }
                blanks.sort_by_key(|x| x.0);
                let mut next = 0;
                // Comparison units: each sentence, or each clause of a sentence that has ";" (a
                // clinical sentence repeated after "Pt tolerated well;" is still found). Goal
                // lines are meant to stay the same from visit to visit: not compared.
                let mut units: Vec<Span> = Vec::new();
                let mut sigs: Vec<Option<Vec<u32>>> = Vec::new();
                for (i, (s, &(a, b))) in report.sentences.iter().zip(&sentences).enumerate() {
                    let from = next;
                    while next < blanks.len() && blanks[next].0 == i {
                        next += 1;
                    }
                    if s.header {
                        continue;
                    }
                    let mut text = Cow::Borrowed(&v.text[a..b]);
                    for &(_, ca, cb) in &blanks[from..next] {
                        let mut owned = text.into_owned();
                        owned.replace_range(ca - a..cb - a, &" ".repeat(cb - ca));
                        text = Cow::Owned(owned);
                    }
                    if carry_forward::is_goal(&text) {
                        continue;
                    }
                    if !text.contains(';') {
                        units.push(s.span);
                        sigs.push(carry_forward::shingles(&text));
                        continue;
                    }
                    // Clauses of at least MIN_WORDS words each ("X; 2 LOB" stays one unit, so an
                    // updated measure still makes its sentence new), as byte ranges of `text`.
                    let words = |t: &str| t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
                    let mut parts: Vec<(usize, usize)> = Vec::new();
                    let mut at = 0;
                    for clause in text.split_inclusive(';') {
                        let end = at + clause.len();
                        match parts.last_mut() {
                            Some(last) if words(clause) < carry_forward::MIN_WORDS || words(&text[last.0..last.1]) < carry_forward::MIN_WORDS => last.1 = end,
                            _ => parts.push((at, end)),
                        }
                        at = end;
                    }
                    // Spans counted on from the sentence's start, in characters and UTF-16.
                    let (mut at, mut c, mut c16) = (0usize, s.span.start, s.span.start16);
                    let count = |t: &str| (t.chars().count() as u32, t.encode_utf16().count() as u32);
                    for (from, to) in parts {
                        let (skip, skip16) = count(&text[at..from]);
                        (c, c16) = (c + skip, c16 + skip16);
                        let part = &text[from..to];
                        let body = part.trim_end_matches(|ch: char| ch == ';' || ch.is_whitespace());
                        let lead = body.len() - body.trim_start().len();
                        let (l, l16) = count(&body[..lead]);
                        let (n, n16) = count(&body[lead..]);
                        units.push(Span { start: c + l, end: c + l + n, start16: c16 + l16, end16: c16 + l16 + n16 });
                        sigs.push(carry_forward::shingles(body));
                        let (all, all16) = count(part);
                        (at, c, c16) = (to, c + all, c16 + all16);
                    }
                }
                let before = p.history.len();
                for (i, m) in p.history.find(&sigs, self.cfg.similarity).into_iter().enumerate() {
                    let Some(m) = m else { continue };
                    report.findings.push(Finding {
                        code: CARRIED_FORWARD.code,
                        severity: CARRIED_FORWARD.severity,
                        message: std::sync::Arc::from(format!(
                            "This sentence is {:.0}% the same (word 3-shingle Jaccard) as one in visit {}. Repeated text reads as cloned documentation: say what was different this visit (today's dose, cues, response or measure).",
                            (m.similarity * 100.0).floor(),
                            m.visit.0
                        )),
                        source: &CLONED_DOCUMENTATION,
                        span: units[i],
                        suggestion: None,
                    });
                }
                p.history.push(sigs, origin);
                self.remembered = self.remembered + p.history.len() - before;
                if self.remembered > self.cfg.shingle_budget {
                    self.forget();
                }
            }
            report.findings.sort_by_key(|f| (f.span.start, f.code));
        }

        let text = if redacting {
            Cow::Owned(redact_report(v.text, &mut report, &redact::Known::of(&[v.patient, v.therapist, Some(v.id)])))
        } else {
            Cow::Borrowed(v.text)
        };
        let counts = Counts::of(&report);
        if let Some(p) = v.patient.and_then(|pid| self.patients.get_mut(pid)) {
            p.counts.add(counts);
        }
        let mut codes: Vec<(Severity, &'static str)> = Vec::new();
        for f in &report.findings {
            if !codes.iter().any(|c| c.1 == f.code) {
                codes.push((f.severity, f.code));
            }
        }
        codes.sort_by_key(|c| std::cmp::Reverse(c.0));
        let worst = WorstNote {
            seq,
            id: id.clone(),
            patient: patient_label.clone(),
            date: date.clone(),
            therapist: therapist.clone(),
            counts,
            codes: codes.into_iter().map(|c| c.1).collect(),
        };
        // Counted under the pseudonym when redacting: one per real name, so the counts are the same.
        self.tally.add(worst, &report, therapist.as_deref(), v.date.map(Date::week));
        let cut_at = report.truncated.then(|| self.cfg.options.limit());
        NoteReview { seq, id, patient: patient_label, date, therapist, text, report, kind, treatment_day, counts, cut_at }
    }

    /// Forgets the sentences of the least recently seen patients until a quarter of the budget
    /// is free (their visit counters and counts stay).
    fn forget(&mut self) {
        let mut by_age: Vec<(u64, &String)> = self.patients.iter().filter(|(_, p)| !p.history.is_empty()).map(|(k, p)| (p.last_seen, k)).collect();
        by_age.sort_unstable();
        let target = self.cfg.shingle_budget / 4 * 3;
        let mut drop = Vec::new();
        let mut left = self.remembered;
        for (_, k) in by_age {
            if left <= target {
                break;
            }
            left -= self.patients[k].history.len();
            drop.push(k.clone());
        }
        for k in drop {
            if let Some(p) = self.patients.get_mut(&k) {
                p.history = History::default();
            }
        }
        self.remembered = left;
    }

    /// Number of notes reviewed so far.
    pub fn notes(&self) -> u64 {
        self.seq
    }

    /// Shingles currently remembered over all patients (for memory tests).
    pub fn remembered(&self) -> usize {
        self.remembered
    }

    /// The batch summary so far (call it at the end).
    pub fn summary(&self) -> Summary {
        let patients = self
            .patients
            .iter()
            .map(|(k, p)| Group { label: if self.cfg.redact { format!("patient-{}", p.alias) } else { k.clone() }, counts: p.counts })
            .collect();
        self.tally.summary(patients, self.cfg.redact)
    }
}

/// Masks `text`'s identifiers, moves every span of `report` onto the masked text and masks the
/// report's strings; returns the masked text.
fn redact_report(text: &str, report: &mut Report, known: &redact::Known) -> String {
    let red = redact::apply(text, &redact::scan_with(text, known));
    if red.is_identity() {
        for f in &mut report.findings {
            f.message = redact::redact_with(&f.message, known).into();
        }
        return red.text;
    }
    // UTF-16 offset of each character offset of the masked text (identity for ASCII).
    let utf16: Option<Vec<u32>> = (!red.text.is_ascii()).then(|| {
        let mut v = Vec::with_capacity(red.text.len() + 1);
        let mut n = 0u32;
        for c in red.text.chars() {
            v.push(n);
            n += c.len_utf16() as u32;
        }
        v.push(n);
        v
    });
    let u16_at = |c: u32| utf16.as_ref().map_or(c, |v| v[(c as usize).min(v.len() - 1)]);
    let fix = |s: &mut Span| {
        let (a, b) = (red.start(s.start), red.end(s.end).max(red.start(s.start)));
        *s = Span { start: a, end: b, start16: u16_at(a), end16: u16_at(b) };
    };
    for s in &mut report.sentences {
        fix(&mut s.span);
    }
    for a in &mut report.annotations {
        fix(&mut a.span);
    }
    for b in &mut report.billing.codes {
        fix(&mut b.span);
    }
    for f in &mut report.findings {
        fix(&mut f.span);
        f.message = redact::redact_with(&f.message, known).into();
        if let Some(s) = &mut f.suggestion {
            fix(&mut s.span);
            s.text = redact::redact_with(&s.text, known).into();
            s.title = redact::redact_with(&s.title, known).into();
        }
    }
    let n = red.text.chars().count() as u32;
    report.length = n;
    report.length16 = u16_at(n);
    red.text
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "O: Tandem walk 4 x 20 ft with min A to improve dynamic balance for safe community ambulation; 2 LOB.\nTherapist provided tactile cues at the R gluteus medius to reduce trunk lean during step-ups.\n97112 x 2 units (30 min).";

    fn visit<'a>(id: &'a str, text: &'a str, day: i32) -> Visit<'a> {
        Visit { id, text, patient: Some("MRN-1"), date: Some(Date(19_800 + day)), therapist: Some("Alex PT") }
    }

    fn codes(r: &NoteReview) -> Vec<&'static str> {
        r.report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn flags_carried_forward_sentences_from_earlier_visits_only() {
        let mut rv = Reviewer::new(Config::default());
        let first = rv.review(visit("v1", NOTE, 0));
        assert!(!codes(&first).contains(&"carried_forward"));
        let changed = NOTE.replace("2 LOB", "0 LOB");
        let second = rv.review(visit("v2", &changed, 1));
        let carried: Vec<&Finding> = second.report.findings.iter().filter(|f| f.code == "carried_forward").collect();
        // The unchanged cue sentence; not the billing line, nor the sentence whose measure
        // changed ("; 2 LOB" is too short to be a clause of its own).
        assert_eq!(carried.len(), 1, "{carried:?}");
        assert!(carried[0].message.contains("100% the same (word 3-shingle Jaccard) as one in visit v1 of 2024-03-18."), "{}", carried[0].message);
        let quote = |f: &Finding| -> String { second.text.chars().skip(f.span.start as usize).take((f.span.end - f.span.start) as usize).collect() };
        assert!(quote(carried[0]).starts_with("Therapist provided tactile cues"), "{}", quote(carried[0]));
        // Another patient's identical note is not compared.
        let other = rv.review(Visit { patient: Some("MRN-2"), ..visit("w1", NOTE, 1) });
        assert!(!codes(&other).contains(&"carried_forward"));
        // No patient: no cross-note checks.
        let anon = rv.review(Visit { patient: None, ..visit("x", NOTE, 2) });
        assert!(!codes(&anon).contains(&"carried_forward") && anon.treatment_day.is_none());
        let s = rv.summary();
        assert_eq!((s.totals.notes, s.patients), (4, 2));
    }

    #[test]
    fn goal_lines_are_not_carried_forward_and_a_clause_after_a_semicolon_is() {
        // Issue 22: an unchanged "Goal: ..." line was flagged on every visit, and a repeated
        // clinical sentence after "Pt tolerated well;" was not flagged.
        let goal = "Goal: Pt will ambulate 300 ft in the community with SBA and no LOB in 4 weeks.";
        let cue = "Therapist provided tactile cues at the R gluteus medius to reduce trunk lean during step-ups.";
        let mut rv = Reviewer::new(Config::default());
        rv.review(visit("v1", &format!("{cue}\n{goal}"), 0));
        let second = format!("Pt arrived 5 min late, tolerated session without complaints; {cue}\n{goal}");
        let r = rv.review(visit("v2", &second, 1));
        let carried: Vec<String> = r
            .report
            .findings
            .iter()
            .filter(|f| f.code == "carried_forward")
            .map(|f| r.text.chars().skip(f.span.start as usize).take((f.span.end - f.span.start) as usize).collect())
            .collect();
        assert_eq!(carried, [cue], "the cue clause, not the goal line");
    }

    #[test]
    fn flags_the_tenth_treatment_day() {
        let mut cfg = Config::default();
        cfg.options.disabled.push("carried_forward".into());
        let mut rv = Reviewer::new(cfg);
        let mut due = vec![];
        for day in 0..12 {
            let r = rv.review(visit("v", NOTE, day));
            if codes(&r).contains(&"progress_report_due") {
                due.push(day);
            }
            assert!(!codes(&r).contains(&"carried_forward"), "disabled");
        }
        assert_eq!(due, [9, 10, 11], "due from the 10th treatment day until a report is written");
        let s = rv.summary();
        assert_eq!(s.worst[0].codes[0], "progress_report_due");
        assert_eq!(s.codes[0].code, "progress_report_due");
    }

    #[test]
    fn a_note_past_the_limit_is_checked_on_the_text_the_analysis_read() {
        let mut cfg = Config::default();
        cfg.options.max_len = NOTE.len() + 1;
        let mut rv = Reviewer::new(cfg);
        let text = format!("{NOTE}\nProgress report: goals met.");
        let r = rv.review(visit("v1", &text, 0));
        assert_eq!(r.kind, cadence::Kind::Daily, "the marker lies past the cut");
        assert!(r.report.truncated && r.text.len() <= NOTE.len() + 1);
        assert_eq!(r.cut_at.as_deref(), Some(format!("{} bytes", NOTE.len() + 1).as_str()));
        assert_eq!(rv.review(visit("v2", NOTE, 1)).cut_at, None);
    }

    #[test]
    fn redaction_masks_every_string_and_keeps_spans_on_the_words() {
        let mut cfg = Config { redact: true, ..Config::default() };
        cfg.options.disabled.push("progress_report_due".into());
        let mut rv = Reviewer::new(cfg);
        let text = "Patient: Jane Doe, MRN 445566, seen 03/04/2024. Pt tolerated well. 92 y/o. 97112 x 3 units (31 min).";
        let r = rv.review(Visit { id: "doe_2024-03-04", text, patient: Some("445566"), date: Date::parse("2024-03-04"), therapist: Some("Alex PT") });
        assert_eq!(r.text, "Patient: [NAME], MRN [MRN], seen [DATE]. Pt tolerated well. [AGE 90+]. 97112 x 3 units (31 min).");
        assert_eq!(
            (r.id.as_str(), r.patient.as_deref(), r.date.as_deref(), r.therapist.as_deref()),
            ("patient-1 visit 1", Some("patient-1"), Some("day 0"), Some("therapist-1"))
        );
        let chars: Vec<char> = r.text.chars().collect();
        for f in &r.report.findings {
            let q: String = chars[f.span.start as usize..f.span.end as usize].iter().collect();
            if f.code == "unskilled_wording" {
                assert_eq!(q, "tolerated well");
            }
            if f.code == "units_minutes_mismatch" {
                assert!(q.contains("97112 x 3 units"), "{q}");
            }
        }
        let s = rv.summary();
        assert_eq!(s.by_patient[0].label, "patient-1");
        assert_eq!(s.by_week[0].label, "week 1");
        let json = serde_json::to_string(&s).unwrap() + &serde_json::to_string(&r.report).unwrap();
        for secret in ["Jane", "445566", "03/04", "2024-03-04", "92 y/o", "Alex", "doe"] {
            assert!(!json.contains(secret) && !r.text.contains(secret), "{secret} leaked");
        }
    }

    #[test]
    fn redacted_checks_run_on_the_real_keys_and_name_only_pseudonyms() {
        let mut rv = Reviewer::new(Config { redact: true, ..Config::default() });
        // The note text names its own patient and therapist, as the export's fields do.
        let v = |id: &'static str, patient: &'static str, therapist: &'static str, day: i32| Visit {
            id,
            text: if patient.starts_with("Smith") {
                "Dana saw John. Therapist provided tactile cues at the R gluteus medius to reduce trunk lean during step-ups."
            } else {
                "Lee saw Bea. Therapist provided tactile cues at the R gluteus medius to reduce trunk lean during step-ups."
            },
            patient: Some(patient),
            date: Some(Date(19_800 + day)),
            therapist: Some(therapist),
        };
        let a = rv.review(v("Smith_John/2024-03-18.txt", "Smith_John", "Dana Whitfield", 0));
        let other = rv.review(v("Roe_Bea/2024-03-20.txt", "Roe_Bea", "Lee Park", 2));
        let b = rv.review(v("Smith_John/2024-04-01.txt", "Smith_John", "Dana Whitfield", 14));
        assert_eq!((a.id.as_str(), a.date.as_deref(), a.therapist.as_deref()), ("patient-1 visit 1", Some("day 0"), Some("therapist-1")));
        assert_eq!((other.id.as_str(), other.date.as_deref(), other.therapist.as_deref()), ("patient-2 visit 1", Some("day 0"), Some("therapist-2")));
        assert_eq!((b.id.as_str(), b.patient.as_deref(), b.date.as_deref(), b.therapist.as_deref()), ("patient-1 visit 2", Some("patient-1"), Some("day +14"), Some("therapist-1")));
        assert!(b.text.starts_with("[NAME] saw [NAME]."), "{}", b.text);
        let carried: Vec<&str> = b.report.findings.iter().filter(|f| f.code == "carried_forward").map(|f| &*f.message).collect();
        assert!(carried.iter().any(|m| m.contains("as one in visit 1 (day 0).")), "{carried:?}");
        assert!(!other.report.findings.iter().any(|f| f.code == "carried_forward"), "another patient is not compared");
        let anon = rv.review(Visit { patient: None, text: "Dana cued weight shifts.", ..v("loose.txt", "Smith_John", "Dana Whitfield", 20) });
        assert_eq!((anon.id.as_str(), anon.date.as_deref(), anon.therapist.as_deref()), ("note-4", None, Some("therapist-1")));
        let s = rv.summary();
        let therapists: Vec<(&str, u32)> = s.by_therapist.iter().map(|g| (g.label.as_str(), g.counts.notes)).collect();
        assert!(therapists.contains(&("therapist-1", 3)) && therapists.contains(&("therapist-2", 1)), "{therapists:?}");
        let all = format!("{s:?}{a:?}{b:?}{other:?}{anon:?}");
        for secret in ["Smith", "John", "Dana", "Whitfield", "Roe", "Bea", "Lee", "Park", "2024", "loose"] {
            assert!(!all.contains(secret), "{secret} leaked: {}", &all[all.find(secret).unwrap().saturating_sub(300)..]);
        }
    }

    #[test]
    fn memory_is_bounded_by_the_budget() {
        let mut rv = Reviewer::new(Config { shingle_budget: 2_000, ..Config::default() });
        for n in 0..400 {
            let pid = format!("p{}", n % 50);
            let text = format!("{NOTE}\nVisit {n} specific sentence with several words in it for patient {pid}.");
            rv.review(Visit { id: "v", text: &text, patient: Some(&pid), date: None, therapist: None });
            assert!(rv.remembered() <= 2_000, "{}", rv.remembered());
        }
        assert_eq!(rv.notes(), 400);
    }

    #[test]
    fn extra_rules_are_documented() {
        assert_eq!(rule("carried_forward").unwrap().severity, Severity::Warning);
        assert_eq!(rule("progress_report_due").unwrap().severity, Severity::Error);
        assert!(rule("missing_why").is_some() && rule("nope").is_none());
        assert_eq!(codes_len(), findings::RULES.len() + 2);
    }

    fn codes_len() -> usize {
        super::codes().count()
    }
}
