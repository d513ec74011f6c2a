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
    /// impairment, `missing_why` says so once instead.
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
    for i in what_without(note, Label::Why) {
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

    #[test]
    fn a_note_without_any_impairment_gets_one_note_level_finding() {
        let r = analyze("Step-ups to 6 in step 2 x 10 with VC.", &Options::default());
        assert!(!r.findings.iter().any(|f| f.code == "intervention_without_reason"));
        let f = r.findings.iter().find(|f| f.code == "missing_why").unwrap();
        assert!(f.suggestion.as_ref().unwrap().text.contains("[impairment"));
    }
}
