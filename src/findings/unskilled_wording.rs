//! `unskilled_wording`: each red-flag phrase (see `crate::redflags` for the table).

use super::{finding, Raw};
use crate::note::Note;
use crate::options::Options;
use crate::redflags::RED_FLAGS;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// Each phrase a reviewer reads as unskilled, repetitive or unjustified care: "tolerated
    /// well", "as tolerated", "pt performed exercises", "pt did well", "same as previous visit",
    /// "continues to benefit from skilled therapy", and "continue per POC" when the plan says
    /// nothing else. The sentence keeps its other labels.
    ///
    /// ## Why it matters
    /// A service is not skilled "merely because it is furnished by a therapist"; notes that read
    /// as activity lists with "tolerated well" are a classic denial (MBPM 100-02 ch.15 §220.2;
    /// CMS/NGS guidance on cloned documentation).
    ///
    /// ## Example
    /// ```text
    /// Tandem walk 4 x 20 ft with min A to improve dynamic balance. Pt tolerated well.
    /// ```
    /// Write instead:
    /// ```text
    /// Tandem walk 4 x 20 ft with min A to improve dynamic balance; 2 LOB on the last lap.
    /// ```
    pub RULE = {
        code: "unskilled_wording",
        title: "Unskilled wording",
        severity: Severity::Warning,
        source: source::MBPM_220_2,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    // A phrase repeated down the note ("Cont POC." on every line) shares one message.
    let mut said: std::collections::HashMap<(usize, &str), std::sync::Arc<str>> = std::collections::HashMap::new();
    let mut last: Option<((usize, &str), std::sync::Arc<str>)> = None;
    for (_, f) in &note.red_flags {
        let row = &RED_FLAGS[f.row];
        let phrase = &note.text[f.start..f.end];
        let m = match &last {
            Some((k, m)) if *k == (f.row, phrase) => m.clone(),
            _ => said.entry((f.row, phrase)).or_insert_with(|| message(phrase, row.message).into()).clone(),
        };
        last = Some(((f.row, phrase), m.clone()));
        out.push(
            Raw::new(&RULE, m, f.start, f.end).suggest(fix_title(row.instead), f.start, f.end, row.instead),
        );
    }
}

/// The fix's button title: what the replacement proposes. A plan line ("Next visit: progress to
/// ..." for "Continue POC", "continue [activity] with [skill] ...") is not an observation, nor is
/// the skill a boilerplate of necessity should show.
fn fix_title(instead: &str) -> &'static str {
    if instead.starts_with("Next visit:") || instead.starts_with("continue ") {
        "Replace with the plan for the next visit"
    } else if instead.starts_with("needs skilled ") || instead.starts_with("requires skilled ") || instead.starts_with("therapist [") {
        "Replace with the skill it needs and why"
    } else {
        "Replace with what you observed"
    }
}

/// "Unskilled wording “phrase”. Why." built without the formatting machinery: a plan of
/// thousands of "Cont POC." lines builds one per line.
fn message(phrase: &str, why: &str) -> String {
    let mut m = String::with_capacity(phrase.len() + why.len() + 24);
    m.push_str("Unskilled wording \u{201c}");
    m.push_str(phrase);
    m.push_str("\u{201d}. ");
    m.push_str(why);
    m
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn phrases(t: &str) -> Vec<String> {
        let r = analyze(t, &Options::default());
        let chars: Vec<char> = t.chars().collect();
        r.findings
            .iter()
            .filter(|f| f.code == "unskilled_wording")
            .map(|f| chars[f.span.start as usize..f.span.end as usize].iter().collect())
            .collect()
    }

    #[test]
    fn marks_each_phrase_and_replaces_it_with_placeholders() {
        let t = "85 y/o F w/ hx of falls. Pt perfomed balance exs in // bars. Tolerated well. Cont POC.";
        assert_eq!(phrases(t), ["perfomed balance exs", "Tolerated well", "Cont POC"]);
        let r = analyze(t, &Options::default());
        let s = r.findings.iter().find(|f| f.code == "unskilled_wording").unwrap().suggestion.clone().unwrap();
        assert!(s.text.contains('[') && s.span.start < s.span.end);
    }

    /// Issue 22: the fix for a bare "Continue POC" proposes a plan line and is titled so.
    #[test]
    fn the_fix_title_says_what_the_replacement_is() {
        let title = |t: &str| {
            let r = analyze(t, &Options::default());
            let f = r.findings.iter().find(|f| f.code == "unskilled_wording").expect("finding").clone();
            let s = f.suggestion.unwrap();
            (s.title.to_string(), s.text.to_string())
        };
        let (t, text) = title("P: Continue POC.");
        assert_eq!(t, "Replace with the plan for the next visit", "{text}");
        assert!(text.starts_with("Next visit:"));
        assert_eq!(title("Pt tolerated tx well.").0, "Replace with what you observed");
        assert_eq!(title("Pt continues to benefit from skilled therapy.").0, "Replace with the skill it needs and why");
        // Every row's title is one of the three, and a plan line is never called an observation.
        for row in crate::redflags::RED_FLAGS {
            let t = super::fix_title(row.instead);
            assert!(!(row.instead.contains("Next visit") && t.contains("observed")), "{}", row.id);
        }
    }

    #[test]
    fn continue_poc_is_fine_when_the_plan_says_more() {
        let t = "P:\nContinue POC.\nProgress to tandem on foam next visit once EO sway decreases.";
        assert!(phrases(t).is_empty(), "{:?}", phrases(t));
        assert_eq!(phrases("P: Continue per POC."), ["Continue per POC"]);
    }
}
