//! The sentence labeller: lexicon hits and number patterns to the seven labels.
//!
//! The rules follow `shared/spec/annotation-guide.md` and the labelling conventions recorded in
//! `shared/corpus/make_dev.py`. Each label has one function below; they read a [`Ctx`] holding the
//! sentence's tokens, its lexicon hits, and the number patterns found once per sentence
//! ([`Num`]). Context decides most borders:
//!
//! * a goal line ("Goal:", "STG") carries `outcome` (and `why`), never `measure` or `what`;
//! * a plan for a later visit ("next visit", "will", Plan-section "Add ...") is `how`, not `what`;
//! * reported speech ("Pt reports ...") is never `what`;
//! * a purpose after a cue or an assist ("min A for balance", "cues to correct trunk lean") is
//!   part of `how`, not a `why`;
//! * a functional word inside a delivered exercise ("reaching in her bathroom") is the setting,
//!   not an `outcome`, unless a purpose introduces it ("to allow safe tub transfers").

use crate::billing;
use crate::blocks;
use crate::context;
use crate::label::Label;
use crate::context::SEQUENCE_OPENERS;
use crate::lexicon::{Hit, Kinds};
use crate::measures;
use crate::redflags::{self, Context};
use crate::report::Section;
use crate::segment::Seg;
use crate::tokens::{Tok, Token, Words};

/// A labelled byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LSpan {
    /// The label.
    pub label: Label,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// A measured value the note states for a known measure.
#[derive(Clone, Copy, Debug)]
pub struct MeasureValue {
    /// The measure.
    pub measure: &'static measures::Measure,
    /// The value.
    pub value: f64,
    /// The denominator written with it ("41/56" gives 56).
    pub denominator: Option<f64>,
    /// Start byte of the name.
    pub start: usize,
    /// End byte of the name.
    pub name_end: usize,
    /// Start byte of the value.
    pub value_start: usize,
    /// End byte of the value.
    pub end: usize,
}

/// Everything the labeller finds in one sentence.
#[derive(Debug, Default)]
pub struct SentenceOut {
    /// Labelled spans.
    pub spans: Vec<LSpan>,
    /// Billing items.
    pub billing: Vec<billing::Item>,
    /// Measured values of known measures.
    pub measures: Vec<MeasureValue>,
    /// Red flags kept (after context).
    pub red_flags: Vec<redflags::Found>,
    /// Red flags that only count when the plan says nothing else.
    pub plan_alone_flags: Vec<redflags::Found>,
    /// The sentence's roles (`ROLE_*` bits): read by the learned layer (`crate::learned`).
    pub roles: u8,
    /// Labels a cancelling context (`crate::blocks`) rules out somewhere in the sentence (one bit
    /// per label): the learned layer never adds them back.
    pub blocked: u8,
}

/// A goal line ("Pt will ambulate ...", "in 4 weeks").
pub const ROLE_GOAL: u8 = 1;
/// A plan ("next visit", an imperative plan verb, "Continue ...").
pub const ROLE_PLAN: u8 = 2;
/// A report or a result frame ("reports", "After treatment:", "PLOF:").
pub const ROLE_REPORT: u8 = 4;
/// A diagnosis field ("Dx: ...").
pub const ROLE_DX: u8 = 8;
/// A result word or state outside a purpose phrase ("improved", "persists").
pub const ROLE_RESULT: u8 = 16;

/// What a number pattern is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumKind {
    /// A dose: sets x reps, distance, hold time, step height.
    Dose,
    /// A measured result.
    Measure,
}

#[derive(Clone, Copy, Debug)]
struct Num {
    kind: NumKind,
    /// Token range (inclusive start, exclusive end).
    t0: usize,
    t1: usize,
}

struct Ctx<'a> {
    note: &'a str,
    toks: &'a [Token],
    hits: Vec<(usize, usize, Hit)>, // (first token, end token, hit)
    nums: Vec<Num>,
    out: SentenceOut,
    /// `test_findings`, found once (both `label_measure` and `cancel` read them).
    tests: std::cell::OnceCell<Vec<(usize, usize)>>,
}

/// Words that count visits ("visit 6 of 12", "6/12 sessions").
const VISIT_WORDS: &[&str] = &["visit", "visits", "session", "sessions", "appointment", "appointments", "appt", "appts", "treatment", "treatments", "tx", "week", "wk"];

const COUNT_WORDS: &[&str] = &[
    "reps", "rep", "repetitions", "repetition", "trials", "trial", "rounds", "round", "laps", "lap", "sets", "times",
    "bouts", "circuits", "passes", "cycles", "attempts",
];
const NOT_BEFORE_COUNT: &[&str] = &[
    "on", "in", "of", "by", "the", "first", "last", "final", "all", "remaining", "during", "across", "after", "over",
    "within", "every", "each", "for", "next", "other", "completed", "did", "only",
];
const DISTANCE: &[&str] = &["ft", "feet", "foot", "m", "meters", "metres", "meter", "yards", "yd", "yds", "mile", "miles", "km"];
const SECONDS: &[&str] = &["s", "sec", "secs", "seconds", "second"];
const STEP_OBJECTS: &[&str] = &[
    "step", "steps", "block", "hurdle", "hurdles", "box", "curb", "stool", "platform", "wide", "high", "bench", "riser",
];
const CUE_LEVELS: &[&str] = &[
    "min", "mod", "max", "minimal", "moderate", "maximal", "intermittent", "occasional", "frequent", "constant",
    "consistent", "few", "multiple", "rare", "light", "continuous", "minimum", "maximum",
    // A change or an amount of cueing is its level too (C-MEAS-1): "decreased tactile and verbal
    // cues", "significant verbal cues", "fewer cues than last week".
    "decreased", "decrease", "increased", "increase", "reduced", "fewer", "less", "more", "significant",
    "substantial", "several", "repeated", "numerous", "periodic", "sporadic", "extensive",
];
/// Examination items whose finding is written in words.
const EXAM_ITEMS: &[&str] = &[
    "sensation", "proprioception", "kinesthesia", "rom", "arom", "prom", "strength", "mmt", "reflexes", "reflex",
    "dtr", "dtrs", "tone", "coordination", "touch", "sharp", "dull", "vision", "hearing", "cognition", "skin",
    "vitals", "vital", "vss", "saccades", "pursuit", "pursuits", "convergence",
];
/// Findings of an examined item written in words (also matched in `label_measure`'s one pass).
const EXAM_FINDINGS: &[&str] = &["intact", "impaired", "wnl", "wfl", "absent", "diminished", "normal", "grossly", "hyperreflexive", "hyporeflexive", "stable"];
/// Words that compare a score with an earlier one.
const SCORE_CHANGES: &[&str] = &[
    "improved", "improving", "improvement", "increased", "decreased", "declined", "worsened", "better", "higher",
    "lower", "raised", "dropped",
];
const EVENT_QUALIFIERS: &[&str] = &[
    "no", "without", "zero", "any", "mild", "moderate", "mod", "max", "maximal", "min", "minimal", "increased",
    "decreased", "significant", "excessive", "slight", "several", "multiple", "one", "two", "three", "four", "five",
    "single", "few",
];
const RESULT_WORDS: &[&str] = &[
    "held", "hold", "sustained", "maintained", "reached", "time", "timed", "at", "in", "for", "to", "from", "eval",
    "evaluation", "initial", "ie", "visit", "week", "prior", "previous", "baseline", "admit", "admission", "r", "l",
    "b", "bilat", "of", "was", "is", "avg", "average", "mean", "best", "trial", "trials",
];
const RESULT_VERBS: &[&str] = &[
    "reached", "increased", "decreased", "improved", "held", "sustained", "maintained", "located", "found", "scored",
    "recovered", "lessened",
];
const IRREGULAR_VERBS: &[&str] = &[
    "gave", "stood", "held", "kept", "put", "set", "took", "broke", "had", "made", "led", "ran", "began", "chose",
    "taught", "caught", "brought", "fed", "hung", "stayed", "provides", "gives", "cues", "guards", "facilitates",
];
const MOBILITY_QUALIFIERS: &[&str] = &[
    "safe", "safely", "independent", "independently", "community", "household", "functional", "home", "outdoor",
    "outdoors", "outside", "longer", "night",
];
/// Words that may stand before an activity at the head of a sentence ("Standing reach").
const HEAD_WORDS: &[&str] = &[
    "skilled", "standing", "seated", "sitting", "supine", "prone", "static", "dynamic", "forward", "backward", "lateral", "retro",
    "alternating", "r", "l", "b", "bil", "bilateral", "le", "ue", "rle", "lle", "rue", "lue", "resisted", "assisted",
    "reactive", "large", "slow", "fast", "quick", "high", "low", "level", "the", "a", "an", "then", "and", "pt",
    "patient", "progressive", "multidirectional", "narrow", "wide", "firm", "single", "double", "tall", "half",
    "graded",
];
/// Words after a functional term that make it the name of a task or object, not a goal.
/// Head nouns of a task named only by its kind ("puzzle task", "card game", "obstacle course").
const UNNAMED_TASK_HEADS: &[&str] = &[
    "task", "tasks", "activity", "activities", "game", "games", "exercise", "exercises", "training", "drill", "drills",
    "course", "circuit", "transfer", "transfers",
];
const TASK_NOUNS: &[&str] = &[
    "items", "item", "objects", "supplies", "tray", "practice", "training", "retraining", "simulation",
    "drills", "board", "kit",
];
/// True when token `k` is a balance or evaluation grade ("Good", "fair+", "P-"); one-letter
/// grades need their sign.
fn is_grade_at(cx: &Ctx, k: usize) -> bool {
    let Some(t) = cx.toks.get(k) else { return false };
    if t.tok != Tok::Word || t.end - t.start > 6 {
        return false;
    }
    let signed = cx.toks.get(k + 1).is_some_and(|s| (s.is('+') || s.is('-')) && s.start == t.end);
    IN_GRADES.has(cx.note, t) && (t.end - t.start > 1 || signed)
}

/// Verbs of taking a measurement: a therapist doing them shows no skill by that alone.
const MEASURING_VERBS: &[&str] = &[
    "measured", "tested", "timed", "scored", "recorded", "documented", "assessed", "reassessed", "evaluated",
    "re-evaluated", "administered", "took", "obtained", "completed",
];

/// Balance and evaluation grades.
const GRADES: &[&str] = &["good", "fair", "poor", "normal", "trace", "zero", "wfl", "wnl", "g", "f", "p", "n"];
/// Rows a grade follows after a colon.
const GRADED: &[&str] = &["sitting", "standing", "balance", "static", "dynamic", "sit", "stand"];
/// Where a functional task is practised in the session.
const SETTINGS: &[&str] = &[
    "eob", "mat", "seated", "sitting", "standing", "supine", "kitchen", "gym", "clinic", "bars", "sink", "simulated",
    "practice", "practiced", "trials", "reps",
];
const OUTCOME_FOR: &[&str] = &["safe", "safety", "independent", "independence", "improved", "return", "fall", "falls", "d/c", "discharge"];

/// Skill words that say *how the patient was helped* (a purpose after them is the cue's purpose).
fn is_cue(t: &str) -> bool {
    ["cue", "cuing", "vc", "tc", "facilitat", "guid", "feedback", "guard", "block", "inhibit", "tactile", "verbal", "manual", "mirror", "metronome", "assist", "input"]
        .iter()
        .any(|w| t.contains(w))
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize, words: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_word(self.note, words))
    }

    fn push(&mut self, label: Label, t0: usize, t1: usize) {
        if t0 < t1 && t1 <= self.toks.len() {
            self.out.spans.push(LSpan { label, start: self.toks[t0].start, end: self.toks[t1 - 1].end });
        }
    }

    fn hits_of(&self, k: Kinds) -> impl Iterator<Item = (usize, usize, Hit)> + '_ {
        self.hits.iter().copied().filter(move |(_, _, h)| h.kinds.any(k))
    }

    fn has(&self, k: Kinds) -> bool {
        self.hits.iter().any(|(_, _, h)| h.kinds.any(k))
    }

    /// The hit's term, lower-cased with hyphens as spaces (the lexicon's own copy: no allocation).
    fn hit_text(&self, h: &Hit) -> &'static str {
        &crate::lexicon::Lexicon::get().terms[h.term as usize]
    }

    /// The next hit starting at or after token `t`, within `within` tokens, not across `;` or `.`.
    fn next_hit(&self, t: usize, within: usize, skip: Kinds) -> Option<(usize, usize, Hit)> {
        for (a, b, h) in self.hits.iter().copied() {
            if a < t {
                continue;
            }
            if a > t + within || (t..a).any(|k| self.toks[k].is(';') || self.toks[k].is('.')) {
                return None;
            }
            if h.kinds.any(skip) && !h.kinds.any(Kinds::FUNCTION | Kinds::IMPAIRMENT | Kinds::OUTCOME) {
                continue;
            }
            return Some((a, b, h));
        }
        None
    }

    /// True when a cue or assist governs token `t` ("min A for balance", "cues to correct lean").
    /// An assist level governs only "for ..." and "to maintain/correct ..." (`purpose`); "with CGA
    /// to improve proprioception" states the activity's purpose.
    fn cue_anchored(&self, t: usize, purpose: Option<&str>) -> bool {
        let assist_governs = purpose.is_none_or(|p| {
            matches!(p, "for" | "to maintain" | "to correct" | "to prevent" | "due to" | "d/t")
        });
        let mut k = t;
        // A cue governs only its own short clause.
        let stop = t.saturating_sub(16);
        while k > stop {
            k -= 1;
            let tok = &self.toks[k];
            if tok.is(',') || tok.is(';') || tok.is(':') {
                return false;
            }
            if self.nums.iter().any(|n| n.kind == NumKind::Dose && n.t0 <= k && k < n.t1) {
                return false;
            }
            if let Some((_, _, h)) = self.hits.iter().find(|(a, b, _)| *a <= k && k < *b) {
                if h.kinds.any(Kinds::SKILL) && is_cue(self.hit_text(h)) {
                    return true;
                }
                if h.kinds.any(Kinds::ASSIST_HOW) {
                    return assist_governs;
                }
                if h.kinds.any(Kinds::ACTIVITY | Kinds::GENERIC) {
                    return false;
                }
            }
        }
        false
    }

    /// True when a measured number follows token `b` closely ("dizziness reached 5/10").
    fn rated_after(&self, b: usize) -> bool {
        (b..(b + 3).min(self.toks.len())).any(|k| self.in_num(k) == Some(NumKind::Measure))
    }

    fn in_num(&self, k: usize) -> Option<NumKind> {
        self.nums.iter().find(|n| n.t0 <= k && k < n.t1).map(|n| n.kind)
    }

    fn token_of(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.start < byte)
    }
}

/// The part of an evaluation, progress or discharge report a sentence sits in, named by a
/// heading line or a field label ("History:", "Short Term Goals:", "Plan of care:"). The part
/// decides what a sentence can be: a history line delivers nothing today, a goal line is a
/// goal, a plan line plans. Section names after the elements CMS requires of a plan of care and
/// progress report (Medicare Benefit Policy Manual ch. 15 §220.3) and the APTA documentation
/// guidelines: history, prior level of function, goals, plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Part {
    /// Anything else, or no heading.
    #[default]
    Other,
    /// History, prior level of function, referral, background: told, not done today.
    History,
    /// Goals: short- and long-term goals, functional goals.
    Goals,
    /// Plan of care, recommendations, frequency.
    Plan,
}

