//! Red-flag phrases: wording a reviewer reads as unskilled care, as a table of rows.
//!
//! Each row is a tiny word pattern, the message, and the phrasing to offer instead (placeholders
//! in brackets). Pattern syntax, over the words of a sentence (case-insensitive):
//!
//! * `word` matches that word; `a|b` either; `tolerat*` any word starting with "tolerat";
//! * `~N` skips up to N words (never across punctuation other than "/");
//! * `?word` is optional;
//! * `$` matches at the end of the sentence (no word follows).
//!
//! Sources: `shared/research/domain.md` §3 and the labelling conventions of `shared/corpus`.
//! Adding a phrase is adding a row; `tests` checks every row fires on its example.

use crate::tokens::{Tok, Token};

/// Whether a row fires anywhere or only when the sentence says nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Always unskilled.
    Always,
    /// Only when the plan says nothing else ("continue per POC").
    PlanAlone,
    /// Only when the sentence reports the session's performance (an activity, a delivery, or a
    /// verb of doing or tolerating): "no c/o pain" as arrival status ("Pt in good spirits today;
    /// no c/o pain") records no tolerance and carries no label (C-UNSK-2).
    Performance,
}

/// One red-flag row.
pub struct RedFlag {
    /// Stable id, used in tests and messages.
    pub id: &'static str,
    /// The word pattern.
    pub pattern: &'static str,
    /// Why a reviewer balks.
    pub message: &'static str,
    /// Replacement phrasing with placeholders.
    pub instead: &'static str,
    /// When it fires.
    pub context: Context,
    /// An example sentence it must fire on (tested).
    pub example: &'static str,
}

