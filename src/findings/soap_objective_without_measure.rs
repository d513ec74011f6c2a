//! `soap_objective_without_measure`: objective without a measured finding.

use super::{finding, soap_gap, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A note with SOAP sections whose Objective section is missing or has no objective measure: no
    /// score, time, count, assist level or rating.
    ///
    /// ## Why it matters
    /// Improvement \"is evidenced by successive objective measurements whenever possible\"; the O
    /// section is where a reviewer looks for them (MBPM 100-02 ch.15 §220.1, §220.3).
    ///
    /// ## Example
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam to improve ankle proprioception, cued for posture.
    /// A: Improving.
    /// P: Progress to EC next visit.
    /// ```
    /// Write instead:
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam to improve ankle proprioception, cued for posture; held 12 s.
    /// A: Improving.
    /// P: Progress to EC next visit.
    /// ```
    pub RULE = {
        code: "soap_objective_without_measure",
        title: "Objective without a measured finding",
        severity: Severity::Warning,
        source: source::MBPM_220_3,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    soap_gap(note, 1, &RULE, |s| !s.iter().any(|&i| note.sents[i].labels.has(Label::Measure)), "The Objective section records no measured finding. Add a score, time held, LOB count, assist level or symptom rating.", "Add a measured finding", "[measure: e.g. SLS __ s, LOB count, assist level, Berg __/56]", out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default())
            .findings
            .iter()
            .any(|f| f.code == "soap_objective_without_measure")
    }

    #[test]
    fn fires_on_the_gap_only_in_notes_with_sections() {
        assert!(fired("S: Pt reports no falls.\nO: Tandem stance on foam to improve ankle proprioception, cued for posture.\nA: Improving.\nP: Progress to EC next visit."));
        assert!(!fired("S: Pt reports no falls.\nO: Tandem stance on foam to improve ankle proprioception, cued for posture; held 12 s.\nA: Improving.\nP: Progress to EC next visit."));
        // Without SOAP headers there are no section findings.
        let flat = "S: Pt reports no falls.\nO: Tandem stance on foam to improve ankle proprioception, cued for posture.\nA: Improving.\nP: Progress to EC next visit.".replace("S:", "").replace("O:", "").replace("A:", "").replace("P:", "");
        assert!(!fired(&flat));
    }
}
