//! A medical-necessity / progress statement drafted only from the note's own facts.
//!
//! Therapists ask cloud chatbots for "a statement justifying continued balance therapy:
//! improvements since the start, goals now within reach, any regression or plateau". This module
//! writes that paragraph locally, for the kind of note it is ([`Kind`]), in three or four
//! sentences:
//!
//! 1. the change in measures, in the note's own numbers ([`crate::progress`]), or the current
//!    values when the note states no earlier one;
//! 2. the impairment with the observed evidence, and 3. the activity it limits in the patient's
//!    terms: the note's own assessment sentence when it already links the two, otherwise
//!    phrases chosen and type-checked by [`phrase`];
//! 4. the skilled care needed (the therapist's own actions) and the goal it progresses toward;
//!    in a discharge summary instead the goals met or not, from the note's own sentences.
//!
//! A note with no neuromuscular re-education in it gets a sentence saying so, not a 97112
//! statement. Sentences are said by [`realise`] (agreement, lists said once), not by pasting
//! strings. Whatever the note does not state is a visible `[placeholder]` whose example fits the
//! note's domain (standing balance and gait, upper limb, sitting balance, vestibular, paediatric).
//! [`soap`] organises the note's own sentences under S/O/A/P.
//!
//! **Invariant: nothing is invented.** Every number and every word of a draft appears in the
//! note (or is an inflection of a note word, or the noun of one by [`phrase::NOMINALS`]), or is
//! inside a placeholder, or is one of the connecting words in [`TEMPLATE_WORDS`] (tested over
//! both corpora, the golden notes and generated text in `tests/draft.rs`). Differences are not
//! computed into new numbers, and no minimal-detectable-change or fall-risk claim is made: the
//! engine knows no cut-off for the note's population, and the note did not make the claim.
//!
//! Wording follows the evidence: improvement, plateau, regression, or, when nothing improved,
//! maintenance wording after *Jimmo v. Sebelius* (coverage turns on the need for skilled care, not
//! on improvement).

pub mod domain;
pub mod phrase;
pub mod realise;
pub mod soap;

use serde::Serialize;

use crate::label::Label;
use crate::note::Note;
use crate::progress::{self, Current, Direction, Fact};
use crate::report::Section;

pub use domain::{domain, Domain};
use domain::Examples;
use phrase::Phrase;
use realise::{agree, list, plural, sentence, Np};

/// What the measures say overall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// At least one measure improved and none got worse.
    Progress,
    /// Some improved, some got worse.
    Mixed,
    /// Every stated pair is unchanged.
    Plateau,
    /// Every changed pair got worse.
    Regression,
    /// The note states no measure pair.
    Unknown,
}

/// The kind of note, which decides what the statement may claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A daily or treatment note: "still", "continued" fit.
    Daily,
    /// A progress note, re-evaluation or recertification: as a daily note.
    Progress,
    /// An initial evaluation: skilled care is "indicated".
    Evaluation,
    /// A discharge summary: goals met or not, and why; no continued need.
    Discharge,
    /// No neuromuscular re-education in the note: no 97112 statement.
    NoNeuromuscular,
}


/// A drafted statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Draft {
    /// The paragraph, with placeholders in square brackets.
    pub text: String,
    /// What the measures say.
    pub trend: Trend,
    /// The kind of note it was drafted for.
    pub kind: Kind,
    /// The measure pairs it rests on.
    pub facts: Vec<Fact>,
    /// Measures stated with a current value only.
    pub current: Vec<Current>,
}

/// Connecting words a draft may use that need not appear in the note. None is a clinical finding.
pub const TEMPLATE_WORDS: &[&str] = &[
    "since", "improved", "from", "to", "declined", "is", "unchanged", "at", "and", "its", "in", "the", "still",
    "limit", "limits", "skilled", "neuromuscular", "re", "education", "continued", "needed", "for", "progress",
    "toward", "has", "plateaued", "on", "a", "of", "are", "maintain", "function", "prevent", "decline", "or",
    "jimmo", "v", "sebelius", "with", "this", "these", "plan", "modify", "goal", "goals", "patient", "shows",
    "therapist", "providing", "indicated", "initial", "current", "measures", "discharge", "note", "documents", "no",
    "so", "statement", "medical", "necessity", "drafted", "after", "reassess", "it", "s", "o", "p", "that",
    "increased", "decreased",
];

