//! Best-effort masking of HIPAA Safe Harbor identifiers, so a batch report can be shared.
//!
//! Rule source: 45 CFR §164.514(b)(2) (Safe Harbor de-identification) lists 18 identifier
//! classes. This module finds, with hand-written scanners (no network, no model), the ones that
//! show up in therapy notes and EHR exports:
//!
//! | class | what is masked | placeholder |
//! |---|---|---|
//! | names | words after "Patient:", "Patient name", "Pt name", "Name:", "Client:", "Resident:", and after "Mr./Mrs./Ms./Miss" | `[NAME]` |
//! | dates | `03/04/2024`, `3/4/24`, `2024-03-04`, `March 4, 2024`, `4 Mar 2024`, `March 2024`, and `3/4` after "on", "DOS", "date", "since", ... (a bare `3/10` is a pain score, not a date) | `[DATE]` |
//! | record numbers | the token after "MRN", "MR#", "medical record", "chart #", "patient id" | `[MRN]` |
//! | account numbers | the token after "acct", "account", "member id", "policy", "insurance id", "subscriber id", "claim" | `[ACCOUNT]` |
//! | SSN | `123-45-6789`, and the token after "SSN" | `[SSN]` |
//! | other long numbers | runs of 7 or more digits | `[ID]` |
//! | phone / fax | `(555) 123-4567`, `555-123-4567`, `555.123.4567`, `+1 555-123-4567` | `[PHONE]` |
//! | email | `name@host.tld` | `[EMAIL]` |
//! | addresses | "Address: ..." to the end of the line; `12 Oak Hill Rd` (number, capitalised words, street suffix) with an apartment, city, state and ZIP after it; `PO Box 12`; `, MA 02139` | `[ADDRESS]` |
//! | ages over 89 | `92 y/o`, `91-year-old`, `age 95` (Safe Harbor keeps ages up to 89) | `[AGE 90+]` |
//!
//! [`scan_with`] also masks the identifiers the batch already knows for the note ([`Known`]: the
//! words of its patient id, therapist and note id) wherever the text repeats them.
//!
//! **Best effort, not a guarantee**: a name that is not introduced by a label or honorific
//! ("walked with her daughter Mary"), free-text places and identifiers in unusual formats are not
//! found. Review a redacted report before sharing it.
//!
//! [`scan`] returns byte ranges; [`apply`] builds the masked text and an offset map so the
//! findings' spans still point at the right words ([`Redacted::start`], [`Redacted::end`]).

/// The kind of identifier a [`Hit`] masks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A person's name.
    Name,
    /// A date (more than a year).
    Date,
    /// A medical record number.
    Mrn,
    /// An account, member or policy number.
    Account,
    /// A social security number.
    Ssn,
    /// Another long number.
    Id,
    /// A phone or fax number.
    Phone,
    /// An email address.
    Email,
    /// A street address, PO box or ZIP code.
    Address,
    /// An age over 89.
    Age,
}

impl Class {
    /// The text that replaces the identifier.
    pub fn placeholder(self) -> &'static str {
        match self {
            Class::Name => "[NAME]",
            Class::Date => "[DATE]",
            Class::Mrn => "[MRN]",
            Class::Account => "[ACCOUNT]",
            Class::Ssn => "[SSN]",
            Class::Id => "[ID]",
            Class::Phone => "[PHONE]",
            Class::Email => "[EMAIL]",
            Class::Address => "[ADDRESS]",
            Class::Age => "[AGE 90+]",
        }
    }
}

/// One identifier found: a byte range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub class: Class,
}

/// Masks every identifier found in `text`.
pub fn redact(text: &str) -> String {
    apply(text, &scan(text)).text
}

/// The identifiers in `text`, sorted and not overlapping.
pub fn scan(text: &str) -> Vec<Hit> {
    scan_with(text, &Known::default())
}

/// Masks every identifier found in `text` and every occurrence of a `known` one.
pub fn redact_with(text: &str, known: &Known) -> String {
    apply(text, &scan_with(text, known)).text
}

/// Identifiers the batch already knows for a note (its patient id, therapist and note id, as
/// the export wrote them), found again wherever a note or message repeats them, even where no
/// label introduces them ("John tolerated ...", when the folder is `Smith_John`).
///
/// Each value is split into words: a word of three or more letters (not an all-capitals
/// credential such as "PT" or "DPT", not a common word such as "note" or "visit") is masked as
/// `[NAME]` where it is written as in the export, capitalised or in capitals; a run of four or
/// more digits (an MRN, an encounter number) is masked as `[MRN]`.
#[derive(Clone, Debug, Default)]
pub struct Known {
    words: Vec<(String, Class)>,
}

/// Words read from one value at most.
const MAX_WORDS: usize = 12;

/// Words of file names and ids that name nothing.
const COMMON: &[&str] = &[
    "the", "and", "for", "with", "note", "notes", "visit", "visits", "daily", "eval", "evaluation", "progress", "report", "discharge", "txt", "csv", "json",
    "jsonl", "row", "line", "patient", "therapist", "session", "treatment", "export", "initial", "reeval", "recert", "enc", "encounter", "mrn", "doc",
];

