//! The accuracy bar: the scorer's arithmetic (`shared/tools/score.py`) in Rust over the labelled
//! corpora. `dev.jsonl` is the hand-labelled development set the issue names; `heldout.jsonl`
//! (tests/corpus) holds 30 notes in other styles, written apart from the engine to catch rules
//! that only fit the dev notes.

use std::collections::HashMap;

use serde_json::Value;
use skillmark::{analyze, Options};

const LABELS: [&str; 7] = ["what", "why", "how", "outcome", "measure", "time", "unskilled"];

fn f1(tp: u32, fp: u32, fn_: u32) -> f64 {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 1.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 1.0 };
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

/// Per-label F1 (plus the 8-minute finding) and macro-F1, exactly as score.py computes them.
fn score(path: &str) -> (HashMap<&'static str, f64>, f64) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut counts: HashMap<&'static str, [u32; 3]> = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let gold: Value = serde_json::from_str(line).unwrap();
        let report = analyze(gold["text"].as_str().unwrap(), &Options::default());
        for s in gold["sentences"].as_array().unwrap() {
            let (start, end) = (s["start"].as_u64().unwrap() as u32, s["end"].as_u64().unwrap() as u32);
            let want: Vec<&str> = s["labels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
            for lab in LABELS {
                let got = report.annotations.iter().any(|a| a.label.as_str() == lab && a.span.start < end && a.span.end > start);
                let c = counts.entry(lab).or_default();
                match (want.contains(&lab), got) {
                    (true, true) => c[0] += 1,
                    (false, true) => c[1] += 1,
                    (true, false) => c[2] += 1,
                    _ => {}
                }
            }
        }
        let want = gold["units_minutes_mismatch"].as_bool().unwrap_or(false);
        let got = report.findings.iter().any(|f| f.code == "units_minutes_mismatch");
        let c = counts.entry("units_minutes_mismatch").or_default();
        match (want, got) {
            (true, true) => c[0] += 1,
            (false, true) => c[1] += 1,
            (true, false) => c[2] += 1,
            _ => {}
        }
    }
    let per: HashMap<&'static str, f64> = counts.iter().map(|(k, c)| (*k, f1(c[0], c[1], c[2]))).collect();
    let macro_f1 = per.values().sum::<f64>() / per.len() as f64;
    (per, macro_f1)
}

fn check_bar(path: &str) {
    let (per, macro_f1) = score(path);
    let mut lines: Vec<String> = per.iter().map(|(k, v)| format!("{k}: {v:.3}")).collect();
    lines.sort();
    assert!(macro_f1 >= 0.90, "{path}: macro-F1 {macro_f1:.3} below 0.90\n{}", lines.join("\n"));
    assert_eq!(per["units_minutes_mismatch"], 1.0, "{path}: 8-minute finding F1 must be 1.0\n{}", lines.join("\n"));
    for (k, v) in &per {
        assert!(*v >= 0.75, "{path}: {k} F1 {v:.3} is far below the others");
    }
}

#[test]
fn dev_corpus_meets_the_bar() {
    check_bar(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/dev.jsonl"));
}

/// tests/corpus/dev.jsonl is a copy of `../shared/corpus/dev.jsonl` so a bare checkout can run
/// the bar; when the shared corpus is present the two must agree.
#[test]
fn dev_copy_matches_the_shared_corpus() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/dev.jsonl");
    if let Ok(s) = std::fs::read_to_string(shared) {
        let copy = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/dev.jsonl")).unwrap();
        assert!(s == copy, "tests/corpus/dev.jsonl differs from {shared}: copy it again");
    }
}

#[test]
fn heldout_corpus_meets_the_bar() {
    check_bar(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/heldout.jsonl"));
}
