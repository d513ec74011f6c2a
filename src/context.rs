//! Clause roles as data: a table of context rules and one walker (medspaCy's ConText shape).
//!
//! A rule names a *trigger* (words, with their inflections when `forms` is set), a direction and a
//! scope in tokens, and the *targets* it looks for (lexicon kinds, or any content word). When the
//! walker meets a trigger, it scans from it within the clause (never across `.` `;` `:` or "but")
//! for a target; the trigger and target, and the words between, get the rule's label. A rule may
//! be cancelled by a negation right before its trigger ("no balance deficits") and may ask for a
//! sentence role: delivered care, a report, a goal or plan.
//!
//! The rules encode the classes of wording in `shared/spec/annotation-guide.md` and the labelling
//! conventions for real-world wording (`shared/corpus/README.md`), each with an example the tests
//! check. They add to the per-label functions of `labeller.rs`, which keep the finer borders
//! (doses, cue-anchored purposes, measure values).
//!
//! | class | example |
//! |---|---|
//! | deficit noun after or before a function | "Balance deficits", "deficits in motor planning" |
//! | change or impairment word before a function | "decreased inhibitory control", "increased strength" |
//! | purpose or treatment verb before a function | "to activate wrist extensors", "Worked on sequencing" |
//! | reason clause | "due to impaired trunk control" |
//! | symptom that limits | "complained of dizziness" |
//! | symptom an activity provokes | "Reading brings on a headache" |
//! | a deficit in plain words | "my arm is just awkward", "I keep sliding to the left" |
//! | fear as a barrier | "her fear of falling keeps her from the shower" |
//! | a result stated in words | "improved from poor to fair", "scored poorly on the tests" |
//! | a gait named by its deviations | "antalgic, slow gait" |
//! | the patient's overall ability as a status | "was functional at home", "being active" |
//! | ability or limitation before an activity | "unable to work", "able to brush teeth" |
//! | an activity named with an ability or deficit noun | "transfer deficits", "walking ability" |
//! | a need for the therapist | "required CGA", "needed a lot of help" |
//! | a change of task made in response to the patient | "surface changed after 5 clean trials" |
//! | a task parameter graded | "increased resistance", "task complexity increased" |
//! | delivery verb before an activity | "Incorporated step tap training" |
//! | placed in a position or moved to a task | "was placed in supported sitting", "moved to the stairs" |

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use crate::label::Label;
use crate::lexicon::{Hit, Kinds};
use crate::tokens::{Tok, Token, Words};

/// Which way the walker scans from a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Towards the end of the sentence.
    Forward,
    /// Towards its start.
    Backward,
    /// The trigger is its own target.
    Here,
}

/// What a rule looks for.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// A lexicon hit of any of these kinds (not followed by a rating, "pain 3/10").
    Kinds(Kinds),
    /// A lexicon hit of these kinds, or one of these words (with inflections).
    KindsOrWords(Kinds, &'static [&'static str]),
    /// Any content word (not a function word, number or punctuation).
    Content,
    /// A clinical criterion word later in the clause ("once", "after", "based on").
    Criterion,
    /// A verb in the past tense ("dimmed", "gave"): the trigger acted.
    PastVerb,
    /// A content word that is not a body function, impairment or symptom, nor a verb of holding
    /// or controlling ("getting in and out of the car", "reaching into cabinets").
    Activityish,
    /// A past-tense verb of doing ("stacked", "threw", "went"), not of saying, feeling, showing
    /// or needing: the patient did a task in the session.
    ActionPast,
}

/// The sentence roles a rule needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Any sentence but a diagnosis field.
    Any,
    /// Not a goal, plan or reported speech: care delivered in the session.
    Delivered,
    /// Not a goal or plan line (reports are fine).
    NotGoalPlan,
    /// Not reported speech.
    NotReport,
}

/// One context rule.
pub struct Rule {
    /// Stable id (tests, debugging).
    pub id: &'static str,
    /// Trigger phrases separated by `|`; words of a phrase by spaces; `*` is any one word; a
    /// leading `^` matches only as the sentence's first word.
    pub trigger: &'static str,
    /// Trigger words also match their inflections (require / required / requiring).
    pub forms: bool,
    /// Scan direction.
    pub dir: Dir,
    /// How many tokens the walker looks past the trigger.
    pub scope: usize,
    /// What it looks for.
    pub target: Target,
    /// The label given.
    pub label: Label,
    /// When the rule applies.
    pub when: When,
    /// After a cue or assist in the same clause, the rule speaks for the cue ("tactile cues to
    /// inhibit overactivity" is `how`), unless the sentence also names the activity.
    pub cue_governs: bool,
    /// An example sentence the rule must label (tested).
    pub example: &'static str,
}

const FUNCTIONS: Kinds = Kinds(Kinds::FUNCTION.0 | Kinds::IMPAIRMENT.0);
const ACTIVITIES: Kinds = Kinds(Kinds::ACTIVITY.0 | Kinds::GENERIC.0);
const FUNCTIONAL: Kinds = Kinds(Kinds::OUTCOME.0 | Kinds::MOBILITY.0);
const SKILLS: Kinds = Kinds(Kinds::SKILL.0 | Kinds::ASSIST_HOW.0);

