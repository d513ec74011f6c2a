//! Progress-report cadence: flags the 10th treatment day since the last progress report.
//!
//! Rule source: MBPM 100-02 ch.15 §220.3 (progress reports): "The minimum progress report
//! period shall be at least once every 10 treatment days." The first reporting period begins on
//! the first day of treatment; the day a progress report is written ends its period. A daily note
//! on the 10th treatment day of a period is therefore the last chance: if it is not itself the
//! progress report, every later visit is billed without one.
//!
//! Definitions used here (best effort, documented in the CLI help):
//! * **Treatment day**: a distinct date of service for the patient; when the batch has no dates,
//!   each note is one treatment day. Several notes on one date count once.
//! * **Progress report**: the note says so, with one of [`REPORT_MARKERS`] ("progress report",
//!   "progress note", "re-evaluation", "recertification", "discharge summary", "10th visit
//!   note", ...), unless the sentence holding it speaks of a future report ("due", "next visit",
//!   "scheduled", "will", ...). An initial evaluation ([`EVAL_MARKERS`]) starts a new episode,
//!   and its day is day 1.
//! * **Flag**: the first note of the 10th treatment day of a period when it is not a progress
//!   report, and the first note of every later treatment day until a progress report (or an
//!   initial evaluation) is written: an overdue report stays visible on visits 11, 12, ..., since
//!   each of those visits is billed without one.
//!
//! Known limits: a progress report written in a separate document that is not in the batch is
//! not seen; a second note on the 10th day that is the report does not clear a flag already given
//! to the first note of that day (notes are reviewed as they stream).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::date::Date;

/// Phrases that make a note a progress report (lower-case; matched on word boundaries).
pub const REPORT_MARKERS: &[&str] = &[
    "progress report",
    "progress note",
    "progress summary",
    "re-evaluation",
    "reevaluation",
    "re-eval",
    "reeval",
    "re-assessment",
    "recertification",
    "re-certification",
    "recert",
    "10th visit note",
    "10th visit report",
    "10th visit progress",
    "tenth visit progress",
    "discharge summary",
    "discharge note",
];

/// Phrases that mark an initial evaluation (a new episode of care).
pub const EVAL_MARKERS: &[&str] = &["initial evaluation", "initial eval", "initial examination", "pt evaluation", "ot evaluation"];

/// Words that turn a marker into talk about a future report ("progress note due next visit").
const FUTURE: &[&str] =
    &["due", "next visit", "next session", "scheduled", "will ", "plan to", "planned", "needed", "pending", "upcoming", "to be completed", "at visit", "by visit"];

/// Words before a marker (in its sentence, past any of [`DETERMINERS`]) that make it a citation
/// of an earlier report, not the note's own kind: "improved since initial eval", "Berg 45/56 vs
/// 38/56 at re-eval", "goals from last progress report".
pub const BACK_REFERENCE: &[&str] = &[
    "at", "since", "from", "vs", "vs.", "versus", "than", "per", "on", "during", "in", "after", "before", "to", "with", "last",
    "prior", "previous", "recent", "latest", "baseline", "was", "were",
];

/// Words skipped between a back-reference word and the marker ("since *the* initial eval").
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "pt's", "patient's", "pt", "most"];

/// Whether the marker at `at..end` of `sentence` (its offsets relative to the sentence) cites an
/// earlier report rather than naming the note's own kind; `in_brackets` says whether it stands
/// inside parentheses or brackets opened before it in the sentence. Reads a bounded stretch
/// before the marker, so many markers in one long sentence cost each the same.
fn cites_earlier(sentence: &str, at: usize, end: usize, in_brackets: bool) -> bool {
    // Inside parentheses: "TUG 16.8 s (initial eval 21.4 s)".
    if in_brackets {
        return true;
    }
    // The word before the marker, past determiners (within the 80 bytes before it).
    let mut from = at.saturating_sub(80);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    let lower = sentence[from..at].to_ascii_lowercase();
    let mut words = lower.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|w| !w.is_empty()).rev();
    let prev = loop {
        match words.next() {
            Some(w) if DETERMINERS.contains(&w) => continue,
            other => break other,
        }
    };
    if prev.is_some_and(|w| BACK_REFERENCE.contains(&w)) {
        return true;
    }
    // Followed by a value: "initial eval 21.4 s", "initial eval: 45%" (a number followed by "/"
    // or "-" may be a heading's date, "Progress report 3/14/2024", and does not count).
    let after = sentence[end..].trim_start_matches([' ', ':', '=', '\t']);
    let digits = after.bytes().take_while(|c| c.is_ascii_digit() || *c == b'.').count();
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        let rest = &after[digits..];
        if !rest.starts_with(['/', '-']) {
            let unit = rest.trim_start();
            return unit.is_empty() || unit.starts_with(|c: char| c.is_ascii_alphabetic() || c == '%' || c == ')' || c == ';' || c == ',');
        }
    }
    false
}

