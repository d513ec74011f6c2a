//! `soap_assessment_without_reasoning`: assessment without skilled reasoning.

use super::{finding, soap_gap, Raw};
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
    soap_gap(note, 2, &RULE, |s| !s.iter().any(|&i| { let l = note.sents[i].labels; l.has(Label::Why) || l.has(Label::Outcome) || l.has(Label::How) }), "The Assessment gives no skilled reasoning. Say how the patient responded, what still limits function, and why skilled care is still needed.", "Add your assessment", "[response to treatment]; [impairment] still limits [functional activity]; skilled [cueing / grading] still needed because [reason]", out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default())
            .findings
            .iter()
            .any(|f| f.code == "soap_assessment_without_reasoning")
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
