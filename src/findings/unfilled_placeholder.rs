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
        let (from, to) = removal(note.text.as_bytes(), *start, *end);
        out.push(Raw::new(&RULE, message, *start, *end).suggest("Remove the placeholder", from, to, ""));
    }
}

/// What "Remove the placeholder" deletes: the placeholder and one space beside it, so that no
/// double space or space before punctuation is left ("x [units] units" -> "x units", "Berg
/// [measure]." -> "Berg.", "([minutes] min)" -> "(min)"). A double space would also be written
/// back as a no-break space by rich editors, which is not the text the suggestion promised.
fn removal(text: &[u8], start: usize, end: usize) -> (usize, usize) {
    let before = start.checked_sub(1).map(|i| text[i]);
    let after = text.get(end).copied();
    let space = |c: Option<u8>| matches!(c, Some(b' ' | b'\t'));
    if space(before) && (space(after) || matches!(after, None | Some(b'\n' | b'\r' | b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']'))) {
        (start - 1, end)
    } else if space(after) && matches!(before, None | Some(b'\n' | b'(' | b'[')) {
        (start, end + 1)
    } else {
        (start, end)
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
    fn a_removal_leaves_no_double_space() {
        let removed = |t: &str| {
            let r = analyze(t, &Options::default());
            let mut out = t.to_string();
            let mut s: Vec<_> = r.findings.iter().filter(|f| f.code == "unfilled_placeholder").filter_map(|f| f.suggestion.clone()).collect();
            assert_eq!(s.len(), 1, "{t}");
            let s = s.remove(0);
            assert_eq!(s.text, "");
            let chars: Vec<char> = t.chars().collect();
            let (a, b) = (s.span.start as usize, s.span.end as usize);
            out.replace_range(chars[..a].iter().collect::<String>().len()..chars[..b].iter().collect::<String>().len(), "");
            out
        };
        assert_eq!(removed("Gait 97112 x [units] units."), "Gait 97112 x units.");
        assert_eq!(removed("Tandem stance. Berg [measure: e.g. Berg __/56]."), "Tandem stance. Berg.");
        assert_eq!(removed("Gait 97112 x 2 units ([minutes] min)."), "Gait 97112 x 2 units (min).");
        assert_eq!(removed("Tandem stance.\n[measure: e.g. Berg __/56]"), "Tandem stance.\n");
        assert_eq!(removed("Tandem stance.\n[units] units"), "Tandem stance.\nunits");
        assert_eq!(removed("Berg __/56 today."), "Berg /56 today.");
    }

    #[test]
    fn a_goal_placeholder_is_not_an_outcome() {
        let t = "Tandem stance on foam 3 x 30 s.\nGoal: [functional outcome, e.g. safe community ambulation / stairs / dressing in standing]";
        let r = analyze(t, &Options::default());
        assert!(!r.checklist.outcome);
        assert!(r.findings.iter().any(|f| f.code == "unfilled_placeholder"));
    }
}
