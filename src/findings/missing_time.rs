//! `missing_time`: no billed time.

use super::{finding, missing, Raw};
use crate::billing;
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags a note that states neither minutes nor units for the timed code (`time`), and a note
    /// that bills units of a timed code with no minutes anywhere (no per-code minutes, timed total
    /// or session length): "97112 x 4 units." alone.
    ///
    /// Information, not a warning, for a goal list and for text that names no activity (an
    /// evaluation or history excerpt): they are not expected to state time billed (`certainty.rs`).
    ///
    /// ## Why it matters
    /// Each treatment note records the total timed-code treatment minutes, and billed units must
    /// agree with them under the 8-minute rule (MBPM 100-02 ch.15 §220.3 E; CMS 100-04 ch.5 §20.2).
    /// Units alone cannot be checked: the 8-minute rule turns the day's timed minutes into units
    /// (8-22 minutes bill 1 unit, 23-37 bill 2, ...), so the minutes must be written for every
    /// timed code. Some EHRs record minutes in a separate field: then this is only a reminder.
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

fn check(note: &Note, options: &Options, out: &mut Vec<Raw>) {
    missing(note, Label::Time, &RULE, "No minutes or units are stated for 97112. Record the timed minutes and the units billed.", "Add minutes and units", Some(("end", "97112 x [units] units ([minutes] min)")), out);
    // Units of a timed code and no minutes at all: the units cannot be checked.
    let c = note.billing_check(options.unit_rule);
    if c.minutes.is_none() && c.units.is_some_and(|u| u > 0) {
        let Some(b) = note.billing.iter().find(|b| !b.total && b.units.is_some_and(|u| u > 0) && b.code.as_deref().is_some_and(billing::is_timed)) else { return };
        let code = b.code.as_deref().unwrap_or("97112");
        out.push(
            Raw::new(
                &RULE,
                format!("Units are billed for {code} but no minutes are recorded. Timed codes need the treatment minutes: the 8-minute rule turns minutes into units (8-22 min bill 1 unit, 23-37 bill 2), so units alone cannot be checked."),
                b.start,
                b.end,
            )
            .suggest("Add the minutes", b.end, b.end, " ([minutes] min)"),
        );
    }
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

    #[test]
    fn units_without_minutes_are_flagged() {
        // Issue 22: "97112 x 4 units." passed the time check while the rule asks for minutes.
        let r = analyze("Tandem stance on foam 3 x 30 s. 97112 x 4 units.", &Options::default());
        let f = r.findings.iter().find(|f| f.code == "missing_time").expect("units without minutes");
        assert!(f.message.starts_with("Units are billed for 97112 but no minutes are recorded."), "{}", f.message);
        let s = f.suggestion.as_ref().unwrap();
        assert_eq!((s.text.as_ref(), s.span.start), (" ([minutes] min)", f.span.end));
        for minutes in ["97112 x 4 units (53 min).", "97112 x 4 units. Total timed minutes: 55.", "97112 x 2 units. 30 minute session."] {
            assert!(!fired(&format!("Tandem stance on foam 3 x 30 s. {minutes}")), "{minutes}");
        }
        assert!(!fired("Tandem stance on foam 3 x 30 s. 97112 x 0 units."), "no unit billed");
    }
}
