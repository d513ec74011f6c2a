//! "Organise as SOAP": the note's own sentences grouped under Subjective, Objective, Assessment
//! and Plan by their role, each sentence unchanged, with a visible `[placeholder]` for a part the
//! note lacks (the seed article's first prompt, answered without writing a word of the note).
//!
//! A sentence's part, first rule that applies:
//!
//! 0. billed time (and nothing else) -> O;
//! 1. a goal or a plan (the labeller's roles, or a Plan section) -> P;
//! 2. a report (reported speech, history, prior level of function), a diagnosis field, or a
//!    Subjective section -> S;
//! 3. in an Assessment section: a measure with no reason or outcome -> O, otherwise A;
//! 4. in an Objective section -> O;
//! 5. with no section: an impairment with its outcome, or a reason with no activity, or a
//!    result word ("improving", "persists") with no activity -> A; an activity, skill, measure or
//!    billed time -> O;
//! 6. a sentence with no label follows the sentence before it in its paragraph; a line with no
//!    label before any content (a title) stays on top.
//!
//! SOAP headers of the note are replaced by the draft's own; every other sentence appears once,
//! as written. Sentences of one line stay on one line.

use serde::Serialize;

use crate::label::Label;
use crate::labeller::{ROLE_DX, ROLE_GOAL, ROLE_PLAN, ROLE_REPORT, ROLE_RESULT};
use crate::note::Note;
use crate::report::Section;

/// One part of a SOAP note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Lines above the first part (a title).
    Title,
    /// S: what the patient reports.
    Subjective,
    /// O: what was done and measured.
    Objective,
    /// A: the therapist's assessment.
    Assessment,
    /// P: the plan and goals.
    Plan,
}

/// The organised note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Soap {
    /// The note as S/O/A/P, placeholders in square brackets.
    pub text: String,
    /// The parts the note had nothing for.
    pub missing: Vec<Part>,
}

/// The placeholder of each part the note lacks.
pub const PLACEHOLDERS: [&str; 4] = [ORDER[0].2, ORDER[1].2, ORDER[2].2, ORDER[3].2];

const ORDER: [(Part, &str, &str); 4] = [
    (Part::Subjective, "S:", "[Subjective: the patient's report since the last visit, e.g. symptoms, falls, function at home]"),
    (Part::Objective, "O:", "[Objective: what was done, with the skilled input, and what was measured]"),
    (Part::Assessment, "A:", "[Assessment: the impairment, what it limits and the response to treatment]"),
    (Part::Plan, "P:", "[Plan: the next step, e.g. how the task will be progressed, and the goals]"),
];

/// The part a sentence belongs to, or `None` to follow the sentence before it.
fn part_of(note: &Note, si: usize) -> Option<Part> {
    let s = &note.sents[si];
    let l = s.labels;
    // Billed time is what was done, wherever the note wrote it.
    if l.has(Label::Time) && !l.has(Label::What) && !l.has(Label::Why) && !l.has(Label::Outcome) && s.roles & ROLE_GOAL == 0 {
        return Some(Part::Objective);
    }
    if s.roles & (ROLE_GOAL | ROLE_PLAN) != 0 || matches!(s.seg.section, Some(Section::Plan)) {
        return Some(Part::Plan);
    }
    if s.roles & (ROLE_REPORT | ROLE_DX) != 0 || matches!(s.seg.section, Some(Section::Subjective)) {
        return Some(Part::Subjective);
    }
    let measure_only = l.has(Label::Measure) && !l.has(Label::Why) && !l.has(Label::Outcome);
    match s.seg.section {
        Some(Section::Assessment | Section::AssessmentPlan) => return Some(if measure_only { Part::Objective } else { Part::Assessment }),
        Some(Section::Objective) => return Some(Part::Objective),
        _ => {}
    }
    let activity = l.has(Label::What) || l.has(Label::How);
    if l.has(Label::Why) && l.has(Label::Outcome) && !l.has(Label::What)
        || l.has(Label::Why) && !activity
        || s.roles & ROLE_RESULT != 0 && !activity && !l.has(Label::Measure)
    {
        return Some(Part::Assessment);
    }
    if activity || l.has(Label::Measure) || l.has(Label::Time) || l.has(Label::Unskilled) {
        return Some(Part::Objective);
    }
    if l.has(Label::Outcome) {
        return Some(Part::Assessment);
    }
    None
}

