//! Whole phrases of the right type for a draft's slots, read from the note's sentences.
//!
//! A phrase is a run of the note's own tokens bounded by its clause (punctuation and
//! subordinators end a clause: "which", "because", "once", "due to"), keeping the modifiers that
//! carry meaning (side, body part, phase: "R knee hyperextension in stance"). Each slot has a
//! type check:
//!
//! * **impairment**: a deficit of a body function: an impairment term ("ataxia", "trunk lean"),
//!   or a function with a deficit word ("delayed R hip and knee activation", "trunk control is
//!   impaired" read as "impaired trunk control"). Not negated, ruled out or resolved in its
//!   clause ("no apparent neglect", "clonus absent"), not a patient's report, a goal or a plan,
//!   not the object of a cue ("cues to correct trunk lean" is skill). A verb or adjective head is
//!   turned into its noun by [`NOMINALS`] or the phrase is left out.
//! * **activity** (what an impairment limits, in the patient's terms): what follows a limitation
//!   ("difficulty getting in and out of the car", "unable to walk to the mailbox").
//! * **goal**: a Goal / STG / LTG / plan line or the patient's stated aim, as an activity with its
//!   object ("ambulating 300 ft in the community without AD"), never a measure, a fall, a header
//!   or a lone noun.
//! * **skill**: what the therapist did: cue, facilitation and feedback nouns with what they were
//!   for ("tactile cues at the R quadriceps"), and a therapist's verb opening its clause
//!   ("graded the target shift", "cued and faded ...", "guarded while ..."), said as an -ing
//!   phrase. Never an assist level, guarding alone, equipment or the patient's own support.
//!
//! Work per sentence is bounded (a sentence is at most 160 tokens, `note::MAX_TOKENS`), so a note
//! costs time linear in its length.

use crate::label::Label;
use crate::labeller::{ROLE_DX, ROLE_GOAL, ROLE_PLAN, ROLE_REPORT};
use crate::lexicon::Kinds;
use crate::note::Note;
use crate::report::Section;
use crate::tokens::{Tok, Token};

use super::realise::{gerund, lower_first, plural_head, Np};

/// A verb or adjective head and the noun a draft says instead ("veers" -> "veering"). The
/// nouns are the only words of a draft that are neither the note's words, their inflections nor
/// template words; each is the noun of a word the note wrote (tested in `tests/draft.rs`).
pub const NOMINALS: &[(&str, &str)] = &[
    ("leans", "lean"), ("leaning", "lean"), ("leaned", "lean"), ("veer", "veering"), ("veers", "veering"),
    ("veered", "veering"), ("hyperextend", "hyperextension"), ("hyperextends", "hyperextension"),
    ("hyperextending", "hyperextension"), ("hyperextended", "hyperextension"), ("buckle", "buckling"),
    ("buckles", "buckling"), ("buckled", "buckling"), ("shuffle", "shuffling"), ("shuffles", "shuffling"),
    ("shuffled", "shuffling"), ("drifts", "drift"), ("drifted", "drift"), ("drifting", "drift"), ("lags", "lag"),
    ("lagged", "lag"), ("lagging", "lag"), ("overshoots", "overshoot"), ("overshooting", "overshoot"),
    ("undershoots", "undershoot"), ("circumducts", "circumduction"), ("circumducted", "circumduction"),
    ("circumducting", "circumduction"), ("ataxic", "ataxia"), ("apraxic", "apraxia"), ("festinating", "festination"),
    ("weak", "weakness"), ("weaker", "weakness"), ("paralyzed", "paralysis"), ("flaccid", "flaccidity"),
    ("unsteady", "unsteadiness"), ("dizzy", "dizziness"), ("stiff", "stiffness"), ("numb", "numbness"),
    ("rigid", "rigidity"), ("spastic", "spasticity"), ("unstable", "instability"), ("impulsive", "impulsivity"),
    ("lightheaded", "lightheadedness"), ("independent", "independence"), ("hiking", "hiking"),
    ("circumduct", "circumduction"), ("staggers", "staggering"), ("staggered", "staggering"),
    ("vaults", "vaulting"), ("vaulted", "vaulting"), ("scissors", "scissoring"), ("festinates", "festination"),
    ("clumsy", "clumsiness"), ("hikes", "hiking"), ("hiked", "hiking"), ("sways", "sway"), ("swayed", "sway"), ("swaying", "sway"),
];

/// Nouns of [`NOMINALS`] that are counted ("a lean"), said with "a" when nothing precedes them.
const COUNT_NOUNS: &[&str] = &["lean", "drift", "lag", "overshoot", "undershoot"];

/// Heads of [`NOMINALS`] that are adjectives: said before a body part ("weak L hip abductors")
/// they stay as written; the verbs' objects move before the noun ("circumducts R LE" -> "R LE
/// circumduction").
const ADJECTIVES: &[&str] = &[
    "ataxic", "apraxic", "weak", "weaker", "paralyzed", "flaccid", "unsteady", "dizzy", "stiff", "numb", "rigid",
    "spastic", "unstable", "impulsive", "lightheaded", "clumsy",
];

/// Whether token `i` is a verb or adjective head of [`NOMINALS`] that states a deficit on its own
/// ("unsteady", "circumducts"; not "independent").
fn nominal_deficit(v: &View, i: usize) -> bool {
    v.toks[i].tok == Tok::Word && !v.is(i, &["independent"]) && !v.is(i, NO_NOUN) && {
        let w = v.lower(i);
        NOMINALS.iter().any(|(f, _)| *f == w)
    }
}

/// Heads that are not a deficit in any wording ("stronger"), or need words the note lacks to
/// become one ("antalgic", "wasted").
const NO_NOUN: &[&str] = &["stronger", "antalgic", "wasted", "buckle", "lag", "limited", "short", "abnormal", "altered"];

/// Words that end a clause.
const SUBORDINATORS: &[&str] = &[
    "which", "that", "because", "although", "though", "but", "while", "when", "whereas", "since", "so", "if", "once",
    "until", "after", "before", "due", "secondary", "as", "who", "where", "however", "then", "thus", "therefore",
    "resulting", "leading", "limits", "limiting", "limit", "impacting", "impacts", "affecting", "affects", "and/or",
];

/// Before a phrase in its clause, these deny or rule it out.
const NEG_BEFORE: &[&str] = &[
    "no", "not", "denies", "denied", "without", "negative", "neg", "r/o", "rule", "ruled", "resolved", "never",
    "nor", "free", "nil", "none", "non", "absence", "rules", "improved", "normal", "wnl", "wfl", "intact",
];
/// After a phrase in its clause, these deny, resolve or rule it out.
const NEG_AFTER: &[&str] = &[
    "resolved", "resolving", "absent", "negative", "neg", "not", "intact", "wnl", "wfl", "normal", "none", "nil",
    "ruled", "gone", "cleared", "longer", "denied", "unremarkable",
];

/// Sides and body parts, positions and phases: modifiers kept in an impairment phrase (space-separated).
const BODY: &str = concat!(
    "r l rt lt right left b bil bilat bilateral hip hips knee knees ankle ankles trunk pelvis pelvic ",
    "foot feet hand hands arm arms leg legs le ue rle lle rue lue ble bue les ues core head neck ",
    "shoulder scapular wrist finger fingers thumb toe toes heel lumbar thoracic cervical gaze eye ocular ",
    "vestibular postural static dynamic standing sitting single limb stance swing phase early late mid ",
    "terminal fine gross motor visual sensory protective righting anticipatory reactive lateral anterior ",
    "posterior forward backward proximal distal lower upper extremity extremities quad quadriceps ",
    "gluteal glute hemi midline weight bearing shift shifting step stepping sit stand balance reaction ",
    "reactions response responses muscle extensor extensors flexor flexors hamstring hamstrings ",
    "dorsiflexor dorsiflexors plantarflexor plantarflexors oral bimanual unilateral affected involved ",
    "paretic more marked significant mild moderate severe persistent consistent intermittent frequent ",
    "ipsilateral contralateral eccentric concentric isometric",
);

