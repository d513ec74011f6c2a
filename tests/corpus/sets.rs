//! The labelled sets as training examples, shared by `tests/corpus.rs` and `examples/learn.rs`
//! (included by path): the shared `dev.jsonl` and `seed.jsonl`, the project's
//! `tests/corpus/heldout.jsonl`, and `real-train.jsonl` with each example's site, fold and genre
//! from `real-train_sources.jsonl`. A site's fold is the first byte of SHA-256 of its host modulo
//! 5, exactly as `../shared/tools/folds.py` computes it; fold 0 is the sealed blind split.

use serde_json::Value;
use sha2::{Digest, Sha256};
use skillmark::learned::train::Example;
use skillmark::{Label, LabelSet};

/// One labelled example and where it sits.
pub struct Item {
    pub id: String,
    /// "dev", "heldout", "seed" or "real".
    pub set: &'static str,
    /// real-train's fold (None for the other sets).
    pub fold: Option<u8>,
    /// real-train's genre, or the set's name.
    pub genre: String,
}

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

pub fn shared_dir() -> String {
    format!("{ROOT}/../shared/corpus")
}

pub fn read_jsonl(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A URL's host without "www.", lower case (folds.py's `host`).
pub fn host(url: &str) -> String {
    let h = url.split("//").nth(1).unwrap_or("").split('/').next().unwrap_or("").to_ascii_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
}

/// folds.py's `fold_of`.
pub fn fold_of(host: &str) -> u8 {
    Sha256::digest(host.as_bytes())[0] % 5
}

fn labels(v: &Value) -> LabelSet {
    let mut s = LabelSet::default();
    for l in v.as_array().unwrap() {
        if let Some(lab) = Label::ALL.iter().find(|x| x.as_str() == l.as_str().unwrap()) {
            s.insert(*lab);
        }
    }
    s
}

/// Every labelled example, in set order (dev, heldout, seed, real).
pub fn load() -> (Vec<Example>, Vec<Item>) {
    let shared = shared_dir();
    let sources: std::collections::HashMap<String, Value> = read_jsonl(&format!("{shared}/real-train_sources.jsonl"))
        .into_iter()
        .map(|v| (v["id"].as_str().unwrap().to_string(), v))
        .collect();
    let (mut exs, mut items) = (Vec::new(), Vec::new());
    for (set, path) in [
        ("dev", format!("{shared}/dev.jsonl")),
        ("heldout", format!("{ROOT}/tests/corpus/heldout.jsonl")),
        ("seed", format!("{shared}/seed.jsonl")),
        ("real", format!("{shared}/real-train.jsonl")),
    ] {
        for v in read_jsonl(&path) {
            let id = v["id"].as_str().unwrap().to_string();
            let (source, genre, fold) = if set == "real" {
                let s = &sources[&id];
                let h = host(s["url"].as_str().unwrap_or(""));
                let f = fold_of(&h);
                (h, s["genre"].as_str().unwrap_or("?").to_string(), Some(f))
            } else {
                (set.to_string(), set.to_string(), None)
            };
            let gold = v["sentences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize, labels(&s["labels"])))
                .collect();
            exs.push(Example { source, text: v["text"].as_str().unwrap().to_string(), gold });
            items.push(Item { id, set, fold, genre });
        }
    }
    (exs, items)
}

/// Leave-one-fold-out over real-train's folds 1-4, with and without the learned layer: for each
/// fold, a model trained on the other three folds and the project's sets scores the fold.
/// Returns, per variant (0: rules alone, 1: rules and model), the per-label counts by genre
/// (and "all"), and per note the `missing_*` codes that fired with whether each is false and
/// whether it is at full severity (an error or warning; not a quieter information finding).
pub struct Cv {
    pub by_genre: [std::collections::BTreeMap<String, [[u32; 3]; 7]>; 2],
    pub alarms: [Vec<Vec<Alarm>>; 2],
    /// (id, annotations as a predictions line) per variant, for folds.py.
    pub lines: [Vec<String>; 2],
    pub ids: Vec<String>,
}

/// A `missing_*` finding of the cross-validation.
pub struct Alarm {
    pub code: &'static str,
    /// The note has the label after all.
    pub wrong: bool,
    /// An error or warning (not an information finding).
    pub loud: bool,
    /// The note is one sentence (a line checked on its own, not yet a note).
    pub line: bool,
}

impl Cv {
    /// Per `missing_*` code, in the variant `v`: (fired, false, false at full severity, true at
    /// full severity, true at any severity).
    /// With `notes_only`, only the notes of more than one sentence.
    pub fn alarm_counts(&self, v: usize, notes_only: bool) -> std::collections::BTreeMap<&'static str, [u32; 5]> {
        let mut out: std::collections::BTreeMap<&'static str, [u32; 5]> = Default::default();
        for a in self.alarms[v].iter().flatten().filter(|a| !(notes_only && a.line)) {
            let c = out.entry(a.code).or_default();
            c[0] += 1;
            c[1] += a.wrong as u32;
            c[2] += (a.wrong && a.loud) as u32;
            c[3] += (!a.wrong && a.loud) as u32;
            c[4] += !a.wrong as u32;
        }
        out
    }

    /// Notes in the variant `v` with a false `missing_*` finding: at full severity, and at any.
    pub fn false_notes(&self, v: usize) -> (usize, usize) {
        let loud = self.alarms[v].iter().filter(|n| n.iter().any(|a| a.wrong && a.loud)).count();
        let any = self.alarms[v].iter().filter(|n| n.iter().any(|a| a.wrong)).count();
        (loud, any)
    }
}