/// Heading words that name a [`Part`]: the first one or two words of a heading line or field
/// label, lower case.
const PART_HEADINGS: &[(&str, Part)] = &[
    ("history", Part::History),
    ("hx", Part::History),
    ("pmh", Part::History),
    ("pmhx", Part::History),
    ("hpi", Part::History),
    ("past medical", Part::History),
    ("medical history", Part::History),
    ("social history", Part::History),
    ("social hx", Part::History),
    ("plof", Part::History),
    ("prior level", Part::History),
    ("prior function", Part::History),
    ("prior functional", Part::History),
    ("background", Part::History),
    ("chief complaint", Part::History),
    ("reason for", Part::History),
    ("referral", Part::History),
    ("mechanism of", Part::History),
    ("occupational profile", Part::History),
    ("patient history", Part::History),
    ("goals", Part::Goals),
    ("goal", Part::Goals),
    ("stg", Part::Goals),
    ("stgs", Part::Goals),
    ("ltg", Part::Goals),
    ("ltgs", Part::Goals),
    ("short term", Part::Goals),
    ("long term", Part::Goals),
    ("functional goals", Part::Goals),
    ("patient goals", Part::Goals),
    ("plan", Part::Plan),
    ("method", Part::Plan),
    ("intervention plan", Part::Plan),
    ("planned interventions", Part::Plan),
    ("plan of", Part::Plan),
    ("treatment plan", Part::Plan),
    ("poc", Part::Plan),
    ("recommendations", Part::Plan),
    ("recommendation", Part::Plan),
    ("frequency", Part::Plan),
    ("discharge plan", Part::Plan),
];

/// The part a heading or field label names: its first two words, then its first word.
pub fn part_named(note: &str, toks: &[Token]) -> Part {
    let mut words = toks.iter().take_while(|t| !t.is(':')).filter(|t| t.tok == Tok::Word).map(|t| t.text(note));
    let (first, second) = (words.next(), words.next());
    let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    // "x y" for the words x and y (headings are ASCII; a word holds no space), without a split.
    let two = |p: &str| {
        first.zip(second).is_some_and(|(x, y)| {
            p.len() == x.len() + 1 + y.len() && p.as_bytes()[x.len()] == b' ' && eq(&p[..x.len()], x) && eq(&p[x.len() + 1..], y)
        })
    };
    PART_HEADINGS
        .iter()
        .find(|(p, _)| two(p))
        .or_else(|| PART_HEADINGS.iter().find(|(p, _)| !p.contains(' ') && first.is_some_and(|w| eq(p, w))))
        .map_or(Part::Other, |(_, part)| *part)
}

/// The field label opening a line ("History: ...", "STG: ..."): the tokens before a colon within
/// the first four tokens, when followed by more text.
pub fn field_label(toks: &[Token]) -> Option<&[Token]> {
    let c = toks.iter().take(5).position(|t| t.is(':'))?;
    (c > 0 && c + 1 < toks.len() && toks[..c].iter().all(|t| t.tok == Tok::Word || t.is('/') || t.is('-'))).then(|| &toks[..c])
}

/// True for a short line ending in a colon ("Gaze stabilization:", "Interventions:"): the
/// heading of the list below it, like a SOAP header.
pub fn is_heading(toks: &[Token]) -> bool {
    toks.len() <= 5 && toks.last().is_some_and(|t| t.is(':'))
}

/// True for a heading that opens a list of delivered activities ("Interventions:",
/// "Treatment:", "NMR:", "Balance training:").
pub fn is_intervention_heading(note: &str, toks: &[Token], hits: &[Hit]) -> bool {
    is_heading(toks)
        && (hits.iter().any(|h| h.kinds.any(Kinds::DELIVERY | Kinds::GENERIC | Kinds::CODE_NAME))
            || toks.iter().any(|t| t.is_word(note, &["interventions", "intervention", "treatment", "tx", "procedures", "exercises", "activities"])))
}

/// Labels one sentence. `toks` and `hits` are the sentence's own; `listed` is true for a line
/// listed under an intervention heading (its leading phrase names a delivered activity).
pub fn label_sentence(note: &str, seg: &Seg, toks: &[Token], hits: &[Hit], listed: bool, part: Part) -> SentenceOut {
    if seg.header || toks.is_empty() {
        return SentenceOut::default();
    }
    if is_heading(toks) {
        return SentenceOut::default();
    }
    // Sized once: a hit per hit, about a span per hit.
    let out = SentenceOut { spans: Vec::with_capacity(hits.len() + 4), ..SentenceOut::default() };
    let mut cx = Ctx { note, toks, hits: Vec::with_capacity(hits.len()), nums: Vec::new(), out, tests: Default::default() };

    // Billing first: its words are not activities ("NMR 38 min" is time only).
    let bill = billing::items(note, toks, hits);
    for it in &bill {
        cx.out.spans.push(LSpan { label: Label::Time, start: it.start, end: it.end });
    }
    let in_bill = |s: usize, e: usize| bill.iter().any(|b| s < b.end && b.start < e);
    for h in hits {
        if in_bill(h.start, h.end) {
            continue;
        }
        let a = cx.token_of(h.start);
        let b = cx.token_of(h.end);
        // A hit that starts past the sentence's last token (in its trailing marks) names nothing.
        if a >= toks.len() {
            continue;
        }
        cx.hits.push((a, b.max(a + 1).min(toks.len()), *h));
    }
    // Per-token flags; sentences are at most a few hundred tokens (note.rs chunks longer ones),
    // so the common case borrows a static all-false slice instead of allocating.
    static NONE: [bool; 512] = [false; 512];
    let bill_toks: std::borrow::Cow<[bool]> = if bill.is_empty() && toks.len() <= NONE.len() {
        std::borrow::Cow::Borrowed(&NONE[..toks.len()])
    } else {
        std::borrow::Cow::Owned(toks.iter().map(|t| in_bill(t.start, t.end)).collect())
    };
    cx.out.billing = bill;

    numbers(&mut cx, &bill_toks);
    let framed = result_frame(note, toks);
    ability_amounts(&mut cx, framed);

    // Sentence context.
    let first_content = cx.hits.first().map(|(a, _, _)| *a);
    let is_dx = cx.hits_of(Kinds::DX).any(|(a, b, _)| a <= 1 && cx.toks.get(b).is_some_and(|t| t.is(':')));
    let is_goal = cx.hits_of(Kinds::GOAL).any(|(a, _, _)| a <= 2 && Some(a) == first_content)
        || (cx.word(0, &["goal", "goals"]));
    // "Tony will ambulate 50 feet ..." states a goal: the patient is the subject of "will".
    // "Will progress to foam" and "PT will add ..." are plans.
    let will_at = cx.hits_of(Kinds::FUTURE).find(|(_, _, h)| cx.hit_text(h) == "will").map(|(a, _, _)| a);
    // "Patient will be independent with HEP": a state to reach, not "will be seen 2x/week".
    let will_be_state = will_at.is_some_and(|w| cx.word(w + 1, &["be"]) && cx.word(w + 2, &["independent", "indep", "able", "safe", "ambulatory", "modified", "mod", "i"]));
    let will_goal = will_be_state || will_at.is_some_and(|w| {
        w > 0 && !cx.hits.iter().any(|(a, _, h)| *a < w && h.kinds.any(Kinds::CLINICIAN))
            && !(0..w).any(|k| cx.toks[k].is_word(note, &["i", "we"]))
            && cx.toks.get(w + 1).is_some_and(|n| !IN_PLAN_NOT_GOAL.has(note, &n))
    });
    // "Pt to ambulate 150 ft with RW in 4 weeks": the patient "to" a verb states a goal.
    let subject_to = cx.toks.iter().position(|t| t.tok == Tok::Word).is_some_and(|f| {
        cx.toks[f].is_word(note, &["pt", "patient", "client", "student", "child", "resident"])
            && cx.word(f + 1, &["to"])
            && cx.toks.get(f + 2).is_some_and(|v| v.tok == Tok::Word && !IN_PLAN_NOT_GOAL.has(note, &v) && !v.is_word(note, &["be", "have", "the", "a", "his", "her"]))
    });
    // "in 4 weeks", "within 6 visits", "by discharge": a time frame states a goal, unless a
    // plan verb heads the line ("Reassess in 4 weeks").
    let timeframe = goal_timeframe(note, toks)
        && !cx.hits_of(Kinds::PLAN).any(|(a, _, _)| a <= 1)
        && !cx.toks.iter().take(2).any(|t| IN_PLAN_NOT_GOAL.has(note, &t));
    // A billing line ("... Goal: climb the ladder. 97112 x 2 units") belongs to no report part.
    let part = if cx.out.billing.is_empty() { part } else { Part::Other };
    let is_goal = is_goal || will_goal || subject_to || timeframe || criterion_goal(&cx) || part == Part::Goals;
    let future = cx.has(Kinds::FUTURE);
    let in_plan = matches!(seg.section, Some(Section::Plan | Section::AssessmentPlan));
    let plan_verb_at = |cx: &Ctx, a: usize| {
        a == 0
            || cx.toks[a - 1].is(';')
            || cx.toks[a - 1].is(',')
            || cx.word(a - 1, &["and", "then", "also", "to"]) && !cx.word(a.saturating_sub(2), &["continue", "continues", "cont"])
            || cx.hits.iter().any(|(_, b, h)| *b == a && h.kinds.any(Kinds::FUTURE))
            // "The physio recommends ...", "PT recommends ...": the clinician plans.
            || cx.hits.iter().any(|(_, b, h)| *b == a && h.kinds.any(Kinds::CLINICIAN)) && cx.word(a, &["recommend", "recommends"])
    };
    let plan_verbs: Vec<(usize, usize, Hit)> =
        cx.hits_of(Kinds::PLAN).filter(|(a, _, _)| plan_verb_at(&cx, *a)).collect();
    // "education that will support ...": a future in a relative clause is not a plan.
    let future = future
        && !cx.hits_of(Kinds::FUTURE).all(|(a, _, _)| a > 0 && cx.word(a - 1, &["that", "which", "who"]));
    // "Advance to gait training next PT session": "next" with a visit word close after it.
    let next_visit = (0..toks.len().saturating_sub(1)).any(|k| {
        cx.word(k, &["next", "following"]) && (k + 1..(k + 4).min(toks.len())).any(|j| cx.word(j, &["session", "visit", "tx", "treatment", "appointment", "appt", "week"]))
    });
    // "Increase resistance during standing balance training per POC": a plan verb in its base
    // form opening the line is an imperative plan, wherever the line stands.
    let imperative = plan_verbs.iter().any(|(a, _, h)| *a == 0 && !matches!(cx.hit_text(h), "train" | "trial") && cx.toks[0].text(note).len() == cx.hit_text(h).len());
    // "Continue NMR 2x/wk", "P: Cont gait training per POC": continuing is planned, not done.
    let continue_line = cx.toks.iter().position(|t| t.tok == Tok::Word).is_some_and(|f| {
        let f = if cx.word(f, &["p", "plan"]) && cx.toks.get(f + 1).is_some_and(|t| t.is(':') || t.is('=')) { f + 2 } else { f };
        cx.word(f, &["continue", "cont"])
    });
    // "The physio recommends balance exercises": a recommendation plans care.
    let recommends = plan_verbs.iter().any(|(a, _, _)| cx.word(*a, &["recommend", "recommends"]));
    // "Physical therapy to establish a home program", "OT to address fine motor skills", "Skilled
    // PT to progress balance training": the service "to" a verb plans care (C-HOW-7). "PT" only
    // in capitals: "Pt to ambulate 150 ft" is the patient's goal.
    let service_to = {
        let mut at = [0usize; 5];
        let mut len = 0;
        for k in (0..cx.toks.len().min(5)).filter(|&k| cx.toks[k].tok == Tok::Word) {
            at[len] = k;
            len += 1;
        }
        let words = &at[..len];
        let service = |k: usize| {
            let t = cx.toks[k].text(note);
            t == "PT" || t == "OT" || t == "SLP" || cx.word(k, &["therapist", "therapy", "physiotherapy", "physiotherapist", "physio"])
        };
        let lead = |k: usize| cx.word(k, &["skilled", "physical", "occupational", "the", "continued"]);
        words.iter().position(|&k| service(k)).is_some_and(|i| {
            let k = words[i];
            words[..i].iter().all(|&j| lead(j))
                && cx.word(k + 1, &["to"])
                && cx.toks.get(k + 2).is_some_and(|v| v.tok == Tok::Word && !v.is_word(note, &["the", "a", "be", "his", "her", "their", "date"]))
        })
    };
    let is_plan = future || next_visit || imperative || continue_line || recommends || service_to || (in_plan && !plan_verbs.is_empty()) || part == Part::Plan && !is_goal;
    // "After treatment: walking on treadmill 30 min", "At d/c, the patient participated in ...",
    // "PLOF: independent ADLs": a line framed as a result or a prior state reports function; it
    // delivers nothing.
    // "VORx1 in sitting 3 x 45 s; pt reported dizziness 5/10": a report in a later clause
    // reports only that clause; the session's activity before it is still delivered.
    let is_report = framed || report_clause(&cx) == Some(0) || part == Part::History;
    // "for improved reactive stepping": a state word right after a purpose word is the aim, not
    // a result.
    // "focusing on heel strike and increased step length": inside a purpose phrase, too.
    let aim = |k: usize| {
        k > 0 && toks[k - 1].is_word(note, &["for", "to", "towards", "toward"])
            || cx.hits_of(Kinds::PURPOSE).any(|(_, pb, _)| pb < k && (pb..k).all(|j| !(toks[j].is(',') || toks[j].is(';') || toks[j].is('.') || toks[j].is(':') || toks[j].is('(') || toks[j].num().is_some())))
    };
    let result_sentence = toks.iter().enumerate().any(|(k, t)| IN_RESULT_VERBS.has(note, t) && !aim(k))
        || cx.hits_of(Kinds::STATE).any(|(a, _, _)| !aim(a));

    cx.out.roles = (is_goal as u8) * ROLE_GOAL
        | (is_plan as u8) * ROLE_PLAN
        | (is_report as u8) * ROLE_REPORT
        | (is_dx as u8) * ROLE_DX
        | (result_sentence as u8) * ROLE_RESULT;
    let mut flags = redflags::find(note, toks);
    // "tolerated prone on therapy ball for 30 s": tolerance followed closely by an objective
    // quantity is a measure (corpus README), not the boilerplate "tolerated therapy".
    flags.retain(|f| {
        redflags::RED_FLAGS[f.row].id != "tolerated_session"
            || !cx.nums.iter().any(|n| {
                let at = toks[n.t0].start;
                at >= f.end && cx.toks[cx.token_of(f.end).min(n.t0)..n.t0].len() <= 6
            })
    });

    // Clause roles from the context table (crate::context): one walk, spans by label.
    // what
    let mut what = false;
    if !is_goal && !is_plan && !is_report && !is_dx {
        what = label_what(&mut cx, result_sentence, &flags);
        // A line under an intervention heading names what was done, even in words no list
        // holds ("- Anodyne", "- pool walking 10 min"): its leading phrase.
        if listed && !what {
            let first = cx.toks.iter().position(|t| t.tok == Tok::Word);
            if let Some(a) = first {
                let b = (a..cx.toks.len().min(a + 8))
                    .find(|&k| cx.toks[k].is(':') || cx.toks[k].is(',') || cx.toks[k].is(';') || cx.toks[k].is('(') || cx.toks[k].is('.'))
                    .unwrap_or(cx.toks.len().min(a + 8));
                cx.push(Label::What, a, b.max(a + 1));
                what = true;
            }
        }
    }
    let rated: std::borrow::Cow<[bool]> = if !cx.nums.iter().any(|n| n.kind == NumKind::Measure) && toks.len() <= NONE.len() {
        std::borrow::Cow::Borrowed(&NONE[..toks.len()])
    } else {
        std::borrow::Cow::Owned((0..cx.toks.len()).map(|k| cx.in_num(k) == Some(NumKind::Measure)).collect())
    };
    let roles = context::Roles { goal: is_goal, plan: is_plan, report: is_report, what };
    let walked = if is_dx { Vec::new() } else { context::walk(note, cx.toks, &cx.hits, &rated, roles) };
    for &(label, a, b) in &walked {
        what |= label == Label::What;
        cx.push(label, a, b);
    }
    // why
    if !is_dx {
        label_why(&mut cx, is_report);
    }
    // how
    if !is_dx && !is_goal {
        let plan_verbs: Vec<(usize, usize, Hit)> = plan_verbs
            .iter()
            .copied()
            .filter(|(_, b, _)| !(*b..(*b + 3).min(cx.toks.len())).any(|k| cx.word(k, &["as"]) && cx.word(k + 1, &["tolerated", "tol", "able"])))
            .filter(|(_, b, h)| !(["increase", "decrease"].iter().any(|v| cx.hit_text(h).eq_ignore_ascii_case(v)) && aims_at_function(&cx, *b)))
            .collect();
        label_how(&mut cx, if is_plan { &plan_verbs } else { &[] });
        // A plan-of-care line naming an intervention ("Recommendations: balance training
        // 2x/wk") plans skilled care: `how`, not `what` (C-HOW-7).
        // So is a service the plan may provide ("PT may also provide joint mobilization").
        let may_provide = cx.hits_of(Kinds::FUTURE).any(|(_, _, h)| cx.hit_text(&h).starts_with("may "));
        if (part == Part::Plan || may_provide || service_to) && !cx.out.spans.iter().any(|s| s.label == Label::How) {
            let first = cx.hits_of(Kinds::ACTIVITY | Kinds::GENERIC | Kinds::CODE_NAME).next();
            if let Some((a, b, _)) = first {
                cx.push(Label::How, a, b);
            }
        }
    }
    // outcome
    if !is_dx {
        label_outcome(&mut cx, what, is_report, is_goal || is_plan);
    }
    // A goal is `outcome` when it names a functional activity (C-OUT-3); a goal whose object is
    // only a body function is `why` (C-OUT-4); one naming neither ("Pt will make progress",
    // "Goals of therapy are:") carries no label (C-OUT-5).
    if is_goal {
        let activity = cx.has(Kinds::OUTCOME | Kinds::MOBILITY | Kinds::ACTIVITY | Kinds::GENERIC | Kinds::LIMIT)
            || cx.out.spans.iter().any(|s| s.label == Label::Outcome);
        let function = cx.hits_of(Kinds::FUNCTION | Kinds::IMPAIRMENT).next();
        if activity || function.is_none() && cx.toks.iter().filter(|t| t.tok == Tok::Word).count() > 6 {
            let (a, b) = (0, cx.toks.len().min(2));
            cx.push(Label::Outcome, a, b);
        } else if let Some((a, b, _)) = function {
            if !cx.out.spans.iter().any(|s| s.label == Label::Why) {
                cx.push(Label::Why, a, b);
            }
        }
    }
    // measure
    if !is_goal && !is_plan {
        label_measure(&mut cx);
    }
    activity_limitations(&mut cx);
    cancel(&mut cx);
    // unskilled
    for f in flags {
        match redflags::RED_FLAGS[f.row].context {
            Context::PlanAlone => cx.out.plan_alone_flags.push(f),
            Context::Performance if !performed(&cx) => {}
            Context::Always | Context::Performance => {
                cx.out.spans.push(LSpan { label: Label::Unskilled, start: f.start, end: f.end });
                cx.out.red_flags.push(f);
            }
        }
    }
    cx.out
}

