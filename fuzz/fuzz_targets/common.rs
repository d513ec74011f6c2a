//! The report invariants every fuzz target checks (ARCHITECTURE.md, "Invariants").

#![allow(dead_code)]

use skillmark::{Label, Report};

/// Text the segmenter may leave between sentences: spaces, and bullets or list markers ("-",
/// "1.", "a)"), never a word.
fn blank(gap: &str) -> bool {
    gap.split_whitespace().all(|t| {
        let b = t.as_bytes();
        let marker = match b {
            [c, b'.' | b')'] if c.is_ascii_digit() => true,
            [c, b')'] if c.is_ascii_lowercase() => true,
            [d @ .., b'.' | b')'] => d.len() <= 3 && d.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        marker || !t.chars().any(char::is_alphanumeric)
    })
}

/// Offsets consistent in both encodings, sentences ordered and covering the text, spans inside
/// their sentence, checklist agreeing with the labels.
pub fn check_report(text: &str, r: &Report) {
    let chars: Vec<char> = text.chars().collect();
    // UTF-16 offset of every char offset.
    let mut u16_at = Vec::with_capacity(chars.len() + 1);
    let mut n = 0u32;
    for c in &chars {
        u16_at.push(n);
        n += c.len_utf16() as u32;
    }
    u16_at.push(n);
    let len = chars.len() as u32;
    assert_eq!((r.length, r.length16), (len, n), "report length");
    let span_ok = |what: &str, s: &skillmark::Span| {
        assert!(s.start <= s.end && s.end <= len, "{what} {s:?} outside the note of {len} chars");
        assert_eq!((s.start16, s.end16), (u16_at[s.start as usize], u16_at[s.end as usize]), "{what} {s:?}: UTF-16 offsets disagree");
    };

    // Sentences: ordered, non-empty, not overlapping; between them lies no word (only
    // spaces, line breaks, bullets, list numbers and other marks the segmenter leaves out).
    let mut last = 0u32;
    for s in &r.sentences {
        span_ok("sentence", &s.span);
        assert!(s.span.start < s.span.end, "empty sentence {:?}", s.span);
        assert!(s.span.start >= last, "sentences out of order or overlapping at {:?}", s.span);
        let gap: String = chars[last as usize..s.span.start as usize].iter().collect();
        assert!(blank(&gap), "text between sentences is not covered: {gap:?}");
        last = s.span.end;
    }
    let tail: String = chars[last as usize..].iter().collect();
    assert!(blank(&tail), "text after the last sentence is not covered: {tail:?}");

    // Spans: inside a sentence whose labels include theirs; a sentence's labels are its spans'.
    let containing = |a: u32, b: u32| {
        let k = r.sentences.partition_point(|s| s.span.end < b);
        r.sentences[k.min(r.sentences.len())..].iter().take_while(move |s| s.span.start <= a).filter(move |s| s.span.start <= a && b <= s.span.end)
    };
    for a in &r.annotations {
        span_ok("annotation", &a.span);
        assert!(
            containing(a.span.start, a.span.end).any(|s| s.labels.contains(&a.label)),
            "annotation {:?} {:?} is not inside a sentence labelled with it",
            a.label,
            a.span
        );
    }
    let mut k = 0;
    for s in &r.sentences {
        while k < r.annotations.len() && r.annotations[k].span.start < s.span.start {
            k += 1;
        }
        for l in &s.labels {
            let has = r.annotations[k..].iter().take_while(|a| a.span.start <= s.span.end).any(|a| a.label == l && a.span.end <= s.span.end);
            assert!(has, "sentence {:?} is labelled {l:?} without a span of it", s.span);
        }
    }

    // Checklist.
    let any = |l: Label| r.sentences.iter().any(|s| s.labels.contains(&l));
    let c = &r.checklist;
    assert_eq!(
        [c.what, c.why, c.how, c.outcome, c.measure, c.time],
        [any(Label::What), any(Label::Why), any(Label::How), any(Label::Outcome), any(Label::Measure), any(Label::Time)],
        "checklist disagrees with the sentence labels"
    );
    assert_eq!(c.unskilled > 0, any(Label::Unskilled), "unskilled count disagrees with the labels");

    // Findings, suggestions and billing spans.
    let mut prev = 0;
    for f in &r.findings {
        span_ok("finding", &f.span);
        assert!(f.span.start >= prev, "findings out of order");
        prev = f.span.start;
        assert!(!f.message.is_empty());
        if let Some(s) = &f.suggestion {
            span_ok("suggestion", &s.span);
        }
    }
    for b in &r.billing.codes {
        span_ok("billing", &b.span);
    }
}

/// Words of a draft outside `[placeholders]` that are neither a note word, a number of the note,
/// nor a template word (tests/draft.rs holds the same property over generated notes).
pub fn invented_words(note: &str, draft: &str) -> Vec<String> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '/').map(|w| w.trim_matches(['.', '/']).to_string()).filter(|w| !w.is_empty()).collect()
    };
    let mut body = String::new();
    let mut depth = 0i32;
    for c in draft.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => body.push(c),
            _ => {}
        }
    }
    let note_lower = note.to_lowercase();
    let mut note_words = std::collections::HashSet::new();
    for w in words(&note_lower) {
        for p in w.split(['/', '.']).filter(|p| !p.is_empty()) {
            note_words.insert(p.to_string());
            // The tokenizer splits letters from digits ("eak3" is "eak" "3", "VORx1").
            for q in p.split(|c: char| c.is_ascii_digit()).filter(|q| !q.is_empty()) {
                note_words.insert(q.to_string());
            }
        }
        note_words.insert(w);
    }
    words(&body.to_lowercase())
        .into_iter()
        .filter(|w| {
            let ok = if w.chars().any(|c| c.is_ascii_digit()) {
                note_lower.contains(w.as_str())
            } else {
                note_words.contains(w) || skillmark::draft::TEMPLATE_WORDS.contains(&w.as_str()) || w.split('/').all(|p| note_words.contains(p))
                    // The noun of a note word (`phrase::NOMINALS`), or an inflection of one
                    // ("graded" -> "grading", "modified" -> "modifying").
                    || skillmark::draft::phrase::NOMINALS.iter().any(|(f, n)| n == w && note_words.contains(*f))
                    || note_words.iter().any(|n| {
                        skillmark::lexicon::inflection_of(n, w)
                            || n.strip_suffix("ied").zip(w.strip_suffix("ying")).is_some_and(|(a, b)| a == b && a.len() >= 3)
                    })
            };
            !ok
        })
        .collect()
}