/// The table. Order does not matter: every rule runs, and spans of one label merge.
pub const RULES: &[Rule] = &[
    // why
    Rule {
        id: "deficit_after_function",
        trigger: "deficit|deficits|impairment|impairments|dysfunction|problems|issues|difficulties|disturbance|disturbances|insufficiency|weakness|deviation|deviations|disruption|disruptions|abnormality|abnormalities",
        forms: false,
        dir: Dir::Backward,
        scope: 3,
        target: Target::Content,
        label: Label::Why,
        when: When::Any,
        cue_governs: true,
        example: "Gaze stabilization deficits.",
    },
    Rule {
        id: "deficit_before_function",
        trigger: "deficit in|deficits in|deficit of|deficits of|impairment in|impairments in|impairment of|difficulty with|difficulty|trouble|problems with|issues with|decline in|declined in|change in|changes in",
        forms: false,
        dir: Dir::Forward,
        scope: 4,
        target: Target::KindsOrWords(FUNCTIONS, &["control", "controlling", "coordinate", "coordinating"]),
        label: Label::Why,
        when: When::Any,
        cue_governs: true,
        example: "She has trouble controlling her legs and trunk.",
    },
    Rule {
        id: "changed_function",
        trigger: "decreased|decrease|reduced|poor|limited|impaired|diminished|declining|worsening|lack of|loss of|increased|increase in|decrease in|improved|improving|improvement in|improvements in|gains in|progress with|progress in|altered|abnormal|delayed|slowed|weak|unable to maintain|inability to maintain|greater|better|worse",
        forms: false,
        dir: Dir::Forward,
        scope: 3,
        target: Target::Kinds(FUNCTIONS),
        label: Label::Why,
        when: When::Any,
        cue_governs: true,
        example: "Client demonstrated decreased visual spatial skills during the task.",
    },
    Rule {
        id: "treatment_verb_function",
        trigger: "improve|improving|enhance|enhancing|promote|promoting|address|addressing|addressed|target|targeting|targeted|targets|reduce|reducing|decrease|decreasing|minimize|minimizing|maintain|restore|restoring|normalize|challenge|challenging|retrain|retraining|activate|activating|engage|recruit|inhibit|strengthen|strengthening|stabilize|increase|build|work on|worked on|working on|focus on|focused on|^focus of|^focus was|^the focus of|emphasis on",
        forms: false,
        dir: Dir::Forward,
        scope: 5,
        target: Target::Kinds(Kinds(FUNCTIONS.0 | Kinds::MUSCLE.0)),
        label: Label::Why,
        when: When::Any,
        cue_governs: true,
        example: "Incorporated reaching tasks to activate wrist and finger extensors.",
    },
    Rule {
        id: "reason_clause",
        trigger: "due to|secondary to|because of|because|d / t|2 / 2|caused by|related to|resulting from",
        forms: false,
        dir: Dir::Forward,
        scope: 5,
        target: Target::Kinds(Kinds(FUNCTIONS.0 | Kinds::SYMPTOM.0)),
        label: Label::Why,
        when: When::Any,
        cue_governs: false,
        example: "Required continuous cueing to maintain upright posture due to impaired trunk control.",
    },
    Rule {
        // "Reading for more than 10 minutes brings on a headache": a symptom an activity provokes
        // is a reason (corpus README: provoked dizziness is `why`).
        id: "provoked_symptom",
        trigger: "brings on|bring on|brought on|triggers|triggered|provokes|provoked|makes me|makes her|makes him|made me|made her|made him|gives me|gives her|gives him",
        forms: false,
        dir: Dir::Forward,
        scope: 4,
        target: Target::Kinds(Kinds(FUNCTIONS.0 | Kinds::SYMPTOM.0)),
        label: Label::Why,
        when: When::Any,
        cue_governs: false,
        example: "Reading for more than 10 minutes brings on a headache.",
    },
    Rule {
        id: "limiting_symptom",
        trigger: "dizziness|dizzy|vertigo|lightheadedness|lightheaded|light headedness|wooziness|woozy|disequilibrium|unsteadiness|unsteady|imbalance|wobbly|off balance|room spinning|spinning",
        forms: false,
        dir: Dir::Here,
        scope: 0,
        target: Target::Content,
        label: Label::Why,
        when: When::Any,
        cue_governs: false,
        example: "Patient complained of dizziness with head turns.",
    },
    Rule {
        id: "gait_named_by_its_deviations",
        trigger: "antalgic|shuffling|shuffled|ataxic|festinating|staggering|steppage|trendelenburg|hemiplegic|scissoring|crouched|circumducted|circumduction|unsteady|unsafe|asymmetric|asymmetrical|wide based|narrow based|slow|slowed",
        forms: false,
        dir: Dir::Forward,
        scope: 4,
        target: Target::KindsOrWords(Kinds(0), &["gait", "ambulation"]),
        label: Label::Why,
        when: When::Any,
        cue_governs: false,
        example: "Antalgic, slow gait with decreased stance on R.",
    },
    Rule {
        id: "plain_deficit",
        trigger: "clumsy|awkward|shaky|numb|tingly|keep sliding|keeps sliding|dragging|drags|tripping|trips over|trip over|stumbling|stumbles|stumble|veering|veers|gives way|giving way|give way|gave way|gives out|gave out|giving out|buckling|buckles|buckled|lose my balance|losing my balance|lost my balance|falls to|leaning|leans",
        forms: false,
        dir: Dir::Here,
        scope: 0,
        target: Target::Content,
        label: Label::Why,
        when: When::Any,
        cue_governs: false,
        example: "She says her right arm is just awkward to use.",
    },
    Rule {
        // "Fear of falling keeps her from the shower", "Anxiety limits his walking": fear named as a
        // present barrier is an emotional function (ICF b152), a reason (C-WHY-5); "without fear"
        // and a rated fear ("fear of falling 6/10", C-MEAS-1) are not.
        id: "fear_as_a_barrier",
        trigger: "fear of|fearful|fearfulness|afraid of|anxiety|anxious about",
        forms: false,
        dir: Dir::Here,
        scope: 0,
        target: Target::Content,
        label: Label::Why,
        when: When::Any,
        cue_governs: false,
        example: "Her fear of falling keeps her from using the shower.",
    },
    // measure
    Rule {
        // "improved from poor to good", "improvement on all outcome measures", "scored poorly on
        // the balance tests": a result stated in words is a measure (C-MEAS-3, K10).
        id: "result_in_words",
        trigger: "improved to|improved from|progressed to|declined to|improvement in|improvements in|improvement on|improvements on|improved on|gains on|scored|scores|performed poorly|performed well",
        forms: false,
        dir: Dir::Forward,
        scope: 6,
        target: Target::KindsOrWords(Kinds::MEASURE_NAME, &["test", "testing", "measure", "measures", "score", "poor", "fair", "good", "normal", "poorly", "below", "above"]),
        label: Label::Measure,
        when: When::NotGoalPlan,
        cue_governs: false,
        example: "Her standing balance improved from poor to fair this month.",
    },
    // outcome
    Rule {
        id: "ability_before_activity",
        trigger: "able to|unable to|inability to|can|can ' t|can ’ t|cannot|cant|could not|couldn ' t|difficulty|difficulties|trouble|independent with|independent in|independence with|independence in|independently|return to|returned to|returning to|back to|afraid to|limiting|limits|limited|limitation|limitations|restricted|prior level|enjoys|wants to|would like to|in order to|to allow|to enable|not able to|no longer|stopped|decreasing|decreased|reduced|affecting|affects|impacting|impacts|interfering with|interferes with|afraid to|fear of",
        forms: false,
        dir: Dir::Forward,
        scope: 5,
        target: Target::Kinds(FUNCTIONAL),
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "She is unable to work in her garden.",
    },
    Rule {
        // "balance and transfer deficits", "walking ability improved", "ADL limitations": an
        // activity (ICF d4-d6) named with an ability or deficit noun is the function the care
        // serves (C-OUT-1); a gait named by its deficits is an impairment (blocks).
        id: "activity_named_as_ability_or_deficit",
        trigger: "ability|abilities|independence|deficit|deficits|limitation|limitations|impairment|impairments|difficulties|dysfunction",
        forms: false,
        dir: Dir::Backward,
        scope: 2,
        target: Target::Kinds(FUNCTIONAL),
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "He shows balance and transfer deficits.",
    },
    Rule {
        id: "limitation_of_any_activity",
        trigger: "difficulty|difficulties|trouble|unable to|inability to|can ' t|can ’ t|cannot|could not|not able to|struggles to|struggles with|struggling with|struggled with|needs to be able to|wants to be able to|would like to be able to|hopes to be able to",
        forms: false,
        dir: Dir::Forward,
        scope: 3,
        target: Target::Activityish,
        label: Label::Outcome,
        when: When::NotGoalPlan,
        cue_governs: false,
        example: "He is having difficulty getting in and out of the car.",
    },
    Rule {
        id: "return_to_any_activity",
        trigger: "return to|returned to|returning to|get back to|getting back to|go back to|going back to|back to|resume|resumed|resuming",
        forms: false,
        dir: Dir::Forward,
        scope: 2,
        target: Target::Activityish,
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "Pt wants to get back to golfing.",
    },
    Rule {
        // A purpose clause whose subject is the patient names the activity the care is for:
        // "Step-ups so that she can manage the bus step".
        id: "so_that_the_patient_can",
        trigger: "so that she can|so that he can|so that they can|so that pt can|so that the patient can|so she can|so he can|so pt can|so that she is able to|so that he is able to|so that pt is able to|so that she will be able to|so that he will be able to|in order for her to|in order for him to|in order for pt to|in order for the patient to",
        forms: false,
        dir: Dir::Forward,
        scope: 2,
        target: Target::Activityish,
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "Step-ups so that she can manage the bus step.",
    },
    Rule {
        // "Can bridge now sufficiently to pull slacks up", "stable enough to shower": a function
        // sufficient for an activity names the activity as the outcome.
        id: "sufficient_for_an_activity",
        trigger: "enough to|sufficiently to|sufficient to|adequately to|adequate to",
        forms: false,
        dir: Dir::Forward,
        scope: 2,
        target: Target::Activityish,
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "Can bridge now sufficiently to pull slacks up over hips.",
    },
    Rule {
        // "difficulty understanding the puzzle", "trouble attending to the L side": the gerund of
        // a mental or movement function (ICF b1, b7) after a difficulty word is an impairment.
        id: "difficulty_with_a_function",
        trigger: "difficulty|difficulties|trouble",
        forms: false,
        dir: Dir::Forward,
        scope: 2,
        target: Target::KindsOrWords(Kinds(0), &["understanding", "attending", "remembering", "recalling", "following", "sequencing", "planning", "initiating", "organizing", "concentrating", "focusing", "processing", "comprehending", "retaining", "coordinating", "controlling", "problem", "word", "judging"]),
        label: Label::Why,
        when: When::Any,
        cue_governs: false,
        example: "J had difficulty understanding the puzzle and needed a lot of help.",
    },
    Rule {
        // "Mimic functional everyday tasks", "simulates a functional driving scenario": an
        // exercise's rationale naming the functional task it rehearses is an outcome (C-OUT-10);
        // "to mimic real-life activity" names none.
        id: "rehearsed_function",
        trigger: "mimic|mimics|mimicking|simulate|simulates|simulating|replicate|replicates|replicating",
        forms: false,
        dir: Dir::Forward,
        scope: 3,
        target: Target::KindsOrWords(FUNCTIONAL, &["functional"]),
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "Mimic a functional shopping task while turning the head.",
    },
    Rule {
        // "was functional in the home", "has been functional", "reported being active and
        // independent": the patient's overall ability stated as a status is a reported ability
        // (C-OUT-1), in a history or report as in a status line.
        id: "functional_status",
        trigger: "was functional|is functional|been functional|being functional|remains functional|remained functional|functionally independent|was active|is active|been active|being active|physically active|fully active",
        forms: false,
        dir: Dir::Here,
        scope: 0,
        target: Target::Content,
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "Before the stroke he was functional in the community.",
    },
    Rule {
        id: "reported_falls",
        trigger: "fall|falls|falling|fallen|fell|near fall|near falls",
        forms: false,
        dir: Dir::Here,
        scope: 0,
        target: Target::Content,
        label: Label::Outcome,
        when: When::Any,
        cue_governs: false,
        example: "Patient has a history of falling.",
    },
    // how
    Rule {
        id: "need_for_the_therapist",
        trigger: "require|requires|required|requiring|req|req'd|reqd|reqs|need|needs|needed|needing|dependent on|relies on|relied on",
        forms: false,
        dir: Dir::Forward,
        scope: 6,
        target: Target::KindsOrWords(SKILLS, &["help", "support", "assistance", "assist", "guarding", "cues", "cueing", "cuing", "facilitation", "spotting", "input", "hands on"]),
        label: Label::How,
        when: When::Delivered,
        cue_governs: false,
        example: "Balance tasks requiring therapist support to prevent loss of balance.",
    },
    Rule {
        id: "change_in_response",
        trigger: "adjust|adjusted|adjusting|modify|modified|modifying|grade|graded|grading|change|changed|changing|vary|varied|varying|alter|altered|altering|dim|dimmed|narrow|narrowed|widen|widened|raise|raised|lower|lowered|switch|switched|fade|faded|advance|advanced|upgrade|upgraded|downgrade|downgraded|reduce|reduced|reducing|increase|increased|increasing|decrease|decreased|decreasing|progress|progressed|progressing|added|removed|stopped|paused",
        forms: false,
        dir: Dir::Forward,
        scope: 10,
        target: Target::Criterion,
        label: Label::How,
        when: When::Delivered,
        cue_governs: false,
        example: "Surface changed to foam after 5 clean trials.",
    },
    Rule {
        id: "task_parameter_graded",
        trigger: "increased|decreased|reduced|added|removed|progressed|advanced|graded|upgraded|downgraded|narrowed|widened|raised|lowered|faded|challenged|varied|changed|adjusted|modified|introduced|^placed|^set|^moved|^spaced|^positioned|^elevated|increasing|decreasing|adding|grading|progressing|varying|narrowing|widening|reducing|lowering|raising|removing|fading|reduce|minimize|minimized|minimizing|eliminated",
        forms: false,
        dir: Dir::Forward,
        scope: 4,
        target: Target::KindsOrWords(Kinds(0), TASK_PARAMETERS),
        label: Label::How,
        when: When::Delivered,
        cue_governs: false,
        example: "Increased resistance to the red band after the first set.",
    },
    Rule {
        // "Adjust the resistance to keep the target heart rate", "Increase step height as
        // tolerated": an imperative opening the line grades a task parameter, in a plan or a
        // protocol as in a session (C-HOW-1, C-HOW-6, C-HOW-7). Not the words that open a line as
        // adjectives or nouns ("Lower extremity ...", "Narrow base of support", "Progress note").
        id: "task_parameter_to_grade",
        trigger: "^adjust|^increase|^decrease|^reduce|^add|^advance|^grade|^upgrade|^downgrade|^modify|^vary|^change|^raise|^fade|^remove",
        forms: false,
        dir: Dir::Forward,
        scope: 6,
        target: Target::KindsOrWords(Kinds(0), GRADED_PARAMETERS),
        label: Label::How,
        when: When::Any,
        cue_governs: false,
        example: "Adjust the resistance or work level to keep the target heart rate.",
    },
    Rule {
        // "anchor moved 5 cm further L after trial 2 to grade the demand": grading is skill
        // whatever is graded.
        id: "grading_as_purpose",
        trigger: "to grade|to upgrade|to downgrade",
        forms: false,
        dir: Dir::Here,
        scope: 0,
        target: Target::Content,
        label: Label::How,
        when: When::Delivered,
        cue_governs: false,
        example: "The anchor was moved further left after trial 2 to grade the demand.",
    },
    Rule {
        id: "task_parameter_was_graded",
        trigger: "increased|decreased|reduced|added|removed|progressed|advanced|graded|upgraded|downgraded|narrowed|widened|raised|lowered|faded|varied|changed|adjusted|modified",
        forms: false,
        dir: Dir::Backward,
        scope: 3,
        target: Target::KindsOrWords(Kinds(0), TASK_PARAMETERS),
        label: Label::How,
        when: When::Delivered,
        cue_governs: false,
        example: "Task complexity increased by adding head turns.",
    },
    Rule {
        id: "first_person_decision",
        trigger: "i|we|this clinician|this therapist",
        forms: false,
        dir: Dir::Forward,
        scope: 1,
        target: Target::PastVerb,
        label: Label::How,
        when: When::NotReport,
        cue_governs: false,
        example: "I dimmed the lights in two steps.",
    },
    Rule {
        // A plan that brings in another service or person to the care ("Will ask PT to assess
        // for joint mobilization", "Will refer to neuro-optometry") is a decision about the plan
        // of care (C-HOW-7).
        id: "plan_adds_a_service",
        trigger: "will ask|will refer|will request|will consult|will contact|will recommend|plan to refer|plan to consult|to be referred",
        forms: false,
        dir: Dir::Forward,
        scope: 6,
        target: Target::Content,
        label: Label::How,
        when: When::Any,
        cue_governs: false,
        example: "Will ask the OT to assess her need for a tub bench.",
    },
    Rule {
        id: "instruction_in_technique",
        trigger: "instructed|instruct|instructing|instruction|educated|educate|educating|education|taught|trained in|training in",
        forms: false,
        dir: Dir::Forward,
        scope: 12,
        target: Target::KindsOrWords(SKILLS, &["technique", "techniques", "strategy", "strategies", "sequence", "sequencing", "mechanics", "pattern", "positioning", "scoot", "placement"]),
        label: Label::How,
        when: When::NotGoalPlan,
        cue_governs: false,
        example: "Pt educated on breathing techniques.",
    },
    // what
    Rule {
        id: "delivery_verb_activity",
        trigger: "seen for|seen today for|seen this date for|seen in clinic for|seen * for|seen * * for|treated with|rx with|tx with|consisted of|focus of|focus was|performed|completed|conducted|incorporated|included|includes|addressed|implemented|initiated|engaged in|participated in|worked on|practiced|practised|focused on|focus on|emphasis on|trialed|introduced|administered|provided|instructed in|trained in|guided * through|guided * * through|guided|led * through|led * * through|took * through|took * * through|facilitated|facilitation of|worked with|session on",
        forms: false,
        dir: Dir::Forward,
        scope: 6,
        target: Target::Kinds(Kinds(ACTIVITIES.0 | Kinds::MOBILITY.0)),
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "Incorporated step tap training to improve motor planning.",
    },
    Rule {
        // "The child was placed in supported sitting", "We then moved to the stairs": the
        // therapist set the patient in a position or led them to the next task.
        id: "placed_or_moved_to_a_task",
        trigger: "placed in|placed on|positioned in|positioned on|moved to|moved on to|transitioned to",
        forms: false,
        dir: Dir::Forward,
        scope: 3,
        target: Target::Kinds(Kinds(ACTIVITIES.0 | FUNCTIONAL.0)),
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "We then moved to the stairs.",
    },
    Rule {
        id: "patient_did_a_task",
        trigger: "^pt|^patient|^client|^child|^resident|^she|^he|^they|^the patient|^the child|^the client|^pt then|^patient then|^pt also|^patient also|^she then|^he then|^student|^the student|^the resident|^kiddo|^@name|^@name then|^@name also",
        forms: false,
        dir: Dir::Forward,
        scope: 1,
        target: Target::ActionPast,
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "Client sorted coins by size using the R hand.",
    },
    Rule {
        // A note's lines often drop the patient as subject: a verb of bodily doing opening the
        // line reports the task done ("Climbed rock wall with CGA").
        id: "task_done_without_subject",
        trigger: "^climbed|^threw|^caught|^kicked|^rode|^swam|^hopped|^jumped|^crawled|^marched|^skipped|^galloped|^tossed|^stacked|^sorted|^traced|^copied|^propelled|^navigated|^negotiated|^ascended|^descended|^squatted|^lunged|^knelt|^carried|^rolled",
        forms: false,
        dir: Dir::Forward,
        scope: 3,
        target: Target::Content,
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "Climbed rock wall with CGA, cues for reciprocal hand placement.",
    },
    Rule {
        id: "therapist_had_the_patient_do",
        trigger: "had pt|had the pt|had patient|had the patient|had client|had the client|had him|had her|had them|asked him to|asked her to|asked them to|instructed him to|instructed her to|instructed them to|asked pt to|asked patient to|asked the patient to|was asked to|were asked to|instructed pt to|instructed patient to|instructed the patient to|was instructed to|directed pt to|directed the patient to|challenged pt to|challenged the patient to",
        forms: false,
        dir: Dir::Forward,
        scope: 1,
        target: Target::Content,
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "The therapist had the patient stand on a foam pad with eyes closed.",
    },
    Rule {
        id: "delivery_verb_any_object",
        trigger: "^performed|^completed|^conducted|^incorporated|^initiated|^practiced|^practised|^trained|^participated in|^engaged in|^worked on|^trialed|^trialled|^fitted|pt performed|pt completed|pt practiced|pt participated in|patient performed|patient completed|patient practiced|patient participated in|client performed|client completed|client participated in|student performed|student completed|student practiced|student participated in|^@name performed|^@name completed|^@name practiced|^@name participated in",
        forms: false,
        dir: Dir::Forward,
        scope: 3,
        target: Target::Content,
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "Pt performed pegboard transfers with the R hand.",
    },
    Rule {
        id: "practice_of_a_task",
        trigger: "completed|performed|practiced|practised|participated in|worked on|trained in|simulated|^addressed|^targeted",
        forms: false,
        dir: Dir::Forward,
        scope: 4,
        target: Target::Kinds(Kinds(Kinds::OUTCOME.0 | Kinds::FUNCTION.0)),
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "Completed grooming with cues.",
    },
    Rule {
        id: "strategy_used",
        trigger: "used|utilized|employed|applied|implemented",
        forms: false,
        dir: Dir::Forward,
        scope: 9,
        target: Target::KindsOrWords(ACTIVITIES, &["strategies", "strategy", "techniques", "technique", "approach", "approaches"]),
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "Therapist used rhythmic cueing and amplitude based movement strategies.",
    },
    Rule {
        id: "practice_of_a_function",
        trigger: "worked on|work on|working on|practiced|practised|trained|retrained|focused on|focus on|^focus of|^focus was|^the focus of|emphasis on",
        forms: false,
        dir: Dir::Forward,
        scope: 6,
        target: Target::Kinds(Kinds::FUNCTION),
        label: Label::What,
        when: When::Delivered,
        cue_governs: false,
        example: "Worked on sequencing.",
    },
];