impl Known {
    /// The identifiers of the given values (patient, therapist, note id ...).
    pub fn of(values: &[Option<&str>]) -> Known {
        let mut words: Vec<(String, Class)> = Vec::new();
        for v in values.iter().flatten() {
            // A value of more words than a name or id has is not one (and would cost a pass each).
            for w in v.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(MAX_WORDS) {
                let class = if w.bytes().all(|c| c.is_ascii_digit()) {
                    if w.len() < 4 {
                        continue;
                    }
                    Class::Mrn
                } else if w.chars().all(char::is_alphabetic) && w.chars().count() >= 3 {
                    let caps = w.chars().all(char::is_uppercase);
                    if (caps && w.chars().count() <= 4) || COMMON.iter().any(|c| c.eq_ignore_ascii_case(w)) {
                        continue;
                    }
                    Class::Name
                } else {
                    continue;
                };
                let mut forms = vec![w.to_string(), w.to_uppercase()];
                if class == Class::Name {
                    let mut cs = w.chars();
                    if let Some(first) = cs.next() {
                        forms.push(first.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect());
                    }
                }
                for f in forms {
                    if !words.iter().any(|(x, _)| *x == f) {
                        words.push((f, class));
                    }
                }
            }
        }
        Known { words }
    }

    /// Nothing known.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Each whole-word occurrence of a known word in `text`.
    fn find(&self, text: &str, hits: &mut Vec<Hit>) {
        let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        for (w, class) in &self.words {
            for (at, _) in text.match_indices(w.as_str()) {
                let end = at + w.len();
                if !word_char(text[..at].chars().next_back()) && !word_char(text[end..].chars().next()) {
                    push(hits, at, end, *class);
                }
            }
        }
    }
}

/// [`scan`], plus every occurrence of a `known` identifier.
pub fn scan_with(text: &str, known: &Known) -> Vec<Hit> {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    known.find(text, &mut hits);
    emails(b, &mut hits);
    labelled(b, &mut hits);
    numbers(b, &mut hits);
    month_dates(b, &mut hits);
    cue_dates(b, &mut hits);
    names(b, &mut hits);
    streets(b, &mut hits);
    ages(b, &mut hits);
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        // Never split a character (every scanner stops at ASCII, but be safe).
        if !text.is_char_boundary(h.start) || !text.is_char_boundary(h.end) || h.start >= h.end {
            continue;
        }
        match out.last_mut() {
            Some(last) if h.start < last.end => last.end = last.end.max(h.end),
            _ => out.push(h),
        }
    }
    out
}

/// A masked text and the map from the original's character offsets to its own.
#[derive(Clone, Debug, Default)]
pub struct Redacted {
    /// The text with every hit replaced by its placeholder.
    pub text: String,
    /// `(orig_start, orig_end, new_start, new_end)` in Unicode scalar values, one per hit.
    pieces: Vec<[u32; 4]>,
}

impl Redacted {
    fn map(&self, o: u32, end: bool) -> u32 {
        let k = self.pieces.partition_point(|p| p[1] <= o);
        if let Some(p) = self.pieces.get(k) {
            if p[0] < o {
                return if end { p[3] } else { p[2] };
            }
        }
        match k.checked_sub(1) {
            Some(i) => (o as i64 + self.pieces[i][3] as i64 - self.pieces[i][1] as i64) as u32,
            None => o,
        }
    }
    /// Where a range starting at original offset `o` starts in the masked text (a start inside a
    /// masked identifier moves to its placeholder's start).
    pub fn start(&self, o: u32) -> u32 {
        self.map(o, false)
    }
    /// Where a range ending at original offset `o` ends in the masked text.
    pub fn end(&self, o: u32) -> u32 {
        self.map(o, true)
    }
    /// True when nothing was masked.
    pub fn is_identity(&self) -> bool {
        self.pieces.is_empty()
    }
}

/// Replaces `hits` (from [`scan`]) in `text` by their placeholders.
pub fn apply(text: &str, hits: &[Hit]) -> Redacted {
    let mut out = String::with_capacity(text.len());
    let mut pieces = Vec::with_capacity(hits.len());
    let (mut at, mut orig_chars, mut new_chars) = (0usize, 0u32, 0u32);
    for h in hits {
        let keep = &text[at..h.start];
        out.push_str(keep);
        let n = keep.chars().count() as u32;
        orig_chars += n;
        new_chars += n;
        let p = h.class.placeholder();
        let gone = text[h.start..h.end].chars().count() as u32;
        pieces.push([orig_chars, orig_chars + gone, new_chars, new_chars + p.len() as u32]);
        out.push_str(p);
        orig_chars += gone;
        new_chars += p.len() as u32;
        at = h.end;
    }
    out.push_str(&text[at..]);
    Redacted { text: out, pieces }
}

// ---- scanners (byte level; every pattern is ASCII) ----

