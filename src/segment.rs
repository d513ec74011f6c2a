//! Sentences, paragraphs and SOAP sections.
//!
//! Sentence boundaries come from UAX #29 (`unicode-segmentation`) inside each logical line, then
//! clinical rules correct it:
//!
//! * a hard line break ends a sentence and a paragraph, unless the line is hard-wrapped prose
//!   (no closing punctuation and the next line starts in lower case); CRLF and CR count as LF;
//! * bullets (`-`, `*`, `•`, `1.`, `2)`) start a sentence and are not part of it;
//! * SOAP headers ("S:", "Objective:", "ASSESSMENT", "A/P:") are sentences of their own, with no
//!   label, and set the section of what follows;
//! * a period after a clinical abbreviation ("pt.", "Dr.", "e.g.", "approx.", "min.") does not end
//!   a sentence, and "tolerated well. cont POC" does, lower case or not.
//!
//! Never fails: any text gives a (possibly empty) list of non-overlapping sentences in order.

use unicode_segmentation::UnicodeSegmentation;

use crate::report::Section;

/// One sentence, in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seg {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Paragraph number.
    pub paragraph: u32,
    /// SOAP section, if any header came before.
    pub section: Option<Section>,
    /// True for a SOAP header.
    pub header: bool,
}

/// Abbreviations whose period never ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "pt", "pts", "dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "eg", "ie", "approx", "appr", "etc",
    "st", "no", "fig", "min", "max", "mod", "sec", "hr", "hrs", "wk", "wks", "yr", "yrs", "mo", "mos",
    "ft", "in", "lb", "lbs", "oz", "cm", "mm", "pm", "am", "a.m", "p.m", "b.i.d", "t.i.d", "q.i.d",
    "bid", "tid", "qid", "prn", "h/o", "s/p", "w/", "cont", "assoc", "bilat", "ant", "post", "lat",
    "med", "ext", "flex", "abd", "add", "rot", "amb", "ind", "indep", "sup", "approx", "re", "ex",
];

/// Header words and the section they open.
const HEADERS: &[(&str, Section)] = &[
    ("s", Section::Subjective),
    ("o", Section::Objective),
    ("a", Section::Assessment),
    ("p", Section::Plan),
    ("a/p", Section::AssessmentPlan),
    ("subjective", Section::Subjective),
    ("subjective findings", Section::Subjective),
    ("patient report", Section::Subjective),
    ("objective", Section::Objective),
    ("objective findings", Section::Objective),
    ("assessment", Section::Assessment),
    ("impression", Section::Assessment),
    ("clinical impression", Section::Assessment),
    ("plan", Section::Plan),
    ("plan of care", Section::Plan),
    ("assessment/plan", Section::AssessmentPlan),
    ("assessment and plan", Section::AssessmentPlan),
    ("assessment & plan", Section::AssessmentPlan),
];

