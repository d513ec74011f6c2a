//! Scaling: `cargo bench --bench scaling` prints, per family of hostile and realistic text
//! (`benches/common/families.rs`), the time of 100 KB and of 1 MB and their ratio for the engine
//! (`analyze`), the drafted statement and SOAP draft (`draft`) and the batch reviewer (two visits of one patient
//! with redaction, and the HTML block: the same text twice per family, and two visits of
//! one patient that differ: `realistic_visits` and `numbered_lines`). Linear cost gives a ratio near 10; quadratic near 100.
//! Times are the fastest of several runs (analyze: 9 at 100 KB, 6 at 1 MB) in thread CPU time
//! (Linux), so other work on a busy
//! machine does not inflate them.
//! Exit status 1 when a ratio is over 13 or 1 MB of `analyze` takes 150 ms or more
//! (`SCALING_NO_FAIL=1` only prints).

use std::time::Duration;

use skillmark::review::{html, redact, Config, Reviewer, Visit};
use skillmark::{analyze, draft, Options};

#[path = "common/families.rs"]
mod families;

use families::best;

/// One patient's two visits of `len` bytes each, different text (numbers shifted per copy and
/// per visit, so most sentences are new), through the reviewer with redaction and the HTML block.
fn review_visits(len: usize, visit: fn(usize, usize) -> String) -> impl Fn() {
    let visits = [visit(len, 0), visit(len, 1)];
    move || {
        let mut rv = Reviewer::new(Config { redact: true, ..Config::default() });
        for (day, text) in visits.iter().enumerate() {
            let r = rv.review(Visit { id: "v", text, patient: Some("MRN-1"), date: Some(skillmark::review::Date(19_800 + day as i32)), therapist: None });
            std::hint::black_box(html::note(&r));
        }
    }
}

fn review_twice(text: &str) {
    let mut rv = Reviewer::new(Config { redact: true, ..Config::default() });
    for (id, day) in [("v1", 0), ("v2", 1)] {
        let r = rv.review(Visit { id, text, patient: Some("MRN-1"), date: Some(skillmark::review::Date(19_800 + day)), therapist: None });
        std::hint::black_box(html::note(&r));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes "--bench"; other arguments filter families by name.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    // SCALING_SMALL / SCALING_BIG change the two sizes (e.g. 1 MB and 4 MB, both out of cache).
    let size = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let (small, big) = (size("SCALING_SMALL", 100_000), size("SCALING_BIG", 1_000_000));
    let opts = Options::default();
    let mut bad = Vec::new();
    println!("{:<28} {:>9} {:>9} {:>6}   {:>9} {:>9} {:>6}   {:>9} {:>9} {:>6}", "family", "analyze", "1 MB", "ratio", "draft", "1 MB", "ratio", "review", "1 MB", "ratio");
    println!("{:<28} {:>9} {:>9} {:>6}   {:>9} {:>9} {:>6}   {:>9} {:>9} {:>6}", "", "100 KB ms", "ms", "", "100 KB ms", "ms", "", "100 KB ms", "ms", "");
    let pairs: Vec<((&str, String), (&str, String))> = families::all(small).into_iter().zip(families::all(big)).collect();
    for ((name, s), (_, b)) in pairs {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        // SCALING_ONLY=analyze (or draft, review) times one of the three (for profiling).
        let only = std::env::var("SCALING_ONLY").unwrap_or_default();
        let on = |w: &str| only.is_empty() || only == w;
        let zero = (Duration::from_nanos(1), Duration::from_nanos(1));
        let a = if on("analyze") { (best(9, || drop(analyze(&s, &opts))), best(6, || drop(analyze(&b, &opts)))) } else { zero };
        // The statement and the SOAP draft together.
        let both = |t: &str| {
            drop(draft::draft(t));
            drop(draft::soap::soap(t));
        };
        let d = if on("draft") { (best(7, || both(&s)), best(3, || both(&b))) } else { zero };
        let r = if on("review") { (best(5, || review_twice(&s)), best(2, || review_twice(&b))) } else { zero };
        let ratio = |x: (Duration, Duration)| x.1.as_secs_f64() / x.0.as_secs_f64().max(1e-9);
        println!(
            "{name:<28} {:>9.2} {:>9.2} {:>6.1}   {:>9.2} {:>9.2} {:>6.1}   {:>9.2} {:>9.2} {:>6.1}",
            ms(a.0), ms(a.1), ratio(a), ms(d.0), ms(d.1), ratio(d), ms(r.0), ms(r.1), ratio(r)
        );
        for (what, x) in [("analyze", a), ("draft", d), ("review", r)] {
            if ratio(x) > 13.0 {
                bad.push(format!("{name}: {what} 1 MB / 100 KB = {:.1}", ratio(x)));
            }
        }
        if on("analyze") && ms(a.1) >= 150.0 {
            bad.push(format!("{name}: analyze of 1 MB takes {:.0} ms", ms(a.1)));
        }
    }
    // The reviewer on one patient's growing visits of different text (carried-forward text is
    // compared across them): issue 22, two 1 MB visits took ~5 s against 0.17 s for two patients.
    println!("\n{:<28} {:>9} {:>9} {:>6}", "review: one patient, 2 visits", "100 KB ms", "1 MB ms", "ratio");
    let visits: [(&str, fn(usize, usize) -> String); 2] = [("realistic_visits", families::realistic_visit), ("numbered_lines", families::numbered_visit)];
    for (name, visit) in visits {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let (s, b) = (review_visits(small, visit), review_visits(big, visit));
        let x = (best(5, &s), best(2, &b));
        let ratio = x.1.as_secs_f64() / x.0.as_secs_f64().max(1e-9);
        println!("{name:<28} {:>9.2} {:>9.2} {:>6.1}", ms(x.0), ms(x.1), ratio);
        if ratio > 13.0 {
            bad.push(format!("{name}: review of one patient's visits, 1 MB / 100 KB = {ratio:.1}"));
        }
    }
    println!("\n{:<28} {:>9} {:>9} {:>6}", "redaction family", "100 KB ms", "1 MB ms", "ratio");
    for (name, unit) in families::REDACT_FAMILIES {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let (s, b) = (families::make("", unit, small), families::make("", unit, big));
        let x = (best(5, || drop(redact::redact(&s))), best(3, || drop(redact::redact(&b))));
        let ratio = x.1.as_secs_f64() / x.0.as_secs_f64().max(1e-9);
        println!("{name:<28} {:>9.2} {:>9.2} {:>6.1}", ms(x.0), ms(x.1), ratio);
        if ratio > 13.0 {
            bad.push(format!("{name}: redact 1 MB / 100 KB = {ratio:.1}"));
        }
    }
    if !bad.is_empty() {
        println!("\nNot linear or too slow:\n  {}", bad.join("\n  "));
        if std::env::var_os("SCALING_NO_FAIL").is_none() {
            std::process::exit(1);
        }
    }
}
