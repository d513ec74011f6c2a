//! A small tokenizer for the number patterns of clinical notes.
//!
//! Words are runs of letters, numbers are runs of digits with at most one decimal point ("15.2"),
//! and every other non-space character is a token of its own. Letters and digits split from each
//! other, so "2x30s" reads as `2 x 30 s`, "x3" as `x 3` and "4x20ft" as `4 x 20 ft`: the doses
//! therapists type without spaces.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tok {
    /// A run of letters.
    Word,
    /// A number and its value.
    Num(f64),
    /// Any other single character.
    Punct(char),
}

/// One token with its byte range in the note.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Kind and value.
    pub tok: Tok,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, note: &'a str) -> &'a str {
        &note[self.start..self.end]
    }
    /// The number, if it is one.
    pub fn num(&self) -> Option<f64> {
        match self.tok {
            Tok::Num(v) => Some(v),
            _ => None,
        }
    }
    /// True for a word equal (ASCII case-insensitively) to one of `words`.
    pub fn is_word(&self, note: &str, words: &[&str]) -> bool {
        if !matches!(self.tok, Tok::Word) {
            return false;
        }
        // Sliced once; the length test rejects most candidates before comparing bytes.
        let t = note.as_bytes().get(self.start..self.end).unwrap_or_default();
        words.iter().any(|w| w.len() == t.len() && t.eq_ignore_ascii_case(w.as_bytes()))
    }
    /// True for the punctuation character `c`.
    pub fn is(&self, c: char) -> bool {
        // A pattern, not the derived `==` (which compares the whole enum, float and all).
        matches!(self.tok, Tok::Punct(p) if p == c)
    }
}

/// The longest word a [`Words`] filter holds a bit for; longer ones are always scanned (a
/// filter is 64 bytes: 16 lengths x 32 first letters).
const LONG: usize = 15;

/// A word list that a loop asks of many tokens ([`Words::has`] is [`Token::is_word`] on the
/// list): a bit per (length, first letter) of its words, built at compile time, turns most tokens
/// away before the list is scanned. 64 bytes per list, no allocation, no start-up cost.
pub struct Words {
    list: &'static [&'static str],
    /// Bit `len * 32 + (first byte & 31)` for each word of at most LONG (15) bytes (first byte
    /// lower-cased; letters get their own bit, other bytes may share one: a shared bit only
    /// sends a token on to the exact scan).
    cells: [u64; 8],
    /// Some word is longer than LONG bytes: tokens that long are always scanned.
    long: bool,
}

impl Words {
    /// The filter of `list`.
    pub const fn new(list: &'static [&'static str]) -> Words {
        let mut cells = [0u64; 8];
        let mut long = false;
        let mut i = 0;
        while i < list.len() {
            let w = list[i].as_bytes();
            if w.len() > LONG {
                long = true;
            } else if !w.is_empty() {
                let bit = w.len() * 32 + (w[0].to_ascii_lowercase() & 31) as usize;
                cells[bit / 64] |= 1 << (bit % 64);
            }
            i += 1;
        }
        Words { list, cells, long }
    }

    /// `list.contains(&w)` for a word already lower-cased.
    #[inline]
    pub fn has_str(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let may = match b.first() {
            None => true,
            Some(_) if b.len() > LONG => self.long,
            Some(f) => {
                let bit = b.len() * 32 + (f.to_ascii_lowercase() & 31) as usize;
                self.cells[bit / 64] & (1 << (bit % 64)) != 0
            }
        };
        may && self.list.contains(&w)
    }

    /// `t.is_word(note, list)`.
    #[inline]
    pub fn has(&self, note: &str, t: &Token) -> bool {
        if !matches!(t.tok, Tok::Word) {
            return false;
        }
        let len = t.end - t.start;
        let may = if len > LONG {
            self.long
        } else {
            let first = note.as_bytes().get(t.start).map_or(0, |b| b.to_ascii_lowercase() & 31);
            let bit = len * 32 + first as usize;
            self.cells[bit / 64] & (1 << (bit % 64)) != 0
        };
        may && t.is_word(note, self.list)
    }
}

