//! Classes of real-world wording, one sentence each (written for the project, not taken from the
//! shared sets): the labels the sentence must carry and the ones it must not.

use skillmark::{analyze, Label, Options};

fn labels(t: &str) -> Vec<Label> {
    let r = analyze(t, &Options::default());
    let mut v: Vec<Label> = r.sentences.iter().flat_map(|s| s.labels.to_vec()).collect();
    v.sort();
    v.dedup();
    v
}

fn check(cases: &[(&str, &[Label], &[Label])]) {
    for (t, has, not) in cases {
        let got = labels(t);
        for l in *has {
            assert!(got.contains(l), "{t:?} should be {l:?}; got {got:?}");
        }
        for l in *not {
            assert!(!got.contains(l), "{t:?} should not be {l:?}; got {got:?}");
        }
    }
}

use Label::*;

#[test]
fn an_unlisted_gerund_heading_the_line_with_a_purpose_or_dose_is_the_activity() {
    check(&[
        ("Functional reaching outside BOS in standing to improve weight shifting.", &[What, Why], &[]),
        ("Marching in place 2 x 20 with UE support.", &[What], &[]),
        ("Tx: lunging onto foam for quad control.", &[What], &[]),
        ("Improving balance noted.", &[], &[What]),
        ("Requiring min A for all transfers.", &[], &[What]),
    ]);
}

#[test]
fn a_functional_task_practised_with_help_after_a_field_label_is_the_activity() {
    check(&[
        ("OT: UB dressing with min A and VC for sequencing.", &[What, How], &[Outcome]),
        ("Goal: UB dressing with set-up only.", &[Outcome], &[What]),
    ]);
}

#[test]
fn a_past_tense_mobility_verb_reports_the_task_done() {
    check(&[("Pt negotiated 12 steps with 1 rail and SBA.", &[What, Measure], &[])]);
}

#[test]
fn the_words_of_a_test_name_are_neither_activity_nor_impairment() {
    check(&[
        ("Positive head impulse and smooth pursuit testing today.", &[Measure], &[What]),
        ("Negative Dix-Hallpike room spinning vertigo testing after one session.", &[Measure], &[Why]),
    ]);
}

#[test]
fn an_evaluation_row_grades_a_task_it_does_not_deliver_it() {
    check(&[
        ("Bed mobility (rolling, supine to sit): SBA", &[Measure], &[What]),
        ("Dynamic standing = Fair", &[Measure], &[What]),
        ("Gait training 150 ft x 2 with CGA.", &[What], &[]),
    ]);
}

#[test]
fn context_blocks_keep_outcome_for_function() {
    check(&[
        ("Vertigo when rolling to the left in bed.", &[Why], &[Outcome]),
        ("Antalgic, slow gait with decreased stance on R.", &[Why], &[Outcome]),
        ("He is unable to lift his arm overhead.", &[], &[Outcome]),
        ("He lives with his daughter in a two-story home.", &[], &[Outcome]),
        ("She is unable to walk to the mailbox.", &[Outcome], &[]),
        ("Reports 2 falls this month while walking outside.", &[Measure], &[]),
    ]);
}

#[test]
fn the_patient_doing_a_task_in_the_past_tense_is_the_activity() {
    check(&[
        ("Client sorted coins by size using the R hand.", &[What], &[]),
        ("Pt. threw and caught a ball against the rebounder.", &[What], &[]),
        ("The therapist had the patient stand on a foam pad with eyes closed.", &[What], &[]),
        ("Pt was asked to walk while turning his head side to side.", &[What], &[]),
        ("Pt returned to work last week.", &[], &[What]),
        ("Pt was encouraged to resume short store trips.", &[], &[What]),
        ("Patient is retired and enjoys gardening.", &[], &[What]),
        ("PT guarded at the gait belt on every trial.", &[How], &[What]),
        ("He located 6/10 targets on the left.", &[Measure], &[What]),
    ]);
}

#[test]
fn a_head_noun_after_unlisted_modifiers_names_the_activity() {
    check(&[
        ("Scooter board activities in prone for upper body strength.", &[What], &[]),
        ("Pt reports decreased social activities.", &[], &[What]),
    ]);
}

#[test]
fn grading_a_task_parameter_is_skill_and_a_patient_quantity_is_not() {
    check(&[
        ("Task complexity increased by adding head turns.", &[How], &[]),
        ("Increased resistance to the red band after the first set.", &[How], &[]),
        ("Freezing and reduced step amplitude persist.", &[], &[How]),
        ("Increased range of motion in the R knee.", &[], &[How]),
    ]);
}

#[test]
fn a_limitation_or_a_return_names_the_activity_as_outcome_even_unlisted() {
    check(&[
        ("Pt wants to get back to golfing.", &[Outcome], &[]),
        ("He is having difficulty getting in and out of the car.", &[Outcome], &[]),
        ("Difficulty reaching into overhead cabinets.", &[Outcome], &[]),
        ("Pt is now walking in the community without a cane.", &[Outcome], &[]),
        ("Difficulty with visual closure on the puzzle task.", &[], &[Outcome]),
        ("Unable to maintain standing balance without UE support.", &[], &[Outcome]),
        ("She had difficulty understanding the instructions.", &[], &[Outcome]),
    ]);
}

#[test]
fn measured_items_are_measures_not_activities() {
    check(&[
        ("6MWT 280 m.", &[Measure], &[What]),
        ("R hip flexion 3+/5.", &[Measure], &[What]),
        ("Romberg positive with eyes closed.", &[Measure], &[What]),
        ("Mod I for transfers.", &[Measure], &[]),
        ("Grip strength 20 lbs R.", &[Measure], &[]),
        ("DGI improved from 14 to 18.", &[Measure], &[]),
        ("Romberg stance on foam 3 x 30 s.", &[What], &[]),
        ("AROM 2 min.", &[What], &[]),
    ]);
}

#[test]
fn judgement_and_flow_sheet_wording_is_unskilled() {
    check(&[
        ("Session went well.", &[Unskilled], &[]),
        ("Exercises per flow sheet.", &[Unskilled], &[]),
        ("Flow of the session was good.", &[], &[Unskilled]),
    ]);
}

#[test]
fn a_symptom_is_a_reason_only_when_it_is_not_graded_negated_or_a_diagnosis() {
    check(&[
        ("Pt complained of dizziness with head turns.", &[Why], &[]),
        ("Dizziness mild.", &[], &[Why]),
        ("Independent in ADLs without vertigo or dizziness.", &[], &[Why]),
        ("Dx: persistent postural-perceptual dizziness.", &[], &[Why]),
    ]);
}

#[test]
fn falls_are_counted_only_by_a_number() {
    check(&[
        ("She has fallen twice since the last visit.", &[Measure], &[]),
        ("Reports 2 falls in the past month.", &[Measure], &[]),
        ("Has a history of multiple falls.", &[Outcome], &[Measure]),
        ("Recurrent falls at home.", &[Outcome], &[Measure]),
    ]);
}

#[test]
fn coordinated_kinds_before_a_head_noun_name_the_activity() {
    check(&[
        ("Endurance and gait training", &[What], &[]),
        ("Strength/balance exercises on foam", &[What], &[]),
        ("Impaired endurance and gait", &[], &[What]),
    ]);
}

#[test]
fn an_amount_after_an_ability_frame_is_a_measure() {
    check(&[
        ("Able to walk 300 feet before resting.", &[Outcome, Measure], &[What]),
        ("Had to stop after walking ½ block.", &[Measure], &[]),
        ("Can now walk 1½ miles with a cane.", &[Measure], &[What]),
        ("Pt was able to complete 3x10 sit to stands with CGA.", &[How], &[]),
    ]);
}

#[test]
fn a_task_helped_with_during_the_session_is_the_activity() {
    check(&[
        ("Showed poor sequencing during the card-sorting task, requiring mod verbal cues.", &[What, Why, How], &[]),
        ("Reports dizziness during household tasks.", &[], &[What]),
    ]);
}

#[test]
fn a_change_of_test_scores_is_a_measure() {
    check(&[
        ("Improved Berg and DGI scores since the last progress note.", &[Measure], &[]),
        ("ABC scores increased this month.", &[Measure], &[]),
        ("Score sheet reviewed with the patient.", &[], &[Measure]),
    ]);
}

#[test]
fn interventions_from_the_practice_guide_and_modality_codes_are_activities() {
    check(&[
        ("Manual therapy to the lumbar spine.", &[What], &[]),
        ("Hot pack x 10 min to L shoulder.", &[What], &[]),
        ("Trialed a quad cane on level surfaces.", &[What], &[]),
        ("Anodyne", &[What], &[]),
    ]);
}

