//! Trains and measures the learned layer (`src/learned/`).
//!
//! ```text
//! cargo run --release --example learn -- cv [--pred DIR] [--l2 X] [--min-src N] [--epochs N] [--drop Z[,Z..]] [--add Z[,Z..]]
//! (cuts in log-odds hundredths, one or one per label; 0 is p = 0.5)
//! cargo run --release --example learn -- write [the same settings]
//! cargo run --release --example learn -- predictions
//! ```
//!
//! Training data (`tests/corpus/sets.rs`): the shared `dev.jsonl` and `seed.jsonl`, the project's
//! `tests/corpus/heldout.jsonl` and `real-train.jsonl` without its sealed fold 0. Every engine
//! sentence is one row: its features (`skillmark::learned::features`, read on the rules' own
//! labels) and, per learned label, whether a gold sentence it overlaps carries it.
//!
//! `cv`: leave-one-fold-out over real-train's folds 1-4 (by source site): for each fold, train on
//! the other three and the project's sets, score the fold with and without the model (the
//! ablation), per genre and per label, micro- and macro-F1 as `../shared/tools/folds.py` computes
//! them, and the false-alarm rate of each `missing_*` finding. `--pred DIR` writes the gold and
//! both predictions for `folds.py score`.
//!
//! `write`: trains on all of it (fold 0 excluded) and writes `src/learned/weights.txt`, then the
//! predictions snapshot with those weights (`predictions`).
//!
//! `predictions`: writes `tests/corpus/predictions.txt`, the compiled-in engine's predictions on
//! every scored set, which a speed or size change must leave unchanged (`tests/corpus/snapshot.rs`).
//!
//! `alarms`: for the `missing_*` findings fired in cross-validation, how many true and false
//! alarms would stay if a finding fired only where the model gives the label a low probability
//! everywhere in the note (a quieter `missing_*` where the engine is unsure).

#[path = "../tests/corpus/sets.rs"]
#[allow(dead_code)]
mod sets;
#[path = "../tests/corpus/snapshot.rs"]
#[allow(dead_code)]
mod snapshot;

use std::collections::BTreeMap;

use skillmark::learned::train::{self, Params};
use skillmark::Label;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let mut p = Params::default();
    if let Some(x) = flag("--l2") {
        p.l2 = x.parse().expect("--l2 takes a number");
    }
    if let Some(x) = flag("--min-src") {
        p.min_sources = x.parse().expect("--min-src takes a count");
    }
    if let Some(x) = flag("--epochs") {
        p.epochs = x.parse().expect("--epochs takes a count");
    }
    for (which, name) in [(0, "--drop"), (1, "--add")] {
        if let Some(t) = flag(name) {
            let v: Vec<i32> = t.split(',').map(|x| x.parse().expect("a cut is log-odds in hundredths")).collect();
            for k in 0..5 {
                p.cut[which][k] = v[k.min(v.len() - 1)];
            }
        }
    }
    if args.first().map(String::as_str) == Some("explain") {
        let text = args.get(1).expect("explain takes a note");
        let note = skillmark::note::Note::read_rules(text, text);
        for i in 0..note.sents.len() {
            println!("{:?}", note.sent_text(i));
            for (l, p, top) in skillmark::learned::explain(&note, i, skillmark::learned::Model::get()) {
                println!("  {:8} {p:.2} {top:?}", l.as_str());
            }
        }
        return;
    }
    let (exs, items) = sets::load();
    if args.first().map(String::as_str) == Some("alarms") {
        alarms(&exs, &items, &p);
        return;
    }
    match args.first().map(String::as_str) {
        Some("cv") => cv(&exs, &items, &p, flag("--pred")),
        Some("write") => {
            let mut names = rustc_hash::FxHashMap::default();
            let rows = train::rows(&exs, &mut names);
            let rows: Vec<_> = rows.iter().filter(|r| items[r.ex].fold != Some(0)).collect();
            let m = train::train(&exs, &rows, &names, &p);
            let path = format!("{}/src/learned/weights.txt", sets::ROOT);
            let text = train::weights_text(&m);
            std::fs::write(&path, &text).unwrap();
            eprintln!("wrote {path} ({} features, trained on {} sentences)", m.features().count(), rows.len());
            // The model as it will be compiled in (read back from the text), not the trainer's own.
            write_predictions(Some(&skillmark::learned::Model::parse(&text)));
        }
        Some("predictions") => write_predictions(None),
        _ => {
            eprintln!("usage: cargo run --release --example learn -- cv [--pred DIR] | write | predictions   [--l2 X] [--min-src N] [--epochs N] [--drop Z[,Z..]] [--add Z[,Z..]]");
            std::process::exit(2);
        }
    }
}

/// Writes the predictions snapshot with `model` (None: the compiled-in one).
fn write_predictions(model: Option<&skillmark::learned::Model>) {
    let reports = snapshot::reports(model);
    let path = format!("{}/{}", sets::ROOT, snapshot::PATH);
    std::fs::write(&path, snapshot::text(&reports)).unwrap();
    eprintln!("wrote {path} ({} notes)", reports.len());
}

