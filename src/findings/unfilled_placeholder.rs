//! `unfilled_placeholder`: a suggestion's placeholder left in the note.

use super::{finding, Raw};
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Flags each placeholder a suggestion inserted that is still in the note: a bracketed prompt
    /// such as `[measure: e.g. Berg __/56]` or `[units]`, or a `__` blank. The engine reads the
    /// note as if they were not there, so a placeholder never satisfies a check.
    ///
    /// ## Why it matters
    /// The note must record the care actually given and its measured response (MBPM 100-02 ch.15
    /// §220.3); a prompt left in the record documents nothing and reads as a template.
    ///
    /// ## Example
    /// ```text
    /// Tandem stance on foam 3 x 30 s. Berg [measure: e.g. Berg __/56].
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem stance on foam 3 x 30 s. Berg 44/56.
    /// ```
    pub RULE = {
        code: "unfilled_placeholder",
        title: "Unfilled placeholder",
        severity: Severity::Error,
        source: source::MBPM_220_3,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    for (start, end, text) in &note.placeholders {
        let mut message = String::with_capacity(text.len() + 80);
        message.push_str("Unfilled placeholder \u{201c}");
        message.push_str(text);
        message.push_str("\u{201d}: fill it in with what you observed, or remove it. It does not count as documentation.");
        out.push(Raw::new(&RULE, message, *start, *end).suggest("Remove the placeholder", *start, *end, ""));
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    #[test]
    fn a_placeholder_never_counts_and_is_pointed_at() {
        let filled = "Tandem stance on foam 3 x 30 s with tactile cues to improve balance reactions. Berg 44/56.";
        let r = analyze(filled, &Options::default());
        assert!(r.checklist.measure);
        let left = "Tandem stance on foam 3 x 30 s with tactile cues to improve balance reactions.\n[measure: e.g. Berg __/56, TUG __ s, SLS __ s, LOB count, assist level]";
        let r = analyze(left, &Options::default());
        assert!(!r.checklist.measure, "a placeholder satisfied the measure check");
        assert!(r.findings.iter().any(|f| f.code == "missing_measure"));
        let f = r.findings.iter().find(|f| f.code == "unfilled_placeholder").expect("the placeholder is flagged");
        assert_eq!(f.severity, crate::Severity::Error);
        let chars: Vec<char> = left.chars().collect();
        let quoted: String = chars[f.span.start as usize..f.span.end as usize].iter().collect();
        assert!(quoted.starts_with("[measure:") && quoted.ends_with(']'), "{quoted}");
        assert!(!r.annotations.iter().any(|a| a.span.start >= f.span.start && a.span.end <= f.span.end));
    }

    #[test]
    fn a_goal_placeholder_is_not_an_outcome() {
        let t = "Tandem stance on foam 3 x 30 s.\nGoal: [functional outcome, e.g. safe community ambulation / stairs / dressing in standing]";
        let r = analyze(t, &Options::default());
        assert!(!r.checklist.outcome);
        assert!(r.findings.iter().any(|f| f.code == "unfilled_placeholder"));
    }
}