/// Small words a phrase may not end on.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "to", "of", "in", "on", "at", "with", "and", "or", "for", "her", "his", "their", "by", "from",
    "during", "into", "onto", "is", "are", "was", "were", "be", "this", "that", "its", "pt", "patient", "she", "he",
];

/// Deficit words that may follow a function ("trunk control is impaired").
const STATE_DEFICITS: &[&str] = &["impaired", "decreased", "delayed", "poor", "reduced", "diminished", "slowed", "inadequate", "deficient", "absent"];

/// A phrase chosen for a slot, with where it came from.
#[derive(Clone, Debug)]
pub struct Phrase {
    /// The phrase and its number.
    pub np: Np,
    /// Lower-case key for duplicates (the head term).
    pub key: String,
    /// Sentence index.
    pub sent: usize,
    /// Preference: lower first (assessment before objective before plan).
    pub rank: u8,
}

/// One sentence's tokens and the lexicon kinds over each token.
pub struct View<'n, 'a> {
    /// The note.
    pub note: &'n Note<'a>,
    /// The sentence's index.
    pub si: usize,
    /// Its tokens.
    pub toks: &'n [Token],
    /// The lexicon kinds over each token.
    pub kinds: Vec<Kinds>,
    /// For each token, the end token (exclusive) of the lexicon hit starting there, if any.
    pub hit_end: Vec<usize>,
}

impl<'n, 'a> View<'n, 'a> {
    /// The view of sentence `si`.
    pub fn new(note: &'n Note<'a>, si: usize) -> Self {
        let s = &note.sents[si];
        let toks = &note.tokens[s.toks.clone()];
        let mut kinds = vec![Kinds::default(); toks.len()];
        let mut hit_end = vec![0; toks.len()];
        for h in &note.hits[s.hits.clone()] {
            let a = toks.partition_point(|t| t.start < h.start);
            let b = toks.partition_point(|t| t.start < h.end);
            for k in kinds.iter_mut().take(b).skip(a) {
                *k |= h.kinds;
            }
            if a < b && a < hit_end.len() {
                hit_end[a] = hit_end[a].max(b);
            }
        }
        View { note, si, toks, kinds, hit_end }
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.note.text)
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_word(self.note.text, words))
    }

    /// Whether token `i` is one of the space-separated `words` (a list as one string: no
    /// pointer and length per word in the wasm engine).
    fn is_in(&self, i: usize, words: &str) -> bool {
        self.toks.get(i).is_some_and(|t| super::domain::word_in(self.note.text, t, words))
    }

    /// Whether tokens `i`, `i + 1` are "w/", the abbreviation of "with".
    fn with_slash(&self, i: usize) -> bool {
        self.is(i, &["w"]) && self.toks.get(i + 1).is_some_and(|t| t.is('/'))
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_ascii_lowercase()
    }

    /// True where a clause ends: punctuation (not a hyphen or slash inside a word) or a
    /// subordinator.
    pub fn boundary(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.tok {
            Tok::Punct(c) => !matches!(c, '-' | '/' | '\'' | '’' | '&' | '+'),
            Tok::Word => t.is_word(self.note.text, SUBORDINATORS),
            Tok::Num(_) => false,
        }
    }

    /// The clause around token `i`: [lo, hi).
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let mut lo = i;
        while lo > 0 && !self.boundary(lo - 1) {
            lo -= 1;
        }
        let mut hi = i + 1;
        while hi < self.toks.len() && !self.boundary(hi) {
            hi += 1;
        }
        (lo, hi)
    }

    /// The note's text from token `a` to token `b - 1`, white space made single.
    pub fn text(&self, a: usize, b: usize) -> String {
        self.note.text[self.toks[a].start..self.toks[b - 1].end].split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Whether the clause [lo, hi) denies what lies in [a, b).
    fn negated(&self, lo: usize, a: usize, b: usize, hi: usize) -> bool {
        (lo..a).any(|k| self.is(k, NEG_BEFORE) || self.toks[k].num() == Some(0.0))
            // "longer" only in "no longer" ("a longer L step" denies nothing).
            || (b..hi).any(|k| self.is(k, NEG_AFTER) && (!self.is(k, &["longer"]) || k > 0 && self.is(k - 1, &["no"])))
            // "r/o neglect": the slash splits the token.
            || (lo + 2 <= a && (lo..a - 2).any(|k| self.is(k, &["r"]) && self.toks[k + 1].is('/') && self.is(k + 2, &["o"])))
    }

    /// A template example ("e.g. ...") or a placeholder in the clause: not the note's fact.
    fn example(&self, lo: usize, hi: usize) -> bool {
        let s = &self.note.text[self.toks[lo].start..self.toks[hi - 1].end];
        let l = s.to_ascii_lowercase();
        l.contains("e.g") || l.contains("i.e.") || l.contains("example") || s.contains(['[', ']', '_'])
            || self.sentence_text().to_ascii_lowercase().contains("e.g")
    }

    fn sentence_text(&self) -> &'a str {
        self.note.sent_text(self.si)
    }
}

/// Whether sentence `si` states what was observed or assessed (not a header, a report, a goal, a
/// plan or a diagnosis field).
fn observed(note: &Note, si: usize) -> bool {
    let s = &note.sents[si];
    !s.seg.header
        && s.roles & (ROLE_GOAL | ROLE_PLAN | ROLE_REPORT | ROLE_DX) == 0
        && !matches!(s.seg.section, Some(Section::Subjective))
}

/// Preference of a sentence by its section: the assessment states the clinical picture.
pub fn rank(note: &Note, si: usize) -> u8 {
    match note.sents[si].seg.section {
        Some(Section::Assessment | Section::AssessmentPlan) => 0,
        None | Some(Section::Objective) => 1,
        Some(Section::Plan) => 2,
        Some(Section::Subjective) => 3,
    }
}

/// Whether `p` is said by one of `out`: the same key, or one's words hold the other's.
fn said(out: &[Phrase], p: &Phrase) -> bool {
    let l = p.np.text.to_ascii_lowercase();
    out.iter().any(|o| {
        let ol = o.np.text.to_ascii_lowercase();
        o.key == p.key || ol.contains(&l) || l.contains(&ol)
    })
}

/// Whether token `i` may sit inside an impairment phrase.
fn np_token(v: &View, i: usize) -> bool {
    let k = v.kinds[i];
    (k.any(Kinds::IMPAIRMENT | Kinds::FUNCTION | Kinds::MODIFIER | Kinds::MUSCLE) && !k.any(Kinds::SKILL | Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL | Kinds::MEASURE_NAME))
        || v.is_in(i, BODY)
        || v.is_in(i, FUNCTION_HEADS)
        || nominal_deficit(v, i)
}

