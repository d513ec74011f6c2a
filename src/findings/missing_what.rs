//! `missing_what`: no intervention named.

use super::{finding, missing, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags a note that names no intervention or activity delivered this session (`what`).
    ///
    /// An error only where the engine is sure no sentence is plausibly an activity delivered (under
    /// 1 % above the base rate for the three likeliest); information where it is unsure, and in a goal list
    /// (`certainty.rs`).
    ///
    /// ## Why it matters
    /// Each timed service must be described "in language that can be compared with the CPT codes to
    /// verify correct coding". A note that names no activity cannot support a 97112 claim at all
    /// (MBPM 100-02 ch.15 §220.3 E).
    ///
    /// ## Example
    /// ```text
    /// Pt seen today. Tolerated well. 97112 x 2 units (30 min).
    /// ```
    /// Write instead:
    /// ```text
    /// Pt seen today. Tandem stance on foam 3 x 30 s. 97112 x 2 units (30 min).
    /// ```
    pub RULE = {
        code: "missing_what",
        title: "No intervention named",
        severity: Severity::Error,
        source: source::MBPM_220_3_E,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    missing(note, Label::What, &RULE, "No activity is named. Name what you did and its dose (\"tandem stance on foam 3 x 30 s\").", "Name the activity and its dose", Some(("end", "[activity] [dose: sets x reps / time], to improve [impairment]")), out);
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "missing_what")
    }

    #[test]
    fn fires_only_when_the_element_is_absent() {
        assert!(fired("Pt seen today. Tolerated well. 97112 x 2 units (30 min)."));
        assert!(!fired("Pt seen today. Tandem stance on foam 3 x 30 s. 97112 x 2 units (30 min)."));
        assert!(!fired(""), "an empty field gets no findings");
    }
}