#[test]
fn scores_tolerances_and_exam_findings_in_words_are_measures() {
    check(&[
        ("FOTO score 62.", &[Measure], &[]),
        ("Pt scored 22 on the MoCA.", &[Measure], &[]),
        ("Standing tolerance 10 minutes.", &[Measure], &[]),
        ("Pt tolerated 30 minutes of activity.", &[Measure], &[]),
        ("Pt was able to stand for 5 minutes.", &[Measure], &[]),
        ("Sensation intact to light touch.", &[Measure], &[]),
        ("PROM shoulder flex WNL.", &[Measure], &[What]),
        ("Pt tolerated treatment well.", &[Unskilled], &[Measure]),
    ]);
}

#[test]
fn a_deficit_after_a_cue_stays_inside_the_cue_unless_the_activity_is_named() {
    check(&[
        ("Pt requires verbal cues to reduce gait deficits.", &[How], &[Why]),
        ("Tactile cues to reduce gait deviations during ambulation.", &[How, Why], &[]),
    ]);
}

#[test]
fn a_deficit_in_an_activity_is_a_limitation_not_an_impairment() {
    check(&[
        ("Pt presents with impairments in self care.", &[Outcome], &[Why]),
        ("Pt has difficulty with dressing.", &[Outcome], &[Why]),
        ("Deficits in bathing and toileting.", &[Outcome], &[Why]),
        ("Poor sitting balance during LB dressing.", &[Why], &[]),
        ("Impaired balance limits community ambulation.", &[Why, Outcome], &[]),
    ]);
}

#[test]
fn a_symptom_inferred_from_a_test_is_a_diagnosis_not_a_reason() {
    check(&[
        ("Positive smooth pursuit testing indicating dizziness from the concussion.", &[], &[Why]),
        ("Dizziness with head turns limits driving.", &[Why], &[]),
    ]);
}

#[test]
fn a_line_framed_as_a_result_or_prior_state_reports_function() {
    check(&[
        ("After treatment: walking 2 blocks without a cane.", &[Outcome, Measure], &[What]),
        ("At discharge, pt ambulated 300 ft independently.", &[Outcome, Measure], &[What]),
        ("PLOF: independent with ADLs.", &[Outcome], &[What]),
        ("Pt reports walking 2 miles daily.", &[Outcome, Measure], &[What]),
    ]);
}

#[test]
fn a_named_child_or_student_doing_a_task_is_the_activity() {
    check(&[
        ("Tommy practiced jumping jacks and skipping.", &[What], &[]),
        ("Student threw the ball to a target.", &[What], &[]),
        ("Total timed minutes: 37", &[Time], &[What]),
        ("Head speed was set with a metronome.", &[], &[What]),
        ("Gait trained with SPC.", &[What], &[]),
    ]);
}

#[test]
fn modelling_teach_back_observation_and_grading_support_are_skill() {
    check(&[
        ("Modeled the movement for the patient.", &[How], &[]),
        ("Pt was educated with teach-back method.", &[What, How], &[]),
        ("Challenged balance by narrowing BOS.", &[How], &[]),
        ("Decreased UE support from 2 hands to 1.", &[How], &[]),
        ("Set up the environment to reduce distractions.", &[How], &[]),
        ("Pt demonstrates decreased L LE weight bearing in stance.", &[Why], &[How]),
    ]);
}

#[test]
fn transitions_written_with_arrows_or_slashes_are_the_named_activity() {
    check(&[
        ("Sit <> stand transfers from various surface heights with CGA.", &[What, How], &[]),
        ("Supine->sit with min A.", &[What], &[]),
        ("sit/stand x 10 from mat", &[What], &[]),
    ]);
}

#[test]
fn first_person_and_passive_narratives_deliver_the_activity() {
    check(&[
        ("I had him stand on the foam with his eyes closed.", &[What], &[]),
        ("Pt was trained on the use of a rollator.", &[What], &[]),
        ("Therapist had him rehearse the steps verbally before each round.", &[How], &[What]),
    ]);
}

#[test]
fn goal_frames_without_will_are_goals() {
    check(&[
        ("Pt to ambulate 150 ft with RW independently in 4 weeks.", &[Outcome], &[What, Measure]),
        ("By discharge, patient will be independent with HEP.", &[Outcome], &[]),
        ("Within 6 visits, pt will negotiate 12 steps with 1 rail.", &[Outcome], &[What]),
        ("Pt is an 80 y/o referred after 3 falls in 6 months.", &[Measure], &[]),
        ("Pt will be seen 2x/week for 4 weeks.", &[], &[Outcome]),
        ("Pt to continue HEP daily.", &[], &[Outcome]),
    ]);
}

#[test]
fn purpose_clauses_headed_by_movements_gait_phases_or_the_patient_can() {
    check(&[
        ("Step-ups so that she can manage the bus step.", &[What, Outcome], &[]),
        ("Ball toss for improved reactive stepping.", &[What, Why], &[]),
        ("Reaching drills to improve scapular upward rotation.", &[What, Why], &[]),
        ("Heel raises to improve push-off.", &[What, Why], &[]),
        ("Trunk rotation x 10 each way.", &[What], &[Why]),
    ]);
}

#[test]
fn abbreviated_terms_match_like_their_full_forms() {
    check(&[
        ("NMRE: static/dyn bal trng in stdg.", &[What], &[]),
        ("Bal ex's on foam w/ SBA.", &[What, Measure], &[]),
        ("Skilled GT to ↑ stride length.", &[What, Why], &[]),
        ("Sup>sit w/ HOB elevated, min A.", &[What, How], &[]),
        ("Pt req'd min A for bed mob.", &[How], &[]),
    ]);
}

#[test]
fn an_imperative_plan_verb_or_a_next_visit_makes_the_line_a_plan() {
    check(&[
        ("Advance to gait training next PT session.", &[How], &[What]),
        ("Increase resistance during standing balance training per POC.", &[How], &[What]),
        ("Trial 1 mod verbal cues to thread the sleeve.", &[How, Measure], &[]),
    ]);
}

#[test]
fn a_function_sufficient_for_an_activity_names_the_outcome() {
    check(&[
        ("Trunk control is now adequate to sit unsupported at the sink.", &[Outcome], &[]),
        ("Strong enough to climb the bus steps.", &[Outcome], &[]),
    ]);
}

#[test]
fn help_with_a_count_of_helpers_still_names_the_task_helped() {
    check(&[("Mod A x1 for sit to stand from mat.", &[What, How, Measure], &[])]);
}

#[test]
fn the_therapist_as_subject_of_a_participle_is_skill() {
    check(&[("Sandwich prep, with OT staging items on the L of the counter to force L-field scanning.", &[How], &[])]);
}

#[test]
fn practice_schedules_are_skill() {
    check(&[("Stepping to floor targets, 4 x 10, with targets called out in random order.", &[What, How], &[])]);
}

#[test]
fn pointers_to_other_notes_and_tolerance_are_unskilled() {
    check(&[
        ("Ther ex as previous.", &[What, Unskilled], &[]),
        ("Continue to progress per pt tolerance.", &[Unskilled], &[]),
        ("Pt. was seen today for therex.", &[What], &[]),
    ]);
}

#[test]
fn a_grading_participle_before_the_patients_gait_is_a_deviation() {
    check(&[
        ("Patient demonstrated a slow, shortened step length gait.", &[], &[How]),
        ("Shortened trials when sway exceeded his base of support.", &[How], &[]),
        ("Improved CDP, VORTEQ, and VEMP scores.", &[Measure], &[]),
    ]);
}

#[test]
fn difficulty_with_a_mental_or_movement_function_is_an_impairment() {
    check(&[
        ("Pt has difficulty attending to the L side during grooming.", &[Why], &[]),
        ("Difficulty following 2-step directions.", &[Why], &[]),
        ("Difficulty dressing.", &[Outcome], &[Why]),
    ]);
}

#[test]
fn observed_gait_deviations_are_impairments() {
    check(&[
        ("Gait: antalgic with decreased stance time on R.", &[Why], &[]),
        ("Observed foot slap at initial contact on the L.", &[Why], &[What]),
        ("Decreased arm swing and en bloc turning noted.", &[Why], &[]),
        ("Extensor thrust at the R knee in midstance.", &[Why], &[]),
        ("Excessive trunk flexion during gait.", &[Why], &[What]),
        ("Crouch gait with excessive knee flexion.", &[Why], &[]),
        ("Gait training with step-to pattern on stairs.", &[What], &[Why]),
    ]);
}

