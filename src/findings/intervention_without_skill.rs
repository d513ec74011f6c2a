//! `intervention_without_skill`: an activity with no skilled input described near it.

use super::{clause_end, finding, what_without, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A sentence that names an activity (`what`) when neither it nor the next sentence of the
    /// same paragraph shows the therapist's skill (`how`): cueing, facilitation, guarding,
    /// grading, progressing, or the patient's need for them. When the whole note shows no skill,
    /// `missing_how` says so once instead. An activity of another billed code is left to it.
    ///
    /// ## Why it matters
    /// Care that an unskilled person could give is not covered. Skill is documented by
    /// "descriptions of their skilled treatment" and "changes made to the treatment due to a
    /// clinician's assessment" (MBPM 100-02 ch.15 §220.2, §220.3).
    ///
    /// ## Example
    /// ```text
    /// Tandem walking 4 x 20 ft to improve dynamic balance.
    /// Step-ups to a 6 in step 2 x 10, tactile cues at the knee.
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem walking 4 x 20 ft to improve dynamic balance, with tactile cues at the pelvis.
    /// Step-ups to a 6 in step 2 x 10, tactile cues at the knee.
    /// ```
    pub RULE = {
        code: "intervention_without_skill",
        title: "Intervention without skilled input",
        severity: Severity::Warning,
        source: source::MBPM_220_3,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    let codes = crate::codes::billed(note);
    for i in what_without(note, Label::How) {
        // An activity of another billed code is that code's (crate::codes), not a 97112 question.
        if crate::codes::billed_elsewhere_in(note, &codes, i).is_some() {
            continue;
        }
        let s = &note.sents[i].seg;
        let at = clause_end(note, i);
        out.push(
            Raw::new(
                &RULE,
                "No skilled input is described for this activity. Say what you did that needed a therapist: cue type and target, facilitation, guarding, or how you graded or progressed it.",
                s.start,
                s.end,
            )
            .suggest(
                "Describe your skilled input",
                at,
                at,
                ", with [cue type: verbal / tactile / visual] cues to [correct what]; progressed to [harder condition] once [criterion]",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "intervention_without_skill")
    }

    #[test]
    fn bare_activity_list_is_flagged() {
        assert!(fired("Pt perfomed balance exs in // bars: standing marches, side stepping 2 laps, heel raises.\nMin A for sit to stand."));
    }

    /// Issue 22: in a note billing 97112 and 97535, the 97535 part is not asked for a 97112 skill
    /// (nor for a 97112 reason); a note billing only 97112 still is.
    #[test]
    fn another_billed_codes_activity_is_left_to_it() {
        let codes = |t: &str| -> Vec<&str> {
            let r = analyze(t, &Options::default());
            r.findings.iter().map(|f| f.code).filter(|c| c.starts_with("intervention_without")).collect()
        };
        let note = |billing: &str| {
            format!("A: Impaired standing balance.\nSLS on foam 3 x 20 s with CGA and tactile cues at the pelvis to improve standing balance.\nEducated pt and dtr re: home safety and clearing pathways.\n{billing}")
        };
        assert_eq!(codes(&note("97112 x 2 units (25 min), 97535 x 1 unit (10 min).")), Vec::<&str>::new());
        let only = codes(&note("97112 x 3 units (40 min)."));
        assert!(!only.is_empty(), "a note billing only 97112 keeps today's behaviour: {only:?}");
        // The same for exercise billed as 97110, but a balance activity stays 97112's.
        let ex = "A: Impaired standing balance.\nBridges and clamshells 3 x 12.\nTandem walk 4 x 20 ft.\n97112 x 1 (15 min), 97110 x 1 (15 min).";
        let r = analyze(ex, &Options::default());
        let flagged: Vec<String> = r.findings.iter().filter(|f| f.code.starts_with("intervention_without")).map(|f| f.message.to_string()).collect();
        let spans: Vec<u32> = r.findings.iter().filter(|f| f.code.starts_with("intervention_without")).map(|f| f.span.start).collect();
        let tandem = ex.find("Tandem").unwrap() as u32;
        assert!(!flagged.is_empty() && spans.iter().all(|&s| s == tandem), "{flagged:?} {spans:?}");
    }

    #[test]
    fn cues_assist_or_progression_clear_it() {
        assert!(!fired("Tandem walk 4 x 20 ft, min A."));
        assert!(!fired("Standing on foam EC 3 x 30 s. Therapist provided tactile cues at the ankles."));
        assert!(!fired("Progressed to step-ups onto a 6 in step, 2 x 8, once knee control was consistent."));
    }

    #[test]
    fn suggestion_keeps_placeholders() {
        let r = analyze("Side stepping 4 laps in // bars.\nCGA for turns.", &Options::default());
        let s = r.findings.iter().find(|f| f.code == "intervention_without_skill").unwrap().suggestion.clone().unwrap();
        assert!(s.text.contains("[cue type") && s.text.contains("[criterion]"));
    }
}
