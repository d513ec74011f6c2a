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

/// Issue 22: the list's severity and title columns line up, long codes included
/// (`soap_assessment_without_reasoning` pushed its row out of line).
#[test]
fn explain_list_aligns_long_codes() {
    let (_, out, _) = run(&["explain"], "");
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows.iter().any(|r| r.starts_with("soap_assessment_without_reasoning ")), "{out}");
    let severity_at: Vec<usize> =
        rows.iter().map(|r| r.find(" error ").or_else(|| r.find(" warning ")).or_else(|| r.find(" info ")).expect(r) + 1).collect();
    assert!(severity_at.iter().all(|&c| c == severity_at[0]), "severities start at {severity_at:?}:\n{out}");
    // ... and at least two spaces separate the longest code from its severity.
    assert!(rows.iter().all(|r| r[..severity_at[0]].ends_with("  ")), "{out}");
}

/// Issue 22: `check`'s note on a note past the limit states the limit.
#[test]
fn check_states_the_limit_it_cut_at() {
    let mut note = String::new();
    while note.len() <= 4 << 20 {
        note.push_str(GOOD);
        note.push('\n');
    }
    let (_, out, _) = run(&["check", "-"], &note);
    assert!(out.contains("note: the note is longer than the limit of 4 MiB; only its first 4 MiB were checked"), "{}", &out[out.len().saturating_sub(400)..]);
}

