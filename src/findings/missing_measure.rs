//! `missing_measure`: no objective measure.

use super::{finding, missing, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags a note with no objective measure (`measure`): no test score, timed or counted result,
    /// assist level, cue frequency, LOB count or symptom rating.
    ///
    /// A warning only where the engine is sure no sentence is plausibly a measure (under 1 % above the base rate for
    /// the three likeliest); information where it is unsure, and in a goal list (`certainty.rs`).
    ///
    /// ## Why it matters
    /// Improvement "is evidenced by successive objective measurements whenever possible" (MBPM
    /// 100-02 ch.15 §220.1); payer policy asks for objective ratings of balance and coordination.
    ///
    /// ## Example
    /// ```text
    /// Tandem stance on foam 3 x 30 s to improve ankle proprioception, cued for posture.
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem stance on foam 3 x 30 s to improve ankle proprioception, cued for posture; 2 LOB.
    /// ```
    pub RULE = {
        code: "missing_measure",
        title: "No objective measure",
        severity: Severity::Warning,
        source: source::MBPM_220_1,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    missing(note, Label::Measure, &RULE, "No objective measure is recorded. Add a score, time held, LOB count, assist level or symptom rating.", "Add a measure", Some(("end", "[measure: e.g. Berg __/56, TUG __ s, SLS __ s, LOB count, assist level]")), out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "missing_measure")
    }

    #[test]
    fn fires_only_when_the_element_is_absent() {
        assert!(fired("Tandem stance on foam 3 x 30 s to improve ankle proprioception, cued for posture."));
        assert!(!fired("Tandem stance on foam 3 x 30 s to improve ankle proprioception, cued for posture; 2 LOB."));
        assert!(!fired(""), "an empty field gets no findings");
    }
}
