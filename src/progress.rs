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
    /// A higher value, for a measure whose better direction is not known (a pair of
    /// [`other_pairs`]: "Tandem stance on foam 22 s (last visit 9 s)").
    Higher,
    /// A lower value, better direction not known.
    Lower,
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
        let mut cur_text = note.text[mv.value_start..mv.end].trim().to_string();
        let mut i = i;
        // The unit the measure's value leaves out ("Box and Blocks 31 blocks").
        if let Some((_, t, e)) = value_at(note.text, toks, toks.partition_point(|t| t.start < mv.value_start)).filter(|(_, _, e)| *e > mv.end) {
            cur_text = t;
            i = toks.partition_point(|t| t.start < e);
        }
        // "(initial eval 21.4 s)" / ", last visit 2 s"
        if let Some((when, val, vtext, end)) = earlier_value(note.text, toks, i) {
            push(&mut out, m, written.clone(), mv.value, cur_text.clone(), val, vtext, when, mv.start, end);
            continue;
        }
        // "Berg 38/56 -> 44/56": the first value is the earlier one.
        if let Some((val, vtext, end)) = arrow_value(note.text, toks, i) {
            push(&mut out, m, written.clone(), val, vtext, mv.value, cur_text, String::new(), mv.start, end);
            continue;
        }
        // "FGA 15/30, the same as last month", "(unchanged from eval)": the earlier value is this one.
        if let Some((when, end)) = same_as(note.text, toks, i) {
            push(&mut out, m, written.clone(), mv.value, cur_text.clone(), mv.value, cur_text, when, mv.start, end);
        }
    }
    out
}

/// ", the same as last month", "(same as eval)", ", unchanged from last week" after a value: the
/// time it names, and the end byte.
fn same_as(text: &str, toks: &[Token], i: usize) -> Option<(String, usize)> {
    let mut j = i;
    if toks.get(j).is_some_and(|t| t.is(',') || t.is('(')) {
        j += 1;
    }
    if toks.get(j).is_some_and(|t| t.is_word(text, &["the"])) {
        j += 1;
    }
    let same = toks.get(j).is_some_and(|t| t.is_word(text, &["same"])) && toks.get(j + 1).is_some_and(|t| t.is_word(text, &["as"]));
    let unchanged = toks.get(j).is_some_and(|t| t.is_word(text, &["unchanged"])) && toks.get(j + 1).is_some_and(|t| t.is_word(text, &["from", "since"]));
    if !same && !unchanged {
        return None;
    }
    let (when, next) = when_words(text, toks, j + 2)?;
    Some((when, toks.get(next.saturating_sub(1)).map_or(text.len(), |t| t.end)))
}

/// Words that make a phrase before a value something other than a measure's name: vital signs,
/// strength, range of motion, pain, dosage.
const NOT_A_NAME: &[&str] = &[
    "bp", "hr", "spo2", "rr", "temp", "rpe", "rom", "arom", "prom", "mmt", "strength", "pain", "x", "sets", "set",
    "reps", "min", "minutes", "units", "unit", "visit", "visits", "wk", "wks", "week", "weeks", "age", "y/o", "yo",
];
/// A patient's report verb after the subject ("Pt reports dizziness 3/10"): the name follows it.
const REPORTS: &[&str] = &["reports", "reported", "rates", "rated", "states", "stated", "notes", "endorses", "describes"];
/// Small words a name may not start or end on.
const NAME_EDGE: &[&str] = &["the", "a", "an", "to", "of", "in", "on", "at", "with", "and", "or", "for", "by", "from", "is", "was", "are", "were", "now", "today", "pt", "patient"];

/// Sitting and standing balance grades, in order ("poor", "fair+", "good-").
fn grade_at(text: &str, toks: &[Token], k: usize) -> Option<(f64, String, usize)> {
    let t = toks.get(k)?;
    let v = match t.text(text).to_ascii_lowercase().as_str() {
        "zero" => 0.0,
        "poor" => 1.0,
        "fair" => 2.0,
        "good" => 3.0,
        "normal" => 4.0,
        _ => return None,
    };
    let mut end = t.end;
    let mut v = v;
    // "fair+", "good-": a sign written against the word.
    if let Some(s) = toks.get(k + 1).filter(|s| s.start == t.end && (s.is('+') || s.is('-'))) {
        v += if s.is('+') { 0.3 } else { -0.3 };
        end = s.end;
    }
    Some((v, text[t.start..end].to_string(), end))
}

