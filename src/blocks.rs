//! Contexts that cancel a label (ConText's pseudo-triggers), as a table and one walker.
//!
//! [`crate::context`] adds labels where a trigger governs a target; this table takes them away
//! where the words only look like the label. A block names a trigger, what must follow it, a
//! direction and scope in tokens (never across `.` `;` `:`), the labels it cancels and,
//! optionally, the only words whose spans it cancels. The labeller drops every span of those
//! labels that starts inside the block's region.
//!
//! The classes come from the labelling conventions for real-world wording
//! (`shared/corpus/README.md`): an activity that provokes a symptom is part of the symptom
//! ("dizziness is provoked by movement" is `why`), a gait described by its deviations is an
//! impairment, and a move between facilities is history, not function.
//!
//! | block | example |
//! |---|---|
//! | activity that provokes a symptom | "Room spinning when I lie down." |
//! | activity before a provoking verb | "Reading for 10 minutes brings on a headache." |
//! | gait named by its deviations | "Patient demonstrating a slow, unsteady gait." |
//! | deviations named after gait | "Gait training addressing gait abnormalities." |
//! | a move between facilities | "Admitted for pneumonia, then transferred to rehab." |
//! | moving a body part | "unable to turn or bend her head" |
//! | fear of falling | "fear of falling 5/10" |
//! | living situation | "lives alone in a first floor apartment" |
//! | an activity named as a deficit | "Gaze stabilization deficits." |
//! | an evaluation field row | "Bed Mobility: SBA", "Gait = CGA" |
//! | a symptom inferred from a test | "testing indicating dizziness", "test for BPPV" |
//! | how the patient was found | "Pt received supine in bed" |
//! | how the patient came | "Pt walked into clinic with SPC" |
//! | where the patient was left | "Pt returned to bed at end of session" |
//! | status with the home program | "Patient independent with HEP" |
//! | vague progress | "Progressing as expected" |
//! | limits of the schedule | "limited by time constraints" |
//! | a change to the visit | "Session shortened due to transportation" |
//! | the session withheld | "PT held this date due to low BP" |
//! | a time, not a purpose | "for the first time", "for a few days" |
//! | recall of a program | "Pt recalled 3/5 steps of the HEP" |
//! | the session's length | "participated in a 45 minute session", "60 minutes of skilled PT" |
//! | a supervision statement | "Student PT participated under supervision of licensed PT" |
//! | a level at the start of care | "At admission she needed max A of two for transfers" |
//! | care before this episode | "He had received gait training before" |
//! | working with someone | "the opportunity to work with him" |
//! | the writer narrating | "I visited him at home", "we observed a shuffling gait" |
//! | where the patient went | "until she was discharged home" |
//! | a fall as the injury's cause | "diagnosis of a fall causing a hip fracture" |
//! | help from other people | "max assistance from her daughter", "dependent upon family" |
//! | functions a test examines | "tests of sensation, strength and sitting balance" |
//! | complaints listed | "Problems included difficulty with transfers" |
//! | interests listed | "He likes fishing and walking his dog" |
//! | a task an exercise rehearses | "Mimic functional reaching tasks" |

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::context::Dir;
use crate::label::Label;
use crate::tokens::{Tok, Token};

/// One block.
pub struct Block {
    /// Stable id (tests, debugging).
    pub id: &'static str,
    /// Trigger phrases separated by `|`; words of a phrase by spaces.
    pub trigger: &'static str,
    /// One of these words must follow the trigger (`""`: nothing needed).
    pub then: &'static str,
    /// One of these words must come right before the trigger (`""`: nothing needed).
    pub prev: &'static str,
    /// Which way the region runs from the trigger.
    pub dir: Dir,
    /// The region's length in tokens past the trigger.
    pub scope: usize,
    /// The labels cancelled in the region.
    pub blocks: &'static [Label],
    /// When not empty, only spans whose whole text is one of these phrases are cancelled.
    pub only: &'static str,
    /// ConText's terminate words (`,` included): the region stops at the first of them, walking
    /// away from the trigger. "climbs stairs, with his left foot dragging": the body part opens
    /// an accompaniment, so the activity before it stays; "diagnosed with ataxia after showing
    /// impaired balance": the impairment after "after" is observed, not inferred.
    pub terminate: &'static str,
    /// A sentence the block must clear of its label (tested).
    pub example: &'static str,
}

