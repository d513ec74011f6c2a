#!/usr/bin/env python3
"""Generate tests/corpus/heldout.jsonl: 30 hand-labelled 97112 treatment notes (held out).

usage: python3 make_heldout.py        (writes heldout.jsonl next to this script)

This set tests whether the engine generalises beyond corpus/dev.jsonl. It was written
without looking at the engine. It leans on what the dev set has little of: OT notes (UE
coordination, fine motor, ADL/IADL retraining with neuro targets, visual-perceptual work,
neglect, apraxia), pediatric notes, terse shorthand with arrows and inch/foot marks, bullet
("-", "*", "•") and numbered lists, EHR template fields (Assist level:, Pain:, Interventions:,
Time In/Out, Total Timed Minutes:, CPT 97112 x3), ALL-CAPS headers, "A/P:" blocks, Windows
line endings, and billing over two or three timed codes.

Data layout, build, validation and output format are those of shared/corpus/make_dev.py:
each note is a dict (id, sep, billing, mismatch, paras); each paragraph is a list of
(sentence_text, [labels]); sentences of a paragraph are joined by one space, paragraphs by
the note's separator; offsets are Python str indices, end exclusive.

Labels follow spec/annotation-guide.md and every convention in the make_dev.py docstring
(headers [], plan for next visit = how not what, SBA/supervision/independent = measure
only, CGA/min/mod/max A and graded cues = how+measure, bare cues = how, what a cue or
assist is for is not why, diagnoses alone are not why, goal targets are not measure,
task practice delivered in the session is what not outcome, a code named inside an
activity line ("Therapeutic activities (97530): ...") is not time, billing = totals).
Decisions added here for cases the dev docstring does not settle:

* "Time In: 1015  Time Out: 1100" is the visit clock, not minutes or units billed for the
  code: no label. "Total Timed Minutes: 38" and "CPT 97112 x3" are `time`.
* units_minutes_mismatch uses total timed minutes against total units over all timed codes
  (CMS total-time method), even when each code taken alone would round to its units
  (ho-007: 12 + 24 + 8 = 44 min = 3 units, billed 1 + 2 + 1 = 4 -> mismatch).
* A plan that names a functional task for a later visit ("add LB dressing", "outdoor curb
  practice", "car-transfer simulation") is how + outcome, as dev-018/dev-024 do.
* ADL/IADL practice delivered in the session (self-feeding trials, grooming at the sink,
  sliding-board transfers) is `what`, like gait practice; the ADL is `outcome` only when
  named as a goal, purpose, limitation or reported ability.
* Patient-reported symptoms without a rating ("c/o dizziness", "fatigue noted", "denies
  pain") are not `measure`; the functional situation they limit can be `outcome`.
* "encouraged", "progressing well toward goals", "good participation" are not in the
  unskilled phrase list of the dev conventions and are not labelled `unskilled`.
"""
import json
import os
import sys

W, Y, H, O, M, T, U = "what", "why", "how", "outcome", "measure", "time", "unskilled"
LABELS = {W, Y, H, O, M, T, U}