/// Nouns that head a body function even where the lexicon names a longer activity ("trunk
/// righting reactions").
const FUNCTION_HEADS: &str = concat!(
    "reactions reaction responses response control stability balance activation coordination ",
    "proprioception awareness alignment strategy strategies timing sequencing planning isolation ",
    "dexterity shift shifting tone endurance clearance righting manipulation dorsiflexion plantarflexion ",
    "extension flexion opposition swing length acceptance",
);

/// Whether token `i` is part of a head term (an impairment or a function).
fn head_token(v: &View, i: usize) -> bool {
    (v.kinds[i].any(Kinds::IMPAIRMENT | Kinds::FUNCTION) || v.is_in(i, FUNCTION_HEADS) || nominal_deficit(v, i)) && !v.kinds[i].any(Kinds::MODIFIER)
}

/// The impairment phrases of sentence `si` (see the module doc).
pub fn impairments_in(note: &Note, si: usize, out: &mut Vec<Phrase>) {
    if !observed(note, si) {
        return;
    }
    let v = View::new(note, si);
    let n = v.toks.len();
    let mut i = 0;
    while i < n {
        if !(v.kinds[i].any(Kinds::IMPAIRMENT | Kinds::FUNCTION | Kinds::MODIFIER) && np_token(&v, i) || nominal_deficit(&v, i)) {
            i += 1;
            continue;
        }
        // Extend left over sides and body parts ("R knee hyperextension").
        let mut a = i;
        while a > 0 && np_token(&v, a - 1) && !v.boundary(a - 1) {
            a -= 1;
        }
        // Extend right over phrase tokens, joiners inside ("R hip and knee activation",
        // "stance-phase stability"), stopping before a coordination that opens a new deficit.
        let mut b = i + 1;
        loop {
            if b < n && np_token(&v, b) {
                b += 1;
                continue;
            }
            // A compound whose first part is a small word: "in-hand manipulation".
            if b + 2 < n && v.is(b, &["in", "on", "out", "over", "under"]) && v.toks[b + 1].is('-') && np_token(&v, b + 2) {
                b += 3;
                continue;
            }
            let joiner = b < n && (v.toks[b].is('-') || v.toks[b].is('/') || v.is(b, &["and", "&"]));
            if joiner && b + 1 < n && np_token(&v, b + 1) {
                let new_deficit = v.is(b, &["and", "&"])
                    && (v.kinds[b + 1].any(Kinds::MODIFIER) || (v.kinds[b + 1].any(Kinds::IMPAIRMENT) && head_token(&v, b - 1)));
                if new_deficit {
                    break;
                }
                b += 2;
                continue;
            }
            break;
        }
        let next = b;
        // The head: the last head token of the run.
        let Some(h) = (a..b).rev().find(|&k| head_token(&v, k)) else {
            i = next;
            continue;
        };
        let core_end = h + 1;
        // Leading joiners and small words off.
        while a < h && (v.is(a, &["and", "&", "or"]) || !v.toks[a].tok.eq(&Tok::Word)) {
            a += 1;
        }
        let (lo, hi) = v.clause(h);
        let a = a.max(lo);
        // "short-sitting balance", "long-sitting": a position, not a deficit.
        let position = |k: usize| v.is(k, &["short", "long"]) && v.toks.get(k + 1).is_some_and(|t| t.is('-'));
        let mut deficit = (a..core_end).any(|k| v.kinds[k].any(Kinds::IMPAIRMENT | Kinds::MODIFIER) && !position(k)) || nominal_deficit(&v, h);
        // "trunk control is impaired", "balance reactions remain delayed".
        let mut state: Option<usize> = None;
        if !deficit {
            let mut k = core_end;
            while k < hi && k < core_end + 3 && v.is(k, &["is", "are", "remains", "remain", "still", "was", "were", "continues", "continue", "to", "be", "mildly", "moderately", "severely", "significantly", "markedly"]) {
                k += 1;
            }
            if k < hi && v.is(k, STATE_DEFICITS) {
                state = Some(k);
                deficit = true;
            }
        }
        // A cue or an assist before it in the clause: the object of a skill ("VC to correct trunk lean").
        let skilled = (lo..a).any(|k| v.kinds[k].any(Kinds::SKILL | Kinds::ASSIST_HOW | Kinds::PURPOSE));
        let numbers = (a..core_end).any(|k| v.toks[k].num().is_some());
        // "Ankle strategy absent": a function's absence is its deficit, not a denial.
        let denied = match state {
            Some(k) => v.negated(lo, a, core_end, k) || v.negated(k + 1, k + 1, k + 1, hi),
            None => v.negated(lo, a, core_end, hi),
        };
        if !deficit || skilled || numbers || denied || v.example(lo, hi) {
            i = next;
            continue;
        }
        // The head's noun ("veers" -> "veering"), or no phrase.
        let head_word = v.lower(h);
        if NO_NOUN.contains(&head_word.as_str()) {
            i = next;
            continue;
        }
        let mut noun = NOMINALS.iter().find(|(f, _)| *f == head_word).map(|(_, n)| *n);
        // Body parts after a verb or adjective head: a verb's object goes before its noun
        // ("circumducts R LE" -> "R LE circumduction"); an adjective's noun stays as written
        // ("weak L hip abductors").
        let mut object = String::new();
        let mut core_end = core_end;
        if noun.is_some() && core_end < b && (core_end..b).all(|k| np_token(&v, k) && !head_token(&v, k)) {
            if v.is(h, ADJECTIVES) {
                noun = None;
            } else {
                object = format!("{} ", v.text(core_end, b));
            }
            core_end = b;
        } else if noun.is_some() && core_end == b && !v.is(h, ADJECTIVES) && v.is(b, &["the", "his", "her", "their"]) {
            // "circumducts the L leg", "hikes the L hip": the object after its determiner.
            let mut e = b + 1;
            while e < hi && np_token(&v, e) && !head_token(&v, e) && e < b + 5 {
                e += 1;
            }
            if e > b + 1 {
                object = format!("{} ", v.text(b + 1, e));
                core_end = e;
            }
        }
        // A trailing phrase of place or phase: "in early stance", "to the L", "with head turns".
        let mut end = core_end;
        // "w/ tandem": the abbreviation is its preposition.
        let prep = if v.with_slash(core_end) { 2 } else { 1 };
        if state.is_none() && core_end < hi && (v.is(core_end, &["in", "during", "with", "on", "to", "at", "of"]) || prep == 2) {
            let mut k = core_end + prep;
            while k < hi && k < core_end + 4 + prep && v.toks[k].tok == Tok::Word
                && !v.kinds[k].any(Kinds::SKILL | Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL | Kinds::MEASURE_NAME | Kinds::CODE_NAME | Kinds::GENERIC | Kinds::STATE | Kinds::LIMIT)
                && !v.is(k, &["persist", "persists", "remain", "remains", "is", "are", "was", "were", "noted", "observed", "present", "seen"])
                && !v.is(k, &["and", "or", "pt", "patient", "therapist", "cues", "cue", "assist", "support", "rw", "cane", "walker"])
            {
                k += 1;
            }
            while k > core_end + prep && v.is(k - 1, FUNCTION_WORDS) {
                k -= 1;
            }
            // Only a complete phrase: it ends where the clause, a coordination or the verb does.
            if k > core_end + prep && (k == hi || v.boundary(k) || v.is(k, &["and", "persist", "persists", "remain", "remains", "is", "are", "noted", "observed", "present", "seen"]) || v.kinds[k].any(Kinds::STATE | Kinds::LIMIT)) {
                end = k;
            }
        }
        let mut before = if a < h { format!("{} ", v.text(a, h)) } else { String::new() };
        // A side written after the phrase ("decreased gluteus medius strength R"): said before
        // the body part, after the deficit word ("decreased R gluteus medius strength").
        if end == core_end && noun.is_none() && v.is(core_end, &["r", "l", "rt", "lt"]) && !v.is(a, &["r", "l", "rt", "lt", "right", "left"])
            && (core_end + 1 >= hi || v.boundary(core_end + 1) || v.is(core_end + 1, &["and"]))
        {
            let k = (a..h).find(|&k| !v.kinds[k].any(Kinds::MODIFIER)).unwrap_or(h);
            let lead = if k > a { format!("{} ", v.text(a, k)) } else { String::new() };
            let rest = if h > k { format!("{} ", v.text(k, h)) } else { String::new() };
            before = format!("{lead}{} {rest}", v.word(core_end));
        }
        let head_text = match noun {
            // A count noun alone takes its article: "a lean to the R", not "lean to the R".
            Some(n) if before.is_empty() && object.is_empty() && COUNT_NOUNS.contains(&n) => format!("a {n}"),
            Some(n) => format!("{object}{n}"),
            None => v.text(h, core_end),
        };
        let after = if end > core_end { format!(" {}", v.text(core_end, end)) } else { String::new() };
        let mut text = format!("{before}{head_text}{after}");
        if let Some(k) = state {
            text = format!("{} {}", v.lower(k), lower_first(&text));
        }
        if text.split_whitespace().count() > 12 || text.len() < 3 {
            i = next;
            continue;
        }
        let coordinated = (a..h).any(|k| v.is(k, &["and", "&"]) && k > a && head_token(&v, k - 1));
        let key = v.text(h, h + 1).to_ascii_lowercase();
        out.push(Phrase {
            np: Np { text: lower_first(&text), plural: coordinated || (noun.is_none() && plural_head(v.word(core_end - 1))) },
            key,
            sent: si,
            rank: rank(note, si),
        });
        i = next.max(i + 1);
    }
}

