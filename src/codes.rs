//! Which billed code an activity belongs to, when a note bills 97112 and other codes.
//!
//! A note billing "97112 x 2, 97535 x 1" holds the 97535 part too ("Educated pt and dtr re: home
//! safety and clearing pathways."): asking that sentence for a neuromuscular impairment and a
//! 97112 skill is noise. [`billed_elsewhere`] says which other billed code a sentence belongs to,
//! by the code it names ("TE:", "(97110)") or by what its activities are; the 97112 findings leave
//! such sentences alone. A note that bills only 97112 (or no code) gets `None` everywhere.
//!
//! The word lists are what each code's descriptor covers (CPT descriptors; LCD 97112 contrasts
//! 97110, 97530 and 97116). An activity in none of them (tandem stance, SLS on foam, perturbations)
//! reads as 97112 and keeps the sentence there.

use crate::lexicon::Kinds;
use crate::note::Note;
use crate::tokens::Tok;

/// Activities that read as therapeutic exercise (97110: strength, ROM, endurance).
pub const EXERCISE_97110: &[&str] = &[
    "quad set", "glute set", "heel slide", "slr", "straight leg raise", "laq", "long arc quad", "short arc quad", "tke",
    "hip abd", "hip abduction", "clamshell", "squat", "mini squat", "wall squat", "leg press", "theraband", "arom",
    "aarom", "prom", "stretching", "stretch", "bike", "recumbent bike", "nustep", "ergometer", "bridging", "bridge",
    "heel raise", "toe raise", "ther ex", "therex", "therapeutic exercise",
];
/// Activities that read as functional task practice (97530).
pub const FUNCTIONAL_97530: &[&str] = &["sit to stand", "sts", "stand pivot", "supine to sit", "therapeutic activities", "ther act"];
/// Further functional tasks, counted as 97530 only when the note bills 97530.
const MORE_97530: &str = "transfer|bed mobility|lifting|carrying|functional activities";
/// Gait training (97116).
const GAIT_97116: &str = "gait training|gait|ambulation|amb|stair|stair training|curb";
/// Self-care and home management training (97535): ADLs, home safety, adaptive equipment. Matched
/// as words of the sentence (any case; "self-care" is "self care"), since education and ADL
/// sentences often name no lexicon activity.
const SELF_CARE_97535: &str = "home safety|home management|self care|adl|adls|dressing|bathing|toileting|grooming|hygiene|meal prep|kitchen|commode|adaptive equipment|energy conservation|pathways|rugs|grab bars";

/// The codes the note's billing lines bill (a code with minutes or units), each once: computed
/// once per note and handed to [`billed_elsewhere_in`] for each sentence.
pub fn billed<'n>(note: &'n Note) -> Vec<&'n str> {
    let mut codes: Vec<&str> = Vec::new();
    for b in &note.billing {
        if b.kind == crate::billing::ItemKind::Code && (b.minutes.is_some() || b.units.is_some()) {
            if let Some(c) = b.code.as_deref().filter(|c| !codes.contains(c)) {
                codes.push(c);
            }
        }
    }
    codes
}

/// `entry` of a list is the activity `t` (already without its plural "s"): any case, a hyphen
/// for a space ("sit-to-stand").
fn same(entry: &[u8], t: &str) -> bool {
    let mut e = entry;
    while let Some(x) = e.strip_suffix(b"s") {
        e = x;
    }
    e.len() == t.len() && e.iter().zip(t.bytes()).all(|(&a, b)| a == b.to_ascii_lowercase() || a == b' ' && b == b'-')
}

/// The first code other than 97112 that sentence `i` names, by code name or number ("TE:",
/// "Ther ex (97110)").
pub fn named_code<'n>(note: &'n Note, i: usize) -> Option<&'n str> {
    let s = &note.sents[i];
    let by_name = note.hits[s.hits.clone()]
        .iter()
        .filter(|h| h.kinds.any(Kinds::CODE_NAME))
        .map(|h| crate::billing::code_for_name(&note.text[h.start..h.end]))
        .find(|c| *c != "97112");
    by_name.or_else(|| {
        note.tokens[s.toks.clone()].iter().map(|t| t.text(note.text)).find(|w| w.len() == 5 && w.starts_with("97") && *w != "97112")
    })
}

