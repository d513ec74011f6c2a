//! Progress facts: measure pairs the note states (current against initial or last).
//!
//! Reads "TUG 16.8 s (initial eval 21.4 s)", "Berg 38/56 -> 44/56", "Berg 22/56 (admit 12/56)",
//! "SLS R 4 s, last visit 2 s", "10MWT 0.42 m/s (eval 0.21 m/s)". Each fact knows its direction
//! (lower TUG/5xSTS time is better, higher Berg/FGA is better, from [`crate::measures`]), whether
//! the change reaches the published minimal detectable change, and whether the current value is
//! still on the risk side of a common fall-risk cut-off (`shared/research/domain.md` §2.1).
//! Facts only restate numbers the note gives; nothing is estimated.

use serde::Serialize;

use crate::measures::{Better, Measure};
use crate::note::Note;
use crate::tokens::Token;

/// Which way a measure moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Better by the measure's own direction.
    Improved,
    /// Worse.
    Worse,
    /// The same value.
    Unchanged,
}

/// One measure pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// Measure name ("TUG").
    pub measure: &'static str,
    /// The measure's name as the note writes it ("Berg").
    pub written: String,
    /// Current value, as written in the note ("16.8 s", "44/56").
    pub current: String,
    /// Earlier value, as written ("21.4 s").
    pub baseline: String,
    /// What the earlier value was ("initial eval", "last visit"), as written.
    pub baseline_when: String,
    /// Direction of change.
    pub direction: Direction,
    /// Whether the change reaches the minimal detectable change (`None`: no MDC known).
    pub beyond_mdc: Option<bool>,
    /// Whether the current value is still on the risk side of the fall-risk cut-off.
    pub at_risk: Option<bool>,
    /// Byte range in the note the pair was read from.
    #[serde(skip)]
    pub start: usize,
    /// End of that range.
    #[serde(skip)]
    pub end: usize,
}

const WHEN: &[&str] = &[
    "initial eval", "initial evaluation", "initial", "eval", "evaluation", "ie", "last visit", "last week",
    "last session", "prior", "previous", "previously", "admit", "admission", "baseline", "soc", "start of care",
    "at eval", "on eval", "re eval", "last", "prior visit", "previous visit", "was",
];

/// Reads the measure pairs of a note.
pub fn facts(note: &Note) -> Vec<Fact> {
    let toks = &note.tokens;
    let mut out = Vec::new();
    for mv in &note.measures {
        let m: &Measure = mv.measure;
        // Token index just after the value.
        let i = toks.partition_point(|t| t.start < mv.end);
        let written = note.text[mv.start..mv.name_end].to_string();
        let cur_text = note.text[mv.value_start..mv.end].trim().to_string();
        // "(initial eval 21.4 s)" / ", last visit 2 s"
        if let Some((when, val, vtext, end)) = earlier_value(note.text, toks, i) {
            push(&mut out, m, written.clone(), mv.value, cur_text.clone(), val, vtext, when, mv.start, end);
            continue;
        }
        // "Berg 38/56 -> 44/56": the first value is the earlier one.
        if let Some((val, vtext, end)) = arrow_value(note.text, toks, i) {
            push(&mut out, m, written.clone(), val, vtext, mv.value, cur_text, String::new(), mv.start, end);
        }
    }
    out
}

/// A measure the note states with its current value only (no earlier value to compare).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Current {
    /// Measure name ("Berg").
    pub measure: &'static str,
    /// The name as the note writes it.
    pub written: String,
    /// The value as written ("41/56", "15.2 s").
    pub value: String,
    /// Byte where the name starts.
    #[serde(skip)]
    pub start: usize,
}

/// Vital signs and strength or range figures: not what a 97112 statement reports as progress.
const NOT_PROGRESS: &[&str] = &["BP", "HR", "SpO2", "PR", "RR", "Temp", "RPE", "ROM", "MMT"];