/// Counted events observed ("3 LOB", "2 LOB with head turns"): evidence of an impairment.
pub fn evidence_in(note: &Note, si: usize, out: &mut Vec<Phrase>) {
    if !observed(note, si) {
        return;
    }
    let v = View::new(note, si);
    for i in 1..v.toks.len() {
        if !v.kinds[i].any(Kinds::EVENT) || v.kinds[i - 1].any(Kinds::EVENT) {
            continue;
        }
        let Some(count) = v.toks[i - 1].num() else { continue };
        if count == 0.0 || v.kinds[i].any(Kinds::MEASURE_NAME) {
            continue;
        }
        let mut end = i + 1;
        while end < v.toks.len() && v.kinds[end].any(Kinds::EVENT) && !v.boundary(end) {
            end += 1;
        }
        let (lo, hi) = v.clause(i);
        if v.negated(lo, i - 1, end, hi) || v.example(lo, hi) {
            continue;
        }
        // "with head turns", "during tandem walking": the condition, to the clause's end.
        if end < hi && v.is(end, &["with", "during", "on", "in"]) && hi - end <= 5 && !v.is(hi - 1, FUNCTION_WORDS)
            && (end + 1..hi).all(|k| v.toks[k].tok == Tok::Word && !v.kinds[k].any(Kinds::SKILL | Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL))
        {
            end = hi;
        }
        let text = v.text(i - 1, end);
        out.push(Phrase { key: v.text(i, i + 1).to_ascii_lowercase(), np: Np { text, plural: count > 1.0 }, sent: si, rank: rank(note, si) });
    }
}

/// Verbs that state what the therapist did, opening a clause (the lexicon's skill verbs and a few
/// it lacks).
const SKILL_VERBS: &[&str] = &[
    "facilitated", "graded", "progressed", "regressed", "modified", "adjusted", "adapted", "faded", "monitored",
    "blocked", "guided", "cued", "inhibited", "titrated", "challenged", "perturbed", "upgraded", "downgraded",
    "varied", "randomized", "structured", "guarded", "tapped", "approximated", "demonstrated", "modeled",
];
/// Skill nouns that are help, equipment or support rather than the therapist's judgement.
const NOT_SKILL: &[&str] = &[
    "guarding", "guard", "guarded", "spotted", "spotting", "gait belt", "therapist support", "trunk support",
    "manual support", "physical support", "physical assistance", "hands on assist", "set up assistance",
    "setup assistance", "assisted", "stabilized", "rest break", "seated rest", "mirror", "metronome", "support",
    "instruction", "verbal instruction", "instructed", "reminder", "reminded", "prompt", "prompted", "stopped",
    "shortened", "slowed", "added", "corrected", "redirect", "redirected", "therapist's hand", "therapist's hands",
    "pt's hand", "pt's hands", "ot's hand", "ot's hands", "hands on", "unpredictable", "unpredictably",
];
/// Amount words dropped before a cue: they read as assist levels.
const AMOUNTS: &[&str] = &["min", "mod", "max", "minimal", "moderate", "maximal", "minimum", "maximum", "mild", "1", "2", "3", "x"];
/// Subjects that make a verb the patient's ("Pt progressed to ...").
const PATIENT: &[&str] = &["pt", "patient", "client", "she", "he", "they", "child", "resident", "member"];