pub fn cross_validate(exs: &[Example], items: &[Item], params: &skillmark::learned::train::Params) -> Cv {
    use skillmark::learned::train;
    let mut names = rustc_hash::FxHashMap::default();
    let rows = train::rows(exs, &mut names);
    let mut cv = Cv { by_genre: Default::default(), alarms: Default::default(), lines: Default::default(), ids: Vec::new() };
    for k in 1..=4u8 {
        let train_rows: Vec<_> = rows.iter().filter(|r| !matches!(items[r.ex].fold, Some(f) if f == 0 || f == k)).collect();
        let model = train::train(exs, &train_rows, &names, params);
        for (ex, it) in exs.iter().zip(items).filter(|(_, it)| it.fold == Some(k)) {
            cv.ids.push(it.id.clone());
            for (v, m) in [(0, None), (1, Some(&model))] {
                let r = skillmark::analyze_with(&ex.text, &skillmark::Options::default(), m);
                let spans: Vec<(Label, usize, usize)> =
                    r.annotations.iter().map(|a| (a.label, a.span.start as usize, a.span.end as usize)).collect();
                for g in [it.genre.clone(), "all".to_string()] {
                    train::count(&ex.gold, &spans, cv.by_genre[v].entry(g).or_insert([[0; 3]; 7]));
                }
                let ann: Vec<Value> = spans.iter().map(|(l, s, e)| serde_json::json!({"label": l.as_str(), "start": s, "end": e})).collect();
                cv.lines[v].push(serde_json::json!({"id": it.id, "annotations": ann}).to_string());
                let mut alarms = Vec::new();
                for f in &r.findings {
                    let name = f.code.strip_prefix("missing_").unwrap_or("");
                    if let Some(lab) = Label::ALL.into_iter().find(|x| x.as_str() == name) {
                        let wrong = ex.gold.iter().any(|(_, _, l)| l.has(lab));
                        alarms.push(Alarm { code: f.code, wrong, loud: f.severity != skillmark::Severity::Info, line: ex.gold.len() == 1 });
                    }
                }
                cv.alarms[v].push(alarms);
            }
        }
    }
    cv
}
