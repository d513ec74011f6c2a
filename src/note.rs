//! A note read once: sentences, tokens, lexicon hits and labels, shared by every finding.

use crate::billing;
use crate::label::{Label, LabelSet};
use crate::labeller::{self, LSpan, MeasureValue};
use crate::lexicon::{Hit, Lexicon};
use crate::redflags;
use crate::report::Section;
use crate::segment::{self, Seg};
use crate::tokens::{self, Token};

/// Longest run of tokens labelled as one sentence (see [`Note::read`]).
const MAX_TOKENS: usize = 160;

/// One sentence and what the labeller found in it.
#[derive(Debug)]
pub struct Sent {
    /// Boundaries, paragraph and section.
    pub seg: Seg,
    /// Labels of the sentence.
    pub labels: LabelSet,
    /// Range into [`Note::tokens`].
    pub toks: std::ops::Range<usize>,
    /// Range into [`Note::hits`].
    pub hits: std::ops::Range<usize>,
}

/// The analysed note.
pub struct Note<'a> {
    /// The text (possibly cut at `max_len`).
    pub text: &'a str,
    /// Sentences in order.
    pub sents: Vec<Sent>,
    /// All tokens, sentence by sentence.
    pub tokens: Vec<Token>,
    /// All lexicon hits.
    pub hits: Vec<Hit>,
    /// Labelled spans, in order.
    pub spans: Vec<LSpan>,
    /// Billing items.
    pub billing: Vec<billing::Item>,
    /// Values of known measures.
    pub measures: Vec<MeasureValue>,
    /// Red flags that stand (with the sentence index).
    pub red_flags: Vec<(usize, redflags::Found)>,
}

impl<'a> Note<'a> {
    /// Reads `text`.
    pub fn read(text: &'a str) -> Note<'a> {
        let segs = segment::segment(text);
        let hits = Lexicon::get().scan(text);
        let mut note = Note {
            text,
            sents: Vec::with_capacity(segs.len()),
            tokens: Vec::new(),
            hits: Vec::new(),
            spans: Vec::new(),
            billing: Vec::new(),
            measures: Vec::new(),
            red_flags: Vec::new(),
        };
        let mut plan_alone: Vec<(usize, redflags::Found)> = Vec::new();
        let mut hi = 0;
        // Very long "sentences" (hostile or garbled text) are labelled in chunks of at most
        // MAX_TOKENS tokens, so every per-sentence rule stays bounded and the whole is linear.
        let mut chunks: Vec<(Seg, Vec<Token>)> = Vec::with_capacity(segs.len());
        for seg in segs {
            let toks = tokens::tokenize(text, seg.start, seg.end);
            if toks.len() <= MAX_TOKENS {
                chunks.push((seg, toks));
                continue;
            }
            let mut from = 0;
            while from < toks.len() {
                let mut to = (from + MAX_TOKENS).min(toks.len());
                if to < toks.len() {
                    if let Some(k) = (from + MAX_TOKENS / 2..to).rev().find(|&k| toks[k].is(',') || toks[k].is(';')) {
                        to = k + 1;
                    }
                }
                let start = if from == 0 { seg.start } else { toks[from].start };
                let end = if to == toks.len() { seg.end } else { toks[to - 1].end };
                chunks.push((Seg { start, end, ..seg.clone() }, toks[from..to].to_vec()));
                from = to;
            }
        }
        for (si, (seg, toks)) in chunks.into_iter().enumerate() {
            let t0 = note.tokens.len();
            note.tokens.extend(toks);
            let t1 = note.tokens.len();
            while hi < hits.len() && hits[hi].start < seg.start {
                hi += 1;
            }
            let h0 = note.hits.len();
            let mut hj = hi;
            while hj < hits.len() && hits[hj].start < seg.end {
                if hits[hj].end <= seg.end {
                    note.hits.push(hits[hj]);
                }
                hj += 1;
            }
            hi = hj;
            let h1 = note.hits.len();
            let out = labeller::label_sentence(text, &seg, &note.tokens[t0..t1], &note.hits[h0..h1]);
            let mut labels = LabelSet::default();
            for s in &out.spans {
                labels.insert(s.label);
            }
            note.spans.extend(out.spans);
            note.billing.extend(out.billing);
            note.measures.extend(out.measures);
            note.red_flags.extend(out.red_flags.into_iter().map(|f| (si, f)));
            plan_alone.extend(out.plan_alone_flags.into_iter().map(|f| (si, f)));
            note.sents.push(Sent { seg, labels, toks: t0..t1, hits: h0..h1 });
        }
        // "Continue per POC" is unskilled only when its sentence, and its Plan section, say
        // nothing else a reviewer could read as a decision.
        // Whether the Plan (and the combined A/P) section says anything else, computed once per
        // note: a plan of many "Cont POC." lines must not re-scan the plan per line.
        let decision = LabelSet(Label::What.bit() | Label::Why.bit() | Label::How.bit() | Label::Outcome.bit());
        let (mut plan_says_more, mut ap_says_more) = (false, false);
        if !plan_alone.is_empty() {
            for o in &note.sents {
                if o.labels.0 & (Label::How.bit() | Label::What.bit()) != 0 {
                    match o.seg.section {
                        Some(Section::Plan) => plan_says_more = true,
                        Some(Section::AssessmentPlan) => ap_says_more = true,
                        _ => {}
                    }
                }
            }
        }
        for (si, f) in plan_alone {
            let s = &note.sents[si];
            if s.labels.0 & decision.0 != 0 {
                continue;
            }
            let plan_says_more = match s.seg.section {
                Some(Section::Plan) => plan_says_more,
                Some(Section::AssessmentPlan) => ap_says_more,
                _ => false,
            };
            if plan_says_more {
                continue;
            }
            note.spans.push(LSpan { label: Label::Unskilled, start: f.start, end: f.end });
            note.sents[si].labels.insert(Label::Unskilled);
            note.red_flags.push((si, f));
        }
        note.spans.sort_by_key(|s| (s.start, s.end, s.label));
        note.red_flags.sort_by_key(|(_, f)| f.start);
        note
    }

    /// The text of sentence `i`.
    pub fn sent_text(&self, i: usize) -> &'a str {
        let s = &self.sents[i].seg;
        &self.text[s.start..s.end]
    }

    /// Labelled spans inside sentence `i`.
    /// Spans are sorted by start: a binary search, then only the spans that start inside.
    pub fn spans_in(&self, i: usize) -> impl Iterator<Item = &LSpan> {
        let s = &self.sents[i].seg;
        let (a, b) = (s.start, s.end);
        let from = self.spans.partition_point(|x| x.start < a);
        self.spans[from..].iter().take_while(move |x| x.start <= b).filter(move |x| x.end <= b)
    }

    /// True when any sentence carries `label`.
    pub fn has(&self, label: Label) -> bool {
        self.sents.iter().any(|s| s.labels.has(label))
    }
}