/// What a therapist sets in a task and grades (the guide: "grading and progressing the task"):
/// not what the patient achieves ("step length", "balance").
const GRADED_PARAMETERS: &[&str] = &[
    "complexity", "challenge", "demand", "demands", "resistance", "load", "incline", "surface", "surfaces", "reps", "repetitions", "sets", "cues", "cueing", "cuing", "assistance", "perturbation", "perturbations", "distraction", "distractions", "lights", "lighting", "pace", "tempo", "targets", "obstacles", "band", "theraband", "tubing", "support", "bos",
    // The set-up the therapist arranges: "Placed cones further apart", "Lowered the table height".
    "cones", "cone", "table", "mat", "hurdle", "hurdles", "box", "treadmill", "spacing", "target",
    // The dose of the task, which only an imperative grades ("Increase speed", "Adjust the
    // intensity"): after "increased" these words often report the patient's own change ("gait
    // speed increased"), so [`TASK_PARAMETERS`] leaves them out.
    "speed", "intensity", "duration", "level", "height", "weight", "weights", "rpm", "dose", "difficulty",
];
/// The task parameters a therapist grades ("Increased resistance"): [`GRADED_PARAMETERS`]
/// without the dose words.
pub(crate) const TASK_PARAMETERS: &[&str] = GRADED_PARAMETERS.split_at(GRADED_PARAMETERS.len() - 10).0;


