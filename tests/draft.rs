//! The drafted statement invents nothing: every number and every word of a draft, outside
//! placeholders, appears in the note or is a connecting word of the template.

use skillmark::draft::{draft, TEMPLATE_WORDS};

fn corpus(path: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string())
        })
        .collect()
}

/// Text outside square-bracket placeholders.
fn outside_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '/')
        .map(|w| w.trim_matches(['.', '/']).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

fn check_note(id: &str, note: &str) {
    let d = draft(note);
    let body = outside_placeholders(&d.text);
    let note_lower = note.to_lowercase();
    let note_words: std::collections::HashSet<String> = words(&note_lower).into_iter().collect();
    for w in words(&body.to_lowercase()) {
        let number = w.chars().any(|c| c.is_ascii_digit());
        let ok = if number {
            note_lower.contains(&w)
        } else {
            note_words.contains(&w) || TEMPLATE_WORDS.contains(&w.as_str()) || w.split('/').all(|p| note_words.contains(p))
        };
        assert!(ok, "{id}: draft word {w:?} is not in the note.\nDraft: {}\nNote: {note}", d.text);
    }
}

#[test]
fn nothing_invented_over_both_corpora() {
    for path in ["tests/corpus/dev.jsonl", "tests/corpus/heldout.jsonl"] {
        for (id, text) in corpus(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string().as_str().to_owned().as_str().chars().chain(path.chars()).collect::<String>().as_str()) {
            check_note(&id, &text);
        }
    }
}

#[test]
fn template_words_are_not_clinical_findings() {
    // A reviewed list: none of these may name an impairment, activity, measure or outcome.
    for w in ["balance", "gait", "proprioception", "stairs", "berg", "tug", "cues", "weakness", "walking"] {
        assert!(!TEMPLATE_WORDS.contains(&w), "{w} must come from the note");
    }
}

#[test]
fn show_drafts_for_notes_with_sections_and_measures() {
    let notes = corpus(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/dev.jsonl"));
    for (id, text) in notes.iter().filter(|(id, _)| ["dev-001", "dev-004", "dev-039"].contains(&id.as_str())) {
        let d = draft(text);
        println!("{id} ({:?}):\n{}\n", d.trend, d.text);
        assert!(!d.facts.is_empty(), "{id} states measure pairs");
    }
}
