//! Phrasing helpers for suggestions: reuse the note's own clinical words, and leave visible
//! placeholders (`[cue type]`) for facts only the therapist knows. Nothing here invents care.

use crate::label::Label;
use crate::note::Note;

const LEADS: &[&str] = &[
    "impaired use of ", "impaired ", "decreased ", "delayed ", "poor ", "reduced ", "diminished ", "limited ",
    "altered ", "abnormal ", "deficits in ", "deficit in ", "lack of ", "loss of ", "difficulty with ", "to improve ",
    "to address ", "to reduce ", "to train ", "to target ", "to increase ", "for ", "targets ", "targeted ",
    "addressed ", "focused on ", "due to ", "secondary to ", "short ",
];

/// The first impairment the note names, reworded as the object of "to improve" as therapists
/// write it ("impaired R ankle proprioception" gives "R ankle proprioception", "imbalance" gives
/// "balance"). A diagnosis ("R hemiparesis") and a sign one reduces rather than improves
/// ("fall risk") are passed over (see [`improvable`]). `None` when the note names none.
pub fn impairment(note: &Note) -> Option<String> {
    let mut best: Option<String> = None;
    for s in note.spans.iter().filter(|s| s.label == Label::Why) {
        let t = note.text[s.start..s.end].trim();
        let lower = t.to_ascii_lowercase();
        let cut = lead_len(&lower);
        let phrase = t[cut..].trim().trim_end_matches(['.', ',', ';', ':']);
        if phrase.is_empty() || phrase.len() > 60 || phrase.contains('\n') {
            continue;
        }
        let Some(phrase) = improvable(phrase) else { continue };
        // Prefer a phrase that had a modifier ("impaired ..."): it names the deficit exactly.
        if cut > 0 && !lower.starts_with("for ") {
            return Some(phrase);
        }
        best.get_or_insert(phrase);
    }
    best
}

/// Diagnoses and conditions: named as a reason for care, but nobody "improves hemiparesis".
const DIAGNOSES: &str = "hemiparesis|hemiplegia|paresis|cva|stroke|tbi|sci|ms|pd|parkinson's|parkinsons|neuropathy|bppv|dementia|s/p|hx";
/// Deficit nouns and the capacity a therapist improves instead ("to improve balance", not "to
/// improve imbalance").
const CAPACITY: &[(&str, &str)] = &[
    ("imbalance", "balance"),
    ("weakness", "strength"),
    ("instability", "stability"),
    ("incoordination", "coordination"),
    ("discoordination", "coordination"),
    ("ataxia", "coordination"),
    ("unsteadiness", "steadiness"),
    ("asymmetry", "symmetry"),
];
/// Words after the capacity that only say it is lacking ("balance deficits").
const DEFICIT_TAILS: &str = "deficits|deficit|impairments|impairment|dysfunction|problems|issues|loss";
/// Signs a therapist reduces, not improves: not offered after "to improve".
const SIGNS: &str = "risk|falls|fall|lob|dizziness|vertigo|sway|hyperextension|buckling|freezing|fog|neglect|spasticity|tone|tremor|pain|compensation";

/// `phrase` (a deficit the note names) as something that can improve, or `None` when it names a
/// diagnosis or a sign one reduces. Deficit nouns become the capacity ("imbalance" gives
/// "balance", "balance deficits" gives "balance").
pub fn improvable(phrase: &str) -> Option<String> {
    fn bare(w: &str) -> &str {
        w.trim_end_matches(['.', ',', ';', ':'])
    }
    // The lists are '|'-separated words (one string each: smaller in wasm than an array).
    // Split as bytes: a `char` pattern runs a searcher per piece, and this runs for every word.
    let is = |list: &str, w: &str| {
        let w = bare(w).as_bytes();
        list.as_bytes().split(|&b| b == b'|').any(|x| x.len() == w.len() && x.eq_ignore_ascii_case(w))
    };
    let mut words: Vec<&str> = phrase.split_whitespace().collect();
    if words.iter().any(|w| is(DIAGNOSES, w)) {
        return None;
    }
    while words.len() > 1 && is(DEFICIT_TAILS, words[words.len() - 1]) {
        words.pop();
    }
    if words.iter().any(|w| is(SIGNS, w)) || words.len() == 1 && is(DEFICIT_TAILS, words[0]) {
        return None;
    }
    let mut out = String::with_capacity(phrase.len());
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let w = CAPACITY.iter().find(|(from, _)| from.eq_ignore_ascii_case(bare(w))).map_or(*w, |(_, to)| *to);
        // A capital that only started the note's sentence ("Balance deficits.") is not kept
        // mid-clause; an abbreviation ("LE", "BERG") is.
        let capitalised = w.len() > 1 && w.as_bytes()[0].is_ascii_uppercase() && w.as_bytes()[1..].iter().all(u8::is_ascii_lowercase);
        if k == 0 && capitalised {
            out.push_str(&w.to_ascii_lowercase());
        } else {
            out.push_str(w);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn lead_len(lower: &str) -> usize {
    LEADS.iter().find(|l| lower.starts_with(*l)).map_or(0, |l| l.len())
}

/// `phrase` without a leading impairment or purpose word ("impaired R ankle proprioception"
/// gives "R ankle proprioception"); `None` when it has none.
pub fn strip_lead(phrase: &str) -> Option<String> {
    let n = lead_len(&phrase.to_ascii_lowercase());
    (n > 0).then(|| phrase[n..].trim().to_string())
}

/// ", to improve X" with X from the note, or a placeholder.
pub fn reason_clause(note: &Note) -> String {
    match impairment(note) {
        Some(x) => format!(", to improve {x} [confirm impairment]"),
        None => ", to improve [impairment, e.g. balance reactions / proprioception]".to_string(),
    }
}
