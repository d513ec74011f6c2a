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

/// The first impairment the note names, reworded as the object of "to improve"
/// ("impaired R ankle proprioception" gives "R ankle proprioception"). `None` when the note
/// names none.
pub fn impairment(note: &Note) -> Option<String> {
    let mut best: Option<String> = None;
    for s in note.spans.iter().filter(|s| s.label == Label::Why) {
        let t = note.text[s.start..s.end].trim();
        let lower = t.to_ascii_lowercase();
        let cut = lead_len(&lower);
        let phrase = t[cut..].trim().trim_end_matches(['.', ',', ';', ':']).to_string();
        if phrase.is_empty() || phrase.len() > 60 || phrase.contains('\n') {
            continue;
        }
        // Prefer a phrase that had a modifier ("impaired ..."): it names the deficit exactly.
        if cut > 0 && !lower.starts_with("for ") {
            return Some(phrase);
        }
        best.get_or_insert(phrase);
    }
    best
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