/// Mental strategies a therapist has the patient use ("had him rehearse verbally"): part of the
/// skill, not a task of their own.
const STRATEGY_VERBS: &[&str] = &[
    "rehearse", "verbalize", "visualize", "attend", "focus", "count", "think", "say", "look", "watch", "listen",
    "describe", "recall", "imagine", "self", "repeat",
];

/// Function words that are never a content target.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "his", "her", "their",
    "its", "my", "our", "your", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "no", "not", "any", "some", "all", "pt", "patient", "client", "which", "who", "also", "still",
    "other", "such", "as", "very", "more", "most", "several", "multiple", "many", "medical", "new", "following",
    "severe", "moderate", "mild", "significant", "minimal", "min", "mod", "max", "slight", "marked", "noted",
    "well", "today", "both", "each", "again", "independently", "without", "w", "eval", "evaluation",
];
/// Head nouns of body functions (ICF b-chapter titles end in them): a phrase headed by one is a
/// function.
const FUNCTION_HEADS: &[&str] = &[
    "control", "stability", "awareness", "coordination", "activation", "planning", "reaction", "response",
    "adjustment", "strategy", "alignment", "acceptance", "integration", "sequencing", "proprioception", "perception",
    "recruitment", "timing", "symmetry", "orientation", "processing", "reflex", "sensation", "tone",
    "endurance", "strength", "posture", "balance", "kinesthesia", "dexterity", "praxis",
    // Movement of joints and gait pattern functions (ICF b710, b770): "to improve scapular
    // upward rotation", "for better foot clearance".
    "rotation", "flexion", "extension", "abduction", "adduction", "dorsiflexion", "plantarflexion", "excursion",
    "clearance", "velocity", "cadence", "initiation", "inhibition", "stabilization", "attention", "tolerance",
    // Nominalised aims at a function (ICF b730 muscle power, b270 sensory functions related to
    // temperature and other stimuli): "for LE strengthening", "for desensitization".
    "strengthening", "desensitization",
];
/// True when `word` (lower case) is a body-function head noun or its inflection ("control",
/// "reactions").
pub fn is_function_head(word: &str) -> bool {
    FUNCTION_HEADS.iter().any(|h| crate::lexicon::inflection_of(word, h))
}

