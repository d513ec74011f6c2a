//! The field a note is about (standing balance and gait, upper limb, sitting balance,
//! vestibular, paediatric), so that a placeholder's example fits it: no Berg or TUG suggested for
//! an upper-limb, sitting-balance, vestibular or paediatric note.
//!
//! The field is chosen from the strongest evidence the note gives, not from a count of any words
//! (a lone "reach" in a gait note does not make it an upper-limb note):
//!
//! 1. a child's age ("4 y/o", "6-year-old", under 18) makes it paediatric;
//! 2. each measure the note names counts for its region or population ([`MEASURE_WEIGHT`]);
//! 3. words count by how specific they are to one field ("dexterity", "vertigo", "gait": 3;
//!    "reach", "arm", "standing": 1), and twice in the sentences that say what matters: the
//!    assessment, a goal line, a stated limitation, and the title.
//!
//! Gait and standing balance is the field when no other scores more, or none scores more than
//! one specific word's worth ([`MIN_EVIDENCE`]); a denied word counts for nothing.

use serde::Serialize;

use crate::labeller::ROLE_GOAL;
use crate::lexicon::Kinds;
use crate::note::Note;
use crate::report::Section;
use crate::tokens::Tok;

/// The field a note is about, for the examples in placeholders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Standing balance and gait.
    Standing,
    /// Upper limb: reach, grasp, dexterity.
    UpperLimb,
    /// Sitting balance and trunk control.
    Sitting,
    /// Dizziness, gaze stability.
    Vestibular,
    /// A child.
    Paediatric,
}

/// The least evidence for a field other than gait and standing balance.
const MIN_EVIDENCE: usize = 4;

/// A measure named in the note: this much for its field.
const MEASURE_WEIGHT: usize = 5;

/// The field of each measure the engine knows that belongs to one (comma-separated; the rest
/// count for none).
const MEASURE_FIELDS: &[(Domain, &str)] = &[
    (Domain::UpperLimb, "Box and Block,9-Hole Peg,Grip,ARAT,QuickDASH"),
    (Domain::Vestibular, "DHI,DVA,Dix-Hallpike"),
    (Domain::Sitting, "TIS"),
    (Domain::Paediatric, "BOT-2,GMFM,PDMS-2"),
    (Domain::Standing, "Berg,TUG,FGA,DGI,ABC,Mini-BESTest,5xSTS,30CST,Tinetti,mCTSIB,SLS,10MWT,6MWT,2MWT,FSST,Functional Reach,Y-balance,BESTest,HiMAT"),
];

/// Words (space-separated) and what each is worth to its field: 3 for a word of that field
/// alone, 1 for one other fields share.
const WORDS: &[(Domain, usize, &str)] = &[
    (Domain::UpperLimb, 3, "ue rue lue bue ues hand hands grasp finger fingers dexterity pinch manipulation handwriting writing buttons buttoning utensil utensils thumb prehension opposition fastening fasteners zipper typing"),
    (Domain::UpperLimb, 2, "wrist elbow forearm release"),
    (Domain::UpperLimb, 1, "reach reaches reaching shoulder arm arms cup cups grooming feeding"),
    (Domain::Vestibular, 3, "dizzy dizziness vertigo vor gaze vestibular bppv nystagmus oscillopsia habituation saccades lightheaded hypofunction vertiginous vhi"),
    (Domain::Vestibular, 1, "head"),
    (Domain::Sitting, 3, "eob unsupported fist seated wheelchair"),
    (Domain::Sitting, 2, "sitting"),
    (Domain::Sitting, 1, "trunk righting"),
    (Domain::Paediatric, 3, "child toddler infant peds pediatric paediatric kindergarten daycare preschool recess developmental crawling cruising pbs"),
    (Domain::Paediatric, 1, "mom mother parent parents dad school play playground peers caregiver"),
    (Domain::Standing, 3, "gait walk walks walking walked ambulation ambulate ambulates ambulating ambulated stairs stair curb curbs tandem cane rollator walker rw spc qc"),
    (Domain::Standing, 1, "standing stance step steps stepping hip hips knee knees ankle ankles le rle lle ble les perturbation perturbations sway foam"),
];

/// Words that state a limitation: their sentence says what matters.
const LIMITS: &[&str] = &["limits", "limiting", "limit", "limited", "difficulty", "unable", "cannot", "impacting", "affecting"];

/// Whether token `t` is one of the space-separated `words`, in any ASCII case (a list as one
/// string: no pointer and length per word in the wasm engine).
pub fn word_in(text: &str, t: &crate::tokens::Token, words: &str) -> bool {
    let w = text.as_bytes().get(t.start..t.end).unwrap_or_default();
    t.tok == Tok::Word && words.split(' ').any(|x| x.len() == w.len() && x.as_bytes().eq_ignore_ascii_case(w))
}