/// The table.
pub const RED_FLAGS: &[RedFlag] = &[
    RedFlag {
        id: "tolerated_well",
        pattern: "tolerat*|tol ~3 well",
        message: "\"Tolerated well\" says nothing about the patient's response or the skill used.",
        instead: "[response: LOB count, symptom 0-10, assist level]",
        context: Context::Always,
        example: "Pt tolerated tx well.",
    },
    RedFlag {
        id: "tolerated_without",
        pattern: "tolerat* ~3 without complaint|complaints|difficulty|issue|issues",
        message: "\"Tolerated without complaint\" records no response and no skill.",
        instead: "[response: LOB count, symptom 0-10, assist level]",
        context: Context::Always,
        example: "Tolerated session without complaint.",
    },
    RedFlag {
        id: "as_tolerated",
        pattern: "as tolerated|tol",
        message: "\"As tolerated\" gives no dose and no clinical decision.",
        instead: "[sets x reps / time], stopped at [response]",
        context: Context::Always,
        example: "Marching, toe taps, as tolerated.",
    },
    RedFlag {
        id: "patient_performed_exercises",
        pattern: "performed|perfomed|preformed|perf|did|completed|does ~2 exercises|exercise|ex|exs|excercises|excercise|HEP|program",
        message: "\"Pt performed exercises\" describes what the patient did alone, not the therapist's skill.",
        instead: "therapist [cue type / facilitation / grading] to [correct what]",
        context: Context::Always,
        example: "Pt did exercises per HEP.",
    },
    RedFlag {
        id: "exercises_performed",
        pattern: "exercises|exercise|ex|exs|excercises ~1 performed|completed|done",
        message: "\"Exercises performed\" lists activity without the skill that made it necessary.",
        instead: "therapist [cue type / facilitation / grading] to [correct what]",
        context: Context::Always,
        example: "Balance ex performed: standing on foam.",
    },
    RedFlag {
        id: "did_well",
        pattern: "did|doing|does|done well|good|great|fine",
        message: "\"Did well\" is a judgement, not a measure; reviewers read it as no skilled need.",
        instead: "[measure: e.g. LOB count, assist level, time held]",
        context: Context::Always,
        example: "Pt did well today.",
    },
    RedFlag {
        id: "continue_poc",
        pattern: "continue|cont|continued|cont'd ~3 poc|plan ?of ?care",
        message: "\"Continue per POC\" with nothing else records no clinical decision for the next visit.",
        instead: "Next visit: progress to [harder condition] when [criterion]",
        context: Context::PlanAlone,
        example: "Continue with plan of care.",
    },
    RedFlag {
        id: "same_as_previous",
        pattern: "same as ?the previous|last|prior ?visit|session|tx|treatment|note",
        message: "\"Same as previous visit\" reads as a cloned note with no progression.",
        instead: "[parameter] changed today because [observation]",
        context: Context::Always,
        example: "Same as previous visit.",
    },
    RedFlag {
        id: "continues_to_benefit",
        pattern: "continue|continues ~1 to benefit from",
        message: "\"Continues to benefit from skilled therapy\" asserts skill without showing it.",
        instead: "needs skilled [cueing / grading / guarding] because [impairment, measure]",
        context: Context::Always,
        example: "Pt continues to benefit from skilled therapy.",
    },
    RedFlag {
        id: "see_flowsheet",
        pattern: "see ~2 flowsheet|flow|log|grid",
        message: "\"See flowsheet\" leaves the note without the activity, dose or response.",
        instead: "[activity] [dose]; [response]",
        context: Context::Always,
        example: "O: see flowsheet.",
    },
    // Medical-necessity boilerplate and tolerance phrases (the corpus conventions for real-world
    // wording): they assert skill or necessity without showing it.
    RedFlag {
        id: "reasonable_and_necessary",
        pattern: "reasonable and|& necessary",
        message: "\"Reasonable and necessary\" is the payer's test, not evidence that the note meets it.",
        instead: "needs skilled [cueing / grading / guarding] because [impairment, measure]",
        context: Context::Always,
        example: "Treatment is reasonable and necessary.",
    },
    RedFlag {
        id: "remains_medically_necessary",
        pattern: "medically necessary",
        message: "\"Continues to be medically necessary\" asserts necessity without the reason.",
        instead: "needs skilled [cueing / grading / guarding] because [impairment, measure]",
        context: Context::Always,
        example: "Skilled intervention continues to be medically necessary.",
    },
    RedFlag {
        id: "would_benefit_from_skilled",
        pattern: "benefit|benefits ~1 from ~2 skilled|continued|further|ongoing|additional",
        message: "\"Would benefit from skilled therapy\" is boilerplate; reviewers look for the skill itself.",
        instead: "needs skilled [cueing / grading / guarding] because [impairment, measure]",
        context: Context::Always,
        example: "Pt would benefit from continued skilled PT.",
    },
    RedFlag {
        id: "continue_skilled",
        pattern: "continue|cont ~1 skilled pt|ot|therapy|services|intervention|care|treatment|tx|rehab|physical|occupational",
        message: "\"Continue skilled therapy\" asserts skill without showing it.",
        instead: "continue [activity] with [skill] because [impairment, measure]",
        context: Context::Always,
        example: "Continue skilled PT to maximize functional independence.",
    },
    RedFlag {
        id: "responded_well",
        pattern: "responded|responds|responding well to ~1 treatment|tx|therapy|session|intervention|interventions|exercises|activities",
        message: "\"Responded well to treatment\" records tolerance, not a response a measure would show.",
        instead: "[response: LOB count, symptom 0-10, assist level]",
        context: Context::Always,
        example: "Pt responded well to treatment.",
    },
    RedFlag {
        id: "requires_skilled_therapy",
        pattern: "requires|require|required|requiring|needs|need ~1 skilled therapy|pt|ot|services|intervention|care|treatment|tx|rehab|physical|occupational",
        message: "\"Requires skilled therapy\" names no skill; say which skill and why the patient needs it.",
        instead: "requires skilled [cueing / facilitation / grading] to [correct what]",
        context: Context::Always,
        example: "Pt requires skilled physical therapy to address balance and gait.",
    },
    RedFlag {
        id: "skilled_services_necessary",
        pattern: "skilled services|therapy|intervention|care|treatment|pt|ot remain|remains|is|are|continue|continues ~2 necessary|needed|warranted|indicated|required",
        message: "\"Skilled services remain necessary\" asserts necessity without the reason.",
        instead: "needs skilled [cueing / grading / guarding] because [impairment, measure]",
        context: Context::Always,
        example: "Skilled services remain necessary to meet goals.",
    },
    RedFlag {
        id: "improvement_with_skilled",
        pattern: "improvement|improvements|progress|gains with|from skilled",
        message: "\"Improvement with skilled therapy\" is boilerplate without the measure that shows it.",
        instead: "[measure] improved from [before] to [after]",
        context: Context::Always,
        example: "Pt has participated and demonstrated improvement with skilled therapy.",
    },
    RedFlag {
        id: "great_session",
        pattern: "great|good|excellent|nice session|day|visit",
        message: "\"Great session\" is a judgement, not a measure.",
        instead: "[measure: e.g. LOB count, assist level, time held]",
        context: Context::Always,
        example: "Great session.",
    },
    RedFlag {
        id: "session_went_well",
        pattern: "session|tx|treatment|visit|therapy went well|fine|great|good",
        message: "\"Session went well\" is a judgement, not a measure.",
        instead: "[measure: e.g. LOB count, assist level, time held]",
        context: Context::Always,
        example: "Session went well.",
    },
    RedFlag {
        id: "as_prescribed",
        pattern: "as prescribed|directed",
        message: "\"As prescribed\" gives no dose, no response and no decision.",
        instead: "[sets x reps / time], [response]",
        context: Context::Always,
        example: "Able to perform exercises as prescribed.",
    },
    RedFlag {
        id: "max_tolerance",
        pattern: "max|maximum|maximal tolerance",
        message: "\"To max tolerance\" states no dose and no response.",
        instead: "[sets x reps / time], stopped at [response]",
        context: Context::Always,
        example: "Stretching to patient's max tolerance.",
    },
    RedFlag {
        id: "no_adverse_effects",
        pattern: "without|no ~1 adverse|untoward ~1 effects|effect|reactions|reaction|events|event",
        message: "\"Without adverse effects\" records no response that a measure would show.",
        instead: "[response: LOB count, symptom 0-10, assist level]",
        context: Context::Always,
        example: "Tolerated treatment without adverse effects.",
    },
    RedFlag {
        id: "no_increase_in_pain",
        pattern: "no|without ~1 increase|increased ~1 in|of ~1 pain|symptoms|sx",
        message: "\"No increase in pain\" is a tolerance statement, not a measure of the patient's response.",
        instead: "[symptom 0-10 before / after]",
        context: Context::Always,
        example: "Completed with no increase in pain.",
    },
    RedFlag {
        id: "without_complaints",
        pattern: "without|w|no complaints|complaint|c ~3 fatigue|pain|discomfort|dizziness|sob",
        message: "\"Without c/o fatigue or pain\" records tolerance, not the skill or a measure.",
        instead: "[response: LOB count, symptom 0-10, assist level]",
        context: Context::Performance,
        example: "Pt completed all tasks without c/o fatigue or pain.",
    },
    RedFlag {
        id: "continue_current",
        pattern: "continue|cont|continued ~1 current|same ~2 exercises|exercise|program|plan|tx|treatment|exs|hep|interventions",
        message: "\"Continue current exercises\" with nothing else records no clinical decision.",
        instead: "Next visit: progress to [harder condition] when [criterion]",
        context: Context::PlanAlone,
        example: "Continue current exercises.",
    },
    RedFlag {
        id: "tolerated_session",
        pattern: "tolerated|tolerates|tolerating|tol ~2 session|treatment|tx|therapy|exercises|exercise|activities|program|intervention|interventions|visit",
        message: "\"Tolerated the session\" records tolerance, not a response a measure would show.",
        instead: "[response: LOB count, symptom 0-10, assist level]",
        context: Context::Always,
        example: "Pt tolerated session.",
    },
    RedFlag {
        id: "good_tolerance",
        pattern: "good|great|excellent|fair tolerance|participation|effort",
        message: "\"Good tolerance / participation\" is a judgement, not a measure.",
        instead: "[measure: e.g. LOB count, assist level, time held]",
        context: Context::Always,
        example: "Pt demonstrated good tolerance to activity.",
    },
    RedFlag {
        id: "participated_well",
        pattern: "participated|participates|worked ~1 well|hard|fully",
        message: "\"Participated well\" describes effort, not the skill or a measure.",
        instead: "[measure: e.g. LOB count, assist level, time held]",
        context: Context::Always,
        example: "Pt participated well.",
    },
    RedFlag {
        id: "per_flowsheet",
        pattern: "flowsheet|flowsheets",
        message: "Pointing to a flowsheet leaves the note without the activity, dose or response.",
        instead: "[activity] [dose]; [response]",
        context: Context::Always,
        example: "Exercises as listed on flowsheet.",
    },
    RedFlag {
        id: "per_flow_sheet",
        pattern: "flow sheet|sheets",
        message: "Pointing to a flow sheet leaves the note without the activity, dose or response.",
        instead: "[activity] [dose]; [response]",
        context: Context::Always,
        example: "Exercises per flow sheet.",
    },
    RedFlag {
        id: "bare_continue",
        pattern: "continue|cont|continued $",
        message: "A bare \"continue\" records no clinical decision for the next visit.",
        instead: "Next visit: progress to [harder condition] when [criterion]",
        context: Context::PlanAlone,
        example: "P: cont",
    },
    RedFlag {
        id: "treatment_per_poc",
        pattern: "treatment|tx|therapy|treat|treated ~1 per poc|plan ?of ?care $",
        message: "\"Treatment per POC\" names no activity, reason or skill.",
        instead: "[activity] to improve [impairment]; [cue/assist/progression]",
        context: Context::PlanAlone,
        example: "Treatment per POC.",
    },
    RedFlag {
        id: "as_previous",
        pattern: "as previous|previously|before $",
        message: "\"As previous\" points to another note instead of saying what was done today.",
        instead: "[activity] [dose]; [cue/assist]; [response]",
        context: Context::Always,
        example: "Ther ex as previous.",
    },
    RedFlag {
        id: "see_previous_note",
        pattern: "see|refer ?to ?the previous|prior|last|earlier note|notes|visit|session|documentation|entry",
        message: "\"See previous note\" points to another note instead of saying what was done today.",
        instead: "[activity] [dose]; [cue/assist]; [response]",
        context: Context::Always,
        example: "See previous note.",
    },
    RedFlag {
        id: "per_tolerance",
        pattern: "per ?pt|patient|pt's|patient's tolerance",
        message: "\"Per patient tolerance\" gives no dose and no clinical decision.",
        instead: "[sets x reps / time], progressed when [criterion]",
        context: Context::Always,
        example: "Continue to progress per pt tolerance.",
    },
];