/// Starting positions of an exercise, as exercise prescriptions name them.
const START_POSITIONS: &[&str] = &[
    "seated", "sitting", "standing", "supine", "prone", "sidelying", "side-lying", "kneeling", "half-kneeling",
    "tall-kneeling", "quadruped", "hooklying", "hook-lying", "long-sitting",
];

/// The starting position opening an exercise description: the line's first word, or the word
/// after its subject ("Patient seated on ...", "Pt in quadruped ...").
fn start_position(cx: &Ctx) -> Option<usize> {
    let first = cx.toks.iter().position(|t| t.tok == Tok::Word)?;
    let mut k = first;
    if cx.word(k, &["the"]) {
        k += 1;
    }
    if cx.word(k, &["pt", "patient", "client", "child", "student"]) {
        k += 1;
        if cx.toks.get(k).is_some_and(|t| t.is('.')) {
            k += 1;
        }
        if cx.word(k, &["in", "is"]) {
            k += 1;
        }
    }
    // "half-kneeling" is three tokens; its last word names it.
    let mut j = k;
    while cx.toks.get(j + 1).is_some_and(|t| t.is('-')) && j < k + 4 {
        j += 2;
    }
    (cx.toks.get(j).is_some_and(|t| IN_START_POSITIONS.has(cx.note, t) || t.is_word(cx.note, &["lying", "kneeling", "sitting"])) && j < cx.toks.len()).then_some(k)
}

/// True when the sentence reports the session's performance: a delivered activity, an
/// activity or delivery named, or a verb of doing or tolerating that is no infinitive ("did well,
/// no c/o"; not "eager to participate").
fn performed(cx: &Ctx) -> bool {
    cx.out.spans.iter().any(|s| s.label == Label::What)
        || cx.has(Kinds::ACTIVITY | Kinds::GENERIC | Kinds::MOBILITY | Kinds::DELIVERY)
        || (0..cx.toks.len()).any(|k| {
            cx.word(k, &["tolerated", "tolerates", "tolerating", "tol", "completed", "completes", "finished", "finishes", "performed", "performs", "worked", "did", "does", "participated", "participates", "during", "after", "throughout"])
                && !(k > 0 && cx.word(k - 1, &["to"]))
        })
}

/// "Able to walk 300 feet", "can now perform 15 reps": after an ability frame an amount states
/// what the patient can do (a `measure`, corpus README), not the dose of an exercise given.
fn ability_amounts(cx: &mut Ctx, framed: bool) {
    let note = cx.note;
    let frame = cx
        .hits_of(Kinds::LIMIT)
        .filter(|(_, _, h)| matches!(cx.hit_text(h), "able to" | "unable to"))
        .map(|(a, _, _)| a)
        .chain(cx.toks.iter().position(|t| t.end - t.start <= 6 && t.is_word(note, &["can", "could", "cannot"])))
        // A result or report frame states amounts done outside the session or as its result.
        .chain(framed.then_some(0))
        .chain(report_clause(cx))
        .min();
    // With the therapist's help named, the amount is still the session's dose ("was able to
    // complete 3x10 sit to stands with CGA").
    // "Standing tolerance 10 minutes", "tolerated 30 minutes of activity": tolerance followed by
    // an objective quantity is a measure (corpus README), whoever helped.
    let tolerance = cx.toks.iter().position(|t| t.end - t.start >= 3 && note.as_bytes()[t.start].eq_ignore_ascii_case(&b't') && t.is_word(note, &["tolerance", "tolerated", "tolerates", "tol"]));
    // Help from the therapist, not independence ("ambulated 300 ft independently").
    let helped = cx.hits_of(Kinds::SKILL | Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL).any(|(_, _, h)| {
        let t = cx.hit_text(&h);
        !(t.starts_with("indep") || t.starts_with("mod i") || t.starts_with("modified indep") || t == "i")
    });
    let from = match (frame.filter(|_| !helped), tolerance) {
        (Some(f), Some(t)) => f.min(t),
        (Some(f), None) | (None, Some(f)) => f,
        (None, None) => return,
    };
    for n in cx.nums.iter_mut() {
        if n.kind == NumKind::Dose && n.t0 > from {
            n.kind = NumKind::Measure;
        }
    }
    // Minutes or seconds stood or walked, which `numbers` leaves unlabelled without an activity
    // named near them ("able to stand for 5 minutes").
    // `numbers` pushed its spans in token order: a binary search finds the one at a token.
    let n = cx.toks.len();
    let mut more = Vec::new();
    for k in from + 1..n.saturating_sub(1) {
        let taken = || {
            let i = cx.nums.partition_point(|m| m.t1 <= k);
            cx.nums.get(i).is_some_and(|m| m.t0 <= k)
        };
        // Not the digits of a test's name ("6 Minute Walk").
        let named = || cx.hits.iter().any(|(a, b, h)| *a <= k && k < *b && h.kinds.any(Kinds::MEASURE_NAME));
        if cx.toks[k].num().is_some() && cx.toks[k + 1].is_word(note, &["min", "mins", "minutes", "minute", "hours", "hour", "hrs", "sec", "secs", "seconds"]) && !taken() && !named() {
            more.push(Num { kind: NumKind::Measure, t0: k, t1: k + 2 });
        }
    }
    if !more.is_empty() {
        cx.nums.extend(more);
        crate::order::sort_by_key(&mut cx.nums, |m| m.t0);
    }
}

/// Subjects that open a new clause after a comma ("..., pt reports dizziness").
const CLAUSE_SUBJECTS: &[&str] = &["pt", "patient", "client", "she", "he", "they", "caregiver", "mother", "father", "wife", "husband", "family", "parent", "parents", "mom", "dad", "child", "student"];

/// The first token of the clause a report verb governs, or `None` without a report: the
/// sentence's start, or the `;` (or the comma before a new subject) that opens a later clause.
fn report_clause(cx: &Ctx) -> Option<usize> {
    let (r, _, _) = cx.hits_of(Kinds::REPORT).next()?;
    let start = (1..r).rev().find(|&k| {
        cx.toks[k].is(';') || cx.toks[k].is(',') && (k + 1..(k + 3).min(r + 1)).any(|j| IN_CLAUSE_SUBJECTS.has(cx.note, &cx.toks[j]))
    });
    Some(start.map_or(0, |k| k + 1))
}

/// "impairments in self care", "difficulty with dressing", "diminished abilities to complete
/// ADLs": a deficit whose object is an activity or participation (the ICF's d chapters) is an
/// activity limitation, an `outcome`, not a body-function impairment (`why`). Drops the `why`
/// spans that name no body function, impairment, symptom or muscle when an activity follows.
fn activity_limitations(cx: &mut Ctx) {
    let body = Kinds(Kinds::FUNCTION.0 | Kinds::IMPAIRMENT.0 | Kinds::SYMPTOM.0 | Kinds::MUSCLE.0 | Kinds::MOBILITY.0);
    if !cx.has(Kinds::OUTCOME) || !cx.out.spans.iter().any(|s| s.label == Label::Why) {
        return;
    }
    let spans = std::mem::take(&mut cx.out.spans);
    let kept = spans
        .into_iter()
        .filter(|s| {
            if s.label != Label::Why {
                return true;
            }
            let a = cx.token_of(s.start);
            let b = cx.token_of(s.end).min(cx.toks.len());
            // Only a span that opens with the deficit word ("impaired ...", "difficulty with ...",
            // "presents with impairments in ...").
            let opens = cx.hits.iter().any(|(ha, _, h)| *ha == a && h.kinds.any(Kinds::MODIFIER))
                || (a..(a + 3).min(b)).any(|k| IN_DEFICIT_NOUNS.has(cx.note, &cx.toks[k]));
            if !opens {
                return true;
            }
            let mut activity = false;
            for (ha, hb, h) in cx.hits.iter().filter(|(ha, hb, _)| *hb > a && *ha < b + 3) {
                let clause = (b.min(*ha)..*ha).all(|k| !cx.toks[k].is(',') && !cx.toks[k].is(';') && !cx.toks[k].is('.'));
                if h.kinds.any(body) && !h.kinds.any(Kinds::OUTCOME) && *ha < b + 3 && *hb > a {
                    return true;
                }
                activity |= clause && h.kinds.any(Kinds::OUTCOME);
            }
            !activity
        })
        .collect();
    cx.out.spans = kept;
}

/// Verbs after "will" or "to" that plan the therapist's next steps, not the patient's goal
/// ("will progress to foam", "PT will add ...", "Pt to continue HEP").
const PLAN_NOT_GOAL: &[&str] = &[
    "progress", "add", "continue", "cont", "advance", "increase", "decrease", "trial", "try", "assess", "reassess",
    "re", "update", "focus", "address", "work", "be", "need", "benefit", "require", "check", "monitor", "begin",
    "initiate", "introduce", "attempt", "follow", "return", "see", "schedule", "discharge", "d/c", "recheck",
];

/// True when the line names a goal's time frame: "in 4 weeks", "within 6 visits", "by
/// discharge", "by the end of the plan of care".
fn goal_timeframe(note: &str, toks: &[Token]) -> bool {
    const UNITS: &[&str] = &["weeks", "week", "wks", "wk", "visits", "visit", "sessions", "session", "months", "month", "days", "tx", "treatments"];
    toks.iter().enumerate().any(|(k, t)| {
        let len = t.end - t.start;
        if t.tok != Tok::Word || !(len == 2 || len == 6) || !matches!(note.as_bytes()[t.start], b'i' | b'I' | b'w' | b'W' | b'b' | b'B') {
            return false;
        }
        let next = |i: usize| toks.get(k + i);
        (t.is_word(note, &["in", "within"])
            && next(1).is_some_and(|n| n.num().is_some() || n.is_word(note, &["one", "two", "three", "four", "six", "eight", "twelve"]))
            && next(2).is_some_and(|u| u.is_word(note, UNITS)))
            || (t.is_word(note, &["by"]) && next(1).is_some_and(|n| n.is_word(note, &["discharge", "dc", "d"])))
            || (t.is_word(note, &["by"]) && next(1).is_some_and(|n| n.is_word(note, &["end"])) && next(2).is_some_and(|n| n.is_word(note, &["of"]))
                && (3..5).any(|i| next(i).is_some_and(|n| n.is_word(note, &["poc", "plan", "care", "episode", "program", "certification", "cert"]))))
    }) && !toks.iter().any(|t| t.is_word(note, &["past", "last", "ago", "since", "history", "hx", "referred", "prior", "previous", "falls", "fall", "fell"]))
        // "His PASS score improved from 6/36 to 34/36 by discharge": a change reached, in the
        // past tense, reports a result by that time; "will improve from mod A to min A by
        // discharge" states a goal.
        && !toks.windows(2).any(|w| w[0].is_word(note, CHANGED) && w[1].is_word(note, &["from"]))
}

/// Verbs before the time a task takes the patient ("needs 45 minutes to dress").
const TIME_NEEDED: &[&str] = &["needs", "needed", "need", "requires", "required", "requiring", "takes", "took", "taking", "in", "spends", "spent"];

/// Verbs of a change already reached ("improved from 6/36 to 34/36").
const CHANGED: &[&str] = &["improved", "increased", "decreased", "progressed", "went", "rose", "dropped", "changed", "declined", "advanced"];

/// Words that open a line as a report, a subject or a clinician's action rather than as the
/// patient's task in the imperative.
const NOT_TASK_OPENING: &[&str] = &[
    "pt", "patient", "client", "child", "student", "resident", "he", "she", "they", "the", "a", "an", "his", "her",
    "this", "that", "there", "it", "i", "we", "you", "no", "not", "if", "when", "while", "with", "without", "in", "on",
    "at", "for", "to", "and", "or", "but", "as", "after", "before", "during", "over", "by", "from", "since", "then",
    "once", "also", "goal", "goals",
];

/// Words that follow an imperative verb: its object's determiner or pronoun, a particle, or a
/// manner ("Get up", "Dress self", "Catch a ball", "Climb to the top", "Sit erect").
const IMPERATIVE_NEXT: &[&str] = &[
    "a", "an", "the", "up", "down", "to", "into", "onto", "out", "over", "off", "on", "in", "at", "from", "around",
    "across", "through", "back", "self", "himself", "herself", "themselves", "his", "her", "their", "own", "erect",
    "upright", "independently", "safely", "dressed", "both", "one", "all",
];

/// Degree words of a goal's criterion: done without these ("without prompting").
const CRITERION_WITHOUT: &[&str] = &[
    "prompting", "prompts", "prompt", "reminders", "reminder", "cues", "cue", "cueing", "cuing", "assistance", "assist",
    "help", "supervision", "support", "holding", "rest", "rests", "stopping", "fidgeting", "difficulty",
];

