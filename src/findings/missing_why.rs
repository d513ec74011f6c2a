//! `missing_why`: no impairment named.

use super::{finding, missing, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags a note in which no sentence names the impairment the work targets (`why`): no deficit
    /// of balance, coordination, proprioception, posture or motor control.
    ///
    /// An error only where the engine is sure no sentence is plausibly an impairment (under 1 % above the base rate for
    /// the three likeliest); information where it is unsure (`certainty.rs`).
    ///
    /// ## Why it matters
    /// 97112 is reasonable and necessary "for impairments which affect the body's neuromuscular
    /// system"; documentation must show them (LCD 97112 definition; payer policy). Without a named
    /// impairment the note reads as exercise.
    ///
    /// ## Example
    /// ```text
    /// Tandem stance on foam 3 x 30 s with CGA.
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// ```
    pub RULE = {
        code: "missing_why",
        title: "No impairment named",
        severity: Severity::Error,
        source: source::LCD_97112,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    missing(note, Label::Why, &RULE, "No impairment is named anywhere in the note. Say which neuromuscular deficit the work targets.", "Add the impairment this targets", None, out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "missing_why")
    }

    #[test]
    fn fires_only_when_the_element_is_absent() {
        assert!(fired("Tandem stance on foam 3 x 30 s with CGA."));
        assert!(!fired("Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception."));
        assert!(!fired(""), "an empty field gets no findings");
    }

    #[test]
    fn never_claims_nothing_is_named_when_a_clause_names_it() {
        // The purpose belongs to the cue (no activity named), so no sentence carries `why`; the
        // finding must not say the note names no impairment.
        let r = analyze("Verbal cues to improve stance stability.", &Options::default());
        let f = r.findings.iter().find(|f| f.code == "missing_why").expect("the note still lacks a reason for an activity");
        assert!(!f.message.contains("No impairment is named anywhere"), "{}", f.message);
        assert!(f.message.contains("stance stability"), "{}", f.message);
    }
}
