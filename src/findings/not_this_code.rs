//! `not_this_code`: an activity that reads as 97110 or 97530 with no neuromuscular target.

use super::{finding, Raw};
use crate::label::Label;
use crate::codes::{named_code, EXERCISE_97110, FUNCTIONAL_97530};
use crate::lexicon::Kinds;
use crate::note::Note;
use crate::options::Options;
use crate::report::Severity;
use crate::source;

finding! {
    /// ## What it flags
    /// A sentence billed under 97112 whose activities all read as therapeutic exercise (97110:
    /// strengthening, ROM, endurance) or functional task practice (97530), with no neuromuscular
    /// target (balance, proprioception, coordination, postural control) named in it or the next
    /// sentence. It warns; it does not decide the code, which depends on intent.
    ///
    /// ## Why it matters
    /// Intent decides the code: "squat for quad strength" is 97110, "squat to practise rising
    /// from a chair" is 97530. Payers deny 97112 when the documented activity is
    /// indistinguishable from another code (LCD 97112 definition; CPT code descriptors).
    ///
    /// ## Example
    /// ```text
    /// NMR: mini squats 2 x 10 and SLR 2 x 10. 97112 x 1 unit (15 min).
    /// ```
    /// Write instead:
    /// ```text
    /// NMR: mini squats on BOSU 2 x 10 to improve knee proprioception. 97112 x 1 unit (15 min).
    /// ```
    pub RULE = {
        code: "not_this_code",
        title: "Reads as another code",
        severity: Severity::Info,
        source: source::LCD_97112,
        check: check,
    }
}

fn check(note: &Note, _: &Options, out: &mut Vec<Raw>) {
    let bills_97112 = note.billing.iter().any(|b| b.code.as_deref() == Some("97112"));
    let generic_nmr = |t: &str| t == "nmr" || t.starts_with("neuro") || t.contains("re ed") || t.contains("re education");
    if !bills_97112 && !note.hits.iter().any(|h| generic_nmr(&note.text[h.start..h.end].to_ascii_lowercase().replace('-', " "))) {
        return;
    }
    for (i, s) in note.sents.iter().enumerate() {
        if !s.labels.has(Label::What) || s.labels.has(Label::Why) {
            continue;
        }
        if note.sents.get(i + 1).is_some_and(|n| n.seg.paragraph == s.seg.paragraph && n.labels.has(Label::Why)) {
            continue;
        }
        // Billed under another code by name or number ("TE:", "Ther ex (97110)"): not a 97112 question.
        let own_code = named_code(note, i).is_some();
        if own_code {
            continue;
        }
        let mut other = None;
        let mut neuro = false;
        for h in &note.hits[s.hits.clone()] {
            if !h.kinds.any(Kinds::ACTIVITY | Kinds::GENERIC) {
                continue;
            }
            let t = note.text[h.start..h.end].to_ascii_lowercase().replace('-', " ");
            let t = t.trim_end_matches('s');
            if t.starts_with("ther ex") || t.starts_with("therapeutic") || t.starts_with("ther act") {
                // Billed under its own code: not a 97112 question.
                other = None;
                neuro = true;
                break;
            }
            if EXERCISE_97110.iter().any(|e| e.trim_end_matches('s') == t) {
                other.get_or_insert(("97110", "therapeutic exercise (strength, ROM, endurance)"));
            } else if FUNCTIONAL_97530.contains(&t) {
                other.get_or_insert(("97530", "functional task practice"));
            } else if !generic_nmr(t) {
                neuro = true;
            }
        }
        if let (Some((code, what)), false) = (other, neuro) {
            out.push(Raw::new(
                &RULE,
                format!("This reads as {what} ({code}) with no neuromuscular target. If it is 97112, name the balance, proprioception or coordination deficit it trains; otherwise bill it as {code}."),
                s.seg.start,
                s.seg.end,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    fn fired(t: &str) -> bool {
        analyze(t, &Options::default()).findings.iter().any(|f| f.code == "not_this_code")
    }

    #[test]
    fn strength_work_under_97112_warns() {
        assert!(fired("Quad sets, SLR 2x10, heel slides 2x15.\n97112 x 2 units (30 min)."));
        assert!(fired("NMR: sit to stand x 10 with mod A."));
    }

    #[test]
    fn neuromuscular_target_or_its_own_code_is_fine() {
        assert!(!fired("Mini squats on BOSU 2 x 10 to improve knee proprioception.\n97112 x 1 (15 min)."));
        assert!(!fired("Ther ex: bike 8 min, quad sets, SLR 2x10.\n97110 x1 (15 min), 97112 x2 (23 min)."));
        assert!(!fired("Tandem walk 4 x 20 ft, CGA.\n97112 x 1 unit (15 min)."));
        assert!(!fired("TE: bridges, clamshells 3x12 each; bike 10 min.\nNMR: SLS on airex 4 x 20 s.\n97112 x 1 (15 min)."));
    }
}
