//! The drafted statement invents nothing: every word and number outside `[placeholders]` is a
//! word or number of the note, or a declared template word.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let note = String::from_utf8_lossy(data);
    let d = skillmark::draft::draft(&note);
    let bad = common::invented_words(&note, &d.text);
    assert!(bad.is_empty(), "invented {bad:?}\nDraft: {}\nNote: {note:?}", d.text);
});
