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

    #[test]
    fn a_missing_subjective_section_is_flagged_and_the_fix_opens_it() {
        let t = "O: Tandem walk 4 x 20 ft, CGA.\nA: Dynamic balance improving.\nP: Add EC next visit.";
        let r = analyze(t, &Options::default());
        let f = r.findings.iter().find(|f| f.code == "soap_subjective_without_report").expect("flagged");
        assert!(f.suggestion.as_ref().unwrap().text.contains("S: Pt reports ["), "{:?}", f.suggestion);
    }
}
