//! `missing_time`: no billed time.

use super::{finding, missing, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags a note that states neither minutes nor units for the timed code (`time`).
    ///
    /// ## Why it matters
    /// Each treatment note records the total timed-code treatment minutes, and billed units must
    /// agree with them under the 8-minute rule (MBPM 100-02 ch.15 §220.3 E; CMS 100-04 ch.5 §20.2).
    /// Some EHRs record minutes in a separate field: then this is only a reminder.
    ///
    /// ## Example
    /// ```text
    /// Tandem stance on foam 3 x 30 s.
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem stance on foam 3 x 30 s. 97112 x 1 unit (15 min).
    /// ```
    pub RULE = {
        code: "missing_time",
        title: "No billed time",
        severity: Severity::Warning,
        source: source::MBPM_220_3_E,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    missing(note, Label::Time, &RULE, "No minutes or units are stated for 97112. Record the timed minutes and the units billed.", "Add minutes and units", Some(("end", "97112 x [units] units ([minutes] min)")), out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "missing_time")
    }

    #[test]
    fn fires_only_when_the_element_is_absent() {
        assert!(fired("Tandem stance on foam 3 x 30 s."));
        assert!(!fired("Tandem stance on foam 3 x 30 s. 97112 x 1 unit (15 min)."));
        assert!(!fired(""), "an empty field gets no findings");
    }
}