/// Irregular past tenses a therapist writes of their own actions.
const IRREGULAR_PAST: &[&str] = &[
    "gave", "held", "kept", "put", "set", "took", "made", "led", "began", "chose", "taught", "brought", "had", "let",
    "cut", "ran", "stood", "told",
];
/// Past tenses in which a clinician perceives, feels, thinks, talks or meets rather than decides
/// anything about the care (Levin's verb classes of perception 30, psychological state 31,
/// communication 37 and meeting 36.3): "I cared about his progress", "I visited him weekly".
const NOT_DECISIONS: &[&str] = &[
    "saw", "noticed", "observed", "watched", "heard", "felt", "cared", "thought", "knew", "believed", "hoped",
    "wanted", "wished", "wondered", "doubted", "remembered", "realized", "realised", "expected", "enjoyed", "liked",
    "loved", "appreciated", "worried", "told", "said", "talked", "spoke", "discussed", "met", "visited", "worked",
    "did", "led", "found",
];
/// Irregular past tenses of doing a task ("threw and caught a ball", "went up 4 stairs").
const ACTION_PAST: &[&str] = &[
    "threw", "caught", "went", "rode", "stood", "sat", "ran", "swam", "held", "kept", "put", "took", "lifted", "hit",
    "kicked", "knelt", "climbed", "built", "drew", "wrote", "cut", "swung", "spun", "stepped", "did",
];
/// Past tenses that report, feel, show, need or state rather than do a task.
const NOT_ACTIONS: &[&str] = &[
    "reported", "stated", "denied", "complained", "noted", "expressed", "verbalized", "voiced", "indicated",
    "demonstrated", "showed", "displayed", "exhibited", "presented", "tolerated", "required", "needed", "requested",
    "improved", "progressed", "achieved", "scored", "returned", "resumed", "started", "stopped", "continued",
    "remained", "appeared", "seemed", "looked", "felt", "experienced", "developed", "sustained", "suffered",
    "underwent", "fell", "failed", "refused", "declined", "missed", "cancelled", "canceled", "understood",
    "learned", "recalled", "forgot", "acknowledged", "admitted", "lived", "resided", "wanted", "liked",
    "enjoyed", "planned", "hoped", "attended", "arrived", "agreed", "consented", "responded", "benefited",
    "benefitted", "reached", "maintained", "used", "was", "were", "had", "did", "struggled", "worried",
    "described", "explained", "mentioned", "asked", "answered", "decided", "tried", "attempted", "visited",
    "discharged", "admitted", "transferred", "referred", "diagnosed", "treated", "seen", "evaluated", "assessed",
    "tested", "cleared", "increased", "decreased", "reduced", "worsened", "changed", "varied", "lacked",
    "limited", "restricted", "prevented", "caused", "related", "based", "compared", "followed", "included",
    "fatigued", "tired", "rested", "paused", "slept", "coughed", "retired", "worked", "needed", "preferred",
    // Participles used as adjectives of mood or state ("Pt motivated and cooperative").
    "motivated", "unmotivated", "engaged", "distracted", "frustrated", "confused", "oriented", "disoriented",
    "pleased", "interested", "excited", "agitated", "anxious", "relaxed", "focused", "determined", "guarded",
    "medicated", "premedicated", "dressed", "positioned", "seated", "received", "greeted", "found",
    // Verbs of perceiving and thinking: the subject noticed, it did no task ("She noticed a tremor").
    "noticed", "observed", "realized", "realised", "remembered", "wondered", "believed", "considered", "expected",
    "thought", "knew", "saw", "heard",
    // Verbs of succeeding or withholding: the task, if any, follows ("managed to get up").
    "managed", "succeeded", "withheld", "deferred", "postponed", "rescheduled",
];
/// Verbs after a limitation that name a body function, not an activity ("unable to maintain").
const NOT_ACTIVITY_VERBS: &[&str] = &[
    "maintain", "maintaining", "control", "controlling", "coordinate", "coordinating", "sustain", "sustaining",
    "keep", "keeping", "feel", "feeling", "sense", "focus", "focusing", "concentrate", "concentrating", "remember",
    "remembering", "recall", "follow", "following", "move", "moving", "bear", "bearing", "shift", "shifting",
    "activate", "activating", "isolate", "isolating", "relax", "relaxing", "breathe", "breathing", "see", "hear",
    "be", "do", "get", "make", "progress", "complete", "perform", "tolerate", "self", "correct", "correcting",
    "understand", "understanding", "comprehend", "comprehending", "attend", "attending", "process", "processing",
    "plan", "planning", "sequence", "sequencing", "initiate", "initiating", "recognize", "recognizing", "identify",
    "identifying", "weight", "visual", "problem", "use", "using", "grade", "grading", "judge", "judging", "find",
    "finding", "word", "words", "swallow", "swallowing", "speak", "speaking",
];
/// Auxiliaries: a past participle after one is passive or a state, not the patient's doing.
const AUXILIARIES: &[&str] = &["was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "got", "gets", "get"];
/// Words right before a trigger that cancel it.
const NEGATIONS: &[&str] = &["no", "not", "without", "denies", "denied", "w/o", "negative", "free", "resolved", "nor", "never"];
/// Count words before an event ("2 falls", "multiple falls").
const COUNTS: &[&str] = &["one", "two", "three", "four", "five", "six", "single", "no", "zero"];
/// Quantities without a number: "multiple falls" is reported, not counted (corpus README:
/// falls without a number are `outcome`), while "multiple episodes of dizziness" still grades
/// the symptom.
pub(crate) const VAGUE_COUNTS: &[&str] = &["several", "multiple", "many", "recurrent", "frequent", "repeated", "few"];
/// Words that make a symptom word part of a diagnosis ("benign paroxysmal positional vertigo").
const DIAGNOSTIC: &[&str] = &["positional", "paroxysmal", "cervicogenic", "peripheral", "central", "orthostatic", "perceptual"];
/// Severity words: a symptom with one is graded, a measure ("Dizziness mild", "mild vertigo").
const SEVERITY: &[&str] = &["mild", "moderate", "severe", "minimal", "slight", "significant", "intense", "extreme"];
/// People other than the therapist: help from them is not the therapist's skill.
const OTHERS: &[&str] = &[
    "brother", "sister", "wife", "husband", "spouse", "daughter", "son", "family", "caregiver", "caregivers", "mother",
    "father", "mom", "dad", "friend", "aide", "nurse", "nursing", "staff", "parent", "parents", "partner",
];
/// Criterion words: a change made because of what the therapist saw.
const CRITERIA: &[&str] = &[
    "once", "after", "when", "until", "based", "response", "according", "depending", "as", "if", "because", "due",
    "secondary",
];

/// The sentence facts a rule's `when` reads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Roles {
    /// A goal line.
    pub goal: bool,
    /// A plan for a later visit.
    pub plan: bool,
    /// Reported speech.
    pub report: bool,
    /// The sentence names a delivered activity (the labeller's own `what`).
    pub what: bool,
}

/// One compiled trigger phrase.
struct Phrase {
    rule: usize,
    /// Only as the sentence's first word (after a list marker): "Addressed executive function."
    at_start: bool,
    /// Words after the first (lower case; "*" any word).
    rest: Vec<String>,
}