fn alnum(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_alphanumeric())
}
fn digit(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_digit())
}
/// Length of the run of bytes from `i` satisfying `f`.
fn run(b: &[u8], i: usize, f: impl Fn(u8) -> bool) -> usize {
    b[i.min(b.len())..].iter().take_while(|&&c| f(c)).count()
}
/// [`run`] for scanners whose starting points only move forward: the last run found is
/// remembered, so a start inside it ("address: address: ..." on one line, "mrn-mrn-mrn-...")
/// is answered without reading the run again. `f` must be the same predicate on every call.
#[derive(Default)]
struct RunMemo {
    from: usize,
    to: usize,
}
impl RunMemo {
    fn run(&mut self, b: &[u8], i: usize, f: impl Fn(u8) -> bool) -> usize {
        if self.from <= i && i <= self.to && self.to > self.from {
            return self.to - i;
        }
        let n = run(b, i, f);
        (self.from, self.to) = (i.min(b.len()), i.min(b.len()) + n);
        n
    }
}
/// Case-insensitive `word` at `i`, starting and ending on a word boundary.
fn word_at(b: &[u8], i: usize, word: &str) -> bool {
    let w = word.as_bytes();
    (i == 0 || !alnum(b, i - 1))
        && b.len() >= i + w.len()
        && b[i..i + w.len()].eq_ignore_ascii_case(w)
        && (!w.last().is_some_and(|c| c.is_ascii_alphanumeric()) || !alnum(b, i + w.len()))
}
/// Could a label of [`labelled`] or [`names`] start at `i`? (Its first two letters; most words
/// fail this, which keeps the scan cheap.)
fn label_start(b: &[u8], i: usize) -> bool {
    const PREFIXES: &[[u8; 2]] =
        &[*b"me", *b"mr", *b"ms", *b"mi", *b"ch", *b"cl", *b"pa", *b"pt", *b"po", *b"re", *b"ac", *b"ad", *b"su", *b"ss", *b"so", *b"in", *b"ho", *b"na"];
    (i == 0 || !alnum(b, i - 1))
        && b.len() > i + 1
        && PREFIXES.contains(&[b[i].to_ascii_lowercase(), b[i + 1].to_ascii_lowercase()])
}

fn push(hits: &mut Vec<Hit>, start: usize, end: usize, class: Class) {
    hits.push(Hit { start, end, class });
}

fn emails(b: &[u8], hits: &mut Vec<Hit>) {
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let host = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    for (at, _) in b.iter().enumerate().filter(|(_, &c)| c == b'@') {
        let left = b[..at].iter().rev().take_while(|&&c| local(c)).count();
        let mut right = run(b, at + 1, host);
        while right > 0 && b[at + right] == b'.' {
            right -= 1;
        }
        let domain = &b[at + 1..at + 1 + right];
        if left > 0 && domain.contains(&b'.') && domain.first().is_some_and(|c| c.is_ascii_alphanumeric()) {
            push(hits, at - left, at + 1 + right, Class::Email);
        }
    }
}

/// "MRN: A12345", "Acct # 889-12", "SSN 123-45-6789", "Address: ... (to end of line)".
fn labelled(b: &[u8], hits: &mut Vec<Hit>) {
    const LABELS: &[(&str, Class)] = &[
        ("medical record number", Class::Mrn),
        ("medical record no", Class::Mrn),
        ("medical record", Class::Mrn),
        ("mrn", Class::Mrn),
        ("mr#", Class::Mrn),
        ("mr #", Class::Mrn),
        ("chart number", Class::Mrn),
        ("chart no", Class::Mrn),
        ("chart #", Class::Mrn),
        ("chart#", Class::Mrn),
        ("patient id", Class::Mrn),
        ("pt id", Class::Mrn),
        ("record #", Class::Mrn),
        ("account number", Class::Account),
        ("account no", Class::Account),
        ("account", Class::Account),
        ("acct", Class::Account),
        ("member id", Class::Account),
        ("subscriber id", Class::Account),
        ("policy number", Class::Account),
        ("policy no", Class::Account),
        ("policy", Class::Account),
        ("insurance id", Class::Account),
        ("claim number", Class::Account),
        ("claim #", Class::Account),
        ("claim", Class::Account),
        ("ssn", Class::Ssn),
        ("social security number", Class::Ssn),
        ("social security no", Class::Ssn),
    ];
    let mut line = RunMemo::default();
    let mut token_run = RunMemo::default();
    // For the current token run: its trailing dashes and its last digit before them.
    let mut token_tail: Option<(usize, usize, Option<usize>)> = None;
    for i in 0..b.len() {
        if !label_start(b, i) {
            continue;
        }
        if word_at(b, i, "address") || word_at(b, i, "home address") {
            let l = if b[i].eq_ignore_ascii_case(&b'h') { 12 } else { 7 };
            let sep = run(b, i + l, |c| c == b':' || c == b' ');
            if b[i + l..i + l + sep].contains(&b':') {
                let from = i + l + sep;
                let len = line.run(b, from, |c| c != b'\n' && c != b'\r');
                if len > 0 {
                    push(hits, from, from + len, Class::Address);
                }
            }
            continue;
        }
        for &(label, class) in LABELS {
            if !word_at(b, i, label) {
                continue;
            }
            let mut j = i + label.len();
            // Separator: ":", "#", ".", "=", "-", spaces, "no.", "number".
            j += run(b, j, |c| b" :#.=-\t".contains(&c));
            for filler in ["number", "num", "no"] {
                if word_at(b, j, filler) {
                    j += filler.len();
                    j += run(b, j, |c| b" :#.=-\t".contains(&c));
                }
            }
            let len = token_run.run(b, j, |c| c.is_ascii_alphanumeric() || c == b'-');
            // The run's end, trailing dashes and last digit are the same for every start in it.
            let end = j + len;
            let (dashes, last_digit) = match token_tail {
                Some((e, d, l)) if e == end => (d, l),
                _ => {
                    let d = b[..end].iter().rev().take_while(|&&c| c == b'-').count();
                    let l = b[..end - d].iter().rev().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').position(u8::is_ascii_digit).map(|k| end - d - 1 - k);
                    token_tail = Some((end, d, l));
                    (d, l)
                }
            };
            let len = len - dashes.min(len);
            if len >= 3 && last_digit.is_some_and(|k| k >= j && k < j + len) {
                push(hits, j, j + len, class);
            }
            break;
        }
    }
}