/// First letters of every row's first words (checked in a test).
const FIRST_LETTERS: &[u8] = b"tapdecsrbigmnwfv";

/// [`FIRST_LETTERS`] as a table by byte: one load per token, not a search of the list.
static IS_FIRST_LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < FIRST_LETTERS.len() {
        t[FIRST_LETTERS[i] as usize] = true;
        i += 1;
    }
    t
};

/// A compiled pattern element.
#[derive(Debug)]
enum El {
    /// Alternatives (lowercase; `prefix` for a trailing `*`) and whether the element is optional.
    Words(Vec<Alt>, bool),
    Gap(usize),
    /// `$`: no word follows in the sentence.
    End,
}

fn compile(p: &str) -> Vec<El> {
    p.split_whitespace()
        .map(|w| {
            if w == "$" {
                El::End
            } else if let Some(n) = w.strip_prefix('~') {
                El::Gap(n.parse().unwrap_or(1))
            } else {
                let (opt, w) = match w.strip_prefix('?') {
                    Some(r) => (true, r),
                    None => (false, w),
                };
                let alt = |a: &str| match a.strip_suffix('*') {
                    Some(p) => Alt { word: p.to_ascii_lowercase(), prefix: true },
                    None => Alt { word: a.to_ascii_lowercase(), prefix: false },
                };
                El::Words(w.split('|').map(alt).collect(), opt)
            }
        })
        .collect()
}

