//! Byte offsets to Unicode-scalar and UTF-16 offsets, converted once per note.
//!
//! The engine works on `&str` byte offsets. At the end of an analysis every offset the report
//! needs is collected, sorted, and converted in a single walk over the text, so the cost is
//! linear in the note plus `k log k` in the number of offsets, never per span.

use crate::report::Span;

/// Conversion table built from the byte offsets a report needs.
pub(crate) struct OffsetMap {
    bytes: Vec<usize>,
    chars: Vec<u32>,
    utf16: Vec<u32>,
}

impl OffsetMap {
    /// Builds the table for `wanted` byte offsets (any order, repeats allowed) into `text`.
    /// An offset inside a multi-byte character maps to that character's start.
    pub fn new(text: &str, mut wanted: Vec<usize>) -> Self {
        wanted.sort_unstable();
        wanted.dedup();
        let mut chars = Vec::with_capacity(wanted.len());
        let mut utf16 = Vec::with_capacity(wanted.len());
        let (mut c, mut u) = (0u32, 0u32);
        let mut it = text.char_indices().peekable();
        for &b in &wanted {
            while let Some(&(i, ch)) = it.peek() {
                if i + ch.len_utf8() > b {
                    break;
                }
                c += 1;
                u += ch.len_utf16() as u32;
                it.next();
            }
            chars.push(c);
            utf16.push(u);
        }
        OffsetMap { bytes: wanted, chars, utf16 }
    }

    fn lookup(&self, b: usize) -> (u32, u32) {
        match self.bytes.binary_search(&b) {
            Ok(i) => (self.chars[i], self.utf16[i]),
            // Not requested: callers always request what they look up; fall back to the nearest
            // lower entry rather than panic.
            Err(0) => (0, 0),
            Err(i) => (self.chars[i - 1], self.utf16[i - 1]),
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
    }
}