/// Before/now pairs for what has no standard measure name, in the wordings of [`facts`]:
/// "Tandem stance on foam 22 s (last visit 9 s)", "Weight bearing through the L LE 65% (eval
/// 40%)", "Forward reach 8 in, up from 5 in at eval", "dizziness 3/10 ..., down from 6/10 last
/// week", and balance grades ("Sitting balance fair (last week poor)"). The name is the note's
/// words before the value in its clause (after "Pt reports"); a clause with the patient as the
/// subject of another verb ("Child hopped ...") names no measure and is left out. Numbers get
/// [`Direction::Higher`] or [`Direction::Lower`] (which way is better is not known); grades go
/// poor < fair < good < normal. Values inside the pairs of `facts` or the note's standard
/// measures, and in goal or plan sentences, are skipped; both values must be in one unit.
pub fn other_pairs(note: &Note, facts: &[Fact]) -> Vec<Fact> {
    let text = note.text;
    let toks = &note.tokens;
    let mut out: Vec<Fact> = Vec::new();
    let mut k = 0;
    // Inside a pair of `facts` or a standard measure: both are in the note's order and do not
    // overlap, so the last one starting at or before `b` is the only one that may hold it (a
    // binary search keeps the pass linear).
    let taken = |b: usize| {
        let f = facts.partition_point(|f| f.start <= b);
        let m = note.measures.partition_point(|m| m.start <= b);
        (f > 0 && b < facts[f - 1].end) || (m > 0 && b < note.measures[m - 1].end)
    };
    while k < toks.len() {
        let t = &toks[k];
        let reader: Reader = if t.num().is_some() { value_at } else if grade_at(text, toks, k).is_some() { grade_at } else {
            k += 1;
            continue;
        };
        let grade = t.num().is_none();
        if taken(t.start) || k == 0 || toks[k - 1].is('/') || toks[k - 1].is('.') || toks[k - 1].num().is_some() {
            k += 1;
            continue;
        }
        let Some((cur, cur_text, cur_end)) = reader(text, toks, k) else {
            k += 1;
            continue;
        };
        let after = toks.partition_point(|x| x.start < cur_end);
        let Some((when, base, base_text, end)) = earlier_value_by(text, toks, after, reader) else {
            k += 1;
            continue;
        };
        let next = toks.partition_point(|x| x.start < end).max(k + 1);
        let si = note.sents.partition_point(|s| s.seg.end <= t.start);
        let plan = note.sents.get(si).is_none_or(|s| s.roles & (crate::labeller::ROLE_GOAL | crate::labeller::ROLE_PLAN) != 0 || s.seg.header);
        // The unit after the number, one spelling for each ("sec" is "s", "times" is "time").
        let unit = |v: &str| {
            let u: String = v.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim().to_ascii_lowercase();
            match u.as_str() {
                "s" | "sec" | "secs" | "seconds" => "s".to_string(),
                _ if u.len() > 3 && u.ends_with('s') => u[..u.len() - 1].to_string(),
                _ => u,
            }
        };
        let (cu, bu) = (unit(&cur_text), unit(&base_text));
        let one_unit = grade || cu == bu || cu.is_empty() || bu.is_empty();
        let name = name_before(text, toks, k);
        let sent_start = note.sents.get(si).map_or(0, |s| s.seg.start);
        match name {
            Some((written, start)) if !plan && one_unit && start >= sent_start && !when.is_empty() && !base_text.contains(['[', ']']) => {
                let direction = if cur == base {
                    Direction::Unchanged
                } else if grade {
                    if cur > base { Direction::Improved } else { Direction::Worse }
                } else if cur > base {
                    Direction::Higher
                } else {
                    Direction::Lower
                };
                out.push(Fact { measure: "", written, current: cur_text, baseline: base_text, baseline_when: when, direction, beyond_mdc: None, at_risk: None, start, end });
            }
            _ => {}
        }
        k = next;
    }
    out
}

