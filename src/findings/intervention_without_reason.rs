//! `intervention_without_reason`: an activity with no impairment named near it.

use super::{clause_end, finding, what_without, Raw};
use crate::label::Label;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;
use crate::suggest;

finding! {
    /// ## What it flags
    /// A sentence that names an activity (`what`) when neither it nor the next sentence of the
    /// same paragraph names the impairment it targets (`why`). When the whole note names no
    /// impairment, `missing_why` says so once instead. "To prevent hyperext" is a reason; an
    /// activity of another billed code (home safety under 97535) is left to that code.
    ///
    /// ## Why it matters
    /// 97112 is paid for treating neuromuscular impairments (balance, coordination, kinesthetic
    /// sense, posture, proprioception). An activity without its reason cannot be compared with the
    /// code's definition, and reviewers read it as exercise anyone could supervise
    /// (LCD 97112 definition; MBPM 100-02 ch.15 §220.3).
    ///
    /// ## Example
    /// ```text
    /// A: Impaired R ankle proprioception.
    /// O: Tandem stance on foam 3 x 30 s with CGA.
    /// ```
    /// Write instead:
    /// ```text
    /// A: Impaired R ankle proprioception.
    /// O: Tandem stance on foam 3 x 30 s with CGA, to improve R ankle proprioception.
    /// ```
    pub RULE = {
        code: "intervention_without_reason",
        title: "Intervention without a reason",
        severity: Severity::Warning,
        source: source::LCD_97112,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    // The clause reuses the note's first impairment: built once per note, not once per finding.
    let mut clause: Option<String> = None;
    let codes = crate::codes::billed(note);
    for i in what_without(note, Label::Why) {
        // What the work prevents is its reason; an activity of another billed code is that
        // code's (crate::codes), not a 97112 question.
        if prevents_something(note, i) || crate::codes::billed_elsewhere_in(note, &codes, i).is_some() {
            continue;
        }
        let s = &note.sents[i].seg;
        let at = clause_end(note, i);
        out.push(
            Raw::new(
                &RULE,
                "This activity has no impairment named with it. Say which deficit it targets (balance reactions, proprioception, trunk control ...).",
                s.start,
                s.end,
            )
            .suggest("Add the impairment this targets", at, at, clause.get_or_insert_with(|| suggest::reason_clause(note)).clone()),
        );
    }
}

/// Whether sentence `i` says what the work prevents: "to prevent" or "to avoid" followed by a
/// word (an impairment or a complication, often abbreviated: "to prevent hyperext", "to avoid
/// LOB"). The engine labels such a clause after a cue as part of `how` (what the cue is for), yet
/// it is the activity's reason too. A placeholder ("to prevent [x]") is not a reason.
fn prevents_something(note: &Note, i: usize) -> bool {
    use crate::tokens::Tok;
    let toks = &note.tokens[note.sents[i].toks.clone()];
    toks.windows(3).any(|w| {
        w[0].is_word(note.text, &["to"])
            && w[1].is_word(note.text, &["prevent", "avoid"])
            && matches!(w[2].tok, Tok::Word)
            && note.text[w[1].end..w[2].start].trim().is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn codes(t: &str) -> Vec<&'static str> {
        analyze(t, &Options::default()).findings.iter().map(|f| f.code).filter(|c| *c == "intervention_without_reason").collect()
    }

    #[test]
    fn flags_a_bare_activity_and_reuses_the_notes_words() {
        let t = "A: Impaired R ankle proprioception.\nO: SLS on R on airex 4 x 20 s, CGA.";
        let r = analyze(t, &Options::default());
        let f = r.findings.iter().find(|f| f.code == "intervention_without_reason").expect("finding");
        let s = f.suggestion.as_ref().unwrap();
        assert!(s.text.contains("R ankle proprioception"), "{}", s.text);
        // Inserted before the period of the SLS sentence.
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(chars[s.span.start as usize], '.');
    }

    #[test]
    fn next_sentence_of_the_paragraph_counts() {
        assert!(codes("Tandem walk 4 x 20 ft with min A. This targets impaired dynamic balance.").is_empty());
        // ... but not across a paragraph break.
        assert_eq!(codes("Tandem walk 4 x 20 ft with min A.\nThis targets impaired dynamic balance.").len(), 1);
    }

    /// Issue 22: "to prevent <impairment/complication>" is the activity's reason, abbreviated or not.
    #[test]
    fn what_the_work_prevents_is_its_reason() {
        let note = |s: &str| format!("A: R hemiparesis with impaired standing balance.\n{s}\n97112 x 2 units (25 min).");
        for s in [
            "Facilitated wt shift onto R LE in stdg at counter w/ tactile cueing at R knee to prevent hyperext, 3x10.",
            "Facilitated weight shift onto R LE in standing at counter with tactile cueing at R knee to prevent knee hyperextension, 3x10.",
            "Step-ups to 6 in step 2 x 10 with tactile cues at R knee to avoid LOB.",
        ] {
            assert!(codes(&note(s)).is_empty(), "{s}");
        }
        // A placeholder is no reason, and an activity without one is still flagged.
        assert_eq!(codes(&note("Step-ups to 6 in step 2 x 10 with tactile cues at R knee to prevent [x].")).len(), 1);
        assert_eq!(codes(&note("Step-ups to 6 in step 2 x 10 with tactile cues at R knee.")).len(), 1);
    }

    /// Issue 22: the suggested reason is an impairment that can improve, as therapists write it:
    /// never a diagnosis or a deficit noun after "improve".
    #[test]
    fn the_suggested_reason_can_improve() {
        let fix = |t: &str| {
            let r = analyze(t, &Options::default());
            let f = r.findings.iter().find(|f| f.code == "intervention_without_reason").expect(t).clone();
            f.suggestion.unwrap().text.to_string()
        };
        let act = "\nStep-ups to 6 in step 2 x 10 with tactile cues at R knee.\n97112 x 2 units (25 min).";
        for (dx, want) in [
            ("A: R hemiparesis with impaired standing balance.", ", to improve standing balance"),
            ("A: Pt with R hemiparesis. Imbalance in stance noted.", ", to improve balance"),
            ("A: Imbalance with R hemiparesis.", ", to improve balance"),
            ("A: R LE weakness and poor postural control.", ", to improve postural control"),
            ("A: Balance deficits.", ", to improve balance ["),
        ] {
            let t = fix(&format!("{dx}{act}"));
            assert!(t.starts_with(want), "{dx}: {t}");
            for bad in ["hemiparesis", "imbalance", "deficit", "weakness"] {
                assert!(!t.to_lowercase().contains(bad), "{dx}: {t}");
            }
        }
    }

    #[test]
    fn a_note_without_any_impairment_gets_one_note_level_finding() {
        let r = analyze("Step-ups to 6 in step 2 x 10 with VC.", &Options::default());
        assert!(!r.findings.iter().any(|f| f.code == "intervention_without_reason"));
        let f = r.findings.iter().find(|f| f.code == "missing_why").unwrap();
        assert!(f.suggestion.as_ref().unwrap().text.contains("[impairment"));
    }
}