/// The therapist's skilled input in sentence `si` (see the module doc). `plans` lets plan
/// sentences count (an evaluation states the skill it will use).
pub fn skills_in(note: &Note, si: usize, plans: bool, out: &mut Vec<Phrase>) {
    let s = &note.sents[si];
    let plan = s.roles & (ROLE_GOAL | ROLE_PLAN) != 0 || matches!(s.seg.section, Some(Section::Plan));
    if s.seg.header || s.roles & (ROLE_REPORT | ROLE_DX | ROLE_GOAL) != 0 || matches!(s.seg.section, Some(Section::Subjective)) || (plan && !plans) {
        return;
    }
    let v = View::new(note, si);
    let n = v.toks.len();
    let mut i = 0;
    while i < n {
        let k = v.kinds[i];
        if !k.any(Kinds::SKILL) && !v.is(i, SKILL_VERBS) {
            i += 1;
            continue;
        }
        if k.any(Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL) {
            i += 1;
            continue;
        }
        let hit_end = v.hit_end[i].max(i + 1);
        let term = v.text(i, hit_end).to_ascii_lowercase();
        let (lo, hi) = v.clause(i);
        if NOT_SKILL.contains(&term.as_str()) && !(term == "guarded" && v.is(hit_end, &["while"])) || v.example(lo, hi) || v.negated(lo, i, hit_end, hi) {
            i = hit_end;
            continue;
        }
        // "Graded motor imagery": a treatment's name, not the therapist grading.
        if v.is(i, &["graded"]) && v.is(i + 1, &["motor"]) && v.is(i + 2, &["imagery"]) {
            i += 3;
            continue;
        }
        let verb = v.is(i, SKILL_VERBS) && !v.is(i, &["cue", "cues"]);
        // "VOR x1 with graded head speed": the skill named as a modifier of its object.
        if verb && i > 0 && v.is(i - 1, &["with"]) && hit_end < hi && v.toks[hit_end].tok == Tok::Word && !v.is(hit_end, FUNCTION_WORDS) {
            let mut end = hit_end + 1;
            while end < hi && end < hit_end + 3 && v.toks[end].tok == Tok::Word && !v.is(end, FUNCTION_WORDS) {
                end += 1;
            }
            let text = format!("{} {}", gerund(&v.lower(i)), v.text(hit_end, end));
            out.push(Phrase { key: text.to_ascii_lowercase(), np: Np { text, plural: false }, sent: si, rank: rank(note, si) });
            i = end;
            continue;
        }
        let next_action = |k: usize| v.is(k, &["and"]) && (v.is(k + 1, SKILL_VERBS) || v.kinds.get(k + 1).is_some_and(|q| q.any(Kinds::SKILL | Kinds::DELIVERY)));
        if verb {
            // The therapist's verb opens its clause: nothing before it but "therapist", "PT", "I",
            // "we", "then", "also", or a list marker; never the patient as subject.
            let patient = |k: usize| v.is(k, PATIENT) && !v.kinds[k].any(Kinds::CLINICIAN);
            let opens = (lo..i).all(|k| !patient(k) && (v.is(k, &["therapist", "i", "we", "then", "also", "and", "skillfully", "further"]) || v.kinds[k].any(Kinds::CLINICIAN)));
            // "Therapist provided tactile cues ... and graded the target shift": a second verb
            // of the therapist's, after "and".
            // "Provided manual perturbations and graded EC duration": a sentence that opens with
            // the therapist's verb has the therapist as its subject.
            let second = i > 0 && v.is(i - 1, &["and"]) && {
                let c = (0..i).rev().find(|&k| v.kinds[k].any(Kinds::CLINICIAN) || patient(k));
                c.is_some_and(|k| v.kinds[k].any(Kinds::CLINICIAN) && !patient(k))
                    || c.is_none() && v.is(0, &["provided", "gave", "applied", "used", "facilitated", "graded", "cued", "progressed"])
            };
            if !(opens || second) || (lo..i).any(patient) {
                i = hit_end;
                continue;
            }
            // "cued and faded": both verbs.
            let mut verbs = vec![gerund(&v.lower(i))];
            let mut j = i + 1;
            if v.is(j, &["and"]) && v.is(j + 1, SKILL_VERBS) {
                verbs.push(gerund(&v.lower(j + 1)));
                j += 2;
            }
            // "guarded while ...": the clause after "while" is the point.
            let mut end = hi;
            if term == "guarded" && v.is(j, &["while"]) {
                let mut e = j + 1;
                while e < n && !(v.toks[e].tok != Tok::Word && !v.toks[e].is('-') && !v.toks[e].is('/')) {
                    e += 1;
                }
                end = e;
            }
            // The object: to the clause's end or the therapist's next action, at most 16 tokens;
            // it must name something.
            let mut end = end.min(j + 16);
            if let Some(k) = (j + 1..end).find(|&k| next_action(k)) {
                end = k;
            }
            let unit = |k: usize| v.is(k, &["in"]) && k > 0 && v.toks[k - 1].num().is_some();
            while end > j && !unit(end - 1) && (v.is(end - 1, FUNCTION_WORDS) || v.is(end - 1, &["continued", "performed", "completed", "initiated", "done", "practiced", "trialed"])) {
                end -= 1;
            }
            if end <= j || !(j..end).any(|q| v.toks[q].tok == Tok::Word && !v.is(q, FUNCTION_WORDS)) {
                i = hit_end;
                continue;
            }
            if (j..end).any(|q| v.kinds[q].any(Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL) || v.is(q, &["independent", "independently", "indep"])) {
                i = hit_end;
                continue;
            }
            let text = format!("{} {}", verbs.join(" and "), v.text(j, end));
            if text.split_whitespace().count() <= 18 {
                out.push(Phrase { key: verbs[0].clone(), np: Np { text, plural: false }, sent: si, rank: rank(note, si) });
            }
            i = end.max(hit_end);
            continue;
        }
        // A cue, facilitation or feedback noun: modifiers before it (not amounts), what it was
        // at or for after it.
        let last = v.lower(hit_end - 1);
        let noun = last.ends_with("cue") || last.ends_with("cues") || last.ends_with("ing") && !SKILL_VERBS.contains(&last.as_str())
            || ["facilitation", "input", "feedback", "guidance", "stimulation", "compression", "approximation", "contact", "demonstration", "modeling", "modelling", "handling", "vc", "vcs", "tc", "tcs", "v/c", "t/c", "v/cs", "t/cs", "biofeedback", "inhibition", "practice", "segmentation", "analysis", "chaining", "scaffolding", "shaping", "imagery", "discovery", "initiation", "stretch", "hoh", "progression", "strategy"]
                .contains(&last.as_str());
        if !noun || last == "guarding" || last == "spotting" || last == "fading" && hit_end == i + 1 {
            i = hit_end;
            continue;
        }
        let mut a = i;
        while a > lo && (v.is(a - 1, &["tactile", "verbal", "visual", "manual", "auditory", "rhythmic", "graded", "intermittent", "faded", "fading", "proprioceptive", "kinesthetic", "external", "consistent", "occasional", "frequent", "continuous", "hand", "over", "and", "&"]) || v.toks[a - 1].is('/'))
            && !v.is(a - 1, AMOUNTS)
        {
            a -= 1;
        }
        while a < i && (v.is(a, &["and", "&", "over"]) || v.toks[a].is('/')) {
            a += 1;
        }
        // "VC and TC for weight shift": a cue of another kind coordinated before it is said with it.
        if a == i && a >= 2 && v.is(a - 1, &["and", "&"]) && cue_kind(&v.lower(a - 2)).is_some_and(|k| !k.is_empty() && Some(k) != cue_kind(&v.lower(a))) && v.hit_end[a - 2] == a - 1 {
            a -= 2;
        }
        // After the noun: "at the R quadriceps and gluteus medius", "to correct trunk lean to
        // the L", "for weight shift onto the R LE", "into hip extension".
        // "cues needed to correct ...": the participle is left out, the purpose kept.
        let pp = if v.is(hit_end, &["needed", "required", "given", "provided", "used"]) { hit_end + 1 } else { hit_end };
        // "tactile cues (light touch at the hips) for midline": what the cue was for comes after
        // the bracket, which is left out.
        let (pp, hi) = match (v.toks.get(pp).is_some_and(|t| t.is('(')), (pp + 1..n.min(pp + 12)).find(|&k| v.toks[k].is(')'))) {
            (true, Some(close)) if close + 1 < n && v.is(close + 1, &["at", "to", "for", "on", "into", "over", "through", "during"]) => (close + 1, v.clause(close + 1).1),
            _ => (pp, hi),
        };
        let mut end = hit_end;
        if pp < hi && v.is(pp, &["at", "to", "for", "on", "into", "over", "through", "of", "during", "with"]) {
            let mut e = pp + 1;
            // It ends at the clause, an assist level, a number, or "and" before the therapist's
            // next action ("... and graded the target shift").
            while e < hi && e < pp + 14 && !v.kinds[e].any(Kinds::ASSIST_HOW | Kinds::ASSIST_LEVEL) && v.toks[e].num().is_none() && !next_action(e) {
                e += 1;
            }
            while e > pp + 1 && v.is(e - 1, FUNCTION_WORDS) {
                e -= 1;
            }
            if e > pp + 1 && (e == hi || v.boundary(e) || next_action(e)) {
                end = e;
            }
        }
        let text = if end > hit_end && pp > hit_end { format!("{} {}", v.text(a, hit_end), v.text(pp, end)) } else { v.text(a, end) };
        // A lone "cues" or "cueing" says nothing the reader can check.
        if end == hit_end && hit_end - a == 1 && ["cue", "cues", "cueing", "cuing", "vc", "vcs", "tc", "tcs", "progression", "practice", "strategy"].contains(&last.as_str()) {
            i = hit_end;
            continue;
        }
        let head = v.lower(hit_end - 1);
        // A cue's key is its kind ("cue:verbal", "cue:" for a cue of no stated kind): one kind is
        // said once (`distinct`).
        let kinds: Vec<&str> = (a..hit_end).filter_map(|k| cue_kind(&v.lower(k))).filter(|k| !k.is_empty()).collect();
        let cue = (a..hit_end).any(|k| cue_kind(&v.lower(k)).is_some());
        let key = if cue { format!("cue:{}", kinds.join(" ")) } else { term.clone() };
        // "Pt needed max verbal cues": an amount of help, not what the therapist did.
        if end == hit_end && a > lo && v.is(a - 1, AMOUNTS) {
            i = hit_end;
            continue;
        }
        // "tactile cue at the sternum" is a bare singular count noun: said with "a".
        let text = if head == "cue" && !(a > 0 && v.is(a - 1, &["a", "one", "the", "each"])) { format!("a {}", lower_first(&text)) } else { text };
        let plural = plural_head(&head);
        out.push(Phrase { key, np: Np { text: lower_first(&text), plural }, sent: si, rank: rank(note, si) });
        i = end.max(hit_end);
    }
}