/// Digit-led patterns: SSN, phone, numeric dates, long numbers, ZIP after a state code.
fn numbers(b: &[u8], hits: &mut Vec<Hit>) {
    let mut i = 0;
    while i < b.len() {
        let starts = (b[i].is_ascii_digit() || b[i] == b'(' || b[i] == b'+') && (i == 0 || !alnum(b, i - 1) && b[i - 1] != b'/' && b[i - 1] != b'.');
        if !starts {
            i += 1;
            continue;
        }
        if let Some((end, class)) = phone(b, i).or_else(|| ssn(b, i)).or_else(|| numeric_date(b, i)) {
            push(hits, i, end, class);
            i = end;
            continue;
        }
        let n = run(b, i, |c| c.is_ascii_digit());
        if n >= 7 {
            push(hits, i, i + n, Class::Id);
        } else if n == 5 && i >= 4 && b[i - 1] == b' ' && b[i - 2].is_ascii_uppercase() && b[i - 3].is_ascii_uppercase() && (b[i - 4] == b' ' || b[i - 4] == b',') && !alnum(b, i + 5) {
            // ", MA 02139" or " MA 02139-1234"
            let plus4 = if b.get(i + 5) == Some(&b'-') && run(b, i + 6, |c| c.is_ascii_digit()) == 4 { 5 } else { 0 };
            push(hits, i - 3, i + 5 + plus4, Class::Address);
        }
        i += n.max(1);
    }
}

/// `(555) 123-4567`, `555-123-4567`, `555.123.4567`, `+1 555 123 4567` (spaces only after "+1").
fn phone(b: &[u8], i: usize) -> Option<(usize, Class)> {
    let mut j = i;
    let mut spaced = false;
    if b[j] == b'+' {
        if b.get(j + 1) != Some(&b'1') {
            return None;
        }
        j += 2;
        j += run(b, j, |c| c == b' ' || c == b'-' || c == b'.');
        spaced = true;
    }
    let area = if b.get(j) == Some(&b'(') {
        if run(b, j + 1, |c| c.is_ascii_digit()) != 3 || b.get(j + 4) != Some(&b')') {
            return None;
        }
        j += 5;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        true
    } else {
        false
    };
    if !area {
        if run(b, j, |c| c.is_ascii_digit()) != 3 {
            return None;
        }
        j += 3;
        let sep = *b.get(j)?;
        if !(sep == b'-' || sep == b'.' || (spaced && sep == b' ')) {
            return None;
        }
        j += 1;
    }
    if run(b, j, |c| c.is_ascii_digit()) != 3 {
        return None;
    }
    j += 3;
    let sep = *b.get(j)?;
    if !(sep == b'-' || sep == b'.' || (spaced && sep == b' ')) {
        return None;
    }
    j += 1;
    if run(b, j, |c| c.is_ascii_digit()) != 4 || alnum(b, j + 4) {
        return None;
    }
    Some((j + 4, Class::Phone))
}

fn ssn(b: &[u8], i: usize) -> Option<(usize, Class)> {
    let ok = run(b, i, |c| c.is_ascii_digit()) == 3
        && b.get(i + 3) == Some(&b'-')
        && run(b, i + 4, |c| c.is_ascii_digit()) == 2
        && b.get(i + 6) == Some(&b'-')
        && run(b, i + 7, |c| c.is_ascii_digit()) == 4
        && !alnum(b, i + 11);
    ok.then_some((i + 11, Class::Ssn))
}

