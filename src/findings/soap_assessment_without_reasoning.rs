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

    #[test]
    fn an_assessment_that_only_says_progressing_is_flagged() {
        let t = "S: No falls.\nO: Tandem walk 4 x 20 ft, CGA, 2 LOB.\nA: Pt progressing slowly.\nP: Add EC next visit.";
        let r = analyze(t, &Options::default());
        let f = r.findings.iter().find(|f| f.code == "soap_assessment_without_reasoning").expect("flagged");
        // It points at the assessment sentence.
        let chars: Vec<char> = t.chars().collect();
        let at: String = chars[f.span.start as usize..f.span.end as usize].iter().collect();
        assert_eq!(at, "Pt progressing slowly.");
    }
}