/// "Get up out of bed when called, with no more than 2 reminders", "Catch a ball 15 out of 20
/// times", "Dress self in 10 minutes without prompting": a line that opens with the patient's task
/// in the imperative and states how well it must be done (a goal's degree: N out of M, no more
/// than N, without help or prompting, independently, within a time limit) is a goal in a goal bank
/// (C-OUT-3). An exercise given ("Stand on one leg for 30 s") states a dose, not a degree.
fn criterion_goal(cx: &Ctx) -> bool {
    let note = cx.note;
    let Some(f) = cx.toks.iter().position(|t| t.tok == Tok::Word) else { return false };
    let first = cx.toks[f].text(note);
    let lower = first.to_ascii_lowercase();
    // The task verb in its base form, capitalised as a line opening: not a subject, a name
    // ("Tanner bounce ..."), a past or -ing form, nor a clinician's plan verb ("Increase ...").
    if !first.starts_with(|c: char| c.is_ascii_uppercase())
        || first.len() > 1 && first[1..].starts_with(|c: char| c.is_ascii_uppercase())
        || NOT_TASK_OPENING.contains(&lower.as_str())
        || PLAN_NOT_GOAL.contains(&lower.as_str())
        || lower.ends_with("ed") || lower.ends_with("ing") || lower.len() < 3
        || lower.ends_with('s') && !lower.ends_with("ss")
        || cx.hits_of(Kinds::PLAN | Kinds::FUTURE | Kinds::CLINICIAN | Kinds::SKILL).any(|(a, _, _)| a == f)
        || cx.hits.iter().any(|(a, _, h)| *a == f && h.kinds.any(Kinds::DX | Kinds::IMPAIRMENT | Kinds::FUNCTION))
    {
        return false;
    }
    // An imperative's verb takes its object, particle or manner next ("Get up", "Dress self",
    // "Catch a ball", "Sit erect"); a noun opening ("Static standing", "Habituation:") does not.
    if !cx.word(f + 1, IMPERATIVE_NEXT) {
        return false;
    }
    let n = cx.toks.len();
    // A dose ("3 x 30 s", "10 reps", "2 sets") is an exercise given, not a goal's degree.
    if (f..n).any(|k| cx.word(k, &["x", "reps", "rep", "sets"]) || cx.toks[k].text(note).starts_with(|c: char| c.is_ascii_digit()) && cx.toks[k].text(note).ends_with('x')) {
        return false;
    }
    (f + 1..n).any(|k| {
        // "15 out of 20 times", "4/5 trials"
        (cx.toks[k].num().is_some() && cx.word(k + 1, &["out"]) && cx.word(k + 2, &["of"]))
            || (cx.toks[k].num().is_some() && cx.word(k + 1, &["trials", "attempts", "opportunities"]) && k > 0 && cx.toks[k - 1].is('/'))
            // "with no more than 2 reminders"
            || cx.word(k, &["no"]) && cx.word(k + 1, &["more"]) && cx.word(k + 2, &["than"])
            || cx.word(k, &["without"]) && cx.word(k + 1, CRITERION_WITHOUT)
            || cx.word(k, &["independently", "unassisted"])
            // "with minimum of prompting", "with minimal cues"
            || cx.word(k, &["with"]) && cx.word(k + 1, &["minimum", "minimal", "min"])
                && (cx.word(k + 2, CRITERION_WITHOUT) || cx.word(k + 2, &["of"]) && cx.word(k + 3, CRITERION_WITHOUT))
            // "in 60 seconds", "within 10 minutes": a time limit on the task
            || cx.word(k, &["in", "within", "under"])
                && cx.toks.get(k + 1).is_some_and(|t| t.num().is_some())
                && cx.word(k + 2, &["seconds", "second", "sec", "secs", "s", "minutes", "minute", "min", "mins"])
    })
}

/// Openings that frame a line as a result or a prior state, not as care given.
const RESULT_FRAMES: &[&[&str]] = &[
    &["after", "treatment"], &["after", "tx"], &["before", "treatment"], &["before", "tx"], &["result"], &["results"],
    &["outcome"], &["outcomes"], &["at", "d", "/", "c"], &["at", "dc"], &["at", "discharge"], &["upon", "discharge"],
    &["at", "evaluation"], &["at", "eval"], &["at", "initial", "evaluation"], &["at", "the", "initial", "evaluation"],
    &["prior", "level", "of", "function"], &["plof"], &["prior", "to", "admission"], &["prior", "to", "onset"],
];

/// True when the line opens with one of [`RESULT_FRAMES`].
fn result_frame(note: &str, toks: &[Token]) -> bool {
    let start = toks.iter().position(|t| t.tok != Tok::Punct('-') && t.tok != Tok::Punct('*')).unwrap_or(0);
    // Every frame opens with a word starting with one of these letters.
    if !toks.get(start).is_some_and(|t| t.tok == Tok::Word && matches!(note.as_bytes()[t.start].to_ascii_lowercase(), b'a' | b'b' | b'r' | b'o' | b'u' | b'p')) {
        return false;
    }
    RESULT_FRAMES.iter().any(|f| {
        f.len() <= toks.len() - start
            && f.iter().enumerate().all(|(i, w)| {
                let t = &toks[start + i];
                if w.len() == 1 && !w.as_bytes()[0].is_ascii_alphanumeric() {
                    t.is(w.chars().next().unwrap_or(' '))
                } else {
                    t.is_word(note, &[w])
                }
            })
    })
}

/// Nouns that name a deficit.
const DEFICIT_NOUNS: &[&str] = &[
    "impairment", "impairments", "deficit", "deficits", "difficulty", "difficulties", "problems", "limitation", "limitations",
];

/// Gerunds that report a trend or a state, not an activity ("Improving balance", "Requiring").
const NOT_ACTIVITY_GERUNDS: &[&str] = &[
    "improving", "increasing", "decreasing", "continuing", "progressing", "declining", "worsening", "demonstrating",
    "showing", "requiring", "needing", "reporting", "complaining", "noting", "having", "being", "following",
    "according", "including", "during", "morning", "evening", "nothing", "something", "anything", "everything",
    "remaining", "presenting", "bring", "ongoing", "pending", "regarding", "concerning", "considering", "using",
    "beginning", "starting", "missing", "fitting", "ceiling", "building", "setting", "training", "timing",
];

/// The first token of the line's content: after its last "label:" in the first 12 tokens
/// ("Tx: Marching in place"), or 0.
fn line_start(cx: &Ctx) -> usize {
    (0..cx.toks.len().min(12)).rev().find(|&k| cx.toks[k].is(':')).map_or(0, |k| k + 1).max(opener_end(cx))
}

/// The token after a sequence opener and its comma, or 0.
fn opener_end(cx: &Ctx) -> usize {
    let mut k = 0;
    while k < cx.toks.len().min(3) && cx.word(k, SEQUENCE_OPENERS) {
        k += 1;
    }
    // "After that" needs both words; "That" alone opens a sentence about something else.
    if k == 0 || (k == 1 && cx.word(0, &["after", "that", "this", "last", "second"])) {
        return 0;
    }
    if cx.toks.get(k).is_some_and(|t| t.is(',')) {
        k += 1;
    }
    k
}

/// The token of a gerund that heads the line or its "label:" part, after position words only
/// ("Functional reaching ...", "Tx: Marching in place ..."), if any.
fn gerund_head(cx: &Ctx) -> Option<usize> {
    let note = cx.note;
    let from = line_start(cx);
    let mut k = from;
    while k < cx.toks.len() && k < from + 4 {
        let t = &cx.toks[k];
        if t.tok != Tok::Word {
            if t.is('-') || t.is('(') {
                k += 1;
                continue;
            }
            return None;
        }
        let w = t.text(note);
        let ing = w.len() > 5 && w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"ing");
        if ing && !IN_NOT_ACTIVITY_GERUNDS.has(note, &t) && !IN_HEAD_WORDS.has(note, &t) {
            return Some(k);
        }
        // "Metronome walking", "Mirror reaching": the help that paces the task may name it.
        let pacing = cx.hits.iter().any(|(a, b, h)| *a == k && *b == k + 1 && h.kinds.any(Kinds::SKILL));
        if !(IN_HEAD_WORDS.has(note, &t) || pacing || t.is_word(note, &["functional", "repeated", "repetitive", "reciprocal", "controlled", "unilateral"])) {
            return None;
        }
        k += 1;
    }
    None
}

/// True when token `t` is a body-function head noun (`context::is_function_head`), lower-cased
/// on the stack.
fn function_head_at(t: &Token, note: &str) -> bool {
    let w = t.text(note).as_bytes();
    let mut buf = [0u8; 24];
    w.len() <= buf.len() && {
        buf[..w.len()].copy_from_slice(w);
        buf[..w.len()].make_ascii_lowercase();
        std::str::from_utf8(&buf[..w.len()]).is_ok_and(crate::context::is_function_head)
    }
}

/// The end of a short noun phrase starting at token `k` whose head (its last noun) is a
/// body-function noun (`context::is_function_head`): "ankle control", "neck and trunk extension",
/// "righting reactions". Not when a number rates it ("balance 3/4") or an outcome word is in it.
fn function_headed(cx: &Ctx, k: usize) -> Option<usize> {
    let note = cx.note;
    let mut end = None;
    let mut j = k;
    while j < cx.toks.len() && j < k + 5 {
        let t = &cx.toks[j];
        if t.tok != Tok::Word {
            if t.is('-') || t.is('/') {
                j += 1;
                continue;
            }
            break;
        }
        if t.is_word(note, &["with", "during", "in", "on", "at", "while", "when", "as", "by", "for", "to", "x", "from", "of"]) {
            break;
        }
        if cx.hits.iter().any(|(a, b, h)| *a <= j && j < *b && h.kinds.any(Kinds::OUTCOME | Kinds::SKILL | Kinds::MEASURE_NAME)) {
            return None;
        }
        if function_head_at(t, note) {
            end = Some(j + 1);
        } else if end.is_some() && !t.is_word(note, &["and", "or"]) {
            // The phrase goes on past the function noun ("balance training"): not its head.
            end = None;
        }
        j += 1;
    }
    let end = end?;
    (cx.in_num(end) != Some(NumKind::Measure) && !cx.toks.get(end).is_some_and(|t| t.num().is_some())).then_some(end)
}

/// Words that make a line-opening phrase a clause or a subject, not an activity's name.
const NOT_PHRASE_WORDS: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "has", "have", "had", "needs", "need", "requires", "required", "used",
    "uses", "pt", "patient", "client", "he", "she", "they", "i", "we", "this", "that", "these", "it", "his", "her",
    "their", "goal", "goals", "plan", "will", "can", "may", "should", "must", "continue", "continues", "cont",
    "not", "no", "unable", "able", "due", "secondary", "session", "today", "today's", "treatment", "tx", "therapy",
    "intervention", "interventions", "visit",
];

