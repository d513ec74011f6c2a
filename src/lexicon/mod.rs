//! The clinical word lists, as data, matched in one pass.
//!
//! Each `*.txt` file beside this module is one lexicon: one term a line, `#` comments. All terms
//! of all lexicons go into a single byte trie (`trie.rs`, ASCII case-insensitive), run once per
//! note over a lower-cased copy of the text in which hyphens read as spaces (same byte offsets, so
//! "Step-ups" and "step ups" are one term). Candidates must start and end on word boundaries; terms written
//! with a leading `=` must also match case exactly ("PT" the therapist, not "pt" the patient).
//! Matching is leftmost-longest in one pass, so "balance training" (an activity) shadows
//! "balance" (a function); a longest match that fails the word-boundary check is dropped rather
//! than retried shorter, which costs nothing on real notes (every term's plural is listed).
//!
//! A term may sit in several lexicons; its hit then carries every kind ([`Kinds`] is a bit set).
//!
//! **Word forms.** A second trie runs over the note's words reduced to their Porter2 stems
//! (`rust-stemmers`), so "weight shifting", "guided", "hyperextends" and "taps" find the terms
//! "weight shift", "guide", "hyperextend" and "tap". The note's words reach the stems through a
//! table built once from each term word's regular inflections (so a scan stems nothing).
//! Porter2 also conflates derivations
//! ("activation" and "activities" both stem to "activ"), so a stem match is kept only when each
//! word of the note differs from the term's word by an inflection (`-s`, `-es`, `-ed`, `-ing`,
//! `-y`/`-ies`, a dropped `e`, a doubled consonant): see [`inflection_of`]. Hits of the literal
//! pass win; a stem hit fills only text the literal pass left unmatched or matched shorter.

use std::collections::HashMap;
use std::sync::OnceLock;

mod trie;
use trie::Trie;

/// Code names that bill like a code, with the code they stand for (`crate::billing::code_for_name` gives the code).
/// Hyphens match spaces ("re-ed" = "re ed").
pub const CODE_NAMES: &[&str] = &[
    "NMR", "NMRE", "NM re ed", "neuromuscular re ed", "neuromuscular re education", "neuromuscular reeducation",
    "neuro muscular re education", "neuro re ed", "neuro reed", "neuro re education", "neuro reeducation",
    "ther ex", "therex", "therapeutic exercise", "TE", "ther act", "theract", "therapeutic activities",
    "therapeutic activity", "gait training", "gait trng", "manual therapy", "self care",
    "home management training", "ADL training", "group therapy", "group therapeutic procedures",
];

/// A set of lexicon kinds (bit flags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds(pub u32);