/// The name of the value at token `k`: the note's words before it in its clause, at most seven
/// ("Tandem stance on foam", "Weight bearing through the L LE"), after a subject and its report
/// verb ("Pt reports dizziness"); `None` when there is none or it is a clause with the patient
/// doing something ("Child hopped on R foot"), a dosage, a vital sign, strength or range.
fn name_before(text: &str, toks: &[Token], k: usize) -> Option<(String, usize)> {
    use crate::tokens::Tok;
    let mut a = k;
    while a > 0 && k - a < 7 && (toks[a - 1].tok == Tok::Word || (toks[a - 1].is('-') || toks[a - 1].is('/')) && a >= 2 && toks[a - 2].tok == Tok::Word) {
        a -= 1;
    }
    // A longer run is a sentence, not a name.
    if a > 0 && k - a == 7 && toks[a - 1].tok == Tok::Word {
        return None;
    }
    // "Pt reports dizziness": the name follows the report verb.
    if let Some(r) = (a..k).find(|&i| toks[i].is_word(text, REPORTS)) {
        a = r + 1;
    }
    if (a..k).any(|i| toks[i].is_word(text, &["pt", "patient", "client", "child", "he", "she", "they", "resident", "needed", "needs", "required", "requires", "with", "using"])) {
        return None;
    }
    while a < k && toks[a].is_word(text, NAME_EDGE) {
        a += 1;
    }
    let mut b = k;
    while b > a && toks[b - 1].is_word(text, NAME_EDGE) {
        b -= 1;
    }
    if a >= b || toks[a].tok != Tok::Word {
        return None;
    }
    let words: Vec<&str> = toks[a..b].iter().filter(|t| t.tok == Tok::Word).map(|t| t.text(text)).collect();
    // The patient's or the therapist's verb ("held", "hopped", "completed") makes it a clause.
    if words.iter().any(|w| {
        let l = w.to_ascii_lowercase();
        NOT_A_NAME.contains(&l.as_str())
            || (l.len() > 4 && l.ends_with("ed") && !["speed", "need"].iter().any(|e| l.ends_with(e)))
            || ["held", "holds", "hold", "stood", "sat", "did", "took", "ran", "went", "got", "kept", "felt", "made", "maintains", "tolerates", "tolerated"].contains(&l.as_str())
    }) {
        return None;
    }
    let name = text[toks[a].start..toks[b - 1].end].split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.contains(['[', ']', '\n'])).then_some((name, toks[a].start))
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
        // "in" is a unit only where nothing follows it in its phrase ("8 in, up from 5 in at eval").
        let inches = matches!(ut, "in" | "inches" | "\"") && toks.get(j + 1).is_none_or(|n| n.tok != crate::tokens::Tok::Word || n.is_word(text, &["at", "on", "last", "from", "compared", "vs", "ago", "eval", "previously", "prior"]));
        if u.is('%') || inches || matches!(ut, "s" | "sec" | "secs" | "seconds" | "cm" | "m" | "reps" | "blocks" | "ft" | "feet" | "times" | "time" | "trials" | "steps" | "deg" | "degrees" | "min" | "lb" | "lbs" | "kg") {
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
    earlier_value_by(text, toks, i, value_at)
}

/// A value reader: the value starting at token `k`, as (value, text as written, end byte).
type Reader = fn(&str, &[Token], usize) -> Option<(f64, String, usize)>;

/// [`earlier_value`] with values read by `value_at` (numbers with units, or grades).
fn earlier_value_by(text: &str, toks: &[Token], i: usize, value_at: Reader) -> Option<(String, f64, String, usize)> {
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
            // "(was 7/10 at eval)": the time after the value says when, not "was".
            let when = match when_after(text, toks, toks.partition_point(|x| x.start < end)) {
                Some((w, _)) if when.eq_ignore_ascii_case("was") => w,
                _ => when,
            };
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

    /// Issue 21: before/now pairs for what has no standard measure name, and balance grades.
    #[test]
    fn reads_pairs_without_a_standard_name() {
        let others = |t: &str| {
            let note = crate::learned::read_note(t);
            let f = facts(&note);
            other_pairs(&note, &f).into_iter().map(|f| (f.written, f.baseline, f.current, f.baseline_when, f.direction)).collect::<Vec<_>>()
        };
        let p = |w: &str, b: &str, c: &str, when: &str, d| (w.to_string(), b.to_string(), c.to_string(), when.to_string(), d);
        assert_eq!(others("Tandem stance on foam 22 s (last visit 9 s)."), [p("Tandem stance on foam", "9 s", "22 s", "last visit", Direction::Higher)]);
        assert_eq!(others("Weight bearing through the L LE 65% (eval 40%)."), [p("Weight bearing through the L LE", "40%", "65%", "eval", Direction::Higher)]);
        assert_eq!(others("Forward reach 8 in, up from 5 in at eval."), [p("Forward reach", "5 in", "8 in", "eval", Direction::Higher)]);
        assert_eq!(others("Pt reports dizziness 3/10 with quick head turns, down from 6/10 last week."), [p("dizziness", "6/10", "3/10", "last week", Direction::Lower)]);
        assert_eq!(others("Sitting balance fair (last week poor)."), [p("Sitting balance", "poor", "fair", "last week", Direction::Improved)]);
        assert_eq!(others("Static standing balance fair- (eval fair+)."), [p("Static standing balance", "fair+", "fair-", "eval", Direction::Worse)]);
        // A standard measure is read by `facts`, not again here.
        assert!(others("TUG 14 s (eval 18 s).").is_empty());
        // The patient doing something names no measure; a dosage, pain or a goal is no pair; two
        // units are no pair.
        assert!(others("Child hopped on R foot 4 times (3 wks ago 1 time).").is_empty());
        assert!(others("Pain 3/10 (eval 7/10).").is_empty());
        assert!(others("Goal: tandem stance 30 s (eval 5 s).").is_empty());
        assert!(others("Step-ups 12 reps (last visit 40 s).").is_empty());
        assert!(others("Tandem stance 20 s, SLS 5 s.").is_empty());
        assert!(others("Semi-tandem EC held 14 s (last visit 9 s).").is_empty(), "a verb makes it a clause");
        // The unit the standard measure's value leaves out is kept.
        let f = read("Box and Blocks 31 blocks compared to the last session (26 blocks).");
        assert_eq!((f[0].current.as_str(), f[0].baseline.as_str()), ("31 blocks", "26 blocks"), "{f:?}");
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