fn cv(exs: &[train::Example], items: &[sets::Item], p: &Params, pred: Option<String>) {
    let cv = sets::cross_validate(exs, items, p);
    let notes = cv.ids.len();
    println!("leave-one-fold-out over real-train folds 1-4 ({notes} notes); min-src {}, l2 {}, epochs {}", p.min_sources, p.l2, p.epochs);
    println!("{:16} {:>13} {:>13}", "genre", "rules mi/ma", "learned mi/ma");
    for g in cv.by_genre[0].keys() {
        let (a, b) = train::micro_macro(&cv.by_genre[0][g]);
        let (c, d) = train::micro_macro(&cv.by_genre[1][g]);
        println!("{g:16} {a:6.3} {b:6.3} {c:6.3} {d:6.3}");
    }
    println!("{:10} {:>22} {:>22}", "label", "rules tp/fp/fn F1", "learned tp/fp/fn F1");
    for (k, l) in Label::ALL.iter().enumerate() {
        let a = cv.by_genre[0]["all"][k];
        let b = cv.by_genre[1]["all"][k];
        println!("{:10} {:4} {:4} {:4} {:.3}   {:4} {:4} {:4} {:.3}", l.as_str(), a[0], a[1], a[2], train::f1(a), b[0], b[1], b[2], train::f1(b));
    }
    println!("missing_* findings that are false (the note has the label) / fired, over {notes} notes:");
    let mut tally: [BTreeMap<&str, (u32, u32)>; 2] = Default::default();
    let mut any = [0u32; 2];
    for v in 0..2 {
        for note in &cv.alarms[v] {
            for (code, wrong) in note {
                let t = tally[v].entry(code).or_default();
                t.0 += *wrong as u32;
                t.1 += 1;
            }
            any[v] += note.iter().any(|(_, w)| *w) as u32;
        }
    }
    let codes: std::collections::BTreeSet<&str> = tally[0].keys().chain(tally[1].keys()).copied().collect();
    for code in codes {
        let a = tally[0].get(code).copied().unwrap_or_default();
        let b = tally[1].get(code).copied().unwrap_or_default();
        println!("  {code:16} rules {:3}/{:3}   learned {:3}/{:3}", a.0, a.1, b.0, b.1);
    }
    let pct = |n: u32| 100.0 * n as f64 / notes as f64;
    println!("notes with a false missing_*: rules {} ({:.0} %), learned {} ({:.0} %)", any[0], pct(any[0]), any[1], pct(any[1]));
    if let Some(dir) = pred {
        std::fs::create_dir_all(&dir).unwrap();
        let real = sets::read_jsonl(&format!("{}/real-train.jsonl", sets::shared_dir()));
        let gold: Vec<String> = cv.ids.iter().map(|id| real.iter().find(|v| v["id"] == id.as_str()).unwrap().to_string()).collect();
        std::fs::write(format!("{dir}/cv-gold.jsonl"), gold.join("\n") + "\n").unwrap();
        std::fs::write(format!("{dir}/cv-rules.jsonl"), cv.lines[0].join("\n") + "\n").unwrap();
        std::fs::write(format!("{dir}/cv-learned.jsonl"), cv.lines[1].join("\n") + "\n").unwrap();
        eprintln!("wrote {dir}/cv-gold.jsonl, cv-rules.jsonl, cv-learned.jsonl: python3 ../shared/tools/folds.py score {dir}/cv-gold.jsonl {dir}/cv-learned.jsonl --by genre");
    }
}

/// For each `missing_*` finding fired in cross-validation: the model's highest probability of
/// that label over the note's sentences, for true and false alarms (how sure the engine was).
fn alarms(exs: &[train::Example], items: &[sets::Item], p: &Params) {
    use skillmark::learned::{self, LEARNED};
    let mut names = rustc_hash::FxHashMap::default();
    let rows = train::rows(exs, &mut names);
    let mut out: Vec<(&str, bool, f32)> = Vec::new();
    for k in 1..=4u8 {
        let tr: Vec<_> = rows.iter().filter(|r| !matches!(items[r.ex].fold, Some(f) if f == 0 || f == k)).collect();
        let m = train::train(exs, &tr, &names, p);
        for (ex, _) in exs.iter().zip(items).filter(|(_, it)| it.fold == Some(k)) {
            let r = skillmark::analyze_with(&ex.text, &skillmark::Options::default(), Some(&m));
            let note = skillmark::note::Note::read_rules(&ex.text, &ex.text);
            let facts = learned::note_facts(&note);
            let heads = learned::headings(&note);
            let mut best = [0f32; 5];
            let mut f = Vec::new();
            for i in 0..note.sents.len() {
                if note.sents[i].toks.is_empty() || learned::is_heading_line(&note, i) {
                    continue;
                }
                learned::features(&note, i, heads[i], &facts, &mut f, None);
                let pr = m.probabilities(&f);
                for j in 0..5 {
                    best[j] = best[j].max(pr[j]);
                }
            }
            for fd in &r.findings {
                let Some(j) = LEARNED.iter().position(|l| fd.code.strip_prefix("missing_") == Some(l.as_str())) else { continue };
                let wrong = ex.gold.iter().any(|(_, _, l)| l.has(LEARNED[j]));
                out.push((fd.code, wrong, best[j]));
            }
        }
    }
    for cut in [0.05f32, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4] {
        let kept_true = out.iter().filter(|(_, w, b)| !w && *b < cut).count();
        let kept_false = out.iter().filter(|(_, w, b)| *w && *b < cut).count();
        let all_true = out.iter().filter(|(_, w, _)| !w).count();
        let all_false = out.iter().filter(|(_, w, _)| *w).count();
        println!("fire only below p {cut:.2}: true alarms kept {kept_true}/{all_true}, false alarms kept {kept_false}/{all_false}");
    }
}
