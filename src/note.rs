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

/// The order of a note's spans: by start, end, then label (`label as usize` orders labels as
/// `Label`'s derived `Ord` does, declaration order).
pub(crate) fn span_key(s: &LSpan) -> (usize, usize, usize) {
    (s.start, s.end, s.label as usize)
}

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
    /// The labeller's sentence roles (`labeller::ROLE_*`).
    pub roles: u8,
    /// Labels a cancelling context rules out in the sentence (`SentenceOut::blocked`).
    pub blocked: u8,
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
    /// Placeholders left in the note (byte range and text as written); the text was read with
    /// them blanked out (`crate::placeholder`). Filled by `analyze`.
    pub placeholders: Vec<(usize, usize, String)>,
    /// Per label of [`crate::learned::LEARNED`], the learned layer's evidence that some sentence
    /// states the element: the sum over the sentences it finds likeliest to
    /// ([`crate::learned::EVIDENCE_OF`]) of ln(1 + e^z), z the sentence's log-odds, in
    /// thousandths ([`crate::learned::softplus`]). Read as independent guesses, the probability
    /// that none of them states it is e^(-evidence / 1000). `None` when no model read
    /// the note (the rules alone). Filled by `crate::learned::apply`; the `missing_*` findings
    /// read it (`crate::findings::certainty`).
    pub evidence: Option<[u32; 5]>,
    /// The billing arithmetic ([`Note::billing_check`]), worked out once: the report and two
    /// findings read it.
    check: std::cell::OnceCell<(crate::UnitRule, billing::Check)>,
}

