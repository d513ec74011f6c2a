//! Billed minutes and units read from free text, and the unit arithmetic.
//!
//! ## The grammar
//!
//! One sentence is read in two linear passes.
//!
//! 1. **Lexing** turns tokens into elements:
//!    * `Code`: a CPT code ("97112") or a code name ("NMR", "neuro re-ed", "Manual Therapy");
//!    * `Qty`: a quantity, `N min` / `N mins` / `N'` / `N-minute` (minutes), `N units` / `N u` /
//!      `x N` / `×N` (units), `(N)` (units right after a code), a bare `N` (a table cell), or a
//!      labelled value `Timed min 30`, `Units 2`, `Minutes: 38`. A label that says timed may name
//!      nouns and link its value by a colon, `=`, a dash or a copula (`Timed code treatment
//!      minutes: 45`, `timed mins - 31`, `Minutes (timed): 38`, `Time-based codes: 38 min`,
//!      `timed minutes were 38`). Words after the number may say what total it is: `38 total
//!      timed minutes`, `38 timed minutes`, `40 min of timed treatment` (timed), `45 min total`
//!      (a list's total), `45 minutes total treatment time` (a session);
//!    * `Anchor`: a total label, `Total timed minutes:`, `total units`, `Total treatment time:`,
//!      `Treatment time (timed):`, `Total time-based minutes:`, and in prose `total timed code
//!      treatment time was`, `the total time spent in timed procedures was` (words such as
//!      "spent in" belong to a label only when it says timed);
//!    * `Session`: a session length (`seen for 30 min tx`, `participated in 90 minutes of OT`,
//!      `30 min session`) or a clock range (`10:00-10:45`); `Clock`: `time in 10:02` / `out 10:40`;
//!    * `Sep` (`,` `;` `|` `/`), `Eq` (`=`), `Fill` (brackets, dashes, colons, `CPT`, `code`,
//!      `billed`, `for`, `of` ...) and `Stop` (any other word or number).
//!
//!    Doses are `Stop`: `3 x 30 s`, `2x/wk`, `x 10 reps`, and a number followed by any other
//!    word. So "NuStep 10 min" yields a quantity with no code, which is dropped. Untimed minutes
//!    (`untimed 15`, `Non-timed minutes: 15`, `15 min untimed`) are one `Stop`.
//! 2. **Grouping**: a group is a maximal run of elements without a `Stop`. In a group, a code name
//!    next to its CPT code is one code ("97112 (NMR)", "neuromuscular reeducation, code 97112").
//!    Each quantity goes to a code next to it: first to a neighbour with no separator in between
//!    (`(15 min), 97112` binds left, `, 15 min ther ex` binds right), then to the one side that
//!    has a code, then to the side whose slot is empty. A quantity that finds its slot full in a
//!    group of several codes is the group's total ("97110 x1 (12 min), 97112 x2 (24 min) = 3
//!    units"). Quantities after a total anchor are that total (`=` between them is no matter). A
//!    labelled quantity with no code ("Timed min 30") is a total. A quantity that says what
//!    total it is (timed, or `N min total`) joins a total anchor only right after it, into an
//!    empty slot (and makes it timed: "total of 38 timed minutes"), so the timed minutes after
//!    "Total treatment time: 53 min;" stay their own total; in a group of several codes it is
//!    the group's total, not the last code's minutes ("97112 x 2, 97110 x 1 - 45 min total");
//!    "N total timed minutes" is always a total. `N min total` with no code and `N min timed`
//!    with no code or anchor in the group are doses ("walked 6 min total").
//!
//! Every loop advances by at least one token or element, and every look-ahead (a label, an
//! anchor, the words after a number, an untimed phrase) reads at most a dozen tokens, so reading
//! is linear and ends.
//!
//! ## The arithmetic
//!
//! [`check`] merges mentions of the same code across the note (a billing line wins over
//! per-activity minutes, which add up), leaves out untimed codes (evaluations, 97150 group,
//! supervised modalities) and rows billed 0 units, and takes the minutes from, in order: a
//! stated total of timed minutes, the sum of the timed codes' minutes, a stated total that does
//! not say "timed", the session length or time in / time out (a fallback: it may include untimed
//! work, so it only flags units above what it supports). Then the 8-minute rule (CMS 100-04 ch.5
//! §20.2) on the day's total timed minutes, or, as a per-payer option, the per-service "rule of
//! 8s". Sums are taken in `u64` and capped at `u32::MAX` with a notice.

use std::collections::HashMap;

use crate::lexicon::{Hit, Kinds};
use crate::options::UnitRule;
use crate::tokens::{Tok, Token, Words};

/// Code names that bill like a code: the lexicon holds them (`crate::lexicon::CODE_NAMES`, so the
/// flow stays one way: lexicon, then billing).
pub use crate::lexicon::CODE_NAMES;

/// The CPT code a code name stands for.
pub fn code_for_name(name: &str) -> &'static str {
    let n = name.to_ascii_lowercase().replace('-', " ");
    if n.starts_with("ther ex") || n.starts_with("therex") || n.starts_with("therapeutic exercise") || n == "te" {
        "97110"
    } else if n.starts_with("ther act") || n.starts_with("theract") || n.starts_with("therapeutic activit") {
        "97530"
    } else if n.starts_with("gait") {
        "97116"
    } else if n.starts_with("manual") {
        "97140"
    } else if n.starts_with("self care") || n.starts_with("adl") || n.starts_with("home management") {
        "97535"
    } else if n.starts_with("group") {
        "97150"
    } else {
        "97112"
    }
}

/// Untimed (service-based) codes: their minutes do not count toward units.
const UNTIMED: &[&str] = &[
    "97010", "97012", "97014", "97016", "97018", "97022", "97024", "97026", "97028", "97150", "97161", "97162",
    "97163", "97164", "97165", "97166", "97167", "97168", "97169", "97170", "97171", "97172",
];

/// True for a timed (15-minute) code.
pub fn is_timed(code: &str) -> bool {
    !UNTIMED.contains(&code)
}

/// Units that `minutes` of timed treatment support: 8-22 -> 1, 23-37 -> 2, ...; under 8 -> 0.
pub fn units_for(minutes: u32) -> u32 {
    if minutes < 8 {
        0
    } else {
        (minutes - 8) / 15 + 1
    }
}

/// What a billing item states.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ItemKind {
    /// Minutes and/or units of one code ("97112 x 2 (30 min)").
    #[default]
    Code,
    /// A stated total ("Total timed minutes: 38", "total units 3", "= 4 units" after a list).
    Total,
    /// A session length or a time in / time out pair: a fallback for the minutes only.
    Session,
    /// A time in alone ("Time in: 10:02"); `at` holds the minute of the day.
    TimeIn,
    /// A time out alone ("Time out: 10:40"); `at` holds the minute of the day.
    TimeOut,
}

/// One billing item, in bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// CPT code, if the text named one or a code name implies it (always set for `Code`).
    pub code: Option<String>,
    /// Minutes stated.
    pub minutes: Option<u32>,
    /// Units stated.
    pub units: Option<u32>,
    /// True for every kind but [`ItemKind::Code`] (a total, a session, a time in or out).
    pub total: bool,
    /// For a total: it counts timed minutes only ("total timed", "Timed min 30", a sum of codes).
    pub timed: bool,
    /// What the item states.
    pub kind: ItemKind,
    /// A code's minutes inside an activity line ("Tandem stance 3 x 30 s, 10 min, NMR"): these
    /// add up per code, and a billing line for the same code wins over them.
    pub activity: bool,
    /// Minute of the day, for a time in or out.
    pub at: Option<u32>,
    /// Byte range.
    pub start: usize,
    /// Byte range end.
    pub end: usize,
}

fn is_cpt(t: &Token, note: &str) -> bool {
    matches!(t.tok, Tok::Num(_)) && t.end - t.start == 5 && note[t.start..t.end].starts_with("97")
}

fn as_count(v: f64) -> Option<u32> {
    (v >= 0.0 && v.fract() == 0.0 && v < 10_000.0).then_some(v as u32)
}

