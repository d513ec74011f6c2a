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
//! * **Index** the patient's last [`WINDOW`] visits: each distinct sentence once (a sentence
//!   written again only moves to the later visit), in one sorted `(shingle, sentence)` array,
//!   the inverted index from a shingle to the sentences holding it.
//! * **Compare** each distinct new sentence A with exact Jaccard similarity |A ∩ B| / |A ∪ B|,
//!   but only against the sentences found under A's *rarest* shingles (prefix filtering, as in
//!   all-pairs similarity search): a sentence B with Jaccard ≥ t shares at least ⌈t·|A|⌉ of A's
//!   shingles, so it holds one of any |A| − ⌈t·|A|⌉ + 1 of them (4 of 15 at 0.8). Shingles that
//!   nearly every sentence has ("for balance deficits", "with tactile cues") are never walked,
//!   so one patient's long notes cost what two patients' do; at most [`MAX_CANDIDATES`] index
//!   entries are read per sentence. Exact Jaccard beats MinHash here: sentences are short (10-30
//!   shingles), so the exact set is both smaller than a useful MinHash signature and free of
//!   estimation error.
//!
//! Memory per patient is bounded: only the last [`WINDOW`] visits are kept (about 12 bytes per
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

/// Whether a sentence is a goal line ("Goal: ...", "STG 2: ...", "LTG - ...", "Short-term goal
/// #1: ..."): goals are meant to stay the same from visit to visit until they are met or revised,
/// so they are not carried-forward text.
pub fn is_goal(sentence: &str) -> bool {
    let t = sentence.trim_start_matches(|c: char| c.is_whitespace() || c.is_ascii_digit() || matches!(c, '-' | '*' | '•' | '.' | ')' | '(' | '#'));
    let lower: String = t.chars().take(24).collect::<String>().to_lowercase();
    let word = |w: &str| lower.strip_prefix(w).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphabetic()));
    ["goal", "goals", "stg", "ltg", "stgs", "ltgs"].iter().any(|w| word(w))
        || ["short term goal", "long term goal", "short-term goal", "long-term goal"].iter().any(|w| lower.starts_with(w))
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

/// Most index entries read for one sentence. Past it the sentence's remaining candidates (the
/// oldest ones sharing its rarest shingles) are not compared: a text made of a few words
/// recombined over and over cannot make a patient's review quadratic.
pub const MAX_CANDIDATES: usize = 512;

/// The best earlier match of one sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match<'h, T> {
    /// What the caller stored for the earlier visit (its id and date).
    pub visit: &'h T,
    /// Jaccard similarity with the earlier sentence, 0-1.
    pub similarity: f32,
}

/// One distinct remembered sentence (its shingles, once, however often it was written).
#[derive(Clone, Copy, Debug)]
struct Set {
    start: u32,
    len: u32,
    /// The latest visit (by number) that wrote it.
    last: u64,
    hash: u64,
}

/// One patient's remembered sentences: the last [`WINDOW`] visits, each distinct sentence once.
#[derive(Clone, Debug)]
pub struct History<T> {
    /// The shingles of every distinct set, one after the other.
    pool: Vec<u32>,
    sets: Vec<Set>,
    /// `(shingle << 32) | set`, sorted: the index from a shingle to the sets holding it.
    entries: Vec<u64>,
    /// A set's hash to its id, so a sentence written again is stored once.
    by_hash: rustc_hash::FxHashMap<u64, u32>,
    /// Each remembered visit: its number and the caller's data.
    visits: VecDeque<(u64, T)>,
    next: u64,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History { pool: Vec::new(), sets: Vec::new(), entries: Vec::new(), by_hash: Default::default(), visits: VecDeque::new(), next: 0 }
    }
}

fn set_hash(s: &[u32]) -> u64 {
    s.iter().fold(FNV_OFFSET ^ s.len() as u64, |h, &x| (h ^ u64::from(x)).wrapping_mul(FNV_PRIME).rotate_left(17))
}

impl<T> History<T> {
    fn shingles_of(&self, id: usize) -> &[u32] {
        let s = self.sets[id];
        &self.pool[s.start as usize..(s.start + s.len) as usize]
    }