/// The table.
pub const BLOCKS: &[Block] = &[
    Block {
        id: "provoked_symptom",
        trigger: "dizziness|dizzy|vertigo|spinning|lightheaded|lightheadedness|light headedness|woozy|wooziness|nausea|nauseous|symptoms|symptom|sx|unsteadiness|instability|sway|disruptions|deviations|headache|headaches|blurred vision|blurry vision",
        then: "when|with|during|while|upon|after|on",
        prev: "",
        dir: Dir::Forward,
        scope: 12,
        blocks: &[Label::Outcome],
        only: "",
        terminate: "",
        example: "Room spinning when I lie down and when I wake up.",
    },
    Block {
        id: "gait_by_its_deviations",
        trigger: "slow|slowed|unsteady|unsafe|antalgic|shuffling|shuffled|ataxic|festinating|guarded|asymmetric|asymmetrical|abnormal|staggering|steppage|trendelenburg|hemiplegic|scissoring|crouched|shortened|wide based|narrow based|unstable|impaired|decreased|reduced|poor|inconsistent|variable",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 5,
        blocks: &[Label::Outcome],
        only: "gait|gait pattern|ambulation pattern|walking pattern",
        terminate: "",
        example: "Patient demonstrating a slow, unsteady and unsafe gait.",
    },
    Block {
        id: "deviations_after_gait",
        trigger: "abnormalities|abnormality|deviations|deviation|disruptions|disruption|deficits|deficit|disturbance|disturbances|dysfunction|impairment|impairments|mechanics|pattern|asymmetry|instability",
        then: "",
        prev: "",
        dir: Dir::Backward,
        scope: 3,
        blocks: &[Label::Outcome],
        // Also the span "gait deficits" of the context rule `activity_named_as_ability_or_deficit`.
        only: "gait|ambulation|walking|gait deficit|gait deficits|gait impairment|gait impairments|gait dysfunction|gait difficulties|gait abnormalities|gait limitations|ambulation deficits|walking deficits|walking difficulties",
        terminate: "",
        example: "Gait training addressing specific gait abnormalities.",
    },
    Block {
        id: "move_between_facilities",
        trigger: "transferred|admitted|discharged|readmitted|referred",
        then: "to|from",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Outcome],
        only: "transferred|transfer|discharged|discharge",
        terminate: "",
        example: "84 y/o male admitted for pneumonia, then transferred to CCE for rehab.",
    },
    Block {
        id: "movement_of_a_body_part",
        // Body regions of the ICF's body-structure chapter (s7) in everyday words: "unable to turn
        // her head" is mobility of joints (b710), not an activity.
        trigger: "head|neck|trunk|arm|arms|forearm|forearms|hand|hands|finger|fingers|thumb|wrist|wrists|elbow|elbows|shoulder|shoulders|leg|legs|thigh|thighs|knee|knees|hip|hips|ankle|ankles|foot|feet|toe|toes|back|spine|pelvis|torso|extremity|extremities|ue|le|ues|les|uue|lue|rue|rle|lle",
        then: "",
        // The body part is the verb's object: "her head", "the R leg", "both arms".
        prev: "her|his|my|their|your|the|both|r|l|right|left|affected|involved|b|bilateral|each|one|either",
        dir: Dir::Backward,
        scope: 6,
        blocks: &[Label::Outcome],
        only: "",
        terminate: "and|with|but|while|as|when|,",
        example: "She complained of neck stiffness and being unable to turn or bend her head.",
    },
    Block {
        id: "fear_of_falling",
        // Fear is an emotional function (ICF b152), not a fall.
        trigger: "fear of falling|fear of falls|afraid of falling|fearful of falling|fear of fall",
        then: "",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Outcome],
        only: "",
        terminate: "",
        example: "Fear of falling 5/10 (10 being a high fear of falling).",
    },
    Block {
        id: "living_situation",
        trigger: "lives|resides|lived|resided",
        then: "alone|with|in|at|on",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Outcome],
        only: "",
        terminate: "",
        example: "Pt. lives alone in a first floor apartment with 2 steps to enter.",
    },
    Block {
        id: "deficit_after_activity",
        trigger: "deficits|deficit|impairment|impairments|dysfunction|difficulties",
        then: "",
        prev: "",
        dir: Dir::Backward,
        scope: 3,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Gaze stabilization deficits.",
    },
    Block {
        // "Bed Mobility: SBA", "Gait = CGA", "Dynamic standing = Fair": an evaluation field row
        // grades the activity (a measure); nothing was delivered.
        id: "evaluation_row",
        trigger: ":|=",
        then: "sba|cga|supervision|supervised|independent|indep|mod|min|max|modified|fair|good|poor|normal|wfl|wnl|dependent|total|contact|stand|standby|i",
        prev: "",
        dir: Dir::Backward,
        scope: 40,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "4. Bed Mobility (supine to sit, etc): SBA",
    },
    Block {
        // "testing indicating dizziness", "positive Dix-Hallpike test for BPPV", "consistent with
        // vestibular hypofunction": a symptom inferred from a test names the diagnosis, not the
        // impairment a treated activity targets.
        id: "inferred_diagnosis",
        trigger: "indicating|indicates|indicative of|consistent with|suggestive of|suggesting|test for|testing for|diagnosis of|diagnosed with|dx of|presence of",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 8,
        blocks: &[Label::Why],
        only: "",
        terminate: "after|following|presenting|presents|showing|shows|demonstrating|demonstrates|but",
        example: "Positive smooth pursuit testing indicating dizziness because of the concussion.",
    },
    Block {
        // "participated in a 45 minute session", "seen for 60 minutes of skilled PT": the length
        // of the session is `time` (corpus README), not an activity taking part in it.
        id: "session_length",
        trigger: "minute session|min session|minutes session|mins session|minute visit|minute treatment|minute therapy|hour session",
        then: "",
        prev: "",
        dir: Dir::Backward,
        scope: 6,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Liam participated in a 45 minute session.",
    },
    Block {
        // "Pt received supine in bed", "received sitting in w/c": how the therapist found the
        // patient, not an activity done.
        id: "received_in_position",
        trigger: "received|found|greeted",
        then: "supine|sitting|seated|sidelying|standing|semi|semireclined|reclined|in|at|long|upright|lying|ambulating",
        prev: "",
        dir: Dir::Backward,
        scope: 3,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Pt received supine in bed, agreeable to PT.",
    },
    Block {
        // "returned to bed at end of session", "return to room via w/c": where the patient was
        // left, not a return to an activity or role.
        id: "returned_to_a_place_in_the_facility",
        trigger: "returned to|return to|returns to|returning to",
        then: "bed|chair|room|recliner|wheelchair|w/c|wc|unit|floor|supine|nursing|hospital",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Outcome],
        only: "",
        terminate: "",
        example: "Pt returned to bed at end of session with bed alarm on.",
    },
    Block {
        // "independent with HEP", "compliant with HEP": the patient's status with the program,
        // not the program delivered.
        id: "status_with_the_program",
        trigger: "independent with|indep with|compliant with|adherent to|adherence to|compliance with|consistent with",
        then: "hep|program|home|exercises",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Patient independent with HEP.",
    },
    Block {
        // "Progressing as expected", "progressing well toward goals": vague progress (corpus
        // README: no label), not a progression the therapist made.
        id: "vague_progress",
        trigger: "progressing|progressed|progresses|progress",
        then: "as|well|slowly|nicely|steadily|toward|towards|appropriately|gradually|fair|good|poorly",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::How],
        only: "",
        terminate: "",
        example: "Progressing as expected.",
    },
    Block {
        // "Pt walked into clinic with SPC", "arrived via w/c": how the patient came to the
        // session, not an activity of it.
        id: "arrival",
        trigger: "walked into|walked in to|ambulated into|came into|came in to|wheeled into|arrived",
        then: "",
        prev: "",
        dir: Dir::Backward,
        scope: 3,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Pt walked into clinic with SPC.",
    },
    Block {
        // "limited by time constraints", "cancelled due to transportation": a limit of the
        // schedule or circumstances, not an impairment.
        id: "limited_by_circumstances",
        trigger: "limited by|limited due to|due to|secondary to|because of|d/t",
        then: "time|schedule|scheduling|transportation|transport|weather|traffic|appointment|appointments|insurance|cost|work|childcare|ride|availability|family|late|arrival|conflict",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Why],
        only: "",
        terminate: "",
        example: "Pt limited by time constraints today.",
    },
    Block {
        // "Session shortened due to transportation", "visit ended early": a change to the visit,
        // not to the task.
        id: "visit_changed",
        trigger: "session|visit|treatment|tx|appointment",
        then: "shortened|ended|cut|terminated|rescheduled|cancelled|canceled",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::How],
        only: "",
        terminate: "",
        example: "Session shortened due to transportation.",
    },
    Block {
        // "Reading for more than 10 minutes brings on a headache", "Riding in the car makes him
        // nauseous": the activity before a provoking verb is part of the symptom (why).
        id: "symptom_provoked_by",
        trigger: "brings on|bring on|brought on|triggers|triggered|provokes|provoked|makes me|makes her|makes him|made me|made her|made him|gives me|gives her|gives him",
        then: "",
        prev: "",
        dir: Dir::Backward,
        scope: 10,
        blocks: &[Label::What, Label::Outcome],
        only: "",
        terminate: "",
        example: "Reading for more than 10 minutes brings on a headache.",
    },
    Block {
        // "PT held this date due to low BP", "Tx deferred per nursing": the session withheld;
        // nothing was done or guided.
        id: "session_withheld",
        trigger: "held|withheld|deferred",
        then: "this|today|due|secondary|per|d/t|2/2|until|pending|because|at",
        prev: "",
        dir: Dir::Backward,
        scope: 3,
        blocks: &[Label::How, Label::What],
        only: "",
        terminate: "",
        example: "PT held this date due to low BP.",
    },
    Block {
        // "for the first time", "for a few days", "for now": time, not purpose.
        id: "for_a_time",
        trigger: "for the first|for a few|for a while|for now|for the day|for today|for the week|for the weekend|for the rest|for the past|for the last|for several|for the next|for a couple|for some time|for years|for months|for weeks|for days|for the time being",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 3,
        blocks: &[Label::Why],
        only: "",
        terminate: "",
        example: "Pt drove to the appointment for the first time.",
    },
    Block {
        // "recalled 3/5 steps of the HEP", "verbalized understanding of education": the
        // patient's recall of a program measures learning; it does not deliver the program.
        id: "recall_of_a_program",
        trigger: "recalled|recalls|recall|remembered|remembers|verbalized|verbalizes|verbalize|understanding of",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 12,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Pt recalled 3/5 steps of the HEP after a 10 min delay.",
    },
    Block {
        // "Student PT participated under the supervision of the licensed PT", "treatment
        // supervised by Jane Doe, DPT": a supervision statement carries no label (C-HEAD-3); the
        // supervision is the clinician's, not the patient's assist level.
        id: "supervision_statement",
        trigger: "supervision of|supervised by|direction of|co signed by|cosigned by",
        then: "licensed|supervising|clinical|ci|instructor|the|a|an",
        prev: "",
        dir: Dir::Backward,
        scope: 16,
        blocks: &[Label::How, Label::Measure],
        only: "",
        terminate: "",
        example: "Student PT participated in session under supervision of licensed PT.",
    },
    Block {
        // "At admission she needed max A of two for transfers", "required substantial assistance
        // during our early visits": a level told as the baseline at the start of care is a
        // measure, not the help given today (C-HOW-4).
        id: "baseline_level_before",
        trigger: "at admission|on admission|upon admission|at intake|initially|at initial evaluation|at the initial evaluation|at initial eval|at the start of care|at start of care|at the initial start|prior to|previously",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 14,
        blocks: &[Label::How],
        only: "",
        terminate: "",
        example: "At admission she needed max A of two for transfers.",
    },
    Block {
        // The time marker closing the clause governs all of it, however long its list of levels
        // ("required 2-person maximal assistance for transfers and minimal assistance for static
        // sitting during our early visits").
        id: "baseline_level_after",
        trigger: "early visits|first visits|first visit|initial visit|initial visits|at admission|on admission|at initial evaluation|at evaluation|at eval|at intake|at start of care",
        then: "",
        prev: "",
        dir: Dir::Backward,
        scope: 24,
        blocks: &[Label::How],
        only: "",
        terminate: "",
        example: "She required max assistance for transfers during our early visits.",
    },
    Block {
        // "He had received extensive gait training before", "had undergone vestibular therapy":
        // care told in the past perfect came before this episode; it is history, not delivered
        // today (C-GEN-2).
        id: "care_before_this_episode",
        trigger: "had received|had undergone|had participated|had completed|had attended|had been receiving|had been doing|had tried|previously received|previously completed|previously participated",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 14,
        blocks: &[Label::What, Label::How],
        only: "",
        terminate: "",
        example: "He had received extensive gait training prior to initiation of services.",
    },
    Block {
        id: "session_length_of_therapy",
        trigger: "minutes of|mins of|min of|hour of|hours of",
        then: "skilled|pt|ot|therapy|treatment|tx|physical|occupational|speech|rehab|rehabilitation|intervention|care",
        prev: "",
        dir: Dir::Backward,
        scope: 6,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Pt participated in 60 minutes of skilled PT.",
    },
    Block {
        // "max assistance from his wife", "dependent upon family members": help from someone
        // other than the therapist is no skilled input; a level given stays a measure (C-HOW-5).
        id: "help_from_other_people",
        trigger: "dependent on|dependent upon|relies on|relied on|reliant on|depends on|depended on|help of|help from|assistance of|assistance from|assist from|assist of|assisted by|helped by|help by",
        then: OTHER_PEOPLE,
        prev: "",
        dir: Dir::Backward,
        scope: 3,
        blocks: &[Label::How],
        only: "",
        terminate: "",
        example: "She needed max assistance from her daughter for bathing.",
    },
    Block {
        // "dependent upon family members to go anywhere": a dependence on people, not a graded
        // level of help (C-HOW-5: with no level, only the task is labelled).
        id: "dependence_on_other_people",
        trigger: "dependent on|dependent upon",
        then: OTHER_PEOPLE,
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Measure],
        only: "dependent",
        terminate: "",
        example: "He had become dependent upon family members to go anywhere around town.",
    },
    Block {
        // "had the opportunity to work with him", "working with the chainsaw": working with
        // someone or something is no occupation (C-OUT-6).
        id: "working_with",
        trigger: "work with|works with|worked with|working with",
        then: "",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Outcome],
        only: "work|works|worked|working",
        terminate: "",
        example: "I had the opportunity to work with him until his discharge.",
    },
    Block {
        // "I visited him weekly", "I first met her on the ward", "we observed a shuffling gait": a
        // writer's verb of being there, meeting, perceiving, feeling or thinking narrates; it is no
        // decision made on the patient's response (C-HOW-6 needs a change of the task; C-HOW-8:
        // observing is not in itself `how`).
        id: "first_person_narration",
        trigger: "i|we",
        then: "had|was|were|visited|met|led|saw|observed|noticed|watched|remembered|remember|recall|recalled|felt|thought|knew|learned|learnt|wondered|doubted|appreciated|realized|realised|believed|hoped|wanted|enjoyed|worked|joined|shadowed|followed|cared|interviewed|spoke|talked|discussed",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::How],
        only: "",
        terminate: "",
        example: "I visited him at home every week for a month.",
    },
    Block {
        // "until she was discharged home", "returned home from the rehab facility": where the
        // patient went after a stay is history, not a functional activity (C-OUT-1).
        id: "disposition_home",
        trigger: "discharged home|discharged to home|returned home|went home|sent home|released home|d/c home|discharged back home|returned back home",
        then: "",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Outcome],
        only: "",
        terminate: "",
        example: "She received inpatient stroke rehab until she was discharged home.",
    },
    Block {
        // "diagnosis of a fall causing a hip fracture", "s/p fall": the fall as the mechanism of
        // injury is context, like a diagnosis (C-OUT-7).
        id: "fall_as_mechanism_of_injury",
        trigger: "fall causing|fall resulting|fall with resultant|fall leading|diagnosis of a fall|diagnosis of fall|dx of fall|dx of a fall|s/p fall|s/p a fall|status post fall|status post a fall|sp fall",
        then: "",
        prev: "",
        dir: Dir::Here,
        scope: 0,
        blocks: &[Label::Outcome],
        only: "",
        terminate: "",
        example: "She was referred with the diagnosis of a fall causing a hip fracture.",
    },
    Block {
        // The functions a test examines are its subject, not an impairment found nor a reason
        // (C-MEAS-1, C-WHY-2): "Tests of sensation, strength and sitting balance were performed".
        // The region ends where the finding begins ("Testing of balance revealed ...").
        id: "functions_tested",
        trigger: "tests of|test of|testing of|assessment of|assessments of|examination of|exam of|screening of|screen of|evaluation of",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 15,
        blocks: &[Label::Why, Label::Outcome],
        only: "",
        terminate: "revealed|reveals|showed|shows|indicated|indicates|demonstrated|demonstrates|found|was|were|is|are|notable|significant|with",
        example: "Initial and follow-up tests of sensation, strength, sitting balance and mobility were performed.",
    },
    Block {
        // A list of complaints or limitations names problems, not care given: "Her complaints
        // included difficulty dressing" (C-WHAT-1, C-OUT-1).
        id: "complaints_listed",
        trigger: "complaints|complaint|symptoms|concerns|problems|limitations|difficulties|compromised",
        then: "included|includes|include|were|are|consisted",
        prev: "",
        dir: Dir::Forward,
        scope: 25,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "His main complaints included poor balance and difficulty performing self care.",
    },
    Block {
        // What the patient enjoys is a life role, not a task done in the session (C-WHAT-1,
        // C-OUT-6): "He likes fishing and walking his dog". Present tense only: "Pt enjoyed the
        // obstacle course" reports the session.
        id: "interests_listed",
        trigger: "enjoys|likes|loves|hobbies|interests|leisure",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 20,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "He likes fishing, gardening and walking his dog.",
    },
    Block {
        // "Mimic functional reaching tasks", "simulates a functional driving scenario": the task
        // an exercise rehearses is its rationale (`outcome`, C-OUT-10), not an activity delivered;
        // "simulated community ambulation" (past) reports one done, so only the other forms.
        id: "rehearsed_task",
        trigger: "mimic|mimics|mimicking|simulate|simulates|simulating|replicate|replicates|replicating",
        then: "",
        prev: "",
        dir: Dir::Forward,
        scope: 5,
        blocks: &[Label::What],
        only: "",
        terminate: "",
        example: "Mimic functional reaching tasks and promote vestibular adaptation.",
    },
];

