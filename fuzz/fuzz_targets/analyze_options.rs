//! `analyze` under every option: unit rule, any `max_len` (the note is cut on a character
//! boundary), any set of disabled findings. The report keeps its invariants on the part read,
//! and a disabled finding never appears.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use skillmark::{findings::RULES, Options, UnitRule};

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
struct Input {
    rule_of_eights: bool,
    max_len: Option<u16>,
    disabled: u32,
    text: String,
}

fuzz_target!(|input: Input| {
    let disabled: Vec<String> = RULES.iter().enumerate().filter(|(i, _)| input.disabled >> (i % 32) & 1 == 1).map(|(_, r)| r.code.to_string()).collect();
    let options = Options {
        unit_rule: if input.rule_of_eights { UnitRule::RuleOfEights } else { UnitRule::Medicare },
        max_len: input.max_len.map_or(Options::default().max_len, usize::from),
        disabled: disabled.clone(),
    };
    let r = skillmark::analyze(&input.text, &options);
    let mut cut = input.text.len().min(options.max_len);
    while !input.text.is_char_boundary(cut) {
        cut -= 1;
    }
    assert_eq!(r.truncated, cut < input.text.len());
    common::check_report(&input.text[..cut], &r);
    for f in &r.findings {
        assert!(!disabled.iter().any(|d| d == f.code), "disabled finding {} reported", f.code);
    }
});
