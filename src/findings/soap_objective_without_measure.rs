//! `soap_objective_without_measure`: objective without a measured finding.

use super::{finding, soap, soap_insert_at, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A note with SOAP sections whose Objective section is missing or has no objective measure: no
    /// score, time, count, assist level or rating.
    ///
    /// ## Why it matters
    /// Improvement \"is evidenced by successive objective measurements whenever possible\"; the O
    /// section is where a reviewer looks for them (MBPM 100-02 ch.15 §220.1, §220.3).
    ///
    /// ## Example
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam to improve ankle proprioception, cued for posture.
    /// A: Improving.
    /// P: Progress to EC next visit.
    /// ```
    /// Write instead:
    /// ```text
    /// S: Pt reports no falls.
    /// O: Tandem stance on foam to improve ankle proprioception, cued for posture; held 12 s.
    /// A: Improving.
    /// P: Progress to EC next visit.
    /// ```
    pub RULE = {
        code: "soap_objective_without_measure",
        title: "Objective without a measured finding",
        severity: Severity::Warning,
        source: source::MBPM_220_3,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    let Some(soap) = soap(note) else { return };
    let s = &soap.parts[1];
    if !(!s.1.iter().any(|&i| note.sents[i].labels.has(Label::Measure))) {
        return;
    }
    let (start, end) = match (s.1.first(), s.1.last()) {
        (Some(&a), Some(&b)) => (note.sents[a].seg.start, note.sents[b].seg.end),
        _ => note.sents.iter().find(|x| x.seg.header && s.0 && soap_part(x.seg.section) == Some(1)).map_or((0, 0), |h| (h.seg.start, h.seg.end)),
    };
    let (at, lead) = soap_insert_at(note, &soap, 1);
    out.push(Raw::new(&RULE, "The Objective section records no measured finding. Add a score, time held, LOB count, assist level or symptom rating.", start, end).suggest("Add a measured finding", at, at, format!("{lead}[measure: e.g. SLS __ s, LOB count, assist level, Berg __/56]")));
}

fn soap_part(s: Option<crate::report::Section>) -> Option<usize> {
    use crate::report::Section::*;
    match s? {
        Subjective => Some(0),
        Objective => Some(1),
        Assessment | AssessmentPlan => Some(2),
        Plan => Some(3),
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "soap_objective_without_measure")
    }

    #[test]
    fn fires_on_the_gap_only_in_notes_with_sections() {
        assert!(fired("S: Pt reports no falls.\nO: Tandem stance on foam to improve ankle proprioception, cued for posture.\nA: Improving.\nP: Progress to EC next visit."));
        assert!(!fired("S: Pt reports no falls.\nO: Tandem stance on foam to improve ankle proprioception, cued for posture; held 12 s.\nA: Improving.\nP: Progress to EC next visit."));
        // Without SOAP headers there are no section findings.
        let flat = "S: Pt reports no falls.\nO: Tandem stance on foam to improve ankle proprioception, cued for posture.\nA: Improving.\nP: Progress to EC next visit.".replace("S:", "").replace("O:", "").replace("A:", "").replace("P:", "");
        assert!(!fired(&flat));
    }
}