#[test]
fn abbreviated_ambulation_is_mobility_and_weight_shift_reads_in_either_order() {
    check(&[
        ("Impaired balance limiting community amb.", &[Why, Outcome], &[]),
        ("Amb 150 ft with RW and CGA.", &[What, How], &[]),
        ("Treatment focused on improving her ability to shift weight onto the left leg.", &[What, Why], &[]),
        ("Worked on shifting weight onto the left leg.", &[What], &[]),
    ]);
}

#[test]
fn methods_of_teaching_and_handling_a_task_are_skill() {
    check(&[
        ("Task was broken down into smaller steps.", &[How], &[]),
        ("Chaining used to teach the sequence of dressing.", &[How], &[]),
        ("Backward chaining for donning socks.", &[How], &[What]),
        ("Structured the environment to minimize visual clutter.", &[How], &[]),
        ("NDT handling at the pelvis during sit to stand.", &[How, What], &[]),
    ]);
}

#[test]
fn teaching_in_any_form_delivers_education() {
    check(&[
        ("Skilled PT is needed to instruct the caregiver in safe transfer techniques.", &[What], &[]),
        ("The therapist's skills are required to teach the patient a home program.", &[What], &[]),
        ("Gave pt handout on BPPV.", &[What], &[]),
        ("Taught pt to log roll for bed mobility.", &[What], &[]),
        ("Will teach pt stair negotiation next visit.", &[], &[What]),
    ]);
}

#[test]
fn participation_outcomes_beyond_single_tasks() {
    check(&[
        ("To improve quality of life.", &[Outcome], &[]),
        ("Improve safety at home.", &[Outcome], &[]),
        ("Facilitate community reintegration.", &[Outcome], &[]),
    ]);
}

#[test]
fn exercise_equipment_names_the_activity() {
    check(&[
        ("UBE 10 min.", &[What], &[]),
        ("SciFit x 8 min level 4 for endurance.", &[What, Why], &[]),
        ("Pulleys for shoulder flexion ROM.", &[What], &[]),
    ]);
}

#[test]
fn a_measure_aimed_at_by_a_purpose_names_its_function() {
    check(&[
        ("Theraputty to improve grip strength.", &[What, Why], &[]),
        ("Grip strength 40 lb R, 32 lb L.", &[Measure], &[Why]),
    ]);
}

#[test]
fn a_phrase_aimed_at_a_body_function_names_the_activity_and_its_reason() {
    check(&[
        ("Animal walks (bear crawl, crab walk) across the mat to build proximal stability.", &[What, Why], &[]),
        ("Scooter board in prone to improve neck and trunk extension.", &[What, Why], &[]),
        ("Heel raises on the step edge for ankle control.", &[What, Why], &[]),
        ("Today's session addressed impaired L ankle proprioception.", &[Why], &[What]),
        ("VC for trunk control during reaching.", &[How], &[Why]),
        ("Cones for balance training.", &[What], &[Why]),
    ]);
}

#[test]
fn a_report_in_a_later_clause_leaves_the_activity_delivered() {
    check(&[
        ("VORx1 in sitting 3 x 45 s; pt reported dizziness 5/10.", &[What, Measure], &[]),
        ("Tandem walking 4 x 20 ft, pt reports mild dizziness.", &[What], &[]),
        ("Pt reports walking 2 miles daily.", &[Outcome, Measure], &[What]),
    ]);
}

#[test]
fn avoidance_and_lost_activities_are_limitations() {
    check(&[
        ("She avoids looking up to get dishes from high shelves.", &[Outcome], &[]),
        ("He no longer walks to the mailbox.", &[Outcome], &[What]),
        ("She is afraid to shower alone.", &[Outcome], &[]),
    ]);
}

#[test]
fn single_leg_stance_timed_per_side_is_a_measure_and_dosed_is_an_exercise() {
    check(&[
        ("Single-leg stance R 4 sec, L 2 sec.", &[Measure], &[What]),
        ("Single leg stance 3 x 30 sec on foam.", &[What], &[Measure]),
    ]);
}

#[test]
fn inpatient_wording_how_the_patient_was_found_and_vitals() {
    check(&[
        ("Pt received supine in bed, agreeable to PT.", &[], &[What]),
        ("The patient received verbal and tactile cues during sit-to-stand exercises.", &[What, How], &[]),
        ("Vitals stable throughout session.", &[Measure], &[]),
        ("VSS.", &[Measure], &[]),
    ]);
}

#[test]
fn acute_care_status_lines_are_not_activities() {
    check(&[
        ("Pt oriented x3, follows 1-step commands.", &[Measure], &[What]),
        ("Pt A&O x 3.", &[Measure], &[What]),
        ("Patient independent with HEP.", &[], &[What]),
        ("Pt returned to bed at end of session with bed alarm on.", &[], &[Outcome]),
        ("Goal: return to bed independently.", &[Outcome], &[]),
        ("Pt performed HEP x 2 sets.", &[What], &[]),
    ]);
}

#[test]
fn mood_vague_progress_and_pointers_are_not_care() {
    check(&[
        ("Pt motivated and participated fully.", &[Unskilled], &[What]),
        ("Progressing as expected.", &[], &[How]),
        ("Progressed to foam once pt held 30 s without LOB.", &[How], &[]),
        ("Skilled services remain necessary to meet goals.", &[Unskilled], &[]),
        ("See previous note.", &[Unskilled], &[]),
    ]);
}

#[test]
fn acute_care_transfers_and_bed_level_activities() {
    check(&[
        ("SPT bed>chair with mod A x1.", &[What, How], &[]),
        ("Pt dangled EOB x 5 min with SBA.", &[What], &[]),
        ("Pre-gait activities in // bars.", &[What], &[]),
        ("Goal: SPT bed to chair with SBA.", &[Outcome], &[What]),
    ]);
}

#[test]
fn published_instruments_with_a_score_are_measures() {
    check(&[
        ("QuickDASH 45.", &[Measure], &[]),
        ("BIMS 13.", &[Measure], &[]),
        ("PSFS avg 4.3.", &[Measure], &[]),
        ("2MWT 85 m.", &[Measure], &[What]),
        ("SARA 14/40.", &[Measure], &[]),
        // Capitals only: a patient named Sara is not the ataxia scale.
        ("Sara ambulated 50 ft with her walker.", &[What], &[Measure]),
    ]);
}

#[test]
fn seen_somewhere_for_an_activity_delivers_it() {
    check(&[
        ("Pt seen in room for therapeutic exercise and gait.", &[What], &[]),
        ("Pt seen bedside for balance training.", &[What], &[]),
    ]);
}

#[test]
fn a_graded_risk_row_is_a_measure() {
    check(&[
        ("Fall risk: high.", &[Measure], &[]),
        ("Risk for falls = moderate.", &[Measure], &[]),
        ("Reduce fall risk.", &[Outcome], &[Measure]),
    ]);
}

#[test]
fn limits_of_the_schedule_are_not_impairments_or_skill() {
    check(&[
        ("Pt limited by time constraints today.", &[], &[Why]),
        ("Pt limited by fatigue.", &[Why], &[]),
        ("Session shortened due to transportation.", &[], &[How]),
        ("Treatment modified due to increased pain.", &[How], &[]),
    ]);
}

#[test]
fn an_ability_to_move_through_the_world_is_an_outcome() {
    check(&[
        ("These deficits impact her ability to safely navigate her home.", &[Outcome], &[]),
        ("Pt navigated obstacles in the hallway with SBA.", &[What], &[Outcome]),
    ]);
}

#[test]
fn upper_limb_neuro_wording() {
    check(&[
        ("Edema noted in L hand; retrograde massage provided.", &[What], &[]),
        ("Tactile cues were provided.", &[How], &[What]),
        ("Graded grasp and release of 1-inch cubes with L hand, 8/10 successful.", &[What, How, Measure], &[]),
        ("Synergistic movement pattern observed with attempts at shoulder flexion.", &[Why], &[]),
        ("L shoulder subluxation 1 fingerbreadth.", &[Why], &[]),
    ]);
}

