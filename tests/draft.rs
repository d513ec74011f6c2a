//! The drafted statement and the SOAP draft invent nothing: every number and every word of a
//! draft, outside placeholders, appears in the note (or is an inflection of a note word, or its
//! declared noun) or is a connecting word of the template. And the golden notes of
//! `tests/fixtures/drafts/` (every kind of note, several styles) draft exactly as expected.

use skillmark::draft::phrase::NOMINALS;
use skillmark::draft::soap::soap;
use skillmark::draft::{draft, TEMPLATE_WORDS};

fn corpus(path: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string())
        })
        .collect()
}

/// Text outside square-bracket placeholders.
fn outside_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '/')
        .map(|w| w.trim_matches(['.', '/']).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The note's words: as [`words`] splits them, their parts around "/" and "." (a draft may
/// quote "balance" from "balance/coordination") and around digits (as the tokenizer reads them).
fn note_words(note_lower: &str) -> std::collections::HashSet<String> {
    let mut set = std::collections::HashSet::new();
    for w in words(note_lower) {
        for p in w.split(['/', '.']).filter(|p| !p.is_empty()) {
            set.insert(p.to_string());
            // The tokenizer splits letters from digits ("eak3" is "eak" "3", "VORx1").
            for q in p.split(|c: char| c.is_ascii_digit()).filter(|q| !q.is_empty()) {
                set.insert(q.to_string());
            }
        }
        set.insert(w);
    }
    set
}

/// Whether a draft word `w` (lower case, no digits) may stand: a note word, a template word, an
/// inflection of a note word ("graded" -> "grading", "modified" -> "modifying"), or the declared
/// noun of a note word (`phrase::NOMINALS`: "veers" -> "veering", "dizzy" -> "dizziness").
fn allowed(w: &str, note_words: &std::collections::HashSet<String>) -> bool {
    // "ascending/descending" of "ascend/descend", "a.b" of "a.b.c": each part on its own.
    if note_words.contains(w) || TEMPLATE_WORDS.contains(&w) || w.contains(['/', '.']) && w.split(['/', '.']).filter(|p| !p.is_empty()).all(|p| allowed(p, note_words)) {
        return true;
    }
    if NOMINALS.iter().any(|(form, noun)| *noun == w && note_words.contains(*form)) {
        return true;
    }
    note_words.iter().any(|n| {
        skillmark::lexicon::inflection_of(n, w)
            || n.strip_suffix("ied").zip(w.strip_suffix("ying")).is_some_and(|(a, b)| a == b && a.len() >= 3)
    })
}

/// The first word of `text` (outside placeholders) that is not a note word, a number of the
/// note, or allowed by [`allowed`].
fn invented_in(note: &str, text: &str) -> Option<String> {
    let body = outside_placeholders(text);
    let note_lower = note.to_lowercase();
    let note_words = note_words(&note_lower);
    for w in words(&body.to_lowercase()) {
        let number = w.chars().any(|c| c.is_ascii_digit());
        let ok = if number { note_lower.contains(&w) } else { allowed(&w, &note_words) };
        if !ok {
            return Some(w);
        }
    }
    None
}

/// The first draft word that is not a note word, a number of the note or a template word, in the
/// statement or in the SOAP draft.
fn invented(note: &str) -> Option<(String, String)> {
    let d = draft(note);
    if let Some(w) = invented_in(note, &d.text) {
        return Some((w, d.text));
    }
    // The SOAP draft's placeholders are its declared ones (the note's own brackets stay the
    // note's words).
    let s = soap(note);
    let mut body = s.text.clone();
    for p in skillmark::draft::soap::PLACEHOLDERS {
        body = body.replace(p, " ");
    }
    let body = body.replace(['[', ']'], " ");
    invented_in(note, &body.replace('[', " ")).map(|w| (w, s.text))
}

fn check_note(id: &str, note: &str) {
    if let Some((w, text)) = invented(note) {
        panic!("{id}: draft word {w:?} is not in the note.\nDraft: {text}\nNote: {note}");
    }
}

/// Issue 10: a note with a worse measure and an impairment got "... prevent decline and reduce
/// [risk: e.g. fall risk]"; "reduce" is neither in the note nor a template word.
#[test]
fn a_regression_draft_invents_no_word() {
    let note = "TUG 15 s (last visit 13 s). Delayed stepping responses. Min A.";
    assert_eq!(draft(note).trend, skillmark::draft::Trend::Regression);
    assert_eq!(invented(note), None);
}

/// Fuzz smoke, session 11: a goal whose "to" was followed by a number ("goal to3333C") got the
/// number said as a verb, "3333ing C".
#[test]
fn a_number_after_a_goal_s_to_is_no_verb() {
    let note = "S: Pt reports less unsteadiness.\nO: Berg 44/56 -> 48/56.\nA: Impaired R ankle proprioception limits safe community ambulation.\nP: Cont PO3333333333goal to33333333333333333333333333C. Progress to eyes closed when 0 LOB.";
    assert_eq!(invented(note), None);
}

use proptest::prelude::*;

/// Clinical fragments a generated note is made of: measure pairs in every direction, impairments,
/// skills, outcomes, headers, noise and the note's own words for a draft to reuse.
fn fragment() -> impl Strategy<Value = String> {
    let measure = prop_oneof![Just("TUG"), Just("Berg"), Just("FGA"), Just("DHI"), Just("5xSTS"), Just("SLS R"), Just("10MWT"), Just("ABC")];
    let when = prop_oneof![Just("initial eval"), Just("last visit"), Just("eval"), Just("admit"), Just("baseline"), Just("prior")];
    let unit = prop_oneof![Just(" s"), Just("/56"), Just("/30"), Just("/100"), Just(" m/s"), Just("%"), Just("")];
    let pair = (measure.clone(), 0u32..120, 0u32..10, when, 0u32..120, unit.clone()).prop_map(|(m, a, f, w, b, u)| {
        let a = if f > 5 { format!("{a}.{f}") } else { a.to_string() };
        format!("{m} {a}{u} ({w} {b}{u}). ")
    });
    let arrow = (measure, 0u32..60, 0u32..60, unit).prop_map(|(m, a, b, u)| format!("{m} {a}{u} -> {b}{u}. "));
    // Pairs with no standard measure name, and balance grades (`progress::other_pairs`).
    let unnamed = (prop_oneof![Just("Tandem stance on foam"), Just("Weight bearing through the L LE"), Just("Pt reports dizziness"), Just("Forward reach")], 0u32..60, 0u32..60, prop_oneof![Just(" s"), Just("%"), Just("/10"), Just(" in"), Just(" reps")], prop_oneof![Just(" ("), Just(", up from "), Just(", down from "), Just(" compared to ")], prop_oneof![Just("last visit"), Just("eval"), Just("3 wks ago"), Just("last week")])
        .prop_map(|(m, a, b, u, frame, w)| if frame == " (" { format!("{m} {a}{u} ({w} {b}{u}). ") } else { format!("{m} {a}{u}{frame}{b}{u} at {w}. ") });
    let grade = (prop_oneof![Just("poor"), Just("fair"), Just("good"), Just("fair+"), Just("good-")], prop_oneof![Just("poor"), Just("fair-"), Just("normal")], prop_oneof![Just("Sitting balance"), Just("Static standing balance")])
        .prop_map(|(a, b, m)| format!("{m} {a} (last week {b}). "));
    prop_oneof![
        3 => pair,
        1 => arrow,
        2 => unnamed,
        1 => grade,
        1 => Just("S: ".to_string()),
        1 => Just("\nO: ".to_string()),
        1 => Just("\nA: ".to_string()),
        1 => Just("\nP: ".to_string()),
        2 => prop_oneof![
            Just("Impaired R ankle proprioception"), Just("Delayed stepping responses"), Just("decreased dynamic balance"),
            Just("to improve trunk control"), Just("for balance/coordination"), Just("poor gaze stability"),
            Just("targets impaired weight shift"), Just("vestibular hypofunction persists"),
        ].prop_map(|s| format!("{s}. ")),
        2 => prop_oneof![
            Just("Tandem stance on foam 3 x 30 s with tactile cues at the ankles"), Just("CGA for turns"), Just("Min A"),
            Just("manual facilitation at the pelvis"), Just("verbal cues to widen BOS"), Just("graded to eyes closed"),
        ].prop_map(|s| format!("{s}. ")),
        2 => prop_oneof![
            Just("Goal: safe community ambulation without her cane"), Just("limits stairs to the bathroom"),
            Just("safe household ambulation"), Just("Pt wants to return to work and golf"), Just("dressing in standing"),
        ].prop_map(|s| format!("{s}. ")),
        1 => Just("Pt tolerated well. Cont POC. ".to_string()),
        1 => Just("97112 x 2 units (30 min). ".to_string()),
        1 => "[a-zA-Z]{1,9}( [a-z]{1,7}){0,3}[.,;]? ".prop_map(|s| s),
        1 => prop_oneof![Just("\n"), Just("; "), Just(", "), Just(" - "), Just("é "), Just("→ "), Just("] "), Just("[R] ")].prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// Over generated notes: every word and number of a draft outside placeholders is a note
    /// word, a number of the note, or a declared template word.
    #[test]
    fn nothing_invented_over_generated_notes(parts in proptest::collection::vec(fragment(), 0..24)) {
        let note: String = parts.concat();
        if let Some((w, text)) = invented(&note) {
            prop_assert!(false, "draft word {:?} is not in the note.\nDraft: {}\nNote: {}", w, text, note);
        }
    }

    /// And over arbitrary text.
    #[test]
    fn nothing_invented_over_any_text(note in any::<String>()) {
        if let Some((w, text)) = invented(&note) {
            prop_assert!(false, "draft word {:?} is not in the note.\nDraft: {}\nNote: {:?}", w, text, note);
        }
    }
}

#[test]
fn nothing_invented_over_both_corpora() {
    for path in ["tests/corpus/dev.jsonl", "tests/corpus/heldout.jsonl"] {
        for (id, text) in corpus(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string().as_str().to_owned().as_str().chars().chain(path.chars()).collect::<String>().as_str()) {
            check_note(&id, &text);
        }
    }
}

#[test]
fn template_words_are_not_clinical_findings() {
    // A reviewed list: none of these may name an impairment, activity, measure or outcome.
    for w in ["balance", "gait", "proprioception", "stairs", "berg", "tug", "cues", "weakness", "walking"] {
        assert!(!TEMPLATE_WORDS.contains(&w), "{w} must come from the note");
    }
}

#[test]
fn show_drafts_for_notes_with_sections_and_measures() {
    let notes = corpus(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/dev.jsonl"));
    for (id, text) in notes.iter().filter(|(id, _)| ["dev-001", "dev-004", "dev-039"].contains(&id.as_str())) {
        let d = draft(text);
        println!("{id} ({:?}):\n{}\n", d.trend, d.text);
        assert!(!d.facts.is_empty(), "{id} states measure pairs");
    }
}

/// The golden notes (`tests/fixtures/drafts/*.txt`, 55 made up for these tests: daily notes in
/// SOAP, narrative, first-person and terse styles, progress reports, evaluations, discharge
/// summaries, notes with no neuromuscular re-education, upper-limb (OT), sitting-balance,
/// vestibular and paediatric notes, a template with its own placeholders)
/// draft exactly their `.draft` and `.soap` files, and invent nothing. `BLESS=1` rewrites the
/// expected files (read them before committing).
#[test]
fn golden_notes_draft_as_expected() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/drafts");
    let mut notes: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    notes.sort();
    assert!(notes.len() >= 55, "the golden set holds every kind of note");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for path in notes {
        let text = std::fs::read_to_string(&path).unwrap();
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        check_note(&id, &text);
        for (ext, got) in [("draft", draft(&text).text), ("soap", soap(&text).text)] {
            let want_path = path.with_extension(ext);
            if bless {
                std::fs::write(&want_path, format!("{got}\n")).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&want_path).unwrap_or_default();
            if want.trim_end() != got {
                failures.push(format!("{id}.{ext}:\n  want: {}\n  got:  {got}", want.trim_end()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each kind of note gets its own statement: an evaluation says "indicated", a discharge summary
/// claims no continued need and gives the goals' status, a note with no neuromuscular
/// re-education says so.
#[test]
fn the_kind_of_note_decides_the_claim() {
    use skillmark::draft::Kind;
    let read = |name: &str| std::fs::read_to_string(format!("{}/tests/fixtures/drafts/{name}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let d = draft(&read("eval_standing"));
    assert_eq!(d.kind, Kind::Evaluation);
    assert!(d.text.contains("is indicated") && !d.text.contains("Continued"), "{}", d.text);
    for name in ["discharge_met", "discharge_partial"] {
        let d = draft(&read(name));
        assert_eq!(d.kind, Kind::Discharge, "{name}");
        assert!(!d.text.contains("needed") && !d.text.contains("Continued") && d.text.contains(" met"), "{name}: {}", d.text);
    }
    let d = draft(&read("no_nmr_therex"));
    assert_eq!(d.kind, Kind::NoNeuromuscular);
    assert!(d.text.starts_with("This note documents no neuromuscular re-education"), "{}", d.text);
    assert_eq!(draft(&read("progress_note")).kind, Kind::Progress);
    assert_eq!(draft(&read("daily_terse")).kind, Kind::Daily);
}

/// Slots hold the right kind of phrase: no assist level, guarding or equipment as the skill, no
/// negated or resolved finding as the impairment, no verb or adjective as a noun, no list said
/// twice, acronyms in the note's case.
#[test]
fn slots_hold_the_right_kind_of_phrase() {
    let d = draft("O: NMR: tandem walking with CGA and gait belt, min A for turns, UE support on the rail. Therapist graded the surface from firm to foam. No apparent neglect. R knee buckling resolved. Pt veers to the L with head turns. Romberg negative.\nA: Pt veers to the L with head turns, limiting walks in the park.\n97112 x 1.");
    for bad in ["CGA", "gait belt", "min A", "support", "neglect", "buckling", "Romberg", "veers"] {
        assert!(!d.text.contains(bad) || d.text.contains("Pt veers to the L with head turns, limiting"), "{bad}: {}", d.text);
    }
    assert!(d.text.contains("grading the surface from firm to foam"), "{}", d.text);
    let d = draft("O: NMR 30 min. Pt unsteady in tandem stance. Pt veers to the L with head turns. Therapist cued and faded VCs for ADLs in standing.");
    assert!(d.text.contains("unsteadiness") || d.text.contains("veering"), "{}", d.text);
    assert!(d.text.contains("ADLs") && !d.text.contains("aDLs"), "{}", d.text);
    assert!(!d.text.contains("needed for CGA"), "{}", d.text);
}

/// Impairments in common wordings (issue 21): a verb or adjective head said as its noun, with its
/// side, object and phase kept ("circumducts the L leg during swing" -> "L leg circumduction during
/// swing"), a compound function ("in-hand manipulation"), "decreased"/"poor" phrases; negated and
/// resolved findings left out.
#[test]
fn impairments_in_common_wordings() {
    let d = draft("NMR 30 min. Pt unsteady with quick turns and circumducts R LE in swing. Therapist graded turn speed.");
    assert!(d.text.contains("shows unsteadiness with quick turns and R LE circumduction in swing. These limit"), "{}", d.text);
    let d = draft("NMR 30 min. Pt circumducts the L leg during swing and hikes the L hip. Therapist blocked the L knee.");
    assert!(d.text.contains("shows L leg circumduction during swing and L hip hiking."), "{}", d.text);
    let d = draft("OT neuro re-ed 30 min. Impaired R in-hand manipulation. Therapist graded object size from large to small.");
    assert!(d.text.contains("shows impaired R in-hand manipulation. This limits"), "{}", d.text);
    let d = draft("NMR 30 min. Pt is unsteady on uneven surfaces. Decreased R ankle dorsiflexion in swing. Therapist blocked the R knee.");
    assert!(d.text.contains("shows unsteadiness on uneven surfaces and decreased R ankle dorsiflexion in swing."), "{}", d.text);
    // An adjective before its body part stays as written; a count noun alone takes "a".
    let d = draft("NMR 30 min. Weak L hip abductors. Pt leans to the R in sitting. Therapist facilitated at the pelvis.");
    assert!(d.text.contains("shows weak L hip abductors and a lean to the R in sitting. These limit"), "{}", d.text);
    // Denied and resolved findings are not impairments.
    let d = draft("NMR 30 min. Balance no longer impaired with static standing. Previously noted L lateral lean has resolved. Pt not dizzy today. Does not circumduct. Therapist faded cues.");
    assert!(d.text.contains("[impairment"), "{}", d.text);
}

/// The skilled input says each cue once (issue 21): cues of one kind, or a cue of no stated kind
/// beside one of a kind, are one phrase that keeps the kind and what the cue was for; a cue alone
/// is not a bare singular; items that hold their own "and" are set apart by a comma.
#[test]
fn skilled_input_says_each_cue_once() {
    let d = draft("NMR 30 min: tandem walking. Verbal cue and cue strategy for upright trunk. Decreased trunk control limits walking in the store.");
    assert!(d.text.ends_with("with the therapist providing a verbal cue for upright trunk."), "{}", d.text);
    let d = draft("NMR 30 min: tandem walking. Provided verbal cues for upright trunk, VCs for pacing, verbal cueing for posture and tactile cues at the hips. Decreased trunk control limits walking in the store.");
    assert!(d.text.ends_with("with the therapist providing verbal cues for upright trunk and tactile cues at the hips."), "{}", d.text);
    let d = draft("NMR 30 min: stepping drills. Therapist provided VC and TC for weight shift, cueing for step length, and demonstration, and graded the step height. Pt needed min A and verbal cues. Decreased step length limits walking to the car.");
    assert!(d.text.ends_with("with the therapist providing VC and TC for weight shift and demonstration, and grading the step height."), "{}", d.text);
}

/// Classes the audit of the golden notes found (issue 21), one wording each: a therapist's cue
/// whose object says "longer" is not denied; coordinated verbs with a slash; "w/" is "with"; a verb
/// ending in "-eed" is not a past tense; "standing by" keeps its "by"; a goal ends at a spaced
/// dash; a returned-to activity keeps its place; a measure keeps the side written after it;
/// "(was 7/10 at eval)" is at eval; "the same as last month" is a pair; a note naming only other
/// codes gets no 97112 statement.
#[test]
fn audit_classes_stay_fixed() {
    let has = |note: &str, want: &str| {
        let d = draft(note);
        assert!(d.text.contains(want), "want {want:?} in: {}", d.text);
    };
    has("NMR 30 min. Therapist cued a longer L step and faded the cues over 3 sets.", "cueing a longer L step and fading the cues over 3 sets");
    has("PT Initial Evaluation\nImpaired dynamic balance. STG: Pt will ascend/descend 3 steps with R rail in 3 wks. Plan: 97112 2x/wk.", "ascending/descending 3 steps with R rail");
    has("NMR 30 min. Unsteady w/ tandem. Difficulty w/ stairs at home. TC at R hip for stance stability.", "limits stairs at home");
    has("OT eval\nImpaired R hand dexterity. Goal: client will feed herself with the R hand in 4 wks. Neuro re-ed 3x/wk.", "feeding herself with the R hand");
    has("NMR 30 min. Poor balance with eyes closed. She wants to be able to shower safely without her husband standing by.", "without her husband standing by");
    has("Progress note\nBerg 48/56 (initial 39/56). LTG: pt will walk in the store for 20 min without LOB - progressing. NMR 2x/wk.", "walking in the store for 20 min without LOB, with");
    has("NMR 30 min. Delayed stepping responses. Pt wants to return to gardening in her yard.", "the goal of gardening in her yard");
    has("OT eval\nARAT R 22/57. Grip R 8 lb, L 52 lb. Impaired R hand dexterity. Neuro re-ed 3x/wk.", "Initial measures: ARAT R 22/57 and Grip R 8 lb");
    has("Vestibular f/u. Dizziness 4/10 with head turns (was 7/10 at eval). VOR x1. NMR 24 min.", "from 7/10 (eval) to 4/10");
    has("NMR 30 min. Poor balance on foam. Her FGA today was 15/30, the same as last month.", "FGA is unchanged at 15/30");
    // A sentence opening with the therapist's verb has the therapist as subject; an amount of cues
    // the patient needed is not the therapist's skill; a single cue takes "a"; coordinated verbs
    // after "unable to" are each said as -ing; an absent strategy is a deficit; a side after the
    // phrase goes before its body part.
    has("NMR 25 min. Increased postural sway on airex. Provided manual perturbations and graded EC duration.", "grading EC duration");
    assert!(!draft("NMR 30 min. Poor balance. Pt needed max verbal cues and min A.").text.contains("providing verbal cues"));
    has("NMR 30 min. Posterior lean in standing. Therapist gave tactile cue at the sternum for anterior weight shift.", "providing a tactile cue at the sternum for anterior weight shift");
    has("NMR 30 min. Impaired L hand dexterity. Remains unable to manipulate buttons or cut food.", "limits manipulating buttons or cutting food");
    has("NMR 23 min. Ankle strategy absent on rocker board. TC for weight shift.", "shows absent ankle strategy");
    has("NMR 30 min. Decreased gluteus medius strength R. TC at the R hip for weight shift.", "shows decreased R gluteus medius strength");
    let d = draft("Initial evaluation\nBerg 40/56. Impaired balance limits safe ambulation in her home.\nPlan: therapeutic exercise and gait training 2x/wk.\n97110, 97116.");
    assert_eq!(d.kind, skillmark::draft::Kind::NoNeuromuscular, "{}", d.text);
}
