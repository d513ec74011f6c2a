//! Prints the lexicon hits of each argument (a debugging aid): `cargo run --release --example hits -- "text"`.
use skillmark::lexicon::{Kinds, Lexicon};

const NAMES: &[&str] = &[
    "ACTIVITY", "GENERIC", "FUNCTION", "IMPAIRMENT", "MODIFIER", "SKILL", "ASSIST_HOW", "ASSIST_LEVEL", "OUTCOME",
    "MOBILITY", "EVENT", "PURPOSE", "GOAL", "FUTURE", "PLAN", "REPORT", "CLINICIAN", "DELIVERY", "LIMIT", "STATE",
    "RESULT", "DX", "MEASURE_NAME", "SYMPTOM", "CODE_NAME", "MUSCLE",
];

fn main() {
    for text in std::env::args().skip(1) {
        println!(">> {text}");
        for h in Lexicon::get().scan(&text) {
            let kinds: Vec<&str> = (0..NAMES.len()).filter(|b| h.kinds.any(Kinds(1 << b))).map(|b| NAMES[b]).collect();
            println!("    {:?} {}", &text[h.start..h.end], kinds.join("|"));
        }
    }
}