/// First word (and its inflections) -> phrases starting with it.
fn index() -> &'static HashMap<Vec<u8>, Vec<Phrase>> {
    static INDEX: OnceLock<HashMap<Vec<u8>, Vec<Phrase>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: HashMap<Vec<u8>, Vec<Phrase>> = HashMap::default();
        for (ri, r) in RULES.iter().enumerate() {
            for alt in r.trigger.split('|') {
                let (at_start, alt) = match alt.strip_prefix('^') {
                    Some(a) => (true, a),
                    None => (false, alt),
                };
                let mut words = alt.split_whitespace().map(str::to_ascii_lowercase);
                let Some(first) = words.next() else { continue };
                let rest: Vec<String> = words.collect();
                let forms = if r.forms { crate::morphology::inflections(&first) } else { vec![first] };
                for f in forms {
                    m.entry(f.into_bytes()).or_default().push(Phrase { rule: ri, rest: rest.clone(), at_start });
                }
            }
        }
        m
    })
}

/// The first words of [`index`] as a filter: most tokens are no trigger's first word.
fn first_words() -> &'static crate::tokens::FirstWords {
    static FIRST: OnceLock<crate::tokens::FirstWords> = OnceLock::new();
    FIRST.get_or_init(|| crate::tokens::FirstWords::new(index().keys().map(Vec::as_slice)))
}

/// Words that order a narrative's steps ("Next, ...", "After that, ...", "Finally ..."): the line
/// starts after them.
pub(crate) const SEQUENCE_OPENERS: &[&str] = &["next", "then", "after", "that", "this", "finally", "first", "second", "lastly", "last", "subsequently", "afterwards", "afterward", "later", "initially"];

/// Regular past tenses of doing a task, after which a capitalised word is taken as a name.
const NAME_VERBS: &[&str] = &[
    "practiced", "practised", "completed", "performed", "participated", "worked", "hopped", "jumped", "walked",
    "climbed", "stacked", "sorted", "copied", "traced", "ambulated", "transferred", "reached", "carried", "navigated",
    "imitated", "rolled", "crawled", "balanced", "marched", "skipped", "tossed", "played", "engaged", "propelled",
];

/// Capitalised words that open sentences without naming the patient.
const NOT_NAMES: &[&str] = &[
    "the", "this", "that", "these", "those", "it", "there", "today", "we", "i", "our", "my", "his", "her", "their",
    "session", "treatment", "tx", "therapist", "clinician", "writer", "mom", "dad", "mother", "father", "parent",
    "parents", "caregiver", "family", "nurse", "staff", "aide", "teacher", "spouse", "wife", "husband", "daughter",
    "son", "all", "both", "each", "after", "before", "during", "then", "also", "next", "when", "while", "if", "once",
    "per", "plan", "goal", "goals", "hep", "no", "not", "pain", "balance", "gait", "cues", "vc", "tc",
];

/// True when token `k` looks like a person's name or initial ("Tommy", "J", "M.R." as "M"):
/// capitalised, not in the lexicon, not a common sentence opener, not a verb or adverb form.
fn name_at(note: &str, toks: &[Token], hits: &[(usize, usize, Hit)], k: usize) -> bool {
    let Some(t) = toks.get(k).filter(|t| t.tok == Tok::Word) else { return false };
    let w = t.text(note);
    let b = w.as_bytes();
    let title = b[0].is_ascii_uppercase() && b[1..].iter().all(|c| c.is_ascii_lowercase());
    if !title || b.len() > 12 {
        return false;
    }
    // A capitalised noun opens many lines ("Total timed minutes", "Head speed was set"): a
    // name is taken only before a verb of doing a task, or as an initial.
    let initial = b.len() == 1 && !matches!(b[0], b'I' | b'A' | b'O' | b'S' | b'P' | b'X' | b'R' | b'L' | b'B');
    let doing = || toks.get(k + 1).is_some_and(|n| IN_ACTION_PAST.has(note, n) || IN_NAME_VERBS.has(note, n));
    let ends = |e: &[u8]| b.len() > e.len() && b[b.len() - e.len()..].eq_ignore_ascii_case(e);
    (initial || doing())
        && !IN_NOT_NAMES.has(note, t)
        && !(ends(b"ed") || ends(b"ing") || ends(b"ly") || ends(b"s"))
        && !hits.iter().any(|(a, e, _)| *a <= k && k < *e)
}