/// Drafts the statement for `text`.
pub fn draft(text: &str) -> Draft {
    let note = crate::learned::read_note(text);
    let mut facts = progress::facts(&note);
    // The current values before the unnamed pairs join: `current` reads the standard ones, in
    // the note's order (no sort: a sort of a new element type adds its own copy to the wasm).
    let current = progress::current(&note, &facts);
    let others = progress::other_pairs(&note, &facts);
    facts.extend(others);
    let improved: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Improved).collect();
    let worse: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Worse).collect();
    let same: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Unchanged).collect();
    let higher: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Higher).collect();
    let lower: Vec<&Fact> = facts.iter().filter(|f| f.direction == Direction::Lower).collect();
    // Which way is better is known only for the standard measures and grades.
    let known = facts.len() - higher.len() - lower.len();
    let trend = match (improved.is_empty(), worse.is_empty(), known == 0) {
        (_, _, true) => Trend::Unknown,
        (false, true, _) => Trend::Progress,
        (false, false, _) => Trend::Mixed,
        (true, false, _) => Trend::Regression,
        (true, true, false) => Trend::Plateau,
    };
    let kind = kind(&note);
    let dom = domain(&note);
    let ex = Examples::of(dom);
    if kind == Kind::NoNeuromuscular {
        let text = "This note documents no neuromuscular re-education, so no statement of its medical necessity is drafted. [If neuromuscular re-education was provided: what was done, the impairment it targets, the skilled input and the time.]".to_string();
        return Draft { text, trend, kind, facts, current };
    }

    let mut s: Vec<String> = Vec::new();
    // 1. What changed, in the note's own numbers; or the values it states.
    let said = |f: &Fact| {
        let when = if f.baseline_when.is_empty() { String::new() } else { format!(" ({})", f.baseline_when) };
        format!("from {}{when} to {}", f.baseline, f.current)
    };
    let group = |fs: &[&Fact], verb: &str| -> Option<String> {
        let items: Vec<String> = fs.iter().take(3).enumerate().map(|(i, f)| {
            if i == 0 { format!("{} {verb} {}", sided(&note, f.start, &f.written), said(f)) } else { format!("{} {}", name(&note, f), said(f)) }
        }).collect();
        (!items.is_empty()).then(|| sentence(&list(&items, 3)))
    };
    s.extend(group(&improved, "improved"));
    s.extend(group(&worse, "declined"));
    if !same.is_empty() {
        let items: Vec<String> = same.iter().take(3).enumerate().map(|(i, f)| {
            if i == 0 { format!("{} is unchanged at {}", sided(&note, f.start, &f.written), f.current) } else { format!("{} at {}", name(&note, f), f.current) }
        }).collect();
        s.push(sentence(&list(&items, 3)));
    }
    // What has no standard name: which way is better is the reader's call.
    s.extend(group(&higher, "increased"));
    s.extend(group(&lower, "decreased"));
    if facts.is_empty() {
        if current.is_empty() {
            s.push(format!("[{}].", ex.measure));
        } else {
            let items: Vec<String> = current.iter().take(3).map(|c| format!("{} {}", sided(&note, c.start, &c.written), c.value)).collect();
            let lead = match kind {
                Kind::Evaluation => "Initial measures:",
                Kind::Discharge => "Measures at discharge:",
                _ => "Current measures:",
            };
            s.push(sentence(&format!("{lead} {}", list(&items, 3))));
        }
    }

    // 2 and 3. The impairment with its evidence, and what it limits.
    let mut imps: Vec<Phrase> = Vec::new();
    let mut evidence: Vec<Phrase> = Vec::new();
    let mut acts: Vec<Phrase> = Vec::new();
    let mut goals: Vec<Phrase> = Vec::new();
    let mut skills: Vec<Phrase> = Vec::new();
    let plans = kind == Kind::Evaluation;
    for si in 0..note.sents.len() {
        phrase::impairments_in(&note, si, &mut imps);
        phrase::evidence_in(&note, si, &mut evidence);
        phrase::activities_in(&note, si, &mut acts);
        phrase::goals_in(&note, si, &mut goals);
        phrase::skills_in(&note, si, plans, &mut skills);
    }
    let link = link_sentence(&note, &imps, &acts);
    let imps = phrase::distinct(imps, 2);
    let evidence = phrase::distinct(evidence, 2);
    let acts = phrase::distinct(acts, 1);
    let goals = phrase::distinct(goals, 2);
    let skills = phrase::distinct(skills, 3);

    let nps = |v: &[Phrase]| v.iter().map(|p| p.np.clone()).collect::<Vec<Np>>();
    let texts = |v: &[Phrase]| v.iter().map(|p| p.np.text.clone()).collect::<Vec<String>>();
    if let Some(l) = &link {
        s.push(l.clone());
    } else if !(kind == Kind::Discharge && imps.is_empty()) {
        let imp = if imps.is_empty() { format!("[{}]", ex.impairment) } else { list(&texts(&imps), 2) };
        let with = if evidence.is_empty() || imps.is_empty() { String::new() } else { format!(", with {}", list(&texts(&evidence), 2)) };
        let who = if dom == Domain::Paediatric && note.text.to_ascii_lowercase().contains("child") { "child" } else { "patient" };
        let lead = match kind {
            Kind::Evaluation => format!("The {who} shows"),
            Kind::Discharge => format!("At discharge the {who} still shows"),
            _ => format!("The {who} still shows"),
        };
        s.push(sentence(&format!("{lead} {imp}{with}")));
        let many = plural(&nps(&imps));
        let this = if many { "These" } else { "This" };
        if let Some(a) = acts.first() {
            s.push(sentence(&format!("{this} {} {}", agree(many, "limits", "limit"), a.np.text)));
        } else if kind != Kind::Discharge {
            s.push(sentence(&format!("{this} {} [{}]", agree(many, "limits", "limit"), ex.activity)));
        }
    }

    // 4. The skilled care needed and what it progresses toward; at discharge, the goals.
    if kind == Kind::Discharge {
        let status = goal_status(&note);
        if status.is_empty() {
            s.push("[Goals at discharge: met or not met, and why].".into());
        } else {
            s.extend(status);
        }
        return Draft { text: s.join(" "), trend, kind, facts, current };
    }
    let said_before = s.join(" ").to_ascii_lowercase();
    let goals: Vec<&Phrase> = goals.iter().filter(|g| !said_before.contains(&g.np.text.to_ascii_lowercase())).collect();
    // A goal the note does not state: a placeholder where a payer needs one (the plan of care an
    // evaluation sets up holds its goals, and a progress report states progress toward each, Medicare
    // Benefit Policy Manual ch. 15 §220.1.2 and §220.3); a daily note's statement leaves it out.
    let goal = if goals.is_empty() {
        matches!(kind, Kind::Evaluation | Kind::Progress).then(|| format!("[{}]", ex.goal))
    } else {
        let ing: Vec<String> = goals.iter().filter(|g| starts_ing(&g.np.text)).map(|g| g.np.text.clone()).collect();
        let noun: Vec<String> = goals.iter().filter(|g| !starts_ing(&g.np.text)).map(|g| g.np.text.clone()).collect();
        let mut parts = noun;
        if !ing.is_empty() {
            parts.push(format!("the {} of {}", if ing.len() > 1 { "goals" } else { "goal" }, list(&ing, 2)));
        }
        Some(realise::list_of_lists(&parts, 2))
    };
    let toward = |lead: &str| goal.as_ref().map_or(String::new(), |g| format!(" {lead} {g}"));
    let skill = if skills.is_empty() {
        format!("[{}]", ex.skill)
    } else {
        let ing: Vec<String> = skills.iter().filter(|p| starts_ing(&p.np.text)).map(|p| p.np.text.clone()).collect();
        let noun: Vec<String> = skills.iter().filter(|p| !starts_ing(&p.np.text)).map(|p| p.np.text.clone()).collect();
        let mut parts = Vec::new();
        if !noun.is_empty() {
            parts.push(format!("providing {}", list(&noun, 3)));
        }
        parts.extend(ing);
        realise::list_of_lists(&parts, 3)
    };
    s.push(sentence(&match (kind, trend) {
        (Kind::Evaluation, _) => format!("Skilled neuromuscular re-education is indicated{}, with the therapist {skill}", toward("to progress toward")),
        (_, Trend::Plateau) => format!(
            "Progress has plateaued; continued skilled neuromuscular re-education is needed to modify the plan{}, or to maintain function and prevent decline (Jimmo v. Sebelius), with the therapist {skill}",
            toward("toward")
        ),
        (_, Trend::Regression) => format!("After this decline, skilled neuromuscular re-education is needed to reassess{}, with the therapist {skill}", toward("and progress toward")),
        _ => format!("Continued skilled neuromuscular re-education is needed{}, with the therapist {skill}", toward("to progress toward")),
    }));
    Draft { text: s.join(" "), trend, kind, facts, current }
}