/// `03/04/2024`, `3/4/24`, `03-04-2024`, `03.04.2024`, `2024-03-04`, `2024/3/4`.
/// Without a year, only after a date cue ([`cue_dates`]): "3/10" is usually a pain score.
fn numeric_date(b: &[u8], i: usize) -> Option<(usize, Class)> {
    let mut parts = [(0usize, 0u32); 3];
    let mut j = i;
    let mut sep = 0u8;
    for (k, part) in parts.iter_mut().enumerate() {
        let n = run(b, j, |c| c.is_ascii_digit());
        if n == 0 || n > 4 {
            return None;
        }
        *part = (n, std::str::from_utf8(&b[j..j + n]).ok()?.parse().ok()?);
        j += n;
        if k < 2 {
            let s = *b.get(j)?;
            if !(s == b'/' || s == b'-' || s == b'.') || (k == 1 && s != sep) {
                return None;
            }
            sep = s;
            j += 1;
        }
    }
    if alnum(b, j) || (b.get(j) == Some(&b'/') && digit(b, j + 1)) {
        return None;
    }
    let valid_md = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    let ok = match parts {
        [(4, _), (1 | 2, m), (1 | 2, d)] => valid_md(m, d),
        [(1 | 2, x), (1 | 2, y), (4, _)] => valid_md(x, y) || valid_md(y, x),
        [(1 | 2, x), (1 | 2, y), (2, _)] if sep == b'/' => valid_md(x, y) || valid_md(y, x),
        _ => false,
    };
    ok.then_some((j, Class::Date))
}

const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
];

/// Capitalised month names next to a day or year: "March 4, 2024", "Mar. 4th", "4 March 2024",
/// "March 2024". A month name alone ("May") is not a date.
fn month_dates(b: &[u8], hits: &mut Vec<Hit>) {
    let num = |j: usize, max: usize| {
        let n = run(b, j, |c| c.is_ascii_digit());
        (n > 0 && n <= max && !b[j + n..].first().is_some_and(|c| c.is_ascii_digit())).then_some(n)
    };
    for i in 0..b.len() {
        if !b[i].is_ascii_uppercase() || (i > 0 && alnum(b, i - 1)) {
            continue;
        }
        let Some(m) = MONTHS.iter().find(|m| b[i..].starts_with(m.as_bytes()) && !alnum(b, i + m.len())) else { continue };
        let mut end = i + m.len();
        let mut j = end + usize::from(b.get(end) == Some(&b'.'));
        let sp = run(b, j, |c| c == b' ');
        if sp == 0 {
            continue;
        }
        j += sp;
        let mut found = false;
        if let Some(n) = num(j, 2) {
            // Day, then maybe an ordinal suffix and a year.
            let mut k = j + n;
            for suf in ["st", "nd", "rd", "th"] {
                if b[k..].starts_with(suf.as_bytes()) && !alnum(b, k + 2) {
                    k += 2;
                }
            }
            end = k;
            found = true;
            let y = k + run(b, k, |c| c == b',') + run(b, k + run(b, k, |c| c == b','), |c| c == b' ');
            if y > k && num(y, 4) == Some(4) {
                end = y + 4;
            }
        } else if num(j, 4) == Some(4) {
            end = j + 4;
            found = true;
        }
        // "4 March 2024": a day before the month.
        let mut start = i;
        if i >= 2 && b[i - 1] == b' ' && digit(b, i - 2) {
            let d = b[..i - 1].iter().rev().take_while(|c| c.is_ascii_digit()).count();
            if d <= 2 && (i - 1 - d == 0 || !alnum(b, i - 2 - d)) {
                start = i - 1 - d;
                if !found && num(j, 4) != Some(4) {
                    end = i + m.len();
                }
                found = true;
            }
        }
        if found {
            push(hits, start, end, Class::Date);
        }
    }
}

/// "on 3/4", "DOS 3/4", "since 3/4": a month/day without a year after a word that makes it a date.
fn cue_dates(b: &[u8], hits: &mut Vec<Hit>) {
    const CUES: &[&str] = &["on", "dos", "date", "dated", "since", "from", "until", "thru", "through", "dob", "seen", "visit"];
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (alnum(b, i - 1) || b[i - 1] == b'/')) {
            continue;
        }
        let m = run(b, i, |c| c.is_ascii_digit());
        if m > 2 || b.get(i + m) != Some(&b'/') {
            continue;
        }
        let d = run(b, i + m + 1, |c| c.is_ascii_digit());
        let end = i + m + 1 + d;
        if d == 0 || d > 2 || b.get(end) == Some(&b'/') || alnum(b, end) {
            continue;
        }
        let (mm, dd): (u32, u32) = (std::str::from_utf8(&b[i..i + m]).unwrap_or("0").parse().unwrap_or(0), std::str::from_utf8(&b[i + m + 1..end]).unwrap_or("0").parse().unwrap_or(0));
        if !(1..=12).contains(&mm) || !(1..=31).contains(&dd) {
            continue;
        }
        // The word before (skipping ": " and spaces).
        let before = &b[..i];
        let gap = before.iter().rev().take_while(|&&c| c == b' ' || c == b':').count();
        let w = before[..before.len() - gap].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
        let word = &before[before.len() - gap - w..before.len() - gap];
        if gap > 0 && CUES.iter().any(|c| c.as_bytes().eq_ignore_ascii_case(word)) {
            push(hits, i, end, Class::Date);
        }
    }
}