/// Who else helps the patient: family, carers, staff (`help_from_other_people`); a possessive
/// ("her daughter") stands for them.
const OTHER_PEOPLE: &str = "family|his|her|their|wife|husband|spouse|son|sons|daughter|daughters|caregiver|caregivers|carer|carers|mother|father|mom|dad|parents|parent|others|friends|friend|staff|nursing|children|neighbors|neighbours|aide|aides";

/// First trigger word -> (block, rest of the phrase).
fn index() -> &'static HashMap<&'static [u8], Vec<(usize, Vec<&'static str>)>> {
    static INDEX: OnceLock<HashMap<&'static [u8], Vec<(usize, Vec<&'static str>)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<&'static [u8], Vec<(usize, Vec<&'static str>)>> = HashMap::default();
        for (bi, b) in BLOCKS.iter().enumerate() {
            for alt in b.trigger.split('|') {
                let mut words = alt.split_whitespace();
                if let Some(first) = words.next() {
                    m.entry(first.as_bytes()).or_default().push((bi, words.collect()));
                }
            }
        }
        m
    })
}

/// The first words of [`index`] as a filter: most tokens are no trigger's first word.
fn first_words() -> &'static crate::tokens::FirstWords {
    static FIRST: OnceLock<crate::tokens::FirstWords> = OnceLock::new();
    FIRST.get_or_init(|| crate::tokens::FirstWords::new(index().keys().copied()))
}