/// The kind of cue a word names: `Some("verbal")`, `Some("tactile")` ...; `Some("")` for a cue
/// of no stated kind ("cue", "cueing"); `None` for a word that is no cue.
fn cue_kind(w: &str) -> Option<&'static str> {
    Some(match w {
        "verbal" | "vc" | "vcs" | "v/c" | "v/cs" => "verbal",
        "tactile" | "tc" | "tcs" | "t/c" | "t/cs" => "tactile",
        "visual" => "visual",
        "auditory" | "rhythmic" => "auditory",
        "cue" | "cues" | "cueing" | "cuing" => "",
        _ => return None,
    })
}

/// Whether two cue keys ("cue:verbal tactile", "cue:") say the same cue: one has no stated kind,
/// or they share one.
fn same_cue(a: &str, b: &str) -> bool {
    let (Some(a), Some(b)) = (a.strip_prefix("cue:"), b.strip_prefix("cue:")) else { return false };
    a.is_empty() || b.is_empty() || a.split(' ').any(|k| b.split(' ').any(|l| l == k))
}

/// A cue phrase split before what the cue was at or for: ("verbal cues", "for upright trunk").
fn cue_parts(text: &str) -> (&str, &str) {
    const PREPS: &[&str] = &[" for ", " at ", " to ", " on ", " into ", " over ", " through ", " of ", " during ", " with "];
    match PREPS.iter().filter_map(|p| text.find(p)).min() {
        Some(k) => (&text[..k], &text[k + 1..]),
        None => (text, ""),
    }
}

/// Keeps the first of phrases with one key or where one contains the other, in rank order, at
/// most `n`. Cues of one kind (or a cue of no stated kind beside one of a kind) are one phrase:
/// the one that says what the cue was for, with the kind the other named ("verbal cue" and "cue
/// strategy for upright trunk" -> "verbal cues for upright trunk").
pub fn distinct(mut v: Vec<Phrase>, n: usize) -> Vec<Phrase> {
    crate::order::sort_by_key(&mut v, |p| (usize::from(p.rank), p.sent, 0));
    let mut out: Vec<Phrase> = Vec::new();
    for p in v {
        if let Some(o) = out.iter_mut().find(|o| same_cue(&o.key, &p.key)) {
            let (ob, oc) = cue_parts(&o.np.text);
            let pc = cue_parts(&p.np.text).1;
            if oc.is_empty() && !pc.is_empty() {
                // The kind the first named, what the cue was for from the second.
                let text = if p.key == "cue:" { format!("{ob} {pc}") } else { p.np.text.clone() };
                o.np = Np { plural: o.np.plural || p.np.plural, text };
                if o.key == "cue:" {
                    o.key = p.key.clone();
                }
            }
            continue;
        }
        if said(&out, &p) {
            continue;
        }
        out.push(p);
        if out.len() == n {
            break;
        }
    }
    out
}

/// Words that state a limitation before an activity.
const LIMITATION: &[&str] = &[
    "difficulty", "unable", "trouble", "struggles", "cannot", "can't", "can’t", "avoids", "avoiding", "afraid", "fearful",
    "hesitant", "limit", "limits", "limiting", "limited", "impacting", "impacts", "impact", "affecting", "affects", "affect",
    "restricts", "restricting", "restrict", "needs",
];

/// What an impairment limits, in the patient's terms, from sentence `si`: "difficulty getting in
/// and out of the car" gives "getting in and out of the car"; "unable to walk to the mailbox"
/// gives "walking to the mailbox"; "limits safe household ambulation without her cane" gives
/// "safe household ambulation without her cane".
pub fn activities_in(note: &Note, si: usize, out: &mut Vec<Phrase>) {
    let s = &note.sents[si];
    if s.seg.header || s.roles & (ROLE_GOAL | ROLE_PLAN | ROLE_DX) != 0 {
        return;
    }
    let v = View::new(note, si);
    let n = v.toks.len();
    for i in 0..n {
        if !v.is(i, LIMITATION) {
            continue;
        }
        let mut j = i + 1;
        // "difficulty with", "unable to", "afraid to", "limited in", "difficulty w/"
        while j < n && j < i + 3 && (v.is(j, &["with", "to", "in", "of", "for", "on", "the", "pt's", "her", "his"]) || v.with_slash(j)) {
            j += if v.with_slash(j) { 2 } else { 1 };
        }
        // "limits his ability to get through ...": the activity is the verb's.
        if v.is(j, &["ability", "abilities"]) && v.is(j + 1, &["to"]) {
            j += 2;
        }
        if v.is(i, &["needs"]) && !v.is(j - 1, &["to"]) {
            continue;
        }
        // "cannot yet climb", "unable to safely walk": the adverb is not the verb.
        while j < n && j < i + 4 && v.is(j, &["yet", "still", "always", "safely", "independently", "consistently", "easily"]) && v.toks.get(j + 1).is_some_and(|t| t.tok == Tok::Word) {
            j += 1;
        }
        if j >= n || v.toks[j].tok != Tok::Word || v.boundary(j) {
            continue;
        }
        let (lo, hi) = (v.clause(i).0, {
            let mut e = j + 1;
            while e < n && !(v.toks[e].tok != Tok::Word && !v.toks[e].is('-') && !v.toks[e].is('/')) && !v.is(e, &["due", "because", "secondary", "which", "as", "but", "since", "when", "without"] ) {
                e += 1;
            }
            // "without her cane" belongs to the activity.
            if v.is(e, &["without"]) {
                e += 1;
                while e < n && v.toks[e].tok == Tok::Word && !v.is(e, &["due", "because", "and", "which"]) {
                    e += 1;
                }
            }
            e
        });
        if v.negated(lo, i, i + 1, i + 1) || v.example(lo, hi.min(n)) {
            continue;
        }
        let mut end = hi.min(j + 10);
        while end > j + 1 && v.is(end - 1, FUNCTION_WORDS) {
            end -= 1;
        }
        // An activity: a verb of doing, a mobility or outcome term, not a body function or a
        // measure. A verb after "to" or "cannot" ("needs to walk to the mailbox", "cannot keep up
        // with peers") is said as its -ing form; a noun there ("unable to ambulation") is not.
        let after_adverb = v.is(j - 1, &["yet", "still", "always", "safely", "independently", "consistently", "easily"]);
        let base_verb = (v.is(j - 1, &["to"]) || after_adverb || v.is(i, &["cannot", "can't", "can’t"]) && j == i + 1)
            && !v.lower(j).ends_with("ing")
            && !v.is(j, NOT_VERBS)
            && !["tion", "ment", "ance", "ence", "ity", "ness", "al"].iter().any(|e| v.lower(j).ends_with(e))
            && !v.kinds[j].any(Kinds::ASSIST_LEVEL | Kinds::ASSIST_HOW);
        let verb_after_to = base_verb && (!v.kinds[j].any(Kinds::OUTCOME | Kinds::MOBILITY) || v.lower(j).len() <= 6);
        let act = (j..end).any(|k| v.kinds[k].any(Kinds::OUTCOME | Kinds::MOBILITY | Kinds::ACTIVITY) || v.is(k, ACTIVITY_NOUNS))
            || v.toks[j].tok == Tok::Word && v.lower(j).ends_with("ing")
            || verb_after_to && !v.is(j, NOT_ACTIVITY_VERBS);
        let bad = (j..end).any(|k| v.kinds[k].any(Kinds::MEASURE_NAME | Kinds::FUNCTION | Kinds::IMPAIRMENT) || v.toks[k].num().is_some())
            || (j..end).any(|k| v.is(k, &["fall", "falls", "falling", "risk"]));
        // "avoids the grocery store": a place, not an activity; said only as what the patient does.
        let lone_place = v.is(i, &["avoids", "avoiding", "afraid", "fearful", "hesitant"]) && !verb_after_to && !v.lower(j).ends_with("ing");
        // "unable to self-correct": a compound verb has no -ing form of the note's.
        let compound = v.toks.get(j + 1).is_some_and(|t| t.is('-'));
        if !act || bad || lone_place || compound || end - j < 2 {
            continue;
        }
        // A bare verb after "unable to" / "afraid to" becomes its -ing form.
        let text = if verb_after_to {
            if end - j < 2 {
                continue;
            }
            verb_phrase(&v, j, end)
        } else {
            v.text(j, end)
        };
        let key = text.to_ascii_lowercase();
        out.push(Phrase { np: Np { text: lower_first(&text), plural: false }, key, sent: si, rank: rank(note, si) });
    }
}