/// Runs every rule over one sentence. `hits` are (first token, end token, hit); `rated[k]` is
/// true when token `k` is inside a measured number. Returns (label, first token, end token).
pub fn walk(note: &str, toks: &[Token], hits: &[(usize, usize, Hit)], rated: &[bool], roles: Roles) -> Vec<(Label, usize, usize)> {
    let (idx, first) = (index(), first_words());
    let mut out = Vec::new();
    let n = toks.len();
    // Most sentences hold no trigger: find out with one lower-cased lookup per word, on a stack
    // buffer, before building anything.
    let any_trigger = toks.iter().any(|t| {
        let w = t.text(note).as_bytes();
        if !matches!(t.tok, Tok::Word | Tok::Num(_)) || w.len() > 24 || !first.may_hold(w) {
            return false;
        }
        let mut b = [0u8; 24];
        for (d, s) in b.iter_mut().zip(w) {
            *d = s.to_ascii_lowercase();
        }
        idx.contains_key(&b[..w.len()])
    }) || name_at(note, toks, hits, 0);
    if !any_trigger {
        return out;
    }
    // The hit covering each token, once.
    // (On the stack for a sentence of up to 64 tokens, as is nearly every one.)
    let (mut hit_stack, mut hit_heap) = ([None; 64], Vec::new());
    let hit_at: &mut [Option<usize>] = if n <= 64 {
        &mut hit_stack[..n]
    } else {
        hit_heap.resize(n, None);
        &mut hit_heap
    };
    for (hi, (a, b, _)) in hits.iter().enumerate() {
        for slot in hit_at.iter_mut().take((*b).min(n)).skip(*a) {
            *slot = Some(hi);
        }
    }
    // Every token lower-cased once: the sentence's text lower-cased in one copy, sliced.
    let base = toks.first().map_or(0, |t| t.start);
    let buf = note[base..toks.last().map_or(base, |t| t.end)].to_ascii_lowercase();
    let lower: Vec<&str> = toks.iter().map(|t| &buf[t.start - base..t.end - base]).collect();
    let is_word = |k: usize| toks[k].tok == Tok::Word;
    let stop = |k: usize| {
        toks[k].is('.') || toks[k].is(';') || toks[k].is(':') || toks[k].is('?') || toks[k].is('!') || lower[k] == "but"
    };
    let criterion_after = |from: usize, scope: usize| -> Option<usize> {
        (from..n.min(from + scope)).take_while(|&k| !stop(k)).find(|&k| IN_CRITERIA.has_str(lower[k]))
    };
    // "safe gait initiation": a qualified function is a functional outcome, not a reason.
    let functional = |k: usize| k > 0 && matches!(lower[k - 1], "safe" | "safely" | "independent" | "functional");
    let target_ok = |t: &Target, k: usize| -> Option<usize> {
        // Returns the end token of the target starting at k.
        match *t {
            Target::Kinds(kinds) | Target::KindsOrWords(kinds, _) => {
                if let Some(hi) = hit_at[k] {
                    let (a, b, h) = hits[hi];
                    let generic = matches!(lower[k], "symptoms" | "symptom" | "sx");
                    let qualified = kinds.any(Kinds::FUNCTION) && !kinds.any(Kinds::OUTCOME) && functional(k);
                    if a == k && h.kinds.any(kinds) && !generic && !qualified && !(b..(b + 3).min(n)).any(|j| rated[j]) {
                        return Some(b);
                    }
                }
                // A noun phrase headed by a body-function noun names a function even when the
                // phrase is not listed ("anticipatory postural adjustments", "center of mass control").
                if kinds.any(Kinds::FUNCTION) && hit_at[k].is_none() && is_word(k) && FUNCTION_HEADS.iter().any(|h| crate::lexicon::inflection_of(&lower[k], h)) && !rated.get(k + 1).copied().unwrap_or(false) {
                    return Some(k + 1);
                }
                if let Target::KindsOrWords(_, words) = *t {
                    // "stand by assistance", "supervision": a level without hands-on help is a
                    // measure only (C-HOW-2), so its words are no target.
                    let level_only = hit_at[k].is_some_and(|hi| hits[hi].2.kinds.any(Kinds::ASSIST_LEVEL) && !hits[hi].2.kinds.any(Kinds::ASSIST_HOW));
                    if is_word(k) && !level_only && words.iter().any(|w| crate::lexicon::inflection_of(lower[k], w)) {
                        return Some(k + 1);
                    }
                }
                None
            }
            // A test's name is no content of care ("Pt completed the Trail Making Test B").
            Target::Content => (is_word(k)
                && !IN_FUNCTION_WORDS.has_str(lower[k])
                && !rated[k]
                && !IN_STRATEGY_VERBS.has_str(lower[k])
                && !hit_at[k].is_some_and(|hi| hits[hi].2.kinds.any(Kinds::MEASURE_NAME) && !hits[hi].2.kinds.any(ACTIVITIES)))
            .then_some(k + 1),
            Target::PastVerb => (is_word(k)
                && ((lower[k].len() > 4 && lower[k].ends_with("ed")) || IN_IRREGULAR_PAST.has_str(lower[k]))
                && !IN_AUXILIARIES.has_str(lower[k])
                && !IN_NOT_DECISIONS.has_str(lower[k]))
            .then_some(k + 1),
            // Not after an auxiliary ("was encouraged", "is retired", "has diminished"): passive
            // voice and states. Not in a result line ("located 6/10 targets").
            Target::ActionPast => (is_word(k)
                && ((lower[k].len() > 4 && lower[k].ends_with("ed")) || IN_ACTION_PAST.has_str(lower[k]))
                && !IN_NOT_ACTIONS.has_str(lower[k])
                && !(k > 0 && IN_AUXILIARIES.has_str(lower[k - 1]))
                && !rated.iter().any(|r| *r)
                // "Pt completed the 6MWT": taking a test is no task of care.
                && !(k + 1..(k + 3).min(n)).any(|j| hit_at[j].is_some_and(|hi| hits[hi].0 == j && hits[hi].2.kinds.any(Kinds::MEASURE_NAME) && !hits[hi].2.kinds.any(ACTIVITIES))))
            .then_some(k + 1),
            Target::Activityish => {
                let function = hit_at[k].is_some_and(|hi| hits[hi].2.kinds.any(Kinds(FUNCTIONS.0 | Kinds::SYMPTOM.0 | Kinds::MUSCLE.0)));
                // The first content word after the trigger: "difficulty with visual closure" stops
                // at "visual".
                let end_of_trigger = |w: &str| {
                    matches!(w, "difficulty" | "difficulties" | "trouble" | "cannot" | "t" | "resume" | "resumed" | "resuming" | "to" | "with" | "not" | "can")
                };
                let mut j = k;
                while j > 0 && IN_FUNCTION_WORDS.has_str(lower[j - 1]) && !end_of_trigger(lower[j - 1]) {
                    j -= 1;
                }
                let first = j > 0 && end_of_trigger(lower[j - 1]);
                (first && is_word(k) && !IN_FUNCTION_WORDS.has_str(lower[k]) && !rated[k] && !function && !IN_NOT_ACTIVITY_VERBS.has_str(lower[k]))
                    .then_some(k + 1)
            }
            Target::Criterion => None,
        }
    };
    // True when a cue or assist governs the clause before token `t`, with no activity between.
    let cue_before = |t: usize| {
        let mut k = t;
        while k > t.saturating_sub(16) {
            k -= 1;
            if toks[k].is(',') || toks[k].is(';') || toks[k].is(':') || toks[k].is('.') {
                return false;
            }
            if let Some(hi) = hit_at[k] {
                let h = hits[hi].2;
                if h.kinds.any(ACTIVITIES) {
                    return false;
                }
                if h.kinds.any(SKILLS) {
                    return true;
                }
            }
        }
        false
    };
    let mut guarded: Vec<(Label, usize, usize)> = Vec::new();
    let first_word = (0..n).find(|&k| is_word(k));
    for i in 0..n {
        if !is_word(i) && toks[i].num().is_none() {
            continue;
        }
        // A person's name opening the sentence stands for "@name" ("Tommy hopped ...").
        let key = if Some(i) == first_word && !idx.contains_key(lower[i].as_bytes()) && name_at(note, toks, hits, i) { "@name" } else { lower[i] };
        let Some(phrases) = first.may_hold(key.as_bytes()).then(|| idx.get(key.as_bytes())).flatten() else { continue };
        // A word inside a test's name is no trigger ("dizziness handicap inventory").
        if hit_at[i].is_some_and(|hi| hits[hi].2.kinds.any(Kinds::MEASURE_NAME) && hits[hi].1 - hits[hi].0 > 1) {
            continue;
        }
        for p in phrases {
            let rule = &RULES[p.rule];
            let ok_role = match rule.when {
                When::Any => true,
                When::Delivered => !(roles.goal || roles.plan || roles.report),
                When::NotGoalPlan => !(roles.goal || roles.plan),
                When::NotReport => !roles.report,
            };
            // "Next, she stood on a rocker board": words ordering the steps do not count.
            if !ok_role || p.at_start && (0..i).any(|k| is_word(k) && !IN_SEQUENCE_OPENERS.has_str(lower[k])) {
                continue;
            }
            // "PT" in capitals is the physical therapist; "Pt" and "pt" the patient.
            if rule.label == Label::What && lower[i] == "pt" && toks[i].text(note) == "PT" {
                continue;
            }
            // The rest of the phrase.
            let mut j = i + 1;
            let mut matched = true;
            for w in &p.rest {
                // "Pt. performed": an abbreviation's period is part of the word.
                if j < n && lower[j] == "." && matches!(lower[j - 1], "pt" | "pts" | "dr") {
                    j += 1;
                }
                // "can't": the apostrophe and "t" are tokens of their own.
                if j >= n || !(w == "*" && is_word(j) || lower[j] == *w) {
                    matched = false;
                    break;
                }
                j += 1;
            }
            if !matched {
                continue;
            }
            let (t0, mut t1) = (i, j);
            // "Pt. stacked": the abbreviation's period ends no clause.
            if t1 < n && lower[t1] == "." && matches!(lower[t1 - 1], "pt" | "pts" | "dr") {
                t1 += 1;
            }
            if t0 > 0 && IN_NEGATIONS.has_str(lower[t0 - 1]) {
                continue;
            }
            match rule.dir {
                Dir::Here => {
                    let rated_after = (t1..(t1 + 3).min(n)).any(|k| rated[k] || toks[k].num().is_some());
                    let counted = t0 > 0
                        && (toks[t0 - 1].num().is_some()
                            || IN_COUNTS.has_str(lower[t0 - 1])
                            || rule.label != Label::Outcome && IN_VAGUE_COUNTS.has_str(lower[t0 - 1]));
                    // "dizziness exercises": the word names the activity's kind.
                    let modifier = t1 < n && hit_at[t1].is_some_and(|hi| hits[hi].2.kinds.any(ACTIVITIES));
                    let diagnosis = t0 > 0 && IN_DIAGNOSTIC.has_str(lower[t0 - 1]);
                    let graded = rule.label == Label::Why
                        && ((t1 < n && IN_SEVERITY.has_str(lower[t1])) || (t0 > 0 && IN_SEVERITY.has_str(lower[t0 - 1])));
                    // "without vertigo or dizziness": a negation before a coordinated list.
                    let negated_list = t0 >= 2
                        && matches!(lower[t0 - 1], "or" | "and" | "nor" | ",")
                        && (t0.saturating_sub(4)..t0 - 1).any(|k| IN_NEGATIONS.has_str(lower[k]));
                    // The checks above are for symptoms and falls; a skill is one whatever follows.
                    if rule.label == Label::How || !rated_after && !counted && !modifier && !diagnosis && !graded && !negated_list {
                        out.push((rule.label, t0, t1));
                    }
                }
                Dir::Forward => {
                    if let Target::Criterion = rule.target {
                        if criterion_after(t1, rule.scope).is_some() {
                            out.push((rule.label, t0, t1));
                        }
                        continue;
                    }
                    let mut k = t1;
                    // "difficulty transferring, turning, reaching and balancing": the items of a
                    // coordinated list after the trigger all stand in its scope; each separator
                    // between two words extends it by one item (at most four).
                    let mut limit = t1 + rule.scope;
                    // A result between the verb and the activity ("completed 15/24 reaches") makes
                    // the sentence a result, not a delivery.
                    while k < n && k < limit && !stop(k) && !(rule.label == Label::What && rated[k]) {
                        if k > t1 && limit < t1 + rule.scope + 8 && (toks[k].is(',') || matches!(lower[k], "and" | "or")) && is_word(k - 1) && k + 1 < n && is_word(k + 1) {
                            limit += 2;
                        }
                        if rule.label == Label::How && IN_OTHERS.has_str(lower[k]) {
                            break;
                        }
                        // "Provided verbal cues to ambulate closer to the walker": when the
                        // verb's object is a cue or hands-on help with its own aim, the activity
                        // after it is what the cue aims at; the sentence describes the cueing
                        // (C-WHY-6).
                        if rule.label == Label::What && hit_at[k].is_some_and(|hi| hits[hi].0 == k && hits[hi].2.kinds.any(SKILLS) && !hits[hi].2.kinds.any(ACTIVITIES) && hits[hi].1 < n && matches!(lower[hits[hi].1], "to" | "for")) {
                            break;
                        }
                        if let Some(e) = target_ok(&rule.target, k) {
                            if rule.cue_governs && cue_before(t0) {
                                guarded.push((rule.label, t0, e));
                            } else {
                                out.push((rule.label, t0, e));
                            }
                            break;
                        }
                        k += 1;
                    }
                }
                Dir::Backward => {
                    let mut k = t0;
                    let mut found = None;
                    while k > 0 && k + rule.scope > t0 {
                        k -= 1;
                        if stop(k) || toks[k].is(',') || IN_NEGATIONS.has_str(lower[k]) {
                            break;
                        }
                        if target_ok(&rule.target, k).is_some() {
                            found = Some(k);
                        } else if found.is_some() {
                            break;
                        }
                    }
                    if let Some(k) = found {
                        if !(k > 0 && IN_NEGATIONS.has_str(lower[k - 1])) {
                            if rule.cue_governs && cue_before(k) {
                                guarded.push((rule.label, k, t1));
                            } else {
                                out.push((rule.label, k, t1));
                            }
                        }
                    }
                }
            }
        }
    }
    // A purpose after a cue is the cue's, unless the sentence names the activity.
    // "during stance", "while ambulating": the activity the cue was given in is named too.
    let activity_named = hits.iter().any(|(a, _, h)| {
        *a > 0 && h.kinds.any(Kinds(ACTIVITIES.0 | Kinds::MOBILITY.0)) && matches!(lower[*a - 1], "during" | "while" | "throughout")
    });
    if roles.what || activity_named || out.iter().any(|(l, _, _)| *l == Label::What) {
        out.extend(guarded);
    }
    out
}