/// Each block's `then`, `prev` and `terminate` alternatives, split once.
type Alternatives = (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>);

/// [`Alternatives`] by block.
fn alternatives() -> &'static [Alternatives] {
    static ALTS: OnceLock<Vec<Alternatives>> = OnceLock::new();
    ALTS.get_or_init(|| {
        let split = |s: &'static str| if s.is_empty() { Vec::new() } else { s.split('|').collect() };
        BLOCKS.iter().map(|b| (split(b.then), split(b.prev), split(b.terminate))).collect()
    })
}

/// A cancelled region: the label, its first and end token, and the block (for `only`). A
/// `Here` block cancels the spans inside its region; the others, the spans that start in it.
pub type Region = (Label, usize, usize, &'static Block);

/// Every block's region in one sentence's tokens.
pub fn regions(note: &str, toks: &[Token]) -> Vec<Region> {
    let (idx, first) = (index(), first_words());
    let mut out = Vec::new();
    let n = toks.len();
    // A token's text as the table spells it: words (ASCII case-insensitive), ':' and '='.
    let text = |k: usize| -> Option<&str> {
        let t = &toks[k];
        match t.tok {
            Tok::Word if t.end - t.start <= 24 => Some(t.text(note)),
            Tok::Punct(':') => Some(":"),
            Tok::Punct('=') => Some("="),
            _ => None,
        }
    };
    let is = |k: usize, w: &str| text(k).is_some_and(|t| t.eq_ignore_ascii_case(w));
    let any_of = |k: usize, words: &[&str]| text(k).is_some_and(|t| words.iter().any(|w| t.eq_ignore_ascii_case(w)));
    let alts = alternatives();
    let stop = |k: usize| toks[k].is('.') || toks[k].is(';') || toks[k].is(':') || toks[k].is('?') || toks[k].is('!');
    for i in 0..n {
        // Lower-cased on the stack, once per token.
        let Some(w) = text(i).filter(|w| first.may_hold(w.as_bytes())) else { continue };
        let mut buf = [0u8; 24];
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf[..w.len()].make_ascii_lowercase();
        let Some(list) = idx.get(&buf[..w.len()]) else { continue };
        for (bi, rest) in list {
            let b = &BLOCKS[*bi];
            let mut j = i + 1;
            // "wide-based": a hyphen between the phrase's words.
            let matched = rest.iter().all(|r| {
                if j < n && toks[j].is('-') {
                    j += 1;
                }
                let ok = j < n && is(j, r);
                j += 1;
                ok
            });
            if !matched {
                continue;
            }
            let then = !b.then.is_empty();
            let (then_words, prev_words, terminate_words) = &alts[*bi];
            if then && !(j < n && any_of(j, then_words)) {
                continue;
            }
            if !b.prev.is_empty() && !(i > 0 && any_of(i - 1, prev_words)) {
                continue;
            }
            let ends = |k: usize| stop(k) || terminate_words.iter().any(|&w| if w == "," { toks[k].is(',') } else { is(k, w) });
            let (a, e) = match b.dir {
                // The trigger and its following word: spans inside it are cancelled.
                Dir::Here => (i, if then { j + 1 } else { j }),
                Dir::Forward => (i, (j..n.min(j + b.scope + 1)).find(|&k| ends(k)).unwrap_or(n.min(j + b.scope + 1))),
                Dir::Backward => ((i.saturating_sub(b.scope)..i).rev().find(|&k| ends(k)).map_or(i.saturating_sub(b.scope), |k| k + 1), j),
            };
            out.extend(b.blocks.iter().map(|&l| (l, a, e, b)));
        }
    }
    out
}

/// True when a span of `text` (its label already matched) is cancelled by `block`'s `only`.
pub fn cancels(block: &Block, text: &str) -> bool {
    block.only.is_empty() || block.only.split('|').any(|o| o.eq_ignore_ascii_case(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Options};

    #[test]
    fn every_block_clears_its_example() {
        for b in BLOCKS {
            let r = analyze(b.example, &Options::default());
            let left: Vec<&str> = r
                .annotations
                .iter()
                .filter(|a| b.blocks.contains(&a.label))
                .map(|a| &b.example[a.span.start as usize..a.span.end as usize])
                .collect();
            assert!(left.is_empty(), "{}: {:?} still labelled {:?} in {:?}", b.id, left, b.blocks, b.example);
        }
    }

    #[test]
    fn blocks_stay_inside_their_context() {
        // The function itself is still an outcome when no block governs it.
        for t in ["She is unable to walk in the community.", "Goal: independent gait in the community."] {
            let r = analyze(t, &Options::default());
            assert!(r.annotations.iter().any(|a| a.label == Label::Outcome), "{t}");
        }
    }
}