/// The kind of report a note is, for the cadence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A daily treatment note.
    Daily,
    /// A progress report, re-evaluation, recertification or discharge summary.
    Progress,
    /// An initial evaluation.
    Evaluation,
}

/// One automaton over both marker lists (case-insensitive), built once.
fn markers() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(REPORT_MARKERS.iter().chain(EVAL_MARKERS))
            .expect("marker automaton")
    })
}

/// What kind of note `text` is. `sentences` are the note's sentence ranges in bytes, used to
/// read a marker in its own sentence.
pub fn kind(text: &str, sentences: &[(usize, usize)]) -> Kind {
    let b = text.as_bytes();
    let boundary = |i: Option<usize>| i.and_then(|i| b.get(i)).map_or(true, |c| !c.is_ascii_alphanumeric());
    let mut found = Kind::Daily;
    // Whether the last looked-at sentence talks of a future report: markers come in order, so
    // a sentence with many markers is read once, not once per marker.
    let mut last: Option<(usize, bool)> = None;
    // Brackets opened and not closed before the marker in its sentence, counted once per byte:
    // (sentence, counted up to, depth).
    let mut brackets = (usize::MAX, 0usize, 0i64);
    for m in markers().find_iter(text) {
        if !boundary(m.start().checked_sub(1)) || !boundary(Some(m.end())) {
            continue;
        }
        // The first sentence with s <= at < e, by binary search (sentences are ordered); a
        // marker outside every sentence is read on its own.
        let at = m.start();
        let hi = sentences.partition_point(|&(s, _)| s <= at);
        let lo = sentences[..hi].partition_point(|&(_, e)| e <= at);
        let Some((idx, (s, e))) = (lo < hi).then(|| (lo, sentences[lo])).filter(|(_, (s, e))| text.get(*s..*e).is_some()) else {
            if m.pattern().as_usize() < REPORT_MARKERS.len() {
                return Kind::Progress;
            }
            found = Kind::Evaluation;
            continue;
        };
        let future = match last {
            Some((i, f)) if i == idx => f,
            _ => {
                let sentence = text[s..e].to_ascii_lowercase();
                let f = FUTURE.iter().any(|f| sentence.contains(f));
                last = Some((idx, f));
                f
            }
        };
        if future {
            continue;
        }
        if brackets.0 != idx {
            brackets = (idx, s, 0);
        }
        for &c in &b[brackets.1.min(at)..at] {
            brackets.2 += match c {
                b'(' | b'[' => 1,
                b')' | b']' => -1,
                _ => 0,
            };
        }
        brackets.1 = at;
        if m.end() <= e && cites_earlier(&text[s..e], at - s, m.end() - s, brackets.2 > 0) {
            continue;
        }
        if m.pattern().as_usize() < REPORT_MARKERS.len() {
            return Kind::Progress;
        }
        found = Kind::Evaluation;
    }
    found
}

/// One patient's count of treatment days since the last progress report.
#[derive(Clone, Debug, Default)]
pub struct Cadence {
    /// Treatment days in the current reporting period, including today's once counted.
    pub days: u32,
    last_day: Option<Date>,
    reported_today: bool,
}

/// What the cadence says about one note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The note's treatment day within the current reporting period (1-based).
    pub day: u32,
    /// True when this note is the 10th treatment day or a later one without a progress report.
    pub due: bool,
}

/// The treatment day on which a progress report is due at the latest.
pub const PERIOD: u32 = 10;