#[test]
fn a_line_opening_with_a_verb_of_bodily_doing_reports_the_task() {
    check(&[
        ("Climbed rock wall with CGA, cues for reciprocal hand placement.", &[What, How], &[]),
        ("Ascended 12 steps with rail and SBA.", &[What], &[]),
        ("Pushed the walker too far ahead.", &[], &[What]),
        ("Kiddo tolerated prone on therapy ball for 30 s with head lifted.", &[Measure], &[Unskilled]),
        ("Pt tolerated therapy well.", &[Unskilled], &[]),
    ]);
}

#[test]
fn an_oculomotor_function_named_with_its_finding_is_examined() {
    check(&[
        ("Saccades intact.", &[Measure], &[What]),
        ("Smooth pursuit impaired with catch-up saccades.", &[Why, Measure], &[]),
        ("Smooth pursuit training 2 x 1 min.", &[What], &[]),
    ]);
}

#[test]
fn recall_of_a_program_measures_learning_and_delivers_nothing() {
    check(&[
        ("Pt recalled 3/5 steps of the HEP after a 10 min delay.", &[Measure], &[What]),
        ("Pt verbalized understanding of all education.", &[], &[What]),
        ("Pt educated on HEP and verbalized understanding.", &[What], &[]),
    ]);
}

#[test]
fn pivot_turns_are_an_activity() {
    check(&[("Pivot turns in the kitchen while carrying a cup.", &[What], &[]), ("Goal: pivot turns without LOB.", &[Outcome], &[What])]);
}

#[test]
fn a_withheld_session_and_a_time_phrase_carry_no_care() {
    check(&[
        ("PT held this date due to low BP.", &[], &[How, What]),
        ("Tx deferred per nursing.", &[], &[How, What]),
        ("Pt held plank 3 x 30 s with cues for core activation.", &[What, How], &[]),
        ("Pt drove to the appointment today for the first time.", &[], &[Why]),
        ("Tandem stance for balance.", &[What, Why], &[]),
    ]);
}

#[test]
fn succeeding_at_a_daily_task_is_an_ability() {
    check(&[
        ("Pt managed to get in and out of the car without help.", &[Outcome], &[What]),
        ("She has not been able to garden since the fall.", &[Outcome], &[]),
        ("Wife reports he is doing more around the house.", &[Outcome], &[]),
        ("Pt now able to put on her clothes without help.", &[Outcome], &[]),
        ("Car transfer training with min A.", &[What, How], &[]),
    ]);
}

#[test]
fn developmental_positions_and_play_tasks_are_activities() {
    check(&[
        ("Tummy time on wedge 5 min.", &[What], &[]),
        ("Prone over therapy ball for head control.", &[What, Why], &[]),
        ("Peg board placement with L hand.", &[What], &[]),
        ("Cruising along couch 3 laps to R and L.", &[What], &[]),
        ("Pt reports pain when rolling over.", &[], &[What]),
    ]);
}

#[test]
fn education_topics_and_a_session_focus_are_delivered() {
    check(&[
        ("Introduced energy conservation techniques.", &[What], &[]),
        ("Focus of today's session was dynamic balance.", &[What, Why], &[]),
        ("Session focused on dynamic balance.", &[What, Why], &[]),
        ("Pt has difficulty with focus of attention.", &[Why], &[What]),
    ]);
}

#[test]
fn a_count_of_events_or_of_help_is_a_measure_and_shows_the_activity_was_done() {
    check(&[
        ("Verbal cues x3 for foot clearance.", &[How, Measure], &[What]),
        ("Pt required redirection x4 to stay on task.", &[How, Measure], &[What]),
        ("LOB x2 during tandem walking.", &[Measure, What], &[]),
        ("3 step-offs during beam walking.", &[Measure, What], &[]),
        ("Weight shifts x10 with tactile cues.", &[What, How], &[]),
    ]);
}

#[test]
fn postural_faults_are_impairments() {
    check(&[
        ("Pt presents with forward head posture and rounded shoulders.", &[Why], &[]),
        ("Genu valgum noted bilaterally in standing.", &[Why], &[]),
        ("Scapular winging with overhead reaching.", &[Why], &[]),
    ]);
}

#[test]
fn raising_or_lowering_the_patients_function_is_a_goal_not_grading() {
    check(&[
        ("Decrease risk of falling when turning head.", &[Outcome], &[How]),
        ("Will increase independence with ADLs.", &[Outcome], &[How]),
        ("Increase resistance to red band next visit.", &[How], &[]),
        ("Add shower-chair-to-stand transfers next visit.", &[How], &[]),
    ]);
}

#[test]
fn continuing_is_planned_not_done() {
    check(&[
        ("Continue NMR 2x/wk.", &[], &[What]),
        ("P: Continue gait training.", &[], &[What]),
        ("P: Continue POC with emphasis on dynamic balance and gait training.", &[], &[What]),
        ("Continued gait training with RW 150 ft.", &[What], &[]),
    ]);
}

#[test]
fn a_state_word_inside_a_purpose_phrase_is_the_aim_not_a_result() {
    check(&[
        ("Gait training on level surfaces with SBA focusing on heel strike and increased step length.", &[What, Why], &[]),
        ("Cancellation: 9/20 L-sided targets found (prior 5/20).", &[Measure], &[What]),
        ("Pt unable to maintain tandem stance >5 s without UE support.", &[Measure], &[]),
        ("Pt demonstrates difficulty with weight shifting to the L, resulting in shortened R step length.", &[Why], &[How]),
    ]);
}

#[test]
fn an_activity_that_provokes_a_symptom_is_part_of_the_reason() {
    check(&[
        ("Reading for more than 10 minutes brings on a headache.", &[Why], &[What, Outcome]),
        ("Looking at computer screens makes her dizzy.", &[Why], &[What]),
        ("Riding in the car makes him nauseous.", &[], &[Outcome]),
    ]);
}

#[test]
fn lost_and_regained_participation_is_an_outcome() {
    check(&[
        ("She stopped going to her exercise class.", &[Outcome], &[How]),
        ("He has been unable to attend his classes.", &[Outcome], &[]),
        ("She avoids crowded places like the mall.", &[Outcome], &[]),
        ("The patient is now able to turn in bed without vertigo.", &[Outcome], &[]),
        ("He is a carpenter and needs to climb ladders.", &[Outcome], &[]),
        ("Pt stopped task due to fatigue.", &[How], &[]),
    ]);
}

#[test]
fn a_narrative_of_the_session_names_its_tasks() {
    check(&[
        ("Next, she stood on a rocker board.", &[What], &[]),
        ("After that, obstacle negotiation in the hallway.", &[What], &[]),
        ("That was hard for her.", &[], &[What]),
        ("Vestibular rehabilitation therapy was initiated.", &[What], &[]),
        ("The child was placed in supported sitting on a bench.", &[What], &[]),
        ("We then moved to the stairs.", &[What], &[]),
        ("Progressed to semi-tandem stance once sway decreased.", &[How], &[What]),
    ]);
}

#[test]
fn continuing_skilled_care_and_responding_well_are_boilerplate() {
    check(&[
        ("Continue skilled PT to maximize functional independence.", &[Unskilled, Outcome], &[]),
        ("See exercise log.", &[Unskilled], &[]),
        ("Pt responded well to treatment.", &[Unskilled], &[]),
        ("Pt responded well to tactile cues at the hip, with fewer LOB.", &[How], &[Unskilled]),
    ]);
}

#[test]
fn slashed_cue_abbreviations_and_the_therapists_hands_are_skill() {
    check(&[
        ("Sit to stand x10 with v/c for anterior weight shift.", &[What, How], &[]),
        ("t/c at pelvis for weight shift.", &[How], &[]),
        ("Stairs with one hand held.", &[How], &[]),
        ("Trunk support provided at the T-spine.", &[How], &[]),
        ("With therapist's hand at pelvis, pt stepped forward.", &[How], &[]),
        ("Pt demo good understanding of energy conservation.", &[], &[How]),
    ]);
}

#[test]
fn a_purpose_aimed_at_independence_or_participation_is_an_outcome() {
    check(&[
        ("Balance training to reduce caregiver burden.", &[What, Outcome], &[]),
        ("Gait training to maximize independence.", &[What, Outcome], &[]),
        ("Endurance training to meet the demands of his job.", &[What, Outcome], &[]),
        ("Balance ex so he can keep up with his kids.", &[What, Outcome], &[]),
        ("Balance training to maximize postural control.", &[What, Why], &[Outcome]),
        ("Cues to ensure proper form.", &[How], &[Outcome]),
    ]);
}