NOTES = [
    # ---------------------------------------------------------------- ho-001
    # OT; R MCA CVA with L inattention; inpatient rehab; full SOAP, headers on own lines;
    # strong; 40 min = 3 u (agree)
    dict(id="ho-001", sep="\n", billing=(40, 3), mismatch=False, paras=[
        [("OT Daily Treatment Note – Inpatient Rehab", [])],
        [("Subjective:", [])],
        [("Pt states “I keep missing the left sleeve” when dressing with nursing this morning.", [O]),
         ("Denies pain.", [])],
        [("Objective:", [])],
        [("OT provided neuromuscular re-education for L visual inattention and L UE motor control during seated ADL tasks.", [W, Y]),
         ("Visual scanning: pt located items placed on a L-sided grooming tray (comb, toothbrush, deodorant, washcloth) using a red anchor line at the L edge of the sink, 3 trials of 8 items.", [W, H]),
         ("Items found on L: 3/8, 5/8, 7/8 across trials; anchor was moved 5 cm further L after trial 2 to grade the demand.", [M, H]),
         ("UB dressing with hemi-technique (L arm in sleeve first) in supported sitting, 2 trials, with OT providing tactile cues at the L wrist and verbal cues to “find your left hand” before each step.", [W, H]),
         ("Trial 1 mod verbal cues and min A to thread L sleeve; trial 2 min verbal cues, no physical assist.", [H, M]),
         ("Sitting balance during dressing: 1 LOB to L, corrected with CGA.", [M, H])],
        [("Assessment:", [])],
        [("Pt continues to show L inattention that worsens with fatigue, and delayed L trunk righting in sitting.", [Y]),
         ("L scanning is more accurate with the anchor cue, supporting a fade to verbal-only cueing.", [Y, H]),
         ("These deficits limit independent UB dressing and grooming, which pt needs before d/c home with her daughter.", [O])],
        [("Plan:", [])],
        [("Next session fade the anchor line to a verbal cue only and add LB dressing at EOB.", [H, O]),
         ("Goal: UB dressing with supervision and ≤ 1 verbal cue in 1 wk.", [O]),
         ("NMR 40 min (3 units).", [T])],
    ]),
    # ---------------------------------------------------------------- ho-002
    # PT; Parkinson's disease; outpatient; terse shorthand; poor; MISMATCH (20 min = 1 u)
    dict(id="ho-002", sep="\n", billing=(20, 2), mismatch=True, paras=[
        [("Pt w/ PD, seen for NMR.", [W])],
        [("amb 150' x2 w/ RW SBA, ↓ step length, festinating on turns.", [W, M, Y])],
        [("marching, toe taps, side stepping @ counter 2x10 ea.", [W])],
        [("STS x10 from std chair.", [W])],
        [("pt did well, no c/o.", [U])],
        [("cont POC.", [U])],
        [("97112 x2 units (20 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-003
    # PT; R posterior canal BPPV; outpatient; EHR template with • bullets; CRLF; poor;
    # units only
    dict(id="ho-003", sep="\r\n", billing=None, mismatch=False, paras=[
        [("PHYSICAL THERAPY DAILY NOTE", [])],
        [("Dx: R posterior canal BPPV", [])],
        [("Pain: 0/10", [M])],
        [("Assist level: Independent", [M])],
        [("Dix-Hallpike: R (+) with upbeating torsional nystagmus, L (–).", [M])],
        [("Interventions:", [])],
        [("• Epley maneuver R x2", [W])],
        [("• Brandt-Daroff HEP reviewed", [W])],
        [("• Balance exercises per flowsheet", [W])],
        [("Pt tolerated tx well, no adverse reaction.", [U])],
        [("Plan: cont POC.", [U])],
        [("CPT 97112 x1", [T])],
    ]),
    # ---------------------------------------------------------------- ho-004
    # OT; MS with R UE ataxia/intention tremor; outpatient; • bullets; partial (no outcome)
    dict(id="ho-004", sep="\n", billing=(30, 2), mismatch=False, paras=[
        [("OT Treatment Note", [])],
        [("Dx: secondary progressive MS", [])],
        [("• Finger-to-target on a tabletop grid with R UE, 3 × 10, to decrease R UE dysmetria and intention tremor", [W, Y])],
        [("• OT added a 1 lb wrist weight on sets 2-3 after tremor amplitude increased with fatigue", [H, Y])],
        [("• Target accuracy 6/10 (set 1) → 9/10 (set 3)", [M])],
        [("• 9HPT R 38.4 s, L 24.1 s", [M])],
        [("• Bilateral in-hand manipulation: coin rotation and translation, 2 × 2 min", [W])],
        [("• Fatigue 4/10 at end", [M])],
        [("• 97112 x 2 units (30 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-005
    # PT; pediatric spastic diplegic CP; outpatient; narrative; strong
    dict(id="ho-005", sep="\n\n", billing=(26, 2), mismatch=False, paras=[
        [("Pt is a 6 y/o girl with spastic diplegic CP, seen in the outpatient peds gym with her dad.", []),
         ("Dad reports she falls 3-4 times a day at daycare when turning to follow other kids, and she cannot yet climb the slide ladder.", [M, O])],
        [("Treatment targeted impaired anticipatory postural control and limited single-limb stability, with the L weaker than the R.", [Y]),
         ("She stood on the L foot to kick a ball to a target, 3 x 8, and walked a 4 in wide beam forward and sideways, 6 passes.", [W]),
         ("PT provided light hand-held assist at the pelvis on the beam and facilitated L hip extension with tactile input at the gluteals during stance.", [H, M]),
         ("Kicks: 5/8 on target in set 1 and 7/8 in set 3; beam step-offs dropped from 4 to 1 per pass.", [M]),
         ("Once she completed 2 passes without a step-off, PT removed hand support and added a cup of water to carry.", [H, M]),
         ("Squat-to-stand to pick up rings from the floor, 2 x 10, was used to train anticipatory trunk and hip control, with a tall mirror for feedback.", [W, Y, H])],
        [("Goal: climb the 5-rung slide ladder and turn to follow peers at daycare without falling.", [O]),
         ("97112 x 2 units (26 min).", [T])],
    ]),
    # ---------------------------------------------------------------- ho-006
    # PT; older adult fall risk; SNF; ALL-CAPS headers; poor; split billing lines;
    # MISMATCH (37 min = 2 u)
    dict(id="ho-006", sep="\n", billing=(37, 3), mismatch=True, paras=[
        [("SUBJECTIVE", [])],
        [("Pt c/o being tired today.", [])],
        [("OBJECTIVE", [])],
        [("Pt performed standing balance exercises at parallel bars as tolerated.", [W, U]),
         ("Marching, heel raises, side steps, mini squats 2x15.", [W]),
         ("Ball toss in sitting 5 min.", [W])],
        [("ASSESSMENT", [])],
        [("Pt tolerated tx well.", [U]),
         ("Pt continues to benefit from skilled PT to reduce fall risk.", [U, O])],
        [("PLAN", [])],
        [("Continue per POC.", [U])],
        [("Total timed minutes: 37", [T])],
        [("CPT 97112 x3", [T])],
    ]),
    # ---------------------------------------------------------------- ho-007
    # PT; L bimalleolar ankle fx s/p ORIF, proprioception; outpatient; - bullets; partial
    # (no why); three codes, each rounds alone but total 44 min = 3 u, billed 4: MISMATCH
    dict(id="ho-007", sep="\n", billing=(44, 4), mismatch=True, paras=[
        [("L bimall ankle fx s/p ORIF 10 wks, FWB in shoe.", []),
         ("c/o L ankle “giving way” on uneven grass at the dog park.", [O])],
        [("- Ther ex: calf raises 3x15, seated BAPS AROM 2 min, bike 6 min", [W])],
        [("- NMR: SLS L on firm 4x30s EO, then airex 3x20s; tandem walk fwd/bkwd 4 laps; star excursion reach w/ L stance 2x5", [W])],
        [("- SLS L firm 30\" EO, 9\" EC (R 30\" / 28\")", [M])],
        [("- VC to ↓ hip hike and keep knee soft on airex", [H])],
        [("- Manual: L talocrural post glides gr III 3x30s", [W])],
        [("- Pt amb 200' w/o AD", [W])],
        [("- 97110 x1 (12 min), 97112 x2 (24 min), 97140 x1 (8 min) = 4 units", [T])],
    ]),
    # ---------------------------------------------------------------- ho-008
    # OT; Parkinson's disease, micrographia and fine motor; outpatient; numbered list, A/P;
    # strong; 97112 + 97535: 38 min = 3 u (agree)
    dict(id="ho-008", sep="\n", billing=(38, 3), mismatch=False, paras=[
        [("OT Visit 5 – Parkinson’s disease", [])],
        [("S:", []),
         ("Pt reports his signature on checks has become “tiny and shaky” and he needs 10+ min to button his shirt.", [O, M])],
        [("O:", [])],
        [("1. Large-amplitude handwriting drills on a vertical whiteboard then on lined paper, 4 x 1 min, to address micrographia and reduced movement amplitude.", [W, Y])],
        [("2. OT used 1 in guide lines and the verbal cue “big letters” and faded lines to every other row once letter height was consistent.", [H])],
        [("3. Letter height increased from 3 mm to 7 mm on a 10-word sentence; legibility 8/10 words.", [M])],
        [("4. Rapid alternating finger-thumb opposition with a metronome stepped from 60 → 90 bpm, 3 x 30 s, to improve sequencing and rhythm of distal movements.", [W, Y, H])],
        [("5. Buttoning board (large → medium buttons), 3 trials: 2:40, 2:05, 1:48 for 5 buttons.", [W, M])],
        [("6. Self-care management (97535): pt educated on a built-up pen and shirts with magnetic closures as backup.", [W])],
        [("A/P:", []),
         ("Bradykinesia and reduced amplitude of distal movement still limit buttoning and signing his name; pt responds to external cueing.", [Y, O, H]),
         ("Progress to smaller buttons and writing without guide lines next visit.", [H])],
        [("97112 x2 (28 min), 97535 x1 (10 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-009
    # PT; bilateral vestibular hypofunction (ototoxic); outpatient; inline S:/O:, A/P;
    # CRLF; strong; 45 min = 3 u (agree)
    dict(id="ho-009", sep="\r\n", billing=(45, 3), mismatch=False, paras=[
        [("S:", []),
         ("Pt reports oscillopsia when walking in the hallway at work and 2 near-falls in the dark this week; dizziness 3/10 today.", [M, O])],
        [("O:", []),
         ("DVA 5-line loss (eval 7-line loss); mCTSIB cond 4: 6 s.", [M]),
         ("VOR x1 horizontal and vertical, standing on firm then foam, 3 × 1 min each, to improve gaze stability and reduce oscillopsia.", [W, Y]),
         ("Head speed was set with a metronome at 120 bpm and lowered to 100 bpm on foam when target blur persisted.", [H]),
         ("Gait with horizontal head turns 6 x 50 ft in the hallway, then in a dimmed room, to train substitution with somatosensory cues for postural control.", [W, Y]),
         ("PT guarded at the gait belt with CGA on dim-light trials and cued a wider BOS after 2 lateral LOB.", [H, M]),
         ("Symptoms peaked at 5/10 and settled to 3/10 within 2 min of rest.", [M]),
         ("FGA 17/30 (eval 12/30).", [M])],
        [("A/P:", []),
         ("Gaze and postural instability from bilateral vestibular loss persist, with ongoing fall risk in low light and on uneven ground.", [Y, O]),
         ("Progress to VOR x2 and foam with EC next visit; goal is to walk the parking garage after dark and return to full shifts at work without near-falls.", [H, O])],
        [("NMR 45 min (3 units).", [T])],
    ]),
    # ---------------------------------------------------------------- ho-010
    # PT; PPPD; outpatient; narrative; partial (no how)
    dict(id="ho-010", sep="\n\n", billing=(16, 1), mismatch=False, paras=[
        [("Pt is a 44 y/o teacher with persistent postural-perceptual dizziness following vestibular neuritis last spring.", []),
         ("She reports swaying sensations 4/10 in the grocery store and avoids the school cafeteria at lunch.", [M, O])],
        [("Habituation to visual motion: standing in front of a busy-patterned video, 3 x 2 min, and walking the clinic hallway while scanning posters, 4 laps, to reduce visual dependence and visually provoked dizziness.", [W, Y]),
         ("Symptoms rose to 6/10 on the video and returned to 4/10 after 90 s.", [M]),
         ("Relaxed stance and diaphragmatic breathing were reviewed for use between sets.", [W]),
         ("Pt was encouraged to resume short store trips.", [O])],
        [("97112 x 1 unit (16 min).", [T])],
    ]),
    # ---------------------------------------------------------------- ho-011
    # PT; TBI; inpatient rehab; EHR template (Time In/Out, Assist level, Total Timed
    # Minutes, CPT line); partial (no why); 38 min = 3 u (agree)
    dict(id="ho-011", sep="\n", billing=(38, 3), mismatch=False, paras=[
        [("Neuro Rehab PT – Daily Note", [])],
        [("Time In: 1015  Time Out: 1100", [])],
        [("Assist level: CGA", [H, M])],
        [("Pain: 2/10 HA", [M])],
        [("Interventions:", [])],
        [("- Dual-task gait: walking 150 ft while naming grocery items by category, 4 trials", [W])],
        [("- Obstacle negotiation: step over 3 hurdles and around cones, 5 rounds", [W])],
        [("- Tandem stance on foam 3 x 30 s", [W])],
        [("Response: 2 LOB on dual-task trials requiring CGA to recover; gait speed slowed 30% when naming items.", [M, H])],
        [("Cues: mod VC for sequencing hurdles, faded to min VC by round 5.", [H, M])],
        [("Goal: amb on unit ind without LOB for d/c home.", [O])],
        [("Total Timed Minutes: 38", [T])],
        [("CPT 97112 x3", [T])],
    ]),
    # ---------------------------------------------------------------- ho-012
    # OT; TBI with L homonymous hemianopia, figure-ground; outpatient; SOAP; strong;
    # 97112 + 97535: 40 min = 3 u (agree)
    dict(id="ho-012", sep="\n", billing=(40, 3), mismatch=False, paras=[
        [("S:", []),
         ("Pt reports bumping into door frames on his L and can’t find items in his fridge.", [O])],
        [("O:", []),
         ("Pt is 4 mo s/p TBI with L homonymous hemianopia and impaired visual figure-ground discrimination.", [Y]),
         ("OT provided NMR for visual scanning: saccadic scanning to L on a light board, 3 x 60 s, to improve compensatory head and eye movement into the L field.", [W, Y]),
         ("Hits 34, 41, 46 per 60 s; L-field reaction time 1.4 s → 1.1 s.", [M]),
         ("OT graded the task by adding a simultaneous counting task on trial 3 once hits exceeded 40.", [H, M]),
         ("Figure-ground: locating 10 named items in a cluttered refrigerator mock-up, 2 trials, with a verbal cue to use a L-to-R scanning pattern.", [W, H]),
         ("Found 6/10 items in trial 1 and 9/10 in trial 2; 2 items on the L shelf missed without cue.", [M]),
         ("Self-care/home management (97535): simple sandwich prep, with OT staging items on the L of the counter to force L-field scanning.", [W, H, Y])],
        [("A:", []),
         ("L field loss persists and pt uses a compensatory scan only when cued, which limits safe meal prep and walking in crowded spaces.", [Y, H, O])],
        [("P:", []),
         ("Fade verbal cues and practice scanning during community mobility in the hospital lobby next session.", [H, O]),
         ("97112 x2 (25 min), 97535 x1 (15 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-013
    # PT; chemo-induced peripheral neuropathy; outpatient; poor; MISMATCH (21 min = 1 u)
    dict(id="ho-013", sep="\n", billing=(21, 2), mismatch=True, paras=[
        [("Dx: CIPN B feet.", [])],
        [("Pt performed balance exercises on foam and firm surfaces.", [W, U]),
         ("Tandem stance, SLS, heel/toe walking 3 laps.", [W]),
         ("Pt tolerated well with no c/o.", [U]),
         ("Will progress as tolerated.", [U])],
        [("97112 x 2 units (21 min).", [T])],
    ]),
    # ---------------------------------------------------------------- ho-014
    # PT; L cerebellar hemorrhage, ataxia; outpatient; * bullets; strong; 41 min = 3 u
    dict(id="ho-014", sep="\n", billing=(41, 3), mismatch=False, paras=[
        [("Dx: L cerebellar hemorrhage (3 mo)", [])],
        [("* Findings: L limb ataxia, truncal sway in sitting without UE support, wide BOS gait; SARA 14/40 (eval 19/40)", [Y, M])],
        [("* Pt wants to walk to the bus stop (0.3 mi) without a cane by August", [O])],
        [("* Quadruped → tall kneeling → half kneeling transitions, 3 x 5, to improve trunk stability and proximal control for gait", [W, Y, O])],
        [("* Therapist gave rhythmic stabilization at the shoulders and pelvis in half kneel and progressed to no UE support on set 3 when sway lessened", [H])],
        [("* Heel-to-shin and foot tapping to floor targets in sitting, L LE, 3 x 10, with a metronome at 60 bpm for rhythm", [W, H])],
        [("* Target accuracy L 12/30 → 21/30", [M])],
        [("* Gait with weighted vest (2% BW) on a 12 in path, 4 x 40 ft, CGA, 3 step-outs in lap 1, 0 in lap 4", [W, H, M])],
        [("* Pt educated on wide-BOS turning strategy for getting to the bathroom at night", [W, O])],
        [("* 97112 x 3 units (41 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-015
    # PT; Guillain-Barré syndrome; SNF; inline SOAP; CRLF; partial; 23 min = 2 u (agree)
    dict(id="ho-015", sep="\r\n", billing=(23, 2), mismatch=False, paras=[
        [("Skilled Nursing – PT Treatment Note (Guillain-Barré)", [])],
        [("S:", []),
         ("Pt reports B foot numbness unchanged and wants to walk to the dining room with her walker.", [O])],
        [("O:", []),
         ("Seated trunk perturbations EOB 2 x 10.", [W]),
         ("Standing in // bars: lateral weight shifts, mini-squats, and alternating heel raises 2 x 10 each with B UE support.", [W]),
         ("Min A for sit↔stand from w/c x4 with VC for hand placement.", [W, H, M]),
         ("SpO2 96%, HR 98 after standing.", [M])],
        [("A:", []),
         ("Impaired proprioception in B feet and weak B ankle dorsiflexors limit standing balance.", [Y])],
        [("P:", []),
         ("Cont POC.", [U])],
        [("NMR 23 min, 2 units", [T])],
    ]),
    # ---------------------------------------------------------------- ho-016
    # PT; C4 central cord syndrome (iSCI); outpatient; terse with arrows and ″ marks;
    # partial (no outcome); MISMATCH (52 min = 3 u)
    dict(id="ho-016", sep="\n", billing=(52, 4), mismatch=True, paras=[
        [("C4 central cord, AIS D, 9 mo post.", [])],
        [("pt amb 300' w/ L AFO + SPC, SBA; ↑ scissoring w/ fatigue → cued wider BOS.", [W, M, Y, H])],
        [("Lateral stepping over 4\" hurdles 3x10 ea dir, TC @ glut med B.", [W, H])],
        [("SLS R 6\", L 3\" EO; EC <1\" B.", [M])],
        [("Perturbations in standing, A/P and lat, 2x10, CGA, 2 LOB (post).", [W, H, M])],
        [("Berg 44/56 (↑ from 39).", [M])],
        [("NMR 52 min = 4 units", [T])],
    ]),
    # ---------------------------------------------------------------- ho-017
    # OT; L CVA with R hemiparesis; SNF; template; poor; units only
    dict(id="ho-017", sep="\n", billing=None, mismatch=False, paras=[
        [("OT Treatment Note – SNF", [])],
        [("Pt seen for R UE NMR.", [W]),
         ("Pt performed UE exercises with R arm: cone stacking, pegboard, theraputty.", [W, U]),
         ("Pt did well today.", [U]),
         ("Continue per POC.", [U])],
        [("97112 x 1 unit", [T])],
    ]),
    # ---------------------------------------------------------------- ho-018
    # PT; pediatric developmental coordination disorder; outpatient; - bullets; partial
    # (no why, no how); minutes only
    dict(id="ho-018", sep="\n", billing=None, mismatch=False, paras=[
        [("Peds PT – DCD, visit 8", [])],
        [("- Mom reports pt still can’t ride his bike without training wheels and falls off the monkey bars at recess", [O])],
        [("- Jumping jacks, skipping, and cross-crawl marching, 4 x 30 s each", [W])],
        [("- Scooter board prone pulls 4 laps", [W])],
        [("- Catching a tennis ball after 1 bounce 3 x 10; caught 4/10 → 7/10", [W, M])],
        [("- Standing on 1 foot: R 6\", L 4\"", [M])],
        [("- NMR: 30 min", [T])],
    ]),
    # ---------------------------------------------------------------- ho-019
    # PT; older adult fall risk; home health; narrative; CRLF blank lines; strong;
    # 35 min = 2 u (agree)
    dict(id="ho-019", sep="\r\n\r\n", billing=(35, 2), mismatch=False, paras=[
        [("Home health PT visit 7 for an 88 y/o woman who lives alone and fell twice in the past 2 months while turning from her kitchen sink.", [M, O]),
         ("Pain: 2/10 R knee.", [M])],
        [("NMR in the kitchen targeted delayed stepping reactions and reduced lateral weight shift during turns: 180° turns at the sink 3 x 6 each direction, then side-stepping along the counter with a tray, 4 x 8 ft.", [W, Y]),
         ("PT guarded with a gait belt, cued her to step rather than pivot on her heels, and slowed the turn pace when she reached for the counter.", [H]),
         ("Turns completed with a step strategy on 9/12 in set 1 and 12/12 in set 3; 1 near-LOB, no falls.", [M]),
         ("Lateral lean-and-release at the counter, 2 x 8, to train protective side-stepping, with PT grading the lean from small to moderate.", [W, Y, H]),
         ("She needed 2 or more steps to recover on 4/8 in set 1 and 2/8 in set 2.", [M])],
        [("30-s chair stand 7 reps; TUG 15.9 s with SPC (SOC 19.4 s).", [M]),
         ("Turning and reactive stepping remain impaired and place her at high risk for falls when carrying items in the kitchen.", [Y, O]),
         ("Goal: prepare a light meal and carry it to the table with SPC and no LOB in 3 wks.", [O]),
         ("97112 x 2 units (35 min).", [T])],
    ]),
    # ---------------------------------------------------------------- ho-020
    # PT; R TKA, proprioception; outpatient; inline SOAP; partial (no how);
    # three codes: 15 + 14 + 10 = 39 min = 3 u, billed 3 (agree)
    dict(id="ho-020", sep="\n", billing=(39, 3), mismatch=False, paras=[
        [("S:", []),
         ("Pt is 5 wks s/p R TKA; reports knee pain 4/10 and difficulty descending stairs at her daughter’s house.", [M, O])],
        [("O:", []),
         ("AROM R knee 4-108°.", [M]),
         ("Ther ex: recumbent bike 8 min, LAQ 2x15, SLR 2x10.", [W]),
         ("NMR: SLS R on foam 3 x 20 s, lateral step-downs from a 4 in step 2 x 10, R knee joint position matching to 45° with eyes closed x 10.", [W]),
         ("JPS error 7° avg.", [M]),
         ("Manual: patellar mobs and tibiofemoral ext mobs gr III.", [W])],
        [("A:", []),
         ("Improving ROM and proprioception, still hesitant on stairs.", [Y, O])],
        [("P:", []),
         ("Cont POC, progress NMR as tolerated.", [U])],
        [("97110 x1 (15 min), 97112 x1 (14 min), 97140 x1 (10 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-021
    # PT; R pontine infarct, L LE dysmetria; inpatient rehab; ALL-CAPS headers; strong;
    # 55 min = 4 u (agree)
    dict(id="ho-021", sep="\n", billing=(55, 4), mismatch=False, paras=[
        [("SUBJECTIVE:", [])],
        [("Pt reports he wants to shower standing and walk his dog again; no dizziness today.", [O])],
        [("OBJECTIVE:", [])],
        [("Pt is 3 wks s/p R pontine infarct.", []),
         ("NMR to address L LE dysmetria and delayed L foot placement: stepping to numbered floor targets at varying distances, 4 x 10, with targets called out in random order to prevent anticipation.", [W, Y, H]),
         ("PT provided tactile cues at the L ankle dorsiflexors on early trials and faded to verbal only once target accuracy reached 8/10.", [H, M]),
         ("Accuracy L 5/10 → 9/10; R 10/10.", [M]),
         ("Standing on a half foam roll, flat side down, with reaching across midline, 3 x 8, to improve ankle strategy and postural control during weight transfer.", [W, Y]),
         ("CGA with 2 posterior LOB on set 1; PT shortened reach distance and added a wall at his back for set 2, with no LOB on sets 2-3.", [H, M]),
         ("Tub-transfer bench sit↔stand with reach for shower caddy, 5 reps, min A for L knee control.", [W, H, M])],
        [("ASSESSMENT:", [])],
        [("L LE dysmetria and poor ankle strategy persist but are improving with graded target practice; they limit safe standing showering and community walks with his dog.", [Y, H, O]),
         ("Berg 38/56 (admit 27/56); 10MWT 0.61 m/s with SPC.", [M])],
        [("PLAN:", [])],
        [("Progress floor targets to walking with head turns and add outdoor curb practice next week.", [H, O]),
         ("97112 x 4 units (55 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-022
    # OT; MS; home health; poor; 24 min = 2 u (agree)
    dict(id="ho-022", sep="\n", billing=(24, 2), mismatch=False, paras=[
        [("HH OT Visit", [])],
        [("Dx: MS.", [])],
        [("Pt performed standing ADL tasks at sink as tolerated.", [W, U]),
         ("LB dressing seated EOB.", [W]),
         ("Pt tolerated tx well.", [U]),
         ("Fatigue noted.", [])],
        [("Plan: cont OT POC.", [U])],
        [("97112 x 2 units (24 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-023
    # PT; Parkinson's disease; SNF; template; CRLF; poor; MISMATCH (40 min = 3 u, billed 2)
    dict(id="ho-023", sep="\r\n", billing=(40, 2), mismatch=True, paras=[
        [("PT Daily Note", [])],
        [("Dx: Parkinson disease", [])],
        [("Assist level: SBA", [M])],
        [("Pain: denies", [])],
        [("Interventions: NMR - standing balance, gait w/ RW 2 x 100 ft, STS x5", [W])],
        [("Pt did well, tolerated tx.", [U])],
        [("Same as previous visit.", [U])],
        [("Plan: continue per POC", [U])],
        [("NMR 40 min (2 units)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-024
    # OT; pediatric R hemiplegic CP; outpatient; narrative; partial (no measure)
    dict(id="ho-024", sep="\n\n", billing=(30, 2), mismatch=False, paras=[
        [("Pt is a 4 y/o boy with R hemiplegic CP seen in outpatient OT.", []),
         ("Mom says he does not use his R hand to hold his cup or to stabilize paper when coloring.", [O])],
        [("Bimanual play: pulling apart pop beads, opening containers to find stickers, and threading large beads, 20 min, to encourage spontaneous use of the R hand as an assisting hand.", [W, Y]),
         ("OT positioned objects to his R and used hand-over-hand facilitation to open his R fingers around the beads.", [H]),
         ("Weight bearing through the R UE in prone on elbows over a wedge while playing with a tablet, 3 x 2 min, for shoulder stability.", [W, Y])],
        [("97112 x 2 units (30 min).", [T])],
    ]),
    # ---------------------------------------------------------------- ho-025
    # PT; R hip arthroscopy with labral repair; outpatient sports; inline SOAP, A/P;
    # partial (no measure); 97110 + 97112: 40 min = 3 u (agree)
    dict(id="ho-025", sep="\n", billing=(40, 3), mismatch=False, paras=[
        [("S:", []),
         ("Pt 8 wks s/p R hip arthroscopy w/ labral repair, wants to return to trail running.", [O])],
        [("O:", []),
         ("TE: bridges, clamshells, side planks, 3x12 each; bike 10 min.", [W]),
         ("NMR: SLS R on airex w/ ball toss 3x30s; lateral lunge to balance 2x8; single-leg deadlift reach 2x8.", [W]),
         ("Pelvic drop R with SL squat, improved with TC at R glut med.", [Y, H])],
        [("A/P:", []),
         ("Progressing well toward goals.", []),
         ("Add plyometric hops on R next visit.", [H])],
        [("97110 x2 (30 min), 97112 x1 (10 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-026
    # PT; L posterior canal BPPV in older adult; outpatient; terse; poor;
    # MISMATCH (7 min bills no unit)
    dict(id="ho-026", sep="\n", billing=(7, 1), mismatch=True, paras=[
        [("82 y/o F, L post canal BPPV, s/p CRM x1 last wk.", [])],
        [("c/o dizziness rolling in bed, ↓ since last visit.", [O])],
        [("DH (–) B.", [M])],
        [("Pt performed standing balance ex: NBOS EO/EC, marching, head turns.", [W, U])],
        [("Tol well.", [U])],
        [("97112 x1 (7 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-027
    # OT; L MCA CVA with ideomotor apraxia; inpatient rehab; full SOAP; strong;
    # 45 min = 3 u (agree); signature with an invented accented name
    dict(id="ho-027", sep="\n", billing=(45, 3), mismatch=False, paras=[
        [("Inpatient OT Daily Note", [])],
        [("Subjective:", [])],
        [("Pt’s husband reports she tried to brush her hair this morning but “held the brush upside down.”", [O])],
        [("Objective:", [])],
        [("Pt presents with ideomotor apraxia and impaired motor planning of the R UE following L MCA CVA.", [Y]),
         ("Neuromuscular re-education for motor planning during grooming: hair brushing and toothbrushing with the R hand at the sink, 4 trials each, using a 4-step chained sequence.", [W, Y]),
         ("OT used backward chaining, hand-over-hand guidance for the first step only, and a 4-picture sequence card, then faded to verbal cues on trials 3-4.", [H]),
         ("Correct tool orientation on 2/4 trials for hair brushing and 4/4 for toothbrushing; sequencing errors decreased from 3 to 1 per trial.", [M]),
         ("R UE reach to grasp from a cabinet shelf, 2 x 8, with OT providing tactile facilitation at the triceps to improve elbow extension during reach.", [W, H]),
         ("Standing tolerance at sink 6 min with SBA before needing to sit.", [M])],
        [("Assessment:", [])],
        [("Motor planning for familiar grooming tasks is improving with chaining, but pt still needs cues to initiate and orient tools, limiting independence in grooming and self-feeding.", [Y, H, O])],
        [("Plan:", [])],
        [("Next session grade to a 2-picture card and introduce utensil use for self-feeding.", [H, O]),
         ("NMR 45 min (3 units).", [T])],
        [("— Zoë Ferreira-Lindqvist, OTR/L", [])],
    ]),
    # ---------------------------------------------------------------- ho-028
    # PT; R vestibular hypofunction after schwannoma resection; outpatient; terse; poor
    dict(id="ho-028", sep="\n", billing=(25, 2), mismatch=False, paras=[
        [("R VH s/p vestibular schwannoma resection 6 wks.", [])],
        [("Gaze stab ex: VOR x1 H/V 2x1 min.", [W])],
        [("Amb w/ head turns 4 laps.", [W])],
        [("Pt did well.", [U])],
        [("Dizziness mild.", [])],
        [("Cont POC.", [U])],
        [("97112 x 2 (25 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-029
    # PT; C7 AIS C SCI, sitting balance for transfers; inpatient rehab; full SOAP; CRLF;
    # strong; 97112 + 97530: 45 min = 3 u (agree)
    dict(id="ho-029", sep="\r\n", billing=(45, 3), mismatch=False, paras=[
        [("Subjective:", [])],
        [("Pt reports he needs his brother’s help for w/c ↔ car transfers and wants to do them on his own to return to work as a dispatcher.", [O])],
        [("Objective:", [])],
        [("Pt is 7 mo s/p C7 AIS C SCI with impaired trunk control and absent sitting balance reactions beyond his BOS.", [Y]),
         ("Long-sitting and short-sitting balance on the mat: reaching to targets outside BOS in 5 directions, 3 x 5, to improve trunk and scapular control for dynamic sitting balance.", [W, Y]),
         ("PT provided perturbations at the shoulders graded from anticipated to unanticipated and guarded with CGA; 3 LOB posteriorly in set 1, 1 in set 3.", [W, H, M]),
         ("Functional reach in short sitting 18 cm (last wk 12 cm).", [M]),
         ("Therapeutic activities (97530): sliding board transfer mat ↔ w/c, 6 reps, min A for trunk control with VC to use the head-hips relationship.", [W, H, M])],
        [("Assessment:", [])],
        [("Anticipatory trunk control is improving; reactive control remains delayed posteriorly and limits safe independent transfers.", [Y, O])],
        [("Plan:", [])],
        [("Progress to unsupported short sitting on a compliant surface and begin car-transfer simulation next visit.", [H, O]),
         ("97112 x2 (30 min), 97530 x1 (15 min)", [T])],
    ]),
    # ---------------------------------------------------------------- ho-030
    # OT; R cerebellar (PICA) CVA, R UE ataxia; inpatient rehab; numbered list;
    # partial (no why, no how); 31 min = 2 u (agree)
    dict(id="ho-030", sep="\n", billing=(31, 2), mismatch=False, paras=[
        [("OT Tx Note – R cerebellar CVA", [])],
        [("1. R UE: finger-nose-finger to a moving target 3 x 10", [W])],
        [("2. Weighted utensil (8 oz) self-feeding practice with yogurt, 10 spoonfuls", [W])],
        [("3. Spills 6/10 → 3/10 spoonfuls with weighted utensil", [M])],
        [("4. Closed-chain wt bearing through R UE on table 3 x 1 min", [W])],
        [("5. Pt educated on using weighted utensils at home", [W])],
        [("Goal: self-feed soup w/o spills.", [O])],
        [("97112 – 2 units / 31 minutes", [T])],
    ]),
]


def units_for(minutes):
    """8-minute rule: 8-22 -> 1, 23-37 -> 2, 38-52 -> 3, ... ; under 8 -> 0."""
    return 0 if minutes < 8 else (minutes - 8) // 15 + 1


def build(note):
    text, sentences = "", []
    for i, para in enumerate(note["paras"]):
        if i:
            text += note["sep"]
        for j, (sent, labels) in enumerate(para):
            if j:
                text += " "
            start = len(text)
            text += sent
            sentences.append({"start": start, "end": len(text), "labels": list(labels)})
    return {"id": note["id"], "text": text, "sentences": sentences,
            "units_minutes_mismatch": bool(note["mismatch"])}


def validate(note, rec, errors):
    nid = note["id"]
    flat = [s for para in note["paras"] for s in para]
    if len(flat) != len(rec["sentences"]):
        errors.append(f"{nid}: sentence count")
    if not 3 <= len(flat) <= 25:
        errors.append(f"{nid}: {len(flat)} sentences, outside 3-25")
    for (sent, labels), s in zip(flat, rec["sentences"]):
        if rec["text"][s["start"]:s["end"]] != sent:
            errors.append(f"{nid}: offsets do not give back {sent!r}")
        if not sent or sent != sent.strip() or "\n" in sent or "\r" in sent:
            errors.append(f"{nid}: bad sentence text {sent!r}")
        bad = set(labels) - LABELS
        if bad:
            errors.append(f"{nid}: unknown labels {sorted(bad)}")
        if len(set(labels)) != len(labels):
            errors.append(f"{nid}: repeated label in {sent!r}")
    prev_end = -1
    for s in rec["sentences"]:
        if s["start"] < prev_end or s["end"] <= s["start"]:
            errors.append(f"{nid}: overlapping or empty sentence at {s['start']}")
        prev_end = s["end"]
    billing = note["billing"]
    expected = billing is not None and units_for(billing[0]) != billing[1]
    if expected != note["mismatch"]:
        errors.append(f"{nid}: mismatch flag {note['mismatch']} but billing {billing}")
    has_time = any(T in labels for _, labels in flat)
    if billing is not None and not has_time:
        errors.append(f"{nid}: billing given but no time sentence")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = os.path.join(here, "heldout.jsonl")
    errors, records, seen = [], [], set()
    for note in NOTES:
        if note["id"] in seen:
            errors.append(f"duplicate id {note['id']}")
        seen.add(note["id"])
        rec = build(note)
        validate(note, rec, errors)
        records.append(rec)
    expected_ids = [f"ho-{i:03d}" for i in range(1, len(NOTES) + 1)]
    if [n["id"] for n in NOTES] != expected_ids:
        errors.append("ids are not ho-001 ... in order")
    if errors:
        sys.exit("validation failed:\n  " + "\n  ".join(errors))
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_sent = sum(len(r["sentences"]) for r in records)
    per_label = {lab: sum(lab in s["labels"] for r in records for s in r["sentences"])
                 for lab in [W, Y, H, O, M, T, U]}
    unlabelled = sum(not s["labels"] for r in records for s in r["sentences"])
    print(f"wrote {out_path}")
    print(f"notes: {len(records)}  sentences: {n_sent}  unlabelled sentences: {unlabelled}")
    print("sentences per label: " + ", ".join(f"{k} {v}" for k, v in per_label.items()))
    print(f"notes with units_minutes_mismatch: {sum(r['units_minutes_mismatch'] for r in records)}")


if __name__ == "__main__":
    main()
