//! The decoder of the engine's packed static data (issue 23: the wasm engine under 400 KB).
//!
//! About two fifths of the wasm engine are static data: the word lists, the learned weights, the
//! findings' explanations, the rule tables, the Unicode sentence-break table. `./x wasm` packs that
//! data after linking (`extension/pack-wasm.mjs`): it compresses the memory image of the data
//! segments, keeps only the packed bytes in the module, and adds a start function that calls
//! `skillmark_unpack` (`src/wasm.rs`), which writes the image back with [`unpack`] before any
//! other code runs. The engine's code is unchanged, so its behaviour is too; the packer checks
//! each build by instantiating both modules and comparing their memories.
//!
//! The format: LZ77 (literals, matches, repeats of one of the last four distances) whose every
//! bit is coded with an adaptive binary range coder, as in LZMA, with fewer contexts: after a match
//! or a repeat, a literal is coded against the byte at the last distance (while their bits agree),
//! and the match flag's context holds the output position's low two bits (tables of 4-byte
//! fields). The decoder reads no static data (the data is not there yet when it runs): its
//! probabilities live on the stack. The encoder in `extension/pack-wasm.mjs` mirrors every
//! constant here.

/// Literal context: the top bits of the previous byte.
const LC: u32 = 3;
/// Position context of the match flag: the low bits of the output position.
const PB: u32 = 2;
/// How fast a probability adapts (a shift: 1/16 of the distance to the seen bit).
const MOVE: u32 = 4;
/// Probabilities are 11-bit fixed point; 1024 is one half.
const HALF: u16 = 1024;
/// An Elias-gamma number: 32 probabilities for its unary length, 32 x 32 for its bits.
const GAMMA: usize = 32 + 32 * 32;
/// The states: after a literal, after a match, after a repeat.
const STATES: usize = 3;
/// Per literal context: 0x100 plain, then 0x100 each for a 0 and a 1 bit at the last distance.
const LIT: usize = 0;
const IS_MATCH: usize = LIT + (0x300 << LC);
const IS_REP: usize = IS_MATCH + (STATES << PB);
const IS_REP0: usize = IS_REP + STATES;
const IS_REP1: usize = IS_REP0 + STATES;
const IS_REP2: usize = IS_REP1 + STATES;
const LEN: usize = IS_REP2 + STATES;
const REP_LEN: usize = LEN + GAMMA;
/// A match's distance, coded after its length: one table for length 2, one for 3, one for longer.
const DIST: usize = REP_LEN + GAMMA;
const PROBS: usize = DIST + 3 * GAMMA;

struct Decoder<'a> {
    src: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
}

impl Decoder<'_> {
    fn byte(&mut self) -> u32 {
        let b = self.src.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        u32::from(b)
    }

    fn bit(&mut self, p: &mut u16) -> usize {
        let bound = (self.range >> 11) * u32::from(*p);
        let bit = if self.code < bound {
            self.range = bound;
            *p += (2048 - *p) >> MOVE;
            0
        } else {
            self.code -= bound;
            self.range -= bound;
            *p -= *p >> MOVE;
            1
        };
        while self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | self.byte();
        }
        bit
    }

    /// A number >= 1: its bit length in unary, then its bits below the top one.
    fn gamma(&mut self, probs: &mut [u16]) -> usize {
        let mut n = 0;
        while n < 31 && self.bit(&mut probs[n]) == 1 {
            n += 1;
        }
        let mut v = 1;
        for j in (0..n).rev() {
            v = (v << 1) | self.bit(&mut probs[32 + n * 32 + j]);
        }
        v
    }
}

/// The byte `back` bytes before `i` (0 before the start).
fn at(dst: &[u8], i: usize, back: usize) -> u8 {
    i.checked_sub(back).map_or(0, |k| dst[k])
}

/// Decodes `src` (as `extension/pack-wasm.mjs` encodes it) into the whole of `dst`. Bad input
/// gives wrong bytes, never a read outside `src`.
pub fn unpack(src: &[u8], dst: &mut [u8]) {
    let mut probs = [HALF; PROBS];
    let mut d = Decoder { src, pos: 0, range: u32::MAX, code: 0 };
    for _ in 0..5 {
        d.code = (d.code << 8) | d.byte();
    }
    let (mut i, mut state, mut reps) = (0, 0, [0usize; 4]);
    while i < dst.len() {
        if d.bit(&mut probs[IS_MATCH + (state << PB) + (i & ((1 << PB) - 1))]) == 0 {
            let base = LIT + usize::from(at(dst, i, 1) >> (8 - LC)) * 0x300;
            let mut node = 1;
            if state != 0 {
                // Against the byte at the last distance, until a bit differs.
                let mut matched = usize::from(at(dst, i, reps[0]));
                while node < 256 {
                    let m = (matched >> 7) & 1;
                    matched <<= 1;
                    let b = d.bit(&mut probs[base + ((1 + m) << 8) + node]);
                    node = (node << 1) | b;
                    if b != m {
                        break;
                    }
                }
            }
            while node < 256 {
                node = (node << 1) | d.bit(&mut probs[base + node]);
            }
            dst[i] = node as u8;
            i += 1;
            state = 0;
            continue;
        }
        let len = if d.bit(&mut probs[IS_REP + state]) == 0 {
            let len = d.gamma(&mut probs[LEN..LEN + GAMMA]);
            let table = DIST + (len - 1).min(2) * GAMMA;
            reps = [d.gamma(&mut probs[table..table + GAMMA]), reps[0], reps[1], reps[2]];
            state = 1;
            len
        } else {
            let k = if d.bit(&mut probs[IS_REP0 + state]) == 0 {
                0
            } else if d.bit(&mut probs[IS_REP1 + state]) == 0 {
                1
            } else {
                2 + d.bit(&mut probs[IS_REP2 + state])
            };
            reps[..=k].rotate_right(1);
            state = 2;
            d.gamma(&mut probs[REP_LEN..REP_LEN + GAMMA])
        };
        let end = dst.len().min(i.saturating_add(len).saturating_add(1));
        while i < end {
            dst[i] = at(dst, i, reps[0]);
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unpack;

    /// `node extension/pack-wasm.mjs --compress tests/fixtures/unpack/sample.bin OUT`.
    const SAMPLE: (&[u8], &[u8]) =
        (include_bytes!("../tests/fixtures/unpack/sample.lz"), include_bytes!("../tests/fixtures/unpack/sample.bin"));

    /// `extension/pack-wasm.mjs --compress` of a text with repeats (literals, new distances, a
    /// repeated distance, an overlapping run) and binary zeros; the packer also checks every
    /// engine build by comparing memories, this holds the decoder to the format on its own.
    #[test]
    fn unpacks_what_the_packer_packed() {
        let (packed, want) = SAMPLE;
        let mut out = vec![0xAA; want.len()];
        unpack(packed, &mut out);
        assert_eq!(out, want);
    }

    #[test]
    fn truncated_or_garbage_input_never_panics() {
        let (packed, want) = SAMPLE;
        for cut in [0, 1, 5, packed.len() / 2] {
            let mut out = vec![0; want.len()];
            unpack(&packed[..cut], &mut out);
        }
        let mut out = vec![0; 4096];
        unpack(&[0xFF; 64], &mut out);
    }
}

