//! The accuracy bar: the scorer's arithmetic (`shared/tools/score.py`) in Rust over the labelled
//! corpora. `dev.jsonl` is the hand-labelled development set the issue names; `heldout.jsonl`
//! (tests/corpus) holds 30 notes in other styles, written apart from the engine to catch rules
//! that only fit the dev notes. The shared sets (`../shared/corpus`: real-train, its blind split
//! by source site, and the six seed examples) are read in place, never copied.

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
    score_where(path, |_| true)
}

/// [`score`] over the notes whose id `keep` accepts.
fn score_where(path: &str, keep: impl Fn(&str) -> bool) -> (HashMap<&'static str, f64>, f64) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut counts: HashMap<&'static str, [u32; 3]> = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let gold: Value = serde_json::from_str(line).unwrap();
        if !keep(gold["id"].as_str().unwrap_or("")) {
            continue;
        }
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

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The shared corpus directory, or `None` (with a note) in a checkout without `../shared`.
fn shared() -> Option<&'static str> {
    if std::path::Path::new(SHARED).join("real-train.jsonl").exists() {
        Some(SHARED)
    } else {
        eprintln!("skipped: {SHARED} is not here (the shared corpora sit beside the checkout)");
        None
    }
}

fn report(per: &HashMap<&'static str, f64>) -> String {
    let mut lines: Vec<String> = per.iter().map(|(k, v)| format!("{k}: {v:.3}")).collect();
    lines.sort();
    lines.join("\n")
}

/// Issue 11's bar on the six examples of the post that defines the format: every what, why and
/// how found (F1 >= 0.95 each).
#[test]
fn seed_examples_meet_the_bar() {
    let Some(dir) = shared() else { return };
    let (per, _) = score(&format!("{dir}/seed.jsonl"));
    for lab in ["what", "why", "how"] {
        assert!(per[lab] >= 0.95, "seed.jsonl: {lab} F1 {:.3} below 0.95\n{}", per[lab], report(&per));
    }
}

/// Issue 11's bar on dev: macro-F1 >= 0.95 (the copy in tests/corpus is held to 0.90 above).
#[test]
fn shared_dev_meets_the_bar() {
    let Some(dir) = shared() else { return };
    let (per, m) = score(&format!("{dir}/dev.jsonl"));
    assert!(m >= 0.95, "dev.jsonl: macro-F1 {m:.3} below 0.95\n{}", report(&per));
}

/// Real published notes: 251 examples from 82 sites (issue 20). Scored whole, with the learned
/// layer trained on every fold but the sealed fold 0: 0.732 at the start of issue 20, 0.781 at
/// the end of its first session, 0.824 at the end of session 13, 0.829 in session 14. Issue 20
/// asks for 0.88.
#[test]
fn real_train_holds_its_level() {
    let Some(dir) = shared() else { return };
    let (per, m) = score(&format!("{dir}/real-train.jsonl"));
    assert!(m >= 0.82, "real-train: macro-F1 {m:.3} below 0.82\n{}", report(&per));
}

#[path = "corpus/sets.rs"]
#[allow(dead_code)]
mod sets;
#[path = "corpus/snapshot.rs"]
mod snapshot;

/// Issue 23: every scored set's predictions (dev, heldout, seed, real-train: every label span and
/// finding code of every note) are those of `tests/corpus/predictions.txt`. A speed or size change
/// must pass this unchanged; a deliberate label change rewrites the file (the message names the
/// command) and shows in its diff.
#[test]
fn predictions_on_every_scored_set_are_the_snapshot() {
    if shared().is_none() {
        return;
    }
    let written = std::fs::read_to_string(format!("{}/{}", sets::ROOT, snapshot::PATH)).unwrap_or_default();
    let reports = snapshot::reports(None);
    let diff = snapshot::diff(&written, &reports);
    assert!(
        diff.is_empty(),
        "the engine's predictions moved from {} (a speed or size change must not move them; after a \
         deliberate label change, rewrite it: {}):\n{diff}",
        snapshot::PATH,
        snapshot::COMMAND
    );
    assert_eq!(written, snapshot::text(&reports), "{} is not in the current format: run {}", snapshot::PATH, snapshot::COMMAND);
}