/// Nouns of an activity the lexicon may not mark ("reciprocal stair descent").
const ACTIVITY_NOUNS: &[&str] = &["descent", "ascent", "stair", "stairs", "curb", "curbs", "transfers", "ambulation", "negotiation", "mobility"];

/// Words after "to" or "will" that are not verbs ("Pt to safe community walking", "unable to
/// self-correct" is a compound the -ing form would break).
const NOT_VERBS: &[&str] = &["safe", "self", "independent", "full", "good", "better", "normal", "prior", "pre", "all", "home", "the"];

/// Tokens [a, e) opening with a verb, said with each coordinated verb in its -ing form ("pick up
/// and place coins" -> "picking up and placing coins", "walk on grass" -> "walking on grass").
fn verb_phrase(v: &View, a: usize, e: usize) -> String {
    // "ascend/descend 3 steps": both verbs, "ascending/descending 3 steps".
    if a + 3 < e && v.toks[a + 1].is('/') && v.is(a + 2, COORDINATED_VERBS) {
        return format!("{}/{} {}", gerund(&v.lower(a)), gerund(&v.lower(a + 2)), v.text(a + 3, e));
    }
    let first = gerund(&v.lower(a));
    let Some(k) = (a + 1..e.saturating_sub(1)).find(|&k| v.is(k, &["and", "or"]) && v.is(k + 1, COORDINATED_VERBS)) else {
        return if e > a + 1 { format!("{first} {}", v.text(a + 1, e)) } else { first };
    };
    let mid = if k > a + 1 { v.text(a + 1, k) } else { String::new() };
    let rest = if k + 2 < e { v.text(k + 2, e) } else { String::new() };
    [first, mid, v.lower(k), gerund(&v.lower(k + 1)), rest].iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" ")
}

/// Verbs coordinated in a goal ("pick up and place coins").
const COORDINATED_VERBS: &[&str] = &[
    "place", "put", "hold", "lift", "pick", "open", "close", "carry", "release", "turn", "return", "descend", "ascend",
    "walk", "climb", "stand", "sit", "reach", "dress", "manage", "step", "get", "go", "cut", "use", "write", "button",
    "feed", "drive", "cook", "shop", "bathe", "shower", "run", "play", "jump", "hop", "negotiate", "transfer",
];

/// Verbs that open a goal line's activity ("Goal: walk on grass ...").
const GOAL_VERBS: &[&str] = &[
    "walk", "climb", "ambulate", "step", "stand", "sit", "transfer", "reach", "dress", "drive", "carry", "go", "run", "hike",
    "play", "ride", "cook", "shop", "negotiate", "descend", "ascend", "navigate", "get", "jump", "hop", "bathe", "shower", "swim",
];

/// Verbs of a goal that name a measure or a body function, not an activity.
const NOT_ACTIVITY_VERBS: &[&str] = &["improve", "increase", "decrease", "reduce", "demonstrate", "score", "achieve", "tolerate", "have", "report", "verbalize", "state", "understand", "be", "display", "exhibit", "show", "attain", "maintain", "complete", "perform", "return"];