/// One alternative of a pattern word: the word, or with `prefix` any word starting with it.
#[derive(Debug)]
struct Alt {
    word: String,
    prefix: bool,
}

fn word_matches(alts: &[Alt], w: &str) -> bool {
    let w = w.as_bytes();
    alts.iter().any(|a| {
        let p = a.word.as_bytes();
        if a.prefix { w.len() >= p.len() && w[..p.len()].eq_ignore_ascii_case(p) } else { w.eq_ignore_ascii_case(p) }
    })
}

/// The compiled table: each row's elements, and which rows can start at a word (by the
/// lowercase word for exact first words, by scan for the few prefix ones), so a token costs one
/// lookup rather than a test against every row.
struct Compiled {
    rows: Vec<Vec<El>>,
    /// Exact first words with the rows they start (one hash lookup per token).
    by_first: rustc_hash::FxHashMap<Box<[u8]>, Vec<usize>>,
    prefixed: Vec<usize>,
    /// The lower-case first bytes of the prefixed rows' first words (all bytes for an empty one):
    /// other tokens skip those rows.
    prefixed_first: [bool; 256],
    /// The keys of `by_first` as a filter (length and first letter): most words are turned away
    /// before they are hashed.
    first: crate::tokens::FirstWords,
}

impl Compiled {
    fn new() -> Compiled {
        let rows: Vec<Vec<El>> = RED_FLAGS.iter().map(|r| compile(r.pattern)).collect();
        let mut by_first: rustc_hash::FxHashMap<Box<[u8]>, Vec<usize>> = rustc_hash::FxHashMap::default();
        let mut prefixed = Vec::new();
        for (row, els) in rows.iter().enumerate() {
            if let Some(El::Words(alts, _)) = els.first() {
                for a in alts {
                    if a.prefix {
                        prefixed.push(row);
                    } else {
                        by_first.entry(a.word.as_bytes().into()).or_default().push(row);
                    }
                }
            }
        }
        prefixed.dedup();
        let mut prefixed_first = [false; 256];
        for &row in &prefixed {
            if let Some(El::Words(alts, _)) = rows[row].first() {
                for a in alts {
                    match a.word.as_bytes().first() {
                        Some(&b) => prefixed_first[b as usize] = true,
                        None => prefixed_first = [true; 256],
                    }
                }
            }
        }
        let first = crate::tokens::FirstWords::new(by_first.keys().map(|k| &k[..]));
        Compiled { rows, by_first, prefixed, prefixed_first, first }
    }
}