/// The cross-validation by site (`sets::cross_validate`), computed once for the tests that read it;
/// `None` without the shared corpora.
fn cross_validation() -> Option<&'static sets::Cv> {
    static CV: std::sync::OnceLock<Option<sets::Cv>> = std::sync::OnceLock::new();
    CV.get_or_init(|| {
        shared()?;
        let (exs, items) = sets::load();
        Some(sets::cross_validate(&exs, &items, &skillmark::learned::train::Params::default()))
    })
    .as_ref()
}

/// Issue 20's measure of judgement at a clinic never seen: leave-one-fold-out by source site
/// over real-train's folds 1-4 (fold 0 is sealed), the learned layer trained each time on the
/// other folds and the project's sets. At the start of issue 20 (rules alone): 0.703 micro-F1, by
/// genre 0.61 (goals) to 0.78 (daily), a false `missing_*` finding on 35 % of the notes. At the
/// end of its first session: rules alone 0.740, with the layer 0.745; by genre 0.66 (other) to
/// 0.79 (eval); a false `missing_*` on 31 %. Session 10: rules 0.770, with the layer 0.775; by
/// genre 0.70 (other) to 0.83 (goals). Session 11: rules 0.780, with the layer 0.785; by genre
/// 0.72 (other) to 0.83 (goals). Session 12 (how the rules marked each label as features, plan
/// parts, bare head nouns): rules 0.790, with the layer 0.795 (macro 0.794); by genre 0.77
/// (other, case reports) to 0.89 (goals). Session 13 (results read as results, CMS assist
/// levels, examined motions, rehearsed tasks, fear as a barrier): rules 0.811, with the layer 0.817
/// (macro 0.810); by genre 0.79 (case reports) to 0.89 (goals). Session 14 (the learned layer's
/// weights averaged, narration, instruction in technique, referrals, complaints listed, functional
/// status, restoring as a purpose): rules 0.825, with the layer 0.831 (macro 0.821); by genre 0.81
/// (progress, other, case reports) to 0.89 (goals). Issue 20 asks for 0.85, no genre
/// below 0.80 and at most 10 %: these bars hold the level reached and rise with it.
#[test]
fn cross_validation_by_site_holds_its_level() {
    use skillmark::learned::train::micro_macro;
    let Some(cv) = cross_validation() else { return };
    let (rules, _) = micro_macro(&cv.by_genre[0]["all"]);
    let (learned, macro_) = micro_macro(&cv.by_genre[1]["all"]);
    assert!(learned >= 0.825, "cross-validation by site: micro-F1 {learned:.3} below 0.825 (macro {macro_:.3})");
    // The ablation: the layer earns its place only if it beats the rules on sites it never saw.
    assert!(learned > rules, "the learned layer ({learned:.3}) does not beat the rules alone ({rules:.3}) across sites");
    for (genre, c) in &cv.by_genre[1] {
        let (mi, _) = micro_macro(c);
        assert!(mi >= 0.79, "cross-validation, genre {genre}: micro-F1 {mi:.3} below 0.79");
    }
    let notes = cv.alarms[1].len();
    let (_, false_missing) = cv.false_notes(1);
    assert!(
        false_missing * 100 <= 32 * notes,
        "a false missing_* finding on {false_missing} of {notes} notes (bar: 32 %)"
    );
}

