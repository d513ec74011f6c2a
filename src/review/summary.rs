//! Batch aggregates: counts per finding, the worst notes, and findings per therapist, patient and
//! week, kept in memory that does not grow with the number of notes.
//!
//! A reviewer triaging a clinic's export wants "which notes will not survive an audit" first:
//! [`Tally`] keeps a bounded list of the worst notes (most errors, then warnings, then infos;
//! the earlier note wins a tie), and counters per finding code, therapist and week. Per-patient
//! counters live with the patient's cross-note state in [`super::Reviewer`]. Nothing here holds a
//! note's text or report.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};

use serde::Serialize;

use super::date::Date;
use crate::report::{Report, Severity};

/// Finding counts for a note or a group of notes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Notes counted.
    pub notes: u32,
    /// Notes with at least one error.
    pub notes_with_errors: u32,
    /// Error findings.
    pub errors: u32,
    /// Warning findings.
    pub warnings: u32,
    /// Info findings.
    pub infos: u32,
}

impl Counts {
    /// The counts of one report.
    pub fn of(r: &Report) -> Counts {
        let mut c = Counts { notes: 1, ..Counts::default() };
        for f in &r.findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c.notes_with_errors = u32::from(c.errors > 0);
        c
    }
    /// Adds another count in.
    pub fn add(&mut self, o: Counts) {
        self.notes += o.notes;
        self.notes_with_errors += o.notes_with_errors;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
    }
    /// All findings.
    pub fn findings(&self) -> u32 {
        self.errors + self.warnings + self.infos
    }
}

/// How often one finding occurred in the batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The finding code.
    pub code: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// Notes with this finding.
    pub notes: u32,
    /// Occurrences.
    pub findings: u32,
}

/// One line of the worst-notes table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorstNote {
    /// Position of the note in the batch (1-based, in review order).
    pub seq: u64,
    /// The note's id (masked when redacting).
    pub id: String,
    /// Patient (a pseudonym when redacting).
    pub patient: Option<String>,
    /// Date of service (the year only when redacting).
    pub date: Option<String>,
    /// Therapist.
    pub therapist: Option<String>,
    /// Its finding counts.
    pub counts: Counts,
    /// Its distinct finding codes, most severe first.
    pub codes: Vec<&'static str>,
}

impl WorstNote {
    fn key(&self) -> (u32, u32, u32, Reverse<u64>) {
        (self.counts.errors, self.counts.warnings, self.counts.infos, Reverse(self.seq))
    }
}
impl Ord for WorstNote {
    /// Greater is worse.
    fn cmp(&self, o: &Self) -> Ordering {
        self.key().cmp(&o.key())
    }
}
impl PartialOrd for WorstNote {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Findings of one therapist, patient or week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Therapist name, patient id or week (its Monday; "week N" when redacting).
    pub label: String,
    /// The group's counts.
    pub counts: Counts,
}

/// Everything the end of a batch report shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Counts over every note.
    pub totals: Counts,
    /// Distinct patients seen.
    pub patients: u32,
    /// Per finding code, most frequent first.
    pub codes: Vec<CodeCount>,
    /// The worst notes, worst first (at most [`super::Config::worst`]).
    pub worst: Vec<WorstNote>,
    /// Per therapist, most findings first.
    pub by_therapist: Vec<Group>,
    /// Per patient, most findings first (at most [`MAX_GROUPS`]).
    pub by_patient: Vec<Group>,
    /// Per week, in date order.
    pub by_week: Vec<Group>,
}

/// Longest per-therapist or per-patient list kept in the summary (the charts' bars).
pub const MAX_GROUPS: usize = 30;

/// The running aggregates of a batch.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    totals: Counts,
    codes: BTreeMap<&'static str, CodeCount>,
    worst: BinaryHeap<Reverse<WorstNote>>,
    cap: usize,
    therapists: BTreeMap<String, Counts>,
    weeks: BTreeMap<Date, Counts>,
}

fn sort_groups(mut g: Vec<Group>) -> Vec<Group> {
    g.sort_by(|a, b| (b.counts.errors, b.counts.findings()).cmp(&(a.counts.errors, a.counts.findings())).then_with(|| a.label.cmp(&b.label)));
    g.truncate(MAX_GROUPS);
    g
}

impl Tally {
    /// Aggregates keeping at most `worst` notes in the worst-notes list.
    pub fn new(worst: usize) -> Tally {
        Tally { cap: worst, ..Tally::default() }
    }