#[test]
fn an_infinitive_after_the_activity_states_its_functional_purpose() {
    check(&[
        ("Step training to climb stairs at home.", &[What, Outcome], &[]),
        ("Gait training to walk his dog.", &[What, Outcome], &[]),
        ("Step training to access his home.", &[What, Outcome], &[]),
        ("Gait training (97116): kitchen to bathroom with 4WW, 3 laps, SBA.", &[What], &[Outcome]),
        ("Pt ambulated to bathroom with RW.", &[What], &[Outcome]),
    ]);
}

#[test]
fn a_word_inside_a_tests_name_is_no_trigger() {
    check(&[
        ("Her dizziness handicap inventory score decreased from 62 to 30.", &[Measure], &[Why]),
        ("Pt reports dizziness with head turns.", &[Why], &[]),
    ]);
}

#[test]
fn taking_a_test_is_no_task_of_care() {
    check(&[
        ("Pt completed the Trail Making Test B in 180 s.", &[Measure], &[What]),
        ("Pt completed the 6MWT: 280 m.", &[Measure], &[What]),
        ("Pt performed SLS 3 x 30 s.", &[What], &[]),
        ("Medication management task with pill organizer, min cues for accuracy.", &[What, How], &[]),
    ]);
}

#[test]
fn arranging_the_task_setup_is_skill() {
    check(&[
        ("Placed cones further apart to increase step length.", &[How, Why], &[]),
        ("Lowered the table height to challenge trunk control.", &[How, Why], &[]),
        ("Set treadmill to 1.5 mph.", &[How], &[]),
        ("Pt demonstrated decreased weight bearing on the L.", &[Why], &[How]),
        ("Letter height increased from 3 mm to 7 mm.", &[Measure], &[How]),
        ("Pt states her knee gave way twice this week on the stairs.", &[Why], &[]),
    ]);
}

#[test]
fn equipment_names_match_written_open_or_closed() {
    check(&[
        ("Rockerboard A/P 3 x 1 min.", &[What], &[]),
        ("Wobbleboard weight shifts 2 x 10.", &[What], &[]),
        ("Pt reports a rocker board at home.", &[], &[Why]),
    ]);
}

#[test]
fn the_help_that_paces_a_task_may_name_it() {
    check(&[
        ("Metronome walking to improve step length.", &[What, How, Why], &[]),
        ("Mirror reaching for midline orientation.", &[What, How, Why], &[]),
    ]);
}

#[test]
fn showing_someone_how_is_teaching() {
    check(&[
        ("Her husband was shown how to guard her on the stairs.", &[What, How], &[]),
        ("Showed her how to use the reacher for LB dressing.", &[What], &[]),
        ("Pt showed improved balance.", &[Why], &[What]),
    ]);
}

// Issue 20: classes the held-out errors show (project-written sentences).

#[test]
fn vital_signs_with_and_without_units_are_measures() {
    check(&[
        ("RR 18, PR 92, temp 98.4.", &[Measure], &[]),
        ("Resp rate 20 and pulse rate 88 after the stairs.", &[Measure], &[]),
        ("Temp 37.2 C before the session.", &[Measure], &[]),
        ("The temperature in the gym was cold.", &[], &[Measure]),
    ]);
}

#[test]
fn quantities_written_in_words_are_read_as_numbers() {
    check(&[
        ("Pt ambulated twenty-five feet with a rolling walker and min A.", &[What, How, Measure], &[]),
        ("Able to walk fifty feet before needing to sit.", &[Measure, Outcome], &[]),
        ("She fell two times last month while gardening.", &[Measure, Outcome], &[What]),
        ("No one was home to help.", &[], &[Measure]),
    ]);
}

#[test]
fn examination_findings_in_words_grades_and_angles_are_measures() {
    check(&[
        ("Palpation: tender and positive over the L piriformis.", &[Measure], &[]),
        ("Trunk rotation, within functional limits.", &[Measure], &[]),
        ("Slump test negative on the left.", &[Measure], &[]),
        ("Patellar reflexes 2+ and symmetric.", &[Measure], &[]),
        ("Ankle dorsiflexion 4- 3+", &[Measure], &[]),
        ("Elbow extension improved from 20 degrees short to 5 degrees short of neutral.", &[Measure], &[]),
        ("Shoulder abduction went from 90 degrees to 120 degrees this month.", &[Measure], &[What]),
        ("She rated her knee pain 4 on a scale of 10 after stairs.", &[Measure], &[]),
        // A motion trained to a target, with its dose, is the exercise.
        ("Shoulder flexion to 90 degrees x 10 with a wand.", &[What], &[Measure]),
        ("Hip abduction 3 x 10 in sidelying.", &[What], &[Measure]),
    ]);
}

#[test]
fn a_list_of_tests_without_results_carries_no_measure() {
    check(&[
        ("Tests given today: Berg, TUG, 5xSTS and DGI.", &[], &[Measure]),
        ("Outcome measures: LEFS, ABC scale, 6MWT.", &[], &[Measure]),
        ("6MWT 310 m; 5xSTS 13.1 s.", &[Measure], &[]),
    ]);
}

#[test]
fn administrative_lines_carry_no_label() {
    check(&[
        ("Student PT participated in the session under supervision of the licensed PT.", &[], &[How, Measure]),
        ("Visit 7 of 12 authorized.", &[], &[Measure]),
        ("This is session 4/10 of the plan of care.", &[], &[Measure]),
        // Supervision of the patient is an assist level.
        ("Pt ambulated 150 ft with supervision of PT.", &[Measure], &[]),
        ("Completed 8 of 10 trials without LOB.", &[Measure], &[]),
    ]);
}

#[test]
fn assist_levels_as_clinicians_abbreviate_them() {
    check(&[
        ("Sit to stand with mod asst x 3 trials.", &[What, How, Measure], &[]),
        ("Bed mobility min asst, transfers max asst.", &[How, Measure], &[]),
        ("Patient requires maximum assistance in bathing.", &[How, Measure], &[]),
        ("He was independent in transfers at home.", &[Measure], &[]),
    ]);
}

#[test]
fn impairments_in_the_plain_words_of_the_icf_body_functions_are_reasons() {
    check(&[
        ("Legs weak and knees buckling on the stairs.", &[Why], &[]),
        ("Goal: the patient will get stronger.", &[Why], &[]),
        ("Mild thoracic kyphosis and hamstring tightness noted.", &[Why], &[]),
        ("He has tactile sensitivity and avoids messy play.", &[Why], &[]),
        ("Numbness in both feet when standing.", &[Why], &[]),
        ("Limited to 5 min of standing due to shortness of breath.", &[Why], &[]),
    ]);
}

#[test]
fn the_part_of_a_report_decides_what_a_line_can_be() {
    // Lines under a goals heading are goals, not activities done.
    let t = "Short Term Goals:\nIndependent with bed mobility.\nAmbulate 150 ft with RW and SBA.\n\nToday: gait training 150 ft with RW and CGA.";
    let r = analyze(t, &Options::default());
    let at = |p: &str| r.sentences.iter().find(|s| t[s.span.start as usize..s.span.end as usize].contains(p)).unwrap().labels.to_vec();
    assert!(at("Ambulate 150").contains(&Outcome) && !at("Ambulate 150").contains(&What) && !at("Ambulate 150").contains(&Measure));
    assert!(at("bed mobility").contains(&Outcome));
    // The blank line ends the goals; today's line delivers.
    assert!(at("gait training").contains(&What));
    check(&[
        // A history line delivers nothing today.
        ("History: pt attended a falls program last year and received gait training.", &[], &[What]),
        // A plan-of-care line plans skilled care: how, not what (C-HOW-7).
        ("Recommendations:\nBalance training 2x/wk for 6 wks.", &[How], &[What]),
        // Inside a line, a field label names its own sentence only.
        ("Tandem walk 4 x 20 ft, 1 LOB. Goal: walk on grass safely. 97112 x 2 units (30 min).", &[What, Outcome, Time], &[]),
    ]);
}

#[test]
fn a_goal_is_labelled_by_what_it_aims_at() {
    check(&[
        // A functional activity: outcome (C-OUT-3).
        ("Pt will ambulate 300 ft with a cane on grass in 4 wks.", &[Outcome], &[What, Measure]),
        // Only a body function: why (C-OUT-4).
        ("Patient will demonstrate 4/5 hip abductor strength.", &[Why], &[Outcome]),
        // Neither: no label (C-OUT-5).
        ("The patient will show improvement.", &[], &[Outcome, Why]),
    ]);
}

