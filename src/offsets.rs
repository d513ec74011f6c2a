//! Byte offsets to Unicode-scalar and UTF-16 offsets, converted once per note.
//!
//! The engine works on `&str` byte offsets. At the end of an analysis every offset the report
//! needs is collected and converted in a single walk over the text. The wanted offsets are kept
//! as a bitset over the text's bytes with a rank per 64-bit word, so building the table and each
//! lookup are linear and constant time (no sort, no binary search): the cost is linear in the
//! note, never per span. An ASCII note needs no table at all (every offset is its own).

use crate::report::Span;

/// Conversion table built from the byte offsets a report needs.
pub(crate) struct OffsetMap {
    /// True for an ASCII text: byte, char and UTF-16 offsets are equal.
    ascii: bool,
    /// Bit `b` set when byte offset `b` was wanted.
    bits: Vec<u64>,
    /// Number of set bits before each word of `bits`.
    rank: Vec<u32>,
    chars: Vec<u32>,
    utf16: Vec<u32>,
}

impl OffsetMap {
    /// Builds the table for `wanted` byte offsets (any order, repeats allowed) into `text`.
    /// An offset inside a multi-byte character maps to that character's start.
    pub fn new(text: &str, wanted: Vec<usize>) -> Self {
        if text.is_ascii() {
            return OffsetMap { ascii: true, bits: Vec::new(), rank: Vec::new(), chars: Vec::new(), utf16: Vec::new() };
        }
        let n = text.len();
        let mut bits = vec![0u64; n / 64 + 1];
        for b in wanted {
            let b = b.min(n);
            bits[b / 64] |= 1 << (b % 64);
        }
        let mut rank = Vec::with_capacity(bits.len());
        let mut total = 0u32;
        for w in &bits {
            rank.push(total);
            total += w.count_ones();
        }
        let mut chars = Vec::with_capacity(total as usize);
        let mut utf16 = Vec::with_capacity(total as usize);
        // Counted over the bytes before `p`: characters (bytes that start one) and astral
        // characters (4-byte leaders, two UTF-16 units each). Byte counts, no decoding: the
        // loop runs over plain bytes and vectorises.
        let bytes = text.as_bytes();
        let (mut p, mut c, mut astral) = (0usize, 0u32, 0u32);
        for (k, &w) in bits.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let b = k * 64 + w.trailing_zeros() as usize;
                w &= w - 1;
                for &x in &bytes[p..b] {
                    c += ((x as i8) >= -0x40) as u32;
                    astral += (x >= 0xF0) as u32;
                }
                p = b;
                // Inside a character: map to its start (the character is not counted).
                let (mut c, mut astral) = (c, astral);
                if b < n && !text.is_char_boundary(b) {
                    let lead = (b.saturating_sub(3)..b).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                    c -= 1;
                    astral -= (bytes[lead] >= 0xF0) as u32;
                }
                chars.push(c);
                utf16.push(c + astral);
            }
        }
        OffsetMap { ascii: false, bits, rank, chars, utf16 }
    }

    fn lookup(&self, b: usize) -> (u32, u32) {
        if self.ascii {
            return (b as u32, b as u32);
        }
        let last = self.bits.len() * 64 - 1;
        let b = b.min(last);
        let (k, bit) = (b / 64, b % 64);
        let below = self.rank[k] + (self.bits[k] & ((1u64 << bit) - 1)).count_ones();
        if self.bits[k] >> bit & 1 == 1 {
            (self.chars[below as usize], self.utf16[below as usize])
        } else if below == 0 {
            // Not requested: callers always request what they look up; fall back to the nearest
            // lower entry rather than panic.
            (0, 0)
        } else {
            (self.chars[below as usize - 1], self.utf16[below as usize - 1])
        }
    }

    /// The span for byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (s, s16) = self.lookup(start);
        let (e, e16) = self.lookup(end);
        Span { start: s, end: e, start16: s16, end16: e16 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_ascii_and_astral_text() {
        let t = "a😀b é";
        // bytes: a=0, 😀=1..5, b=5, ' '=6, é=7..9
        let m = OffsetMap::new(t, vec![0, 1, 5, 7, 9]);
        assert_eq!(m.span(0, 1), Span { start: 0, end: 1, start16: 0, end16: 1 });
        assert_eq!(m.span(1, 5), Span { start: 1, end: 2, start16: 1, end16: 3 });
        assert_eq!(m.span(7, 9), Span { start: 4, end: 5, start16: 5, end16: 6 });
        // Offsets past the first 64 bytes, inside a character, and not requested.
        let t = format!("{}é{}😀x", "a".repeat(70), "b".repeat(60));
        let m = OffsetMap::new(&t, vec![0, 71, 70, 72, 132, 136, 137, 133]);
        assert_eq!(m.span(70, 72), Span { start: 70, end: 71, start16: 70, end16: 71 });
        assert_eq!(m.span(132, 136), Span { start: 131, end: 132, start16: 131, end16: 133 });
        assert_eq!(m.span(133, 137), Span { start: 131, end: 133, start16: 131, end16: 134 });
        assert_eq!(m.span(134, 135).start, 131, "not requested: the nearest lower entry");
        let ascii = OffsetMap::new("abc", vec![]);
        assert_eq!(ascii.span(1, 3), Span { start: 1, end: 3, start16: 1, end16: 3 });
    }

    #[test]
    fn every_offset_agrees_with_a_walk_over_the_characters() {
        let t = format!("{}é😀a\u{0301}中 x{}😀", "ab".repeat(40), "é".repeat(40));
        let m = OffsetMap::new(&t, (0..=t.len()).collect());
        for b in 0..=t.len() {
            // The characters that end at or before `b`, and their UTF-16 units.
            let before = t.char_indices().take_while(|(i, ch)| i + ch.len_utf8() <= b);
            let (c, u) = before.fold((0, 0), |(c, u), (_, ch)| (c + 1, u + ch.len_utf16() as u32));
            assert_eq!(m.lookup(b), (c, u), "byte {b}");
        }
    }
}