    /// The index entries of one shingle (a range of `entries`).
    fn postings(&self, h: u32) -> std::ops::Range<usize> {
        let key = u64::from(h) << 32;
        let lo = self.entries.partition_point(|&e| e < key);
        let hi = lo + self.entries[lo..].partition_point(|&e| (e >> 32) as u32 == h);
        lo..hi
    }

    /// For each sentence (`None` = not compared), its most similar sentence in the remembered
    /// visits when that similarity is at least `threshold` (the latest visit on a tie).
    ///
    /// A set within the threshold shares at least `ceil(threshold * |A|)` of a sentence A's
    /// shingles, so it holds one of any `|A| - ceil(threshold * |A|) + 1` of them: only the
    /// sentence's rarest shingles (shortest index ranges) are looked up, and each set found
    /// there is compared exactly (Jaccard of the two sorted sets), once. Common shingles ("for
    /// balance deficits") are thus never walked; the cost per sentence is bounded by
    /// [`MAX_CANDIDATES`], and a sentence repeated through the note is looked up once.
    pub fn find(&self, sentences: &[Option<Vec<u32>>], threshold: f32) -> Vec<Option<Match<'_, T>>> {
        let mut seen = vec![u32::MAX; self.sets.len()];
        let mut known: rustc_hash::FxHashMap<&[u32], Option<(f32, u64)>> = Default::default();
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        let mut query = 0u32;
        sentences
            .iter()
            .map(|s| {
                let a = s.as_deref()?;
                let best = *known.entry(a).or_insert_with(|| {
                    query += 1;
                    let n = a.len();
                    // Least overlap a match can have; the shingles to look up.
                    let overlap = ((threshold * n as f32) - 1e-4).ceil().max(1.0) as usize;
                    let probes = n + 1 - overlap.min(n);
                    ranges.clear();
                    ranges.extend(a.iter().map(|&h| self.postings(h)));
                    ranges.sort_unstable_by_key(|r| r.len());
                    ranges.truncate(probes);
                    let mut best: Option<(f32, u64)> = None;
                    let mut budget = MAX_CANDIDATES;
                    'probe: for r in &ranges {
                        // The latest sets first.
                        for &e in self.entries[r.clone()].iter().rev() {
                            if budget == 0 {
                                break 'probe;
                            }
                            budget -= 1;
                            let id = e as u32 as usize;
                            if seen[id] == query {
                                continue;
                            }
                            seen[id] = query;
                            let (b, last) = (self.shingles_of(id), self.sets[id].last);
                            let (lo, hi) = (n.min(b.len()) as f32, n.max(b.len()) as f32);
                            if lo < threshold * hi - 1e-4 {
                                continue;
                            }
                            let sim = jaccard(a, b);
                            if sim >= threshold && best.map_or(true, |(bs, bl)| sim > bs || (sim == bs && last > bl)) {
                                best = Some((sim, last));
                            }
                        }
                    }
                    best
                });
                let (similarity, last) = best?;
                let v = (last - self.visits[0].0) as usize;
                Some(Match { visit: &self.visits[v].1, similarity })
            })
            .collect()
    }

    /// Remembers a visit's sentences, forgetting the oldest visit beyond [`WINDOW`].
    pub fn push(&mut self, sentences: Vec<Option<Vec<u32>>>, visit: T) {
        let number = self.next;
        self.next += 1;
        let mut new: Vec<u64> = Vec::new();
        for s in sentences.into_iter().flatten() {
            let hash = set_hash(&s);
            if let Some(&id) = self.by_hash.get(&hash) {
                if self.shingles_of(id as usize) == &s[..] {
                    self.sets[id as usize].last = number;
                    continue;
                }
            }
            let id = self.sets.len() as u32;
            self.sets.push(Set { start: self.pool.len() as u32, len: s.len() as u32, last: number, hash });
            self.pool.extend_from_slice(&s);
            self.by_hash.entry(hash).or_insert(id);
            new.extend(s.iter().map(|&h| (u64::from(h) << 32) | u64::from(id)));
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
        self.visits.push_back((number, visit));
        if self.visits.len() > WINDOW {
            self.visits.pop_front();
            self.forget_before(self.visits[0].0);
        }
    }

    /// Drops the sets no remembered visit wrote. Ids are renumbered in order, so the index stays
    /// sorted as it is filtered.
    fn forget_before(&mut self, first: u64) {
        let mut remap = vec![u32::MAX; self.sets.len()];
        let mut pool = Vec::with_capacity(self.pool.len());
        let mut sets = Vec::with_capacity(self.sets.len());
        self.by_hash.clear();
        for (id, s) in self.sets.iter().enumerate() {
            if s.last < first {
                continue;
            }
            remap[id] = sets.len() as u32;
            self.by_hash.entry(s.hash).or_insert(sets.len() as u32);
            sets.push(Set { start: pool.len() as u32, ..*s });
            pool.extend_from_slice(&self.pool[s.start as usize..(s.start + s.len) as usize]);
        }
        self.entries.retain_mut(|e| {
            let id = remap[*e as u32 as usize];
            *e = (*e >> 32 << 32) | u64::from(id);
            id != u32::MAX
        });
        self.pool = pool;
        self.sets = sets;
    }

    /// Number of shingles remembered (memory is 12 bytes each plus a little per sentence).
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
    fn goal_lines_are_known() {
        for g in ["Goal: Pt will ambulate 300 ft with SBA in 4 weeks.", "STG 2: Berg >= 45/56.", "1. LTG - independent community ambulation", "Short-term goal #1: TUG < 14 s", "Goals: safe stairs"] {
            assert!(is_goal(g), "{g}");
        }
        for s in ["Goalkeeper drills for reaction time with min A.", "Pt performed tandem walking toward goal of safe stairs.", "Stgd balance 3 x 30 s"] {
            assert!(!is_goal(s), "{s}");
        }
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
    fn the_rarest_shingles_find_what_comparing_every_pair_finds() {
        // Sentences recombined from few words, so matches share common shingles at every level.
        let words = ["tandem", "stance", "foam", "cues", "balance", "for", "with", "cga", "x", "3"];
        let sentence = |seed: usize| -> String {
            let mut x = seed as u64 * 0x9e37_79b9 + 1;
            (0..6 + seed % 9)
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    words[(x >> 33) as usize % 3 + (seed % 3) * 2]
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        for threshold in [0.3, 0.5, 0.8, 1.0] {
            let mut h: History<usize> = History::default();
            let mut past: Vec<(usize, Vec<u32>)> = Vec::new();
            for v in 0..3 {
                let sents: Vec<Option<Vec<u32>>> = (0..60).map(|i| shingles(&sentence(v * 60 + i))).collect();
                past.extend(sents.iter().flatten().map(|s| (v, s.clone())));
                h.push(sents, v);
            }
            let new: Vec<Option<Vec<u32>>> = (0..200).map(|i| shingles(&sentence(if i % 10 == 0 { i } else { 1000 + i }))).collect();
            let found = h.find(&new, threshold);
            assert!(found.iter().flatten().count() >= 15, "threshold {threshold}: {} matches", found.iter().flatten().count());
            for (s, m) in new.iter().zip(found) {
                let s = s.as_ref().unwrap();
                let brute = past.iter().map(|(v, p)| (jaccard(s, p), *v)).filter(|x| x.0 >= threshold).fold(None, |b: Option<(f32, usize)>, x| match b {
                    Some(b) if b.0 > x.0 || (b.0 == x.0 && b.1 >= x.1) => Some(b),
                    _ => Some(x),
                });
                assert_eq!(m.map(|m| (m.similarity, *m.visit)), brute, "threshold {threshold}");
            }
        }
    }

    #[test]
    fn a_sentence_written_again_is_remembered_once_under_its_latest_visit() {
        let mut h: History<&str> = History::default();
        h.push(vec![shingles(S), shingles(S)], "v1");
        assert_eq!(h.len(), 14);
        h.push(vec![shingles(S)], "v2");
        assert_eq!(h.len(), 14);
        assert_eq!(h.find(&[shingles(S)], 0.8)[0].map(|m| *m.visit), Some("v2"));
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