macro_rules! kinds {
    ($($name:ident = $bit:expr, $doc:literal;)*) => {
        impl Kinds {
            $(#[doc = $doc] pub const $name: Kinds = Kinds(1 << $bit);)*
        }
    };
}

kinds! {
    ACTIVITY = 0, "A named task or exercise (activities.txt).";
    GENERIC = 1, "An unnamed activity: \"balance ex\", \"NMR\" (generic_activities.txt).";
    FUNCTION = 2, "A body function 97112 targets (functions.txt).";
    IMPAIRMENT = 3, "An impairment that is a reason on its own (impairments.txt).";
    MODIFIER = 4, "\"impaired\", \"delayed\" ... (impairment_modifiers.txt).";
    SKILL = 5, "A skilled contribution: cue, facilitation, grading (skills.txt).";
    ASSIST_HOW = 6, "An assist level with hands-on or cueing help (assists.txt, '+').";
    ASSIST_LEVEL = 7, "An assist level without help: SBA, independent (assists.txt, '.').";
    OUTCOME = 8, "A functional activity or participation goal (outcomes.txt).";
    MOBILITY = 9, "Gait, walking, transfers: outcome only in context (mobility.txt).";
    EVENT = 10, "A countable event: LOB, falls, step-offs (events.txt).";
    PURPOSE = 11, "\"to improve\", \"for\", \"targets\" (purpose.txt).";
    GOAL = 12, "Goal headers (markers.txt).";
    FUTURE = 13, "Future markers: next visit, will (markers.txt).";
    PLAN = 14, "Plan verbs: add, progress (markers.txt).";
    REPORT = 15, "Reported speech: reports, states (markers.txt).";
    CLINICIAN = 16, "The therapist as subject (markers.txt).";
    DELIVERY = 17, "Delivery verbs and field labels: performed, educated, Interventions: (markers.txt).";
    LIMIT = 18, "Goal, limitation and ability context: limits, allow, wants to (markers.txt).";
    STATE = 19, "States of a function: improving, persists (markers.txt).";
    RESULT = 20, "Result words before a measured value: held, eval, last visit (markers.txt).";
    DX = 21, "Diagnosis field labels (markers.txt).";
    MEASURE_NAME = 22, "A standardized test or vital sign (crate::measures).";
    SYMPTOM = 23, "A symptom that takes a 0-10 rating (crate::measures).";
    CODE_NAME = 24, "A billing code name: NMR, ther ex ([`CODE_NAMES`]; read by crate::billing).";
    MUSCLE = 25, "A muscle or muscle group: the object of activation (muscles.txt).";
}

impl Kinds {
    /// True when any kind of `other` is in `self`.
    pub fn any(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Kinds {
    type Output = Kinds;
    fn bitor(self, o: Kinds) -> Kinds {
        Kinds(self.0 | o.0)
    }
}

impl std::ops::BitOrAssign for Kinds {
    fn bitor_assign(&mut self, o: Kinds) {
        self.0 |= o.0;
    }
}

/// One lexicon term found in the note (byte offsets into the note).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What the term is.
    pub kinds: Kinds,
    /// Index of the term in [`Lexicon::terms`], for tables keyed by term (measures).
    pub term: u32,
}

/// One spelling of a term and the kinds it carries.
struct Entry {
    /// `Some` when the term must match case exactly (normalized, hyphens as spaces).
    exact: Option<String>,
    kinds: Kinds,
}

/// The compiled lexicon.
pub struct Lexicon {
    ac: Trie,
    /// For each trie pattern, its spellings.
    entries: Vec<Vec<Entry>>,
    /// Lower-cased pattern text, by pattern id.
    pub terms: Vec<String>,
    /// The trie of stemmed terms ("weight shift" as "weight shift", "guided" as "guid").
    stems: Trie,
    /// For each stem pattern, the terms that stem to it.
    stem_entries: Vec<Vec<StemEntry>>,
    /// Every inflection of every word of a stemmed term (lower-case bytes), with the word's stem.
    /// Built once with the stemmer, so scanning a note is one hash lookup per word, not a stemmer
    /// run.
    forms: rustc_hash::FxHashMap<Box<[u8]>, Box<str>>,
}

/// A term reachable through its stems.
struct StemEntry {
    /// The term's words, lower case.
    words: Vec<String>,
    kinds: Kinds,
    /// Index into [`Lexicon::terms`].
    term: u32,
}

/// The lexicons whose terms also match their inflections.
const FORM_KINDS: Kinds = Kinds(
    Kinds::ACTIVITY.0 | Kinds::GENERIC.0 | Kinds::FUNCTION.0 | Kinds::IMPAIRMENT.0 | Kinds::OUTCOME.0
        | Kinds::MOBILITY.0 | Kinds::EVENT.0 | Kinds::SKILL.0 | Kinds::MUSCLE.0,
);

fn stemmer() -> rust_stemmers::Stemmer {
    rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
}

/// True when `a` and `b` are inflections of one word: equal, or equal after removing one of the
/// endings `""`, `s`, `es`, `e`, `ed`, `d`, `ing`, `y`, `ies`, `ied` from each (with a doubled
/// final consonant before `ed`/`ing`: "tap" / "tapping"). Derivations ("activation" /
/// "activity", "posture" / "postural", "walk" / "walker") are not inflections.
#[inline]
pub fn inflection_of(a: &str, b: &str) -> bool {
    inflection_of_bytes(a.as_bytes(), b.as_bytes())
}

/// [`inflection_of`] on the words' bytes.
#[inline]
fn inflection_of_bytes(x: &[u8], y: &[u8]) -> bool {
    // Inflections share a prefix of at least three bytes: most pairs (a word against a list)
    // differ in their first bytes, which is decided here, inlined, without a call.
    if x.len() < 3 || y.len() < 3 {
        return x == y;
    }
    if x[..3] != y[..3] {
        return false;
    }
    inflection_tail(x, y)
}

/// [`inflection_of`] for words of three or more bytes sharing their first three.
#[inline(never)]
fn inflection_tail(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p < 3 {
        return false;
    }
    // Bytes, not str slices: `p` may fall inside a multi-byte character of a non-ASCII word.
    let last = a[p - 1];
    let ending = |r: &[u8]| {
        matches!(r, b"" | b"s" | b"es" | b"e" | b"ed" | b"d" | b"ing" | b"y" | b"ies" | b"ied")
            || (r.len() >= 3 && r[0] == last && !b"aeiou".contains(&last) && matches!(&r[1..], b"ed" | b"ing"))
    };
    ending(&a[p..]) && ending(&b[p..])
}

/// A lexicon list as compiled in: `src/lexicon/<name>` without its comment lines (`build.rs`).
macro_rules! lexicon_file {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/lexicon/", $name))
    };
}

const FILES: &[(&str, Kinds)] = &[
    (lexicon_file!("activities.txt"), Kinds::ACTIVITY),
    (lexicon_file!("interventions.txt"), Kinds::ACTIVITY),
    (lexicon_file!("equipment.txt"), Kinds::ACTIVITY),
    (lexicon_file!("developmental.txt"), Kinds::ACTIVITY),
    (lexicon_file!("generic_activities.txt"), Kinds::GENERIC),
    (lexicon_file!("functions.txt"), Kinds::FUNCTION),
    (lexicon_file!("icf_body_functions.txt"), Kinds::FUNCTION),
    (lexicon_file!("icf_activities.txt"), Kinds::OUTCOME),
    (lexicon_file!("impairments.txt"), Kinds::IMPAIRMENT),
    (lexicon_file!("gait_deviations.txt"), Kinds::IMPAIRMENT),
    (lexicon_file!("impairment_modifiers.txt"), Kinds::MODIFIER),
    (lexicon_file!("skills.txt"), Kinds::SKILL),
    (lexicon_file!("outcomes.txt"), Kinds::OUTCOME),
    (lexicon_file!("mobility.txt"), Kinds::MOBILITY),
    (lexicon_file!("events.txt"), Kinds::EVENT),
    (lexicon_file!("purpose.txt"), Kinds::PURPOSE),
    (lexicon_file!("muscles.txt"), Kinds::MUSCLE),
];

fn marker_kind(name: &str) -> Option<Kinds> {
    Some(match name {
        "goal" => Kinds::GOAL,
        "future" => Kinds::FUTURE,
        "plan" => Kinds::PLAN,
        "report" => Kinds::REPORT,
        "clinician" => Kinds::CLINICIAN,
        "delivery" => Kinds::DELIVERY,
        "limit" => Kinds::LIMIT,
        "state" => Kinds::STATE,
        "result" => Kinds::RESULT,
        "dx" => Kinds::DX,
        _ => return None,
    })
}

/// Every (term, kinds) pair of the data files and tables, before plurals.
fn raw_terms() -> Vec<(String, Kinds)> {
    let mut out = Vec::new();
    let lines = |s: &'static str| {
        s.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    for (text, kind) in FILES {
        for l in lines(text) {
            out.push((l.to_string(), *kind));
            // "sit to stand" as therapists also write it: "sit<>stand", "sit <> stand",
            // "sit/stand", "sit > stand", "sit-stand", "sit→stand", "sit <-> stand".
            if let Some((a, b)) = l.split_once(" to ").filter(|(a, b)| POSITIONS.contains(a) && !b.contains(' ')) {
                for join in ["<>", " <> ", "/", " / ", " > ", ">", " ", "→", " → ", "↔", " ↔ ", " <-> ", "<->", " -> ", "->"] {
                    out.push((format!("{a}{join}{b}"), *kind));
                }
            }
        }
    }
    // A named task headed by a functional activity ("stand pivot transfers", "sliding board
    // transfer") is that activity too: "able to perform stand pivot transfers" reports the
    // transfer (C-OUT-1). Such a term also takes the head's mobility kind.
    let heads: Vec<String> = out
        .iter()
        .filter(|(t, k)| k.any(Kinds::MOBILITY | Kinds::OUTCOME) && !t.contains(' '))
        .map(|(t, _)| t.to_ascii_lowercase())
        .collect();
    let headed: Vec<(String, Kinds)> = out
        .iter()
        .filter(|(t, k)| k.any(Kinds::ACTIVITY) && t.contains(' '))
        .filter(|(t, _)| {
            let last = t.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
            heads.iter().any(|h| *h == last || last.strip_suffix('s') == Some(h) || h.strip_suffix('s') == Some(&last))
        })
        .map(|(t, _)| (t.clone(), Kinds::MOBILITY))
        .collect();
    out.extend(headed);
    for l in lines(lexicon_file!("assists.txt")) {
        let (k, t) = match l.as_bytes()[0] {
            b'+' => (Kinds::ASSIST_HOW, &l[1..]),
            _ => (Kinds::ASSIST_LEVEL, l.trim_start_matches('.')),
        };
        out.push((t.to_string(), k));
    }
    for l in lines(lexicon_file!("markers.txt")) {
        if let Some((k, t)) = l.split_once('\t') {
            if let Some(kind) = marker_kind(k) {
                out.push((t.to_string(), kind));
            }
        }
    }
    for m in crate::measures::MEASURES {
        for name in m.names {
            out.push((name.to_string(), Kinds::MEASURE_NAME));
        }
    }
    for s in crate::measures::SYMPTOMS {
        out.push((s.to_string(), Kinds::SYMPTOM));
    }
    for s in CODE_NAMES {
        out.push((s.to_string(), Kinds::CODE_NAME));
    }
    let abbreviated = abbreviations(&out);
    out.extend(abbreviated);
    out
}

/// The terms again with the abbreviations of `abbreviations.txt` in place of their words: a
/// whole term's own abbreviation ("gait training" = "GT"), and up to three words of a term
/// replaced ("static dynamic balance training" -> "static/dyn bal trng").
fn abbreviations(terms: &[(String, Kinds)]) -> Vec<(String, Kinds)> {
    let table: Vec<(Vec<&str>, Vec<&str>)> = lexicon_file!("abbreviations.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(full, abbrs)| (full.split_whitespace().collect(), abbrs.split('|').map(str::trim).filter(|a| !a.is_empty()).collect()))
        .collect();
    let mut out = Vec::new();
    for (term, kinds) in terms {
        if term.starts_with('=') {
            continue;
        }
        let lower = normalize_term(&term.to_ascii_lowercase());
        let words: Vec<&str> = lower.split_whitespace().collect();
        // The whole term's abbreviation.
        for (full, abbrs) in &table {
            if *full == words {
                out.extend(abbrs.iter().filter(|a| a.starts_with('=')).map(|a| (a.to_string(), *kinds)));
            }
        }
        // Word by word: each word keeps its spelling or takes one of its abbreviations.
        let mut options: Vec<Vec<&str>> = Vec::with_capacity(words.len());
        let mut replaced = 0;
        for w in &words {
            let mut o = vec![*w];
            if let Some((_, abbrs)) = table.iter().find(|(full, _)| full.len() == 1 && full[0] == *w) {
                let usable: Vec<&str> = abbrs
                    .iter()
                    .copied()
                    .filter(|a| !a.starts_with('='))
                    .filter(|a| words.len() > 1 && (a.chars().count() >= 3 || !a.chars().all(char::is_alphanumeric)) || words.len() == 1 && a.chars().count() >= 3)
                    .collect();
                if !usable.is_empty() && replaced < 3 {
                    replaced += 1;
                    o.extend(usable);
                }
            }
            options.push(o);
        }
        if replaced == 0 {
            continue;
        }
        let mut acc: Vec<String> = vec![String::new()];
        for (i, o) in options.iter().enumerate() {
            acc = acc.iter().flat_map(|p| o.iter().map(move |w| if i == 0 { w.to_string() } else { format!("{p} {w}") })).collect();
        }
        out.extend(acc.into_iter().filter(|v| *v != lower).map(|v| (v, *kinds)));
    }
    out
}

/// Second words of equipment names also written closed ("rockerboard", "pegboard", "footstool").
const COMPOUND_HEADS: &[&str] = &["board", "ball", "beam", "bar", "roller", "disc", "pad", "ladder", "stool", "bike", "putty"];

/// Positions a transition starts from ("sit to stand", "supine to sit").
const POSITIONS: &[&str] = &["sit", "sup", "stand", "supine", "sidelying", "side lying", "prone", "squat", "kneel", "kneeling", "bed", "chair", "floor", "commode", "wheelchair"];

fn normalize_term(t: &str) -> String {
    t.replace('-', " ")
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut terms: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut add = |spelling: String, exact: bool, kinds: Kinds| {
            let key = spelling.to_ascii_lowercase();
            let id = *index.entry(key.clone()).or_insert_with(|| {
                terms.push(key);
                entries.push(Vec::new());
                terms.len() - 1
            });
            let exact = exact.then_some(spelling);
            if let Some(e) = entries[id].iter_mut().find(|e| e.exact == exact) {
                e.kinds |= kinds;
            } else {
                entries[id].push(Entry { exact, kinds });
            }
        };
        let stem = stemmer();
        let mut stem_index: HashMap<String, usize> = HashMap::new();
        let mut stem_keys: Vec<String> = Vec::new();
        let mut stem_words: Vec<Vec<(Vec<String>, Kinds)>> = Vec::new();
        for (raw, kinds) in raw_terms() {
            let (exact, t) = match raw.strip_prefix('=') {
                Some(t) => (true, t),
                None => (false, raw.as_str()),
            };
            let t = normalize_term(t);
            // Word forms: plain words of letters only, in the content lexicons (context markers
            // such as "progress" / "progressing" differ in meaning by form), written in a base
            // form (a term written "leans" or "stepping" is meant as written).
            let lower = t.to_ascii_lowercase();
            // Of a phrase, its head verb decides ("put on socks" matches "putting on socks"; a
            // plural object is written as the phrase's writers write it).
            let head = lower.split(' ').next().unwrap_or("");
            let inflected = ["s", "ing", "ed"].iter().any(|e| head.ends_with(e));
            if !exact
                && kinds.any(FORM_KINDS)
                && !inflected
                && lower.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')
                && lower.len() >= 3
            {
                let words: Vec<String> = lower.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
                let key = words.iter().map(|w| stem.stem(w).into_owned()).collect::<Vec<_>>().join(" ");
                let id = *stem_index.entry(key.clone()).or_insert_with(|| {
                    stem_keys.push(key);
                    stem_words.push(Vec::new());
                    stem_keys.len() - 1
                });
                stem_words[id].push((words, kinds));
            }
            let last = t.chars().last().unwrap_or(' ');
            if last.is_ascii_alphabetic() && !t.ends_with('s') && !t.contains('/') {
                add(format!("{t}s"), exact, kinds);
            }
            // Equipment names are written open or closed: "rocker board" / "rockerboard".
            if let Some((first, head)) = t.split_once(' ') {
                if !exact && !first.contains(' ') && COMPOUND_HEADS.contains(&head.to_ascii_lowercase().as_str()) {
                    let closed = format!("{first}{head}");
                    add(format!("{closed}s"), exact, kinds);
                    add(closed, exact, kinds);
                }
            }
            add(t, exact, kinds);
        }
        // A trie, not an automaton: every page frame of the extension builds its own (see trie.rs).
        let ac = Trie::new(&terms);
        let stems = Trie::new(&stem_keys);
        let stem_entries: Vec<Vec<StemEntry>> = stem_words
            .into_iter()
            .map(|v| {
                v.into_iter()
                    .map(|(words, kinds)| {
                        let term = index.get(&words.join(" ")).copied().unwrap_or(0) as u32;
                        StemEntry { words, kinds, term }
                    })
                    .collect()
            })
            .collect();
        // The regular inflections of each term word (crate::morphology::inflections), keyed to the
        // word's stem: the note's words are matched through this table, never stemmed one by one.
        let mut forms: rustc_hash::FxHashMap<Box<[u8]>, Box<str>> = rustc_hash::FxHashMap::default();
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for w in stem_entries.iter().flatten().flat_map(|e: &StemEntry| e.words.iter()) {
            if !seen.insert(w.as_str()) {
                continue;
            }
            let st: Box<str> = stem.stem(w).into();
            for f in crate::morphology::inflections(w) {
                forms.entry(f.into_bytes().into_boxed_slice()).or_insert_with(|| st.clone());
            }
        }
        Lexicon { ac, entries, terms, stems, stem_entries, forms }
    }

    /// The shared lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    /// All hits in `text`, leftmost-longest, non-overlapping, in order.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        // Lower-cased, hyphens as spaces: same byte offsets as `text` (patterns are lower case).
        let norm: Vec<u8> = text.bytes().map(|b| if b == b'-' { b' ' } else { b.to_ascii_lowercase() }).collect();
        let orig = text.as_bytes();
        // Terms are whole UTF-8 strings, so match ends fall on character boundaries of `text`.
        let word_before = |i: usize| text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let word_after = |i: usize| text[i..].chars().next().is_some_and(char::is_alphanumeric);
        // About a hit per 12 bytes of clinical text: sized so that the list is rarely copied.
        let mut out: Vec<Hit> = Vec::with_capacity(text.len() / 12 + 4);
        for m in self.ac.find_iter(&norm) {
            let (s, e) = (m.start, m.end);
            let (first, last) = (norm[s], norm[e - 1]);
            if (first.is_ascii_alphanumeric() && word_before(s))
                || (last.is_ascii_alphanumeric() && word_after(e))
            {
                continue;
            }
            let id = m.pattern;
            let mut kinds = Kinds::default();
            for entry in &self.entries[id] {
                match &entry.exact {
                    Some(x) if !x.bytes().zip(&orig[s..e]).all(|(a, b)| a == if *b == b'-' { b' ' } else { *b }) => {}
                    _ => kinds |= entry.kinds,
                }
            }
            if kinds.0 != 0 {
                out.push(Hit { start: s, end: e, kinds, term: id as u32 });
            }
        }
        let forms = self.scan_forms(text, &norm);
        let mut out = if forms.is_empty() { out } else { merge_longest(out, forms) };
        drop_inside_test_names(text, &mut out);
        out
    }

    /// Hits of terms through their stems: the note's words as Porter2 stems, matched against the
    /// stemmed terms, kept where every word is an inflection of the term's word. `norm` is `text`
    /// lower-cased (`scan`'s copy): a word's bytes there are its lower-case form.
    fn scan_forms(&self, text: &str, norm: &[u8]) -> Vec<Hit> {
        let bytes = text.as_bytes();
        // Words: maximal runs of ASCII letters. `st` holds their stems separated by one space;
        // a gap other than spaces, tabs and hyphens becomes a barrier ("|") no term crosses.
        let mut st = String::with_capacity(text.len());
        let mut words: Vec<(usize, usize, usize)> = Vec::with_capacity(text.len() / 5 + 1); // (start, end, start in st)
        let mut i = 0;
        let mut prev_end = 0;
        {
            // Straight to the next ASCII letter, then to the end of its run (tight loops over a
            // table of byte classes).
            while let Some(k) = bytes[i..].iter().position(|&b| WORD_BYTES[b as usize] == LETTER) {
                let s = i + k;
                i = s + bytes[s..].iter().position(|&b| WORD_BYTES[b as usize] == 0).unwrap_or(bytes.len() - s);
                // A word glued to other word characters ("2x", "café") is not a plain word.
                let glued = (s > 0 && (bytes[s - 1].is_ascii_digit() || bytes[s - 1] >= 0x80))
                    || bytes.get(i).is_some_and(|b| *b >= 0x80);
                if !words.is_empty() {
                    let gap = &bytes[prev_end..s];
                    st.push_str(if gap.iter().all(|b| matches!(b, b' ' | b'\t' | b'-')) { " " } else { " | " });
                }
                prev_end = i;
                words.push((s, i, st.len()));
                match if glued { None } else { self.forms.get(&norm[s..i]) } {
                    Some(stem) => st.push_str(stem),
                    None => st.push('#'),
                }
            }
        }
        let mut out = Vec::with_capacity(words.len() / 8 + 1);
        let sb = st.as_bytes();
        // Matches come in order, so the first word of each is found by a cursor, not a search.
        let mut w0 = 0;
        for m in self.stems.find_iter(st.as_bytes()) {
            let (s, e) = (m.start, m.end);
            if (s > 0 && sb[s - 1] != b' ') || (e < sb.len() && sb[e] != b' ') {
                continue;
            }
            while w0 < words.len() && words[w0].2 < s {
                w0 += 1;
            }
            let n = st[s..e].split(' ').count();
            let Some(ws) = words.get(w0..w0 + n) else { continue };
            let mut kinds = Kinds::default();
            let mut term = None;
            for entry in &self.stem_entries[m.pattern] {
                let same = entry.words.len() == n
                    && entry.words.iter().zip(ws).all(|(tw, (a, b, _))| {
                        text[*a..*b].len() == tw.len() && text[*a..*b].eq_ignore_ascii_case(tw)
                            // `norm` holds the word lower-cased.
                            || inflection_of_bytes(&norm[*a..*b], tw.as_bytes())
                    });
                if same {
                    kinds |= entry.kinds;
                    term.get_or_insert(entry.term);
                }
            }
            if let Some(term) = term {
                out.push(Hit { start: ws[0].0, end: ws[n - 1].1, kinds, term });
            }
        }
        out
    }
}

