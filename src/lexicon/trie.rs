//! Leftmost-longest matching of many byte strings: a byte trie in flat arrays, walked from each
//! position of the text.
//!
//! It finds exactly what an Aho-Corasick automaton with leftmost-longest semantics finds (the
//! match starting earliest, the longest of those, the search resumed at its end; a test holds it
//! to `aho-corasick` on the corpora), without the automaton's failure links: it builds in a few
//! hundred thousand instructions rather than tens of millions, and its code is a few hundred bytes
//! of wasm rather than the ~20 KB of `aho-corasick`'s builders and searchers. Walking from each
//! position costs the depth the text follows the trie, a few bytes on notes: as fast as the
//! automaton there.

/// No pattern ends at a node.
const NONE: u32 = u32::MAX;

/// A node with at least this many edges keeps them in a dense row, indexed by byte class.
const DENSE: usize = 4;

/// A set of patterns, by index.
pub struct Trie {
    /// Each byte's class: 0 for bytes in no pattern, else 1.. (the columns of a dense row).
    class: [u8; 256],
    nodes: Vec<Node>,
    /// Sparse edges: `labels[s..s + n]` to `children[s..s + n]`.
    labels: Vec<u8>,
    children: Vec<u32>,
    /// Dense rows: the child for each class (0: none; node 0 is the root, never a child).
    rows: Vec<u32>,
    /// The number of classes (with class 0).
    width: usize,
    /// The node two bytes lead to from the root: `pair[c0 * width + c1]` for the bytes' classes
    /// (0: none). Most walks of a note stop within two bytes; this takes both in one look.
    pair: Vec<u32>,
}

/// One node: the pattern ending there and where its edges are.
#[derive(Clone, Copy)]
struct Node {
    /// The pattern that ends here, or [`NONE`].
    pattern: u32,
    /// Where the edges start (in `labels` / `children`, or in `rows` when dense).
    start: u32,
    /// The number of sparse edges, or `u32::MAX` for a dense row.
    len: u32,
}

/// One match: `start..end` in the text, and the pattern's index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Index of the pattern in the list the trie was built from.
    pub pattern: usize,
}

impl Trie {
    /// The trie of `patterns` (a repeated pattern keeps its first index; an empty one never matches).
    pub fn new<S: AsRef<[u8]>>(patterns: &[S]) -> Trie {
        // Edges per node while building, then flattened.
        let mut edges: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut pattern: Vec<u32> = vec![NONE];
        let mut class = [0u8; 256];
        for (id, p) in patterns.iter().enumerate() {
            let mut node = 0usize;
            for &b in p.as_ref() {
                class[b as usize] = 1;
                node = match edges[node].iter().find(|(l, _)| *l == b) {
                    Some(&(_, c)) => c as usize,
                    None => {
                        let c = edges.len();
                        edges.push(Vec::new());
                        pattern.push(NONE);
                        edges[node].push((b, c as u32));
                        c
                    }
                };
            }
            if node != 0 && pattern[node] == NONE {
                pattern[node] = id as u32;
            }
        }
        let mut width = 1;
        for c in class.iter_mut().filter(|c| **c != 0) {
            *c = width as u8;
            width += 1;
        }
        let mut t = Trie { class, nodes: Vec::with_capacity(edges.len()), labels: Vec::new(), children: Vec::new(), rows: Vec::new(), width, pair: vec![0; width * width] };
        for (n, e) in edges.into_iter().enumerate() {
            let pattern = pattern[n];
            if n == 0 || e.len() >= DENSE {
                t.nodes.push(Node { pattern, start: t.rows.len() as u32, len: u32::MAX });
                let row = t.rows.len();
                t.rows.resize(row + width, 0);
                for (l, c) in e {
                    t.rows[row + class[l as usize] as usize] = c;
                }
            } else {
                t.nodes.push(Node { pattern, start: t.labels.len() as u32, len: e.len() as u32 });
                t.labels.extend(e.iter().map(|(l, _)| *l));
                t.children.extend(e.iter().map(|(_, c)| *c));
            }
        }
        // The two-byte table, from the root's row and each first node's edges.
        let mut byte_of = vec![0u8; width];
        for (b, &c) in class.iter().enumerate() {
            byte_of[c as usize] = b as u8;
        }
        for c0 in 1..width {
            let n1 = t.rows[t.nodes[0].start as usize + c0] as usize;
            if n1 == 0 {
                continue;
            }
            for c1 in 1..width {
                t.pair[c0 * width + c1] = t.child(t.nodes[n1], byte_of[c1], c1 as u8) as u32;
            }
        }
        t
    }

