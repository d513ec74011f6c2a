//! One sort for the whole engine.
//!
//! Every `sort_by_key` / `sort_by` on a new element type compiles its own copy of the standard
//! library's sort: about 4-5 KB of wasm each, a dozen copies in all. Here every sort orders
//! `(key, index)` records of ONE type, then moves the elements into that order, so the sort code is
//! compiled once; only the small key and move loops are per type.
//!
//! The index breaks ties, so the records never compare equal: the (unstable, allocation-free)
//! sort of the records gives exactly the order of a stable sort by key.

/// A sort key: up to three unsigned numbers, compared in order.
pub(crate) type Key = (usize, usize, usize);

/// What a sort key can be made of: one, two or three `usize`s.
pub(crate) trait IntoKey {
    /// The key, missing parts zero.
    fn into_key(self) -> Key;
}

impl IntoKey for usize {
    #[inline]
    fn into_key(self) -> Key {
        (self, 0, 0)
    }
}

impl IntoKey for (usize, usize) {
    #[inline]
    fn into_key(self) -> Key {
        (self.0, self.1, 0)
    }
}

impl IntoKey for (usize, usize, usize) {
    #[inline]
    fn into_key(self) -> Key {
        self
    }
}

/// Sorts `v` by `key`, stably (elements with equal keys keep their order), like
/// `v.sort_by_key(key)`.
pub(crate) fn sort_by_key<T, K: IntoKey>(v: &mut [T], key: impl Fn(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    let mut records: Vec<(Key, usize)> = v.iter().enumerate().map(|(i, x)| (key(x).into_key(), i)).collect();
    if !sort_records(&mut records) {
        return;
    }
    // Record k names the element that belongs at k: follow each cycle of that permutation with
    // swaps, marking the places done (index = place).
    for start in 0..records.len() {
        let mut at = start;
        loop {
            let from = records[at].1;
            records[at].1 = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// Sorts the records; false when they were already in order (nothing to move).
/// Records in order but for a short tail (a note's spans and the few added after them) take a
/// sort of the tail and one merge, not a sort of the whole.
#[inline(never)]
fn sort_records(records: &mut [(Key, usize)]) -> bool {
    let Some(k) = records.windows(2).position(|w| w[0] > w[1]) else {
        return false;
    };
    let (head, tail) = records.split_at_mut(k + 1);
    if tail.len() * 8 > head.len() {
        records.sort_unstable();
        return true;
    }
    tail.sort_unstable();
    let mut out = Vec::with_capacity(head.len() + tail.len());
    let (mut i, mut j) = (0, 0);
    while i < head.len() && j < tail.len() {
        if head[i] < tail[j] {
            out.push(head[i]);
            i += 1;
        } else {
            out.push(tail[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&head[i..]);
    out.extend_from_slice(&tail[j..]);
    records.copy_from_slice(&out);
    true
}

/// [`sort_by_key`] for a few elements (a sentence's spans): an insertion sort, stable, with no
/// allocation.
pub(crate) fn sort_small_by_key<T, K: IntoKey>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]).into_key() > key(&v[j]).into_key() {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_stable_sort() {
        // Small keys, so many ties; pseudo-random orders of every length up to 40.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for n in 0..40 {
            for _ in 0..50 {
                let v: Vec<(usize, usize, usize)> = (0..n)
                    .map(|i| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        ((seed % 5) as usize, (seed / 5 % 3) as usize, i)
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_by_key(|x| x.0);
                let mut got = v.clone();
                sort_by_key(&mut got, |x| x.0);
                assert_eq!(got, want);
                let mut want = v.clone();
                want.sort_by_key(|x| (x.1, x.0));
                let mut got = v.clone();
                sort_by_key(&mut got, |x| (x.1, x.0));
                assert_eq!(got, want);
                let mut got = v;
                sort_small_by_key(&mut got, |x| (x.1, x.0));
                assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn a_sorted_list_with_a_short_tail_takes_the_merge_and_sorts_the_same() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for n in [9, 40, 100, 333] {
            for tail in [1, 2, 5, n / 8] {
                let mut v: Vec<(usize, usize)> = (0..n).map(|i| (i / 3, i)).collect();
                for t in 0..tail {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    v.push(((seed % (n as u64 / 3 + 2)) as usize, n + t));
                }
                let mut want = v.clone();
                want.sort_by_key(|x| x.0);
                sort_by_key(&mut v, |x| x.0);
                assert_eq!(v, want, "{n} + {tail}");
            }
        }
    }
}
