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
//! them, and per `missing_*` finding the false alarms and the true ones kept at full severity
//! (error or warning) and at any. `--pred DIR` writes the gold and
//! both predictions for `folds.py score`.
//!
//! `write`: trains on all of it (fold 0 excluded) and writes `src/learned/weights.txt`, then the
//! predictions snapshot with those weights (`predictions`).
//!
//! `oracle`: the ceiling of a sentence-level layer: the rules' score over folds 1-4 if every
//! engine sentence's learned labels were decided right (drop all of a label's spans, or mark the
//! sentence whole), and if they were decided right per gold sentence inside it (clause level).
//! Issue 20 (session 12): rules 0.784, sentence level 0.992, clause level 0.995 micro-F1 (14 of
//! 698 gold sentences not matched by exactly one engine sentence): `folds.py` scores by overlap
//! with gold sentences, so whole-sentence adds and drops lose nothing; the gap is the decisions.
//!
//! `predictions`: writes `tests/corpus/predictions.txt`, the compiled-in engine's predictions on
//! every scored set, which a speed or size change must leave unchanged (`tests/corpus/snapshot.rs`).
//!
//! `alarms [--budget PCT] [--per-label] [--cuts N[,N..]]`: chooses the cut of
//! `src/findings/certainty.rs` (`SURE`): over the `missing_*` findings the cross-validation fires,
//! the cut keeping the most true ones at full severity while a false error or warning reaches at
//! most PCT % (7.5) of the notes; nested (each fold scored with the cut chosen on the other three)
//! and on all four folds. `--cuts` prints the table for given cuts.