/// A red-flag phrase found in a sentence: row index and byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// Index into [`RED_FLAGS`].
    pub row: usize,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// Finds red flags in one sentence's tokens. Overlapping finds keep the first row's.
pub fn find(note: &str, toks: &[Token]) -> Vec<Found> {
    thread_local! {
        static COMPILED: Compiled = Compiled::new();
    }
    COMPILED.with(|compiled| {
        let mut out: Vec<Found> = Vec::new();
        // Only tokens that can start some row are tried: a cheap first-letter test, then the rows
        // whose first words match, as (row, token) pairs in row order.
        let mut tries: Vec<(usize, usize)> = Vec::new();
        for i in 0..toks.len() {
            if toks[i].tok != Tok::Word {
                continue;
            }
            let w = note.as_bytes().get(toks[i].start..toks[i].end).unwrap_or_default();
            if w.is_empty() || w.len() > 12 || !IS_FIRST_LETTER[w[0].to_ascii_lowercase() as usize] {
                continue;
            }
            let mut lower = [0u8; 12];
            lower[..w.len()].copy_from_slice(w);
            lower.make_ascii_lowercase();
            if compiled.first.may_hold(w) {
                if let Some(rows) = compiled.by_first.get(&lower[..w.len()]) {
                    tries.extend(rows.iter().map(|&row| (row, i)));
                }
            }
            for &row in compiled.prefixed.iter().filter(|_| compiled.prefixed_first[lower[0] as usize]) {
                if matches!(&compiled.rows[row][0], El::Words(a, _) if word_matches(a, toks[i].text(note))) {
                    tries.push((row, i));
                }
            }
        }
        if tries.is_empty() {
            return Vec::new();
        }
        // (row, token) pairs that are equal are the same try: a stable sort orders them as an
        // unstable one would.
        crate::order::sort_by_key(&mut tries, |&t| t);
        tries.dedup();
        // (On the stack for a sentence of up to 256 tokens, as is nearly every one.)
        let (mut taken_stack, mut taken_heap) = ([false; 256], Vec::new());
        let taken: &mut [bool] = if toks.len() <= taken_stack.len() {
            &mut taken_stack[..toks.len()]
        } else {
            taken_heap.resize(toks.len(), false);
            &mut taken_heap
        };
        for (row, i) in tries {
            if let Some(end) = match_at(note, toks, i, &compiled.rows[row]) {
                if !taken[i..=end].iter().any(|t| *t) {
                    taken[i..=end].iter_mut().for_each(|t| *t = true);
                    out.push(Found { row, start: toks[i].start, end: toks[end].end });
                }
            }
        }
        crate::order::sort_by_key(&mut out, |f| f.start);
        out
    })
}

