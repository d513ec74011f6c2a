//! `soap_subjective_without_report`: subjective without a patient report.

use super::{finding, soap_gap, Raw};
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A note with SOAP sections whose Subjective section is missing or empty: no report from the
    /// patient or family of symptoms, function or events since the last visit.
    ///
    /// ## Why it matters
    /// The patient's report frames why today's session was needed and whether treatment is working
    /// (falls, near-falls, symptoms, what they can now do); reviewers read the S section for it
    /// (MBPM 100-02 ch.15 §220.3).
    ///
    /// ## Example
    /// ```text
    /// S:
    /// O: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// A: Improving.
    /// P: Progress to EC next visit.
    /// ```
    /// Write instead:
    /// ```text
    /// S: Pt reports 1 near-fall stepping off a curb.
    /// O: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// A: Improving.
    /// P: Progress to EC next visit.
    /// ```
    pub RULE = {
        code: "soap_subjective_without_report",
        title: "Subjective without a patient report",
        severity: Severity::Warning,
        source: source::MBPM_220_3,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    soap_gap(note, 0, &RULE, |s| s.is_empty(), "The Subjective section has no patient report. Add what the patient or family reports: symptoms, falls or near-falls, function since the last visit.", "Add the patient's report", "Pt reports [symptoms / falls / function since last visit]", out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default())
            .findings
            .iter()
            .any(|f| f.code == "soap_subjective_without_report")
    }

    #[test]
    fn fires_on_the_gap_only_in_notes_with_sections() {
        assert!(fired("S:\nO: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.\nA: Improving.\nP: Progress to EC next visit."));
        assert!(!fired("S: Pt reports 1 near-fall stepping off a curb.\nO: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.\nA: Improving.\nP: Progress to EC next visit."));
        // Without SOAP headers there are no section findings.
        let flat = "S:\nO: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.\nA: Improving.\nP: Progress to EC next visit.".replace("S:", "").replace("O:", "").replace("A:", "").replace("P:", "");
        assert!(!fired(&flat));
    }
}