/// A measure's name inside a sentence: a standard name as written ("Berg"), another in lower case
/// unless it opens with an acronym or a side ("weight bearing through the L LE", "SLS R").
fn name(note: &Note, f: &Fact) -> String {
    if f.measure.is_empty() { realise::lower_first(&f.written) } else { sided(note, f.start, &f.written) }
}

/// A measure's name as written at `start`, with the side written right after it ("9HPT R",
/// "Grip L"): a value of one side is not the patient's.
fn sided(note: &Note, start: usize, written: &str) -> String {
    let Some(rest) = note.text.get(start..).and_then(|r| r.strip_prefix(written)) else { return written.to_string() };
    let after = rest.trim_start_matches([' ', '\t']);
    let word: &str = &after[..after.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(after.len())];
    const SIDES: &[&str] = &["R", "L", "Rt", "Lt", "RUE", "LUE", "RLE", "LLE", "right", "left", "bilat", "bilateral", "B"];
    if after.len() < rest.len() && SIDES.contains(&word) && !written.ends_with(word) {
        format!("{written} {word}")
    } else {
        written.to_string()
    }
}

/// Whether a phrase opens with an -ing verb ("grading the surface"), not an -ing noun ("grading of
/// reach distance", said after "providing").
fn starts_ing(s: &str) -> bool {
    let mut w = s.split_whitespace();
    w.next().is_some_and(|w| w.len() > 4 && w.to_ascii_lowercase().ends_with("ing")) && w.next().is_none_or(|n| n != "of")
}

