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

    #[test]
    fn activities_without_a_measured_result_are_flagged() {
        let t = "S: No falls.\nO: Tandem walk on foam, cued for posture.\nA: Dynamic balance improving.\nP: Add EC next visit.";
        assert!(analyze(t, &Options::default()).findings.iter().any(|f| f.code == "soap_objective_without_measure"));
        let t = t.replace("cued for posture", "cued for posture; 2 LOB");
        assert!(!analyze(&t, &Options::default()).findings.iter().any(|f| f.code == "soap_objective_without_measure"));
    }
}
