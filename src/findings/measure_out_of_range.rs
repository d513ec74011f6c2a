//! `measure_out_of_range`: a standardized measure outside its valid range.

use super::{finding, Raw};
use crate::measures::{out_of_range, Unit};
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A recognised measure whose value cannot be right: outside the test's range (Berg 0-56, FGA
    /// 0-30, DGI 0-24, ABC 0-100 %, Mini-BESTest 0-28), above the denominator written with it
    /// ("FGA 34/30"), or a negative time ("TUG -3 s"). Probably a typo.
    ///
    /// ## Why it matters
    /// Objective measures carry the medical-necessity argument (MBPM 100-02 ch.15 §220.1); an
    /// impossible score undermines the whole record in review.
    ///
    /// ## Example
    /// ```text
    /// Berg 60/56.
    /// ```
    /// Write instead:
    /// ```text
    /// Berg 50/56.
    /// ```
    pub RULE = {
        code: "measure_out_of_range",
        title: "Measure outside its valid range",
        severity: Severity::Warning,
        source: source::MEASURE_RANGES,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    for v in &note.measures {
        let m = v.measure;
        if !out_of_range(m, v.value, v.denominator) {
            continue;
        }
        let unit = match m.unit {
            Unit::Percent => " %",
            Unit::Seconds => " s",
            Unit::MetersPerSecond => " m/s",
            _ => "",
        };
        let msg = format!(
            "{} {}{unit} is outside the valid range {}-{}{unit}{}. Check the value for a typo.",
            m.name,
            fmt(v.value),
            fmt(m.min),
            fmt(m.max),
            v.denominator.map(|d| format!(" (written out of {})", fmt(d))).unwrap_or_default()
        );
        out.push(Raw::new(&RULE, msg, v.start, v.end));
    }
}

fn fmt(x: f64) -> String {
    if x.fract() == 0.0 { format!("{}", x as i64) } else { crate::tokens::show_number(x) }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "measure_out_of_range")
    }

    #[test]
    fn typos_are_flagged() {
        assert!(fired("A: Berg 60/56 today, up from 41/56."));
        assert!(fired("TUG -3 s with RW."));
        assert!(fired("FGA 34/30."));
        assert!(fired("ABC 130%."));
    }

    #[test]
    fn valid_values_are_not() {
        assert!(!fired("Berg 44/56; TUG 13.2 s; FGA 22/30; ABC 67%; 10MWT 0.42 m/s."));
        assert!(!fired("Sit to stand 2-3 s holds."));
    }
}