/// Tries to match `els` starting at token `i`; returns the index of the last matched token.
fn match_at(note: &str, toks: &[Token], i: usize, els: &[El]) -> Option<usize> {
    fn go(note: &str, toks: &[Token], pos: usize, els: &[El], last: Option<usize>) -> Option<usize> {
        let Some((el, rest)) = els.split_first() else { return last };
        // Skip a "/" between words ("heel/toe").
        match el {
            El::Words(alts, opt) => {
                if let Some(t) = toks.get(pos) {
                    if t.tok == Tok::Word && word_matches(alts, t.text(note)) {
                        if let Some(r) = go(note, toks, pos + 1, rest, Some(pos)) {
                            return Some(r);
                        }
                    }
                }
                if *opt {
                    return go(note, toks, pos, rest, last);
                }
                None
            }
            El::End => toks[pos.min(toks.len())..].iter().all(|t| t.tok != Tok::Word).then_some(last).flatten(),
            El::Gap(n) => {
                let mut p = pos;
                for _ in 0..=*n {
                    if let Some(r) = go(note, toks, p, rest, last) {
                        return Some(r);
                    }
                    match toks.get(p) {
                        Some(t) if t.tok == Tok::Word || t.is('/') || t.is('\'') => p += 1,
                        _ => return None,
                    }
                }
                None
            }
        }
    }
    go(note, toks, i, els, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn ids(t: &str) -> Vec<&'static str> {
        find(t, &tokenize(t, 0, t.len())).iter().map(|f| RED_FLAGS[f.row].id).collect()
    }

    #[test]
    fn every_row_fires_on_its_example() {
        for r in RED_FLAGS {
            assert!(ids(r.example).contains(&r.id), "{} on {:?}: {:?}", r.id, r.example, ids(r.example));
        }
    }

    #[test]
    fn first_letters_cover_every_row() {
        for r in RED_FLAGS {
            for w in r.pattern.split_whitespace().next().unwrap().split('|') {
                assert!(FIRST_LETTERS.contains(&w.as_bytes()[0].to_ascii_lowercase()), "{}: {w}", r.id);
            }
        }
    }

    #[test]
    fn skilled_sentences_are_clean() {
        for t in [
            "Pt performed backward and lateral protective steps in response to shoulder pulls, 3 x 8.",
            "She reports doing her HEP most days.",
            "Pt completed 15/24 reaches without trunk flexion compensation.",
            "Continue NMR 2x/wk; add shower-chair-to-stand transfers next visit.",
            "Pt progressing slowly.",
        ] {
            assert!(ids(t).is_empty(), "{t}: {:?}", ids(t));
        }
    }

    #[test]
    fn variants() {
        assert_eq!(ids("Pt tolerated all excercises well."), ["tolerated_well"]);
        assert_eq!(ids("Plan: cont PT per POC."), ["continue_poc"]);
        assert_eq!(ids("Will continue to progress as tolerated."), ["as_tolerated"]);
        assert_eq!(ids("Pt perfomed balance exs in // bars"), ["patient_performed_exercises"]);
    }
}
