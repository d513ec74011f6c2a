//! Analyses 100 KB of realistic text N times (default 3), for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile 4` counts instructions, which,
//! unlike wall time on a shared machine, do not vary between runs.
#[path = "../benches/common/families.rs"]
#[allow(dead_code)]
mod families;
fn main() {
    let t = families::realistic(100_000);
    let opts = skillmark::Options::default();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    for _ in 0..n { std::hint::black_box(skillmark::analyze(std::hint::black_box(&t), &opts)); }
}