/// The noun phrase that opens the line (or its "label:" part) and is followed by a purpose aimed
/// at a body function or impairment ("Animal walks across the mat to build proximal stability",
/// "Prone over ball for neck extension"): the tokens before the purpose, when none is a verb form,
/// a subject or a word of help, deficit or context.
fn aimed_phrase(cx: &Ctx) -> Option<(usize, usize)> {
    let note = cx.note;
    let from = cx.toks.iter().enumerate().skip(line_start(cx)).find(|(_, t)| t.tok == Tok::Word)?.0;
    let (pa, pb, _) = cx.hits_of(Kinds::PURPOSE).find(|(pa, _, _)| *pa > from)?;
    if pa > from + 14 {
        return None;
    }
    let skip = Kinds(!(Kinds::FUNCTION | Kinds::IMPAIRMENT | Kinds::OUTCOME | Kinds::MOBILITY).0);
    let listed = cx.next_hit(pb, 4, skip).is_some_and(|(_, _, t)| t.kinds.any(Kinds::FUNCTION | Kinds::IMPAIRMENT) && !t.kinds.any(Kinds::OUTCOME));
    // "for ankle control", "to build proximal stability": a body-function head noun close after.
    if !(listed || function_headed(cx, pb).is_some()) {
        return None;
    }
    let words = (from..pa).filter(|&k| cx.toks[k].tok == Tok::Word).count();
    let plain = (from..pa).all(|k| {
        let t = &cx.toks[k];
        if t.tok != Tok::Word {
            return t.is('(') || t.is(')') || t.is(',') || t.is('/') || t.is('-') || t.is('&');
        }
        let w = t.text(note);
        let verb_form = w.len() > 4 && (w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed") || w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"ing") && k == from);
        !verb_form && !IN_NOT_PHRASE_WORDS.has(note, &t)
    });
    let names_only = cx.hits.iter().filter(|(ha, _, _)| (from..pa).contains(ha)).all(|(_, _, h)| {
        !h.kinds.any(Kinds(!(Kinds::ACTIVITY | Kinds::GENERIC | Kinds::MUSCLE | Kinds::MOBILITY).0))
    });
    (words >= 1 && words <= 10 && plain && names_only).then_some((from, pa))
}

/// True when a distance alone follows token `b` (after an optional colon): "6MWT 280 m".
fn distance_after(cx: &Ctx, b: usize) -> bool {
    let k = if cx.toks.get(b).is_some_and(|t| t.is(':')) { b + 1 } else { b };
    cx.toks.get(k).is_some_and(|t| t.num().is_some())
        && cx.toks.get(k + 1).is_some_and(|u| IN_DISTANCE.has(cx.note, &u) || u.is('\''))
}

/// True for a manual muscle test grade: "4/5", "3+/5".
fn grade_of_five(cx: &Ctx, n: &Num) -> bool {
    n.t1 >= 2 && cx.toks.get(n.t1 - 1).and_then(|t| t.num()) == Some(5.0) && cx.toks.get(n.t1 - 2).is_some_and(|t| t.is('/'))
}

/// Test findings without numbers, as token ranges: "positive Dix-Hallpike", "positive VOR and
/// smooth pursuit testing", "negative Dix-Hallpike room spinning vertigo testing". The words
/// between the sign and the test name the test: not an activity, not an impairment.
fn test_findings(cx: &Ctx) -> Vec<(usize, usize)> {
    let note = cx.note;
    let mut out = Vec::new();
    for k in 0..cx.toks.len() {
        if cx.toks[k].tok == Tok::Word
            && matches!(note.as_bytes()[cx.toks[k].start], b'p' | b'P' | b'n' | b'N')
            && cx.toks[k].is_word(note, &["positive", "negative", "pos", "neg"])
        {
            let end = (k + 1..(k + 10).min(cx.toks.len()))
                .take_while(|&j| !cx.toks[j].is('.') && !cx.toks[j].is(';') && !cx.toks[j].is(',') && !cx.toks[j].is('('))
                .fold((None, None), |(test, name), j| {
                    if test.is_none() && cx.toks[j].is_word(note, &["test", "testing", "tests", "sign", "maneuver", "screen"]) {
                        (Some(j), name)
                    } else if name.is_none() && cx.hits.iter().any(|(ha, _, hh)| *ha == j && hh.kinds.any(Kinds::MEASURE_NAME)) {
                        (test, Some(j))
                    } else {
                        (test, name)
                    }
                });
            // The test word ends the name ("negative Dix-Hallpike room spinning vertigo testing");
            // else a named measure does ("positive Dix-Hallpike").
            let end = end.0.or(end.1);
            if let Some(e) = end {
                out.push((k, e + 1));
            }
        }
    }
    out
}

/// Drops the spans a cancelling context covers (`crate::blocks`), and activity or impairment
/// words inside a test finding's name.
fn cancel(cx: &mut Ctx) {
    let note = cx.note;
    let toks = cx.toks;
    let byte = |a: usize, e: usize| (toks[a].start, toks[e.max(a + 1).min(toks.len()) - 1].end);
    let mut regions: Vec<(Label, usize, usize, Option<&'static blocks::Block>)> = blocks::regions(note, toks)
        .into_iter()
        .map(|(l, a, e, b)| {
            let (s, t) = byte(a, e);
            (l, s, t, Some(b))
        })
        .collect();
    for (l, ..) in &regions {
        cx.out.blocked |= l.bit();
    }
    for &(a, e) in cx.tests.get_or_init(|| test_findings(cx)) {
        let (s, t) = byte(a, e);
        regions.extend([(Label::What, s, t, None), (Label::Why, s, t, None)]);
    }
    if regions.is_empty() {
        return;
    }
    cx.out.spans.retain(|sp| {
        !regions.iter().any(|&(l, s, t, b)| {
            sp.label == l
                && match b {
                    Some(b) if b.dir == crate::context::Dir::Here => sp.start >= s && sp.end <= t && blocks::cancels(b, &note[sp.start..sp.end]),
                    Some(b) => sp.start >= s && sp.start < t && blocks::cancels(b, &note[sp.start..sp.end]),
                    None => sp.start >= s && sp.end <= t,
                }
        })
    });
}

/// Finds doses and measured numbers.
fn numbers(cx: &mut Ctx, bill: &[bool]) {
    let n = cx.toks.len();
    let note = cx.note;
    // The first history marker ("s/p", "hx", "history"): an "x 2" after it is not a dose.
    let first_history = (0..n).find(|&k| {
        cx.toks[k].is_word(note, &["s/p", "hx", "history"])
            || k > 0 && cx.toks[k].is('/') && cx.toks[k - 1].is_word(note, &["s"]) && cx.toks.get(k + 1).is_some_and(|p| p.is_word(note, &["p"]))
    });
    let mut i = 0;
    while i < n {
        if bill[i] {
            i += 1;
            continue;
        }
        // The digits of a test's name ("6MWT", "5xSTS", "30s CST" as one lexicon term) are
        // neither dose nor value.
        if cx.toks[i].num().is_some() && cx.hits.iter().any(|(a, b, h)| *a <= i && i < *b && h.kinds.any(Kinds::MEASURE_NAME)) {
            i += 1;
            continue;
        }
        // "24/7 care": round the clock, not a score.
        if cx.toks[i].num() == Some(24.0) && cx.toks.get(i + 1).is_some_and(|t| t.is('/')) && cx.toks.get(i + 2).and_then(|t| t.num()) == Some(7.0) {
            i += 3;
            continue;
        }
        let t = cx.toks[i];
        let next = |k: usize| cx.toks.get(i + k);
        let is_x = |tok: Option<&Token>| tok.is_some_and(|t| t.is_word(note, &["x"]) || t.is('×') || t.is('*'));
        if t.num().is_some() {
            // N x N [unit]
            if is_x(next(1)) && next(2).and_then(|t| t.num()).is_some() {
                let mut e = i + 3;
                if next(3).is_some_and(|u| IN_SECONDS.has(note, &u) || IN_DISTANCE.has(note, &u) || IN_COUNT_WORDS.has(note, &u) || u.is_word(note, &["min", "mins", "minutes", "minute"])) {
                    e += 1;
                }
                cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: e });
                i = e;
                continue;
            }
            // "Visit 6 of 12", "session 3/8", "4 of 10 authorized visits": a count of visits is
            // administration, not a measure (conventions C-HEAD-3, C-MEAS-8).
            let of_n = next(1).is_some_and(|w| w.is_word(note, &["of"]) || w.is('/')) && next(2).and_then(|t| t.num()).is_some();
            if of_n
                && (i > 0 && IN_VISIT_WORDS.has(note, &cx.toks[i - 1])
                    || (i > 1 && cx.toks[i - 1].is('#') && IN_VISIT_WORDS.has(note, &cx.toks[i - 2]))
                    || next(3).is_some_and(|w| IN_VISIT_WORDS.has(note, &w) || w.is_word(note, &["authorized", "approved", "auth"])))
            {
                i += 3;
                continue;
            }
            // N/N, not a date and not x/wk.
            if next(1).is_some_and(|s| s.is('/')) {
                if let Some(d) = next(2).and_then(|t| t.num()) {
                    let date = next(3).is_some_and(|s| s.is('/')) || (i >= 2 && cx.toks[i - 1].is('/') && cx.toks[i - 2].num().is_some());
                    if !date && d > 0.0 {
                        cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 3 });
                        i += 3;
                        continue;
                    }
                }
            }
            // A strength grade with a sign: "3+/5", "4-/5".
            if next(1).is_some_and(|s| s.is('+') || s.is('-') || s.is('–')) && next(2).is_some_and(|s| s.is('/')) && next(3).and_then(|t| t.num()).is_some_and(|d| d == 5.0) {
                cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 4 });
                i += 4;
                continue;
            }
            // N of N / N out of N
            if next(1).is_some_and(|w| w.is_word(note, &["of"])) && next(2).and_then(|t| t.num()).is_some() {
                cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 3 });
                i += 3;
                continue;
            }
            // N % / N percent
            if next(1).is_some_and(|p| p.is('%') || p.is_word(note, &["percent"])) {
                cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 2 });
                i += 2;
                continue;
            }
            // N m/s
            if next(1).is_some_and(|u| u.is_word(note, &["m"])) && next(2).is_some_and(|s| s.is('/')) && next(3).is_some_and(|s| s.is_word(note, &["s", "sec"])) {
                cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 4 });
                i += 4;
                continue;
            }
            let hr = (i.saturating_sub(3)..i).any(|k| cx.toks[k].is_word(note, &["hr", "pulse", "rate"]));
            if next(1).is_some_and(|u| u.is_word(note, &["cm", "mm", "mph", "block", "blocks", "pegs"]) || (hr && u.is_word(note, &["bpm"]))) {
                cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 2 });
                i += 2;
                continue;
            }
            let prev_ok = i == 0 || !IN_NOT_BEFORE_COUNT.has(note, &cx.toks[i - 1]);
            // "Berg 3 trials", "fell 2 times", "LOB 3 times": counted after a test or an event,
            // the count is the result.
            let after_measure = cx.hits.iter().any(|(_, b, h)| *b <= i && i - *b <= 1 && h.kinds.any(Kinds::MEASURE_NAME | Kinds::EVENT));
            if next(1).is_some_and(|u| IN_COUNT_WORDS.has(note, &u)) && after_measure {
                cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 2 });
                i += 2;
                continue;
            }
            if next(1).is_some_and(|u| IN_COUNT_WORDS.has(note, &u)) && prev_ok {
                cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: i + 2 });
                i += 2;
                continue;
            }
            if next(1).is_some_and(|u| IN_DISTANCE.has(note, &u)) && !next(2).is_some_and(|s| s.is('/')) && prev_ok {
                cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: i + 2 });
                i += 2;
                continue;
            }
            if next(1).is_some_and(|u| u.is('\'') || u.is('’')) && next(1).is_some_and(|u| u.start == t.end) {
                // 150' = feet
                cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: i + 2 });
                i += 2;
                continue;
            }
            if next(1).is_some_and(|u| u.is_word(note, &["in", "inch", "inches"]) || u.is('"') || u.is('”'))
                && next(2).is_some_and(|o| o.is_word(note, STEP_OBJECTS))
            {
                cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: i + 3 });
                i += 3;
                continue;
            }
            let quote_secs = next(1).is_some_and(|u| (u.is('"') || u.is('”') || u.is('″')) && u.start == t.end);
            if next(1).is_some_and(|u| IN_SECONDS.has(note, &u)) || quote_secs {
                let e = i + 2;
                if next(2).is_some_and(|w| w.is_word(note, &["hold", "holds", "each", "per", "bouts", "intervals"])) {
                    cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: e + 1 });
                    i = e + 1;
                    continue;
                }
                let back = i.saturating_sub(3);
                let result = (back..i).any(|k| {
                    IN_RESULT_WORDS.has(note, &cx.toks[k])
                        // "unable to maintain tandem stance >5 s": a threshold is measured.
                        || (k + 1 == i && (cx.toks[k].is('>') || cx.toks[k].is('<') || cx.toks[k].is('≥') || cx.toks[k].is('≤')))
                        || cx.toks[k].num().is_some()
                        || cx.toks[k].is('(')
                        || cx.hits.iter().any(|(a, b, h)| *a <= k && k < *b && h.kinds.any(Kinds::MEASURE_NAME | Kinds::RESULT))
                });
                if result {
                    cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: e });
                }
                i = e;
                continue;
            }
            if next(1).is_some_and(|u| u.is_word(note, &["min", "mins", "minutes"])) {
                // "needs 45 minutes to complete dressing", "results in 20 minutes to put on
                // socks": the time a task takes the patient is a timed result (C-MEAS-1, C-WHY-9).
                let needed = (i.saturating_sub(3)..i).any(|k| cx.toks[k].is_word(note, TIME_NEEDED)) && next(2).is_some_and(|w| w.is_word(note, &["to"]));
                if needed {
                    cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 2 });
                    i += 2;
                    continue;
                }
                // Minutes of an activity are dose ("bike 8 min", "10 min of ...").
                let activity_near = cx.hits.iter().any(|(a, b, h)| *b <= i && i - *b <= 3 && *a < i && h.kinds.any(Kinds::ACTIVITY | Kinds::GENERIC));
                let rest = next(3).is_some_and(|w| w.is_word(note, &["rest", "break", "seated"]));
                if (next(2).is_some_and(|w| w.is_word(note, &["of", "each"])) || activity_near) && !rest {
                    cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: i + 2 });
                }
                i += 2;
                continue;
            }
        } else if t.is_word(note, &["x"]) || t.is('×') {
            // "x 6 trials", "x10", "Stood x2": a dose unless it counts helpers or units.
            if let Some(v) = next(1).and_then(|t| t.num()) {
                let helpers = cx.hits.iter().any(|(_, b, h)| *b == i && h.kinds.any(Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL));
                let freq = next(2).is_some_and(|s| s.is('/'));
                let history = first_history.is_some_and(|h| h < i);
                // "oriented x3", "A&O x 4": orientation to person, place, time (and situation)
                // is a cognitive status, a measure.
                let oriented = i > 0 && cx.toks[i - 1].is_word(note, &["oriented", "o", "aao", "aox"]);
                if oriented {
                    cx.nums.push(Num { kind: NumKind::Measure, t0: i - 1, t1: i + 2 });
                    i += 2;
                    continue;
                }
                // "LOB x2", "cues x3", "redirection x4": a count of events or of the help the
                // patient needed measures performance; it is not the task's dose.
                let counted = cx.hits.iter().any(|(_, b, h)| *b == i && h.kinds.any(Kinds(Kinds::SKILL.0 | Kinds::EVENT.0)));
                if counted && !freq {
                    cx.nums.push(Num { kind: NumKind::Measure, t0: i, t1: i + 2 });
                    i += 2;
                    continue;
                }
                if !helpers && !freq && !history && v < 1000.0 && i > 0 {
                    let mut e = i + 2;
                    if next(2).is_some_and(|u| IN_COUNT_WORDS.has(note, &u)) {
                        e += 1;
                    }
                    cx.nums.push(Num { kind: NumKind::Dose, t0: i, t1: e });
                    i = e;
                    continue;
                }
            }
        }
        i += 1;
    }
}

