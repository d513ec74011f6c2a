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

fn earlier_value(text: &str, toks: &[Token], i: usize) -> Option<(String, f64, String, usize)> {
    // Allow "(", ",", ";" or "with RW and CGA (" before the comparison: look a few tokens ahead.
    let mut k = i;
    let limit = (i + 8).min(toks.len());
    while k < limit && !toks[k].is('(') && !toks[k].is(',') {
        if toks[k].num().is_some() || toks[k].is(';') || toks[k].is('.') {
            return None;
        }
        k += 1;
    }
    if k >= limit {
        return None;
    }
    let open = k;
    let mut j = open + 1;
    let mut when_end = j;
    while j < toks.len() && j < open + 5 && toks[j].num().is_none() {
        // "(last visit 13 s)": words only; a bracket or other mark is not part of the label
        // (the draft quotes it, and a stray "]" would break its placeholders).
        if !(toks[j].tok == crate::tokens::Tok::Word || toks[j].is('-')) {
            return None;
        }
        when_end = j + 1;
        j += 1;
    }
    if j >= toks.len() || when_end <= open + 1 {
        return None;
    }
    let when = text[toks[open + 1].start..toks[when_end - 1].end].to_string();
    let norm = when.to_ascii_lowercase().replace('-', " ");
    if !WHEN.iter().any(|w| norm == *w || norm.starts_with(&format!("{w} ")) || norm.ends_with(&format!(" {w}"))) {
        return None;
    }
    let (v, vtext, end) = value_at(text, toks, j)?;
    Some((when, v, vtext, end))
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

    #[test]
    fn a_single_value_is_not_a_pair() {
        assert!(read("Berg 44/56.").is_empty());
        assert!(read("TUG 13.2 s with RW, 2 LOB.").is_empty());
    }
}