/// The note's field (see the module doc).
pub fn domain(note: &Note) -> Domain {
    const FIELDS: [Domain; 5] = [Domain::Standing, Domain::UpperLimb, Domain::Sitting, Domain::Vestibular, Domain::Paediatric];
    let at = |d: Domain| FIELDS.iter().position(|&f| f == d).unwrap_or(0);
    let mut score = [0usize; 5];
    if child_age(note) {
        return Domain::Paediatric;
    }
    // Each measure named, once.
    let mut named: Vec<&str> = Vec::new();
    let hits = note.hits.iter().filter(|h| h.kinds.any(Kinds::MEASURE_NAME)).filter_map(|h| crate::measures::by_term(&note.text[h.start..h.end]));
    for m in note.measures.iter().map(|mv| mv.measure).chain(hits) {
        if named.contains(&m.name) {
            continue;
        }
        named.push(m.name);
        if let Some((d, _)) = MEASURE_FIELDS.iter().find(|(_, ms)| ms.split(',').any(|n| n == m.name)) {
            score[at(*d)] += MEASURE_WEIGHT;
        }
    }
    for (si, s) in note.sents.iter().enumerate() {
        let toks = &note.tokens[s.toks.clone()];
        let stated = si == 0
            || matches!(s.seg.section, Some(Section::Assessment | Section::AssessmentPlan))
            || s.roles & ROLE_GOAL != 0
            || toks.iter().any(|t| t.is_word(note.text, LIMITS));
        let times = if stated { 2 } else { 1 };
        for (k, t) in toks.iter().enumerate().filter(|(_, t)| t.tok == Tok::Word) {
            // A denied word is no evidence ("not dizzy today", "no hand tremor").
            if toks[k.saturating_sub(3)..k].iter().any(|p| p.is_word(note.text, &["no", "not", "denies", "denied", "without", "negative"])) {
                continue;
            }
            if let Some((d, w, _)) = WORDS.iter().find(|(_, _, ws)| word_in(note.text, t, ws)) {
                score[at(*d)] += w * times;
            }
        }
    }
    // The highest score; gait and standing balance on a tie, or when no other field has more
    // than one specific word's worth of evidence (a gait note where the patient "felt dizzy").
    let mut best = 0;
    for k in 1..FIELDS.len() {
        if score[k] > score[best] && score[k] >= MIN_EVIDENCE {
            best = k;
        }
    }
    FIELDS[best]
}

/// Whether the note states the patient's age as under 18 ("4 y/o", "6-year-old", "18 mo old").
fn child_age(note: &Note) -> bool {
    let toks = &note.tokens;
    toks.iter().enumerate().any(|(i, t)| {
        let Some(n) = t.num() else { return false };
        // Bytes, not a str slice: the 14 bytes after the number may end inside a character.
        let rest = note.text.as_bytes()[t.end..note.text.len().min(t.end + 14)].to_ascii_lowercase();
        let skip = rest.iter().take_while(|&&c| c == b'-' || c == b' ').count();
        let rest = &rest[skip..];
        let years = ["y/o", "yo ", "yo,", "yo.", "y.o", "year old", "year-old", "years old", "yr old", "yr-old", "yrs old"].iter().any(|w| rest.starts_with(w.as_bytes()));
        let months = ["mo old", "mo-old", "month old", "month-old", "months old", "mos old"].iter().any(|w| rest.starts_with(w.as_bytes()));
        // "at 2 y/o" in a history is still the child's age; a number after a dose or a range is not.
        let after_range = i > 0 && toks[i - 1].is('-');
        !after_range && ((years && n < 18.0) || (months && n < 216.0))
    })
}

/// Placeholder examples for a domain. The measures suggested are the published ones for that body
/// region or population, never Berg or TUG for a note they do not fit:
///
/// * standing balance and gait: the Academy of Neurologic Physical Therapy's core set (Moore et al.,
///   *J Neurol Phys Ther* 2018;42:174-220: Berg Balance Scale, Functional Gait Assessment, 10 m
///   walk, 6 min walk, five times sit-to-stand, ABC scale);
/// * upper limb: the Action Research Arm Test, the Nine-Hole Peg Test and the Box and Block Test,
///   recommended by the ANPT EDGE task forces (StrokEDGE, MS EDGE; listed in the Shirley Ryan
///   AbilityLab Rehabilitation Measures Database);
/// * sitting balance: the Function In Sitting Test (Gorman et al., *J Neurol Phys Ther*
///   2010;34:150-160; 14 items scored 0-4), or the sitting balance grade the note uses;
/// * vestibular: the Dizziness Handicap Inventory and the Functional Gait Assessment (the DHI is
///   the patient-reported measure most used in vestibular research, Fong et al., *Arch Phys Med
///   Rehabil* 2015;96:357-365; the FGA is in the ANPT core set);
/// * paediatric: the Pediatric Balance Scale (Franjoine et al., *Pediatr Phys Ther* 2003) and the
///   BOT-2 balance subtest.
pub struct Examples {
    /// A measure pair.
    pub measure: &'static str,
    /// An impairment.
    pub impairment: &'static str,
    /// The activity it limits.
    pub activity: &'static str,
    /// The skilled input.
    pub skill: &'static str,
    /// A functional goal.
    pub goal: &'static str,
}