/// The note's own sentence that already links an impairment to the activity it limits ("Pt
/// continues to show delayed R hip and knee activation in early stance, which limits safe
/// household ambulation without her cane."): an assessment sentence (or, in a note without
/// sections, any observed one) holding an impairment phrase and, after it, a limitation with an
/// activity.
fn link_sentence(note: &Note, imps: &[Phrase], acts: &[Phrase]) -> Option<String> {
    let sectioned = note.sents.iter().any(|s| s.seg.section.is_some());
    let mut best: Option<(u8, usize)> = None;
    for a in acts {
        let s = &note.sents[a.sent];
        let assessed = matches!(s.seg.section, Some(Section::Assessment | Section::AssessmentPlan)) || !sectioned;
        if !assessed || s.roles & (crate::labeller::ROLE_REPORT | crate::labeller::ROLE_GOAL | crate::labeller::ROLE_PLAN) != 0 {
            continue;
        }
        if !imps.iter().any(|i| i.sent == a.sent) {
            continue;
        }
        let text = note.sent_text(a.sent);
        if text.split_whitespace().count() > 45 || text.contains(['[', ']']) || text.contains('\n') {
            continue;
        }
        let r = phrase::rank(note, a.sent);
        if best.is_none_or(|(br, bs)| (r, a.sent) < (br, bs)) {
            best = Some((r, a.sent));
        }
    }
    best.map(|(_, si)| sentence(&without_help_asides(note, si)))
}

