//! Placeholders a suggestion left in the note: `[measure: e.g. Berg __/56, TUG __ s]`,
//! `[functional outcome, e.g. stairs]`, `[cue type: verbal / tactile / visual]`, `[units]`, and
//! `__` blanks.
//!
//! A placeholder is not content: the engine reads the note with every placeholder blanked out
//! (same byte length, so offsets hold), so "Berg __/56" is never a measure and "Goal:
//! [functional outcome]" never an outcome; the `unfilled_placeholder` finding points at each one.
//!
//! What counts as a placeholder: a `[...]` on one line whose content holds a blank (`__`), an
//! "e.g.", a label before a colon ("measure:", "response:"), a `/` between choices, or is only
//! lower-case words (`[units]`, `[harder condition]`); and a run of two or more underscores.
//! Square brackets a clinician types for other reasons (`[R]`, `[x]`, `[sic]`, `[2]`) are not.

/// Byte ranges of the placeholders in `text`, in order, not overlapping.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Straight to the next '[' or '_': the bytes between open nothing.
    while let Some(k) = next_mark(b, i) {
        i = k;
        match b[i] {
            b'[' => {
                // The closing bracket on the same line, within a bounded distance.
                let close = b[i + 1..].iter().take(240).position(|&c| c == b']' || c == b'\n' || c == b'[');
                if let Some(k) = close {
                    let j = i + 1 + k;
                    if b[j] == b']' && is_placeholder(&text[i + 1..j]) {
                        out.push((i, j + 1));
                        i = j + 1;
                        continue;
                    }
                }
                i += 1;
            }
            b'_' => {
                let s = i;
                while i < b.len() && b[i] == b'_' {
                    i += 1;
                }
                if i - s >= 2 {
                    out.push((s, i));
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The first '[' or '_' at or after `from`. Eight bytes at a time: with bit 2 set, '[' (0x5B)
/// and '_' (0x5F) are the bytes that read 0x5F, and a word without a zero byte after the XOR
/// holds neither (the test finds every zero byte); the bytes of a word that may hold one are
/// read one by one.
fn next_mark(b: &[u8], from: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(w) = b.get(i..i + 8) {
        let x = (u64::from_le_bytes(w.try_into().unwrap_or([0; 8])) | LO * 4) ^ (LO * 0x5F);
        if x.wrapping_sub(LO) & !x & HI != 0 {
            break;
        }
        i += 8;
    }
    b[i.min(b.len())..].iter().position(|&c| c == b'[' || c == b'_').map(|k| i + k)
}

fn is_placeholder(inner: &str) -> bool {
    let t = inner.trim();
    if t.len() < 4 || t.eq_ignore_ascii_case("sic") {
        return false;
    }
    if t.contains("__") || t.contains("e.g.") || t.contains(" / ") {
        return true;
    }
    // "measure: ...", "cue type: ..."
    if let Some((head, _)) = t.split_once(':') {
        if !head.is_empty() && head.len() <= 24 && head.bytes().all(|c| c.is_ascii_lowercase() || c == b' ') {
            return true;
        }
    }
    // "[units]", "[harder condition]", "[sets x reps / time]"
    t.bytes().all(|c| c.is_ascii_lowercase() || matches!(c, b' ' | b'-' | b'/' | b',' | b'0'..=b'9'))
        && t.bytes().filter(|c| c.is_ascii_lowercase()).count() >= 4
}

/// `text` with every placeholder's bytes blanked to spaces (same length, line breaks kept), or
/// `None` when it holds none.
pub fn mask(text: &str, found: &[(usize, usize)]) -> Option<String> {
    if found.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for &(s, e) in found {
        // Placeholders are ASCII-delimited; a multi-byte character inside becomes spaces, byte
        // for byte, which keeps the string valid UTF-8 and every offset in place.
        for c in &mut bytes[s..e] {
            if *c != b'\n' && *c != b'\r' {
                *c = b' ';
            }
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_search_finds_every_bracket_and_underscore() {
        let b = b"abcdefgh[ijklmnopqrstu_vwxyz01234567[89ABCDEF____Z^]\x1b\x7f";
        for from in 0..=b.len() {
            let want = b[from..].iter().position(|&c| c == b'[' || c == b'_').map(|k| from + k);
            assert_eq!(next_mark(b, from), want, "from {from}");
        }
    }

    fn found(t: &str) -> Vec<&str> {
        find(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn the_engines_own_placeholders_are_found() {
        assert_eq!(found("Berg [measure: e.g. Berg __/56, TUG __ s, LOB count]."), ["[measure: e.g. Berg __/56, TUG __ s, LOB count]"]);
        assert_eq!(found("Goal: [functional outcome, e.g. stairs]"), ["[functional outcome, e.g. stairs]"]);
        assert_eq!(found("97112 x [units] units ([minutes] min)"), ["[units]", "[minutes]"]);
        assert_eq!(found("with [cue type: verbal / tactile / visual] cues"), ["[cue type: verbal / tactile / visual]"]);
        assert_eq!(found("Berg __/56"), ["__"]);
    }

    #[test]
    fn other_brackets_are_text() {
        assert!(found("Gait [R] knee buckles [x] [sic] [2] [CGA] snake_case").is_empty());
        assert!(found("[unclosed bracket\nnext line]").is_empty());
    }

    #[test]
    fn masking_keeps_every_offset() {
        let t = "TUG __ s; é [measure: e.g. Berg __/56] done";
        let m = mask(t, &find(t)).unwrap();
        assert_eq!(m.len(), t.len());
        assert!(m.ends_with(" done") && m.starts_with("TUG    s; é "));
        assert!(mask("no placeholders", &[]).is_none());
    }
}