/// The first bytes of [`HEADERS`] (lower case).
static HEADER_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < HEADERS.len() {
        t[HEADERS[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    t
};

/// If `line` starts with a SOAP header, its length in bytes (with the colon) and section.
fn header_at(line: &str) -> Option<(usize, Section)> {
    // Most lines start with a byte no header starts with: one table look decides.
    let first = match line.as_bytes().first() {
        Some(b) if HEADER_FIRST[b.to_ascii_lowercase() as usize] => b.to_ascii_lowercase(),
        _ => return None,
    };
    let mut best: Option<(usize, Section)> = None;
    for (word, section) in HEADERS {
        let n = word.len();
        // (The headers are lower case: another first byte is another header.)
        if word.as_bytes()[0] != first || line.len() < n || !line.is_char_boundary(n) || !line[..n].eq_ignore_ascii_case(word) {
            continue;
        }
        let rest = &line[n..];
        let single = n <= 3;
        // Single letters need upper case and a colon ("S:"); words need a colon or the whole line
        // ("ASSESSMENT", "Objective").
        if single && !line[..n].bytes().all(|b| !b.is_ascii_lowercase()) {
            continue;
        }
        let len = if let Some(r) = rest.strip_prefix(':') {
            let _ = r;
            n + 1
        } else if !single && rest.trim().is_empty() {
            n
        } else {
            continue;
        };
        if best.is_none_or(|(l, _)| len > l) {
            best = Some((len, *section));
        }
    }
    best
}

/// Length of a bullet or list marker at the start of `line` (with its spaces), or 0.
fn bullet_len(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    if let Some(c) = line.chars().next() {
        if matches!(c, '-' | '*' | '•' | '·' | '◦' | '▪' | '‣' | '○' | '–') {
            i = c.len_utf8();
        } else if c.is_ascii_digit() || c.is_ascii_lowercase() {
            let mut j = 0;
            while j < b.len() && j < 3 && b[j].is_ascii_digit() {
                j += 1;
            }
            if j == 0 {
                j = 1; // a single letter: "a)"
            }
            if j < b.len() && (b[j] == b'.' || b[j] == b')') && b.get(j + 1) == Some(&b' ') {
                // "1. " but not "1.5"; a letter needs ")" ("a) ")
                if c.is_ascii_digit() || b[j] == b')' {
                    i = j + 1;
                }
            }
        }
    }
    if i == 0 {
        return 0;
    }
    let rest = &line[i..];
    if !rest.starts_with([' ', '\t']) {
        return 0;
    }
    i + (rest.len() - rest.trim_start().len())
}

fn ends_clause(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

/// Splits `text` into sentences.
pub fn segment(text: &str) -> Vec<Seg> {
    // Physical lines, without their line-break characters.
    let mut lines: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Straight to the next line-break character (a tight loop), then judged.
    while let Some(k) = bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r') {
        i += k;
        match bytes[i] {
            b'\n' => {
                let end = if i > start && bytes[i - 1] == b'\r' { i - 1 } else { i };
                lines.push((start, end));
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                lines.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, text.len()));

    let mut out = Vec::with_capacity(lines.len() + text.len() / 48);
    // Per-line buffers, reused from line to line.
    let mut scratch = (Vec::new(), Vec::new());
    let mut section: Option<Section> = None;
    let mut paragraph: u32 = 0;
    let mut li = 0;
    while li < lines.len() {
        let (ls, mut le) = lines[li];
        li += 1;
        if text[ls..le].trim().is_empty() {
            continue;
        }
        // Join hard-wrapped continuation lines into one logical line.
        while li < lines.len() {
            let (ns, ne) = lines[li];
            let next = text[ns..ne].trim_start();
            let cont = !ends_clause(&text[ls..le])
                && next.starts_with(|c: char| c.is_lowercase())
                && bullet_len(next) == 0
                && header_at(next).is_none();
            if !cont {
                break;
            }
            le = ne;
            li += 1;
        }
        split_line(text, ls, le, paragraph, &mut section, &mut out, &mut scratch);
        paragraph += 1;
    }
    out
}

/// Pieces of a line and pieces merged: `split_line`'s buffers, kept across lines.
type Scratch = (Vec<(usize, usize)>, Vec<(usize, usize)>);

fn split_line(text: &str, ls: usize, le: usize, paragraph: u32, section: &mut Option<Section>, out: &mut Vec<Seg>, scratch: &mut Scratch) {
    let line = &text[ls..le];
    let mut s = ls + (line.len() - line.trim_start().len());
    s += bullet_len(&text[s..le]);
    if let Some((n, sec)) = header_at(&text[s..le]) {
        *section = Some(sec);
        out.push(Seg { start: s, end: s + n, paragraph, section: *section, header: true });
        s += n;
    }
    let body = &text[s..le];
    if body.trim().is_empty() {
        return;
    }
    // UAX #29 on a copy whose line breaks read as spaces (same byte offsets). A line with no
    // terminal punctuation is one sentence: skip the segmenter (most template and bullet lines).
    let flat: std::borrow::Cow<str> = if body.bytes().any(|b| b == b'\n' || b == b'\r') {
        body.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect::<String>().into()
    } else {
        body.into()
    };
    let (pieces, merged) = scratch;
    pieces.clear();
    merged.clear();
    // Symbols of no sentence-break class ("°", "×", "≤", arrows), curly quotes and dashes break
    // nothing: such a line takes the ASCII rules too.
    let bounds: Vec<(usize, &str)> = if flat.is_ascii() || flat.chars().all(|c| c.is_ascii() || matches!(c, '°' | '±' | '×' | '÷' | '‘' | '’' | '“' | '”' | '–' | '—' | '\u{2190}'..='\u{22FF}')) {
        ascii_sentences(&flat)
    } else {
        flat.split_sentence_bound_indices().collect()
    };
    for (i, piece) in bounds {
        // Further split "well. cont" (UAX #29 keeps a lower-case start in the sentence).
        let mut from = 0;
        // Each ". " (a byte loop: cheaper than a substring searcher per piece).
        let pb = piece.as_bytes();
        // (Straight from one full stop to the next.)
        let stops = {
            let mut at = 0;
            std::iter::from_fn(move || {
                let k = pb.get(at..pb.len().saturating_sub(1))?.iter().position(|&c| c == b'.')?;
                at += k + 1;
                Some(at - 1)
            })
        };
        for j in stops.filter(|&j| pb[j + 1] == b' ') {
            let before = &piece[from..j];
            let word = before.rsplit(|c: char| !c.is_alphanumeric() && c != '.' && c != '/').next().unwrap_or("");
            let after = piece[j + 2..].trim_start();
            let lower_next = after.starts_with(|c: char| c.is_lowercase())
                && word.chars().filter(|c| c.is_alphabetic()).count() >= 3;
            // "3x/day. 97112 x 3": a number after a full stop starts a sentence (UAX #29 keeps it).
            let digit_next = after.starts_with(|c: char| c.is_ascii_digit()) && !word.is_empty();
            if (lower_next || digit_next) && !is_abbreviation(word) {
                pieces.push((i + from, i + j + 1));
                from = j + 2;
            }
        }
        pieces.push((i + from, i + piece.len()));
    }
    // Merge pieces that end in an abbreviation or are only a number ("1.").
    for &(a, b) in pieces.iter() {
        if let Some(last) = merged.last_mut() {
            let prev = flat[last.0..last.1].trim_end();
            let word = prev.strip_suffix('.').map(|p| p.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or(""));
            let numeric = prev.trim_end_matches('.').chars().all(|c| c.is_ascii_digit());
            let next_lower = flat[a..b].trim_start().starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
            if word.is_some_and(|w| is_hard_abbreviation(w) || (is_abbreviation(w) && next_lower)) || numeric {
                last.1 = b;
                continue;
            }
        }
        merged.push((a, b));
    }
    for &(a, b) in merged.iter() {
        let piece = &body[a..b];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if a + lead < b - trail {
            out.push(Seg { start: s + a + lead, end: s + b - trail, paragraph, section: *section, header: false });
        }
    }
}

/// UAX #29 sentence boundaries for ASCII text without line breaks (symbols of class Other may
/// stand in it, their bytes read as any other byte here, and curly quotes and dashes): the rules SB6-SB11 as they apply to
/// ASCII (the general tables cost a quarter of the analysis; tested equal to
/// `unicode-segmentation` on such strings in `tests/robustness.rs`).
pub fn ascii_sentences(s: &str) -> Vec<(usize, &str)> {
    let b = s.as_bytes();
    let n = b.len();
    let is_term = |c: u8| matches!(c, b'.' | b'!' | b'?');
    let is_close = |c: u8| matches!(c, b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}');
    let is_sp = |c: u8| matches!(c, b' ' | b'\t' | 0x0b | 0x0c);
    // Curly quotes are Close too and dashes SContinue: three bytes each, E2 80 xx.
    let e2 = |j: usize, last: &[u8]| j + 2 < n && b[j] == 0xE2 && b[j + 1] == 0x80 && last.contains(&b[j + 2]);
    let close_len = |j: usize| if is_close(b[j]) { 1 } else if e2(j, &[0x98, 0x99, 0x9C, 0x9D]) { 3 } else { 0 };
    let mut out = Vec::new();
    let mut start = 0;
    let mut p = 0;
    while p < n {
        // Straight to the next terminator (a tight loop).
        match b[p..].iter().position(|&c| is_term(c)) {
            Some(k) => p += k,
            None => break,
        }
        let aterm = b[p] == b'.';
        // SB6: ATerm x Numeric. SB7: (Upper | Lower) ATerm x Upper.
        if aterm && p + 1 < n && (b[p + 1].is_ascii_digit() || (p > 0 && b[p - 1].is_ascii_alphabetic() && b[p + 1].is_ascii_uppercase())) {
            p += 1;
            continue;
        }
        // SB9, SB10: no break inside SATerm Close* Sp*.
        let mut j = p + 1;
        while j < n && close_len(j) > 0 {
            j += close_len(j);
        }
        while j < n && is_sp(b[j]) {
            j += 1;
        }
        if j >= n {
            break;
        }
        // SB8a: SATerm Close* Sp* x (SContinue | SATerm); a further terminator is judged itself.
        if matches!(b[j], b',' | b';' | b':' | b'-') || e2(j, &[0x93, 0x94]) || is_term(b[j]) {
            p += 1;
            continue;
        }
        // SB8: ATerm Close* Sp* x (not OLetter/Upper/Lower/Sep/SATerm)* Lower.
        if aterm {
            let mut k = j;
            while k < n && !b[k].is_ascii_alphabetic() && !is_term(b[k]) {
                k += 1;
            }
            if k < n && b[k].is_ascii_lowercase() {
                p += 1;
                continue;
            }
        }
        // SB11: break after SATerm Close* Sp*.
        out.push((start, &s[start..j]));
        start = j;
        p = j;
    }
    if start < n {
        out.push((start, &s[start..]));
    }
    out
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

/// Abbreviations that never end a sentence, whatever follows ("Dr. Smith", "Pt. reports").
fn is_hard_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    ["pt", "dr", "mr", "mrs", "ms", "vs", "e.g", "i.e", "approx", "st", "no"].iter().any(|a| a.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        segment(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    /// `header_at` compares a line's lower-cased first byte with each header's first byte.
    #[test]
    fn headers_are_written_in_lower_case() {
        for (word, _) in HEADERS {
            assert!(!word.bytes().any(|b| b.is_ascii_uppercase()), "{word}");
        }
        assert_eq!(header_at("PLAN OF CARE: 2x/wk").map(|(n, _)| n), Some(13));
        assert_eq!(header_at("Assessment/Plan:").map(|(n, s)| (n, s)), Some((16, Section::AssessmentPlan)));
    }

    #[test]
    fn soap_headers_are_their_own_sentences() {
        let t = "S: Pt reports no falls.\nO: Tandem stance 3 x 30 s. Min A.\nASSESSMENT\nImproving.";
        assert_eq!(texts(t), ["S:", "Pt reports no falls.", "O:", "Tandem stance 3 x 30 s.", "Min A.", "ASSESSMENT", "Improving."]);
        let segs = segment(t);
        assert!(segs[0].header && segs[5].header);
        assert_eq!(segs[4].section, Some(Section::Objective));
        assert_eq!(segs[6].section, Some(Section::Assessment));
    }

    #[test]
    fn abbreviations_decimals_and_doses_do_not_split() {
        let t = "Pt. reports Dr. Lee cleared her. TUG 15.2 s, 3 x 30 s. HEP b.i.d. and approx. 5 min.";
        assert_eq!(texts(t), ["Pt. reports Dr. Lee cleared her.", "TUG 15.2 s, 3 x 30 s.", "HEP b.i.d. and approx. 5 min."]);
    }

    #[test]
    fn bullets_numbers_and_crlf() {
        let t = "Interventions:\r\n- Tandem walk 4 x 20 ft\r\n* SLS R 4 s\r\n1. VOR x1 2 x 1 min\r\n\r\n• Berg 41/56";
        assert_eq!(texts(t), ["Interventions:", "Tandem walk 4 x 20 ft", "SLS R 4 s", "VOR x1 2 x 1 min", "Berg 41/56"]);
        let p: Vec<u32> = segment(t).iter().map(|s| s.paragraph).collect();
        assert_eq!(p, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn lower_case_and_number_sentence_starts_split() {
        assert_eq!(texts("Tolerated well. cont POC."), ["Tolerated well.", "cont POC."]);
        assert_eq!(texts("HEP: VOR x1, 3x/day. 97112 x 3 units (31 min)."), ["HEP: VOR x1, 3x/day.", "97112 x 3 units (31 min)."]);
        assert_eq!(texts("Walk approx. 50 ft."), ["Walk approx. 50 ft."]);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let t = "Standing balance on foam with\neyes closed, 3 x 30 s.\nNext line.";
        assert_eq!(texts(t), ["Standing balance on foam with\neyes closed, 3 x 30 s.", "Next line."]);
    }

    #[test]
    fn odd_input_never_panics() {
        for t in ["", "\n\n\n", "\r", ".", "S:", "1.", "- ", "\u{0301}", "é. é", "a\u{0}b. C"] {
            let _ = segment(t);
        }
    }
}