fn label_what(cx: &mut Ctx, result_sentence: bool, flags: &[redflags::Found]) -> bool {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let in_flag = |h: &Hit| flags.iter().any(|f| h.start >= f.start && h.end <= f.end && redflags::RED_FLAGS[f.row].id.starts_with("tolerat"));
    // Doses.
    // A distance or time right after a measure's name is its result ("6MWT 280 m"), not a dose.
    let after_measure = |n: &Num| cx.hits_of(Kinds::MEASURE_NAME).any(|(_, hb, _)| (n.t0 == hb || n.t0 == hb + 1 && cx.toks.get(hb).is_some_and(|t| t.is(':'))) && distance_after(cx, hb));
    let doses: Vec<Num> = cx.nums.iter().copied().filter(|n| n.kind == NumKind::Dose && !after_measure(n)).collect();
    for d in &doses {
        spans.push((d.t0, d.t1));
    }
    let mut activities: Vec<(usize, usize, Hit)> = cx.hits_of(Kinds::ACTIVITY | Kinds::GENERIC).filter(|(_, _, h)| !in_flag(h)).collect();
    // A functional task practised as the exercise: "LB dressing seated EOB", "self-feeding practice".
    // Framed as a goal or report, or governed by a purpose or limitation before it ("to improve
    // dressing", "unable to dress"); a purpose after it belongs to the help ("with VC for
    // sequencing").
    let framed_at = |a: usize| {
        cx.has(Kinds::REPORT | Kinds::GOAL) || cx.hits_of(Kinds::PURPOSE | Kinds::LIMIT).any(|(pa, _, _)| pa < a)
    };
    // A functional task heads a line as the session's practice only with a dose, a setting, or
    // the therapist's help ("LB dressing seated EOB, min A"); alone ("Shower", "Dress, don
    // shoes") the line lists a functional goal.
    let practised = || {
        !doses.is_empty()
            || cx.has(Kinds::SKILL | Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL | Kinds::DELIVERY | Kinds::ACTIVITY | Kinds::GENERIC)
            || cx.toks.iter().any(|t| IN_SETTINGS.has(cx.note, &t))
    };
    for (a, b, h) in cx.hits_of(Kinds::OUTCOME).collect::<Vec<_>>() {
        let practice = cx.toks.get(b).is_some_and(|t| IN_TASK_NOUNS.has(cx.note, &t));
        // At the head of the line or of its "label:" part ("OT: UB dressing with min A").
        let from = (0..a).rev().find(|&k| cx.toks[k].is(':') || cx.toks[k].is(';')).map_or(0, |k| k + 1).max(opener_end(cx).min(a));
        let head = (from..a).all(|k| IN_HEAD_WORDS.has(cx.note, &cx.toks[k]) || cx.toks[k].tok != Tok::Word);
        if practice || (head && !framed_at(a) && a - from <= 3 && practised()) {
            activities.push((a, b, Hit { kinds: Kinds::ACTIVITY, ..h }));
        }
    }
    crate::order::sort_by_key(&mut activities, |x| x.0);
    let generic = activities.iter().any(|(_, _, h)| h.kinds.any(Kinds::GENERIC));
    // Two or more different named activities in the sentence.
    let mut terms = activities.iter().filter(|(_, _, h)| h.kinds.any(Kinds::ACTIVITY)).map(|(_, _, h)| h.term);
    let several = terms.next().is_some_and(|first| terms.any(|t| t != first));
    // "Ambulated in hallway with RW", "Pt. transferred bed to w/c": a mobility verb in the past
    // tense with only its subject before it reports the task done in the session.
    for (a, b, _) in cx.hits_of(Kinds::MOBILITY).collect::<Vec<_>>() {
        let w = cx.toks[a].text(cx.note);
        let past = w.len() > 4 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed");
        let subject_only = (0..a).all(|k| cx.toks[k].is_word(cx.note, &["pt", "patient", "client", "he", "she", "they", "then", "also"]) || cx.toks[k].is('.'));
        if past && subject_only && b == a + 1 {
            spans.push((a, b));
        }
    }
    // "Functional reaching outside BOS to improve weight shifting", "Marching in place for hip
    // flexor activation": a gerund heading the line, followed by a purpose or a dose, names the
    // activity even when no list holds it.
    if let Some(g) = gerund_head(cx) {
        let aimed = cx.hits_of(Kinds::PURPOSE).any(|(pa, _, _)| pa > g) || doses.iter().any(|d| d.t0 > g);
        // "Backward chaining for donning socks": a method of teaching is skill, not the activity.
        let method = cx.hits.iter().any(|(a, b, h)| *a <= g && g < *b && h.kinds.any(Kinds::SKILL));
        if aimed && !framed_at(g) && !cx.has(Kinds::LIMIT) && !method {
            spans.push((g, g + 1));
        }
    }
    // "Patient seated on a therapy ball and reaches arms overhead", "Pt half-kneeling, alternating
    // arm lifts": an exercise described from its starting position (the first element of an
    // exercise prescription) and the movement made in it is the activity done (C-WHAT-1; an
    // intervention table's description cell, C-WHAT-8).
    if let Some(p) = start_position(cx) {
        let moved = cx.hits.iter().find(|(a, _, h)| *a > p && h.kinds.any(Kinds::ACTIVITY | Kinds::OUTCOME | Kinds::MOBILITY) && !h.kinds.any(Kinds::MEASURE_NAME));
        if let Some(&(a, b, _)) = moved {
            if !framed_at(a) && !result_sentence && !cx.has(Kinds::LIMIT) {
                spans.push((p, b));
            }
        }
    }
    // "Animal walks (bear crawl, crab walk) across the mat to build proximal stability": a noun
    // phrase heading the line, aimed by a purpose at a body function, names the activity even
    // when no list holds it.
    if let Some((a, b)) = aimed_phrase(cx) {
        if !framed_at(a) {
            spans.push((a, b));
        }
    }
    // "decreased comprehension during puzzle activity, requiring max cues": the task the
    // therapist helped with was done in the session, even when no list names it.
    if cx.has(Kinds::SKILL | Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL) {
        for k in 0..cx.toks.len() {
            if !cx.toks[k].is_word(cx.note, &["during", "throughout"]) {
                continue;
            }
            let head = (k + 1..cx.toks.len().min(k + 6))
                .take_while(|&j| cx.toks[j].tok == Tok::Word || cx.toks[j].is('-') || cx.toks[j].is('/'))
                .find(|&j| IN_UNNAMED_TASK_HEADS.has(cx.note, &cx.toks[j]));
            if let Some(j) = head {
                spans.push((k + 1, j + 1));
            }
        }
    }
    let delivery = cx.hits_of(Kinds::DELIVERY).next();
    let education = cx.hits_of(Kinds::DELIVERY).any(|(_, _, h)| {
        let t = cx.hit_text(&h);
        t.starts_with("educat") || t.starts_with("instruct") || t.starts_with("review") || t.starts_with("issued") || t.starts_with("trained") || t.starts_with("taught") || t.starts_with("teach") || t.starts_with("handout") || t.starts_with("shown how") || t.starts_with("showed")
    });
    for (a, b, h) in &activities {
        // Head of the sentence or of a "label:" list: only position words before it.
        let from = (0..*a).rev().find(|&k| cx.toks[k].is(':') || cx.toks[k].is(';')).map_or(0, |k| k + 1).max(opener_end(cx).min(*a));
        let head = *a - from <= 3
            && (from..*a).all(|k| IN_HEAD_WORDS.has(cx.note, &cx.toks[k]) || cx.toks[k].is('-') || cx.toks[k].is('('));
        // A head noun after unlisted modifiers heads the line too ("Scooter board activities in
        // prone"): nothing before it is a verb or another term.
        let head_noun = cx.toks.get(b.saturating_sub(1)).is_some_and(|t| t.is_word(cx.note, &["activities", "exercises", "tasks", "training", "drills", "games", "circuit", "course"]))
            && *a - from <= 4
            && (from..*a).all(|k| {
                // Coordinated kinds before the head count as its modifiers ("Endurance and gait
                // training", "strength/balance exercises"); a verb or a modifier word does not.
                let nounish = |hk: Kinds| !hk.any(Kinds(!(Kinds::FUNCTION.0 | Kinds::ACTIVITY.0 | Kinds::GENERIC.0 | Kinds::MOBILITY.0 | Kinds::OUTCOME.0 | Kinds::MUSCLE.0)));
                (cx.toks[k].tok == Tok::Word || cx.toks[k].is('-') || cx.toks[k].is('/') || cx.toks[k].is('&') || cx.toks[k].is(','))
                    && cx.hits.iter().filter(|(ha, hb, _)| *ha <= k && k < *hb).all(|(_, _, hh)| nounish(hh.kinds))
            });
        // "Stability ball arm reaches", "Cone reaches": a line that is only a noun phrase headed
        // by the named exercise is the exercise's name (an intervention table's name cell,
        // C-WHAT-8); the words before it are nouns that modify it, none judging it ("Poor
        // static standing" is a finding).
        let last_word = cx.toks.iter().rposition(|t| !matches!(t.tok, Tok::Punct(_)));
        let name_cell = last_word.is_some_and(|l| *b == l + 1)
            && *a <= 4
            && h.kinds.any(Kinds::ACTIVITY)
            && (0..*a).all(|k| {
                let t = &cx.toks[k];
                t.tok == Tok::Word
                    && !IN_NOT_NAME_WORDS.has(cx.note, &t)
                    && cx.hits.iter().filter(|(ha, hb, _)| *ha <= k && k < *hb).all(|(_, _, hh)| !hh.kinds.any(Kinds(!(Kinds::FUNCTION.0 | Kinds::ACTIVITY.0 | Kinds::MUSCLE.0))))
            });
        let head = head || head_noun || name_cell;
        // "SLS R 4 s" names the measure, not the exercise.
        let measured = h.kinds.any(Kinds::MEASURE_NAME)
            && ((*b..(*b + 4).min(cx.toks.len())).any(|k| cx.toks[k].num().is_some() && cx.in_num(k) != Some(NumKind::Dose))
                // "Romberg positive", "6MWT 280 m"
                || cx.toks.get(*b).is_some_and(|t| t.is_word(cx.note, &["positive", "negative", "pos", "neg"]))

                || distance_after(cx, *b))
            // "hip flexion 3+/5": a strength grade names a tested motion.
            || cx.nums.iter().any(|n| n.kind == NumKind::Measure && (n.t0 == *b || n.t0 == *b + 1 && cx.toks.get(*b).is_some_and(|t| t.is(':'))) && grade_of_five(cx, n))
            // "static standing fair+", "Dynamic sitting = Good": a graded item.
            || is_grade_at(cx, *b) || (cx.toks.get(*b).is_some_and(|t| t.is('=') || t.is(':')) && is_grade_at(cx, *b + 1));
        // "PROM shoulder flex WNL": an examined item with its finding in words.
        let examined = IN_EXAM_ITEMS.has(cx.note, &cx.toks[*a])
            && (*b..(*b + 4).min(cx.toks.len())).any(|k| IN_EXAM_FINDINGS.has(cx.note, &cx.toks[k]));
        // "Smooth pursuit impaired with catch-up saccades", "Saccades intact": an activity named
        // with its finding right after it is examined, not practised.
        let finding = cx.toks.get(*b).is_some_and(|t| t.is_word(cx.note, &["impaired", "intact", "abnormal", "absent", "delayed", "saccadic", "dysmetric"]));
        if measured || examined || finding || bare_head(cx, *a, *b) {
            continue;
        }
        let dosed = !doses.is_empty();
        // "CGA for sit to stand", "cues during reaching": the help was given for this activity.
        // "Mod A x1 for sit to stand": a count of helpers may stand between.
        let helped = *a >= 2
            && cx.toks[*a - 1].is_word(cx.note, &["for", "during", "with", "throughout"])
            && cx.hits.iter().any(|(_, hb, hh)| {
                hh.kinds.any(Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL | Kinds::SKILL)
                    && (*hb + 1 == *a || *hb + 3 == *a && cx.toks[*hb].is_word(cx.note, &["x"]) && cx.toks[*hb + 1].num().is_some())
            });
        // "LOB x2 during tandem walking": events counted during an activity show it was done.
        let observed = *a >= 1 && !h.kinds.any(Kinds::MEASURE_NAME) && cx.toks[*a - 1].is_word(cx.note, &["during", "throughout", "with"]) && cx.hits_of(Kinds::EVENT).any(|(ea, _, _)| ea < *a);
        let delivered = delivery.is_some_and(|(da, db, dh)| {
            let giving = matches!(cx.hit_text(&dh), "provided" | "gave" | "administered" | "applied");
            // "retrograde massage provided", "e-stim was applied": the passive names its object
            // first.
            let passive = *b <= da && (*b..da).all(|k| cx.toks[k].is_word(cx.note, &["was", "were", "is", "are", "then"]));
            !giving || (*a >= db && *a <= db + 2) || passive
        });
        if h.kinds.any(Kinds::GENERIC) || dosed || (head && !result_sentence) || several || delivered || helped || observed {
            spans.push((*a, *b));
        }
    }
    if let Some((a, b, h)) = delivery {
        // "provided/gave X" delivers an activity only when X is one ("PT provided perturbations");
        // "gave tactile cues" is skill, not an activity.
        let giving = matches!(cx.hit_text(&h), "provided" | "gave" | "administered" | "applied");
        let object = activities.iter().any(|(aa, _, _)| *aa >= b && *aa <= b + 2);
        if education || (!giving && !activities.is_empty()) || (giving && object) {
            spans.push((a, b));
        }
    }
    let _ = generic;
    let any = !spans.is_empty();
    for (a, b) in spans {
        cx.push(Label::What, a, b);
    }
    any
}

/// Head nouns that name no activity by themselves ("the program", "his activity program", "the
/// tasks"): an activity only with a modifier that names it ("balance program", "puzzle task").
const BARE_HEADS: &[&str] = &["program", "programme", "programs", "activity", "activities", "task", "tasks", "drill", "drills", "games"];

/// True when the hit at tokens `a..b` is a bare activity head noun: only other bare heads, then
/// a determiner, a possessive or nothing before it ("The program was four weeks in duration":
/// C-WHAT-4, no activity named; C-TIME-3, a programme's length carries no label).
fn bare_head(cx: &Ctx, a: usize, b: usize) -> bool {
    let bare = |k: usize| IN_BARE_HEADS.has(cx.note, &cx.toks[k]);
    if b != a + 1 || !bare(a) {
        return false;
    }
    let first = (0..a).rev().find(|&k| !bare(k)).map_or(0, |k| k + 1);
    first == 0 || cx.toks[first - 1].tok != Tok::Word || cx.toks[first - 1].is_word(cx.note, &["the", "a", "an", "this", "that", "his", "her", "their", "its", "each", "every"])
}

/// Words that make a short line more than an exercise's name: judgements, negations,
/// prepositions and verbs of state ("Poor static standing", "No tandem stance").
const NOT_NAME_WORDS: &[&str] = &[
    "poor", "fair", "good", "normal", "impaired", "decreased", "increased", "reduced", "limited", "improved", "independent",
    "unable", "difficulty", "no", "not", "with", "without", "in", "on", "for", "to", "of", "and", "or", "is", "was", "will",
    "goal", "goals", "able", "unsteady", "unable", "assisted", "dependent", "needs", "requires",
];

fn label_why(cx: &mut Ctx, report: bool) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let note = cx.note;
    let targets = Kinds::FUNCTION | Kinds::IMPAIRMENT | Kinds::ACTIVITY | Kinds::GENERIC;
    // impaired / delayed + function. The strong modifiers ("impaired", "deficits in") take any
    // word after them; the weak ones ("decreased", "reduced") often go with measures
    // ("decreased pain 3/10"), so they need a lexicon target.
    for (a, b, h) in cx.hits_of(Kinds::MODIFIER).collect::<Vec<_>>() {
        let m = cx.hit_text(&h);
        let strong = matches!(m, "impaired" | "impairment of" | "impairments in" | "deficits in" | "deficit in" | "lack of" | "loss of" | "altered" | "abnormal" | "diminished" | "delayed" | "poor" | "impaired use of" | "difficulty with");
        if strong && !cx.cue_anchored(a, None) && cx.toks.get(b).is_some_and(|t| t.tok == Tok::Word && !t.is_word(note, &["by", "with", "to", "and", "or", "at", "in", "on"])) {
            // The impairment phrase: up to its lexicon target, or the run of words after it.
            let end = match cx.next_hit(b, 5, Kinds::MODIFIER | Kinds::PURPOSE) {
                Some((_, tb, th)) if th.kinds.any(targets) => tb,
                _ => {
                    let mut e = b;
                    while e < cx.toks.len() && e < b + 5 && cx.toks[e].tok == Tok::Word
                        && !cx.toks[e].is_word(note, &["with", "and", "to", "during", "in", "on", "at", "due", "secondary", "which", "that", "but", "when", "while", "for"])
                    {
                        e += 1;
                    }
                    e.max(b + 1)
                }
            };
            spans.push((a, end));
            continue;
        }
        if let Some((ta, tb, h)) = cx.next_hit(b, 5, Kinds::MODIFIER | Kinds::PURPOSE) {
            if h.kinds.any(targets) && !h.kinds.any(Kinds::SKILL) && !cx.cue_anchored(a, None) && !cx.rated_after(tb) {
                let _ = ta;
                spans.push((a, tb));
            }
        }
    }
    // Impairments named on their own.
    for (a, b, h) in cx.hits_of(Kinds::IMPAIRMENT).collect::<Vec<_>>() {
        let _ = h;
        let measured = (b..(b + 3).min(cx.toks.len())).any(|k| cx.in_num(k) == Some(NumKind::Measure));
        // "once pelvic drop lessened" is a progression criterion, not the target.
        let criterion = (a.saturating_sub(2)..a).any(|k| cx.toks[k].is_word(note, &["once", "when", "until", "as"]));
        // A patient-reported deficit is one (C-WHY-4: "says her legs feel weak"); one reported
        // as easing ("tingling in both feet is less") is progress, not a reason for care.
        let easing = report && (b..(b + 6).min(cx.toks.len())).any(|k| cx.toks[k].is_word(note, &["less", "better", "resolved", "gone", "improved", "improving", "decreased", "eased", "easing"]));
        if !measured && !easing && !criterion && !cx.cue_anchored(a, None) {
            spans.push((a, b));
        }
    }
    // Purpose + function.
    for (a, b, h) in cx.hits_of(Kinds::PURPOSE).collect::<Vec<_>>() {
        let p = cx.hit_text(&h);
        let short = matches!(p, "for" | "due to" | "d/t" | "secondary to");
        let skip = Kinds(!(Kinds::FUNCTION | Kinds::IMPAIRMENT | Kinds::OUTCOME | Kinds::MOBILITY | Kinds::MEASURE_NAME).0);
        if let Some((_, tb, t)) = cx.next_hit(b, if short { 3 } else { 6 }, skip) {
            // "to improve grip strength", "for gait speed": a measure aimed at, with no value
            // after it, names the function it measures (its last word is a function).
            let measured_function = t.kinds.any(Kinds::MEASURE_NAME)
                && !(tb..(tb + 3).min(cx.toks.len())).any(|k| cx.toks[k].num().is_some())
                && cx.toks.get(tb - 1).is_some_and(|w| function_head_at(w, note));
            let function = t.kinds.any(Kinds::FUNCTION | Kinds::IMPAIRMENT) || measured_function;
            if function && !t.kinds.any(Kinds::OUTCOME) && !cx.cue_anchored(a, Some(&p)) {
                spans.push((a, tb));
                continue;
            }
        }
        // No listed function: a phrase headed by a body-function noun ("for ankle control",
        // "to improve neck and trunk extension", "for righting reactions").
        if let Some(end) = function_headed(cx, b) {
            if !cx.cue_anchored(a, Some(&p)) {
                spans.push((a, end));
            }
        }
    }
    // Function + state ("trunk control improving", "turning remains impaired", "improving ROM").
    let states: Vec<(usize, usize, Hit)> = cx.hits_of(Kinds::STATE).collect();
    for (a, b, h) in cx.hits_of(Kinds::FUNCTION | Kinds::IMPAIRMENT | Kinds::MOBILITY | Kinds::ACTIVITY).collect::<Vec<_>>() {
        let function = h.kinds.any(Kinds::FUNCTION | Kinds::IMPAIRMENT);
        // "Spasms 3/10 after session, unchanged": a rated symptom is a measure.
        if cx.rated_after(b) {
            continue;
        }
        let clause = |x: usize, y: usize| !(x..y).any(|k| cx.toks[k].is(';') || cx.toks[k].is('.'));
        for (sa, sb, st) in &states {
            let t = cx.hit_text(st);
            let impaired = t.contains("impaired") || t.starts_with("persist") || t.starts_with("remain");
            if !(function || impaired) {
                continue;
            }
            if *sa >= b && *sa - b <= 6 && clause(b, *sa) {
                spans.push((a, *sb));
            } else if *sb <= a && a - *sb <= 2 && function && t.starts_with("improv") {
                spans.push((*sa, b));
            }
        }
    }
    for (a, b) in spans {
        cx.push(Label::Why, a, b);
    }
}

