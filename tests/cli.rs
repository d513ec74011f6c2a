//! The `skillmark` binary: exit codes, formats, messages on bad input.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_skillmark"))
}

fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = bin().args(args).env("NO_COLOR", "1").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // The binary may exit before reading standard input (usage errors): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const GOOD: &str = "O: Tandem walk 4 x 20 ft with min A to improve dynamic balance for safe community ambulation; 2 LOB.\n97112 x 2 units (30 min).";

#[test]
fn check_exits_0_without_errors_and_1_with_them() {
    let (code, out, _) = run(&["check", "-"], GOOD);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("✓ what") && out.contains("0 error(s)"), "{out}");
    let (code, out, _) = run(&["check", "-"], "Tandem walk 4 x 20 ft with min A. 97112 x 3 units (31 min).");
    assert_eq!(code, 1);
    assert!(out.contains("error[units_minutes_mismatch]"), "{out}");
    assert!(out.contains("31 total timed minutes support 2 units"), "{out}");
    assert!(out.contains("rule: CMS 8-minute rule"), "{out}");
    assert!(!out.contains('\u{1b}'), "NO_COLOR must strip colours");
}

#[test]
fn check_json_is_one_object_per_note() {
    let (code, out, _) = run(&["check", "--format", "json", "-"], GOOD);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["file"], "-");
    assert_eq!(v["report"]["checklist"]["what"], true);
    assert!(v["report"]["annotations"].as_array().unwrap().len() > 3);
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let (code, _, err) = run(&["check", "/definitely/not/here.txt"], "");
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
    let dir = std::env::temp_dir().join("skillmark-cli-test-latin1.txt");
    std::fs::write(&dir, b"Pt tolerated well \xe9\n").unwrap();
    let (code, _, err) = run(&["check", dir.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(err.contains("not UTF-8"), "{err}");
    let (code, _, err) = run(&["check", "--disable", "nonsense", "-"], GOOD);
    assert_eq!(code, 2);
    assert!(err.contains("unknown finding code"), "{err}");
    let (code, _, _) = run(&["frobnicate"], "");
    assert_eq!(code, 2);
}

#[test]
fn predict_prints_scorer_lines_and_reports_bad_rows() {
    let corpus = "{\"id\":\"a\",\"text\":\"Pt did well. 97112 x 2 units (20 min).\"}\nnot json\n{\"id\":\"b\"}\n";
    let (code, out, err) = run(&["predict", "-"], corpus);
    assert_eq!(code, 2, "bad rows give status 2");
    assert!(err.contains("-:2: not JSON") && err.contains("-:3: needs"), "{err}");
    let line: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(line["id"], "a");
    assert!(line["findings"].as_array().unwrap().iter().any(|f| f["code"] == "units_minutes_mismatch"));
    assert!(line["annotations"].as_array().unwrap().iter().any(|a| a["label"] == "unskilled" && a["start"] == 3));
}

#[test]
fn explain_lists_and_explains() {
    let (code, out, _) = run(&["explain"], "");
    assert_eq!(code, 0);
    assert!(out.contains("units_minutes_mismatch") && out.contains("missing_why"));
    let (code, out, _) = run(&["explain", "unskilled_wording"], "");
    assert_eq!(code, 0);
    assert!(out.contains("## Why it matters") && out.contains("Rule source: MBPM"));
    assert_eq!(run(&["explain", "nope"], "").0, 2);
}

#[test]
fn rule_of_eights_flag() {
    let note = "Tandem walk 4 x 20 ft with min A to improve dynamic balance. 97112 x 1 (10 min), 97110 x 1 (10 min).";
    assert_eq!(run(&["check", "-"], note).0, 1);
    assert_eq!(run(&["check", "--unit-rule", "rule-of-eights", "-"], note).0, 0);
}

#[test]
fn draft_uses_the_notes_facts() {
    let note = "A: TUG 16.8 s (initial eval 21.4 s). Impaired ankle proprioception limits safe community ambulation.\nO: Tandem stance on foam 3 x 30 s, tactile cues at the ankles.";
    let (code, out, _) = run(&["draft", "-"], note);
    assert_eq!(code, 0);
    assert!(out.contains("TUG improved from 21.4 s (initial eval) to 16.8 s"), "{out}");
    assert!(out.contains("ankle proprioception") && out.contains("tactile cues"), "{out}");
    let (_, out, _) = run(&["draft", "--format", "json", "-"], note);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["trend"], "progress");
}