/// Words that follow "Patient:" in notes and are not names.
const NOT_NAMES: &[&str] = &[
    "Reports", "Reported", "States", "Stated", "Seen", "Is", "Was", "Presents", "Presented", "Arrived", "Arrives", "Returns", "Tolerated", "Ambulated",
    "Performed", "Completed", "Denies", "Participated", "Agreed", "Demonstrated", "Required", "Requires", "Had", "Has", "Did", "Continues", "Able",
    "Unable", "Education", "Educated", "Complains", "The", "A", "An", "No", "Not", "Pt", "Patient", "He", "She", "They", "Male", "Female", "Cooperative",
    "Alert", "Motivated",
];

/// A name word: "Smith", "O'Neil", "Mary-Jo", "SMITH", or an initial "J." / "J".
fn name_word(b: &[u8], i: usize) -> usize {
    if !b.get(i).is_some_and(u8::is_ascii_uppercase) {
        return 0;
    }
    let n = 1 + run(b, i + 1, |c| c.is_ascii_alphabetic() || c >= 0x80 || c == b'\'' || c == b'-');
    if n == 1 {
        return if b.get(i + 1) == Some(&b'.') { 2 } else if alnum(b, i + 1) { 0 } else { 1 };
    }
    n
}

/// Names after a label ("Patient: Jane Q. Doe", "Pt name: DOE, JANE") or an honorific.
fn names(b: &[u8], hits: &mut Vec<Hit>) {
    const LABELS: &[(&str, bool)] = &[
        ("patient name", false),
        ("pt name", false),
        ("client name", false),
        ("patient:", true),
        ("client:", true),
        ("resident:", true),
        ("name:", true),
        ("mr.", true),
        ("mrs.", true),
        ("ms.", true),
        ("miss", true),
        ("mr", true),
        ("mrs", true),
        ("ms", true),
    ];
    for i in 0..b.len() {
        if !label_start(b, i) {
            continue;
        }
        let Some(&(label, _)) = LABELS.iter().find(|(l, _)| {
            let l = l.as_bytes();
            b.len() >= i + l.len() && b[i..i + l.len()].eq_ignore_ascii_case(l) && !(l.last().unwrap().is_ascii_alphabetic() && alnum(b, i + l.len()))
        }) else {
            continue;
        };
        let honorific = label.starts_with('m');
        if honorific && !b[i].is_ascii_uppercase() {
            continue;
        }
        let mut j = i + label.len();
        j += run(b, j, |c| c == b':' || c == b' ' || c == b'\t');
        if j == i + label.len() {
            continue;
        }
        let start = j;
        let mut end = j;
        for k in 0..4 {
            let n = name_word(b, j);
            if n == 0 {
                break;
            }
            let w = &b[j..j + n];
            if k == 0 && NOT_NAMES.iter().any(|x| x.as_bytes().eq_ignore_ascii_case(w)) {
                break;
            }
            end = j + n;
            j = end;
            if b[j..].starts_with(b", ") && k == 0 && name_word(b, j + 2) > 0 {
                j += 2;
            } else if b.get(j) == Some(&b' ') {
                j += 1;
            } else {
                break;
            }
        }
        if end > start {
            push(hits, start, end, Class::Name);
        }
    }
}

const SUFFIXES: &[&str] = &[
    "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr", "Court", "Ct", "Way", "Place", "Pl", "Terrace",
    "Ter", "Circle", "Cir", "Highway", "Hwy", "Parkway", "Pkwy", "Square", "Sq", "Trail", "Trl",
];