/// The other code (not 97112) that the note bills and that sentence `i` belongs to, if any; `None`
/// when the note does not bill 97112 with another code, or the sentence names an activity that
/// reads as 97112.
pub fn billed_elsewhere<'n>(note: &'n Note, i: usize) -> Option<&'n str> {
    billed_elsewhere_in(note, &billed(note), i)
}

/// [`billed_elsewhere`] with the note's billed codes ([`billed`]) already read: a finding asking
/// for many sentences reads the billing lines once, not once per sentence (a long note has many).
pub fn billed_elsewhere_in<'n>(note: &'n Note, codes: &[&'n str], i: usize) -> Option<&'n str> {
    if !codes.contains(&"97112") || codes.len() < 2 {
        return None;
    }
    let bills = |c: &str| codes.contains(&c);
    let s = &note.sents[i];
    if let Some(c) = named_code(note, i) {
        return bills(c).then_some(c);
    }
    // By its activities: every one must belong to a billed other code.
    let mut other: Option<&str> = None;
    for h in &note.hits[s.hits.clone()] {
        if !h.kinds.any(Kinds::ACTIVITY | Kinds::GENERIC) {
            continue;
        }
        let t = note.text[h.start..h.end].trim_end_matches(['s', 'S']);
        let is = |list: &[&str]| list.iter().any(|e| same(e.as_bytes(), t));
        // ('|'-separated lists: one string each, smaller in wasm than an array; split by a byte
        // loop, cheaper on these short entries than the string searcher.)
        let is_in = |list: &str| list.as_bytes().split(|&b| b == b'|').any(|e| same(e, t));
        let code = if is(EXERCISE_97110) {
            "97110"
        } else if is(FUNCTIONAL_97530) || is_in(MORE_97530) {
            "97530"
        } else if is_in(GAIT_97116) {
            "97116"
        } else if is_in(SELF_CARE_97535) {
            "97535"
        } else {
            return None;
        };
        if !bills(code) {
            return None;
        }
        other.get_or_insert(code);
    }
    if other.is_some() {
        return other;
    }
    // No lexicon activity: a self-care or home-safety sentence ("Educated pt and dtr re: home
    // safety and clearing pathways.") by its words.
    let words: Vec<&str> =
        note.tokens[s.toks.clone()].iter().filter(|t| t.tok == Tok::Word).map(|t| t.text(note.text)).collect();
    // A phrase's words (one space apart) at some place in the sentence: its first word found
    // first (a length check turns most words away), the rest read only there.
    let names = |phrase: &str| {
        let (first, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
        (0..words.len()).any(|i| {
            words[i].eq_ignore_ascii_case(first)
                && (rest.is_empty() || rest.split(' ').enumerate().all(|(k, p)| words.get(i + 1 + k).is_some_and(|w| w.eq_ignore_ascii_case(p))))
        })
    };
    (bills("97535") && SELF_CARE_97535.split('|').any(names)).then_some("97535")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, sentence: &str) -> Option<String> {
        let note = Note::read(text);
        let i = note.sents.iter().position(|s| note.text[s.seg.start..s.seg.end].starts_with(sentence)).expect(sentence);
        billed_elsewhere(&note, i).map(str::to_string)
    }

    #[test]
    fn an_activity_belongs_to_the_other_billed_code() {
        let both = "Educated pt and dtr re: home safety and clearing pathways.\nSLS on foam 3 x 20 s.\n97112 x 2 units (25 min), 97535 x 1 unit (10 min).";
        assert_eq!(at(both, "Educated").as_deref(), Some("97535"));
        assert_eq!(at(both, "SLS"), None, "a balance activity stays 97112");
        let only = "Educated pt and dtr re: home safety and clearing pathways.\nSLS on foam 3 x 20 s.\n97112 x 2 units (25 min).";
        assert_eq!(at(only, "Educated"), None, "a note billing only 97112 keeps today's behaviour");
        let ex = "Bridges and clamshells 3 x 12.\nTandem walk 4 x 20 ft.\n97112 x 1 (15 min), 97110 x 1 (15 min).";
        assert_eq!(at(ex, "Bridges").as_deref(), Some("97110"));
        assert_eq!(at(ex, "Tandem"), None);
        // The code must be billed: exercise under a 97112-and-97535 note is not 97110's.
        let not_billed = "Bridges and clamshells 3 x 12.\n97112 x 1 (15 min), 97535 x 1 (10 min).";
        assert_eq!(at(not_billed, "Bridges"), None);
    }
}
