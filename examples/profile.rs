//! Analyses 100 KB of realistic text N times (default 3), or with `dev` each of the 40 dev notes
//! N times, for a profiler: `valgrind --tool=callgrind target/release/examples/profile 4` counts
//! instructions, which, unlike wall time on a shared machine, do not vary between runs.
//! The word lists and the learned model are built first, once (`profile 0` costs only that), so
//! `(cost(N) - cost(0)) / N` is the cost of one pass; with `--toggle-collect=profile::pass`
//! callgrind counts only the passes (total / N). `note=I` profiles the dev note I alone.
#[path = "../benches/common/families.rs"]
#[allow(dead_code)]
mod families;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dev = args.iter().any(|a| a == "dev");
    let n: usize = args.iter().find_map(|s| s.parse().ok()).unwrap_or(3);
    // `note=I`: only the dev note I (0-based), to find the notes that cost most.
    let only: Option<usize> = args.iter().find_map(|s| s.strip_prefix("note=")?.parse().ok());
    let mut texts: Vec<String> = if dev || only.is_some() {
        include_str!("../tests/corpus/dev.jsonl")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
            .collect()
    } else {
        vec![families::realistic(100_000)]
    };
    if let Some(i) = only {
        texts = vec![texts.swap_remove(i)];
    }
    let opts = skillmark::Options::default();
    std::hint::black_box(skillmark::analyze("Warm-up: balance training 3 x 10.", &opts));
    for _ in 0..n {
        pass(&texts, &opts);
    }
}

/// One pass over the texts, a function of its own so that callgrind can count only the passes:
/// `valgrind --tool=callgrind --toggle-collect=profile::pass target/release/examples/profile dev 4`.
#[inline(never)]
fn pass(texts: &[String], opts: &skillmark::Options) {
    for t in texts {
        std::hint::black_box(skillmark::analyze(std::hint::black_box(t), opts));
    }
}