impl Cadence {
    /// Counts one note (in date order for the patient) and says whether it misses the report.
    pub fn visit(&mut self, date: Option<Date>, kind: Kind) -> Verdict {
        let new_day = date.is_none() || date != self.last_day;
        if new_day {
            self.reported_today = false;
            self.days += 1;
        }
        self.last_day = date;
        let day = self.days;
        match kind {
            Kind::Progress => {
                // The report ends this period; the next treatment day is day 1 of the next.
                self.days = 0;
                self.reported_today = true;
                Verdict { day, due: false }
            }
            Kind::Evaluation => {
                self.days = 1;
                Verdict { day: 1, due: false }
            }
            Kind::Daily if new_day && !self.reported_today && day >= PERIOD => Verdict { day, due: true },
            Kind::Daily => Verdict { day, due: false },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(text: &str) -> Kind {
        kind(text, &[(0, text.len())])
    }

    #[test]
    fn recognises_reports_and_not_talk_of_future_ones() {
        assert_eq!(k("PROGRESS REPORT (visits 1-10). Goals: ..."), Kind::Progress);
        assert_eq!(k("Re-eval today: Berg 45/56."), Kind::Progress);
        assert_eq!(k("Recertification of plan of care."), Kind::Progress);
        assert_eq!(k("Discharge summary: goals met."), Kind::Progress);
        assert_eq!(k("Initial evaluation. Berg 38/56."), Kind::Evaluation);
        assert_eq!(k("Tandem walk 4 x 20 ft."), Kind::Daily);
        assert_eq!(k("Progress note due next visit."), Kind::Daily);
        assert_eq!(k("Re-eval scheduled 3/14."), Kind::Daily);
        assert_eq!(k("Will complete recert at visit 10."), Kind::Daily);
        assert_eq!(k("Progressive reevaluations"), Kind::Daily, "word boundaries");
        // The future word only spoils the marker in its own sentence.
        let t = "Progress report. Next visit: add foam.";
        assert_eq!(kind(t, &[(0, 16), (17, t.len())]), Kind::Progress);
    }

    #[test]
    fn a_baseline_cited_from_an_earlier_report_is_not_a_report() {
        for t in [
            "TUG 16.8 s (initial eval 21.4 s).",
            "Berg 45/56, up from 38/56 at initial evaluation.",
            "Gait speed improved since the initial eval.",
            "Berg 45/56 vs 38/56 at re-eval.",
            "Goals unchanged from last progress report.",
            "Initial eval 21.4 s, today 16.8 s.",
            "Compared to re-evaluation, less sway on foam.",
            "Single-leg stance 12 s [re-eval 6 s].",
        ] {
            assert_eq!(k(t), Kind::Daily, "{t}");
        }
        // Notes that are a report or an evaluation still are.
        assert_eq!(k("Progress report 3/14/2024: Berg 45/56."), Kind::Progress);
        assert_eq!(k("Pt seen for re-evaluation today."), Kind::Progress);
        assert_eq!(k("Physical therapy initial evaluation. TUG 21.4 s."), Kind::Evaluation);
        assert_eq!(k("Initial evaluation: pt referred for balance deficits."), Kind::Evaluation);
    }

    #[test]
    fn flags_the_tenth_treatment_day_without_a_report() {
        let mut c = Cadence::default();
        let v: Vec<Verdict> = (0..13).map(|_| c.visit(None, Kind::Daily)).collect();
        // Issue 22: the overdue report stays visible on every later visit until it is written.
        assert_eq!(v.iter().filter(|v| v.due).map(|v| v.day).collect::<Vec<_>>(), [10, 11, 12, 13]);
        assert!(!c.visit(None, Kind::Progress).due);
        assert_eq!(c.visit(None, Kind::Daily), Verdict { day: 1, due: false });
    }

    #[test]
    fn a_report_restarts_the_period_and_same_day_notes_count_once() {
        let d = |n| Some(Date(19_000 + n));
        let mut c = Cadence::default();
        for n in 0..9 {
            assert!(!c.visit(d(n), Kind::Daily).due);
        }
        // Two notes on day 9 count once.
        assert_eq!(c.visit(d(8), Kind::Daily).day, 9);
        // Day 10 is the progress report: no flag, and the next note is day 1.
        assert_eq!(c.visit(d(9), Kind::Progress), Verdict { day: 10, due: false });
        assert_eq!(c.visit(d(10), Kind::Daily).day, 1);
        for n in 11..19 {
            assert!(!c.visit(d(n), Kind::Daily).due, "{n}");
        }
        assert_eq!(c.visit(d(19), Kind::Daily), Verdict { day: 10, due: true });
        // A report on the same day as a daily note covers the later notes of that day.
        let mut c = Cadence::default();
        for n in 0..9 {
            c.visit(d(n), Kind::Daily);
        }
        assert!(!c.visit(d(9), Kind::Progress).due);
        assert!(!c.visit(d(9), Kind::Daily).due);
    }

    #[test]
    fn an_initial_evaluation_is_day_one() {
        let mut c = Cadence::default();
        for _ in 0..5 {
            c.visit(None, Kind::Daily);
        }
        assert_eq!(c.visit(None, Kind::Evaluation).day, 1);
        let days: Vec<Verdict> = (0..9).map(|_| c.visit(None, Kind::Daily)).collect();
        assert_eq!(days[8], Verdict { day: 10, due: true });
    }
}