/// "12 Oak Hill Rd", "4 N. Main St., Apt 2B, Springfield, IL 62704", "PO Box 12".
fn streets(b: &[u8], hits: &mut Vec<Hit>) {
    let mut chains: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for i in 0..b.len() {
        if i > 0 && alnum(b, i - 1) {
            continue;
        }
        for po in ["PO Box ", "P.O. Box ", "P. O. Box "] {
            if b[i..].starts_with(po.as_bytes()) {
                let n = run(b, i + po.len(), |c| c.is_ascii_digit());
                if n > 0 {
                    push(hits, i, i + po.len() + n, Class::Address);
                }
            }
        }
        let n = run(b, i, |c| c.is_ascii_digit());
        if n == 0 || n > 6 || b.get(i + n) != Some(&b' ') {
            continue;
        }
        let mut j = i + n + 1;
        let mut end = None;
        for _ in 0..5 {
            let w = name_word(b, j).max(if digit(b, j) { run(b, j, |c| c.is_ascii_alphanumeric()) } else { 0 });
            if w == 0 {
                break;
            }
            let word = &b[j..j + w];
            j += w;
            if SUFFIXES.iter().any(|s| s.as_bytes() == word) && j > i + n + 1 + w {
                end = Some(j + usize::from(b.get(j) == Some(&b'.')));
                break;
            }
            j += usize::from(b.get(j) == Some(&b'.'));
            if b.get(j) != Some(&b' ') {
                break;
            }
            j += 1;
        }
        let Some(mut end) = end else { continue };
        // ", Apt 2B", ", Springfield", ", IL 62704": capitalised words and numbers after commas.
        // Where a chain from a position ends depends on the position only: remember every
        // position a chain passed, so "1 Main St, 1 Main St, ..." is walked once, not per street.
        let mut passed = vec![end];
        loop {
            if let Some(&e) = chains.get(&end) {
                end = e;
                break;
            }
            let mut k = end;
            if !b[k..].starts_with(b", ") {
                break;
            }
            k += 2;
            let mut any = false;
            loop {
                let w = name_word(b, k).max(if digit(b, k) || b.get(k) == Some(&b'#') { 1 + run(b, k + 1, |c| c.is_ascii_alphanumeric() || c == b'-') } else { 0 });
                if w == 0 {
                    break;
                }
                k += w;
                any = true;
                if b.get(k) == Some(&b' ') && (name_word(b, k + 1) > 0 || digit(b, k + 1) || b.get(k + 1) == Some(&b'#')) {
                    k += 1;
                } else {
                    break;
                }
            }
            if !any {
                break;
            }
            end = k;
            passed.push(end);
        }
        for p in passed {
            chains.insert(p, end);
        }
        push(hits, i, end, Class::Address);
    }
}