/// [`WORD_BYTES`] of an ASCII letter (a digit is 1, any other byte 0).
const LETTER: u8 = 2;

/// Each byte's class for the word scan of `Lexicon::scan_forms`: [`LETTER`] for ASCII letters,
/// 1 for ASCII digits, 0 for the rest.
static WORD_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() { LETTER } else if c.is_ascii_digit() { 1 } else { 0 };
        b += 1;
    }
    t
};

/// Leftmost-longest union of two sorted, non-overlapping hit lists; `a` wins ties.
/// The last word of a standardised test's name ("Multiple Sclerosis Walking Scale", "Activities-specific
/// Balance Confidence Scale", "Functional Reach Test").
const TEST_HEADS: &[&str] = &["Scale", "Test", "Inventory", "Questionnaire", "Index", "Battery", "Profile", "Survey", "Measure", "Assessment"];

/// The first bytes of [`TEST_HEADS`] (capitals).
static TEST_HEAD_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < TEST_HEADS.len() {
        t[TEST_HEADS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    t
};

/// Words a test's name may hold between its capitalised words.
const NAME_CONNECTORS: &[&str] = &["of", "for", "and", "in", "the", "on", "to"];

/// Drops the hits inside the name of a standardised test written in title case ("Multiple Sclerosis
/// Walking Scale", "Dynamic Gait Index"): the activity and body-function words of a test's name
/// name the test, not the patient's function (C-MEAS-4); the test's own measure-name hit stays.
fn drop_inside_test_names(text: &str, hits: &mut Vec<Hit>) {
    if hits.is_empty() {
        return;
    }
    let b = text.as_bytes();
    // Most notes hold no head word, so no name: one look at each capital finds out.
    // (A table of the heads' first letters turns away every other byte.) Only the stretch around
    // each head is read: a byte that is no letter, digit, space, hyphen or apostrophe ends any
    // name, so the reading may start after the last such byte before the head.
    let hard = |c: u8| !(c.is_ascii_alphanumeric() || matches!(c, b' ' | b'-' | b'\''));
    let mut names: Vec<(usize, usize)> = Vec::new();
    let mut done = 0;
    let last = b.len().saturating_sub(1);
    let mut i = 0;
    // Straight to the next capital a head starts with (a tight loop over the table).
    while let Some(k) = b[i.min(last)..last].iter().position(|&c| TEST_HEAD_FIRST[c as usize]) {
        i += k;
        if !TEST_HEADS.iter().any(|h| h.as_bytes()[..2] == b[i..i + 2] && b[i..].starts_with(h.as_bytes())) {
            i += 1;
            continue;
        }
        let from = b[done..i].iter().rposition(|&c| hard(c)).map_or(done, |p| done + p + 1);
        done = b[i..].iter().position(|&c| hard(c)).map_or(b.len(), |p| i + p);
        names_between(text, from, done, &mut names);
        // A head inside the stretch just read is part of it.
        i = done.max(i + 1);
    }
    if names.is_empty() {
        return;
    }
    // The names come in order and apart, the hits in order of their starts: the one name that may
    // hold a hit is the last that starts at or before it, found by a cursor (a note of many
    // tests' names stays linear). Out of order, every name is asked.
    let apart = names.windows(2).all(|w| w[0].1 <= w[1].0) && hits.windows(2).all(|w| w[0].start <= w[1].start);
    let mut k = 0;
    hits.retain(|h| {
        if h.kinds.any(Kinds::MEASURE_NAME) {
            return true;
        }
        if !apart {
            return !names.iter().any(|(a, e)| h.start >= *a && h.end <= *e);
        }
        while k + 1 < names.len() && names[k + 1].0 <= h.start {
            k += 1;
        }
        !(names[k].0 <= h.start && h.end <= names[k].1)
    });
}

/// The test names ending in a head word between bytes `from` and `to` of `text` (`from` starts a
/// stretch: no name runs on into it).
fn names_between(text: &str, from: usize, to: usize, names: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    // (start byte of the name so far, capitalised words in it); None outside a name.
    let mut run: Option<(usize, usize)> = None;
    let mut i = from;
    let mut prev_end = from;
    while i < to {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'\'') {
            i += 1;
        }
        let w = &text[s..i];
        // Only spaces and hyphens may stand between a name's words.
        if run.is_some() && !b[prev_end..s].iter().all(|c| matches!(c, b' ' | b'-')) {
            run = None;
        }
        prev_end = i;
        let first_upper = w.as_bytes()[0].is_ascii_uppercase();
        // Title case, or a short acronym ("ABC Scale"); an all-capitals line is no name.
        let title = first_upper && (w.len() <= 5 || w.bytes().skip(1).any(|c| c.is_ascii_lowercase()));
        if title && TEST_HEADS.contains(&w) {
            if let Some((start, caps)) = run {
                if caps >= 1 {
                    names.push((start, i));
                }
            }
            run = None;
        } else if title || w.bytes().all(|c| c.is_ascii_digit()) {
            run = match run {
                Some((start, caps)) if caps < 7 => Some((start, caps + title as usize)),
                _ => Some((s, title as usize)),
            };
        } else if run.is_some() && NAME_CONNECTORS.contains(&w) {
        } else {
            run = None;
        }
    }
}

