//! Engine speed: `cargo bench`.
//!
//! * `dev_note`: each of the 40 dev notes (median time per note is the figure to report);
//! * `scaling`: realistic text of 10 KB, 100 KB and 1 MB (dev notes joined), to show that cost
//!   grows linearly with length;
//! * `hostile`: 100 KB of one repeated clinical word, and 100,000 newlines.

use skillmark::{analyze, Options};

#[path = "common/families.rs"]
#[allow(dead_code)]
mod families;

fn main() {
    divan::main();
}

fn dev_notes() -> Vec<String> {
    let data = include_str!("../tests/corpus/dev.jsonl");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect()
}

fn text_of(len: usize) -> String {
    families::realistic(len)
}

#[divan::bench(args = 0..40)]
fn dev_note(bencher: divan::Bencher, i: usize) {
    let notes = dev_notes();
    let note = notes[i].clone();
    let opts = Options::default();
    bencher.bench(|| analyze(divan::black_box(&note), &opts));
}

#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 20)]
fn scaling(bencher: divan::Bencher, len: usize) {
    let t = text_of(len);
    let opts = Options::default();
    bencher.counter(divan::counter::BytesCount::new(t.len())).bench(|| analyze(divan::black_box(&t), &opts));
}

#[divan::bench(args = ["impaired ", "\n", "3 x 10 "], sample_count = 10)]
fn hostile(bencher: divan::Bencher, unit: &str) {
    let t = unit.repeat(100_000 / unit.len());
    let opts = Options::default();
    bencher.bench(|| analyze(divan::black_box(&t), &opts));
}