    /// Counts one reviewed note; `week` is the Monday of its date of service, if known.
    pub fn add(&mut self, note: WorstNote, report: &Report, therapist: Option<&str>, week: Option<Date>) {
        let c = note.counts;
        self.totals.add(c);
        let mut seen: Vec<&'static str> = Vec::new();
        for f in &report.findings {
            let e = self.codes.entry(f.code).or_insert(CodeCount { code: f.code, severity: f.severity, notes: 0, findings: 0 });
            // A code's findings may differ in severity (a quieter `missing_*`): the worst counts.
            e.severity = e.severity.max(f.severity);
            e.findings += 1;
            if !seen.contains(&f.code) {
                seen.push(f.code);
                e.notes += 1;
            }
        }
        if let Some(t) = therapist {
            match self.therapists.get_mut(t) {
                Some(g) => g.add(c),
                None => {
                    self.therapists.insert(t.to_string(), c);
                }
            }
        }
        if let Some(w) = week {
            self.weeks.entry(w).or_default().add(c);
        }
        if c.findings() > 0 && self.cap > 0 {
            if self.worst.len() < self.cap {
                self.worst.push(Reverse(note));
            } else if self.worst.peek().is_some_and(|Reverse(least)| note > *least) {
                self.worst.pop();
                self.worst.push(Reverse(note));
            }
        }
    }

    /// The summary, given the per-patient counts; `redact` labels weeks by number, not date.
    pub fn summary(&self, patients: Vec<Group>, redact: bool) -> Summary {
        let mut codes: Vec<CodeCount> = self.codes.values().cloned().collect();
        codes.sort_by(|a, b| (b.severity, b.notes, b.findings).cmp(&(a.severity, a.notes, a.findings)).then(a.code.cmp(b.code)));
        let mut worst: Vec<WorstNote> = self.worst.iter().map(|Reverse(w)| w.clone()).collect();
        worst.sort_by(|a, b| b.cmp(a));
        let first = self.weeks.keys().next().copied().unwrap_or(Date(0));
        Summary {
            totals: self.totals,
            patients: patients.len() as u32,
            codes,
            worst,
            by_therapist: sort_groups(self.therapists.iter().map(|(t, c)| Group { label: t.clone(), counts: *c }).collect()),
            by_patient: sort_groups(patients),
            by_week: self
                .weeks
                .iter()
                .map(|(w, c)| Group { label: if redact { format!("week {}", (w.0 - first.0) / 7 + 1) } else { w.to_string() }, counts: *c })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Options};

    fn note(seq: u64, e: u32, w: u32) -> WorstNote {
        WorstNote {
            seq,
            id: format!("n{seq}"),
            patient: None,
            date: None,
            therapist: None,
            counts: Counts { notes: 1, notes_with_errors: u32::from(e > 0), errors: e, warnings: w, infos: 0 },
            codes: vec![],
        }
    }

    #[test]
    fn keeps_the_worst_notes_only() {
        let mut t = Tally::new(3);
        let r = Report::default();
        for (seq, e, w) in [(1, 0, 1), (2, 2, 0), (3, 1, 5), (4, 0, 0), (5, 2, 0), (6, 0, 9), (7, 1, 5)] {
            t.add(note(seq, e, w), &r, None, None);
        }
        let s = t.summary(vec![], false);
        assert_eq!(s.worst.iter().map(|w| w.seq).collect::<Vec<_>>(), [2, 5, 3], "most errors first, earlier note wins a tie");
        assert_eq!(s.totals.notes, 7);
        assert_eq!(s.totals.notes_with_errors, 4);
        assert_eq!(s.totals.warnings, 20);
    }

    #[test]
    fn counts_codes_per_note_and_occurrence_and_groups() {
        let mut t = Tally::new(5);
        let r = analyze("Balance ex. Tolerated well. Pt tolerated well. 97112 x 3 units (31 min).", &Options::default());
        let mut n = note(1, 0, 0);
        n.counts = Counts::of(&r);
        let monday = Date::from_ymd(2024, 3, 4).unwrap();
        t.add(n.clone(), &r, Some("Alex PT"), Some(monday));
        t.add(n, &r, Some("Alex PT"), Some(Date(monday.0 + 7)));
        let s = t.summary(vec![Group { label: "p1".into(), counts: Counts::of(&r) }], false);
        let unskilled = s.codes.iter().find(|c| c.code == "unskilled_wording").unwrap();
        assert_eq!((unskilled.notes, unskilled.findings), (2, 4));
        assert_eq!(s.codes[0].severity, Severity::Error, "errors first");
        assert_eq!(s.by_therapist[0].counts.notes, 2);
        assert_eq!(s.by_week.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), ["2024-03-04", "2024-03-11"]);
        assert_eq!(t.summary(vec![], true).by_week[1].label, "week 2");
        assert_eq!(s.patients, 1);
    }
}