/// A [`Words`]-style filter over words known only at run time (the first words of the trigger
/// phrases of `crate::context` and `crate::blocks`, kept in hash tables): a bit per (length,
/// first letter), so that most tokens are turned away before they are lower-cased and hashed.
///
/// A second filter of 1024 bits, by the length, the second and the last byte, turns away most
/// of the words that share a length and a first letter with a listed one ("good" with "gait"),
/// so that few tokens are hashed in vain.
#[derive(Default)]
pub struct FirstWords {
    cells: [u64; 8],
    /// Bit [`FirstWords::tail_bit`] of each word of at most LONG bytes.
    tails: [u64; 16],
    /// Some word is longer than LONG bytes.
    long: bool,
}

impl FirstWords {
    /// The filter of `words` (any case).
    pub fn new<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> FirstWords {
        let mut f = FirstWords::default();
        for w in words {
            match w.first() {
                None => {}
                Some(_) if w.len() > LONG => f.long = true,
                Some(&c) => {
                    let bit = w.len() * 32 + (c.to_ascii_lowercase() & 31) as usize;
                    f.cells[bit / 64] |= 1 << (bit % 64);
                    let tail = Self::tail_bit(w);
                    f.tails[tail / 64] |= 1 << (tail % 64);
                }
            }
        }
        f
    }

    /// The second filter's bit of a non-empty word: its length, second byte and last byte
    /// (lower-cased; a one-byte word's second byte reads as 0), mixed into 10 bits.
    #[inline]
    fn tail_bit(w: &[u8]) -> usize {
        let second = w.get(1).map_or(0, |c| c.to_ascii_lowercase()) as u32;
        let last = w[w.len() - 1].to_ascii_lowercase() as u32;
        let h = (w.len() as u32).wrapping_mul(0x9E37_79B9) ^ second.wrapping_mul(0x85EB_CA6B) ^ last.wrapping_mul(0xC2B2_AE35);
        (h >> 22) as usize
    }

    /// False when no word of the list equals `w` (ASCII case-insensitively).
    #[inline]
    pub fn may_hold(&self, w: &[u8]) -> bool {
        match w.first() {
            None => true,
            Some(_) if w.len() > LONG => self.long,
            Some(&c) => {
                let bit = w.len() * 32 + (c.to_ascii_lowercase() & 31) as usize;
                if self.cells[bit / 64] & (1 << (bit % 64)) == 0 {
                    return false;
                }
                let tail = Self::tail_bit(w);
                self.tails[tail / 64] & (1 << (tail % 64)) != 0
            }
        }
    }
}

/// Tokenizes `text[start..end]`; offsets stay absolute. Works on bytes: ASCII decides every
/// boundary, and a multi-byte character is read whole only to ask whether it is a letter.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::with_capacity((end - start) / 3 + 2);
    tokenize_into(text, start, end, &mut out);
    out
}

/// The value of a vulgar-fraction character ("½ block", "1¼ miles").
fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅛' => 0.125,
        _ => return None,
    })
}