#[path = "../tests/corpus/sets.rs"]
#[allow(dead_code)]
mod sets;
#[path = "../tests/corpus/snapshot.rs"]
#[allow(dead_code)]
mod snapshot;

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
        let cuts = flag("--cuts").map(|t| {
            let v: Vec<u32> = t.split(',').map(|x| x.parse().expect("a cut is evidence in thousandths")).collect();
            std::array::from_fn(|k| v[k.min(v.len() - 1)])
        });
        alarms(&exs, &items, &p, flag("--budget").map_or(7.5, |x| x.parse().expect("--budget takes a percentage of notes")), cuts, !args.iter().any(|a| a == "--per-label"));
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
        Some("oracle") => oracle(&exs, &items),
        _ => {
            eprintln!("usage: cargo run --release --example learn -- cv [--pred DIR] | write | predictions | oracle | alarms [--budget PCT] [--per-label] [--cuts N,..]   [--l2 X] [--min-src N] [--epochs N] [--drop Z[,Z..]] [--add Z[,Z..]]");
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
    println!("missing_* findings over {notes} notes: fired, false (the note has the label), and at full severity (error or warning, not information) the false ones and the true ones kept of all true ones");
    for (v, name) in [(0, "rules alone"), (1, "with the learned layer")] {
        println!("  {name}:");
        for (code, c) in cv.alarm_counts(v, false) {
            println!("    {code:16} fired {:3}  false {:3}   loud false {:3}  loud true kept {:3}/{:<3} ({:3.0} %)", c[0], c[1], c[2], c[3], c[4], 100.0 * c[3] as f64 / c[4].max(1) as f64);
        }
        let (loud, any) = cv.false_notes(v);
        let pct = |n: usize| 100.0 * n as f64 / notes as f64;
        println!("  notes with a false missing_*: at full severity {loud} ({:.1} %), at any severity {any} ({:.1} %)", pct(loud), pct(any));
    }
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

/// One `missing_*` finding the cross-validation fired (before its severity is decided): the
/// fold, the note's index among the scored notes, the label, whether the note has the label
/// after all (a false alarm), whether this kind of text is expected to state it, and the
/// model's evidence that some sentence does (`Note::evidence`; `u32::MAX` for `time`, which the
/// model does not weigh).
struct Alarm {
    fold: u8,
    note: usize,
    label: usize,
    wrong: bool,
    expected: bool,
    evidence: u32,
}

/// The labels a `missing_*` finding is about, in [`skillmark::learned::LEARNED`] order, then time.
const MISSING: [Label; 6] = [Label::What, Label::Why, Label::How, Label::Outcome, Label::Measure, Label::Time];

/// Every `missing_*` finding the cross-validation fires (each fold read by a model trained on the
/// other folds and the project's sets), with what decides its severity.
/// Also the number of notes per fold.
fn alarm_rows(exs: &[train::Example], items: &[sets::Item], p: &Params) -> (Vec<Alarm>, [usize; 4]) {
    use skillmark::findings::certainty;
    let mut names = rustc_hash::FxHashMap::default();
    let rows = train::rows(exs, &mut names);
    let (mut out, mut notes, mut per_fold) = (Vec::new(), 0, [0; 4]);
    for k in 1..=4u8 {
        let tr: Vec<_> = rows.iter().filter(|r| !matches!(items[r.ex].fold, Some(f) if f == 0 || f == k)).collect();
        let m = train::train(exs, &tr, &names, p);
        for (ex, _) in exs.iter().zip(items).filter(|(_, it)| it.fold == Some(k)) {
            let note = skillmark::learned::read(&ex.text, &ex.text, Some(&m));
            let kind = certainty::kind(&note);
            if note.sents.iter().any(|s| !s.seg.header) {
                for (j, l) in MISSING.iter().enumerate() {
                    if note.has(*l) {
                        continue;
                    }
                    let evidence = note.evidence.filter(|_| j < 5).map_or(u32::MAX, |e| e[j]);
                    let wrong = ex.gold.iter().any(|(_, _, g)| g.has(*l));
                    out.push(Alarm { fold: k, note: notes, label: j, wrong, expected: certainty::expected(kind, *l), evidence });
                }
            }
            notes += 1;
            per_fold[k as usize - 1] += 1;
        }
    }
    (out, per_fold)
}

/// Whether alarm `a` is reported at full severity (error or warning) under the cuts `sure`:
/// expected in its kind of text, and the evidence below its label's cut (time has no cut).
fn is_loud(a: &Alarm, sure: &[u32; 5]) -> bool {
    use skillmark::findings::certainty::PRESENT;
    a.expected && (a.label == 5 || a.evidence < sure[a.label].min(PRESENT))
}

/// Whether alarm `a` is reported at all: not where the model finds the element more likely
/// present than not.
fn is_reported(a: &Alarm) -> bool {
    a.label == 5 || a.evidence < skillmark::findings::certainty::PRESENT
}

/// Per label, (false, true) alarms at full severity with the cuts `cuts(alarm)`, and the set of
/// notes with a false one (a bit per note).
fn loud<'c>(alarms: &[&Alarm], cuts: impl Fn(&Alarm) -> &'c [u32; 5], notes: usize) -> ([(u32, u32); 6], Vec<u64>) {
    let mut per = [(0, 0); 6];
    let mut bad = vec![0u64; notes.div_ceil(64)];
    for a in alarms.iter().filter(|a| is_loud(a, cuts(a))) {
        if a.wrong {
            per[a.label].0 += 1;
            bad[a.note / 64] |= 1 << (a.note % 64);
        } else {
            per[a.label].1 += 1;
        }
    }
    (per, bad)
}

fn count_bits(bits: &[u64]) -> usize {
    bits.iter().map(|b| b.count_ones() as usize).sum()
}

/// The cuts the search tries: evidence in thousandths (P 0 %, 1 %, 2 %, 3 %, 5 %, 7 %, 10 %,
/// 13 %, 16 %, 20 %, 25 %, 30 %, 40 %, 50 %).
const CUTS: [u32; 14] = [0, 10, 20, 31, 51, 73, 105, 140, 174, 223, 288, 357, 511, 693];