impl Examples {
    /// The examples for domain `d`.
    pub fn of(d: Domain) -> Examples {
        match d {
            Domain::Standing => Examples {
                measure: "measure now vs initial, e.g. Berg __/56 (eval __/56), FGA __/30 (eval __/30), 10MWT __ m/s (eval __ m/s)",
                impairment: "impairment, e.g. delayed stepping responses",
                activity: "activity it limits, in the patient's terms, e.g. walking in the community without a device",
                skill: "skilled input, e.g. grading the support surface from firm to foam",
                goal: "functional goal, e.g. community ambulation without a device",
            },
            Domain::UpperLimb => Examples {
                measure: "measure now vs initial, e.g. ARAT __/57 (eval __/57), 9HPT __ s (eval __ s), Box and Block __ blocks (eval __ blocks)",
                impairment: "impairment, e.g. impaired R hand dexterity",
                activity: "activity it limits, in the patient's terms, e.g. buttoning a shirt",
                skill: "skilled input, e.g. hand-over-hand facilitation of wrist extension during reach",
                goal: "functional goal, e.g. independent self-feeding",
            },
            Domain::Sitting => Examples {
                measure: "measure now vs initial, e.g. FIST __/56 (eval __/56), sitting balance grade (eval __)",
                impairment: "impairment, e.g. delayed trunk righting reactions in sitting",
                activity: "activity it limits, in the patient's terms, e.g. sitting unsupported at the edge of the bed to dress",
                skill: "skilled input, e.g. facilitating trunk righting with tactile cues at the pelvis",
                goal: "functional goal, e.g. dressing at the edge of the bed",
            },
            Domain::Vestibular => Examples {
                measure: "measure now vs initial, e.g. DHI __/100 (eval __/100), FGA __/30 (eval __/30)",
                impairment: "impairment, e.g. decreased gaze stability with head turns",
                activity: "activity it limits, in the patient's terms, e.g. walking in the grocery store",
                skill: "skilled input, e.g. grading VOR x1 head speed to the symptom response",
                goal: "functional goal, e.g. driving with head turns",
            },
            Domain::Paediatric => Examples {
                measure: "measure now vs initial, e.g. PBS __/56 (eval __/56), BOT-2 balance subtest __ (eval __)",
                impairment: "impairment, e.g. delayed protective reactions",
                activity: "activity it limits, in the child's terms, e.g. keeping up with peers on the playground",
                skill: "skilled input, e.g. facilitating weight shift at the pelvis during play",
                goal: "functional goal, e.g. climbing playground stairs with one rail",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(t: &str) -> Domain {
        domain(&crate::learned::read_note(t))
    }

    /// Issue 21: the field follows the strongest evidence, not a count of any words.
    #[test]
    fn the_field_follows_the_strongest_evidence() {
        // A gait note with a reach and an arm swing: still gait and standing balance.
        assert_eq!(field("Daily note. NMR 30 min: gait training over grass with head turns, then reaching to the top shelf in standing. Reduced arm swing on the R. Decreased L foot clearance in swing limits walking in the yard. Therapist graded the surface."), Domain::Standing);
        // An upper-limb note that stands at the counter and walked to the gym.
        assert_eq!(field("OT: client standing at the counter, walked to the gym. Reaching with the R UE to place cups; grasp and release of cups. Impaired R hand dexterity limits buttoning a shirt."), Domain::UpperLimb);
        // A measure names its region even when the words are few.
        assert_eq!(field("9HPT R 41 s (eval 55 s). Therapist graded the peg size. Pt walked to the clinic."), Domain::UpperLimb);
        // A vestibular note with gait words and a gait measure.
        assert_eq!(field("Vestibular f/u. Walking with head turns in the hallway, 2 LOB. FGA 18/30 (eval 14/30). Dizziness 4/10 with VOR x1. Gaze stability impaired, limiting walking in the store."), Domain::Vestibular);
        // Sitting at the edge of the bed, with a sit to stand and a reach.
        assert_eq!(field("Pt seated EOB, unsupported, reaching outside BOS with the L arm. Delayed trunk righting to the L. Sit to stand x 5 with CGA."), Domain::Sitting);
        // A child's age makes the note paediatric, whatever it works on.
        assert_eq!(field("5 y/o with CP. Walking on the balance beam, stepping over hurdles, gait with the posterior walker. Decreased L foot clearance."), Domain::Paediatric);
        assert_eq!(field("Pt is a 6-year-old boy with DCD; hopping and tandem walking."), Domain::Paediatric);
        // An adult's mother, or an adult age, is not a child.
        assert_eq!(field("78 y/o. Pt's mother drives her to the clinic. Tandem walking on foam. Berg 40/56."), Domain::Standing);
        // One symptom in a gait note, or a denied one, is not a vestibular note.
        assert_eq!(field("L knee hyperextends in midstance. Pt felt dizzy once. Therapist blocked the knee during gait."), Domain::Standing);
        assert_eq!(field("Pt not dizzy today, no vertigo. Tandem stance on foam."), Domain::Standing);
        // Nothing to go on: gait and standing balance.
        assert_eq!(field("Balance ex. Tolerated well."), Domain::Standing);
    }
}