fn merge_longest(a: Vec<Hit>, b: Vec<Hit>) -> Vec<Hit> {
    // Both lists come in order of their starts (each is non-overlapping): one merge by the sort's
    // key, no sort. (Out of order they take the sort below: same result.)
    let sorted = |v: &[Hit]| v.windows(2).all(|w| w[0].start < w[1].start);
    if sorted(&a) && sorted(&b) {
        let key = |h: &Hit| (h.start, usize::MAX - h.end);
        let mut out: Vec<Hit> = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let h = if j == b.len() || i < a.len() && key(&a[i]) <= key(&b[j]) {
                i += 1;
                a[i - 1]
            } else {
                j += 1;
                b[j - 1]
            };
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        return out;
    }
    merge_by_sort(a, b)
}

/// [`merge_longest`] by sorting both lists together (any order).
fn merge_by_sort(a: Vec<Hit>, b: Vec<Hit>) -> Vec<Hit> {
    let mut all: Vec<(Hit, u8)> = a.into_iter().map(|h| (h, 0)).chain(b.into_iter().map(|h| (h, 1))).collect();
    // By start, then longest first (`usize::MAX - end` grows as `end` shrinks), then `a` first.
    crate::order::sort_by_key(&mut all, |(x, xs)| (x.start, usize::MAX - x.end, usize::from(*xs)));
    let mut out: Vec<Hit> = Vec::with_capacity(all.len());
    for (h, _) in all {
        if out.last().is_none_or(|l| h.start >= l.end) {
            out.push(h);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(text: &str, word: &str) -> Kinds {
        let lex = Lexicon::get();
        let s = text.find(word).unwrap();
        lex.scan(text)
            .into_iter()
            .find(|h| h.start == s && h.end == s + word.len())
            .map(|h| h.kinds)
            .unwrap_or_default()
    }

    #[test]
    fn longest_term_wins_and_hyphens_read_as_spaces() {
        let t = "Standing balance training with step-ups.";
        assert!(kinds_of(t, "Standing balance training").any(Kinds::GENERIC));
        assert!(kinds_of(t, "step-ups").any(Kinds::ACTIVITY));
    }

    #[test]
    fn exact_case_terms_need_their_case() {
        assert!(kinds_of("Therapist (PT) provided cues", "PT").any(Kinds::CLINICIAN));
        assert_eq!(kinds_of("pt provided cues", "pt"), Kinds::default());
    }

    #[test]
    fn terms_match_whole_words_only() {
        // "tub" must not fire inside "tubing", nor "ex" inside "next".
        let lex = Lexicon::get();
        let t = "theraband tubing next";
        assert!(lex.scan(t).iter().all(|h| &t[h.start..h.end] != "tub"));
        assert!(lex.scan(t).iter().all(|h| &t[h.start..h.end] != "ex"));
    }

    #[test]
    fn terms_match_their_inflections() {
        let t = "Facilitated weight shifting, step taps and tapping; R knee hyperextends; guided reaching.";
        assert!(kinds_of(t, "weight shifting").any(Kinds::ACTIVITY), "{:?}", Lexicon::get().scan(t));
        assert!(kinds_of(t, "hyperextends").any(Kinds::IMPAIRMENT));
        assert!(inflection_of("shifting", "shift") && inflection_of("tapping", "tap") && inflection_of("guided", "guide"));
        assert!(inflection_of("stabilities", "stability") && inflection_of("modified", "modify"));
    }

    #[test]
    fn non_ascii_words_never_split_a_character() {
        // Found by the fuzzer: the common prefix ends inside a multi-byte character.
        assert!(!inflection_of("walkᛛ", "walké"));
        assert!(inflection_of("caféed", "café") && !inflection_of("éé", "éè"));
    }

    #[test]
    fn derivations_are_not_inflections() {
        assert!(!inflection_of("activities", "activation"));
        assert!(!inflection_of("postural", "posture"));
        assert!(!inflection_of("walker", "walk"));
        // A sentence boundary is a barrier: "balance. Training" is not "balance training".
        let t = "Worked on balance. Training next week.";
        assert!(Lexicon::get().scan(t).iter().all(|h| !t[h.start..h.end].contains('.')));
    }

    #[test]
    fn the_trie_finds_what_aho_corasick_finds_on_the_corpora() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let lex = Lexicon::get();
        let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&lex.terms).unwrap();
        let notes = [include_str!("../../tests/corpus/dev.jsonl"), include_str!("../../tests/corpus/heldout.jsonl")];
        let mut texts: Vec<String> = notes.iter().flat_map(|c| c.lines()).map(str::to_string).collect();
        texts.push("balance trainingbalance ex next-step sit<>stand sit <-> stand Berg 45/56 é sit→stand".repeat(3));
        let mut n = 0;
        for t in &texts {
            let norm: Vec<u8> = t.bytes().map(|b| if b == b'-' { b' ' } else { b.to_ascii_lowercase() }).collect();
            let want: Vec<_> = ac.find_iter(&norm).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            let got: Vec<_> = lex.ac.find_iter(&norm).map(|m| (m.start, m.end, m.pattern)).collect();
            assert_eq!(got, want, "{t}");
            n += got.len();
        }
        assert!(n > 3000, "{n} matches");
    }

    #[test]
    fn merging_two_ordered_hit_lists_is_the_sort() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..2000 {
            // Two ordered, non-overlapping lists over the same short text (many equal starts).
            let mut list = |term: u32| {
                let (mut at, mut v) = (next(3), Vec::new());
                while at < 40 {
                    let end = at + 1 + next(6);
                    v.push(Hit { start: at, end, kinds: Kinds::ACTIVITY, term });
                    at = end + next(4);
                }
                v
            };
            let (a, b) = (list(0), list(1));
            assert_eq!(merge_longest(a.clone(), b.clone()), merge_by_sort(a, b));
        }
    }

    #[test]
    fn every_data_line_is_a_usable_term() {
        for (t, _) in raw_terms() {
            let t = t.trim_start_matches('=');
            assert!(!t.trim().is_empty(), "empty term");
            assert_eq!(t, t.trim(), "term {t:?} has outer spaces");
        }
    }
}
