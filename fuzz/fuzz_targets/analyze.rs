//! `analyze` on arbitrary text: never panics, never loops (run with `-timeout=10`), and every
//! report keeps its invariants (`common::check_report`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let r = skillmark::analyze(&text, &skillmark::Options::default());
    assert!(!r.truncated);
    common::check_report(&text, &r);
});
