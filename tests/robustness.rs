//! The engine never panics, keeps offsets consistent, and costs linear time on hostile input.

use proptest::prelude::*;
use skillmark::{analyze, Options, Report};

/// Every span lies inside the note, in both units, and sentences are ordered without overlap.
fn assert_consistent(text: &str, r: &Report) {
    let chars = text.chars().count() as u32;
    let units = text.encode_utf16().count() as u32;
    assert_eq!((r.length, r.length16), (chars, units));
    let mut last = 0;
    for s in &r.sentences {
        assert!(s.span.start >= last && s.span.start < s.span.end && s.span.end <= chars, "{:?}", s.span);
        assert!(s.span.start16 <= s.span.end16 && s.span.end16 <= units);
        last = s.span.end;
    }
    for a in &r.annotations {
        assert!(a.span.start <= a.span.end && a.span.end <= chars);
        assert!(a.span.start16 <= a.span.end16 && a.span.end16 <= units);
    }
    for f in &r.findings {
        assert!(f.span.end <= chars && f.span.end16 <= units);
        if let Some(s) = &f.suggestion {
            assert!(s.span.start <= s.span.end && s.span.end <= chars);
        }
    }
}

/// The UTF-16 offsets really index the same text as the scalar offsets.
fn assert_utf16_agrees(text: &str, r: &Report) {
    let chars: Vec<char> = text.chars().collect();
    let units: Vec<u16> = text.encode_utf16().collect();
    for a in &r.annotations {
        let by_char: String = chars[a.span.start as usize..a.span.end as usize].iter().collect();
        let by_u16 = String::from_utf16(&units[a.span.start16 as usize..a.span.end16 as usize]).unwrap();
        assert_eq!(by_char, by_u16);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_is_fine(text in any::<String>()) {
        let r = analyze(&text, &Options::default());
        assert_consistent(&text, &r);
    }

    #[test]
    fn clinical_looking_text_is_fine(parts in proptest::collection::vec(prop_oneof![
        Just("Tandem stance 3 x 30 s"), Just(" "), Just(". "), Just("\n"), Just("\r\n"), Just("S:"), Just("- "),
        Just("min A"), Just("97112 x 2 units (30 min)"), Just("😀"), Just("é"), Just("\u{0301}"), Just("\u{05d0}"),
        Just("to improve balance"), Just("Tolerated well"), Just("Berg 60/56"), Just("x"), Just("/"), Just("1."),
        Just("\u{0}"), Just("TUG -3 s"), Just("“"), Just("×"), Just("NMR"), Just("impaired"), Just("Goal:"),
    ], 0..60)) {
        let text: String = parts.concat();
        let r = analyze(&text, &Options::default());
        assert_consistent(&text, &r);
        assert_utf16_agrees(&text, &r);
    }
}

#[test]
fn hostile_inputs_finish() {
    let cases: Vec<String> = vec![
        "a".repeat(1 << 20),
        "\n".repeat(100_000),
        "\u{0301}".repeat(50_000),
        "\u{0}".repeat(10_000),
        "\u{05d0}\u{05d1} ".repeat(20_000),
        ". ".repeat(100_000),
        "x 3 ".repeat(50_000),
        "impaired ".repeat(50_000),
        "3/10 ".repeat(50_000),
        "- \n".repeat(50_000),
        "97112 x 2 units (30 min)\n".repeat(5_000),
    ];
    for t in &cases {
        let r = analyze(t, &Options::default());
        assert_consistent(t, &r);
    }
}

#[test]
fn long_notes_are_cut_at_max_len_on_a_char_boundary() {
    let t = "é".repeat(100);
    let r = analyze(&t, &Options { max_len: 51, ..Options::default() });
    assert!(r.truncated);
    assert_eq!(r.length, 25);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The ASCII fast path of the sentence splitter is UAX #29 exactly.
    #[test]
    fn ascii_sentence_rules_match_uax29(text in "[a-zA-Z0-9 .!?,;:()\"'\\-]{0,80}") {
        use unicode_segmentation::UnicodeSegmentation;
        let ours: Vec<(usize, &str)> = skillmark::segment::ascii_sentences(&text);
        let theirs: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        prop_assert_eq!(ours, theirs);
    }
}
