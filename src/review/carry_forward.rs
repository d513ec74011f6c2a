//! Carried-forward text: sentences repeated nearly word for word from a patient's earlier visits.
//!
//! Why: payers and their contractors deny and recoup visits whose notes are "worded exactly like
//! or similar to previous entries" (cloned documentation: NGS Medicare, "Cloned Documentation";
//! MBPM 100-02 ch.15 §220.3 asks each treatment note to record *that day's* treatment and the
//! patient's response). A reviewer wants to see which sentences were carried forward.
//!
//! How:
//! * **Normalise** a sentence: lower-case, words are runs of letters and digits, punctuation and
//!   spacing are ignored. **Numbers are kept as words**: a sentence copied with its measures
//!   updated ("Berg 45/56, was 41/56") carries the visit-specific evidence MBPM §220.1 asks for,
//!   so changing a number makes the sentence less similar (one changed number in a 12-word
//!   sentence gives a Jaccard of about 0.5). A reviewer who wants "same sentence, new numbers" to
//!   count as cloning can lower `--similarity`.
//! * **Shingle** it into word 3-grams, hashed to `u32` (FNV-1a, so results are reproducible);
//!   the sentence is a *set* of shingles. Sentences of fewer than [`MIN_WORDS`] words (headers,
//!   "Pt seen.", billing lines once their billing text is blanked by the caller) are skipped: they
//!   repeat for innocent reasons.
//! * **Compare** with exact Jaccard similarity |A ∩ B| / |A ∪ B| against every sentence of the
//!   patient's last [`WINDOW`] visits, through one sorted `(shingle, sentence)` array per
//!   patient: each distinct sentence's shingles are looked up in it, and the overlaps with the
//!   remembered sentences that share a shingle are counted in one reused array.
//!   Exact Jaccard beats MinHash here: sentences are short (10-30 shingles), so the exact set
//!   is both smaller than a useful MinHash signature and free of estimation error.
//!
//! Memory per patient is bounded: only the last [`WINDOW`] visits are kept (8 bytes per
//! shingle), which is what copy-forward needs: a text carried through every visit matches the
//! previous visit each time.

use std::collections::VecDeque;

