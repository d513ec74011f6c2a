//! `soap_plan_without_decision`: plan without a next-visit decision.

use super::{finding, soap_gap, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A note with SOAP sections whose Plan is missing or states no decision for the next visit
    /// (what to progress, add or change). A plan that only says \"continue per POC\" is already
    /// flagged as `unskilled_wording`, so it is not flagged twice.
    ///
    /// ## Why it matters
    /// Progressing a task \"toward the next more complex or difficult task\" is how skill shows
    /// over visits (MBPM 100-02 ch.15 §220.3); the plan records the decision.
    ///
    /// ## Example
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// A: Ankle proprioception improving.
    /// P: See pt Thursday.
    /// ```
    /// Write instead:
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam 3 x 30 s with CGA to improve ankle proprioception.
    /// A: Ankle proprioception improving.
    /// P: Progress to tandem on foam with EC next visit.
    /// ```
    pub RULE = {
        code: "soap_plan_without_decision",
        title: "Plan without a next-visit decision",
        severity: Severity::Warning,
        source: source::MBPM_220_3,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    soap_gap(
        note,
        3,
        &RULE,
        |s| {
            !s.iter().any(|&i| {
                let l = note.sents[i].labels;
                l.has(Label::How) || l.has(Label::What) || l.has(Label::Unskilled)
            })
        },
        "The Plan names no decision for the next visit. Say what you will progress, add or change, and when.",
        "Add the next-visit decision",
        "Next visit: progress to [harder condition] when [criterion]",
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    #[test]
    fn continue_poc_alone_is_left_to_unskilled_wording() {
        let r = analyze("S: No falls.\nO: Tandem walk 4 x 20 ft, CGA.\nA: Dynamic balance improving.\nP: Continue per POC.", &Options::default());
        let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
        assert!(codes.contains(&"unskilled_wording") && !codes.contains(&"soap_plan_without_decision"), "{codes:?}");
    }
}