/// The goal in sentence `si`: a goal line ("Pt will ambulate 300 ft in the community without AD
/// in 4 wks") or the patient's stated aim ("wants to walk to church"), as an -ing phrase or the
/// outcome noun phrase the line names.
pub fn goals_in(note: &Note, si: usize, out: &mut Vec<Phrase>) {
    let s = &note.sents[si];
    if s.seg.header {
        return;
    }
    let text_l = note.sent_text(si).to_ascii_lowercase();
    let aim_words = ["wants to", "would like to", "hopes to", "goal is to", "goal to", "goal of", "goals are to"];
    let is_goal = s.roles & ROLE_GOAL != 0;
    let aim = aim_words.iter().any(|w| text_l.contains(w));
    if !is_goal && !aim {
        return;
    }
    let v = View::new(note, si);
    let n = v.toks.len();
    // "Example: pt will walk 300 ft": a template's example, not the patient's goal.
    if n == 0 || v.example(0, n) {
        return;
    }
    let rank = if is_goal { 0 } else { 1 };
    // "return to walking the dog", "return to golfing": the activity returned to.
    for i in 0..n.saturating_sub(2) {
        if v.is(i, &["return", "returning", "resume", "resuming"]) && v.is(i + 1, &["to"]) && v.lower(i + 2).ends_with("ing") && v.lower(i + 2).len() > 4 {
            let mut end = i + 3;
            // A time frame ends it ("in 4 wks", "by d/c"); a place does not ("in her yard").
            let time = |k: usize| v.is(k, &["in", "within", "by"]) && v.toks.get(k + 1).is_some_and(|q| q.num().is_some() || q.is_word(note.text, &["d", "dc", "discharge", "one", "two", "three", "four", "six", "eight", "the", "next", "end"]));
            while end < n && end < i + 12 && v.toks[end].tok == Tok::Word && !time(end) && !v.is(end, &["within", "so", "because", "due", "which", "while"]) {
                end += 1;
            }
            while end > i + 3 && v.is(end - 1, FUNCTION_WORDS) {
                end -= 1;
            }
            let text = v.text(i + 2, end);
            out.push(Phrase { key: text.to_ascii_lowercase(), np: Np { text: lower_first(&text), plural: false }, sent: si, rank });
            return;
        }
    }
    for i in 0..n {
        // "will <verb>", "to <verb>" after an aim word, "Pt to <verb>".
        let will = v.is(i, &["will"]);
        let to = v.is(i, &["to"]) && i > 0 && (v.is(i - 1, &["wants", "like", "hopes", "is", "goal", "pt", "patient", "able", "are"]) || v.kinds[i - 1].any(Kinds::GOAL));
        let of = v.is(i, &["of"]) && i > 0 && v.is(i - 1, &["goal"]);
        if !(will || to || of) {
            continue;
        }
        let mut j = i + 1;
        // "will be able to", "will be independent with"
        let mut independent = false;
        if v.is(j, &["be"]) {
            if v.is(j + 1, &["able"]) && v.is(j + 2, &["to"]) {
                j += 3;
            } else if v.is(j + 1, &["independent", "indep"]) {
                independent = true;
                j += 2;
            } else {
                continue;
            }
        }
        while v.is(j, &["safely", "independently", "consistently"]) {
            j += 1;
        }
        if j >= n || v.toks[j].tok != Tok::Word {
            continue;
        }
        // To the clause's end or a time frame ("in 4 wks", "by d/c", "within").
        let mut end = j + 1;
        while end < n && end < j + 18 {
            let t = &v.toks[end];
            if matches!(t.tok, Tok::Punct(c) if !matches!(c, '-' | '/' | '\'' | '’')) {
                break;
            }
            // "... without LOB - progressing": a dash set apart by a space ends the goal.
            if t.is('-') && note.text[..t.start].ends_with(char::is_whitespace) {
                break;
            }
            if v.is(end, &["in", "within", "x"]) && v.toks.get(end + 1).is_some_and(|q| q.num().is_some() || q.is_word(note.text, &["one", "two", "three", "four", "six", "eight"])) {
                break;
            }
            if v.is(end, &["by", "before", "prior"]) && v.is(end + 1, &["d", "dc", "discharge", "end", "the", "next", "date", "week", "wk"]) {
                break;
            }
            if v.is(end, &["within", "so", "because", "due", "which", "while"]) {
                break;
            }
            end += 1;
        }
        // "without her husband standing by": "by" is the verb's.
        while end > j + 1 && (v.is(end - 1, FUNCTION_WORDS) && !(v.is(end - 1, &["by"]) && v.is(end - 2, &["standing", "stand", "stands"])) || matches!(v.toks[end - 1].tok, Tok::Punct(_))) {
            end -= 1;
        }
        // A number cut from its scale ("2/" of "2/10") is not said.
        if end < n && v.toks[end].num().is_some() && v.toks[end - 1].num().is_none() && end > j + 1 && matches!(v.toks[end - 1].tok, Tok::Punct(_)) {
            continue;
        }
        if (j..end).any(|k| v.kinds[k].any(Kinds::MEASURE_NAME) || v.is(k, &["fall", "falls", "falling", "risk", "hep", "exercises", "exercise", "program"])) {
            continue;
        }
        // "keep walking", "continue climbing": the activity is the -ing word.
        if v.is(j, &["keep", "continue", "resume", "start", "begin"]) && j + 1 < end && v.lower(j + 1).ends_with("ing") {
            j += 1;
            let text = v.text(j, end);
            out.push(Phrase { key: text.to_ascii_lowercase(), np: Np { text, plural: false }, sent: si, rank });
            return;
        }
        if independent {
            if end - j < 1 {
                continue;
            }
            let text = format!("independence {}", v.text(j, end));
            let text = if v.is(j, &["with", "in", "for"]) { text } else { format!("independence with {}", v.text(j, end)) };
            // "with" must be the note's word when added; otherwise keep the note's preposition.
            if !v.is(j, &["with", "in", "for"]) && !text_l.contains(" with ") {
                continue;
            }
            out.push(Phrase { key: text.to_ascii_lowercase(), np: Np { text, plural: false }, sent: si, rank });
            continue;
        }
        let verb = v.lower(j);
        if NOT_ACTIVITY_VERBS.contains(&verb.as_str()) || v.kinds[j].any(Kinds::FUNCTION | Kinds::IMPAIRMENT) || end - j < 2 {
            continue;
        }
        if !of && (verb.ends_with("ed") && !verb.ends_with("eed") || verb.ends_with("ly") || verb.len() < 3 || NOT_VERBS.contains(&verb.as_str()) || v.toks.get(j + 1).is_some_and(|t| t.is('-'))) {
            continue;
        }
        // "the goal of safe community walking": already a noun phrase, said as written.
        let text = if of { v.text(j, end) } else { verb_phrase(&v, j, end) };
        out.push(Phrase { key: text.to_ascii_lowercase(), np: Np { text, plural: false }, sent: si, rank });
        return;
    }
    // A goal line naming its activity after its label: "LTG: reciprocal stair descent with one
    // rail, no LOB, in 6 wks" gives "reciprocal stair descent with one rail".
    if is_goal {
        if let Some(c) = (0..n.min(4)).find(|&k| v.toks[k].is(':')) {
            let a = c + 1;
            let mut e = a;
            while e < n && e < a + 12 && (v.toks[e].tok == Tok::Word || v.toks[e].is('-') || v.toks[e].is('/')) && !v.is(e, &["in", "within", "by", "x"]) {
                e += 1;
            }
            while e > a && v.is(e - 1, FUNCTION_WORDS) {
                e -= 1;
            }
            let activity = (a..e).any(|k| v.is(k, ACTIVITY_NOUNS) || v.kinds[k].any(Kinds::MOBILITY | Kinds::ACTIVITY));
            let not = (a..e).any(|k| v.kinds[k].any(Kinds::MEASURE_NAME | Kinds::FUNCTION | Kinds::IMPAIRMENT) || v.is(k, &["pt", "patient", "client", "will", "goal", "goals", "fall", "falls", "risk", "hep", "independent", "i"]));
            if e > a + 1 && activity && !not && !v.example(0, n) {
                let text = if v.is(a, GOAL_VERBS) { verb_phrase(&v, a, e) } else { v.text(a, e) };
                out.push(Phrase { key: text.to_ascii_lowercase(), np: Np { text: lower_first(&text), plural: false }, sent: si, rank });
                return;
            }
        }
    }
    // A goal line naming its outcome: "Goal: safe community ambulation without her cane".
    if is_goal {
        for sp in note.spans_in(si).filter(|sp| sp.label == Label::Outcome) {
            let p = super::outcome_phrase(note, sp.start, sp.end);
            let l = p.to_ascii_lowercase();
            // "main goals", "goal areas": a header's words, not an activity.
            let header = l.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "goal" | "goals" | "stg" | "ltg" | "main" | "areas"));
            if p.split_whitespace().count() < 2 || l.contains("fall") || l.contains("risk") || p.contains(['[', ']']) || header {
                continue;
            }
            // "Goal: walk on grass at ...": a bare verb opening the line is said as its -ing form.
            let first = p.split_whitespace().next().unwrap_or("");
            let p = if GOAL_VERBS.contains(&first.to_ascii_lowercase().as_str()) { format!("{}{}", gerund(&first.to_ascii_lowercase()), &p[first.len()..]) } else { p };
            out.push(Phrase { key: l, np: Np { text: lower_first(&p), plural: false }, sent: si, rank: rank + 2 });
            return;
        }
    }
}