/// "92 y/o", "91-year-old", "93 yo", "age 95", "aged 90": ages of 90 and over.
fn ages(b: &[u8], hits: &mut Vec<Hit>) {
    const UNITS: &[&str] = &["y/o", "y.o.", "yo", "yrs old", "yr old", "year old", "years old", "years of age", "yr-old", "year-old", "yrs", "years"];
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (alnum(b, i - 1) || b[i - 1] == b'.')) {
            continue;
        }
        let n = run(b, i, |c| c.is_ascii_digit());
        if !(2..=3).contains(&n) || b.get(i + n) == Some(&b'.') && digit(b, i + n + 1) {
            continue;
        }
        let age: u32 = std::str::from_utf8(&b[i..i + n]).unwrap_or("0").parse().unwrap_or(0);
        if !(90..=130).contains(&age) {
            continue;
        }
        let j = i + n + run(b, i + n, |c| c == b' ' || c == b'-');
        if let Some(u) = UNITS.iter().find(|u| word_at(b, j, u) || (u.ends_with('.') && b[j..].len() >= u.len() && b[j..j + u.len()].eq_ignore_ascii_case(u.as_bytes()))) {
            push(hits, i, j + u.len(), Class::Age);
            continue;
        }
        let before = &b[..i];
        let gap = before.iter().rev().take_while(|&&c| c == b' ' || c == b':').count();
        let w = before[..before.len() - gap].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
        let word = &before[before.len() - gap - w..before.len() - gap];
        if gap > 0 && (word.eq_ignore_ascii_case(b"age") || word.eq_ignore_ascii_case(b"aged")) {
            push(hits, i, i + n, Class::Age);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(t: &str) -> String {
        redact(t)
    }

    #[test]
    fn names_after_labels_and_honorifics() {
        assert_eq!(r("Patient: Jane Q. Doe\nDx: CVA"), "Patient: [NAME]\nDx: CVA");
        assert_eq!(r("Pt name: DOE, JANE  DOB 01/02/1930"), "Pt name: [NAME]  DOB [DATE]");
        assert_eq!(r("Patient Name: Mary-Jo O'Neil, 72 y/o"), "Patient Name: [NAME], 72 y/o");
        assert_eq!(r("Name: Smith"), "Name: [NAME]");
        assert_eq!(r("Spoke with Mrs. Alvarez about HEP."), "Spoke with Mrs. [NAME] about HEP.");
        assert_eq!(r("Patient: reports 3/10 pain."), "Patient: reports 3/10 pain.", "lower case is not a name");
        assert_eq!(r("Patient: Reports less dizziness."), "Patient: Reports less dizziness.", "note verbs are not names");
        assert_eq!(r("Patient tolerated well. Mr Brown arrived."), "Patient tolerated well. Mr [NAME] arrived.");
        assert_eq!(r("Improved timing mr of gait"), "Improved timing mr of gait");
    }

    #[test]
    fn dates_but_not_scores() {
        assert_eq!(r("DOS 03/04/2024. Seen 3/4/24; eval 2024-03-01."), "DOS [DATE]. Seen [DATE]; eval [DATE].");
        assert_eq!(r("Pain 3/10, MMT 4/5, Berg 42/56."), "Pain 3/10, MMT 4/5, Berg 42/56.");
        assert_eq!(r("Fell on 3/4 at home; since 12/1 uses cane."), "Fell on [DATE] at home; since [DATE] uses cane.");
        assert_eq!(r("Surgery March 4, 2024; onset 4 Mar 2024; since Jan 2023."), "Surgery [DATE]; onset [DATE]; since [DATE].");
        assert_eq!(r("Next visit Mar. 14th."), "Next visit [DATE].");
        assert_eq!(r("May progress to foam. In 2024 pt fell."), "May progress to foam. In 2024 pt fell.", "a year alone is kept");
        assert_eq!(r("3 x 10 reps, 2-10-15 s"), "3 x 10 reps, 2-10-15 s");
    }

    #[test]
    fn record_account_and_other_numbers() {
        assert_eq!(r("MRN: 00123456"), "MRN: [MRN]");
        assert_eq!(r("MR# A-77812 seen"), "MR# [MRN] seen");
        assert_eq!(r("Medical record no. 55123"), "Medical record no. [MRN]");
        assert_eq!(r("Acct #: 889-1203"), "Acct #: [ACCOUNT]");
        assert_eq!(r("Account number 7781-22; Member ID XZ123456"), "Account number [ACCOUNT]; Member ID [ACCOUNT]");
        assert_eq!(r("SSN 123-45-6789, alt 987-65-4321"), "SSN [SSN], alt [SSN]");
        assert_eq!(r("ref 12345678"), "ref [ID]");
        assert_eq!(r("took into account 3 LOB; 97112 x 2 units"), "took into account 3 LOB; 97112 x 2 units");
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(r("Call (555) 123-4567 or 555-987-6543, fax 555.222.3333."), "Call [PHONE] or [PHONE], fax [PHONE].");
        assert_eq!(r("Cell +1 555 123 4567"), "Cell [PHONE]");
        assert_eq!(r("Email jane.doe+pt@example.org."), "Email [EMAIL].");
        assert_eq!(r("4 x 20 ft, 3 x 10"), "4 x 20 ft, 3 x 10");
    }

    #[test]
    fn addresses() {
        assert_eq!(r("Lives at 12 Oak Hill Rd, Apt 2B, Springfield, IL 62704 with wife."), "Lives at [ADDRESS] with wife.");
        assert_eq!(r("Address: 4 N. Main St., Boston\nDx: CVA"), "Address: [ADDRESS]\nDx: CVA");
        assert_eq!(r("Mail to PO Box 778."), "Mail to [ADDRESS].");
        assert_eq!(r("Moved to Cambridge, MA 02139 last year"), "Moved to Cambridge, [ADDRESS] last year");
        assert_eq!(r("Walked 200 ft in the hallway; 3 Way stance"), "Walked 200 ft in the hallway; 3 Way stance");
    }

    #[test]
    fn ages_over_89_only() {
        assert_eq!(r("92 y/o female; 91-year-old; age 95; aged: 90"), "[AGE 90+] female; [AGE 90+]; age [AGE 90+]; aged: [AGE 90+]");
        assert_eq!(r("72 y/o female, age 89, 95% of trials, 100 ft"), "72 y/o female, age 89, 95% of trials, 100 ft");
    }

    #[test]
    fn known_identifiers_are_masked_wherever_they_recur() {
        let k = Known::of(&[Some("Smith_John"), Some("Dana Whitfield, DPT"), Some("enc-778899_note"), None]);
        assert_eq!(
            redact_with("John walked; SMITH tol. well. Dana cued. Enc 778899. PT and DPT kept; Johnson kept; note kept.", &k),
            "[NAME] walked; [NAME] tol. well. [NAME] cued. Enc [MRN]. PT and DPT kept; Johnson kept; note kept."
        );
        assert_eq!(redact_with("smith_john 2 x 10", &Known::of(&[Some("smith_john")])), "[NAME]_[NAME] 2 x 10", "as written in the export");
        assert_eq!(redact_with("Rolling walker", &Known::of(&[Some("Walker")])), "Rolling walker", "a lower-case common word is kept");
        assert!(Known::of(&[Some("P1"), Some("Alex PT"), Some("12")]).words.iter().all(|(w, _)| w.starts_with("Alex") || w == "ALEX"));
    }

    #[test]
    fn offsets_follow_the_masks() {
        let t = "Patient: Jane Doé. Tolerated well 92 y/o.";
        let hits = scan(t);
        let red = apply(t, &hits);
        assert_eq!(red.text, "Patient: [NAME]. Tolerated well [AGE 90+].");
        let chars: Vec<char> = t.chars().collect();
        let find = |s: &str| {
            let at = t.find(s).unwrap();
            let c = t[..at].chars().count() as u32;
            (c, c + s.chars().count() as u32)
        };
        let (s, e) = find("Tolerated well");
        assert_eq!(&red.text[red.start(s) as usize..red.end(e) as usize], "Tolerated well");
        // A span over a masked name covers its placeholder.
        let (s, e) = find("Doé");
        assert_eq!(&red.text[red.start(s) as usize..red.end(e) as usize], "[NAME]");
        assert_eq!(red.end(chars.len() as u32) as usize, red.text.chars().count());
        assert!(apply("nothing here", &scan("nothing here")).is_identity());
    }
}