#[test]
fn a_level_told_as_the_baseline_is_a_measure_not_help_given() {
    check(&[
        ("On admission he required max A for bed mobility.", &[Measure], &[How]),
        ("She needed mod A for transfers during our first visits.", &[Measure], &[How]),
        ("Pt required min A for sit to stand x 5 today.", &[How, Measure], &[]),
    ]);
}

#[test]
fn care_told_in_the_past_perfect_came_before_this_episode() {
    check(&[
        ("She had received vestibular rehabilitation at another clinic last year.", &[], &[What]),
        ("Pt completed gait training with RW 150 ft today.", &[What], &[]),
    ]);
}

#[test]
fn a_level_without_hands_on_help_that_a_task_requires_is_a_measure_not_skill() {
    // C-HOW-2: SBA, supervision and set-up are measure only, also after "requires".
    check(&[
        ("Requires stand by assistance to climb the stairs at home.", &[Measure], &[How]),
        ("He needed supervision to get in and out of the tub.", &[Measure], &[How]),
        ("Requires moderate assistance for lower body dressing.", &[How, Measure], &[]),
    ]);
}

#[test]
fn a_named_task_headed_by_a_functional_activity_reports_that_activity() {
    // C-OUT-1: "squat pivot transfers" is a transfer; an ability to do it is an outcome.
    check(&[
        ("She is able to perform squat pivot transfers to the commode with her husband's help.", &[Outcome], &[]),
        ("Squat pivot transfers x4 with CGA and cues for hand placement.", &[What, How], &[Outcome]),
    ]);
}

#[test]
fn help_from_other_people_is_no_skilled_input() {
    // C-HOW-5: with a level a measure only; a dependence on people is no graded level.
    check(&[
        ("She needed max assistance from her daughter for bathing.", &[Measure, Outcome], &[How]),
        ("He had become dependent upon family members for grocery shopping.", &[], &[How, Measure]),
        ("Pt needed max assistance for bathing.", &[How, Measure], &[]),
    ]);
}

#[test]
fn the_words_of_a_test_named_in_title_case_name_the_test() {
    // C-MEAS-4: naming tests carries no label, whatever words their names hold.
    check(&[
        ("Reassessed with the Multiple Sclerosis Walking Scale, 6 Minute Walk and the Modified Fatigue Impact Scale.", &[], &[Outcome, Measure, Why]),
        ("Pt unable to walk to the mailbox without resting.", &[Outcome], &[]),
    ]);
}

#[test]
fn history_words_that_only_look_like_function() {
    // C-OUT-1, C-OUT-6, C-OUT-7: a disposition, working with someone, a fall as the cause of an
    // injury, and round-the-clock care are context.
    check(&[
        ("She stayed on the rehab unit until she was discharged home.", &[], &[Outcome]),
        ("I had the chance to work with her for six weeks.", &[], &[Outcome]),
        ("Admitted with a fall causing a wrist fracture.", &[], &[Outcome]),
        ("She lives with her son and has 24/7 care.", &[], &[Measure]),
        ("She fell twice last month while gardening.", &[Outcome, Measure], &[]),
    ]);
}

#[test]
fn a_line_that_only_names_an_exercise_is_the_exercise() {
    // C-WHAT-8: the exercise-name cell of an intervention table.
    check(&[
        ("Foam pad heel raises", &[What], &[]),
        ("Wobble board weight shifts\nPatient stands on the board and shifts weight side to side.", &[What], &[]),
        ("Poor static standing", &[], &[What]),
    ]);
}

#[test]
fn a_recommendation_or_a_service_the_plan_may_provide_plans_skilled_care() {
    // C-HOW-7: plan-of-care intervention lines written for the future are how, not what.
    check(&[
        ("The physio recommends hip strengthening and balance exercises to improve her stability.", &[How], &[What]),
        ("OT may also provide fine motor training to improve grasp.", &[How], &[What]),
        ("The physio gave tactile cues at the hip during stepping.", &[How], &[]),
    ]);
}

#[test]
fn a_task_in_the_imperative_with_a_degree_is_a_goal() {
    // C-OUT-3: a goal bank's lines state the task and how well it must be done (N out of M, no
    // more than N reminders, without prompting, within a time limit); an exercise given states a
    // dose instead, and a noun opening is not an imperative.
    check(&[
        ("Put on a coat with the zip done up 4 out of 5 times.", &[Outcome], &[What, How, Measure]),
        ("Get into the car with no more than 1 verbal reminder.", &[Outcome], &[What, How, Measure]),
        ("Walk to the school gate in 90 seconds without stopping.", &[Outcome], &[What, How, Measure]),
        ("Static standing on foam, 3 x 30 s, completed without cues.", &[What], &[Outcome]),
        ("Habituation: supine to sit, dizziness resolving in 40 s", &[], &[Outcome]),
    ]);
}

#[test]
fn eating_sleep_dressing_and_social_contact_are_function_in_daily_life() {
    // C-OUT-1: ICF d5 (eating, dressing), d7 (interpersonal interactions) and sleep named as a
    // limitation are outcomes, in a child's profile as in an adult's.
    check(&[
        ("She refuses most new foods at mealtimes.", &[Outcome], &[]),
        ("He avoids play with peers at nursery.", &[Outcome], &[]),
        ("Wakes at night and cannot settle.", &[Outcome], &[]),
        ("Goal: improve motor planning for putting on socks.", &[Outcome], &[]),
    ]);
}

#[test]
fn a_denied_activity_is_a_limitation() {
    // C-OUT-1: "not walking", "never walked", "no longer drives" state a limitation of function;
    // an activity not done in today's session does not.
    check(&[
        ("On admission he was bed-bound and not walking.", &[Outcome], &[]),
        ("She never walked outdoors without holding her husband's arm.", &[Outcome], &[]),
        ("Did not walk today because of knee pain.", &[], &[Outcome]),
    ]);
}

#[test]
fn an_activity_a_cue_aims_at_is_not_delivered() {
    // C-WHY-6: "provided cues to walk closer to the frame" describes the cueing; the walking is
    // what the cue aims at, not an activity the sentence delivers (nor is the task a cue was
    // needed during, in a sentence about the cueing). Cueing used as the method itself leaves
    // the activity delivered.
    check(&[
        ("Gave verbal cues to step closer to the frame.", &[How], &[What]),
        ("Provided tactile cues for her to shift weight onto the left leg.", &[How], &[What]),
        ("Verbal cues needed to keep the trunk upright during step-ups.", &[How], &[What]),
        ("Used rhythmic auditory cueing and large-amplitude movement strategies.", &[What], &[]),
    ]);
}

#[test]
fn a_deficit_the_patient_reports_is_a_reason() {
    // C-WHY-4: a motor or postural deficit in the patient's own words is `why`, in reported
    // speech as in the therapist's; one reported as easing is progress, not a reason.
    check(&[
        ("He says his left leg feels weak by the evening.", &[Why], &[]),
        ("Patient states her knees feel stiff and weak on the stairs.", &[Why], &[]),
        ("Reports the numbness in her hands is better since last week.", &[], &[Why]),
    ]);
}

#[test]
fn a_deficit_word_governs_every_item_of_the_list_after_it() {
    // C-WHY-1 and C-WHY-2 (context walker scope): "difficulty dressing, bathing, reaching and
    // balancing" names a body function in its fourth item; the items of a coordinated list all
    // stand in the deficit word's scope, however long the list.
    check(&[
        ("He has difficulty dressing, bathing, climbing stairs and balancing in standing.", &[Why], &[]),
        ("She has trouble getting up, walking, turning and coordinating her arms.", &[Why], &[]),
    ]);
}

#[test]
fn no_complaint_on_arrival_is_no_tolerance_statement() {
    // C-UNSK-2: "without c/o pain" after the session's work records tolerance (`unskilled`);
    // "no c/o pain" as the patient's status on arrival carries no label.
    check(&[
        ("Pt finished all stations without c/o fatigue or pain.", &[Unskilled], &[]),
        ("Worked hard, did well, no c/o.", &[Unskilled], &[]),
        ("Pt arrived in good spirits; no complaints of pain.", &[], &[Unskilled]),
        ("Patient cheerful this morning and keen to get started, no c/o pain.", &[], &[Unskilled]),
    ]);
}

#[test]
fn an_exercise_described_from_its_starting_position_is_the_activity() {
    // C-WHAT-1, C-WHAT-8: an exercise prescription names the starting position, then the
    // movement made in it; together they describe the activity done, in the present tense too.
    // A position with no movement, or with a limitation, is not one.
    check(&[
        ("Patient seated on a therapy ball and reaches overhead with both arms.", &[What], &[]),
        ("Pt half-kneeling on the mat, alternating arm lifts with a 1 kg weight.", &[What], &[]),
        ("Client seated in his wheelchair and presents with flaccid L arm.", &[], &[What]),
    ]);
}