/// Sentences with fewer words than this are not compared.
pub const MIN_WORDS: usize = 6;
/// How many earlier visits of a patient are remembered.
pub const WINDOW: usize = 6;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The sorted, de-duplicated shingle hashes of a sentence; `None` when it is too short to compare.
pub fn shingles(sentence: &str) -> Option<Vec<u32>> {
    let mut words: Vec<u64> = Vec::with_capacity(32);
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    for c in sentence.chars() {
        if c.is_ascii_alphanumeric() {
            h = (h ^ u64::from(c.to_ascii_lowercase() as u8)).wrapping_mul(FNV_PRIME);
            in_word = true;
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
            in_word = true;
        } else if in_word {
            words.push(h);
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        words.push(h);
    }
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut out: Vec<u32> = words
        .windows(3)
        .map(|w| {
            let x = w[0].wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ w[1].rotate_left(21).wrapping_mul(0xc2b2_ae3d_27d4_eb4f) ^ w[2].rotate_left(42);
            let x = (x ^ (x >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            (x >> 32) as u32
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Jaccard similarity of two sorted shingle sets.
pub fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// The best earlier match of one sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match<'h, T> {
    /// What the caller stored for the earlier visit (its id and date).
    pub visit: &'h T,
    /// Jaccard similarity with the earlier sentence, 0-1.
    pub similarity: f32,
}

/// One patient's remembered sentences: the last [`WINDOW`] visits.
#[derive(Clone, Debug)]
pub struct History<T> {
    /// `(shingle << 32) | slot`, sorted: one entry per shingle of every remembered sentence.
    entries: Vec<u64>,
    /// Shingle count of each remembered sentence; `sizes[i]` is slot `base + i`.
    sizes: VecDeque<u32>,
    base: u32,
    /// Each remembered visit: its first slot and the caller's data.
    visits: VecDeque<(u32, T)>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History { entries: Vec::new(), sizes: VecDeque::new(), base: 0, visits: VecDeque::new() }
    }
}

impl<T> History<T> {
    /// For each sentence (`None` = not compared), its most similar sentence in the remembered
    /// visits when that similarity is at least `threshold` (the latest visit on a tie).
    pub fn find(&self, sentences: &[Option<Vec<u32>>], threshold: f32) -> Vec<Option<Match<'_, T>>> {
        // Per distinct sentence: each of its shingles is looked up in the sorted entries, and
        // the overlap with every remembered sentence that shares one is counted in one reused
        // array (only the touched slots are read back and cleared). Memory stays at one counter
        // per remembered sentence, and identical sentences (a line repeated through a long
        // note) are compared once.
        let slots = self.sizes.len();
        let mut counts = vec![0u32; slots];
        let mut touched: Vec<usize> = Vec::new();
        let mut known: std::collections::HashMap<&[u32], Option<(f32, usize)>> = std::collections::HashMap::new();
        sentences
            .iter()
            .map(|s| {
                let s = s.as_deref()?;
                let best = *known.entry(s).or_insert_with(|| {
                    for &h in s {
                        let key = u64::from(h) << 32;
                        let mut j = self.entries.partition_point(|&e| e < key);
                        while j < self.entries.len() && (self.entries[j] >> 32) as u32 == h {
                            let k = (self.entries[j] as u32 - self.base) as usize;
                            if counts[k] == 0 {
                                touched.push(k);
                            }
                            counts[k] += 1;
                            j += 1;
                        }
                    }
                    // Ascending slots, so a tie goes to the latest visit as before.
                    touched.sort_unstable();
                    let mut best: Option<(f32, usize)> = None;
                    for &k in &touched {
                        let inter = counts[k] as usize;
                        counts[k] = 0;
                        let sim = inter as f32 / (s.len() + self.sizes[k] as usize - inter) as f32;
                        if sim >= threshold && best.map_or(true, |(b, _)| sim >= b) {
                            best = Some((sim, k));
                        }
                    }
                    touched.clear();
                    best
                });
                let (similarity, k) = best?;
                let slot = self.base + k as u32;
                let v = self.visits.partition_point(|(first, _)| *first <= slot) - 1;
                Some(Match { visit: &self.visits[v].1, similarity })
            })
            .collect()
    }

    /// Remembers a visit's sentences, forgetting the oldest visit beyond [`WINDOW`].
    pub fn push(&mut self, sentences: Vec<Option<Vec<u32>>>, visit: T) {
        let first = self.base + self.sizes.len() as u32;
        let mut new: Vec<u64> = Vec::new();
        for (slot, s) in (first..).zip(sentences.into_iter().flatten()) {
            new.extend(s.iter().map(|&h| (u64::from(h) << 32) | u64::from(slot)));
            self.sizes.push_back(s.len() as u32);
        }
        new.sort_unstable();
        // Merge the new run into the sorted entries in place, from the back.
        let old = self.entries.len();
        self.entries.resize(old + new.len(), 0);
        let (mut a, mut b, mut w) = (old, new.len(), old + new.len());
        while b > 0 {
            w -= 1;
            if a > 0 && self.entries[a - 1] > new[b - 1] {
                a -= 1;
                self.entries[w] = self.entries[a];
            } else {
                b -= 1;
                self.entries[w] = new[b];
            }
        }
        self.visits.push_back((first, visit));
        if self.visits.len() > WINDOW {
            self.visits.pop_front();
            let new_base = self.visits[0].0;
            self.entries.retain(|&e| e as u32 >= new_base);
            self.sizes.drain(..(new_base - self.base) as usize);
            self.base = new_base;
        }
    }

    /// Number of shingles remembered (memory is 8 bytes each plus a little per sentence).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.visits.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "Therapist provided tactile cues at the R gluteus medius to reduce trunk lean during step-ups.";

    #[test]
    fn normalises_case_punctuation_and_spacing() {
        let a = shingles(S).unwrap();
        let b = shingles("therapist PROVIDED tactile cues at the r gluteus medius, to reduce trunk-lean during step ups").unwrap();
        assert_eq!(jaccard(&a, &b), 1.0);
        assert_eq!(a.len(), 14, "16 words give 14 distinct 3-shingles");
    }

    #[test]
    fn short_sentences_are_not_compared() {
        assert_eq!(shingles("Pt tolerated well."), None);
        assert_eq!(shingles("O:"), None);
        assert!(shingles("Pt tolerated treatment well without any complaints").is_some());
    }

    #[test]
    fn changed_numbers_and_words_lower_similarity() {
        let a = shingles("Tandem walk 4 x 20 ft with min A and 2 LOB on foam surface").unwrap();
        let num = shingles("Tandem walk 4 x 20 ft with min A and 0 LOB on foam surface").unwrap();
        assert!((0.5..0.7).contains(&jaccard(&a, &num)), "{}", jaccard(&a, &num));
        let more = shingles("Tandem walk 4 x 20 ft with min A and 2 LOB on foam surface today").unwrap();
        assert!(jaccard(&a, &more) > 0.9);
        let other = shingles("Gait training 150 ft with rolling walker and verbal cues for step length").unwrap();
        assert_eq!(jaccard(&a, &other), 0.0);
    }

    #[test]
    fn finds_the_best_match_in_earlier_visits() {
        let mut h: History<&str> = History::default();
        let sent = |t: &str| shingles(t);
        h.push(vec![sent(S), sent("Gait training 150 ft with rolling walker and verbal cues for step length")], "v1");
        h.push(vec![sent("Tandem walk 4 x 20 ft with min A and 2 LOB on foam surface"), None], "v2");
        let new = vec![sent(S), sent("Tandem walk 4 x 20 ft with min A and 2 LOB on foam surface today"), sent("A completely new sentence about the patient's home set-up"), None];
        let m = h.find(&new, 0.8);
        assert_eq!(m[0].map(|m| (*m.visit, m.similarity)), Some(("v1", 1.0)));
        assert_eq!(m[1].map(|m| *m.visit), Some("v2"));
        assert!(m[2].is_none() && m[3].is_none());
        // A sentence found in two visits reports the most similar one, the latest on a tie.
        h.push(vec![sent(S)], "v2b");
        assert_eq!(h.find(&new[..1], 0.8)[0].map(|m| *m.visit), Some("v2b"));
        h.push(vec![sent(&format!("{S} Today"))], "v3");
        assert_eq!(h.find(&new[..1], 0.8)[0].map(|m| *m.visit), Some("v2b"));
    }

    #[test]
    fn forgets_visits_beyond_the_window() {
        let mut h: History<usize> = History::default();
        for v in 0..WINDOW + 3 {
            h.push(vec![shingles(&format!("visit number {v} had its own distinct sentence here"))], v);
        }
        let probe = |v: usize| h.find(&[shingles(&format!("visit number {v} had its own distinct sentence here"))], 0.8)[0].map(|m| *m.visit);
        assert_eq!(probe(0), None);
        assert_eq!(probe(2), None);
        assert_eq!(probe(3), Some(3));
        assert_eq!(probe(WINDOW + 2), Some(WINDOW + 2));
        assert_eq!(h.len(), WINDOW * 7);
    }
}
