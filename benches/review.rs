//! Batch-review throughput: `cargo bench --bench review`.
//!
//! Runs the review pipeline's in-memory path ([`skillmark::review::Reviewer`]: engine, carried-forward
//! and cadence checks, aggregates) over 10,000 notes built from the 40 dev notes, varied so no two
//! are identical (a visit-specific sentence, shifted numbers) and spread over 1,000 patients with
//! 10 dated visits each. Divan's `items/s` is notes per second on one core. `analyze_only` is the
//! engine alone on the same notes, so the difference is the cost of the review itself;
//! `checks_10k` splits that cost by cross-note check.

use skillmark::review::{Config, Date, Reviewer, Visit};
use skillmark::{analyze, Options};

fn main() {
    divan::main();
}

const N: usize = 10_000;

struct Note {
    id: String,
    text: String,
    patient: String,
    date: Date,
}

fn notes() -> Vec<Note> {
    let dev: Vec<String> = include_str!("../tests/corpus/dev.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect();
    let start = Date::from_ymd(2024, 1, 1).unwrap();
    (0..N)
        .map(|i| {
            let base = &dev[i % dev.len()];
            // Shift every "x 10" style count so copies differ, and add a visit-specific sentence.
            let text = base.replace(" x 10", &format!(" x {}", 8 + i % 5)).replace(" 20 ft", &format!(" {} ft", 15 + i % 11))
                + &format!("\nVisit {}: patient reports {} near-falls since the last session.", i / 1000 + 1, i % 4);
            Note { id: format!("n{i}"), text, patient: format!("p{}", i % 1000), date: Date(start.0 + (i / 1000) as i32 * 2) }
        })
        .collect()
}

fn review_all(notes: &[Note], cfg: &Config) -> u32 {
    let mut r = Reviewer::new(cfg.clone());
    for n in notes {
        let out = r.review(Visit { id: &n.id, text: &n.text, patient: Some(&n.patient), date: Some(n.date), therapist: Some("Alex PT") });
        divan::black_box(&out);
    }
    r.summary().totals.errors
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn review_10k(bencher: divan::Bencher) {
    let notes = notes();
    let cfg = Config::default();
    bencher.counter(divan::counter::ItemsCount::new(N)).bench(|| review_all(&notes, &cfg));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn review_10k_redacted(bencher: divan::Bencher) {
    let notes = notes();
    let cfg = Config { redact: true, ..Config::default() };
    bencher.counter(divan::counter::ItemsCount::new(N)).bench(|| review_all(&notes, &cfg));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn analyze_only_10k(bencher: divan::Bencher) {
    let notes = notes();
    let opts = Options::default();
    bencher.counter(divan::counter::ItemsCount::new(N)).bench(|| {
        for n in &notes {
            divan::black_box(analyze(&n.text, &opts));
        }
    });
}

/// The cost of each cross-note check: `none` is the engine plus the aggregates.
#[divan::bench(sample_count = 5, sample_size = 1, args = ["none", "carried_forward", "progress_report_due"])]
fn checks_10k(bencher: divan::Bencher, only: &str) {
    let notes = notes();
    let mut cfg = Config::default();
    cfg.options.disabled = ["carried_forward", "progress_report_due"].into_iter().filter(|c| *c != only).map(String::from).collect();
    bencher.counter(divan::counter::ItemsCount::new(N)).bench(|| review_all(&notes, &cfg));
}