/// The cuts that keep the most true alarms at full severity while at most `budget` notes get a
/// false one: every combination of [`CUTS`], from per-label tables.
/// With `shared`, one cut for every label (the default: a single degree of freedom, which the
/// search overfits less; `--per-label` searches each label's cut, which the nested estimate
/// shows overfitting: 14 % of notes with a false loud finding against 10 % where chosen).
fn choose(alarms: &[&Alarm], notes: usize, budget: usize, shared: bool) -> [u32; 5] {
    // Per label and cut: the true alarms kept and the notes with a false one.
    let table: Vec<Vec<(u32, Vec<u64>)>> = (0..5)
        .map(|j| {
            let mine: Vec<&Alarm> = alarms.iter().copied().filter(|a| a.label == j).collect();
            CUTS.iter()
                .map(|&c| {
                    let cut = [c; 5];
                    let (per, bad) = loud(&mine, |_| &cut, notes);
                    (per[j].1, bad)
                })
                .collect()
        })
        .collect();
    let n = CUTS.len();
    let mut best: Option<(u32, [u32; 5])> = None;
    let mut bad = vec![0u64; notes.div_ceil(64)];
    for combo in 0..n.pow(5) {
        let idx: [usize; 5] = std::array::from_fn(|j| combo / n.pow(j as u32) % n);
        if shared && idx.iter().any(|&i| i != idx[0]) {
            continue;
        }
        let kept: u32 = (0..5).map(|j| table[j][idx[j]].0).sum();
        if best.is_some_and(|(b, _)| kept <= b) {
            continue;
        }
        bad.iter_mut().for_each(|b| *b = 0);
        for (j, &i) in idx.iter().enumerate() {
            for (b, x) in bad.iter_mut().zip(&table[j][i].1) {
                *b |= x;
            }
        }
        if count_bits(&bad) <= budget {
            best = Some((kept, idx.map(|i| CUTS[i])));
        }
    }
    best.map_or([0; 5], |b| b.1)
}

/// Prints, per `missing_*` finding: fired, false among them, and at full severity (error or
/// warning) the false ones and the true ones kept (of all the true ones), with the cuts
/// `cuts(alarm)`; then the notes with a false finding at full severity and at any severity.
fn alarm_table<'c>(alarms: &[&Alarm], cuts: impl Fn(&Alarm) -> &'c [u32; 5], notes: usize) {
    let (per, bad) = loud(alarms, cuts, notes);
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("  {:16} {:>5} {:>5}   {:>14}   {:>18}", "finding", "fired", "false", "loud false", "loud true kept");
    for (j, l) in MISSING.iter().enumerate() {
        let mine: Vec<&&Alarm> = alarms.iter().filter(|a| a.label == j && is_reported(a)).collect();
        let wrong = mine.iter().filter(|a| a.wrong).count();
        let truth = mine.len() - wrong;
        let (f, t) = (per[j].0 as usize, per[j].1 as usize);
        println!("  missing_{:8} {:5} {wrong:5}   {f:4} ({:4.1} %)   {t:4}/{truth:<4} ({:3.0} %)", l.as_str(), mine.len(), pct(f, notes), pct(t, truth));
    }
    let any: std::collections::BTreeSet<usize> = alarms.iter().filter(|a| a.wrong && is_reported(a)).map(|a| a.note).collect();
    let n = count_bits(&bad);
    println!("  notes with a false missing_*: at full severity {n} of {notes} ({:.1} %), at any severity {} ({:.1} %)", pct(n, notes), any.len(), pct(any.len(), notes));
}