/// [`tokenize`], appending to `out` (the note's one token vector: no copy per sentence).
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    let char_at = |i: usize| s[i..].chars().next().unwrap_or(' ');
    let is_letter = |i: usize| -> (bool, usize) {
        let c = b[i];
        if c < 0x80 {
            (c.is_ascii_alphabetic(), 1)
        } else {
            let ch = char_at(i);
            (ch.is_alphabetic(), ch.len_utf8())
        }
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let mut j = i + 1;
            let mut dot = false;
            while j < b.len() {
                if b[j].is_ascii_digit() {
                    j += 1;
                } else if b[j] == b'.' && !dot && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
                    dot = true;
                    j += 1;
                } else {
                    break;
                }
            }
            // Very long digit runs are not clinical numbers; keep them as a word-like token.
            let mut v = if j - i <= 12 { decimal(&b[i..j]) } else { f64::NAN };
            // "1½ blocks": a vulgar fraction right after the digits adds to them.
            // (Vulgar fractions are not ASCII: an ASCII byte after the digits is none.)
            if let Some(f) = b.get(j).filter(|&&x| x >= 0x80).and_then(|_| s[j..].chars().next()).and_then(vulgar_fraction) {
                v += f;
                j += s[j..].chars().next().map_or(0, char::len_utf8);
            }
            let tok = if v.is_nan() { Tok::Word } else { Tok::Num(v) };
            out.push(Token { start: start + i, end: start + j, tok });
            i = j;
            continue;
        }
        // ASCII decided inline; `is_letter` reads a multi-byte character.
        let (letter, len) = if c < 0x80 { (c.is_ascii_alphabetic(), 1) } else { is_letter(i) };
        if letter {
            let mut j = i + len;
            while j < b.len() {
                if b[j].is_ascii_alphabetic() {
                    j += 1;
                    continue;
                }
                // (Only a byte past ASCII can start a letter of another script.)
                if b[j] >= 0x80 {
                    let (l, n) = is_letter(j);
                    if l {
                        j += n;
                        continue;
                    }
                }
                // An apostrophe inside a word ("Parkinson's", "can’t"; ’ is E2 80 99).
                let apos = if b[j] == b'\'' { 1 } else if b[j] == 0xE2 && s[j..].starts_with('’') { 3 } else { 0 };
                if apos > 0 && j + apos < b.len() && is_letter(j + apos).0 {
                    j += apos;
                    continue;
                }
                break;
            }
            // Quantities written in words ("twenty-five feet", "three sets of ten") are numbers.
            if let Some(mut v) = number_word(&b[i..j]) {
                // "twenty-five": a tens word, a hyphen and a units word make one number.
                if v >= 20 && v % 10 == 0 && b.get(j) == Some(&b'-') {
                    let k = j + 1;
                    let e = (k..b.len()).find(|&e| !b[e].is_ascii_alphabetic()).unwrap_or(b.len());
                    if let Some(u) = number_word(&b[k..e]).filter(|u| *u < 10) {
                        v += u;
                        j = e;
                    }
                }
                // "one" is a number only before a unit ("one set", "one minute"): not "no one",
                // "one of", "one hand held".
                let next_word = {
                    let k = (j..b.len()).find(|&k| !b[k].is_ascii_whitespace()).unwrap_or(b.len());
                    let e = (k..b.len()).find(|&e| !b[e].is_ascii_alphabetic()).unwrap_or(b.len());
                    &b[k..e]
                };
                if v != 1 || ONE_BEFORE.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(next_word)) {
                    out.push(Token { start: start + i, end: start + j, tok: Tok::Num(v as f64) });
                    i = j;
                    continue;
                }
            }
            out.push(Token { start: start + i, end: start + j, tok: Tok::Word });
            i = j;
            continue;
        }
        if c < 0x80 {
            if !c.is_ascii_whitespace() && c != 0x0b {
                out.push(Token { start: start + i, end: start + i + 1, tok: Tok::Punct(c as char) });
            }
            i += 1;
        } else {
            let ch = char_at(i);
            if let Some(v) = vulgar_fraction(ch) {
                out.push(Token { start: start + i, end: start + i + len, tok: Tok::Num(v) });
            } else if !ch.is_whitespace() {
                out.push(Token { start: start + i, end: start + i + len, tok: Tok::Punct(ch) });
            }
            i += len;
        }
    }
}

/// Units after which "one" is a quantity.
const ONE_BEFORE: &[&str] = &[
    "set", "rep", "repetition", "trial", "minute", "min", "second", "sec", "foot", "ft", "step", "lap", "time", "round",
    "flight", "block", "mile", "hour", "bout", "person",
];