    /// The child of `node` by byte `b` of class `c` (not 0), or 0.
    #[inline(always)]
    fn child(&self, node: Node, b: u8, c: u8) -> usize {
        let s = node.start as usize;
        if node.len == u32::MAX {
            return self.rows[s + c as usize] as usize;
        }
        match self.labels[s..s + node.len as usize].iter().position(|&l| l == b) {
            Some(k) => self.children[s + k] as usize,
            None => 0,
        }
    }

    /// The longest match ending at or after `j`, from `node` (reached by the bytes before `j`)
    /// and `best`, the longest found before it: its end and index.
    #[inline(always)]
    fn longest_from(&self, hay: &[u8], mut j: usize, mut node: Node, mut best: Option<(usize, u32)>) -> Option<(usize, u32)> {
        // A leaf (no edges) ends the walk without reading another byte.
        while node.len != 0 && j < hay.len() {
            let b = hay[j];
            // Class 0: no pattern holds this byte.
            let c = self.class[b as usize];
            if c == 0 {
                break;
            }
            match self.child(node, b, c) {
                0 => break,
                n => node = self.nodes[n],
            }
            j += 1;
            if node.pattern != NONE {
                best = Some((j, node.pattern));
            }
        }
        best
    }

    /// The longest pattern that starts at `hay[at..]`: its end and index. The first two bytes
    /// are read from the root's row and the two-byte table, the rest by walking.
    #[inline(always)]
    fn longest_at(&self, hay: &[u8], at: usize) -> Option<(usize, u32)> {
        let c0 = self.class[hay[at] as usize] as usize;
        // Column 0 (bytes in no pattern) holds 0, as does a byte no pattern starts with.
        let n1 = self.rows[self.nodes[0].start as usize + c0] as usize;
        if n1 == 0 {
            return None;
        }
        let node = self.nodes[n1];
        let mut best = (node.pattern != NONE).then_some((at + 1, node.pattern));
        let c1 = hay.get(at + 1).map_or(0, |&b| self.class[b as usize] as usize);
        let n2 = self.pair[c0 * self.width + c1] as usize;
        if n2 != 0 {
            let node = self.nodes[n2];
            if node.pattern != NONE {
                best = Some((at + 2, node.pattern));
            }
            best = self.longest_from(hay, at + 2, node, best);
        }
        best
    }

    /// Every leftmost-longest, non-overlapping match in `hay`, in order.
    pub fn find_iter<'a>(&'a self, hay: &'a [u8]) -> impl Iterator<Item = Match> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < hay.len() {
                if let Some((end, p)) = self.longest_at(hay, at) {
                    let m = Match { start: at, end, pattern: p as usize };
                    at = end;
                    return Some(m);
                }
                at += 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &Trie, hay: &str) -> Vec<(usize, usize, usize)> {
        t.find_iter(hay.as_bytes()).map(|m| (m.start, m.end, m.pattern)).collect()
    }

    #[test]
    fn leftmost_then_longest_then_resumes_at_the_end() {
        let t = Trie::new(&["balance", "balance training", "training", "ex", "next"]);
        assert_eq!(all(&t, "balance training"), vec![(0, 16, 1)]);
        assert_eq!(all(&t, "balance trainin"), vec![(0, 7, 0)]);
        // "next" starts first; the "ex" inside it is not reported.
        assert_eq!(all(&t, "a next ex"), vec![(2, 6, 4), (7, 9, 3)]);
        assert_eq!(all(&t, ""), vec![]);
    }

    #[test]
    fn agrees_with_aho_corasick_leftmost_longest() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let pats = ["a", "ab", "abc", "bcd", "cd", "d e", "abcd e", "é", "éa"];
        let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(pats).unwrap();
        let t = Trie::new(&pats);
        for hay in ["abcd e", "xabcdxe", "bcd ab abc d e éa é", "aaaa", "abcdabcd e cd"] {
            let want: Vec<_> = ac.find_iter(hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            assert_eq!(all(&t, hay), want, "{hay}");
        }
    }
}