/// `alarms`: chooses the `missing_*` cuts ([`skillmark::findings::certainty::SURE`]) by
/// cross-validation, allowing a false finding at full severity on at most `budget_pct` % of the
/// notes. Nested: each fold is scored with the cuts chosen on the other three folds' findings
/// (the honest estimate); then the cuts chosen on all four, which the engine compiles in.
fn alarms(exs: &[train::Example], items: &[sets::Item], p: &Params, budget_pct: f64, fixed: Option<[u32; 5]>, shared: bool) {
    let (all, per_fold) = alarm_rows(exs, items, p);
    let notes: usize = per_fold.iter().sum();
    let refs: Vec<&Alarm> = all.iter().collect();
    if let Some(cuts) = fixed {
        println!("missing_* findings over {notes} notes of folds 1-4 with the cuts {cuts:?}:");
        alarm_table(&refs, |_| &cuts, notes);
        return;
    }
    let budget = |n: usize| (budget_pct / 100.0 * n as f64).floor() as usize;
    println!("missing_* findings over {notes} notes of folds 1-4 with no cut (each at its rule's severity where expected):");
    alarm_table(&refs, |_| &[u32::MAX; 5], notes);
    let mut chosen = [[0u32; 5]; 4];
    for k in 1..=4u8 {
        let others: Vec<&Alarm> = all.iter().filter(|a| a.fold != k).collect();
        chosen[k as usize - 1] = choose(&others, notes, budget(notes - per_fold[k as usize - 1]), shared);
    }
    println!("nested: each fold scored with the cuts chosen on the other three (budget {budget_pct} % of their notes): {chosen:?}");
    alarm_table(&refs, |a| &chosen[a.fold as usize - 1], notes);
    let cuts = choose(&refs, notes, budget(notes), shared);
    println!("cuts chosen on all four folds (src/findings/certainty.rs SURE): {cuts:?}");
    alarm_table(&refs, |_| &cuts, notes);
}

/// `oracle`: the score over folds 1-4 of the rules, and of the rules with every engine
/// sentence's learned labels decided right, whole sentence or per gold sentence inside it.
fn oracle(exs: &[train::Example], items: &[sets::Item]) {
    use skillmark::learned::LEARNED;
    let mut c = [[[0u32; 3]; 7]; 3];
    let (mut multi, mut gold_n) = (0, 0);
    for (ex, _) in exs.iter().zip(items).filter(|(_, it)| matches!(it.fold, Some(1..=4))) {
        let note = skillmark::note::Note::read_rules(&ex.text, &ex.text);
        let ci = train::char_index(&ex.text);
        let rules: Vec<(Label, usize, usize)> = note.spans.iter().map(|s| (s.label, ci[s.start], ci[s.end])).collect();
        train::count(&ex.gold, &rules, &mut c[0]);
        let mut orc: Vec<(Label, usize, usize)> = Vec::new();
        let mut within: Vec<(Label, usize, usize)> = Vec::new();
        for s in &note.sents {
            let (a, b) = (ci[s.seg.start], ci[s.seg.end]);
            let golds: Vec<_> = ex.gold.iter().filter(|(gs, ge, _)| *gs < b && *ge > a).collect();
            for sp in rules.iter().filter(|(l, x, _)| !LEARNED.contains(l) && *x >= a && *x < b.max(a + 1)) {
                orc.push(*sp);
                within.push(*sp);
            }
            for l in LEARNED {
                if golds.iter().any(|g| g.2.has(l)) && !s.toks.is_empty() {
                    orc.push((l, a, b));
                }
                // Clause level: each gold sentence inside the engine sentence marked alone.
                for g in &golds {
                    if g.2.has(l) {
                        within.push((l, g.0.max(a), g.1.min(b)));
                    }
                }
            }
        }
        train::count(&ex.gold, &orc, &mut c[1]);
        train::count(&ex.gold, &within, &mut c[2]);
        for g in &ex.gold {
            gold_n += 1;
            let n = note.sents.iter().filter(|s| ci[s.seg.start] < g.1 && ci[s.seg.end] > g.0).count();
            multi += (n != 1) as usize;
        }
    }
    for (v, name) in ["rules", "sentence oracle", "clause oracle"].iter().enumerate() {
        let (mi, ma) = train::micro_macro(&c[v]);
        println!("{name:16} micro {mi:.3} macro {ma:.3}");
    }
    println!("gold sentences not matched by exactly one engine sentence: {multi} of {gold_n}");
}