// ---------------------------------------------------------------------------------------------
// Lexing
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Q {
    Min,
    Units,
    /// A number alone: a table cell or the value after a total label.
    Bare,
    /// "(2)": units right after a code.
    Paren,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lab {
    /// No label: "30 min".
    None,
    /// A label without a colon: "Units 2".
    Word,
    /// A label with a colon: "Minutes: 38".
    Colon,
    /// A label that says timed: "Timed min 30", "Timed mins: 24", "38 timed minutes".
    Timed,
    /// Words after the number that say it is a total: "45 min total" (a list's total),
    /// "38 total timed minutes" (`timed`).
    Total { timed: bool },
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum E {
    Code { code: String, cpt: bool },
    Anchor { timed: bool, session: bool, hint: Option<Q> },
    Qty { q: Q, v: u32, lab: Lab },
    Session(u32),
    Clock { out: bool, at: u32 },
    Sep,
    Eq,
    Fill,
    Stop,
}

struct El {
    e: E,
    start: usize,
    end: usize,
}

const MIN_WORDS: &[&str] = &["min", "mins", "minute", "minutes", "mn", "mns"];
const UNIT_WORDS: &[&str] = &["unit", "units", "u", "un"];
const FILL_WORDS: &[&str] = &[
    "cpt", "code", "codes", "billed", "billing", "bill", "charges", "charge", "charged", "for", "of", "time", "timed",
    "treatment", "tx", "and",
];
const TOTAL_WORDS: &[&str] = &["total", "totals"];
/// Nouns a timed total may name: "timed code treatment minutes", "time-based services".
const TIMED_NOUNS: &[&str] = &[
    "code", "codes", "cpt", "treatment", "tx", "therapy", "service", "services", "procedure", "procedures", "intervention",
    "interventions", "billable", "direct", "skilled",
];
/// Words that link a total's label to its value: "was 40 minutes".
const COPULAS: &[&str] = &["was", "were", "is", "are", "equals", "equaled", "totaled", "totalled", "totaling", "totalling"];
/// Prose between "total" and "timed": "the total time spent in timed procedures".
const PROSE: &[&str] = &[
    "spent", "in", "on", "performing", "performed", "provided", "delivered", "with", "patient", "pt", "one", "to", "face",
    "procedure", "procedures", "intervention", "interventions", "skilled",
];
/// Words after a value that begin another billing element ("Timed minutes: 40  Total ...").
const NEXT_ELEMENT: &[&str] = &["total", "totals", "untimed", "nontimed", "non", "units", "unit"];
const SESSION_AFTER: &[&str] = &["tx", "treatment", "session", "visit", "therapy", "rx"];
const SESSION_OF: &[&str] =
    &["ot", "pt", "st", "therapy", "treatment", "tx", "skilled", "physical", "occupational", "speech", "session", "rehab"];

/// Every word a billing element can start with (see `Lx::may_start`): "untimed", "non-timed",
/// totals and session anchors, timed / minutes / units labels, "in"/"out" clock times, "x 2".
const START_WORDS: &[&str] = &[
    "untimed", "nontimed", "non", "total", "totals", "treatment", "tx", "session", "therapy", "visit", "timed", "time",
    "min", "mins", "minute", "minutes", "mn", "mns", "units", "unit", "in", "out", "x",
];

// The word lists the billing reader asks of many tokens, as `Words` filters (`tokens::Words`):
// one bit test turns most tokens away before a list is scanned.
static IN_COPULAS: Words = Words::new(COPULAS);
static IN_FILL_WORDS: Words = Words::new(FILL_WORDS);
static IN_MIN_WORDS: Words = Words::new(MIN_WORDS);
static IN_NEXT_ELEMENT: Words = Words::new(NEXT_ELEMENT);
static IN_PROSE: Words = Words::new(PROSE);
static IN_SESSION_AFTER: Words = Words::new(SESSION_AFTER);
static IN_SESSION_OF: Words = Words::new(SESSION_OF);
static IN_START_WORDS: Words = Words::new(START_WORDS);
static IN_TIMED_NOUNS: Words = Words::new(TIMED_NOUNS);
static IN_TOTAL_WORDS: Words = Words::new(TOTAL_WORDS);
static IN_UNIT_WORDS: Words = Words::new(UNIT_WORDS);

struct Lx<'a> {
    note: &'a str,
    toks: &'a [Token],
}

impl Lx<'_> {
    fn word(&self, i: usize, ws: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_word(self.note, ws))
    }
    fn word_in(&self, i: usize, ws: &Words) -> bool {
        self.toks.get(i).is_some_and(|t| ws.has(self.note, t))
    }
    fn punct(&self, i: usize, cs: &[char]) -> bool {
        self.toks.get(i).is_some_and(|t| cs.iter().any(|c| t.is(*c)))
    }
    fn count(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(Token::num).and_then(as_count)
    }
    fn is_wordtok(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.tok == Tok::Word)
    }
    fn min_word(&self, i: usize) -> bool {
        self.word_in(i, &IN_MIN_WORDS) || self.punct(i, &['\'', '’', '′'])
    }

    /// "10:02", "1:30 pm": the minute of the day and the token after it.
    fn clock(&self, i: usize) -> Option<(u32, usize)> {
        let h = self.toks.get(i)?;
        let c = self.toks.get(i + 1)?;
        let m = self.toks.get(i + 2)?;
        let hv = self.count(i).filter(|v| *v <= 24 && h.end - h.start <= 2)?;
        let mv = self.count(i + 2).filter(|v| *v < 60 && m.end - m.start == 2)?;
        if !c.is(':') || c.start != h.end || m.start != c.end {
            return None;
        }
        let mut at = hv * 60 + mv;
        let mut j = i + 3;
        let am = self.word(j, &["am", "a"]);
        let pm = self.word(j, &["pm", "p"]);
        if am || pm {
            if pm && hv < 12 {
                at += 720;
            }
            if am && hv == 12 {
                at -= 720;
            }
            j += 1;
            // "a.m." / "p.m."
            if self.punct(j, &['.']) && self.word(j + 1, &["m"]) {
                j += 2;
                if self.punct(j, &['.']) {
                    j += 1;
                }
            }
        }
        Some((at % 1440, j))
    }

    /// A word that says timed, and the token after it: "timed", "time-based", "time based",
    /// "(timed)", "(timed codes)".
    fn timed_at(&self, i: usize) -> Option<usize> {
        if self.word(i, &["timed"]) {
            return Some(i + 1);
        }
        if self.word(i, &["time"]) {
            return if self.punct(i + 1, &['-']) && self.word(i + 2, &["based"]) {
                Some(i + 3)
            } else {
                self.word(i + 1, &["based"]).then_some(i + 2)
            };
        }
        if self.punct(i, &['(']) && self.word(i + 1, &["timed"]) {
            let mut j = i + 2;
            while j < i + 5 && self.word_in(j, &IN_TIMED_NOUNS) {
                j += 1;
            }
            return self.punct(j, &[')']).then_some(j + 1);
        }
        None
    }

    /// A word that says untimed, and the token after it: "untimed", "non-timed", "nontimed".
    fn untimed_at(&self, i: usize) -> Option<usize> {
        if self.word(i, &["untimed", "nontimed"]) {
            Some(i + 1)
        } else if self.word(i, &["non"]) {
            let j = if self.punct(i + 1, &['-']) { i + 2 } else { i + 1 };
            self.word(j, &["timed"]).then_some(j + 1)
        } else {
            None
        }
    }

    /// "untimed 15", "Untimed minutes: 15", "non-timed codes 10 min": minutes that are not billed
    /// time, read as one `Stop` so that their number attaches to nothing.
    fn untimed(&self, i: usize) -> Option<(E, usize)> {
        let mut j = self.untimed_at(i)?;
        while j < i + 6 && (self.word_in(j, &IN_TIMED_NOUNS) || self.word_in(j, &IN_MIN_WORDS) || self.punct(j, &[':', '=', '-'])) {
            j += 1;
        }
        if self.count(j).is_some() {
            j += 1;
            if self.min_word(j) {
                j += 1;
            }
        }
        Some((E::Stop, j))
    }

    /// True when token `j` may follow a billing value: not a word, a filler word, "today", or the
    /// start of another billing element. A value followed by any other word is a dose ("38 min
    /// walking").
    fn boundary(&self, j: usize) -> bool {
        !self.is_wordtok(j) || self.word_in(j, &IN_FILL_WORDS) || self.word_in(j, &IN_NEXT_ELEMENT) || self.word(j, &["today"])
    }

    /// "Total timed minutes", "total units", "Total treatment time", "Treatment time (timed)",
    /// "Total time-based minutes", "total timed code treatment time was", "the total time spent
    /// in timed procedures was".
    fn anchor(&self, i: usize) -> Option<(E, usize)> {
        let starts_session = self.word(i, &["treatment", "tx", "session", "therapy", "visit"])
            && self.word(i + 1, &["time", "length", "duration"]);
        if !self.word_in(i, &IN_TOTAL_WORDS) && !starts_session {
            return None;
        }
        let (mut timed, mut session, mut hint) = (false, starts_session, None);
        // Where the anchor ends unless it says timed: prose ("spent in ...") belongs to a timed
        // total only, so "total time spent standing" stays what it was.
        let mut plain: Option<(usize, bool, Option<Q>)> = None;
        let mut j = i + 1;
        while j < self.toks.len() && j < i + 12 {
            if let Some(e) = self.timed_at(j) {
                timed = true;
                j = e;
                continue;
            }
            if self.word(j, &["treatment", "tx", "therapy", "session", "visit", "time", "length", "duration", "direct", "contact"]) {
                session = true;
            } else if self.word_in(j, &IN_MIN_WORDS) {
                hint = Some(Q::Min);
            } else if self.word(j, &["units", "unit"]) {
                hint = Some(Q::Units);
            } else if self.word_in(j, &IN_PROSE) {
                plain = plain.or(Some((j, session, hint)));
            } else if !self.word(j, &["code", "codes", "billable", "billed", "service", "services", "of", "cpt"]) && !self.word_in(j, &IN_COPULAS) {
                break;
            }
            j += 1;
        }
        if let Some((pj, ps, ph)) = plain.filter(|_| !timed) {
            (j, session, hint) = (pj, ps, ph);
        }
        Some((E::Anchor { timed, session: session && !timed, hint }, j))
    }

    /// "Timed min 30", "Timed mins: 24", "Units 2", "Minutes: 38", "units billed: 2", and the
    /// timed labels: "timed mins - 31", "Timed code treatment minutes: 45", "Minutes (timed): 38",
    /// "Timed treatment: 38 min", "Time-based codes: 38 min", "timed minutes were 38".
    fn label(&self, i: usize) -> Option<(E, usize)> {
        if self.punct(i, &['(']) {
            return None;
        }
        // The head: a word that says timed, minutes or units, and (after timed) nouns.
        let (mut j, mut timed, mut q, mut nouns) = (i, false, None, false);
        while j < i + 6 {
            if let Some(e) = self.timed_at(j) {
                timed = true;
                j = e;
                continue;
            }
            if q.is_none() && self.word_in(j, &IN_MIN_WORDS) {
                q = Some(Q::Min);
            } else if q.is_none() && self.word(j, &["units", "unit"]) {
                q = Some(Q::Units);
            } else if j > i && (self.word_in(j, &IN_TIMED_NOUNS) || self.word(j, &["of", "total", "billed"])) {
                // "units billed" is a plain head; other nouns need "timed".
                nouns |= !self.word(j, &["billed"]);
            } else {
                break;
            }
            j += 1;
        }
        // Without "timed" only the plain head ("Minutes:", "units billed") is a label.
        if j == i || !timed && (nouns || q.is_none()) {
            return None;
        }
        let colon = self.punct(j, &[':', '=']) || timed && (self.punct(j, &['-', '–', '—']) || self.word_in(j, &IN_COPULAS));
        if colon {
            j += 1;
        }
        let v = self.count(j)?;
        j += 1;
        if q != Some(Q::Units) && self.min_word(j) {
            q = Some(Q::Min);
            j += 1;
        }
        let q = q?;
        if !self.boundary(j) {
            return Some((E::Stop, j));
        }
        let lab = if timed {
            Lab::Timed
        } else if colon {
            Lab::Colon
        } else {
            Lab::Word
        };
        Some((E::Qty { q, v, lab }, j))
    }

    /// The words at `k` after a number `v` (and its minutes word, when `min_before`) that say what
    /// total it is:
    /// "38 total timed minutes", "38 timed minutes", "45 min total", "40 min of timed treatment",
    /// "45 minutes total treatment time" (a session), "15 min untimed" (not billed time).
    fn postfix(&self, v: u32, k: usize, min_before: bool) -> Option<(E, usize)> {
        if let Some(e) = self.untimed_at(k) {
            return Some((E::Stop, e));
        }
        let (mut timed, mut total, mut session, mut nouns, mut min, mut j) = (false, false, false, false, min_before, k);
        while j < k + 8 {
            if let Some(e) = self.timed_at(j) {
                timed = true;
                j = e;
                continue;
            }
            if self.word_in(j, &IN_TOTAL_WORDS) {
                total = true;
            } else if self.word_in(j, &IN_MIN_WORDS) {
                min = true;
            } else if self.word(j, &["treatment", "tx", "therapy", "session", "visit", "time"]) {
                session = true;
                nouns = true;
            } else if self.word_in(j, &IN_TIMED_NOUNS) || j == k && self.word(j, &["of"]) {
                nouns = true;
            } else {
                break;
            }
            j += 1;
        }
        if !(timed || total) || !self.boundary(j) && !self.word_in(j, &IN_COPULAS) {
            return None;
        }
        // "timed" alone after the number or its minutes ("(40 timed, 15 untimed)", "NMR 38 min
        // timed"): minutes only where a code or total label is near, as "standing 3 min timed" is
        // a dose (see `group`).
        if timed && !total && !nouns && min == min_before {
            return (min || !self.is_wordtok(j)).then_some((E::Qty { q: Q::Bare, v, lab: Lab::Timed }, j));
        }
        if !min {
            return None;
        }
        Some(if timed {
            (E::Qty { q: Q::Min, v, lab: if total { Lab::Total { timed: true } } else { Lab::Timed } }, j)
        } else if session {
            (E::Session(v), j)
        } else {
            (E::Qty { q: Q::Min, v, lab: Lab::Total { timed: false } }, j)
        })
    }

    /// "seen for 30 min", "30 min tx", "participated in 90 minutes of OT": a session length.
    fn session(&self, i: usize, j: usize) -> Option<usize> {
        let before = |k: usize, ws: &[&str]| i >= k && self.word(i - k, ws);
        if self.word_in(j, &IN_SESSION_AFTER) {
            return Some(j + 1);
        }
        if self.word(j, &["of"]) && self.word_in(j + 1, &IN_SESSION_OF) {
            return Some(j + 2);
        }
        if before(1, &["for"]) && before(2, &["seen", "treated", "saw", "worked"])
            || before(1, &["in"]) && before(2, &["participated", "engaged"])
        {
            return Some(j);
        }
        None
    }

    /// Quantities and doses starting at token `i`.
    fn quantity(&self, i: usize) -> Option<(E, usize)> {
        let t = &self.toks[i];
        // "x 2", "×2", "x2 units", "x15 min"; "x 30 s" and "x 10 reps" are doses.
        if t.is_word(self.note, &["x"]) || t.is('×') {
            let v = self.count(i + 1)?;
            let k = i + 2;
            return Some(if self.min_word(k) {
                (E::Qty { q: Q::Min, v, lab: Lab::None }, k + 1)
            } else if self.word_in(k, &IN_UNIT_WORDS) {
                (E::Qty { q: Q::Units, v, lab: Lab::None }, k + 1)
            } else if self.is_wordtok(k) && !self.word_in(k, &IN_FILL_WORDS) || self.punct(k, &['/', 'x', '×']) {
                (E::Stop, k)
            } else {
                (E::Qty { q: Q::Units, v, lab: Lab::None }, k)
            });
        }
        if t.is('(') {
            let v = self.count(i + 1)?;
            return self.punct(i + 2, &[')']).then_some((E::Qty { q: Q::Paren, v, lab: Lab::None }, i + 3));
        }
        if !matches!(t.tok, Tok::Num(_)) {
            return None;
        }
        let Some(v) = self.count(i) else {
            return Some((E::Stop, i + 1));
        };
        let k = i + 1;
        if self.word(k, &["x"]) || self.punct(k, &['×']) {
            // "3 x 30 s" (a dose) or "2x/wk" (a frequency).
            let mut j = k + 1;
            if self.count(j).is_some() {
                j += 1;
                if self.is_wordtok(j) {
                    j += 1;
                }
            }
            return Some((E::Stop, j));
        }
        // "2u (24m)": a bare "m" glued to the number reads as minutes only right after units.
        let glued_m = self.word(k, &["m"])
            && self.toks[k].start == t.end
            && (i.saturating_sub(3)..i).any(|u| self.word_in(u, &IN_UNIT_WORDS));
        let min_end = if self.min_word(k) || glued_m {
            Some(k + 1)
        } else if self.punct(k, &['-']) && self.word_in(k + 1, &IN_MIN_WORDS) {
            Some(k + 2)
        } else {
            None
        };
        if let Some(j) = min_end.and_then(|j| self.session(i, j)) {
            return Some((E::Session(v), j));
        }
        if let Some(x) = self.postfix(v, min_end.unwrap_or(k), min_end.is_some()) {
            return Some(x);
        }
        if let Some(j) = min_end {
            return Some((E::Qty { q: Q::Min, v, lab: Lab::None }, j));
        }
        if self.word_in(k, &IN_UNIT_WORDS) {
            return Some((E::Qty { q: Q::Units, v, lab: Lab::None }, k + 1));
        }
        if self.is_wordtok(k) && !self.word_in(k, &IN_FILL_WORDS) || self.punct(k, &['/', '%', '°']) {
            return Some((E::Stop, k));
        }
        Some((E::Qty { q: Q::Bare, v, lab: Lab::None }, k))
    }

    /// "time in 10:02", "out: 10:40", "10:00-10:45", "10:00 to 10:45".
    fn clock_phrase(&self, i: usize) -> Option<(E, usize)> {
        if self.word(i, &["in", "out"]) {
            let out = self.word(i, &["out"]);
            let j = if self.punct(i + 1, &[':', '-']) { i + 2 } else { i + 1 };
            let (at, k) = self.clock(j)?;
            return Some((E::Clock { out, at }, k));
        }
        let (a, k) = self.clock(i)?;
        if self.punct(k, &['-', '–', '—']) || self.word(k, &["to"]) {
            if let Some((b, m)) = self.clock(k + 1) {
                return Some(match duration(a, b) {
                    Some(d) => (E::Session(d), m),
                    None => (E::Stop, m),
                });
            }
        }
        Some((E::Stop, k))
    }

    /// False for a token none of `untimed`, `anchor`, `label`, `clock_phrase` and `quantity` can
    /// start with (most words of a sentence): one look instead of five readers' word tests.
    fn may_start(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.tok {
            Tok::Num(_) | Tok::Punct('(' | '×') => true,
            Tok::Punct(_) => false,
            Tok::Word => IN_START_WORDS.has(self.note, t),
        }
    }

    fn other(&self, i: usize) -> E {
        let t = &self.toks[i];
        match t.tok {
            Tok::Punct(',' | ';' | '|' | '/') => E::Sep,
            Tok::Punct('=') => E::Eq,
            Tok::Punct('(' | ')' | '[' | ']' | ':' | '-' | '–' | '—' | '@' | '*' | '•' | '#' | '+' | '&' | '·' | '>' | '→') => E::Fill,
            Tok::Word if IN_FILL_WORDS.has(self.note, t) => E::Fill,
            _ => E::Stop,
        }
    }
}

