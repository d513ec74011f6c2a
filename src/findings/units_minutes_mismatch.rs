//! `units_minutes_mismatch`: billed units disagree with billed minutes.

use super::{finding, Raw};
use crate::note::Note;
use crate::options::{Options, UnitRule};
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A note whose stated units disagree with its stated timed minutes under the 8-minute rule:
    /// total timed minutes 8-22 bill 1 unit, 23-37 bill 2, 38-52 bill 3, 53-67 bill 4, and so on;
    /// fewer than 8 bill none. Minutes of several timed codes add up ("97112 x 2 (22 min),
    /// 97116 x 2 (16 min)" is 38 minutes, 3 units). Silent when only one of the two is stated.
    /// With the per-payer "rule of 8s" option each code is checked on its own minutes.
    ///
    /// ## Why it matters
    /// "Timed units billed did not match the number of timed units documented" was the OIG's
    /// second most common therapy billing error; overbilled units are recouped (CMS 100-04 ch.5
    /// §20.2; OIG 2018).
    ///
    /// ## Example
    /// ```text
    /// Tandem stance 3 x 30 s. 97112 x 3 units (31 min).
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem stance 3 x 30 s. 97112 x 2 units (31 min).
    /// ```
    pub RULE = {
        code: "units_minutes_mismatch",
        title: "Units do not match minutes",
        severity: Severity::Error,
        source: source::EIGHT_MINUTE_RULE,
        check: check,
    }
}

fn check(note: &Note, options: &Options, out: &mut Vec<Raw>) {
    let c = note.billing_check(options.unit_rule);
    if let Some(msg) = c.mismatch.clone() {
        let start = note.billing.iter().map(|b| b.start).min().unwrap_or(0);
        let end = note.billing.iter().map(|b| b.end).max().unwrap_or(start);
        let mut raw = Raw::new(&RULE, msg, start, end);
        if options.unit_rule == UnitRule::RuleOfEights {
            raw.source = Some(&source::RULE_OF_EIGHTS);
        }
        out.push(raw);
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options, UnitRule};

    fn message(t: &str, rule: UnitRule) -> Option<String> {
        let o = Options { unit_rule: rule, ..Options::default() };
        analyze(t, &o).findings.into_iter().find(|f| f.code == "units_minutes_mismatch").map(|f| f.message.to_string())
    }

    #[test]
    fn flags_overbilled_units_with_the_arithmetic() {
        let m = message("Gaze stabilization VOR x1 4 x 1 min.\n97112 x 3 units (31 min).", UnitRule::Medicare).unwrap();
        assert!(m.contains("3 units billed") && m.contains("31 total timed minutes") && m.contains("support 2 units"), "{m}");
    }

    #[test]
    fn sums_codes_and_uses_stated_totals() {
        assert!(message("97112 x 2 (22 min), 97116 x 2 (16 min).", UnitRule::Medicare).is_some());
        assert!(message("97110 x1 (15 min), 97112 x2 (23 min); total timed 38 min.", UnitRule::Medicare).is_none());
        assert!(message("Total timed minutes: 38\nCPT 97112 x3", UnitRule::Medicare).is_none());
        assert!(message("Total timed minutes: 38\nCPT 97112 x4", UnitRule::Medicare).is_some());
    }

    #[test]
    fn silent_when_one_side_is_missing() {
        assert!(message("97112 x 2 units.", UnitRule::Medicare).is_none());
        assert!(message("NMR 38 min.", UnitRule::Medicare).is_none());
    }

    #[test]
    fn rule_of_eights_option() {
        let t = "97112 x 1 (10 min), 97110 x 1 (10 min).";
        assert!(message(t, UnitRule::Medicare).is_some());
        assert!(message(t, UnitRule::RuleOfEights).is_none());
    }
}