/// Sentence `si`'s text without the brackets that say how the patient was helped ("Poor static
/// standing balance (with tactile cues at the hips) limits cooking"): a cue or an assist is the
/// skill sentence's fact, not the impairment's. Other brackets ("(R > L)") stay.
fn without_help_asides(note: &Note, si: usize) -> String {
    let s = &note.sents[si];
    let toks = &note.tokens[s.toks.clone()];
    let hits = &note.hits[s.hits.clone()];
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for (k, t) in toks.iter().enumerate() {
        if t.is('(') {
            open = Some(k);
        } else if t.is(')') {
            if let Some(o) = open.take() {
                let (a, b) = (toks[o].start, t.end);
                let help = hits.iter().any(|h| h.start >= a && h.end <= b && h.kinds.any(crate::lexicon::Kinds::SKILL | crate::lexicon::Kinds::ASSIST_HOW | crate::lexicon::Kinds::ASSIST_LEVEL))
                    || toks[o..k].iter().any(|w| w.is_word(note.text, &["cue", "cues", "cueing", "vc", "vcs", "tc", "tcs", "assist", "facilitation", "support"]));
                if help {
                    cut.push((a, b));
                }
            }
        }
    }
    let (start, end) = (s.seg.start, s.seg.end);
    let mut out = String::new();
    let mut at = start;
    for (a, b) in cut {
        out.push_str(note.text[at..a].trim_end());
        at = b;
    }
    out.push_str(&note.text[at..end]);
    // The sentence as `sent_text` gives it, less the cut brackets.
    if out.trim().is_empty() { note.sent_text(si).to_string() } else { out.trim().to_string() }
}