/// "Decrease risk of falling when turning head", "Increase independence with ADLs": a plan verb
/// whose object is the patient's function, risk or independence states a goal; the therapist
/// grades only a task ("Increase resistance", "Progress to foam").
fn aims_at_function(cx: &Ctx, b: usize) -> bool {
    let end = (b..cx.toks.len()).find(|&k| cx.toks[k].tok != Tok::Word || cx.word(k, &["when", "during", "with", "while", "per", "by"])).unwrap_or(cx.toks.len());
    let first = (b..end).find(|&k| !cx.word(k, &["the", "pt", "pt's", "patient's", "his", "her", "their"]));
    let Some(f) = first else { return false };
    let parameter = (b..end).any(|k| crate::context::TASK_PARAMETERS.iter().any(|p| cx.word(k, &[p])));
    let aimed = cx.word(f, &["risk", "independence", "burden", "likelihood", "fear"])
        || cx.hits.iter().any(|(ha, _, hh)| *ha == f && hh.kinds.any(Kinds::OUTCOME | Kinds::FUNCTION | Kinds::IMPAIRMENT | Kinds::SYMPTOM | Kinds::EVENT));
    aimed && !parameter
}

fn label_how(cx: &mut Ctx, plan_verbs: &[(usize, usize, Hit)]) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let note = cx.note;
    for (a, b, h) in cx.hits_of(Kinds::SKILL | Kinds::ASSIST_HOW).collect::<Vec<_>>() {
        let t = cx.hit_text(&h);
        // "3 seated rest breaks" counts rests (a measure), it is not a decision.
        if (t.contains("rest")) && (a.saturating_sub(2)..a).any(|k| cx.toks[k].num().is_some()) {
            continue;
        }
        // "a slow, shortened step length gait": a grading participle before the patient's own
        // function or gait describes a deviation, not the therapist's change.
        let participle = t.ends_with("ed") && b == a + 1;
        // A side may stand between: "shortened R step length".
        let o = if cx.word(b, &["r", "l", "right", "left", "bilateral", "b"]) { b + 1 } else { b };
        let of_patient = cx.hits.iter().any(|(ha, _, hh)| *ha == o && hh.kinds.any(Kinds::FUNCTION | Kinds::IMPAIRMENT))
            || cx.toks.get(o).is_some_and(|n| n.is_word(note, &["gait", "step", "steps", "stride", "cadence", "steppage"]));
        if participle && of_patient {
            continue;
        }
        spans.push((a, b));
    }
    // "Therapist provided ...", "OT gave ...", "... corrected by PT".
    for (a, b, _) in cx.hits_of(Kinds::CLINICIAN).collect::<Vec<_>>() {
        let verb = cx.toks.get(b).filter(|t| {
            t.tok == Tok::Word && {
                let w = t.text(note).to_ascii_lowercase();
                ((w.ends_with("ed") && w.len() > 3) || IRREGULAR_VERBS.contains(&w.as_str())
                    // "with OT staging items on the L": the therapist acting, as a participle.
                    || w.ends_with("ing") && w.len() > 5 && !matches!(w.as_str(), "training" | "evaluating" | "assessing" | "testing" | "following" | "during"))
                    // Taking a measurement is not in itself skill ("PT measured TUG").
                    && !MEASURING_VERBS.contains(&w.as_str())
            }
        });
        // "OT provided NMR ..." delivers an activity; the skill must be said.
        let delivers = verb.is_some() && cx.hits.iter().any(|(ha, _, hh)| *ha == b + 1 && hh.kinds.any(Kinds::ACTIVITY | Kinds::GENERIC));
        if verb.is_some() && !delivers {
            spans.push((a, b + 1));
        } else if a > 0 && (cx.word(a - 1, &["by"]) || (a > 1 && cx.word(a - 1, &["the"]) && cx.word(a - 2, &["by"]))) {
            spans.push((a.saturating_sub(2), b));
        }
    }
    for (a, b, _) in plan_verbs {
        spans.push((*a, *b));
    }
    for (a, b) in spans {
        cx.push(Label::How, a, b);
    }
}

fn label_outcome(cx: &mut Ctx, delivered: bool, report: bool, goal_or_plan: bool) {
    let note = cx.note;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // In reported speech a limitation is a functional outcome ("can't find items in his fridge").
    if report {
        for (a, b, h) in cx.hits_of(Kinds::LIMIT).collect::<Vec<_>>() {
            let t = cx.hit_text(&h);
            if ["can't", "can’t", "cannot", "unable to", "difficulty", "trouble", "struggles", "tried to"].contains(&t) {
                spans.push((a, (b + 2).min(cx.toks.len())));
            }
        }
    }
    let purposes: Vec<(usize, usize, Hit)> = cx.hits_of(Kinds::PURPOSE | Kinds::LIMIT).collect();
    // "Step training to climb stairs at home", "Gait training to walk his dog": a bare "to"
    // before a functional verb states the purpose, not a destination ("ambulated to bathroom",
    // "from bed to chair") nor a transition ("sit to stand").
    let infinitive = |cx: &Ctx, a: usize| {
        a >= 2
            && cx.word(a - 1, &["to"])
            && !cx.hits.iter().any(|(ha, hb, _)| *ha < a && a - 1 < *hb)
            // After the activity itself: "<activity> to <verb>".
            && (cx.hits.iter().any(|(_, hb, hh)| *hb == a - 1 && hh.kinds.any(Kinds::ACTIVITY | Kinds::GENERIC))
                || cx.word(a - 2, &["practice", "training", "exercises", "activities", "drills", "tasks", "ex"]))
            && !(a.saturating_sub(5)..a - 1).any(|k| cx.word(k, &["from"]))
    };
    let governed = |cx: &Ctx, a: usize, hit: &Hit| {
        infinitive(cx, a) || purposes.iter().any(|(pa, pb, p)| {
            if *pb > a || a - *pb > 6 {
                return false;
            }
            let t = cx.hit_text(p);
            let _ = hit;
            if t == "for" {
                let next = cx.toks.get(*pb).map(|t| t.text(note).to_ascii_lowercase()).unwrap_or_default();
                OUTCOME_FOR.contains(&next.as_str()) || a - *pb <= 2
            } else {
                !(*pa..a).any(|k| cx.toks[k].is(';'))
            }
        })
    };
    for (a, b, h) in cx.hits_of(Kinds::OUTCOME).collect::<Vec<_>>() {
        // "grooming items", "self-feeding practice": the functional word names the task or its
        // objects, not a goal.
        let noun_use = cx.toks.get(b).is_some_and(|t| IN_TASK_NOUNS.has(note, &t)) && !goal_or_plan;
        // "fear of falling 8/10" is a rated measure.
        if noun_use || cx.rated_after(b) {
            continue;
        }
        if !delivered || governed(cx, a, &h) {
            spans.push((a, b));
        }
    }
    for (a, b, h) in cx.hits_of(Kinds::MOBILITY).collect::<Vec<_>>() {
        if h.kinds.any(Kinds::OUTCOME) {
            continue;
        }
        let before = a > 0 && IN_MOBILITY_QUALIFIERS.has(note, &cx.toks[a - 1]);
        let after = cx.toks.get(b).is_some_and(|t| IN_MOBILITY_QUALIFIERS.has(note, &t))
            || (cx.word(b, &["to"]) && cx.word(b + 1, &["the", "his", "her", "church", "school", "work", "bathroom"]))
            || (cx.word(b, &["on"]) && cx.word(b + 1, &["uneven", "grass", "stairs", "curbs"]))
            || (cx.word(b, &["in", "around", "through"]) && (b + 1..b + 3).any(|k| cx.word(k, &["community", "home", "house", "store", "yard", "neighborhood", "neighbourhood", "mall", "church", "school", "work", "parking"])))
            || (cx.word(b, &["without", "w/o"]) && (b + 1..b + 3).any(|k| cx.word(k, &["cane", "device", "ad", "walker", "help", "assist", "assistance", "fear", "rw"])));
        // "she was in a wheelchair and not walking", "never walked without touching the walls":
        // a denied activity is a limitation of function (C-OUT-1), unless the session is meant
        // ("did not walk today").
        let denied = (a.saturating_sub(2)..a).any(|k| cx.word(k, &["not", "never", "stopped", "nor"]) || cx.word(k, &["longer"]) && k > 0 && cx.word(k - 1, &["no"]))
            && !cx.toks.iter().any(|t| t.is_word(note, &["today", "session", "tx", "visit"]));
        let qualified = before || after || denied;
        let gov = governed(cx, a, &h);
        if (qualified && (!delivered || gov)) || gov || report || goal_or_plan && qualified {
            spans.push((a, b));
        }
    }
    // "return to practice", "returned to part-time work" (not "returned to 3/10").
    for (a, b, h) in cx.hits_of(Kinds::LIMIT).collect::<Vec<_>>() {
        let t = cx.hit_text(&h);
        if t.starts_with("return") && cx.toks.get(b).is_some_and(|n| n.tok == Tok::Word) && !delivered {
            spans.push((a, b + 1));
        }
    }
    for (a, b) in spans {
        cx.push(Label::Outcome, a, b);
    }
}

/// Joint motions (the anatomical names of movement, as goniometry and manual muscle testing
/// record them): a grade or an angle after one is an examination result.
/// Side words before or after an examined motion.
const SIDE_WORDS: &[&str] = &["r", "l", "right", "left", "bilat", "bilaterally", "b"];
const JOINT_MOTIONS: &[&str] = &[
    "flexion", "extension", "abduction", "adduction", "rotation", "dorsiflexion", "plantarflexion", "inversion",
    "eversion", "pronation", "supination", "elevation", "depression", "protraction", "retraction", "bending",
    "deviation", "opposition", "flex", "ext", "abd", "add", "df", "pf", "er", "ir", "sb",
];

/// Words that make "positive" / "negative" a test's finding.
const TEST_WORDS: &[&str] = &[
    "test", "tests", "testing", "sign", "signs", "palpation", "reflex", "reflexes", "maneuver", "manoeuvre", "screen",
    "motion", "slr", "squeeze", "impingement", "tinel", "phalen", "apprehension", "drawer", "lachman",
];

/// Findings of an examination written without a standard test's name (conventions C-MEAS-1,
/// C-MEAS-3): a range "within normal / functional limits"; "positive" or "negative" in a clause
/// naming a test, a sign or palpation; a grade (0-5, with its sign) or an angle right after a joint
/// motion ("Knee flexion 4- 3", "hip abd 3+", "flexion 0 to 135"); a rating on a scale ("6 on a
/// scale of 10", "5 on a 0-10 visual analog scale").
fn exam_findings(cx: &Ctx, spans: &mut Vec<(usize, usize)>) {
    let note = cx.note;
    let toks = cx.toks;
    let n = toks.len();
    for k in 0..n {
        let t = &toks[k];
        if t.tok == Tok::Word {
            // "within normal limits", "within functional limits".
            if t.is_word(note, &["within"]) && cx.word(k + 1, &["normal", "functional", "defined"]) && cx.word(k + 2, &["limits", "limit", "limitations"]) {
                // "Left side bending, within normal limits": the motion examined is the finding's
                // item (its span starts at the motion, so the motion is no activity).
                let motion = (k.saturating_sub(4)..k).rev().take_while(|&j| toks[j].is(',') || toks[j].is(':') || toks[j].is_word(note, SIDE_WORDS) || IN_JOINT_MOTIONS.has(note, &toks[j])).find(|&j| IN_JOINT_MOTIONS.has(note, &toks[j]));
                spans.push((motion.unwrap_or(k), k + 3));
                continue;
            }
            if t.is_word(note, &["positive", "negative", "pos", "neg"]) {
                // Within six words, across a field label's colon ("Palpation: positive").
                let stop = |t: &Token| t.is('.') || t.is(';');
                let from = (k.saturating_sub(6)..k).rev().find(|&j| stop(&toks[j])).map_or(k.saturating_sub(6), |j| j + 1);
                let to = (k + 1..n.min(k + 7)).find(|&j| stop(&toks[j])).unwrap_or(n.min(k + 7));
                if (from..to).any(|j| IN_TEST_WORDS.has(note, &toks[j])) {
                    spans.push((k, k + 1));
                }
                continue;
            }
            if IN_JOINT_MOTIONS.has(note, t) {
                // Up to two grades or a range after the motion, with a side word between.
                let mut j = k + 1;
                let mut end = None;
                while j < n && j <= k + 6 {
                    let u = &toks[j];
                    // "Right side bending, 30 degrees": a field's comma or colon before the value.
                    let field = (u.is(',') || u.is(':')) && j == k + 1;
                    if u.is_word(note, &["r", "l", "right", "left", "bilat", "bilaterally", "b", "to", "also", "tested", "went", "from", "improved", "increased", "is", "was", "measured", "now", "of", "rom", "arom", "prom"]) || u.is('-') && end.is_none() || field {
                        j += 1;
                        continue;
                    }
                    let Some(v) = u.num() else { break };
                    if cx.in_num(j) == Some(NumKind::Dose) || toks.get(j + 1).is_some_and(|x| x.is_word(note, &["x", "reps", "sets", "times"]) || x.is('x') || x.is('×')) {
                        end = None;
                        break;
                    }
                    let signed = toks.get(j + 1).is_some_and(|s| (s.is('+') || s.is('-')) && s.start == u.end);
                    let degrees = toks.get(j + 1).is_some_and(|s| s.is('°') || s.is_word(note, &["degrees", "deg"]));
                    // "flexion to 90 degrees x 10": the exercise's target and dose.
                    let dosed = degrees && toks.get(j + 2).is_some_and(|x| x.is_word(note, &["x", "reps", "sets", "times"]) || x.is('×'));
                    let target = cx.word(j - 1, &["to"]) && end.is_none();
                    if dosed || target && !(j >= 2 && toks[j - 2].num().is_some()) {
                        end = None;
                        break;
                    }
                    if v <= 5.0 || degrees || v <= 180.0 && (cx.word(j - 1, &["to"]) || cx.word(j + 1, &["to"])) {
                        j += 1 + (signed || degrees) as usize;
                        end = Some(j);
                        continue;
                    }
                    break;
                }
                if let Some(e) = end {
                    spans.push((k, e));
                }
                continue;
            }
        }
        // Reflex grades: "Biceps reflex 2+", "DTRs 1+ bilaterally".
        if t.num().is_some_and(|v| v <= 4.0) && toks.get(k + 1).is_some_and(|s| s.is('+') && s.start == t.end) {
            let from = k.saturating_sub(6);
            if (from..k).any(|j| toks[j].is_word(note, &["reflex", "reflexes", "dtr", "dtrs", "jerk"])) {
                spans.push((k, k + 2));
            }
        }
        // "6 on a scale of 10", "a 6 on a 0-10 scale", "level 5-6 on a scale of 10".
        if t.num().is_some() && k + 2 < n && cx.word(k + 1, &["on"]) {
            if let Some(sc) = (k + 2..n.min(k + 9)).find(|&j| toks[j].is_word(note, &["scale"])) {
                let e = if cx.word(sc + 1, &["of"]) && toks.get(sc + 2).is_some_and(|x| x.num().is_some()) { sc + 3 } else { sc + 1 };
                spans.push((k, e));
            }
        }
    }
}