#[test]
fn a_service_to_a_verb_plans_skilled_care() {
    // C-HOW-7: "Physical therapy to establish a home program", "OT to address ..." are plan-of-care
    // lines: `how`, not a delivered `what`. "Pt to walk 150 ft" is the patient's goal, not a plan.
    check(&[
        ("Physical therapy to upgrade the home exercise program and provide balance exercises.", &[How], &[What]),
        ("Skilled OT to progress fine motor training with graded putty.", &[How], &[What]),
        ("Pt to walk 150 ft with a cane in 4 weeks.", &[Outcome], &[How]),
    ]);
}

#[test]
fn a_rationale_rehearsing_a_functional_task_is_an_outcome_and_vestibular_adaptation_a_reason() {
    // C-OUT-10: an exercise's rationale naming the functional task it rehearses is `outcome`;
    // "to mimic real-life activity" names none. C-WHY-1: vestibular adaptation and compensation
    // (the mechanisms vestibular rehabilitation trains, ICF b235) are body functions.
    check(&[
        ("Simulates a functional grocery shopping task with head turns.", &[Outcome], &[]),
        ("Head turns while walking to enhance vestibular compensation.", &[Why], &[]),
        ("Reaching games to mimic real-life activity.", &[], &[Outcome]),
    ]);
}

#[test]
fn a_baseline_marker_closing_a_long_clause_governs_all_of_it() {
    // C-HOW-4: levels told as the baseline at the start of care are `measure`, not the help
    // given today, however many levels the clause lists before its time marker.
    check(&[
        ("He needed two-person maximal assistance for bed mobility and moderate assistance for supported sitting balance at evaluation.", &[Measure], &[How]),
        ("Required moderate assistance for sit to stand today.", &[How, Measure], &[]),
    ]);
}

#[test]
fn a_field_label_on_the_first_line_names_its_paragraph_and_a_plan_label_inside_it_switches_the_part() {
    // C-HOW-7: in a goal block written on one line ("Goal: ... Method: ..."), the method's
    // intervention lines plan care: `how` (+ the `why` they name), not a delivered `what`. The
    // note's first line starts a line like any other, so its field label holds for the paragraph.
    check(&[
        ("Goal: Pt will dress her upper body with set-up only in 4 weeks. Method: Seated reaching tasks with graded cones. Theraband exercises for strengthening of the UE.", &[How, Why, Outcome], &[What]),
        ("Recommendations: balance training 2x/wk. Gait training on uneven surfaces.", &[How], &[What]),
    ]);
}

#[test]
fn a_nominalised_aim_at_a_function_is_a_reason() {
    // C-WHY-1: "for strengthening", "for desensitization" name the body function the activity
    // targets (ICF b730, b270), as "for strength" does; a dose line naming strengthening is the
    // activity, not its reason.
    check(&[
        ("Step ups onto a 6 inch box for LE strengthening.", &[What, Why], &[]),
        ("Rice bin textures for desensitization of the R hand.", &[What, Why], &[]),
        ("LE strengthening 3x10 with 2# ankle weights.", &[What], &[Why]),
    ]);
}

#[test]
fn a_bare_activity_head_names_no_activity() {
    // C-WHAT-4 and C-TIME-3: "the program", "his activity program" name no activity; a
    // programme's length and session count carry no label. A modifier that names the activity
    // makes it one.
    check(&[
        ("The program ran six weeks, with two one-hour sessions each week.", &[], &[What]),
        ("He came early to work on his activity program.", &[], &[What]),
        ("Balance program 3x/week with a home handout.", &[What], &[]),
    ]);
}

#[test]
fn an_imperative_grading_a_task_parameter_is_skill() {
    // C-HOW-1, C-HOW-6, C-HOW-7: "Adjust the resistance", "Raise the table height": an imperative that
    // opens the line and grades the task is the therapist's skill, in a plan or protocol too.
    // A line opening with the same word as an adjective grades nothing.
    check(&[
        ("Adjust the band tension or the pace to keep her RPE at 13.", &[How], &[]),
        ("Raise the table height once he sits upright for 2 min.", &[How], &[]),
        ("Lower extremity strengthening with a red band, 2 x 10.", &[What], &[How]),
    ]);
}

#[test]
fn a_body_part_opening_a_new_clause_leaves_the_activity() {
    // C-OUT-1 and C-WHY-2: "unable to turn her head" moves a body part (no activity), but a body
    // part that opens an accompanying clause ("with his foot dragging", "and her knee buckled")
    // is not the object of the activity before it, which stays `outcome`.
    check(&[
        ("Needs standby assist on the curb, with her right foot dragging.", &[Outcome, Why], &[]),
        ("Walks to the mailbox and his left knee buckles.", &[Outcome, Why], &[]),
        ("Unable to lift or turn her head without pain.", &[], &[Outcome]),
    ]);
}

#[test]
fn an_amount_or_change_of_cueing_is_its_level() {
    // C-MEAS-1: the cue level or frequency is a measure, said as a change ("decreased tactile and
    // verbal cues") or an amount ("significant verbal cues") as well as a grade ("min VC").
    check(&[
        ("Pt requires substantial verbal cues to sequence the transfer.", &[How, Measure], &[]),
        ("Tandem stance with decreased tactile and verbal cues this week.", &[How, Measure], &[]),
        ("Provided verbal cues for step length during gait.", &[How], &[Measure]),
    ]);
}

#[test]
fn the_session_opening_with_an_activity_delivers_it() {
    // C-WHAT-1: "Started the session with ...", "Session began with ...", "Ended with ..." order
    // the session's activities, so the activity named was delivered; a warm-up and a cool-down are
    // phases of an exercise session (ACSM), activities in their own right.
    check(&[
        ("Started the session with a warm-up on the treadmill.", &[What], &[]),
        ("Session began with handwriting practice at the table.", &[What], &[]),
        ("Cool down on the recumbent bike.", &[What], &[]),
    ]);
}

#[test]
fn the_levels_of_the_cms_assessments_are_assist_levels() {
    // C-MEAS-1, C-HOW-4: the MDS 3.0 levels (Section GG "substantial/maximal", "partial/moderate",
    // "setup or clean-up assistance"; Section G "extensive assistance") grade the help a task
    // needs as "max A" does.
    check(&[
        ("On admission he needed substantial assistance for lower body dressing.", &[Outcome, Measure], &[]),
        ("Requires partial assistance to get in and out of the tub.", &[Outcome, Measure], &[]),
        ("Setup assistance only for oral hygiene at the sink.", &[Measure], &[]),
        ("Ind with tub transfers and grooming.", &[Outcome, Measure], &[]),
    ]);
}

#[test]
fn a_motion_examined_in_a_field_is_a_measure_not_an_activity() {
    // C-MEAS-1 and C-MEAS-3 with C-HEAD-2: "Right side bending, 30 degrees" and "Left rotation,
    // within normal limits" are range-of-motion findings; the motion is the examined item, not
    // a functional activity (no `outcome`).
    check(&[
        ("Left side bending, 25 degrees with pulling at end range.", &[Measure], &[Outcome]),
        ("Right side bending, within normal limits.", &[Measure], &[Outcome]),
        ("Pt reports pain with bending to load the dishwasher.", &[Outcome], &[Measure]),
    ]);
}

#[test]
fn a_task_an_exercise_rehearses_is_not_delivered() {
    // C-OUT-10: "Mimic a functional reaching task", "Simulates stepping onto a bus": the task an
    // exercise rehearses is its rationale (`outcome`), not an activity done; a simulated task
    // reported as done is one.
    check(&[
        ("Simulate functional kitchen tasks while turning the head.", &[Outcome], &[What]),
        ("Replicates functional reaching activities at work.", &[Outcome], &[What]),
        ("Simulated community ambulation over grass and curbs, 200 ft.", &[What], &[]),
    ]);
}

#[test]
fn fear_named_as_a_present_barrier_is_a_reason() {
    // C-WHY-5 (fear of falling, of a movement or of a surface, as a present barrier: `why`) and
    // C-WHY-4 / C-MEAS-7 (its absence carries no label): fear is an emotional function (ICF b152).
    check(&[
        ("He remains fearful of stepping off curbs.", &[Why], &[]),
        ("Anxiety about stairs keeps her on the ground floor.", &[Why], &[]),
        ("Her fear of falling limits her walking in the community.", &[Why, Outcome], &[]),
        ("Walks to the mailbox without fear of falling.", &[], &[Why]),
        ("Fear of falling rated 7/10 on arrival.", &[Measure], &[Why]),
    ]);
}