/// Organises `text` as SOAP.
pub fn soap(text: &str) -> Soap {
    let note = crate::learned::read_note(text);
    // (part, paragraph, sentence index, sentence text) in the note's order.
    let mut placed: Vec<(Part, u32, usize, &str)> = Vec::new();
    let mut prev: Option<(Part, u32)> = None;
    for si in 0..note.sents.len() {
        let s = &note.sents[si];
        let t = note.sent_text(si).trim();
        if s.seg.header || t.is_empty() {
            continue;
        }
        // A title: the note's first line, short, not a sentence, naming no care.
        let title = placed.is_empty()
            && t.split_whitespace().count() <= 8
            && !t.ends_with('.')
            && note.sents.get(si + 1).is_none_or(|n| n.seg.paragraph != s.seg.paragraph)
            && [Label::What, Label::Why, Label::How, Label::Measure, Label::Time].iter().all(|l| !s.labels.has(*l));
        // A sentence that starts inside the word the one before it ends (the segmenter split a
        // word): it stays with that sentence, so the word is said whole.
        let split_word = placed.last().is_some_and(|&(_, _, p, _)| {
            p + 1 == si
                && note.sents[p].seg.end == s.seg.start
                && text[..s.seg.start].chars().next_back().is_some_and(char::is_alphanumeric)
                && text[s.seg.start..].chars().next().is_some_and(char::is_alphanumeric)
        });
        let part = if split_word {
            placed.last().map(|&(p, ..)| p)
        } else if title {
            Some(Part::Title)
        } else {
            part_of(&note, si)
        };
        let part = match part {
            Some(p) => p,
            // Unlabelled: with the sentence before it in its paragraph; a title before any part.
            None => match prev {
                Some((p, para)) if para == s.seg.paragraph || p != Part::Title => p,
                _ => Part::Title,
            },
        };
        prev = Some((part, s.seg.paragraph));
        placed.push((part, s.seg.paragraph, si, t));
    }
    let mut out = String::new();
    let mut missing = Vec::new();
    let body = |part: Part| -> String {
        let mut b = String::new();
        let mut last: Option<(u32, usize)> = None;
        for (p, para, si, t) in &placed {
            if *p != part {
                continue;
            }
            if let Some((lp, lsi)) = last {
                // Sentences next to each other in the note keep the note's own gap (a word split
                // by the segmenter stays whole); others are a space or a line apart.
                let gap = &text[note.sents[lsi].seg.end..note.sents[*si].seg.start];
                if lsi + 1 == *si && lp == *para && !gap.contains(['\n', '\r']) {
                    let g = gap.trim();
                    b.push_str(if g.is_empty() { gap } else { " " });
                } else {
                    b.push(if lp == *para { ' ' } else { '\n' });
                }
            }
            b.push_str(t);
            last = Some((*para, *si));
        }
        b
    };
    let title = body(Part::Title);
    if !title.is_empty() {
        out.push_str(&title);
        out.push('\n');
    }
    for (part, head, placeholder) in ORDER {
        let b = body(part);
        out.push_str(head);
        out.push(' ');
        if b.is_empty() {
            missing.push(part);
            out.push_str(placeholder);
        } else {
            out.push_str(&b);
        }
        out.push('\n');
    }
    out.pop();
    Soap { text: out, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_go_to_their_part_unchanged() {
        let t = "Pt reports 2 near falls at home. Tandem stance on foam 3 x 30 s with tactile cues at the ankles. \
                 TUG 16.8 s (eval 21.4 s). Impaired ankle proprioception limits community ambulation. Next visit progress to eyes closed.";
        let s = soap(t);
        assert_eq!(
            s.text,
            "S: Pt reports 2 near falls at home.\nO: Tandem stance on foam 3 x 30 s with tactile cues at the ankles. TUG 16.8 s (eval 21.4 s).\n\
             A: Impaired ankle proprioception limits community ambulation.\nP: Next visit progress to eyes closed."
        );
        assert!(s.missing.is_empty());
    }

    #[test]
    fn a_missing_part_is_a_visible_placeholder() {
        let s = soap("O: Weight shifts in standing 3 x 10 with tactile cues at the pelvis.");
        assert_eq!(s.missing, [Part::Subjective, Part::Assessment, Part::Plan]);
        assert!(s.text.starts_with("S: [Subjective"), "{}", s.text);
        assert!(s.text.contains("\nO: Weight shifts in standing 3 x 10 with tactile cues at the pelvis.\nA: [Assessment"), "{}", s.text);
    }
}