/// The value of a number written in a word, "two" to "ninety" and "hundred" (ASCII, any case).
#[inline]
fn number_word(w: &[u8]) -> Option<u32> {
    // Every number word starts with one of these letters: most words are rejected here, inlined,
    // without a call.
    if !(3..=9).contains(&w.len()) || !matches!(w[0].to_ascii_lowercase(), b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h') {
        return None;
    }
    number_word_value(w)
}

/// [`number_word`] for a word that may be one.
#[inline(never)]
fn number_word_value(w: &[u8]) -> Option<u32> {
    // (A byte loop: a copy of a few bytes of varying length is a call to memcpy.)
    let mut buf = [0u8; 9];
    for (d, c) in buf.iter_mut().zip(w) {
        *d = c.to_ascii_lowercase();
    }
    Some(match &buf[..w.len()] {
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        b"hundred" => 100,
        _ => return None,
    })
}

/// The value of a number token: ASCII digits with at most one inner `.`, at most 12 bytes.
/// Equal bit for bit to `str::parse::<f64>`, whose general algorithm (with its 10 KB table of
/// powers of five) this keeps out of the wasm: the digits make an integer below 10^12 < 2^53 and
/// the decimals a power of ten at most 10^10, both exact doubles, so their one correctly rounded
/// quotient is the correctly rounded value, which is what `parse` returns (test below).
fn decimal(digits: &[u8]) -> f64 {
    const POW10: [f64; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
    let mut m = 0u64;
    let mut decimals = 0;
    let mut point = false;
    for &c in digits {
        if c == b'.' {
            point = true;
        } else {
            m = m * 10 + u64::from(c - b'0');
            decimals += usize::from(point);
        }
    }
    m as f64 / POW10[decimals]
}

/// A number as `format!("{x}")` writes it (the shortest decimal that reads back as `x`, no
/// exponent), for the values a note's tokens hold, without core's float formatting (Grisu and
/// Dragon with their tables, ~18 KB of wasm; test below). Exact integer arithmetic: `x` is
/// `f * 2^-k`; with `d` decimals the candidates are the two integers `m` around `x * 10^d`, and
/// `m / 10^d` reads back as `x` when it lies within half a unit in the last place of `x` (ties go
/// to an even `f`, as parsing rounds). The first `d` that has one is the shortest; the nearer
/// candidate wins, the larger on a tie (as Display). Values beyond `u128` (|x| below ~1e-15 with 17 digits) are written with the
/// digits reached, and whole numbers above `u64::MAX` saturate: no token holds either.
pub fn show_number(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let a = x.abs();
    if a.is_infinite() {
        return format!("{sign}inf");
    }
    if a.fract() == 0.0 {
        // Whole numbers up to u64::MAX as Display writes them; beyond, saturated.
        return format!("{sign}{}", a as u64);
    }
    let bits = a.to_bits();
    let (exp, frac) = ((bits >> 52) as i32 & 0x7ff, bits & ((1 << 52) - 1));
    // Not a whole number, so below 2^52: `a = f / 2^k` with k >= 1.
    let (f, k) = if exp == 0 { (frac, 1074) } else { (frac | 1 << 52, (1075 - exp) as u32) };
    // The gap below a power of two is half the gap above it.
    let tight_below = frac == 0 && exp > 1;
    let mut best = (0u128, 0u32);
    for d in 0..=k {
        // x * 10^d = f * 5^d / 2^(k-d): scaled by 2^(k-d), `x` is `num`, a candidate `m` is
        // `m << (k-d)`, and half a unit in the last place of `x` is `5^d / 2`.
        let (p, shift) = (5u128.pow(d), k - d);
        let Some(num) = u128::from(f).checked_mul(p).filter(|_| shift < 128) else { break };
        let q = num >> shift;
        let reads_back = |m: u128| -> Option<u128> {
            let mk = m.checked_mul(1u128 << shift)?;
            let (diff, times) = if mk >= num { (mk - num, 2) } else { (num - mk, if tight_below { 4 } else { 2 }) };
            let t = diff.checked_mul(times)?;
            (t < p || (t == p && f % 2 == 0)).then_some(diff)
        };
        best = (q, d);
        match (reads_back(q), reads_back(q + 1)) {
            (Some(a), Some(b)) => return decimals(sign, if b <= a { q + 1 } else { q }, d),
            (Some(_), None) => return decimals(sign, q, d),
            (None, Some(_)) => return decimals(sign, q + 1, d),
            (None, None) => {}
        }
    }
    decimals(sign, best.0, best.1)
}

/// `m / 10^d` written with `d` decimals.
fn decimals(sign: &str, m: u128, d: u32) -> String {
    if d == 0 {
        return format!("{sign}{m}");
    }
    let p = 10u128.pow(d);
    let frac = (m % p).to_string();
    format!("{sign}{}.{}{frac}", m / p, "0".repeat(d as usize - frac.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(t: &str) -> Vec<String> {
        tokenize(t, 0, t.len()).iter().map(|k| k.text(t).to_string()).collect()
    }

    #[test]
    fn first_words_keep_every_listed_word_and_turn_most_others_away() {
        let list: [&[u8]; 5] = [b"cues", b"@name", b"3", b"facilitation", b"neuromuscularly"];
        let f = FirstWords::new(list);
        for w in list {
            assert!(f.may_hold(w), "{w:?}");
            assert!(f.may_hold(&w.to_ascii_uppercase()), "{w:?}");
        }
        // Another length, or another first letter, is turned away; a long word only with one.
        for w in [&b"cue"[..], b"dues", b"balance", b"4"] {
            assert!(!f.may_hold(w), "{w:?}");
        }
        // The same length and first letter as "cues", another second or last letter.
        for w in [&b"cars"[..], b"CORE"] {
            assert!(!f.may_hold(w), "{w:?}");
        }
        assert!(FirstWords::new([&b"a-very-long-trigger-word"[..]]).may_hold(b"another-long-word"));
        assert!(!f.may_hold(b"another-long-word-here"));
    }

    #[test]
    fn splits_glued_doses() {
        assert_eq!(show("2x30s"), ["2", "x", "30", "s"]);
        assert_eq!(show("x3, 4x20ft"), ["x", "3", ",", "4", "x", "20", "ft"]);
        assert_eq!(show("TUG 15.2 s."), ["TUG", "15.2", "s", "."]);
        assert_eq!(show("Parkinson’s 3/10"), ["Parkinson’s", "3", "/", "10"]);
    }

    #[test]
    fn numbers_carry_values() {
        let t = "Berg 41/56";
        let toks = tokenize(t, 0, t.len());
        assert_eq!(toks[1].num(), Some(41.0));
        assert_eq!(toks[3].num(), Some(56.0));
        assert_eq!(tokenize("99999999999999999999", 0, 20)[0].tok, Tok::Word);
        let t = "walked ½ block, then 1½ miles";
        let toks = tokenize(t, 0, t.len());
        assert_eq!(toks[1].num(), Some(0.5));
        assert_eq!(toks.iter().filter_map(|k| k.num()).collect::<Vec<_>>(), [0.5, 1.5]);
    }

    #[test]
    fn quantities_in_words_are_numbers() {
        let vals = |t: &str| tokenize(t, 0, t.len()).iter().filter_map(|k| k.num()).collect::<Vec<_>>();
        assert_eq!(vals("walked twenty-five feet"), [25.0]);
        assert_eq!(vals("Three sets of ten reps, Forty ft"), [3.0, 10.0, 40.0]);
        assert_eq!(show("twenty-five feet"), ["twenty-five", "feet"]);
        // "one" only before a unit.
        assert_eq!(vals("one set of one hand held; no one; one of them"), [1.0]);
        // A tens word before a hyphen and a word that is no units word stays apart.
        assert_eq!(show("twenty-something"), ["twenty", "-", "something"]);
        assert_eq!(vals("twenty-something"), [20.0]);
    }

    /// `show_number` writes what Display writes: for every kind of value a token holds (decimals
    /// of up to 12 digits, with a vulgar fraction added, negated) and for doubles spread over
    /// 1e-12 to 1e15.
    #[test]
    fn show_number_is_display() {
        let same = |x: f64| assert_eq!(show_number(x), format!("{x}"), "{:e}", x);
        for x in [0.0, -0.0, 0.5, 0.1, 0.3, 0.1 + 0.2, 1.0 / 3.0, 2.0 + 1.0 / 3.0, 2.0 / 3.0, 1e-10, 123456.789, 2.675, 4503599627370495.5, 0.25, 0.125, 1e15 + 0.5, f64::NAN, f64::INFINITY, -f64::INFINITY] {
            same(x);
            same(-x);
        }
        let mut r = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            r
        };
        for _ in 0..200_000 {
            let (a, b) = (next(), next());
            let len = 1 + (a % 12) as usize;
            let digits = (b % 10u64.pow(len as u32)) as f64;
            let x = digits / 10f64.powi(((a >> 8) % (len as u64 + 1)) as i32);
            let frac = [0.0, 0.5, 0.25, 0.75, 1.0 / 3.0, 2.0 / 3.0, 0.125][(a >> 20) as usize % 7];
            same(x + frac);
            same(-(x + frac));
            // Any double from 1e-12 to 1e15.
            let y = f64::from_bits(0x3D71_9799_812D_EA11 + next() % (0x4308_0000_0000_0000 - 0x3D71_9799_812D_EA11));
            same(y);
        }
    }

    #[test]
    fn a_words_filter_answers_as_the_list_scan() {
        // Mixed case, one letter, a non-letter start, non-ASCII, 32 bytes and more.
        static LISTS: [&[&str]; 4] = [
            &["flexion", "Ext", "f", "n", "2nd", "café", "abcdefghijklmnopqrstuvwxyzabcdef", "ß"],
            &["min", "mins", "x", "@", "in"],
            &[],
            &["a"],
        ];
        let filters = LISTS.map(Words::new);
        let text = "Flexion EXT f N 2nd CAFÉ café abcdefghijklmnopqrstuvwxyzABCDEF abcdefghijklmnopqrstuvwxyzabcdeg \
                    ß extension MIN Mins x X @ in In a A b flex ext. ^ 3 ~";
        let toks = tokenize(text, 0, text.len());
        let mut seen = 0;
        for (list, filter) in LISTS.iter().zip(&filters) {
            for t in &toks {
                let want = t.is_word(text, list);
                assert_eq!(filter.has(text, t), want, "{:?} in {list:?}", t.text(text));
                seen += want as usize;
                let lower = t.text(text).to_ascii_lowercase();
                assert_eq!(filter.has_str(&lower), list.contains(&lower.as_str()), "{lower:?} in {list:?}");
            }
        }
        assert!(seen >= 14, "the text holds the lists' words ({seen})");
    }

    #[test]
    fn decimal_is_parse() {
        let same = |t: &str| assert_eq!(decimal(t.as_bytes()).to_bits(), t.parse::<f64>().unwrap().to_bits(), "{t}");
        for t in ["0", "0.0", "00.000", "7", "0.1", "0.3", "2.675", "999999999999", "9999999999.9", "9.9999999999", "0.0000000001", "1.0000000001"] {
            same(t);
        }
        // Every length and point position, with pseudo-random digits (xorshift).
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut t = String::new();
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = 1 + (x % 12) as usize;
            let point = (x >> 8) as usize % (len + 1);
            t.clear();
            for k in 0..len {
                if k == point && k > 0 && k < len - 1 {
                    t.push('.');
                } else {
                    t.push(char::from(b'0' + ((x >> (16 + 4 * k)) % 10) as u8));
                }
            }
            same(&t);
        }
    }
}
