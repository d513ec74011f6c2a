//! `missing_outcome`: no functional outcome.

use super::{finding, missing, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags a note that ties the work to no functional outcome (`outcome`): gait, transfers,
    /// stairs, ADLs, fall risk, work or sport.
    ///
    /// A warning only where the engine is sure no sentence is plausibly a functional outcome (under
    /// 1 % above the base rate for the three likeliest); information where it is unsure (`certainty.rs`).
    ///
    /// ## Why it matters
    /// Therapy goals are functional and measurable, and each session serves them (MBPM 100-02 ch.15
    /// §220.1.2). A note without a functional outcome leaves the reviewer to guess why balance
    /// matters for this patient.
    ///
    /// ## Example
    /// ```text
    /// Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception for safe community ambulation.
    /// ```
    pub RULE = {
        code: "missing_outcome",
        title: "No functional outcome",
        severity: Severity::Warning,
        source: source::MBPM_220_1_2,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    missing(note, Label::Outcome, &RULE, "The note names no functional outcome. Tie the work to what the patient needs to do (walk in the community, climb stairs, dress standing).", "Add the functional outcome", Some(("end", "Goal: [functional outcome, e.g. safe community ambulation / stairs / dressing in standing]")), out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "missing_outcome")
    }

    #[test]
    fn fires_only_when_the_element_is_absent() {
        assert!(fired("Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception."));
        assert!(!fired("Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception for safe community ambulation."));
        assert!(!fired(""), "an empty field gets no findings");
    }
}