// The word lists the walker asks of many tokens, as `Words` filters (`tokens::Words`): one bit
// test turns most words away before a list is scanned.
static IN_ACTION_PAST: Words = Words::new(ACTION_PAST);
static IN_AUXILIARIES: Words = Words::new(AUXILIARIES);
static IN_COUNTS: Words = Words::new(COUNTS);
static IN_CRITERIA: Words = Words::new(CRITERIA);
static IN_DIAGNOSTIC: Words = Words::new(DIAGNOSTIC);
static IN_FUNCTION_WORDS: Words = Words::new(FUNCTION_WORDS);
static IN_IRREGULAR_PAST: Words = Words::new(IRREGULAR_PAST);
static IN_NAME_VERBS: Words = Words::new(NAME_VERBS);
static IN_NEGATIONS: Words = Words::new(NEGATIONS);
static IN_NOT_ACTIONS: Words = Words::new(NOT_ACTIONS);
static IN_NOT_DECISIONS: Words = Words::new(NOT_DECISIONS);
static IN_NOT_ACTIVITY_VERBS: Words = Words::new(NOT_ACTIVITY_VERBS);
static IN_NOT_NAMES: Words = Words::new(NOT_NAMES);
static IN_OTHERS: Words = Words::new(OTHERS);
static IN_SEQUENCE_OPENERS: Words = Words::new(SEQUENCE_OPENERS);
static IN_SEVERITY: Words = Words::new(SEVERITY);
static IN_STRATEGY_VERBS: Words = Words::new(STRATEGY_VERBS);
static IN_VAGUE_COUNTS: Words = Words::new(VAGUE_COUNTS);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::tokens::tokenize;

    fn labels(text: &str, roles: Roles) -> Vec<(Label, String)> {
        let toks = tokenize(text, 0, text.len());
        let hits: Vec<(usize, usize, Hit)> = Lexicon::get()
            .scan(text)
            .into_iter()
            .map(|h| {
                let a = toks.partition_point(|t| t.start < h.start);
                let b = toks.partition_point(|t| t.start < h.end);
                (a, b.max(a + 1), h)
            })
            .collect();
        let rated = vec![false; toks.len()];
        walk(text, &toks, &hits, &rated, roles)
            .into_iter()
            .map(|(l, a, b)| (l, text[toks[a].start..toks[b - 1].end].to_string()))
            .collect()
    }

    #[test]
    fn every_rule_labels_its_example() {
        for r in RULES {
            let got = labels(r.example, Roles::default());
            assert!(got.iter().any(|(l, _)| *l == r.label), "{}: {:?} on {:?}", r.id, got, r.example);
        }
    }

    #[test]
    fn negation_cancels_a_trigger() {
        assert!(labels("No balance deficits noted.", Roles::default()).iter().all(|(l, _)| *l != Label::Why));
        assert!(labels("Denies dizziness.", Roles::default()).is_empty());
    }

    #[test]
    fn a_rating_makes_a_measure_not_a_reason() {
        let text = "Dizziness 4/10 with head turns.";
        let toks = tokenize(text, 0, text.len());
        let rated: Vec<bool> = toks.iter().map(|t| t.num().is_some() || t.is('/')).collect();
        assert!(walk(text, &toks, &[], &rated, Roles::default()).is_empty());
    }

    #[test]
    fn a_purpose_after_a_cue_is_the_cues_unless_an_activity_is_named() {
        let r = Roles::default();
        assert!(labels("Tactile cues at the L hip adductors to inhibit overactivity.", r).iter().all(|(l, _)| *l != Label::Why));
        let r = Roles { what: true, ..Roles::default() };
        assert!(labels("Tactile cues at the L hip adductors to inhibit overactivity.", r).iter().any(|(l, _)| *l == Label::Why));
    }

    #[test]
    fn roles_gate_rules() {
        let goal = Roles { goal: true, ..Roles::default() };
        assert!(labels("Incorporated step tap training.", goal).iter().all(|(l, _)| *l != Label::What));
        assert!(labels("Pt states I feel unsteady.", Roles { report: true, ..Roles::default() }).iter().all(|(l, _)| *l != Label::How));
    }

    #[test]
    fn inflections_are_regular() {
        use crate::morphology::inflections;
        assert!(inflections("require").contains(&"requiring".to_string()));
        assert!(inflections("tap").contains(&"tapping".to_string()));
        assert!(inflections("modify").contains(&"modified".to_string()));
        for f in inflections("shift") {
            assert!(crate::lexicon::inflection_of(&f, "shift"), "{f}");
        }
    }
}