/// A discharge summary's own sentences on its goals: met, partly met or not met, and why.
fn goal_status(note: &Note) -> Vec<String> {
    let mut out = Vec::new();
    for (si, s) in note.sents.iter().enumerate() {
        if s.seg.header {
            continue;
        }
        let toks = &note.tokens[s.toks.clone()];
        if !toks.iter().any(|t| t.is_word(note.text, &["met", "unmet", "achieved", "attained"])) {
            continue;
        }
        let text = note.sent_text(si);
        if text.contains(['[', ']']) || text.split_whitespace().count() > 40 {
            continue;
        }
        out.push(sentence(text));
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// The kind of note, from its title or first heading line and its billing.
pub fn kind(note: &Note) -> Kind {
    let text = note.text;
    let lower_lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    // The title: the first line, or a heading line (no sentence after a colon).
    // A title is short and is not a sentence ("PT Initial Evaluation 3/4", not "FGA 20/30 (eval 20/30).").
    let first = lower_lines
        .take(1)
        .find(|l| l.len() <= 80 && l.split_whitespace().count() <= 10 && !l.ends_with('.') && !l.contains('('))
        .map(|l| l.to_ascii_lowercase())
        .unwrap_or_default();
    let title_says = |w: &[&str]| w.iter().any(|x| first.contains(x));
    let lower = text.to_ascii_lowercase();
    let nmr = note.billing.iter().any(|b| b.code.as_deref() == Some("97112"))
        || note.hits.iter().any(|h| {
            h.kinds.any(crate::lexicon::Kinds::CODE_NAME | crate::lexicon::Kinds::GENERIC)
                && {
                    let t = note.text[h.start..h.end].to_ascii_lowercase().replace('-', " ");
                    t == "nmr" || t == "nmre" || t.starts_with("neuro") || t.contains("re ed") || t.contains("reed")
                }
        });
    // Codes billed, or named in the note's text ("97110, 97116." with no units): a note that
    // names only codes other than 97112 plans or bills other care.
    let written: Vec<&str> = note.tokens.iter().filter(|t| t.num().is_some()).map(|t| &note.text[t.start..t.end]).filter(|w| w.len() == 5 && w.starts_with("97")).collect();
    let other_codes = note.billing.iter().any(|b| b.code.as_deref().is_some_and(|c| c != "97112"))
        || (!written.is_empty() && !written.contains(&"97112"));
    // A 97112 target: a body function 97112 treats, named as the reason for the work.
    let target = note.spans.iter().any(|sp| {
        sp.label == Label::Why && note.hits.iter().skip(note.hits.partition_point(|h| h.start < sp.start)).take_while(|h| h.start < sp.end)
            .any(|h| h.kinds.any(crate::lexicon::Kinds::FUNCTION | crate::lexicon::Kinds::IMPAIRMENT))
    });
    if !nmr && (other_codes || !target) {
        return Kind::NoNeuromuscular;
    }
    if title_says(&["discharge", "d/c summary", "dc summary"]) || ["discharge summary", "d/c summary", "discharge note", "discharged from pt", "discharged from ot", "discharged from therapy", "discharged from skilled", "discharged from physical therapy", "discharged from occupational therapy"].iter().any(|w| lower.contains(w)) {
        return Kind::Discharge;
    }
    if title_says(&["re-eval", "reeval", "re eval", "re-evaluation", "progress note", "progress report", "recert"]) || ["progress note", "progress report", "re-evaluation", "reevaluation", "recertification"].iter().any(|w| lower.contains(w)) {
        return Kind::Progress;
    }
    if title_says(&["evaluation", "eval", "initial exam", "initial assessment"]) || lower.lines().any(|l| {
        let l = l.trim();
        l.starts_with("initial evaluation") || l.starts_with("initial eval") || l.starts_with("pt evaluation") || l.starts_with("ot evaluation") || l.starts_with("evaluation:")
    }) {
        return Kind::Evaluation;
    }
    Kind::Daily
}

/// An outcome word widened to its phrase: qualifiers before it ("safe household ambulation") and
/// its complement after it ("... without her cane"), within the clause.
fn outcome_phrase(note: &Note, start: usize, end: usize) -> String {
    const QUALIFIERS: &[&str] = &["safe", "safely", "independent", "household", "community", "functional", "standing", "short", "distance"];
    const STOP: &[&str] = &["and", "but", "which", "with", "while", "when", "because", "as", "so", "that", "for", "in"];
    const TIME_WORDS: &[&str] = &["daily", "this", "today", "since", "last", "week", "night", "morning", "now"];
    let toks = &note.tokens;
    let a = toks.partition_point(|t| t.start < start);
    let b = toks.partition_point(|t| t.start < end);
    let mut s = a;
    while s > 0 && toks[s - 1].is_word(note.text, QUALIFIERS) {
        s -= 1;
    }
    // A span that ends on its preposition ("walking to the mailbox without"): the complement
    // starts there.
    let b = if b > a + 1 && toks[b - 1].is_word(note.text, &["without", "to", "on", "at"]) { b - 1 } else { b };
    // A complement: "without her cane", "to the bathroom", "on uneven ground".
    let mut e = b;
    if toks.get(b).is_some_and(|t| t.is_word(note.text, &["without", "to", "on", "at"])) {
        let mut k = b + 1;
        while k < toks.len() && k <= b + 6 && toks[k].tok == crate::tokens::Tok::Word && !toks[k].is_word(note.text, STOP) && !toks[k].is_word(note.text, TIME_WORDS) {
            k += 1;
        }
        if k > b + 1 {
            e = k;
        }
    }
    while e > s + 1 && toks[e - 1].is_word(note.text, &["without", "with", "to", "on", "at", "in", "of", "the", "a", "and", "or"]) {
        e -= 1;
    }
    if s >= e || e > toks.len() || s >= toks.len() {
        return note.text[start..end].to_string();
    }
    note.text[toks[s].start..toks[e - 1].end].to_string()
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_draft_uses_the_notes_numbers_and_words() {
        let t = "O: Tandem stance on foam 3 x 30 s to improve ankle proprioception; tactile cues at the ankles. \
                 TUG 16.8 s (initial eval 21.4 s). A: Impaired ankle proprioception limits safe community ambulation.";
        let d = draft(t);
        assert_eq!(d.trend, Trend::Progress);
        assert!(d.text.contains("TUG improved from 21.4 s (initial eval) to 16.8 s"), "{}", d.text);
        // No fall-risk or MDC claim: the note makes none and no cut-off for its population is known.
        assert!(!d.text.contains("risk") && !d.text.contains("detectable"), "{}", d.text);
        assert!(d.text.contains("ankle proprioception"), "{}", d.text);
        assert!(d.text.contains("tactile cues"), "{}", d.text);
    }

    #[test]
    fn plateau_and_regression_wording() {
        let d = draft("FGA 20/30 (eval 20/30). Impaired dynamic balance. CGA for turns. NMR 15 min.");
        assert_eq!(d.trend, Trend::Plateau);
        assert!(d.text.contains("plateaued") && d.text.contains("Jimmo"), "{}", d.text);
        let d = draft("TUG 15 s (last visit 13 s). Delayed stepping responses. Min A. 97112 x 1.");
        assert_eq!(d.trend, Trend::Regression);
        assert!(d.text.contains("declined from 13 s (last visit) to 15 s"), "{}", d.text);
    }

    /// Found by the `draft` fuzz target: a phrase with a "]" from the note closed the
    /// placeholders around it, so placeholder text read as the note's words.
    #[test]
    fn note_phrases_with_brackets_are_not_reused() {
        let d = draft("Impaired ]STS balance. Impaired [R] ankle proprioception. CGA.");
        let (open, close) = (d.text.matches('[').count(), d.text.matches(']').count());
        assert_eq!(open, close, "{}", d.text);
        assert!(!d.text.contains("]STS") && !d.text.contains("[R]"), "{}", d.text);
    }

    #[test]
    fn placeholders_for_what_the_note_does_not_say() {
        let d = draft("Balance ex. Tolerated well. 97112 x 1 unit.");
        assert_eq!(d.trend, Trend::Unknown);
        assert!(d.text.contains("[measure now vs initial"), "{}", d.text);
        // A daily note need not state a goal (Medicare BPM ch. 15 §220.3 E): no goal placeholder.
        assert!(!d.text.contains("goal"), "{}", d.text);
        // An evaluation sets up the plan of care and its goals (§220.1.2), a progress report states
        // progress toward each (§220.3 D): a goal the note does not state is a visible placeholder.
        for t in ["PT Initial Evaluation\nImpaired dynamic balance. NMR 2x/wk.", "Progress Note\nImpaired dynamic balance. 97112 x 1 unit."] {
            let d = draft(t);
            assert!(d.text.contains("[functional goal"), "{t}: {}", d.text);
        }
    }

    /// Issue 21: a measure placeholder names measures for the note's region or population.
    #[test]
    fn measure_placeholders_fit_the_note() {
        let m = |t: &str| {
            let d = draft(t);
            let a = d.text.find("[measure").unwrap_or_else(|| panic!("{}", d.text));
            d.text[a..a + d.text[a..].find(']').unwrap()].to_string()
        };
        let standing = m("Impaired dynamic balance in standing. Therapist graded the surface. 97112 x 1.");
        assert!(standing.contains("Berg") && standing.contains("FGA") && !standing.contains("TUG"), "{standing}");
        let ue = m("Impaired R hand dexterity with grasp and release. Therapist graded the peg size. 97112 x 1.");
        assert!(ue.contains("ARAT") && !ue.contains("Berg"), "{ue}");
        let sitting = m("Pt sitting at EOB, unsupported. Delayed trunk righting reactions. Therapist facilitated at the pelvis. 97112 x 1.");
        assert!(sitting.contains("FIST") && !sitting.contains("Berg"), "{sitting}");
        let vest = m("Dizziness with head turns; gaze stability impaired with VOR x1. Therapist graded head speed. 97112 x 1.");
        assert!(vest.contains("DHI") && !vest.contains("Berg"), "{vest}");
        let peds = m("Child with low tone; delayed protective reactions at play. Therapist facilitated weight shift. 97112 x 1.");
        assert!(peds.contains("PBS") && !peds.contains("Berg"), "{peds}");
    }
}