/// Issue 20: "a false 'missing' finding on at most 10 % of real notes; where the engine is
/// unsure, a quieter finding". In the same cross-validation by site, a `missing_*` error or
/// warning fires only where the learned layer gives less than 1 % above the base rate to any
/// sentence stating the element and the kind of text is expected to state it
/// (`src/findings/certainty.rs`; a single line that bills nothing and delivers no activity is
/// not yet a note, and expects nothing); otherwise it is information. Before: a false
/// `missing_*` (every one an error or warning then) on 59 of 216 notes (27 %). Now: a false error
/// or warning on 16 (7.4 %; nested 7.4 %).
/// The real gaps of notes (more than one sentence) must still be reported at full severity: at
/// least 45 % of the true `missing_what`, 50 % of `missing_measure`, 25 % of `missing_why`, 15 %
/// of `missing_outcome` and `missing_how` (now 53 %, 59 %, 29 %, 19 %, 22 %): where a note has
/// no sentence of that label, the model often still finds one plausible, and then says so
/// quietly.
#[test]
fn cross_validation_by_site_keeps_false_missing_errors_under_ten_percent() {
    let Some(cv) = cross_validation() else { return };
    let notes = cv.alarms[1].len();
    let (loud, _) = cv.false_notes(1);
    let counts = cv.alarm_counts(1, false);
    let table = format!("{counts:?} (per code: fired, false, loud false, loud true, true)");
    assert!(loud * 100 <= 10 * notes, "a false missing_* error or warning on {loud} of {notes} notes (bar: 10 %)\n{table}");
    let counts = cv.alarm_counts(1, true);
    let table = format!("{counts:?} (notes of more than one sentence; per code: fired, false, loud false, loud true, true)");
    for (code, share) in [("missing_what", 45), ("missing_why", 25), ("missing_outcome", 15), ("missing_measure", 50), ("missing_how", 15)] {
        let c = counts[code];
        assert!(c[3] * 100 >= share * c[4], "{code}: {} of {} real gaps at full severity (bar: {share} %)\n{table}", c[3], c[4]);
    }
    // The rules alone (no model, no probabilities) keep every finding at its rule's severity.
    let (loud_rules, any_rules) = cv.false_notes(0);
    assert!(loud_rules > loud && any_rules >= loud_rules, "{loud_rules} {any_rules} {loud}");
}

/// The compiled-in weights are the ones the trainer writes from the current rules and sets: a
/// change to the rules or the features changes what the model sees, so the model is retrained
/// with it (`cargo run --release --example learn -- write`).
#[test]
fn the_learned_weights_are_current() {
    use skillmark::learned::train;
    if shared().is_none() {
        return;
    }
    let (exs, items) = sets::load();
    let mut names = rustc_hash::FxHashMap::default();
    let rows = train::rows(&exs, &mut names);
    let rows: Vec<_> = rows.iter().filter(|r| items[r.ex].fold != Some(0)).collect();
    let m = train::train(&exs, &rows, &names, &train::Params::default());
    let written = include_str!("../src/learned/weights.txt");
    assert!(
        train::weights_text(&m) == written,
        "src/learned/weights.txt is stale: run cargo run --release --example learn -- write"
    );
}

/// Example 1 of the seed post: weight shifting, step tap training, the cues and the purpose
/// clauses are marked; none of the six examples gets missing_what, missing_why or missing_how.
#[test]
fn seed_example_one_is_marked_and_no_example_misses_an_element() {
    let Some(dir) = shared() else { return };
    let text = std::fs::read_to_string(format!("{dir}/seed.jsonl")).unwrap();
    let notes: Vec<Value> = text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(notes.len(), 6);
    for n in &notes {
        let report = analyze(n["text"].as_str().unwrap(), &Options::default());
        for code in ["missing_what", "missing_why", "missing_how"] {
            assert!(!report.findings.iter().any(|f| f.code == code), "{}: {code}", n["id"]);
        }
    }
    let one = notes[0]["text"].as_str().unwrap();
    let report = analyze(one, &Options::default());
    let marked = |label: &str, phrase: &str| {
        let start = one.find(phrase).unwrap_or_else(|| panic!("{phrase:?} is not in Example 1"));
        let (s, e) = (one[..start].chars().count() as u32, (one[..start].chars().count() + phrase.chars().count()) as u32);
        report.annotations.iter().any(|a| a.label.as_str() == label && a.span.start < e && a.span.end > s)
    };
    for (label, phrase) in [
        ("what", "weight shifting"),
        ("what", "step tap training"),
        ("how", "manual cues"),
        ("how", "tactile input"),
        ("why", "to promote proper activation"),
        ("why", "to improve motor planning"),
        ("why", "impaired trunk control"),
    ] {
        assert!(marked(label, phrase), "Example 1: {phrase:?} is not marked {label}");
    }
}