/// The measures stated with a value but no earlier one (outside goals and plans, and outside the
/// pairs of `facts`), the first of each measure, in the note's order.
pub fn current(note: &Note, facts: &[Fact]) -> Vec<Current> {
    let mut out: Vec<Current> = Vec::new();
    let mut fi = 0;
    for mv in &note.measures {
        if NOT_PROGRESS.contains(&mv.measure.name) {
            continue;
        }
        // Facts are in the order of the measures they start at.
        while fi < facts.len() && facts[fi].end <= mv.start {
            fi += 1;
        }
        if facts.get(fi).is_some_and(|f| f.start <= mv.start && mv.start < f.end) || facts.iter().any(|f| f.measure == mv.measure.name) {
            continue;
        }
        let si = note.sents.partition_point(|s| s.seg.end <= mv.start);
        if note.sents.get(si).is_some_and(|s| s.roles & (crate::labeller::ROLE_GOAL | crate::labeller::ROLE_PLAN) != 0) {
            continue;
        }
        if out.iter().any(|c| c.measure == mv.measure.name) {
            continue;
        }
        let value = note.text[mv.value_start..mv.end].trim().to_string();
        if value.is_empty() || value.contains(['[', ']', '\n']) {
            continue;
        }
        out.push(Current { measure: mv.measure.name, written: note.text[mv.start..mv.name_end].to_string(), value, start: mv.start });
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Fact>,
    m: &'static Measure,
    written: String,
    current: f64,
    current_text: String,
    baseline: f64,
    baseline_text: String,
    when: String,
    start: usize,
    end: usize,
) {
    let better = match m.better {
        Better::Higher => current > baseline,
        Better::Lower => current < baseline,
    };
    let direction = if current == baseline {
        Direction::Unchanged
    } else if better {
        Direction::Improved
    } else {
        Direction::Worse
    };
    let beyond_mdc = m.mdc.map(|mdc| (current - baseline).abs() >= mdc);
    let at_risk = m.cutoff.map(|c| match m.better {
        Better::Higher => current < c,
        Better::Lower => current >= c,
    });
    out.push(Fact {
        measure: m.name,
        written,
        current: current_text,
        baseline: baseline_text,
        baseline_when: when,
        direction,
        beyond_mdc,
        at_risk,
        start,
        end,
    });
}

/// A value with its unit starting at token `k`: ("21.4 s", value, end byte).
fn value_at(text: &str, toks: &[Token], k: usize) -> Option<(f64, String, usize)> {
    let t = toks.get(k)?;
    let v = t.num()?;
    let mut end = t.end;
    let mut j = k + 1;
    if toks.get(j).is_some_and(|s| s.is('/')) && toks.get(j + 1).and_then(|d| d.num()).is_some() {
        end = toks[j + 1].end;
        j += 2;
    }
    if let Some(u) = toks.get(j) {
        let ut = u.text(text);
        if u.is('%') || matches!(ut, "s" | "sec" | "secs" | "seconds" | "cm" | "m" | "reps" | "blocks") {
            end = u.end;
            if ut == "m" && toks.get(j + 1).is_some_and(|s| s.is('/')) && toks.get(j + 2).is_some() {
                end = toks[j + 2].end;
            }
        }
    }
    Some((v, text[t.start..end].to_string(), end))
}

/// Words that name the earlier value's time ("eval", "last visit", "2 wks ago"), as written;
/// `None` when the words at `k..` do not. Returns (when, next token).
fn when_words(text: &str, toks: &[Token], k: usize) -> Option<(String, usize)> {
    let mut j = k;
    // "at eval", "on the last visit", "from the last session": the frame word is not the label.
    while toks.get(j).is_some_and(|t| t.is_word(text, &["at", "on", "from", "in", "during", "the"])) {
        j += 1;
    }
    let first = j;
    let mut end;
    // "2 wks ago": a number only as a count of weeks, days or visits before "ago".
    if toks.get(j).and_then(Token::num).is_some()
        && toks.get(j + 1).is_some_and(|u| u.is_word(text, AGO_UNITS))
        && toks.get(j + 2).is_some_and(|a| a.is_word(text, &["ago"]))
    {
        return Some((text[toks[j].start..toks[j + 2].end].to_string(), j + 3));
    }
    while j < toks.len() && j < first + 4 && (toks[j].tok == crate::tokens::Tok::Word || toks[j].is('-')) {
        // A bracket or other mark is not part of the label (the draft quotes it, and a stray
        // "]" would break its placeholders).
        j += 1;
        end = j;
        let norm = text[toks[first].start..toks[end - 1].end].to_ascii_lowercase().replace('-', " ");
        // The longest label that is one: "initial eval" before "initial".
        let longer = toks.get(j).is_some_and(|t| t.tok == crate::tokens::Tok::Word) && j < first + 4 && {
            let n2 = text[toks[first].start..toks[j].end].to_ascii_lowercase().replace('-', " ");
            is_when(&n2)
        };
        if is_when(&norm) && !longer {
            return Some((text[toks[first].start..toks[end - 1].end].to_string(), end));
        }
    }
    None
}

const AGO_UNITS: &[&str] = &["wk", "wks", "week", "weeks", "day", "days", "d", "mo", "mos", "month", "months", "visit", "visits", "session", "sessions", "tx"];

fn is_when(norm: &str) -> bool {
    // "PT eval", "OT initial eval": a label ending in one.
    WHEN.iter().any(|w| norm == *w || norm.strip_suffix(w).is_some_and(|r| r.ends_with(' ') && !r.trim().contains(' ')))
        || ["last ", "previous ", "prior ", "initial "].iter().any(|p| {
            norm.strip_prefix(p).is_some_and(|r| !r.is_empty() && !r.contains(' ') && WHEN_NOUNS.contains(&r))
        })
}

/// What "last" / "previous" may qualify.
const WHEN_NOUNS: &[&str] = &["visit", "session", "tx", "treatment", "week", "wk", "appointment", "appt", "time", "eval", "evaluation", "assessment", "testing", "test", "measure", "note", "progress", "report", "month"];

/// The earlier value stated after the current one (token `i` is just after it), in the common
/// wordings: "(initial eval 21.4 s)", "[eval: 38/56]", ", last visit 2 s", "(18 s at eval)",
/// "(18 s 2 wks ago)", ", up from 38/56 at eval", "compared to 16 s last session",
/// "compared to the last session (16 s)". Returns (when, value, value as written, end byte).
fn earlier_value(text: &str, toks: &[Token], i: usize) -> Option<(String, f64, String, usize)> {
    // Allow "(", "[", ",", or "with RW and CGA (" before the comparison: look a few tokens ahead.
    let mut k = i;
    let limit = (i + 8).min(toks.len());
    let frame = |t: &Token| t.is_word(text, &["up", "down", "improved", "improving", "increased", "decreased", "declined", "worsened", "changed", "from", "compared", "vs", "versus"]);
    while k < limit && !toks[k].is('(') && !toks[k].is('[') && !toks[k].is(',') && !frame(&toks[k]) {
        if toks[k].num().is_some() || toks[k].is(';') || toks[k].is('.') {
            return None;
        }
        k += 1;
    }
    if k >= limit {
        return None;
    }
    let open = toks[k].is('(') || toks[k].is('[') || toks[k].is(',');
    let mut j = if open { k + 1 } else { k };
    while toks.get(j).is_some_and(|t| t.is_word(text, &["is", "which", "it"])) {
        j += 1;
    }
    let t = toks.get(j)?;
    // ", up from 38/56 at eval"; "improved from 21 s (eval)"
    if t.is_word(text, &["up", "down", "improved", "improving", "increased", "decreased", "declined", "worsened", "changed", "from"]) {
        let f = if t.is_word(text, &["from"]) { j } else { j + 1 };
        if !toks.get(f).is_some_and(|x| x.is_word(text, &["from"])) {
            return None;
        }
        let (v, vtext, end) = value_at(text, toks, f + 1)?;
        let after = toks.partition_point(|x| x.start < end);
        let when = when_after(text, toks, after).map(|(w, _)| w).unwrap_or_default();
        return Some((when, v, vtext, end));
    }
    // "compared to 16 s last session", "vs 16 s at eval", "compared to the last session (16 s)"
    if t.is_word(text, &["compared", "vs", "versus"]) {
        let mut c = j + 1;
        if toks.get(c).is_some_and(|x| x.is_word(text, &["to", "with"])) {
            c += 1;
        }
        if toks.get(c).is_some_and(|x| x.is('.')) {
            c += 1;
        }
        if let Some((v, vtext, end)) = value_at(text, toks, c) {
            let after = toks.partition_point(|x| x.start < end);
            let when = when_after(text, toks, after).map(|(w, _)| w).unwrap_or_default();
            return Some((when, v, vtext, end));
        }
        let (when, next) = when_words(text, toks, c)?;
        let mut n = next;
        if toks.get(n).is_some_and(|x| x.is('(') || x.is(':') || x.is(',')) {
            n += 1;
        }
        let (v, vtext, end) = value_at(text, toks, n)?;
        return Some((when, v, vtext, end));
    }
    if !open {
        return None;
    }
    // "(initial eval 21.4 s)", "[eval: 38/56]", "(2 wks ago 18 s)"
    if let Some((when, next)) = when_words(text, toks, j) {
        let n = if toks.get(next).is_some_and(|x| x.is(':') || x.is('=')) { next + 1 } else { next };
        if let Some((v, vtext, end)) = value_at(text, toks, n) {
            return Some((when, v, vtext, end));
        }
        return None;
    }
    // "(18 s at eval)", "(38/56 last week)", "(18 s 2 wks ago)": the value, then its time, then
    // the bracket closes.
    let (v, vtext, end) = value_at(text, toks, j)?;
    let after = toks.partition_point(|x| x.start < end);
    let (when, next) = when_after(text, toks, after)?;
    if !toks.get(next).is_some_and(|x| x.is(')') || x.is(']')) {
        return None;
    }
    Some((when, v, vtext, end))
}

/// The time of a value written after it: "at eval", "last week", "2 wks ago", "(eval)".
fn when_after(text: &str, toks: &[Token], k: usize) -> Option<(String, usize)> {
    if toks.get(k).is_some_and(|x| x.is('(')) {
        let (w, n) = when_words(text, toks, k + 1)?;
        return toks.get(n).is_some_and(|x| x.is(')')).then_some((w, n + 1));
    }
    when_words(text, toks, k)
}

fn arrow_value(text: &str, toks: &[Token], i: usize) -> Option<(f64, String, usize)> {
    let t = toks.get(i)?;
    let arrow = t.is('→')
        || (t.is('-') && toks.get(i + 1).is_some_and(|g| g.is('>')))
        || t.is_word(text, &["to"]);
    if !arrow {
        return None;
    }
    let k = if t.is('-') { i + 2 } else { i + 1 };
    value_at(text, toks, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Vec<Fact> {
        facts(&crate::learned::read_note(t))
    }

    #[test]
    fn reads_pairs_in_the_common_forms() {
        let f = read("TUG 16.8 s with quad cane (initial eval 21.4 s).");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].measure, f[0].current.as_str(), f[0].baseline.as_str()), ("TUG", "16.8 s", "21.4 s"));
        assert_eq!(f[0].baseline_when, "initial eval");
        assert_eq!(f[0].direction, Direction::Improved);
        assert_eq!(f[0].beyond_mdc, Some(true));
        assert_eq!(f[0].at_risk, Some(true), "16.8 s is above the 13.5 s cut-off");

        let f = read("Berg 38/56 -> 44/56 today.");
        assert_eq!((f[0].baseline.as_str(), f[0].current.as_str(), f[0].direction), ("38/56", "44/56", Direction::Improved));
        assert_eq!(f[0].beyond_mdc, Some(false), "6 points is under the MDC of 6.5");

        let f = read("Berg 22/56 (admit 12/56).");
        assert_eq!(f[0].baseline_when, "admit");
        let f = read("DHI 46/100 (eval 64/100).");
        assert_eq!(f[0].direction, Direction::Improved, "lower DHI is better");
        let f = read("mCTSIB condition 4: 18 s (eval 7 s).");
        assert_eq!((f[0].current.as_str(), f[0].baseline.as_str()), ("18 s", "7 s"));
    }

    #[test]
    fn worse_and_unchanged() {
        assert_eq!(read("TUG 15 s (last visit 13 s).")[0].direction, Direction::Worse);
        // Found by the fuzzer: a stray bracket is not part of the comparison's label.
        assert!(read("TUG 15 s (last visit ]13 s).").is_empty());
        assert_eq!(read("FGA 20/30 (eval 20/30).")[0].direction, Direction::Unchanged);
    }

    /// Issue 21: baselines in the wordings therapists use.
    #[test]
    fn reads_pairs_in_more_wordings() {
        let one = |t: &str| {
            let f = read(t);
            assert_eq!(f.len(), 1, "{t}: {f:?}");
            (f[0].baseline.clone(), f[0].current.clone(), f[0].baseline_when.clone(), f[0].direction)
        };
        assert_eq!(one("Berg 44/56 [eval 38/56]."), ("38/56".into(), "44/56".into(), "eval".into(), Direction::Improved));
        assert_eq!(one("TUG 14.1 s (last week 16 s)."), ("16 s".into(), "14.1 s".into(), "last week".into(), Direction::Improved));
        assert_eq!(one("TUG 14.1 s (2 wks ago 16 s)."), ("16 s".into(), "14.1 s".into(), "2 wks ago".into(), Direction::Improved));
        assert_eq!(one("TUG 14.1 s (16 s 2 wks ago)."), ("16 s".into(), "14.1 s".into(), "2 wks ago".into(), Direction::Improved));
        assert_eq!(one("FGA 18/30 (15/30 at eval)."), ("15/30".into(), "18/30".into(), "eval".into(), Direction::Improved));
        assert_eq!(one("Berg is 44/56, up from 38/56 at eval."), ("38/56".into(), "44/56".into(), "eval".into(), Direction::Improved));
        assert_eq!(one("DHI 30/100, down from 52/100 at initial eval."), ("52/100".into(), "30/100".into(), "initial eval".into(), Direction::Improved));
        assert_eq!(one("TUG 15 s compared to 13 s last session."), ("13 s".into(), "15 s".into(), "last session".into(), Direction::Worse));
        assert_eq!(one("TUG 15 s compared to the last session (13 s)."), ("13 s".into(), "15 s".into(), "last session".into(), Direction::Worse));
        assert_eq!(one("Berg 40/56 (PT eval: 33/56)."), ("33/56".into(), "40/56".into(), "PT eval".into(), Direction::Improved));
        // Not a time: a list of two tests.
        assert!(read("Berg 44/56, TUG 15 s.").is_empty());
        assert!(read("Berg 44/56 (with 2 LOB).").is_empty());
    }

    #[test]
    fn current_values_without_a_baseline() {
        let note = crate::learned::read_note("Berg 41/56. TUG 15.2 s with RW (eval 19 s). BP 130/80. Goal: Berg 50/56 in 4 wks.");
        let f = facts(&note);
        let c = current(&note, &f);
        let got: Vec<(&str, &str)> = c.iter().map(|c| (c.measure, c.value.as_str())).collect();
        assert_eq!(got, [("Berg", "41/56")], "{c:?}");
    }

    #[test]
    fn a_single_value_is_not_a_pair() {
        assert!(read("Berg 44/56.").is_empty());
        assert!(read("TUG 13.2 s with RW, 2 LOB.").is_empty());
    }
}
