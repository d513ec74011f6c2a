//! Families of hostile and realistic text for the scaling checks (`benches/scaling.rs`,
//! `tests/robustness.rs`): each family is a note of any length made by repeating one pattern, so
//! the cost of 1 MB against 100 KB shows whether a stage is linear (ratio about 10).

#![allow(dead_code)]

/// `(name, head, unit)`: the note is `head` followed by `unit` repeated.
pub const FAMILIES: &[(&str, &str, &str)] = &[
    // A Plan section of "Cont POC." lines (each red flag asked whether the plan says more).
    ("plan_lines", "S: Pt reports no falls.\nO: Berg 44/56.\nA: Impaired balance.\nP:\n", "Cont POC.\n"),
    // Activities without a reason in their paragraph (one suggestion per finding).
    ("activities_without_reason", "", "Tandem stance 3 x 30 s.\nFor balance.\n"),
    // Many impairment purpose clauses with skills (the draft's phrase ranking and `how` hits).
    (
        "purpose_clauses",
        "TUG 15 s (last visit 13 s). ",
        "Tandem stance on foam 3 x 30 s to improve impaired ankle proprioception with tactile cues at the ankles and CGA. ",
    ),
    // One sentence that never ends.
    ("one_long_sentence", "", "tandem stance on foam with CGA and tactile cues to improve balance, "),
    // 100,000 newlines at 100 KB.
    ("newlines", "", "\n"),
    // Digits and "x" (dose patterns).
    ("digits_and_x", "", "3 x 10 x 2x30s 1x "),
    // Right-to-left letters and combining marks.
    ("rtl_and_combining", "", "\u{05d0}\u{05d1}\u{0301} \u{0627}\u{0644}\u{0301}\u{0301}. "),
    // Unskilled wording and measure pairs in every sentence.
    ("red_flags_and_measures", "", "Pt tolerated well. Berg 44/56 -> 48/56. TUG 12 s (eval 15 s). Cont POC. "),
    // SOAP sections over and over.
    ("soap_sections", "", "S: Pt reports.\nO: Tandem stance 3 x 30 s.\nA: Impaired balance.\nP: Cont POC.\n"),
    // Billing lines, every one billed (the batch reviewer blanks them per sentence).
    ("billing_lines", "", "97112 x 2 units (30 min)\nNMR 38 min\n"),
];

/// `head` then `unit` repeated up to `len` bytes (cut on a character boundary).
pub fn make(head: &str, unit: &str, len: usize) -> String {
    let mut t = String::with_capacity(len + unit.len());
    t.push_str(head);
    while t.len() < len {
        t.push_str(unit);
    }
    let mut cut = len.min(t.len());
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    t.truncate(cut);
    t
}

/// The texts of the dev notes.
fn dev_notes() -> Vec<String> {
    include_str!("../../tests/corpus/dev.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect()
}

/// Realistic text: the dev notes joined, up to `len` bytes.
pub fn realistic(len: usize) -> String {
    let notes = dev_notes();
    let mut t = String::with_capacity(len + 4096);
    let mut i = 0;
    while t.len() < len {
        t.push_str(&notes[i % notes.len()]);
        t.push_str("\n\n");
        i += 1;
    }
    make(&t, "", len)
}

/// One visit of a patient for the batch reviewer's scaling: the dev notes joined up to `len`
/// bytes, each copy's numbers of one to three digits shifted by the copy's place and the visit
/// (`visit`), so no two copies and no two visits are the same text (billing codes stay). The
/// sentences without numbers repeat, as carried-forward text does.
pub fn realistic_visit(len: usize, visit: usize) -> String {
    let notes = dev_notes();
    let mut t = String::with_capacity(len + 4096);
    let mut copy = 0;
    while t.len() < len {
        let note = &notes[(copy + visit) % notes.len()];
        let shift = copy + 7 * visit;
        let mut digits = String::new();
        for c in note.chars().chain(['\n']) {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            if !digits.is_empty() {
                match digits.parse::<usize>() {
                    Ok(n) if digits.len() <= 3 => t.push_str(&(n + shift).to_string()),
                    _ => t.push_str(&digits),
                }
                digits.clear();
            }
            t.push(c);
        }
        t.push('\n');
        copy += 1;
    }
    make(&t, "", len)
}

/// One visit of a patient made of distinct sentences that share most of their words (each line
/// numbered): the carried-forward index must not walk the shingles every line has.
pub fn numbered_visit(len: usize, visit: usize) -> String {
    let mut t = String::with_capacity(len + 128);
    let mut i = 0;
    while t.len() < len {
        t.push_str(&format!("Tandem stance on foam with CGA and tactile cues {i} times for balance deficits, visit {visit}.\n"));
        i += 1;
    }
    make(&t, "", len)
}

/// Every family, with the realistic one first: `(name, text of len bytes)`.
pub fn all(len: usize) -> Vec<(&'static str, String)> {
    let mut v = vec![("realistic", realistic(len))];
    v.extend(FAMILIES.iter().map(|(n, h, u)| (*n, make(h, u, len))));
    v
}

/// Text for the batch reviewer's redaction scanners: identifiers and their look-alikes repeated.
pub const REDACT_FAMILIES: &[(&str, &str)] = &[
    ("address_labels_on_one_line", "Address: "),
    ("label_token_run", "mrn-"),
    ("street_chain", "1 Main St, "),
    ("dates_and_phones", "on 3/4 555-123-4567 03/04/2024 March 4, 2024 92 y/o "),
];

use std::time::{Duration, Instant};

/// Time this thread has run on a CPU (Linux: `CLOCK_THREAD_CPUTIME_ID`, so time spent preempted
/// by other work on a busy machine does not count), else `None` (wall-clock time is used).
#[cfg(target_os = "linux")]
pub fn cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec (two 64-bit fields on 64-bit Linux).
    let ok = cfg!(target_pointer_width = "64") && unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    ok.then(|| Duration::new(t.sec as u64, t.nsec as u32))
}

/// Elsewhere: wall-clock time only.
#[cfg(not(target_os = "linux"))]
pub fn cpu_time() -> Option<Duration> {
    None
}

/// The fastest of `n` runs of `f`, in thread CPU time where available.
pub fn best(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| match cpu_time() {
            Some(t0) => {
                f();
                cpu_time().unwrap_or(t0).saturating_sub(t0)
            }
            None => {
                let t = Instant::now();
                f();
                t.elapsed()
            }
        })
        .min()
        .unwrap()
}
