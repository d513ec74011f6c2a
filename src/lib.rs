//! Skillmark: checks CPT 97112 treatment notes for skilled-care documentation, locally.
//!
//! One entry point, [`analyze`], reads a note and returns a [`Report`]: every sentence with its
//! labels (`what why how outcome measure time unskilled`), the labelled spans, the note's
//! checklist, and findings with a message, rule source and, where one fits, a suggestion with
//! visible placeholders. The engine is pure: no I/O, no DOM, no clock, no randomness, and it never
//! fails on any input (bad options are the caller's concern, see [`Options`]).
//!
//! ```
//! let r = skillmark::analyze("Balance ex. Tolerated well. 97112 x 2 units (30 min).", &Default::default());
//! assert!(r.checklist.what && !r.checklist.why && r.checklist.unskilled == 1);
//! assert!(r.findings.iter().any(|f| f.code == "missing_why"));
//! ```
#![deny(missing_docs)]

pub mod billing;
pub mod blocks;
pub mod codes;
pub mod context;
pub mod draft;
pub mod findings;
pub mod label;
pub mod labeller;
pub mod learned;
pub mod lexicon;
pub mod measures;
pub mod morphology;
pub mod note;
mod offsets;
mod order;
pub mod options;
pub mod placeholder;
pub mod progress;
pub mod redflags;
pub mod report;
pub mod review;
pub mod segment;
pub mod source;
pub mod suggest;
pub mod tokens;
#[cfg(any(feature = "wasm", test))]
mod unpack;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use label::{Label, LabelSet};
pub use options::{Options, UnitRule};
pub use report::{Annotation, Checklist, Finding, Report, Section, Sentence, Severity, Span, Suggestion};

use offsets::OffsetMap;

/// Analyses one note. Never panics, never fails; cost is linear in the length of the note.
pub fn analyze(text: &str, options: &Options) -> Report {
    analyze_with(text, options, Some(learned::Model::get()))
}

/// [`analyze`] with another learned model, or the rules alone (`None`): for the trainer's
/// cross-validation and the ablation (`examples/learn.rs`).
#[doc(hidden)]
pub fn analyze_with(text: &str, options: &Options, model: Option<&learned::Model>) -> Report {
    let whole = text.len();
    let text = options.checked(text);
    let truncated = text.len() < whole;
    // Placeholders a suggestion left are read as blanks: they never count as content.
    let holes = placeholder::find(text);
    let masked = placeholder::mask(text, &holes);
    let mut note = learned::read(masked.as_deref().unwrap_or(text), text, model);
    note.placeholders = holes.iter().map(|&(s, e)| (s, e, text[s..e].to_string())).collect();
    let raw = findings::run(&note, options);
    let bill = note.billing_check(options.unit_rule);

    // A sentence is reported without the white space that ends it: a long sentence labelled in
    // chunks (`note.rs`) keeps the spaces before the next chunk inside its chunk, so that chunks
    // tile the sentence; its span, and a finding's or label's span that ends with it, stop at the
    // last word.
    // Each sentence is scanned once from its end (sentences do not overlap).
    let ends: Vec<usize> = note
        .sents
        .iter()
        .map(|s| s.seg.start + text.get(s.seg.start..s.seg.end).map_or(s.seg.end - s.seg.start, |t| t.trim_end().len()))
        .collect();
    // `start..end` trimmed, `i` the first sentence that does not end before `end`.
    let trimmed_in = |i: usize, start: usize, end: usize| -> usize {
        match note.sents.get(i) {
            Some(s) if s.seg.end == end && ends[i] >= start && ends[i] < end => ends[i],
            _ => end,
        }
    };
    let trimmed = |start: usize, end: usize| trimmed_in(note.sents.partition_point(|s| s.seg.end < end), start, end);
    let raw: Vec<_> = raw
        .into_iter()
        .map(|mut f| {
            f.end = trimmed(f.start, f.end);
            f
        })
        .collect();
    // The spans' trimmed ends, worked out once for the offsets and the annotations. Spans come
    // in order, so their ends mostly rise: the sentence of each is found by a cursor moving
    // forward (a binary search when an end falls back).
    let span_ends: Vec<usize> = {
        let (mut i, mut last) = (0, 0);
        note.spans
            .iter()
            .map(|sp| {
                let end = sp.end;
                if end < last {
                    i = note.sents.partition_point(|s| s.seg.end < end);
                } else {
                    while i < note.sents.len() && note.sents[i].seg.end < end {
                        i += 1;
                    }
                }
                last = end;
                trimmed_in(i, sp.start, end)
            })
            .collect()
    };

    // Every byte offset the report needs, converted in one pass.
    // (An ASCII note needs no table: every byte offset is its own.)
    let mut wanted = Vec::new();
    if !text.is_ascii() {
        wanted = Vec::with_capacity(
            2 + 2 * (note.sents.len() + note.spans.len() + note.billing.len()) + 4 * raw.len(),
        );
        wanted.extend([0, text.len()]);
        for (s, &end) in note.sents.iter().zip(&ends) {
            wanted.extend([s.seg.start, end]);
        }
        for (s, &end) in note.spans.iter().zip(&span_ends) {
            wanted.extend([s.start, s.end, end]);
        }
        for f in &raw {
            wanted.extend([f.start, f.end]);
            if let Some(s) = &f.suggestion {
                wanted.extend([s.start, s.end]);
            }
        }
        for b in &note.billing {
            wanted.extend([b.start, b.end]);
        }
    }
    let map = OffsetMap::new(text, wanted);
    let full = map.span(0, text.len());

    let sentences = note
        .sents
        .iter()
        .zip(&ends)
        .map(|(s, &end)| Sentence {
            span: map.span(s.seg.start, end),
            labels: s.labels,
            paragraph: s.seg.paragraph,
            section: s.seg.section,
            header: s.seg.header,
        })
        .collect();
    let annotations =
        note.spans.iter().zip(&span_ends).map(|(s, &end)| Annotation { label: s.label, span: map.span(s.start, end) }).collect();
    let checklist = Checklist {
        what: note.has(Label::What),
        why: note.has(Label::Why),
        how: note.has(Label::How),
        outcome: note.has(Label::Outcome),
        measure: note.has(Label::Measure),
        time: note.has(Label::Time),
        unskilled: note.red_flags.len() as u32,
    };
    let findings = raw
        .into_iter()
        .map(|f| Finding {
            code: f.rule.code,
            severity: f.severity.unwrap_or(f.rule.severity),
            message: f.message,
            source: f.source.unwrap_or(&f.rule.source),
            span: map.span(f.start, f.end),
            suggestion: f.suggestion.map(|s| Suggestion { title: s.title, span: map.span(s.start, s.end), text: s.text }),
        })
        .collect();
    let billing = report::Billing {
        codes: note
            .billing
            .iter()
            .filter(|b| !b.total)
            .map(|b| report::BilledCode {
                code: b.code.clone(),
                minutes: b.minutes,
                units: b.units,
                timed: b.code.as_deref().is_none_or(billing::is_timed),
                span: map.span(b.start, b.end),
            })
            .collect(),
        total_timed_minutes: bill.minutes,
        total_units: bill.units,
        supported_units: bill.supported,
        per_code: bill
            .codes
            .iter()
            .map(|c| report::CodeTotal { code: c.code.clone(), minutes: c.minutes, units: c.units, counted: c.counted })
            .collect(),
        notice: bill.notice.clone(),
    };
    Report {
        length: full.end,
        length16: full.end16,
        sentences,
        annotations,
        checklist,
        findings,
        billing,
        truncated,
    }
}