impl<'a> Note<'a> {
    /// Reads `text` with the rules alone (the learned layer weighs them after:
    /// `crate::learned::read`).
    pub fn read(text: &'a str) -> Note<'a> {
        Note::read_rules(text, text)
    }

    /// Reads `text`, whose placeholders are blanked (`crate::placeholder`), with the sentences of
    /// `original` (same length): a placeholder stays inside its sentence but carries no label.
    /// The labels are the rules' alone; `crate::learned::read` then weighs them.
    pub fn read_rules(text: &'a str, original: &str) -> Note<'a> {
        debug_assert_eq!(text.len(), original.len());
        let segs = segment::segment(if original.len() == text.len() { original } else { text });
        let hits = Lexicon::get().scan(text);
        let mut note = Note {
            text,
            sents: Vec::with_capacity(segs.len()),
            // About one token per 4 bytes of clinical text, one per 3 in dense lines ("3 x 10,
            // 2x30s"): sized so that the list is never copied; pages never written cost nothing.
            tokens: Vec::with_capacity(text.len() / 3 + 16),
            // Every hit but one crossing a sentence's end is kept; about one span per hit.
            hits: Vec::with_capacity(hits.len()),
            spans: Vec::with_capacity(hits.len() + segs.len()),
            billing: Vec::new(),
            measures: Vec::new(),
            red_flags: Vec::new(),
            placeholders: Vec::new(),
            evidence: None,
            check: std::cell::OnceCell::new(),
        };
        let mut plan_alone: Vec<(usize, redflags::Found)> = Vec::new();
        let mut hi = 0;
        // Very long "sentences" (hostile or garbled text) are labelled in chunks of at most
        // MAX_TOKENS tokens, so every per-sentence rule stays bounded and the whole is linear.
        // Tokens go straight into `note.tokens`; a chunk is a range of them.
        let mut chunks: Vec<(Seg, usize, usize)> = Vec::with_capacity(segs.len());
        for seg in segs {
            let base = note.tokens.len();
            tokens::tokenize_into(text, seg.start, seg.end, &mut note.tokens);
            let toks = &note.tokens[base..];
            if toks.len() <= MAX_TOKENS {
                chunks.push((seg, base, note.tokens.len()));
                continue;
            }
            let mut from = 0;
            let mut chunk_start = seg.start;
            while from < toks.len() {
                let mut to = (from + MAX_TOKENS).min(toks.len());
                if to < toks.len() {
                    if let Some(k) = (from + MAX_TOKENS / 2..to).rev().find(|&k| toks[k].is(',') || toks[k].is(';')) {
                        to = k + 1;
                    }
                }
                // Chunks tile the sentence: text between two tokens (spaces, or a blanked
                // placeholder) belongs to the chunk before it.
                let start = chunk_start;
                let end = if to == toks.len() { seg.end } else { toks[to].start };
                chunks.push((Seg { start, end, ..seg.clone() }, base + from, base + to));
                chunk_start = end;
                from = to;
            }
        }
        // Under an intervention heading ("Interventions:", "NMR:", "Treatment:") until a blank
        // line: the lines listed there name delivered activities.
        let mut list_under = false;
        let mut part = crate::labeller::Part::Other;
        // The paragraph a field label's part holds for (`u32::MAX`: a heading's, until a blank line).
        let mut part_para = u32::MAX;
        let mut prev_end = 0;
        for (si, (seg, t0, t1)) in chunks.into_iter().enumerate() {
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
            let (stoks, shits) = (&note.tokens[t0..t1], &note.hits[h0..h1]);
            let heading = labeller::is_intervention_heading(text, stoks, shits);
            // A blank line, a SOAP header or another heading ends the list.
            let gap = &text[prev_end.min(seg.start)..seg.start];
            // (Byte loops: the gap is a few spaces, and a string searcher per sentence costs more.)
            let breaks = gap.bytes().filter(|&b| b == b'\n').count();
            let blank = breaks >= 2 && gap.split('\n').skip(1).any(|l| l.trim().is_empty());
            // A new line that is not a list item ends it too.
            // (The note's first line starts a line too.)
            let new_line = breaks > 0 || text[..seg.start].trim().is_empty();
            let marker = gap[gap.bytes().rposition(|b| b == b'\n').map_or(0, |p| p + 1)..].trim();
            let item = !marker.is_empty()
                && (matches!(marker, "-" | "*" | "•" | "–" | "·" | "▪" | "◦")
                    || marker.trim_end_matches(['.', ')']).bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()) && marker.len() <= 4);
            if seg.header || blank || labeller::is_heading(stoks) || (new_line && !item) {
                list_under = false;
            }
            let listed = list_under;
            list_under |= heading;
            // The report part (history, goals, plan) named by the last heading line, until a
            // blank line or another heading; a field label names the part of its own line and the
            // rest of its paragraph.
            if seg.header || blank || (part_para != u32::MAX && seg.paragraph != part_para) {
                part = labeller::Part::Other;
            }
            let mut this_part = part;
            if seg.header || labeller::is_heading(stoks) {
                part = if seg.header { labeller::Part::Other } else { labeller::part_named(text, stoks) };
                part_para = u32::MAX;
                this_part = labeller::Part::Other;
            } else if let Some(label) = labeller::field_label(stoks) {
                let named = labeller::part_named(text, label);
                // At the start of a line it names the rest of the line; inside a line ("... 1 LOB.
                // Goal: return to practice. 97112 x 2") only its own sentence, unless a part is
                // already in force: in "Goal: ... Method: balance training ..." one paragraph
                // holds the parts in turn.
                if new_line || part != labeller::Part::Other && named != labeller::Part::Other {
                    part = named;
                    part_para = seg.paragraph;
                }
                this_part = named;
            }
            prev_end = seg.end;
            let out = labeller::label_sentence(text, &seg, stoks, shits, listed, this_part);
            let mut labels = LabelSet::default();
            for s in &out.spans {
                labels.insert(s.label);
            }
            // Each sentence's spans in the note's order: the sort of the whole note below then
            // finds them in order (or for a tail of plan-alone flags) and moves nothing.
            let from = note.spans.len();
            note.spans.extend(out.spans);
            crate::order::sort_small_by_key(&mut note.spans[from..], span_key);
            note.billing.extend(out.billing);
            note.measures.extend(out.measures);
            note.red_flags.extend(out.red_flags.into_iter().map(|f| (si, f)));
            plan_alone.extend(out.plan_alone_flags.into_iter().map(|f| (si, f)));
            note.sents.push(Sent { seg, labels, toks: t0..t1, hits: h0..h1, roles: out.roles, blocked: out.blocked });
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
        crate::order::sort_by_key(&mut note.spans, span_key);
        crate::order::sort_by_key(&mut note.red_flags, |(_, f)| f.start);
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

    /// `billing::check` of the note's billing items under `rule`, worked out once per note (a
    /// second rule, which no analysis asks for, is worked out again).
    pub fn billing_check(&self, rule: crate::UnitRule) -> std::borrow::Cow<'_, billing::Check> {
        match self.check.get_or_init(|| (rule, billing::check(&self.billing, rule))) {
            (r, c) if *r == rule => std::borrow::Cow::Borrowed(c),
            _ => std::borrow::Cow::Owned(billing::check(&self.billing, rule)),
        }
    }

    /// True when any sentence carries `label`.
    pub fn has(&self, label: Label) -> bool {
        self.sents.iter().any(|s| s.labels.has(label))
    }
}

#[cfg(test)]
mod tests {
    use super::Note;
    use crate::label::Label;

    fn labelled(text: &str, phrase: &str, label: Label) -> bool {
        let note = Note::read(text);
        let s = text.find(phrase).unwrap();
        note.spans.iter().any(|x| x.label == label && x.start < s + phrase.len() && x.end > s)
    }

    #[test]
    fn lines_under_an_intervention_heading_name_activities() {
        let t = "Interventions:\n- Anodyne to B feet\n- Zumba steps in parallel bars\n\nPlan: reassess next week.";
        assert!(labelled(t, "Anodyne", Label::What));
        assert!(labelled(t, "Zumba steps", Label::What));
        // The list ends with its paragraph, and a heading of another kind opens none.
        assert!(!labelled(t, "reassess", Label::What));
        let t = "Deficits:\nVestibular hypofunction";
        assert!(!labelled(t, "Vestibular", Label::What));
    }
}
