//! `missing_how`: no skilled input described.

use super::{finding, missing, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags a note in which no sentence shows the therapist's skill (`how`): no cueing,
    /// facilitation, guarding, grading, progression or monitoring.
    ///
    /// An error only where the engine is sure: no sentence is plausibly skilled input (the learned
    /// layer gives under 1 % above the base rate to any of the three likeliest) and the text describes a session. A
    /// goal list, or text that names no activity (an evaluation or history excerpt), need not
    /// describe skilled input: there, and where the engine is unsure, it is information
    /// (`certainty.rs`).
    ///
    /// ## Why it matters
    /// Care that "can be safely and effectively furnished by an unskilled person" is not covered;
    /// the record must show the clinician's unique contribution (MBPM 100-02 ch.15 §220.2, §220.3).
    ///
    /// ## Example
    /// ```text
    /// Tandem stance on foam 3 x 30 s to improve ankle proprioception.
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem stance on foam 3 x 30 s to improve ankle proprioception, with tactile cues at the ankles.
    /// ```
    pub RULE = {
        code: "missing_how",
        title: "No skilled input described",
        severity: Severity::Error,
        source: source::MBPM_220_2,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    missing(note, Label::How, &RULE, "Nothing in the note shows skilled input. Describe cue type and target, facilitation, guarding, or how you graded or progressed the task.", "Describe your skilled input", Some(("first_what", ", with [cue type: verbal / tactile / visual] cues to [correct what]")), out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "missing_how")
    }

    #[test]
    fn fires_only_when_the_element_is_absent() {
        assert!(fired("Tandem stance on foam 3 x 30 s to improve ankle proprioception."));
        assert!(!fired("Tandem stance on foam 3 x 30 s to improve ankle proprioception, with tactile cues at the ankles."));
        assert!(!fired(""), "an empty field gets no findings");
    }
}