/// Minutes from `a` to `b` (minutes of the day), reading a 12-hour clock when `b` looks earlier.
fn duration(a: u32, b: u32) -> Option<u32> {
    let mut d = i64::from(b) - i64::from(a);
    while d <= 0 && d > -1440 {
        d += 720;
    }
    (1..=480).contains(&d).then_some(d as u32)
}

fn lex(note: &str, toks: &[Token], hits: &[Hit]) -> Vec<El> {
    let lx = Lx { note, toks };
    let mut names: Vec<&Hit> = hits.iter().filter(|h| h.kinds.any(Kinds::CODE_NAME)).collect();
    crate::order::sort_by_key(&mut names, |h| h.start);
    let mut hi = 0;
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        while hi < names.len() && names[hi].start < t.start {
            hi += 1;
        }
        let name = names.get(hi).filter(|h| h.start == t.start);
        let (e, j) = if is_cpt(t, note) {
            (E::Code { code: t.text(note).to_string(), cpt: true }, i + 1)
        } else if let Some(h) = name {
            // Skip the name's tokens; always at least one, so a token that runs on past the
            // name ("NMR's") cannot stall the reader.
            let mut j = i + 1;
            while j < toks.len() && toks[j].start < h.end {
                j += 1;
            }
            (E::Code { code: code_for_name(&note[h.start..h.end]).to_string(), cpt: false }, j)
        } else if let Some(x) = lx.may_start(i).then(|| {
            lx.untimed(i).or_else(|| lx.anchor(i)).or_else(|| lx.label(i)).or_else(|| lx.clock_phrase(i)).or_else(|| lx.quantity(i))
        }).flatten()
        {
            x
        } else {
            (lx.other(i), i + 1)
        };
        let j = j.clamp(i + 1, toks.len());
        out.push(El { e, start: t.start, end: toks[j - 1].end });
        i = j;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Grouping
// ---------------------------------------------------------------------------------------------

/// A code or total in a group, with what was attached to it.
struct Anchor {
    code: Option<String>,
    cpt: bool,
    /// For a total anchor: (timed, session, hint).
    total: Option<(bool, bool, Option<Q>)>,
    first: usize,
    last: usize,
    minutes: Option<u32>,
    units: Option<u32>,
    start: usize,
    end: usize,
}

/// A resolved quantity in a group.
struct Qt {
    el: usize,
    q: Q,
    v: u32,
    lab: Lab,
}

fn group(g: &[El], out: &mut Vec<Item>) {
    let item = |kind: ItemKind, start: usize, end: usize| Item { total: kind != ItemKind::Code, kind, start, end, ..Item::default() };
    // Sessions and clocks.
    let (mut tin, mut tout): (Option<&El>, Option<&El>) = (None, None);
    for el in g {
        match el.e {
            E::Session(v) => out.push(Item { minutes: Some(v), ..item(ItemKind::Session, el.start, el.end) }),
            E::Clock { out: false, .. } => tin = tin.or(Some(el)),
            E::Clock { out: true, .. } => tout = tout.or(Some(el)),
            _ => {}
        }
    }
    let at = |e: &El| match e.e {
        E::Clock { at, .. } => at,
        _ => 0,
    };
    match (tin, tout) {
        (Some(a), Some(b)) => {
            if let Some(d) = duration(at(a), at(b)) {
                out.push(Item { minutes: Some(d), ..item(ItemKind::Session, a.start.min(b.start), a.end.max(b.end)) });
            }
        }
        (Some(a), None) => out.push(Item { at: Some(at(a)), ..item(ItemKind::TimeIn, a.start, a.end) }),
        (None, Some(b)) => out.push(Item { at: Some(at(b)), ..item(ItemKind::TimeOut, b.start, b.end) }),
        (None, None) => {}
    }
    // Codes and totals are items only with a quantity: a group without one ("97112", "NMR")
    // gives nothing more.
    if !g.iter().any(|e| matches!(e.e, E::Qty { .. })) {
        return;
    }

    // Anchors, merging a code name with its CPT code.
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut seps = vec![0usize; g.len() + 1]; // seps[k] = separators among g[..k]
    let mut since_anchor_qty = false; // a quantity or "=" since the last anchor
    let mut since_anchor_sep = false;
    for (k, el) in g.iter().enumerate() {
        seps[k + 1] = seps[k] + usize::from(el.e == E::Sep);
        match &el.e {
            E::Code { code, cpt } => {
                if let Some(a) = anchors.last_mut().filter(|a| a.total.is_none() && !since_anchor_qty && a.cpt != *cpt) {
                    let same = a.code.as_deref() == Some(code.as_str());
                    if same || !since_anchor_sep {
                        if *cpt {
                            a.code = Some(code.clone());
                            a.cpt = true;
                        }
                        a.last = k;
                        a.end = el.end;
                        since_anchor_sep = false;
                        continue;
                    }
                }
                anchors.push(Anchor { code: Some(code.clone()), cpt: *cpt, total: None, first: k, last: k, minutes: None, units: None, start: el.start, end: el.end });
                since_anchor_qty = false;
                since_anchor_sep = false;
            }
            E::Anchor { timed, session, hint } => {
                anchors.push(Anchor { code: None, cpt: false, total: Some((*timed, *session, *hint)), first: k, last: k, minutes: None, units: None, start: el.start, end: el.end });
                since_anchor_qty = false;
                since_anchor_sep = false;
            }
            E::Qty { .. } | E::Eq => since_anchor_qty = true,
            E::Sep => since_anchor_sep = true,
            _ => {}
        }
    }
    let anchor_at: Vec<Option<usize>> = {
        let mut v = vec![None; g.len()];
        for (n, a) in anchors.iter().enumerate() {
            v[a.last] = Some(n);
        }
        v
    };

    // Resolve bare numbers and "(2)" by what precedes them.
    let mut qs: Vec<Qt> = Vec::new();
    let mut prev: Option<usize> = None; // last element that is not Fill or "="
    let next_of = |k: usize| g[k + 1..].iter().position(|e| e.e != E::Fill).map(|p| k + 1 + p);
    for (k, el) in g.iter().enumerate() {
        if let E::Qty { q, v, lab } = el.e {
            let after_code = prev.and_then(|p| anchor_at[p]).filter(|n| anchors[*n].total.is_none());
            let after_total = prev.and_then(|p| anchor_at[p]).and_then(|n| anchors[n].total);
            let after_cell = prev.and_then(|p| qs.last().filter(|x| x.el == p && x.lab == Lab::None && x.q == Q::Units && matches!(g[p].e, E::Qty { q: Q::Bare, .. })));
            let resolved = match q {
                Q::Paren => after_code.map(|_| Q::Units),
                Q::Bare => {
                    let next = next_of(k).map(|n| &g[n].e);
                    if lab == Lab::Timed {
                        // "(40 timed, 15 untimed)": minutes where a code or total is near.
                        (!anchors.is_empty()).then_some(Q::Min)
                    } else if let Some((_, _, hint)) = after_total {
                        Some(hint.unwrap_or(Q::Min))
                    } else if after_code.is_some() && matches!(next, Some(E::Qty { q: Q::Min | Q::Bare, .. })) {
                        Some(Q::Units)
                    } else if after_cell.is_some() && matches!(next, None | Some(E::Sep)) {
                        Some(Q::Min)
                    } else {
                        None
                    }
                }
                q => Some(q),
            };
            if let Some(q) = resolved {
                qs.push(Qt { el: k, q, v, lab });
            }
        }
        if !matches!(el.e, E::Fill | E::Eq) {
            prev = Some(k);
        }
    }

    // Attach each quantity: first where nothing separates it from a code, then anywhere.
    let starts_with_qty = g.iter().find(|e| !matches!(e.e, E::Fill | E::Sep)).is_some_and(|e| matches!(e.e, E::Qty { .. }));
    let n_codes = anchors.iter().filter(|a| a.total.is_none()).count();
    let mut left = vec![None; qs.len()];
    let mut right = vec![None; qs.len()];
    {
        let mut n = 0;
        for (x, q) in qs.iter().enumerate() {
            while n < anchors.len() && anchors[n].last < q.el {
                n += 1;
            }
            left[x] = n.checked_sub(1);
            // Quantities attach to a total only from after it.
            right[x] = anchors.get(n).filter(|a| a.total.is_none()).map(|_| n);
        }
    }
    let sep_between = |a: usize, b: usize| seps[b] > seps[a + 1];
    let mut placed = vec![false; qs.len()];
    let mut group_total = Anchor { code: None, cpt: false, total: None, first: 0, last: 0, minutes: None, units: None, start: usize::MAX, end: 0 };
    let all_timed = anchors.iter().filter_map(|a| a.code.as_deref()).all(is_timed);
    let put = |a: &mut Anchor, q: &Qt, el: &El, group_total: &mut Anchor| {
        let slot = if q.q == Q::Min { &mut a.minutes } else { &mut a.units };
        if slot.is_none() {
            *slot = Some(q.v);
            a.start = a.start.min(el.start);
            a.end = a.end.max(el.end);
        } else if n_codes >= 2 {
            let slot = if q.q == Q::Min { &mut group_total.minutes } else { &mut group_total.units };
            slot.get_or_insert(q.v);
            group_total.start = group_total.start.min(el.start);
            group_total.end = group_total.end.max(el.end);
        }
    };
    for pass in 0..2 {
        for x in 0..qs.len() {
            if placed[x] {
                continue;
            }
            let q = &qs[x];
            let empty = |n: usize| if q.q == Q::Min { anchors[n].minutes.is_none() } else { anchors[n].units.is_none() };
            // A quantity that says what total it is ("38 timed minutes", "45 min total") joins a
            // total label only right after it, into an empty slot; it is the group's total when
            // the group has several codes (one code: its minutes), or always when it says
            // "total timed".
            let says = matches!(q.lab, Lab::Timed | Lab::Total { .. });
            let own_total = match q.lab {
                Lab::Total { timed: true } => true,
                Lab::Timed | Lab::Total { .. } => n_codes >= 2,
                _ => false,
            };
            let fits = |n: &usize| match anchors[*n].total {
                Some(_) => !says || !sep_between(anchors[*n].last, q.el) && empty(*n),
                None => !own_total,
            };
            let l = left[x].filter(|n| pass == 1 || !sep_between(anchors[*n].last, q.el)).filter(fits);
            let r = right[x].filter(|n| pass == 1 || !sep_between(q.el, anchors[*n].first)).filter(fits);
            let target = match (l, r) {
                (Some(l), Some(r)) if pass == 0 => Some(if starts_with_qty { r } else { l }),
                (Some(l), Some(r)) => {
                    Some(match (empty(l), empty(r)) {
                        (true, false) => l,
                        (false, true) => r,
                        _ if starts_with_qty => r,
                        _ => l,
                    })
                }
                (l, r) => l.or(r),
            };
            if let Some(n) = target {
                // "total of 38 timed minutes": the label's total is a timed one.
                if matches!(q.lab, Lab::Timed | Lab::Total { timed: true }) {
                    if let Some(t) = anchors[n].total.as_mut() {
                        (t.0, t.1) = (true, false);
                    }
                }
                put(&mut anchors[n], q, &g[q.el], &mut group_total);
                placed[x] = true;
            }
        }
    }
    // Labelled quantities with no code: "Timed min 30", "Units: 3", "38 total timed minutes";
    // "45 min total" is a total only after codes.
    for (x, q) in qs.iter().enumerate() {
        let take = match q.lab {
            Lab::Timed | Lab::Colon | Lab::Total { timed: true } => true,
            Lab::Total { timed: false } => n_codes >= 1,
            _ => false,
        };
        if !placed[x] && take {
            let el = &g[q.el];
            if matches!(q.lab, Lab::Timed | Lab::Total { timed: true }) {
                group_total.total = Some((true, false, None));
            }
            let slot = if q.q == Q::Min { &mut group_total.minutes } else { &mut group_total.units };
            slot.get_or_insert(q.v);
            group_total.start = group_total.start.min(el.start);
            group_total.end = group_total.end.max(el.end);
        }
    }
    let timed_total = group_total.total.is_some_and(|t| t.0) || n_codes >= 2 && all_timed;
    group_total.total = Some((timed_total, false, None));
    anchors.push(group_total);

    for a in anchors {
        if a.minutes.is_none() && a.units.is_none() {
            continue;
        }
        let (kind, timed) = match a.total {
            None => (ItemKind::Code, false),
            Some((_, true, _)) => (ItemKind::Session, false),
            Some((t, false, _)) => (ItemKind::Total, t),
        };
        let mut it = Item { code: a.code, minutes: a.minutes, units: a.units, timed, ..item(kind, a.start, a.end) };
        if kind == ItemKind::Session {
            it.units = None;
        }
        if it.minutes.is_some() || it.units.is_some() {
            out.push(it);
        }
    }
}

/// Reads billing items from one sentence's tokens and lexicon hits, in text order.
pub fn items(note: &str, toks: &[Token], hits: &[Hit]) -> Vec<Item> {
    // Every item holds a number (a code, minutes, units, a clock time): most sentences have none.
    if !toks.iter().any(|t| t.num().is_some()) {
        return Vec::new();
    }
    let els = lex(note, toks, hits);
    let mut out = Vec::new();
    let mut i = 0;
    while i < els.len() {
        if els[i].e == E::Stop {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < els.len() && els[j].e != E::Stop {
            j += 1;
        }
        group(&els[i..j], &mut out);
        i = j;
    }
    crate::order::sort_by_key(&mut out, |i| (i.start, i.end));
    // A code's minutes on a line that also names an activity are that activity's minutes.
    let acts: Vec<&Hit> =
        hits.iter().filter(|h| h.kinds.any(Kinds::ACTIVITY | Kinds::GENERIC) && !h.kinds.any(Kinds::CODE_NAME)).collect();
    if let (Some(first_end), Some(last_start)) = (acts.iter().map(|h| h.end).min(), acts.iter().map(|h| h.start).max()) {
        for it in out.iter_mut().filter(|i| i.kind == ItemKind::Code) {
            it.activity = first_end <= it.start || last_start >= it.end;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The arithmetic
// ---------------------------------------------------------------------------------------------

/// One code's minutes and units, merged over every mention in the note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeTotal {
    /// CPT code.
    pub code: String,
    /// Minutes: the last billing line's, else the sum of its per-activity minutes.
    pub minutes: Option<u32>,
    /// Units: the last billing line's, else the last per-activity mention's.
    pub units: Option<u32>,
    /// A timed (15-minute) code.
    pub timed: bool,
    /// True when it counts toward the day's timed totals: timed and not billed 0 units.
    pub counted: bool,
    /// Units its own minutes support (per service, as the rule of 8s reads them).
    pub supported: Option<u32>,
    /// Byte range of the first mention.
    pub start: usize,
    /// Byte range end of the first mention.
    pub end: usize,
}

/// Where the day's timed minutes came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinutesFrom {
    /// "Total timed minutes: 38", "total timed 38 min".
    StatedTimedTotal,
    /// The timed codes' own minutes, added.
    SumOfCodes,
    /// A total that does not say timed ("Total: 38 min").
    StatedTotal,
    /// Session length or time in / time out (fallback).
    Session,
}

/// The result of the unit check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Total timed minutes used.
    pub minutes: Option<u32>,
    /// Total units billed on timed codes.
    pub units: Option<u32>,
    /// Units the minutes support.
    pub supported: Option<u32>,
    /// A sentence that shows the arithmetic, when units and minutes disagree.
    pub mismatch: Option<String>,
    /// Every code billed, merged across the note, in order of first mention.
    pub codes: Vec<CodeTotal>,
    /// Where `minutes` came from.
    pub minutes_from: Option<MinutesFrom>,
    /// Set when a sum ran past `u32::MAX` and was capped.
    pub notice: Option<String>,
}

/// Merges the mentions of each code across the note.
pub fn per_code(items: &[Item]) -> Vec<CodeTotal> {
    struct Acc {
        bill_min: Option<u32>,
        bill_units: Option<u32>,
        act_min: Option<u64>,
        act_units: Option<u32>,
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<(CodeTotal, Acc)> = Vec::new();
    for it in items.iter().filter(|i| i.kind == ItemKind::Code) {
        let Some(code) = it.code.as_deref() else { continue };
        let n = *index.entry(code).or_insert_with(|| {
            let timed = is_timed(code);
            let c = CodeTotal { code: code.to_string(), minutes: None, units: None, timed, counted: timed, supported: None, start: it.start, end: it.end };
            out.push((c, Acc { bill_min: None, bill_units: None, act_min: None, act_units: None }));
            out.len() - 1
        });
        let acc = &mut out[n].1;
        if it.activity {
            if let Some(m) = it.minutes {
                acc.act_min = Some(acc.act_min.unwrap_or(0).saturating_add(u64::from(m)));
            }
            acc.act_units = it.units.or(acc.act_units);
        } else {
            acc.bill_min = it.minutes.or(acc.bill_min);
            acc.bill_units = it.units.or(acc.bill_units);
        }
    }
    out.into_iter()
        .map(|(mut c, a)| {
            c.minutes = a.bill_min.or(a.act_min.map(|m| u32::try_from(m).unwrap_or(u32::MAX)));
            c.units = a.bill_units.or(a.act_units);
            c.counted = c.timed && c.units != Some(0);
            c.supported = c.minutes.map(units_for);
            c
        })
        .collect()
}

/// Adds in `u64`; `None` when any term is missing or there are none; sets `capped` past u32.
fn sum(vals: impl Iterator<Item = Option<u32>>, capped: &mut bool) -> Option<u32> {
    let mut total: Option<u64> = None;
    for v in vals {
        total = Some(total.unwrap_or(0) + u64::from(v?));
    }
    total.map(|t| {
        if t > u64::from(u32::MAX) {
            *capped = true;
        }
        u32::try_from(t).unwrap_or(u32::MAX)
    })
}

/// Applies `rule` to the billing items of a note.
pub fn check(items: &[Item], rule: UnitRule) -> Check {
    let codes = per_code(items);
    let timed: Vec<&CodeTotal> = codes.iter().filter(|c| c.counted).collect();
    let totals = || items.iter().filter(|i| i.kind == ItemKind::Total);
    let stated_timed = totals().filter(|i| i.timed).find_map(|i| i.minutes);
    let stated_any = totals().find_map(|i| i.minutes);
    let stated_units = totals().find_map(|i| i.units);
    let session = items.iter().filter(|i| i.kind == ItemKind::Session).find_map(|i| i.minutes).or_else(|| {
        let tin = items.iter().find(|i| i.kind == ItemKind::TimeIn).and_then(|i| i.at)?;
        let tout = items.iter().find(|i| i.kind == ItemKind::TimeOut).and_then(|i| i.at)?;
        duration(tin, tout)
    });
    // Session time may include untimed work: not a fallback when an untimed code is billed.
    let untimed_billed = codes.iter().any(|c| !c.timed && c.units != Some(0));
    let mut capped = false;
    let code_minutes = if timed.is_empty() { None } else { sum(timed.iter().map(|c| c.minutes), &mut capped) };
    let code_units = if timed.is_empty() { None } else { sum(timed.iter().map(|c| c.units), &mut capped) };
    let (minutes, from) = if let Some(m) = stated_timed {
        (Some(m), Some(MinutesFrom::StatedTimedTotal))
    } else if let Some(m) = code_minutes {
        (Some(m), Some(MinutesFrom::SumOfCodes))
    } else if let Some(m) = stated_any {
        (Some(m), Some(MinutesFrom::StatedTotal))
    } else if let Some(m) = session.filter(|_| !untimed_billed) {
        (Some(m), Some(MinutesFrom::Session))
    } else {
        (None, None)
    };
    let units = stated_units.or(code_units);
    let notice = capped.then(|| {
        format!("The billed minutes or units add up to more than {}; the total is capped there and is not a real count.", u32::MAX)
    });
    let mut c = Check { minutes, units, supported: None, mismatch: None, codes: Vec::new(), minutes_from: from, notice };
    match rule {
        UnitRule::Medicare => {
            let supported = minutes.map(units_for);
            c.mismatch = match (minutes, units, supported) {
                // Session time is a fallback: it only shows units above what it could support.
                (Some(m), Some(u), Some(s)) if u != s && (from != Some(MinutesFrom::Session) || u > s) => {
                    let parts: Vec<String> =
                        timed.iter().filter_map(|c| c.minutes.map(|mm| format!("{} {mm} min", c.code))).collect();
                    let how = match from {
                        Some(MinutesFrom::SumOfCodes) if parts.len() > 1 => {
                            format!("{} = {m} total timed minutes", parts.join(" + "))
                        }
                        Some(MinutesFrom::StatedTotal) => format!("{m} total minutes"),
                        Some(MinutesFrom::Session) => format!("{m} minutes of session time (no timed minutes stated)"),
                        _ => format!("{m} total timed minutes"),
                    };
                    let billed: Vec<String> = timed.iter().filter_map(|c| c.units.map(|uu| uu.to_string())).collect();
                    let billed = if billed.len() > 1 && stated_units.is_none() {
                        format!("{} = {u}", billed.join(" + "))
                    } else {
                        u.to_string()
                    };
                    Some(format!(
                        "{billed} units billed, but {how} support {s} unit{} under the 8-minute rule ({}).",
                        if s == 1 { "" } else { "s" },
                        band(m)
                    ))
                }
                _ => None,
            };
            c.supported = supported;
        }
        UnitRule::RuleOfEights => {
            let mut bad = Vec::new();
            let mut supported_sum: Option<u64> = Some(0);
            for t in &timed {
                match (t.minutes, t.units) {
                    (Some(m), Some(u)) => {
                        let s = units_for(m);
                        supported_sum = supported_sum.map(|x| x + u64::from(s));
                        if s != u {
                            bad.push(format!("{} billed {u} for {m} min, which supports {s} ({})", t.code, band(m)));
                        }
                    }
                    _ => supported_sum = None,
                }
            }
            c.mismatch = (!bad.is_empty()).then(|| format!("Per-service rule of 8s: {}.", bad.join("; ")));
            c.supported = supported_sum.filter(|_| !timed.is_empty()).map(|s| u32::try_from(s).unwrap_or(u32::MAX));
        }
    }
    c.codes = codes;
    c
}

/// The minute band of the 8-minute table that `m` falls in, as text.
fn band(m: u32) -> String {
    if m < 8 {
        "fewer than 8 minutes bill no unit".into()
    } else {
        let u = units_for(m);
        let lo = 8 + u64::from(u - 1) * 15;
        format!("{lo}-{} min = {u} unit{}", lo + 14, if u == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Hit, Lexicon};
    use crate::tokens::tokenize;

    fn parse(t: &str) -> Vec<Item> {
        items(t, &tokenize(t, 0, t.len()), &Lexicon::get().scan(t))
    }

    fn mu(t: &str) -> Vec<(Option<u32>, Option<u32>)> {
        parse(t).iter().map(|i| (i.minutes, i.units)).collect()
    }

    #[test]
    fn reads_the_common_billing_lines() {
        assert_eq!(mu("97112 x 2 units (30 min)."), [(Some(30), Some(2))]);
        assert_eq!(mu("NMR 38 min (3 units)."), [(Some(38), Some(3))]);
        assert_eq!(mu("97112 x2."), [(None, Some(2))]);
        assert_eq!(mu("97112: 25 min"), [(Some(25), None)]);
        assert_eq!(mu("Time: 97112 53 min = 4 units."), [(Some(53), Some(4))]);
        assert_eq!(mu("NMR 31 min, 2 units."), [(Some(31), Some(2))]);
        assert_eq!(mu("NMR x 3 units (37 min)."), [(Some(37), Some(3))]);
        assert_eq!(mu("97110 x1 (15 min), 97112 x2 (23 min); total timed 38 min."), [(Some(15), Some(1)), (Some(23), Some(2)), (Some(38), None)]);
        assert_eq!(mu("Billing: 97110 x 1, 97112 x 2."), [(None, Some(1)), (None, Some(2))]);
        assert_eq!(mu("Total timed minutes: 38. CPT 97112 x3"), [(Some(38), None), (None, Some(3))]);
    }

    #[test]
    fn mentions_and_activity_minutes_are_not_billing() {
        assert!(parse("Gait training (97116): kitchen to bathroom, 3 laps.").is_empty());
        assert!(parse("NMR (97112) to address impaired balance.").is_empty());
        assert!(parse("Ther ex: bike 8 min, quad sets.").is_empty());
        assert!(parse("Continue NMR 2x/wk.").is_empty());
        assert!(parse("Pt seen for NMR.").is_empty());
    }

    #[test]
    fn a_code_name_running_on_past_its_hit_ends() {
        // Used to loop forever: the token "NMR's" ends after the code-name hit "NMR".
        let _ = parse("Billed 97112: NMR's, 2 units.");
        let _ = parse("97112 te'o te'e");
        let _ = parse("97112 TE's TE's 3 units");
    }

    #[test]
    fn eight_minute_rule_table() {
        let cases = [(7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4), (67, 4), (68, 5), (82, 5), (83, 6)];
        for (m, u) in cases {
            assert_eq!(units_for(m), u, "{m} min");
        }
    }

    #[test]
    fn mismatch_shows_the_arithmetic() {
        let c = check(&parse("97112 x 2 (22 min), 97116 x 2 (16 min)."), UnitRule::Medicare);
        let msg = c.mismatch.unwrap();
        assert!(msg.contains("97112 22 min + 97116 16 min = 38 total timed minutes"), "{msg}");
        assert!(msg.contains("2 + 2 = 4 units billed"), "{msg}");
        assert!(msg.contains("support 3 units"), "{msg}");
        assert!(check(&parse("97112 x 2 units (30 min)."), UnitRule::Medicare).mismatch.is_none());
        // Only one of the two stated: silent.
        assert!(check(&parse("97112 x 2 units."), UnitRule::Medicare).mismatch.is_none());
        assert!(check(&parse("NMR 38 min."), UnitRule::Medicare).mismatch.is_none());
    }

    #[test]
    fn rule_of_eights_is_per_service() {
        // Two 10-minute services: Medicare bills 1 unit for 20 min total; rule of 8s bills 1 each.
        let items = parse("97112 x 1 (10 min), 97110 x 1 (10 min).");
        assert!(check(&items, UnitRule::Medicare).mismatch.is_some());
        assert!(check(&items, UnitRule::RuleOfEights).mismatch.is_none());
        let items = parse("97112 x 1 (7 min), 97110 x 1 (8 min).");
        assert!(check(&items, UnitRule::RuleOfEights).mismatch.is_some());
    }
    type Codes = Vec<(String, Option<u32>, Option<u32>)>;

    /// (code, minutes, units) per merged code, and the note's (minutes, units).
    fn note(t: &str) -> (Codes, Option<u32>, Option<u32>) {
        let mut all = Vec::new();
        for line in t.split('\n') {
            let off = line.as_ptr() as usize - t.as_ptr() as usize;
            let toks = tokenize(t, off, off + line.len());
            let hits: Vec<Hit> = Lexicon::get()
                .scan(t)
                .into_iter()
                .filter(|h| h.start >= off && h.end <= off + line.len())
                .collect();
            all.extend(items(t, &toks, &hits));
        }
        let c = check(&all, UnitRule::Medicare);
        (c.codes.iter().map(|c| (c.code.clone(), c.minutes, c.units)).collect(), c.minutes, c.units)
    }

    fn one(code: &str, m: Option<u32>, u: Option<u32>) -> Codes {
        vec![(code.to_string(), m, u)]
    }

    #[test]
    fn minutes_before_or_after_the_code_name() {
        assert_eq!(note("NMR 38 min"), (one("97112", Some(38), None), Some(38), None));
        assert_eq!(note("38 min NMR"), (one("97112", Some(38), None), Some(38), None));
        assert_eq!(note("neuro re-ed: 38 minutes"), (one("97112", Some(38), None), Some(38), None));
        assert_eq!(note("Neuromuscular re-education 97112: 23 minutes"), (one("97112", Some(23), None), Some(23), None));
        assert_eq!(note("Neuromuscular Reeducation (97112) - 31 minutes - 2 units"), (one("97112", Some(31), Some(2)), Some(31), Some(2)));
    }

    #[test]
    fn unit_forms() {
        assert_eq!(note("97112 x2"), (one("97112", None, Some(2)), None, Some(2)));
        assert_eq!(note("97112 ×2 (28 min)"), (one("97112", Some(28), Some(2)), Some(28), Some(2)));
        assert_eq!(note("97112 (2)"), (one("97112", None, Some(2)), None, Some(2)));
        assert_eq!(note("97112 — 37', 2 units"), (one("97112", Some(37), Some(2)), Some(37), Some(2)));
        assert_eq!(note("NMR - 21 mins - 2u"), (one("97112", Some(21), Some(2)), Some(21), Some(2)));
        assert_eq!(note("97112: 2u (24m)"), (one("97112", Some(24), Some(2)), Some(24), Some(2)));
        assert_eq!(note("Walked 2 laps (10m) in 97112 x2 (25 min)"), (one("97112", Some(25), Some(2)), Some(25), Some(2)));
        assert_eq!(note("Timed min 30 | Units 2 (97112)"), (one("97112", Some(30), Some(2)), Some(30), Some(2)));
        assert_eq!(note("Charges: 97112 (2)   Timed mins: 24"), (one("97112", Some(24), Some(2)), Some(24), Some(2)));
        assert_eq!(note("97112 – 2 units / 31 minutes"), (one("97112", Some(31), Some(2)), Some(31), Some(2)));
        assert_eq!(note("97112: 45-minute session"), (vec![], Some(45), None));
    }

    #[test]
    fn mentions_merge_across_the_note() {
        let t = "CPT: 97112 x3\nTandem stance on foam 3 x 30 s with CGA.\nReviewed HEP.\nTotal timed minutes: 38";
        assert_eq!(note(t), (one("97112", None, Some(3)), Some(38), Some(3)));
        // The same code named twice: one code, the facts combined.
        let t = "Charges: 97112 (2)\nNeuro re-ed 97112: 26 min.";
        assert_eq!(note(t), (one("97112", Some(26), Some(2)), Some(26), Some(2)));
        // Per-activity minutes of one code add up; a billing line for the code wins over them.
        let t = "Tandem stance 3 x 30 s, 10 min, NMR\nStep taps to cones, 12 min, NMR";
        assert_eq!(note(t), (one("97112", Some(22), None), Some(22), None));
        let t = "Tandem stance 3 x 30 s, 10 min, NMR\n97112 x2 (25 min)";
        assert_eq!(note(t), (one("97112", Some(25), Some(2)), Some(25), Some(2)));
    }

    #[test]
    fn billing_table_rows() {
        let t = "Manual Therapy 1 8 minutes\nTherapeutic Exercise 1 15 minutes\nNeuromuscular Re-education 2 23 minutes";
        let codes = vec![
            ("97140".to_string(), Some(8), Some(1)),
            ("97110".to_string(), Some(15), Some(1)),
            ("97112".to_string(), Some(23), Some(2)),
        ];
        assert_eq!(note(t), (codes, Some(46), Some(4)));
        let t = "97112  NMR  2  30\n97110  TE  1  12";
        let codes = vec![("97112".to_string(), Some(30), Some(2)), ("97110".to_string(), Some(12), Some(1))];
        assert_eq!(note(t), (codes, Some(42), Some(3)));
    }

    #[test]
    fn coder_style_prose() {
        assert_eq!(note("24 minutes of neuromuscular reeducation, code 97112"), (one("97112", Some(24), None), Some(24), None));
        assert_eq!(note("We billed 2 units of 97112 for 30 minutes."), (one("97112", Some(30), Some(2)), Some(30), Some(2)));
        assert_eq!(note("38 min NMR, 15 min ther ex"), (vec![("97112".into(), Some(38), None), ("97110".into(), Some(15), None)], Some(53), None));
    }

    #[test]
    fn several_codes_untimed_and_zero_unit_rows_left_out() {
        let t = "97161 x1 (30 min)\n97110 x1 (12 min), 97530 x1 (10 min), 97116 x1 (8 min), 97140 x1 (9 min), 97535 x1 (9 min), 97112 x2 (25 min)";
        let (codes, m, u) = note(t);
        assert_eq!(codes.len(), 7);
        assert_eq!((m, u), (Some(73), Some(7)));
        // Group therapy and a 0-unit row do not count.
        let t = "97150 group x1 (30 min)\n97530 0 units (5 min)\n97112 x2 (30 min)";
        assert_eq!((note(t).1, note(t).2), (Some(30), Some(2)));
        let c = check(&parse("97110 x1 (12 min), 97112 x2 (24 min), 97140 x1 (8 min) = 4 units"), UnitRule::Medicare);
        assert_eq!((c.minutes, c.units, c.supported), (Some(44), Some(4), Some(3)));
        assert!(c.mismatch.is_some());
        // Evaluation with session time: the session is not a fallback for the timed minutes.
        let t = "PT evaluation 97162 x1\nPt seen for 60 min tx.\n97112 x1";
        assert_eq!(note(t).1, None);
    }

    #[test]
    fn session_length_and_time_in_out_are_a_fallback() {
        assert_eq!(note("Pt seen for 30 min tx on this date.\n97112 x2"), (one("97112", None, Some(2)), Some(30), Some(2)));
        assert_eq!(note("Time in 10:02, time out 10:40\n97112 x3"), (one("97112", None, Some(3)), Some(38), Some(3)));
        assert_eq!(note("Time in: 10:02\nTime out: 10:40\n97112 x3"), (one("97112", None, Some(3)), Some(38), Some(3)));
        assert_eq!(note("Session 10:00-10:45.\n97112 x3"), (one("97112", None, Some(3)), Some(45), Some(3)));
        assert_eq!(note("12:50 to 1:30\nNMR x3"), (one("97112", None, Some(3)), Some(40), Some(3)));
        assert_eq!(note("Pt participated in 90 minutes of OT."), (vec![], Some(90), None));
        assert_eq!(note("Total treatment time: 45 min"), (vec![], Some(45), None));
        // Per-code minutes win over the session; a stated timed total wins over both.
        assert_eq!(note("Total treatment time: 45 min\n97112 x2 (30 min)").1, Some(30));
        assert_eq!(note("Total treatment time: 45 min\n97112 x2 (30 min)\nTotal timed minutes: 32").1, Some(32));
        // Session time flags only units above what it supports.
        let over = check(&parse("Seen for 30 min tx, 97112 x 3"), UnitRule::Medicare);
        assert!(over.mismatch.unwrap().contains("session time"));
        assert!(check(&parse("Seen for 45 min tx, 97112 x 2"), UnitRule::Medicare).mismatch.is_none());
        assert_eq!(parse("Pt seen for 30 min tx.")[0].kind, ItemKind::Session);
    }

    #[test]
    fn activity_doses_are_not_billing() {
        for t in [
            "NuStep 10 min",
            "bike 8 min",
            "Recumbent bike x15 min for warm up.",
            "Continue NMR 2x/wk.",
            "Gait training (97116): kitchen to bathroom",
            "NMR (97112) to address impaired balance.",
            "Standing tolerance 6 min with SBA.",
            "Pt tolerated standing for 5 minutes.",
            "VOR x1 seated, 2 x 1 min",
            "NMR: tandem stance 3 x 30 s, SLS 3 x 10 s.",
            "Total of 3 LOB during the session.",
            "Min A x 2 for transfers, min verbal cues.",
            "s/p total knee 3 weeks ago",
            "10 min of finger flexion and extension",
            "Gait training 3 x 100 ft with RW.",
        ] {
            assert!(parse(t).is_empty(), "{t}: {:?}", parse(t));
        }
    }

    #[test]
    fn billed_nmr_apostrophe_reads_units() {
        assert_eq!(mu("Billed 97112: NMR's, 2 units."), [(None, Some(2))]);
    }

    #[test]
    fn huge_sums_saturate() {
        // 2,000 distinct timed "codes" of u32::MAX / 1000 minutes each: the sum passes u32::MAX.
        let items: Vec<Item> = (0..2000u32)
            .map(|k| Item { code: Some(format!("X{k}")), minutes: Some(u32::MAX / 1000), units: Some(1), start: k as usize, end: k as usize + 1, ..Item::default() })
            .collect();
        let c = check(&items, UnitRule::Medicare);
        assert_eq!(c.minutes, Some(u32::MAX));
        assert!(c.notice.as_deref().is_some_and(|n| n.contains("capped")), "{:?}", c.notice);
        let c = check(&items, UnitRule::RuleOfEights);
        assert!(c.supported.is_some());
        // Many billing lines read from text: no panic, a correct sum.
        let text = "97112 x1 (9999 min), 97110 x1 (9999 min), 97530 x 1 (9999 min). ".repeat(2000);
        let c = check(&parse(&text), UnitRule::Medicare);
        assert_eq!(c.minutes, Some(3 * 9999));
    }

    /// A note read whole: its timed minutes, where they came from, its units, whether the
    /// 8-minute flag fires, and the texts labelled `time`.
    struct Read {
        minutes: Option<u32>,
        from: Option<MinutesFrom>,
        units: Option<u32>,
        flag: bool,
        time: Vec<String>,
    }

    fn read(t: &str) -> Read {
        let r = crate::analyze(t, &crate::Options::default());
        let all: Vec<Item> = t
            .split('\n')
            .flat_map(|line| {
                let off = line.as_ptr() as usize - t.as_ptr() as usize;
                let hits: Vec<Hit> = Lexicon::get().scan(t).into_iter().filter(|h| h.start >= off && h.end <= off + line.len()).collect();
                items(t, &tokenize(t, off, off + line.len()), &hits)
            })
            .collect();
        let c = check(&all, UnitRule::Medicare);
        assert_eq!(r.billing.total_timed_minutes, c.minutes, "{t}");
        let time = r.annotations.iter().filter(|a| a.label == crate::Label::Time).map(|a| t[a.span.start as usize..a.span.end as usize].to_string());
        Read {
            minutes: c.minutes,
            from: c.minutes_from,
            units: c.units,
            flag: r.findings.iter().any(|f| f.code == "units_minutes_mismatch"),
            time: time.collect(),
        }
    }

    /// `t` states `m` total timed minutes, labelled `time` over the number.
    fn timed_total(t: &str, m: u32) -> Read {
        let r = read(t);
        assert_eq!((r.minutes, r.from), (Some(m), Some(MinutesFrom::StatedTimedTotal)), "{t}");
        assert!(r.time.iter().any(|s| s.contains(&m.to_string())), "{t}: time {:?}", r.time);
        r
    }

    #[test]
    fn totals_of_timed_minutes_in_every_wording() {
        // The number first.
        timed_total("38 total timed minutes", 38);
        timed_total("38 timed minutes.", 38);
        timed_total("Pt received 40 min of timed treatment today.", 40);
        timed_total("41 min total timed", 41);
        // The label first, with a dash, "=", a copula or a parenthesis.
        timed_total("timed mins - 31", 31);
        timed_total("Total timed minutes = 41", 41);
        timed_total("Timed treatment: 38 min", 38);
        timed_total("Minutes (timed): 38", 38);
        timed_total("Time-based codes: 38 min", 38);
        timed_total("Timed code minutes total: 38", 38);
        timed_total("Timed minutes were 39.", 39);
        timed_total("Total billable timed minutes: 41", 41);
        timed_total("Total direct timed minutes 38", 38);
        timed_total("Total minutes of timed treatment: 40", 40);
        timed_total("Pt received a total of 38 timed minutes.", 38);
        // CMS / flowsheet wordings.
        timed_total("Timed Code Treatment Minutes: 40  Total Treatment Time: 55", 40);
        timed_total("Timed minutes 38, untimed 15", 38);
        timed_total("Timed minutes 38 untimed 15", 38);
        timed_total("total of 38 timed minutes", 38);
        timed_total("Total time-based minutes: 40", 40);
        timed_total("Treatment time (timed): 38 min", 38);
        timed_total("Total: 55 min (40 timed, 15 untimed)", 40);
        timed_total("Total time 60 min (timed 45 min)", 45);
        timed_total("Untimed minutes: 15. Timed minutes: 40.", 40);
        // Prose.
        timed_total("The total time spent in timed procedures was 38 minutes.", 38);
        timed_total("Total timed code treatment time was 40 minutes and total treatment time 55 minutes.", 40);
        // The session length is stated too: the timed total wins (C-BILL-2).
        timed_total("Total treatment time: 53 min; timed code treatment minutes: 45.", 45);
        timed_total("Total Treatment Time: 55 min\nTimed Code Treatment Minutes: 40", 40);
        // A list of codes with their units, then a dash and the total.
        timed_total("97112 x 2, 97110 x 1 - 45 min total", 45);
        timed_total("NMR 25 min, ther ex 15 min; 40 min total timed", 40);
        timed_total("97112 x2, 97110 x1 = 38 timed min", 38);
        timed_total("97112 x 2\n97110 x 1\nTotal timed minutes = 41", 41);
    }

    #[test]
    fn a_total_wording_reads_no_code_minutes() {
        // The list's total is not the last code's minutes.
        assert_eq!(mu("97112 x 2, 97110 x 1 - 45 min total"), [(None, Some(2)), (None, Some(1)), (Some(45), None)]);
        assert_eq!(mu("97112 x2, 97110 x1, timed minutes 36"), [(None, Some(2)), (None, Some(1)), (Some(36), None)]);
        // One code: its own minutes, as before.
        assert_eq!(note("NMR 38 min timed"), (one("97112", Some(38), None), Some(38), None));
        assert_eq!(note("Gait training 10 min total"), (one("97116", Some(10), None), Some(10), None));
        // Untimed minutes attach to nothing.
        assert_eq!(note("97112 x2, 97110 x1, 15 min untimed").1, None);
        assert_eq!(note("97161 x1, non-timed minutes: 30\n97112 x2 (25 min)").1, Some(25));
        // A total that does not say timed is the session: not billed time, but `time`.
        for t in ["45 minutes total treatment time", "Pt seen for 45 min total.", "Total treatment time was 45 minutes."] {
            let r = read(t);
            assert_eq!((r.minutes, r.from), (Some(45), Some(MinutesFrom::Session)), "{t}");
            assert!(!r.time.is_empty(), "{t}");
        }
    }

    #[test]
    fn stated_timed_totals_check_the_units() {
        // 41 timed minutes support 3 units: 3 billed is right, 4 is flagged.
        assert!(!timed_total("97112 x 2\n97110 x 1\nTotal timed minutes = 41", 41).flag);
        assert!(timed_total("97112 x 3\n97110 x 1\nTotal timed minutes = 41", 41).flag);
        // The session (53) would support 4 units; the timed total (45) supports 3.
        let r = timed_total("97112 x 3\nTotal treatment time: 53 min; timed code treatment minutes: 45.", 45);
        assert_eq!((r.units, r.flag), (Some(3), false));
        let r = timed_total("97112 x 4\nTotal timed code treatment time was 40 minutes and total treatment time 55 minutes.", 40);
        assert_eq!((r.units, r.flag), (Some(4), true));
        assert!(!timed_total("97112 x 2, 97110 x 1 - 45 min total", 45).flag);
        assert!(timed_total("97112 x 2, 97110 x 2 - 45 min total", 45).flag);
        assert!(timed_total("97112 x 3\n38 total timed minutes", 38).units == Some(3));
        assert!(timed_total("97112 x 2\ntimed mins - 31", 31).units == Some(2));
        assert!(timed_total("97112 x3\nTimed minutes 20, untimed 15", 20).flag);
        // Untimed minutes are no part of the total: 38 timed minutes are 3 units.
        assert!(!timed_total("97112 x 2, 97110 x 1\nTimed minutes 38, untimed 15", 38).flag);
    }

    #[test]
    fn total_words_that_are_not_billed_time() {
        for t in [
            "Total of 3 LOB during the session.",
            "s/p total knee 3 weeks ago",
            "Pt required total assist x 2 for transfers.",
            "Total hip precautions reviewed; 2 LOB.",
            "Timed up and go 12 seconds.",
            "TUG: timed 14 s with RW.",
            "Static standing 3 min timed with stopwatch.",
            "Standing balance 3 min timed.",
            "NuStep 10 min total",
            "Walked 6 min total with RW.",
            "5 min timed walk test: 180 m",
            "Total time spent standing was 5 minutes.",
            "10 min untimed",
            "Total untimed minutes: 15",
        ] {
            let r = read(t);
            assert_eq!((r.minutes, &r.time), (None, &Vec::<String>::new()), "{t}");
        }
    }

    #[test]
    fn reading_ends_on_hostile_input() {
        for t in [
            "x x x x 1 1 1 ( ( ( 97112 97112 NMR NMR : : total total timed min min units",
            "10:00-",
            "in 10:",
            "(2",
            "97112 x",
            "total",
            "timed",
            "non-",
            "(timed",
            "time-",
            "38 total",
            "total timed (timed) time-based was",
        ] {
            let _ = parse(t);
        }
        let long = "NMR 1 2 3 (4) x 5 min, ".repeat(5000);
        assert!(!parse(&long).is_empty());
        let long = "total timed (timed codes) time-based 38 total timed min untimed non-timed 4 timed, was = ".repeat(5000);
        assert!(!parse(&long).is_empty());
    }
}
