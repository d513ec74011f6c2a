//! `soap_assessment_without_reasoning`: assessment without skilled reasoning.

use super::{finding, soap, soap_insert_at, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A note with SOAP sections whose Assessment is missing or says nothing a reviewer can read as
    /// clinical reasoning: no impairment, no response or progress toward a functional goal, no
    /// reason skilled care is still needed (\"Improving.\", \"Pt progressing slowly.\").
    ///
    /// ## Why it matters
    /// Skill is documented by the clinician's assessment of the patient's needs and progress (MBPM
    /// 100-02 ch.15 §220.3); the A section is where that reasoning belongs.
    ///
    /// ## Example
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// A: Improving.
    /// P: Progress to EC next visit.
    /// ```
    /// Write instead:
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// A: Ankle proprioception improving; still limits safe community ambulation.
    /// P: Progress to EC next visit.
    /// ```
    pub RULE = {
        code: "soap_assessment_without_reasoning",
        title: "Assessment without skilled reasoning",
        severity: Severity::Warning,
        source: source::MBPM_220_3,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    let Some(soap) = soap(note) else { return };
    let s = &soap.parts[2];
    if !(!s.1.iter().any(|&i| { let l = note.sents[i].labels; l.has(Label::Why) || l.has(Label::Outcome) || l.has(Label::How) })) {
        return;
    }
    let (start, end) = match (s.1.first(), s.1.last()) {
        (Some(&a), Some(&b)) => (note.sents[a].seg.start, note.sents[b].seg.end),
        _ => note.sents.iter().find(|x| x.seg.header && s.0 && soap_part(x.seg.section) == Some(2)).map_or((0, 0), |h| (h.seg.start, h.seg.end)),
    };
    let (at, lead) = soap_insert_at(note, &soap, 2);
    out.push(Raw::new(&RULE, "The Assessment gives no skilled reasoning. Say how the patient responded, what still limits function, and why skilled care is still needed.", start, end).suggest("Add your assessment", at, at, format!("{lead}[response to treatment]; [impairment] still limits [functional activity]; skilled [cueing / grading] still needed because [reason]")));
}

fn soap_part(s: Option<crate::report::Section>) -> Option<usize> {
    use crate::report::Section::*;
    match s? {
        Subjective => Some(0),
        Objective => Some(1),
        Assessment | AssessmentPlan => Some(2),
        Plan => Some(3),
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "soap_assessment_without_reasoning")
    }

    #[test]
    fn fires_on_the_gap_only_in_notes_with_sections() {
        assert!(fired("S: Pt reports no falls.\nO: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.\nA: Improving.\nP: Progress to EC next visit."));
        assert!(!fired("S: Pt reports no falls.\nO: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.\nA: Ankle proprioception improving; still limits safe community ambulation.\nP: Progress to EC next visit."));
        // Without SOAP headers there are no section findings.
        let flat = "S: Pt reports no falls.\nO: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.\nA: Improving.\nP: Progress to EC next visit.".replace("S:", "").replace("O:", "").replace("A:", "").replace("P:", "");
        assert!(!fired(&flat));
    }
}