/// Every word a measure's reading below starts from without a number or a lexicon hit: the
/// words matched in `label_measure`'s word pass, "within" and "positive"/"negative" of
/// `exam_findings` and `test_findings` (grades and joint motions have their own lists).
const MEASURE_WORDS: &[&str] = &[
    "score", "scores", "scored", "scoring", "risk", "vss", "intact", "impaired", "wnl", "wfl", "absent", "diminished",
    "normal", "grossly", "hyperreflexive", "hyporeflexive", "stable", "within", "positive", "negative", "pos", "neg",
];
static IN_MEASURE_WORDS: Words = Words::new(MEASURE_WORDS);

/// False when no reading of `label_measure` can start in the sentence: every span it pushes
/// starts from a number (`nums`, angles, reflex grades, scale ratings, a motion's grade), a
/// grade word, a joint motion, one of `MEASURE_WORDS`, or an assist, cue, event or measure hit.
fn may_hold_measure(cx: &Ctx) -> bool {
    !cx.nums.is_empty()
        || cx.has(Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL | Kinds::SKILL | Kinds::EVENT | Kinds::MEASURE_NAME)
        || cx.toks.iter().any(|t| match t.tok {
            Tok::Num(_) => true,
            Tok::Word => IN_MEASURE_WORDS.has(cx.note, t) || IN_GRADES.has(cx.note, t) || IN_JOINT_MOTIONS.has(cx.note, t),
            Tok::Punct(_) => false,
        })
}

fn label_measure(cx: &mut Ctx) {
    if !may_hold_measure(cx) {
        return;
    }
    let note = cx.note;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for n in cx.nums.iter().filter(|n| n.kind == NumKind::Measure) {
        spans.push((n.t0, n.t1));
    }
    // Balance grades and evaluation rows ("Static sitting = Good", "Dynamic standing: Fair-",
    // "static standing fair+").
    for k in 1..cx.toks.len() {
        if !is_grade_at(cx, k) {
            continue;
        }
        let after_item = cx.toks[k - 1].is('=') || (cx.toks[k - 1].is(':') || IN_GRADED.has(note, &cx.toks[k - 1])) && k >= 1 && (IN_GRADED.has(note, &cx.toks[k - 1]) || k >= 2 && IN_GRADED.has(note, &cx.toks[k - 2]));
        if after_item {
            let e = if cx.toks.get(k + 1).is_some_and(|t| (t.is('+') || t.is('-')) && t.start == cx.toks[k].end) { k + 2 } else { k + 1 };
            spans.push((k - 1, e));
        }
    }
    // Test findings without numbers ("positive Dix-Hallpike", "negative VOR testing").
    spans.extend_from_slice(cx.tests.get_or_init(|| test_findings(cx)));
    // One pass for the measures written in words (each word lower-cased once, matched by a
    // `match` on its text):
    // * a score stated ("FOTO score 62", "scored 22 on the MoCA");
    // * a change of a test's score, even without values ("Improved Berg and DGI scores");
    // * an examined item and its finding in words ("Sensation intact", "PROM shoulder flex WNL");
    // * a graded risk row ("Fall risk: high") and vital signs stable ("VSS").
    for k in 0..cx.toks.len() {
        let t = &cx.toks[k];
        if t.tok != Tok::Word || t.end - t.start > 13 || t.end - t.start < 3 {
            continue;
        }
        let mut buf = [0u8; 13];
        let w = &note.as_bytes()[t.start..t.end];
        buf[..w.len()].copy_from_slice(w);
        buf[..w.len()].make_ascii_lowercase();
        let score = match &buf[..w.len()] {
            b"score" | b"scores" => true,
            b"scored" | b"scoring" => false,
            // A graded risk row ("Fall risk: high", "Risk for falls = moderate") rates the patient.
            b"risk" => {
                let mut j = k + 1;
                while j < cx.toks.len() && j <= k + 3 && (cx.toks[j].is(':') || cx.toks[j].is('=') || cx.toks[j].is('-') || cx.toks[j].is_word(note, &["for", "of", "falls", "fall", "falling", "is"])) {
                    j += 1;
                }
                if j > k + 1 && cx.toks.get(j).is_some_and(|t| t.is_word(note, &["high", "low", "moderate", "medium", "mod", "minimal", "severe", "elevated"])) {
                    spans.push((k, j + 1));
                }
                continue;
            }
            // "VSS": vital signs stable.
            b"vss" => {
                spans.push((k, k + 1));
                continue;
            }
            b"intact" | b"impaired" | b"wnl" | b"wfl" | b"absent" | b"diminished" | b"normal" | b"grossly" | b"hyperreflexive" | b"hyporeflexive" | b"stable" => {
                let item = (k.saturating_sub(4)..k).rev().take_while(|&j| !cx.toks[j].is(',') && !cx.toks[j].is(';') && !cx.toks[j].is('.')).find(|&j| IN_EXAM_ITEMS.has(note, &cx.toks[j]));
                if let Some(i) = item {
                    spans.push((i, k + 1));
                }
                continue;
            }
            _ => continue,
        };
        if let Some(j) = (k + 1..cx.toks.len().min(k + 4)).find(|&j| cx.toks[j].num().is_some()) {
            if (k + 1..j).all(|i| cx.toks[i].is(':') || cx.toks[i].is('=') || cx.toks[i].is_word(note, &["of", "was", "is", "a"])) {
                spans.push((k, j + 1));
            }
        }
        if score {
            let clause = |j: usize| !(cx.toks[j].is('.') || cx.toks[j].is(';'));
            let before = (k.saturating_sub(9)..k).rev().take_while(|&j| clause(j)).find(|&j| IN_SCORE_CHANGES.has(note, &cx.toks[j]));
            let after = (k + 1..cx.toks.len().min(k + 4)).take_while(|&j| clause(j)).find(|&j| IN_SCORE_CHANGES.has(note, &cx.toks[j]));
            match (before, after) {
                (Some(b), _) => spans.push((b, k + 1)),
                (None, Some(a)) => spans.push((k, a + 1)),
                _ => {}
            }
        }
    }
    let before = spans.len();
    exam_findings(cx, &mut spans);
    // "Shoulder abduction went from 90° to 120°": the motion measured is not an exercise done.
    let measured: Vec<(usize, usize)> = spans[before..]
        .iter()
        .filter(|(a, _)| cx.toks[*a].is_word(note, JOINT_MOTIONS))
        .map(|(a, _)| (cx.toks[a.saturating_sub(2)].start, cx.toks[*a].end))
        .collect();
    if !measured.is_empty() {
        cx.out.spans.retain(|sp| !matches!(sp.label, Label::What | Label::Outcome) || !measured.iter().any(|(s, e)| sp.start < *e && sp.end > *s));
    }
    // Angles measured ("abduct shoulder 120 degrees"), not a task's angle ("180° turns",
    // "matching to 30°").
    // The number and its unit first: most tokens are neither, and the context is read only then.
    for k in 0..cx.toks.len().saturating_sub(1) {
        if cx.toks[k].num().is_none() || !(cx.toks[k + 1].is_word(note, &["degrees", "degree", "deg"]) || cx.toks[k + 1].is('°')) {
            continue;
        }
        let target = k > 0 && cx.toks[k - 1].is_word(note, &["to", "at", "a", "of"]);
        let task = cx.toks.get(k + 2).is_some_and(|t| t.tok == Tok::Word && !t.is_word(note, &["and", "with", "in", "on", "of", "at"]));
        if !target && !task {
            spans.push((k, k + 2));
        }
    }
    // Assist levels.
    for (a, b, h) in cx.hits_of(Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL) {
        let qualifier = h.kinds.any(Kinds::ASSIST_LEVEL)
            && cx.hits.iter().any(|(na, _, nh)| *na >= b && *na <= b + 1 && nh.kinds.any(Kinds::OUTCOME | Kinds::MOBILITY))
            // "Mod I for transfers", "SBA to negotiate stairs": a level for a task is a measure of it.
            && !cx.word(b, &["for", "with", "in", "during", "on", "to"]);
        if !qualifier {
            spans.push((a, b));
        }
    }
    // Cue levels ("min verbal cues", "mod VC").
    for (a, b, h) in cx.hits_of(Kinds::SKILL) {
        let t = cx.hit_text(&h);
        let cue = t.contains("cue") || t.contains("cuing") || t.starts_with("vc") || t.starts_with("tc") || t.contains("verbal");
        let level = (a.saturating_sub(3)..a).rev().take_while(|&k| cx.toks[k].tok == Tok::Word).any(|k| IN_CUE_LEVELS.has(note, &cx.toks[k]));
        if cue && level {
            spans.push((a.saturating_sub(1), b));
        }
    }
    // Counted events ("3 LOB", "no falls", "mild sway").
    for (a, b, _) in cx.hits_of(Kinds::EVENT) {
        // Falls are counted only by a number ("2 falls", "fell twice", "no falls"); "multiple
        // falls" reports them (outcome). Sway and LOB are measured by a qualifier too.
        let fall = cx.toks[a].text(note).as_bytes().get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"fa") || p.eq_ignore_ascii_case(b"fe"));
        let counted = (a.saturating_sub(2)..a).any(|k| cx.toks[k].num().is_some() || IN_EVENT_QUALIFIERS.has(note, &cx.toks[k]) && !(fall && cx.toks[k].is_word(note, context::VAGUE_COUNTS)))
            || (cx.word(b, &["x"]) && cx.toks.get(b + 1).is_some_and(|t| t.num().is_some()))
            || cx.toks.get(b).is_some_and(|t| t.num().is_some() || t.is_word(note, &["once", "twice"]));
        if counted {
            spans.push((a.saturating_sub(1), b));
        }
    }
    // Standardized measures with a value ("Berg 41/56", "TUG 15.2 s", "Dix-Hallpike negative").
    let hits: Vec<(usize, usize, Hit)> = cx.hits_of(Kinds::MEASURE_NAME).collect();
    for (a, b, h) in hits {
        let Some(m) = measures::by_term(&cx.note[h.start..h.end]) else { continue };
        let mut k = b;
        let mut found = None;
        while k < cx.toks.len() && k <= b + 4 {
            let t = &cx.toks[k];
            if t.is(';') || t.is('.') && t.end == cx.toks.last().map_or(0, |l| l.end) {
                break;
            }
            // Another test's name: a list of tests ("Berg, TUG, 5xSTS") states no value.
            if cx.hits.iter().any(|(ha, hb, hh)| *ha <= k && k < *hb && hh.kinds.any(Kinds::MEASURE_NAME)) {
                break;
            }
            let sign = (t.is('+') || t.is('–') || t.is('−') || t.is('-')) && k > 0 && cx.toks[k - 1].is('(');
            if sign || t.is_word(note, &["negative", "neg", "positive", "pos", "absent", "intact", "impaired", "wnl", "wfl"]) {
                found = Some((k + 1, None));
                break;
            }
            if let Some(v) = t.num() {
                // "6MWT 280 m": right after the name a distance is the result, not a dose.
                if cx.in_num(k) == Some(NumKind::Dose) && !(k <= b + 1 && distance_after(cx, b)) {
                    break;
                }
                // "mCTSIB condition 4: 18 s": the 4 names the condition, not the result.
                if k > 0 && cx.toks[k - 1].is_word(note, &["condition", "stage", "trial", "set", "level", "item", "cond"]) {
                    k += 1;
                    continue;
                }
                let neg = k > 0 && (cx.toks[k - 1].is('-') || cx.toks[k - 1].is('−')) && cx.toks[k - 1].end == t.start
                    && (k < 2 || cx.toks[k - 2].num().is_none());
                let v = if neg { -v } else { v };
                // "gait speed slowed 30%": a percent is not a value of a non-percent measure.
                if cx.toks.get(k + 1).is_some_and(|u| u.is('%')) && m.unit != measures::Unit::Percent {
                    break;
                }
                let denom = (cx.toks.get(k + 1).is_some_and(|s| s.is('/'))).then(|| cx.toks.get(k + 2).and_then(|d| d.num())).flatten();
                let mut end = if denom.is_some() { k + 3 } else if cx.toks.get(k + 1).is_some_and(|u| u.is('%') || u.tok == Tok::Word && u.text(note).len() <= 3) { k + 2 } else { k + 1 };
                // "0.42 m/s"
                if cx.toks.get(end).is_some_and(|s| s.is('/')) && cx.toks.get(end + 1).is_some_and(|u| u.is_word(note, &["s", "sec", "min"])) {
                    end += 2;
                }
                let vstart = if neg { cx.toks[k - 1].start } else { t.start };
                found = Some((end.min(cx.toks.len()), Some((v, denom, vstart))));
                break;
            }
            if t.tok == Tok::Word && t.text(note).len() > 6 && !t.is_word(note, &["anterior", "condition", "improved", "increased", "decreased", "declined", "changed", "worsened"]) {
                break;
            }
            k += 1;
        }
        if let Some((end, val)) = found {
            spans.push((a, end));
            if let Some((value, denominator, value_start)) = val {
                cx.out.measures.push(MeasureValue { measure: m, value, denominator, start: h.start, name_end: h.end, value_start, end: cx.toks[end - 1].end });
            }
        }
    }
    for (a, b) in spans {
        cx.push(Label::Measure, a, b);
    }
}

// The word lists that loops ask of many tokens, as `Words` filters (`tokens::Words`): one
// bit test turns most tokens away before a list is scanned.
static IN_CLAUSE_SUBJECTS: Words = Words::new(CLAUSE_SUBJECTS);
static IN_COUNT_WORDS: Words = Words::new(COUNT_WORDS);
static IN_CUE_LEVELS: Words = Words::new(CUE_LEVELS);
static IN_DEFICIT_NOUNS: Words = Words::new(DEFICIT_NOUNS);
static IN_DISTANCE: Words = Words::new(DISTANCE);
static IN_EVENT_QUALIFIERS: Words = Words::new(EVENT_QUALIFIERS);
static IN_EXAM_FINDINGS: Words = Words::new(EXAM_FINDINGS);
static IN_EXAM_ITEMS: Words = Words::new(EXAM_ITEMS);
static IN_GRADED: Words = Words::new(GRADED);
static IN_GRADES: Words = Words::new(GRADES);
static IN_HEAD_WORDS: Words = Words::new(HEAD_WORDS);
static IN_BARE_HEADS: Words = Words::new(BARE_HEADS);
static IN_JOINT_MOTIONS: Words = Words::new(JOINT_MOTIONS);
static IN_MOBILITY_QUALIFIERS: Words = Words::new(MOBILITY_QUALIFIERS);
static IN_NOT_ACTIVITY_GERUNDS: Words = Words::new(NOT_ACTIVITY_GERUNDS);
static IN_NOT_BEFORE_COUNT: Words = Words::new(NOT_BEFORE_COUNT);
static IN_NOT_NAME_WORDS: Words = Words::new(NOT_NAME_WORDS);
static IN_NOT_PHRASE_WORDS: Words = Words::new(NOT_PHRASE_WORDS);
static IN_PLAN_NOT_GOAL: Words = Words::new(PLAN_NOT_GOAL);
static IN_RESULT_VERBS: Words = Words::new(RESULT_VERBS);
static IN_RESULT_WORDS: Words = Words::new(RESULT_WORDS);
static IN_SCORE_CHANGES: Words = Words::new(SCORE_CHANGES);
static IN_SECONDS: Words = Words::new(SECONDS);
static IN_SETTINGS: Words = Words::new(SETTINGS);
static IN_START_POSITIONS: Words = Words::new(START_POSITIONS);
static IN_TASK_NOUNS: Words = Words::new(TASK_NOUNS);
static IN_TEST_WORDS: Words = Words::new(TEST_WORDS);
static IN_UNNAMED_TASK_HEADS: Words = Words::new(UNNAMED_TASK_HEADS);
static IN_VISIT_WORDS: Words = Words::new(VISIT_WORDS);