/// `explain --mark` traces each sentence: the rules' labels, the final ones, and per learned
/// label the model's probability, verdict and strongest features (issue 20).
#[test]
fn explain_mark_traces_each_sentence() {
    let note = "O:\nTandem walking 3x20 ft to improve impaired balance reactions with tactile cues at the pelvis.\n";
    let (code, out, err) = run(&["explain", "--mark", "-"], note);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1. O:") && out.contains("not weighed"), "{out}");
    assert!(out.contains("2. Tandem walking 3x20 ft to improve impaired balance reactions"), "{out}");
    let rules = out.lines().find(|l| l.trim_start().starts_with("rules:") && l.contains("why")).unwrap_or_else(|| panic!("{out}"));
    assert!(rules.contains("what"), "{out}");
    let why = out.lines().find(|l| l.trim_start().starts_with("why ")).unwrap_or_else(|| panic!("{out}"));
    assert!(why.contains(" kept: ") && why.contains("r:why +"), "{why}");
    for l in ["what", "how", "outcome", "measure"] {
        assert!(out.lines().any(|x| x.trim_start().starts_with(&format!("{l} "))), "{l}: {out}");
    }
    // From a file too; bad input is named, exits 2, and never panics.
    let path = std::env::temp_dir().join("skillmark-cli-test-mark.txt");
    std::fs::write(&path, note).unwrap();
    let (code, from_file, _) = run(&["explain", "--mark", path.to_str().unwrap()], "");
    assert_eq!((code, &from_file), (0, &out));
    let _ = std::fs::remove_file(&path);
    let (code, out, err) = run(&["explain", "--mark", "/definitely/not/here.txt"], "");
    assert_eq!(code, 2, "{out}");
    assert!(err.starts_with("skillmark: /definitely/not/here.txt: cannot read") && !err.contains("panicked"), "{err}");
    let (code, _, err) = run(&["explain", "--mark", "-"], " \n");
    assert_eq!(code, 2);
    assert!(err.contains("empty note text"), "{err}");
    let (code, _, _) = run(&["explain", "--mark"], "");
    assert_eq!(code, 2);
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

/// Runs the binary with a deadline: a command that would never end fails the test instead of
/// hanging it.
fn run_within(args: &[&str], secs: u64) -> (i32, String, String) {
    let mut child = bin().args(args).env("NO_COLOR", "1").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        // Keep at most 64 KB of a runaway error stream.
        let mut buf = [0u8; 8192];
        while let Ok(n) = std::io::Read::read(&mut err, &mut buf) {
            if n == 0 {
                break;
            }
            if s.len() < 65_536 {
                s.extend_from_slice(&buf[..n]);
            }
        }
        s
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > std::time::Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            let err = String::from_utf8_lossy(&err_t.join().unwrap()).chars().take(300).collect::<String>();
            panic!("skillmark {args:?} did not end within {secs} s; stderr starts: {err}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&out_t.join().unwrap()).into_owned(), String::from_utf8_lossy(&err_t.join().unwrap()).into_owned())
}

fn temp(name: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("skillmark-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    p
}

/// Issue 10: `skillmark predict DIR` printed "Is a directory" for line 1, 2, 3, ... forever.
#[test]
fn predict_on_a_folder_ends_with_one_message() {
    let dir = temp("predict-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let (code, out, err) = run_within(&["predict", dir.to_str().unwrap()], 10);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is a folder"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 10: a UTF-8 byte-order mark hid the first SOAP header (a false
/// `soap_subjective_without_report`) and the first line of a JSONL corpus.
#[test]
fn a_byte_order_mark_is_not_part_of_the_note() {
    let dir = temp("bom");
    std::fs::create_dir_all(&dir).unwrap();
    let note = "S: Pt reports no falls since last visit.\nO: Tandem stance on foam 3 x 30 s to improve ankle proprioception, tactile cues at the ankles.\nA: Impaired ankle proprioception limits safe community ambulation.\nP: Progress to eyes closed when 0 LOB.\n97112 x 2 units (30 min).";
    let plain = dir.join("plain.txt");
    let bom = dir.join("bom.txt");
    std::fs::write(&plain, note).unwrap();
    std::fs::write(&bom, format!("\u{feff}{note}")).unwrap();
    let (_, out_plain, _) = run_within(&["check", "--format", "json", plain.to_str().unwrap()], 10);
    let (_, out_bom, _) = run_within(&["check", "--format", "json", bom.to_str().unwrap()], 10);
    assert!(!out_bom.contains("soap_subjective_without_report"), "{out_bom}");
    let report = |s: &str| serde_json::from_str::<serde_json::Value>(s.trim()).unwrap()["report"].clone();
    assert_eq!(report(&out_plain), report(&out_bom), "the BOM changes nothing");
    // Standard input too.
    let (_, out_stdin, _) = run(&["check", "--format", "json", "-"], &format!("\u{feff}{note}"));
    assert_eq!(report(&out_stdin), report(&out_plain));
    // A JSONL corpus that starts with a BOM keeps its first note.
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, "\u{feff}{\"id\":\"a\",\"text\":\"Pt did well.\"}\n{\"id\":\"b\",\"text\":\"Balance ex.\"}\n").unwrap();
    let (code, out, err) = run_within(&["predict", corpus.to_str().unwrap()], 10);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not JSON"), "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- issue 9: the rough edges a new user hits ----

/// `skillmark --help` gave `draft` the description of `explain`, and `explain` none.
#[test]
fn help_describes_each_command_once() {
    let (code, out, _) = run(&["--help"], "");
    assert_eq!(code, 0);
    let line = |cmd: &str| {
        out.lines().find(|l| l.split_whitespace().next() == Some(cmd)).unwrap_or_else(|| panic!("no {cmd} line: {out}")).to_string()
    };
    assert!(line("draft").contains("Draft a medical-necessity / progress statement"), "{out}");
    assert!(line("explain").contains("Explain a finding code, or list every finding"), "{out}");
    assert!(line("review").contains("Review a batch of exported notes"), "{out}");
    assert!(line("check").contains("Check notes"), "{out}");
    for cmd in ["check", "predict", "review", "draft", "explain"] {
        assert!(line(cmd).split_whitespace().count() > 2, "{cmd} has a description: {out}");
    }
    let (_, out, _) = run(&["draft", "--help"], "");
    assert!(out.starts_with("Draft a medical-necessity"), "{out}");
    let (_, out, _) = run(&["explain", "--help"], "");
    assert!(out.starts_with("Explain a finding code"), "{out}");
}

/// `check` on an empty note exited 0 in silence while `review` called it an input problem
/// (exit 2): every command now says "empty note text; skipped" and exits 2.
#[test]
fn an_empty_note_is_bad_input_in_every_command() {
    for text in ["", "  \n\t\n"] {
        let (code, out, err) = run(&["check", "-"], text);
        assert_eq!(code, 2, "{out}");
        assert_eq!(err, "skillmark: -: empty note text; skipped\n");
        assert_eq!(out, "", "nothing printed for a note that was not checked");
        let (code, _, err) = run(&["check", "--format", "json", "-"], text);
        assert_eq!((code, err.as_str()), (2, "skillmark: -: empty note text; skipped\n"));
        let (code, _, err) = run(&["draft", "-"], text);
        assert_eq!((code, err.as_str()), (2, "skillmark: -: empty note text; skipped\n"));
    }
    // review says the same of an empty note.
    let dir = temp("empty-note");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("notes/empty.txt"), "\n").unwrap();
    let (code, _, err) = run(&["review", dir.join("notes").to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(err.contains("empty.txt: empty note text; skipped"), "{err}");
    // Other notes of the same run are still checked.
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    let (code, out, _) = run(&["check", dir.join("notes/empty.txt").to_str().unwrap(), dir.join("good.txt").to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(out.contains("good.txt") && out.contains("✓ what"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Findings were listed in code order: now most severe first, then in the order of the note.
#[test]
fn check_lists_findings_by_severity_then_position() {
    let note = "Pt tolerated well. Tandem walk 4 x 20 ft. Pt tolerated treatment well. 97112 x 3 units (31 min).";
    let (_, out, _) = run(&["check", "-"], note);
    let (_, json, _) = run(&["check", "--format", "json", "-"], note);
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let rank = |s: &str| match s {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    let mut all: Vec<(i32, u64, u64, String)> = v["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let at = |k: &str| f["span"][k].as_u64().unwrap();
            (rank(f["severity"].as_str().unwrap()), at("start"), at("end"), f["code"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(all.len() >= 4, "{json}");
    assert!(all.iter().any(|w| w.0 == 0) && all.iter().any(|w| w.0 > 0), "errors and warnings both: {json}");
    all.sort_by_key(|w| (w.0, w.1, w.2));
    let want: Vec<(i32, u64, String)> = all.into_iter().map(|w| (w.0, w.1, w.3)).collect();
    // Each finding's header line: "  error[code] -:1:5".
    let got: Vec<(i32, u64, String)> = out
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let (sev, rest) = l.split_once('[')?;
            let (code, place) = rest.split_once("] ")?;
            let col: u64 = place.rsplit(':').next()?.parse().ok()?;
            Some((rank(sev), col - 1, code.to_string()))
        })
        .collect();
    assert_eq!(got, want, "{out}");
}

/// Issue 22: a closed standard error ("2>&1 >/dev/null | true") must not panic (exit 101); the
/// message is lost and the exit status still says what happened.
#[test]
fn a_broken_standard_error_ends_quietly() {
    use std::process::{Command, Stdio};
    for args in [&["check", "/definitely/not/here.txt"][..], &["review", "/definitely/not/here"][..], &["draft", "/definitely/not/here.txt"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_skillmark"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the program writes its message.
        drop(child.stderr.take());
        let code = child.wait().unwrap().code();
        assert_eq!(code, Some(2), "{args:?}: exit {code:?}");
    }
}

/// Issue 22: a note saved as UTF-16 (no byte-order mark) is named as such, not analysed as
/// garbage; `check` and `review` both say so.
#[test]
fn a_utf16_note_is_named_not_analysed() {
    let dir = std::env::temp_dir().join(format!("skillmark-utf16-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "Pt performed tandem walking 3x20 ft to address impaired balance reactions.";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let path = dir.join("note.txt");
    std::fs::write(&path, &utf16).unwrap();
    for cmd in ["check", "review"] {
        let out = Command::new(env!("CARGO_BIN_EXE_skillmark")).args([cmd, path.to_str().unwrap()]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert!(err.contains("UTF-16 text, not UTF-8"), "{cmd}: {err}");
    }
    // The same note in UTF-8 is checked as usual.
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_skillmark")).args(["check", path.to_str().unwrap()]).output().unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).ok();
}