#[test]
fn a_result_reached_or_stated_in_words_is_a_measure() {
    // C-MEAS-1, C-MEAS-3 (K10), C-WHY-9, C-HOW-5: a score changed "from ... to ... by
    // discharge" is a result, not a goal's criterion; the time a task takes the patient, a test
    // result in words and the count of helpers are measures.
    check(&[
        ("Her Tinetti improved from 12/28 to 22/28 by discharge.", &[Measure], &[Outcome]),
        ("Needs 30 minutes to complete upper body bathing.", &[Measure], &[]),
        ("He scored poorly on the standardized balance tests.", &[Measure], &[]),
        ("Marked improvement in all balance testing since the evaluation.", &[Measure], &[]),
        ("Transfers bed to chair needing assistance of 2.", &[Measure], &[How]),
        ("Pt will improve from mod A to min A for transfers by discharge.", &[Outcome], &[Measure]),
    ]);
}

#[test]
fn a_result_stated_in_words_is_a_measure() {
    // C-MEAS-3 and K10: a grade that changed ("improved from poor to fair"), gains "on the outcome
    // measures" and "scored poorly on the balance tests" give the finding itself; in a goal they
    // are targets (C-MEAS-6).
    check(&[
        ("Standing balance went from poor and has improved to fair this month.", &[Measure], &[]),
        ("By discharge he made large improvements on all of his outcome measures.", &[Measure], &[]),
        ("On re-assessment she scored poorly on the standing balance tests.", &[Measure], &[]),
        ("Improvement in his walking since the fall.", &[], &[Measure]),
    ]);
}

#[test]
fn an_activity_named_with_an_ability_or_deficit_noun_is_the_outcome() {
    // C-OUT-1: a functional activity named as a limitation or ability ("transfer deficits",
    // "walking ability") is `outcome`; a gait named by its deficits is an impairment (C-WHY-2),
    // and a body function with a deficit noun is `why` only.
    check(&[
        ("Presents with neglect, poor sitting balance and transfer deficits.", &[Outcome], &[]),
        ("Her walking ability has improved since the brace was fitted.", &[Outcome], &[]),
        ("Gait deficits and poor trunk control.", &[Why], &[Outcome]),
        ("Coordination deficits in the left hand.", &[Why], &[Outcome]),
    ]);
}

#[test]
fn an_impairment_observed_after_a_diagnosis_is_a_reason() {
    // C-WHY-2 with ConText's terminate words: "diagnosed with X" names a diagnosis, so the words
    // right after it are not an impairment observed; what follows "after showing" or
    // "presenting with" is one.
    check(&[
        ("Diagnosed with a cerebellar stroke after showing impaired coordination of the left arm.", &[Why], &[]),
        ("Testing indicating dizziness with head turns.", &[], &[Why]),
    ]);
}

#[test]
fn a_clinician_who_perceives_feels_or_meets_decides_nothing() {
    // C-HOW-1 and C-HOW-6: the skill is a decision about the care ("I lowered the step"); a
    // clinician's auxiliary, feeling, perception or visit in a narrative is no skill.
    check(&[
        ("I had the chance to treat her twice a week.", &[], &[How]),
        ("I cared a great deal about her progress.", &[], &[How]),
        ("I told her mother about the next appointment.", &[], &[How]),
        ("I lowered the step height after she lost her balance twice.", &[How], &[]),
    ]);
}

#[test]
fn the_writer_narrating_makes_no_decision() {
    // C-HOW-6 needs a change of the task made on the patient's response, and C-HOW-8 says that
    // observing is not in itself `how`: a first-person verb of being there, meeting, perceiving or
    // thinking narrates a case; a first-person change of the task is still `how`.
    check(&[
        ("I visited him at home twice a week during the spring.", &[], &[How]),
        ("We observed that she leaned to the left when tired.", &[], &[How]),
        ("I dimmed the lights after her third steady trial.", &[How], &[]),
    ]);
}

#[test]
fn complaints_and_interests_listed_are_not_care_given() {
    // C-WHAT-1 and C-OUT-6: a list of complaints or of what the patient enjoys names problems
    // and life roles, not a task done in the session; the session's own report stays `what`.
    check(&[
        ("Problems included difficulty with transfers and stair climbing.", &[], &[What]),
        ("He enjoys music, hiking, walking, and riding a tandem bike with his grandson.", &[], &[What]),
        ("Pt completed an obstacle course with stepping stones to improve balance.", &[What], &[]),
    ]);
}

#[test]
fn a_subject_who_noticed_something_did_no_task() {
    // C-WHAT-1 / C-WHAT-7: "she noticed", "he realized" report a perception; the patient
    // performed no task in the session.
    check(&[
        ("She noticed her handwriting getting smaller last year.", &[], &[What]),
        ("He realized his left foot was catching on the rug.", &[], &[What]),
    ]);
}

#[test]
fn a_named_rehabilitation_programme_delivered_is_the_activity() {
    // C-WHAT-1 / C-WHAT-5: a sentence describing the programme delivered is `what`, also when the
    // programme is named as the guidelines name it (locomotor training, tai chi, the Otago
    // program) or the therapist "took the patient through" it.
    check(&[
        ("The therapist took her through the tai chi form twice.", &[What], &[]),
        ("He completed twelve sessions of treadmill training.", &[What], &[]),
    ]);
}

#[test]
fn regaining_or_restoring_an_activity_is_its_purpose() {
    // C-OUT-1 / C-OUT-2: a functional activity named as the aim ("the restoration of walking",
    // "to regain independent bathing") is `outcome`; a body function as the aim is `why`.
    check(&[
        ("The chief aim of the programme was the restoration of walking outdoors.", &[Outcome], &[]),
        ("Training was associated with restoration of community walking with a cane.", &[Outcome], &[]),
        ("He will regain elbow range of motion to 120 degrees within a month.", &[Why], &[]),
        ("The patient will regain shoulder flexion from 90 to 140 degrees in order to comb her hair.", &[Why, Outcome], &[]),
    ]);
}

#[test]
fn the_patients_overall_ability_stated_as_a_status_is_the_outcome() {
    // C-OUT-1: a reported ability is `outcome`; "was functional", "has been functional" and
    // "physically active" state the patient's ability in daily life as a whole.
    check(&[
        ("Before the stroke he was functional in the community.", &[Outcome], &[]),
        ("He says he has been functional despite the weakness in his left arm.", &[Outcome, Why], &[]),
        ("The patient is physically active and walks daily.", &[Outcome], &[]),
    ]);
}

#[test]
fn instruction_is_skilled_when_it_shapes_the_technique() {
    // C-HOW-9: instruction in which the therapist makes sure of the movement quality (technique,
    // sequence, hand placement) is `how`; handing over a programme or activities is the activity
    // only.
    check(&[
        ("Instructed patient in a home program of heel raises, bridges and side stepping.", &[What], &[How]),
        ("Instructed the caregiver in community outings and household chores for the weekend.", &[], &[How]),
        ("Instructed pt to perform sit to stand with correct hand placement on the armrests.", &[How], &[]),
    ]);
}

#[test]
fn a_plan_that_brings_in_another_service_is_a_decision() {
    // C-HOW-7: a referral or a request to another discipline adds a service to the plan of care.
    check(&[
        ("Will ask the OT to assess her need for a tub bench.", &[How], &[]),
        ("Will refer to neuro-optometry for convergence testing.", &[How], &[]),
    ]);
}

#[test]
fn treatment_abbreviated_delivers_its_activity() {
    // C-WHAT-1: "Rx" and "Tx" abbreviate treatment; "Rx with therex" reports the activity given,
    // as "treated with therex" does.
    check(&[
        ("Rx with therex per flowsheet.", &[What], &[]),
        ("Tx with NMR and gait training today.", &[What], &[]),
    ]);
}

#[test]
fn the_functions_a_test_examines_are_not_impairments() {
    // C-MEAS-1 and C-WHY-2: "tests of sensation and strength" names what was examined; the
    // finding after "revealed" is the impairment.
    check(&[
        ("Initial and follow-up tests of sensation, strength, sitting balance and spasticity were completed.", &[], &[Why]),
        ("Testing of standing balance revealed impaired postural control.", &[Why], &[]),
    ]);
}
