//! `skillmark review`: golden and property tests on the fixture folders in `tests/fixtures/review/`.
//!
//! * `txt/`: two loose notes and a patient folder `MRN100/` with two dated visits that share a
//!   sentence (carried forward);
//! * `notes.jsonl`: three clean notes (exit 0), the first with a header full of identifiers;
//!   fields `note`, `mrn`, `dos`, `clinician`;
//! * `visits.csv`: patient P1 with 11 daily notes and no progress report (the 10th day is
//!   flagged; one row is exported out of date order), patient P2 with an evaluation, a daily note
//!   and a progress report that copies the daily note's paragraph;
//! * `malformed.csv`: a missing field, a non-UTF-8 byte, an unreadable date, an empty note and a
//!   misplaced quote, between good rows.
//!
//! Golden files (`*.expected.*`) hold only what the review itself decides (input problems,
//! treatment days, the two batch findings), so engine changes elsewhere do not churn them; the
//! per-note blocks are checked against `skillmark check` instead. Set `UPDATE_GOLDEN=1` to rewrite
//! them, then review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const FIX: &str = "tests/fixtures/review";

/// Runs the binary from the crate root (so paths in messages are relative and stable).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_skillmark")).args(args).current_dir(root()).env("NO_COLOR", "1").output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn golden(name: &str, actual: &str) {
    let path = root().join(FIX).join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(actual, want, "{name} differs (UPDATE_GOLDEN=1 rewrites it; review the diff)");
}

const VISITS: &[&str] = &["--patient-column", "patient", "--date-column", "date", "--therapist-column", "therapist"];
const JSONL: &[&str] = &["--patient-column", "mrn", "--date-column", "dos", "--therapist-column", "clinician"];

fn args<'a>(head: &[&'a str], cols: &[&'a str], input: &'a str) -> Vec<&'a str> {
    head.iter().chain(cols).copied().chain([input]).collect()
}

/// The review-owned columns of the CSV output.
fn project(csv_out: &str) -> String {
    let mut rdr = csv::Reader::from_reader(csv_out.as_bytes());
    let head = rdr.headers().unwrap().clone();
    let keep = ["seq", "id", "patient", "date", "therapist", "treatment_day", "carried_forward", "progress_report_due"];
    let idx: Vec<usize> = keep.iter().map(|k| head.iter().position(|h| h == *k).unwrap()).collect();
    let mut out = keep.join(",") + "\n";
    for r in rdr.records() {
        let r = r.unwrap();
        out += &(idx.iter().map(|&i| &r[i]).collect::<Vec<_>>().join(",") + "\n");
    }
    out
}

#[test]
fn visits_csv_carried_forward_and_cadence() {
    let (code, out, err) = run(&args(&["review", "--format", "csv"], VISITS, "tests/fixtures/review/visits.csv"));
    assert_eq!(code, 1, "the 10th-day note has an error: {err}");
    assert_eq!(err, "skillmark: tests/fixtures/review/visits.csv: columns used: text=text, patient=patient, date=date, therapist=therapist\n");
    // v06 is exported after v07, and reviewed in date order.
    golden("visits.expected.csv", &project(&out));
}

#[test]
fn visits_text_summary_is_worst_first_with_counts() {
    let (code, out, _) = run(&args(&["review", "--summary-only"], VISITS, "tests/fixtures/review/visits.csv"));
    assert_eq!(code, 1);
    assert!(out.starts_with("Summary: 14 note(s), 2 patient(s), "), "{out}");
    let worst: Vec<&str> = out.lines().skip_while(|l| !l.starts_with("Worst notes")).skip(2).take_while(|l| !l.is_empty()).collect();
    assert!(!worst.is_empty(), "{out}");
    // Columns: # note patient date E W I findings; E and W never increase down the table.
    let ew: Vec<(u32, u32)> = worst
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[4].parse().unwrap(), f[5].parse().unwrap())
        })
        .collect();
    assert!(ew.windows(2).all(|w| w[0] >= w[1]), "{out}");
    let findings: Vec<&str> = out.lines().skip_while(|l| !l.starts_with("Findings")).collect();
    let row = |code: &str| findings.iter().find(|l| l.split_whitespace().next() == Some(code)).copied().unwrap_or_else(|| panic!("{code}: {out}"));
    assert_eq!(row("carried_forward").split_whitespace().collect::<Vec<_>>(), ["carried_forward", "warning", "11", "12"]);
    // Visits 10 and 11 of P1 (issue 22: an overdue report stays visible until it is written).
    assert_eq!(row("progress_report_due").split_whitespace().collect::<Vec<_>>(), ["progress_report_due", "error", "2", "2"]);
}

#[test]
fn similarity_threshold_is_the_reviewers() {
    let count = |sim: &str| {
        let (_, out, _) = run(&args(&["review", "--format", "csv", "--similarity", sim], VISITS, "tests/fixtures/review/visits.csv"));
        let mut rdr = csv::Reader::from_reader(out.as_bytes());
        let i = rdr.headers().unwrap().iter().position(|h| h == "carried_forward").unwrap();
        rdr.records().map(|r| r.unwrap()[i].parse::<u32>().unwrap()).sum::<u32>()
    };
    let (loose, default, exact) = (count("0.4"), count("0.8"), count("1"));
    assert_eq!(default, 12);
    assert_eq!(exact, 12, "the carried sentences are verbatim copies");
    assert!(loose > default, "sentences with changed numbers count at 0.4: {loose}");
    let (code, out, _) = run(&args(&["review", "--format", "csv", "--disable", "carried_forward"], VISITS, "tests/fixtures/review/visits.csv"));
    assert_eq!(code, 1);
    assert!(project(&out).lines().skip(1).all(|l| l.split(',').nth(6) == Some("0")), "{out}");
}

#[test]
fn malformed_csv_reports_each_bad_row_and_runs_the_rest() {
    let (code, out, err) = run(&args(&["review", "--format", "csv"], VISITS, "tests/fixtures/review/malformed.csv"));
    assert_eq!(code, 2, "input problems give status 2");
    golden("malformed.expected.stderr", &err);
    golden("malformed.expected.csv", &project(&out));
}

#[test]
fn missing_columns_and_inputs_are_input_problems() {
    let (code, out, err) = run(&["review", "--text-column", "body", "tests/fixtures/review/visits.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("visits.csv: no text column \"body\" (columns: id, patient, date, therapist, text)"), "{err}");
    assert!(out.starts_with("Summary: 0 note(s)"), "{out}");
    let (code, out, err) = run(&["review", "--patient-column", "pid", "tests/fixtures/review/visits.csv", "nowhere.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("visits.csv: no patient column \"pid\"; continuing without it"), "{err}");
    assert!(err.contains("nowhere.csv: cannot read"), "{err}");
    assert!(out.contains("Summary: 14 note(s), 0 patient(s)"), "the rest still runs: {out}");
    assert_eq!(run(&["review", "--similarity", "1.5", FIX]).0, 2);
    assert_eq!(run(&["review", "--disable", "nope", FIX]).0, 2);
    let (code, _, err) = run(&["review", "Cargo.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a folder, .txt, .jsonl or .csv"), "{err}");
}

#[test]
fn txt_folder_notes_match_check_and_patient_folders_link_visits() {
    let (code, out, err) = run(&["review", "tests/fixtures/review/txt"]);
    assert_eq!(code, 1, "bad.txt has errors: {err}");
    // The per-note block is `skillmark check`'s.
    let (_, check, _) = run(&["check", "tests/fixtures/review/txt/bad.txt"]);
    let check = check.replace("tests/fixtures/review/txt/bad.txt", "bad.txt");
    assert!(out.starts_with(&check), "review:\n{out}\ncheck:\n{check}");
    // Notes in a sub-folder are that patient's visits, dated from their file names.
    let second = out.split("\n\n").find(|b| b.starts_with("MRN100/2024-03-06.txt")).unwrap();
    assert!(second.contains("\n  patient MRN100 · 2024-03-06 · treatment day 2\n"), "{second}");
    assert!(second.contains("warning[carried_forward] MRN100/2024-03-06.txt:3:1"), "{second}");
    assert!(second.contains("100% the same (word 3-shingle Jaccard) as one in visit MRN100/2024-03-04.txt of 2024-03-04"), "{second}");
    assert!(!out.split("\n\n").find(|b| b.starts_with("MRN100/2024-03-04.txt")).unwrap().contains("carried_forward"));
}

#[test]
fn jsonl_clean_batch_exits_0_and_json_lines_add_up() {
    let (code, out, err) = run(&args(&["review", "--format", "json"], JSONL, "tests/fixtures/review/notes.jsonl"));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[..3].iter().all(|l| l["kind"] == "note"));
    assert_eq!(lines[0]["id"], "j1");
    assert_eq!(lines[1]["treatment_day"], 2, "j2 is the second visit of patient 445566");
    assert_eq!(lines[2]["therapist"], "Lee OT");
    let s = &lines[3];
    assert_eq!(s["kind"], "summary");
    assert_eq!(s["summary"]["totals"]["notes"], 3);
    assert_eq!(s["summary"]["patients"], 2);
    assert_eq!(s["problems"], 0);
    let warnings: u64 = lines[..3].iter().map(|l| l["counts"]["warnings"].as_u64().unwrap()).sum();
    assert_eq!(s["summary"]["totals"]["warnings"].as_u64().unwrap(), warnings);
    assert_eq!(s["summary"]["by_week"][0]["label"], "2024-03-04");
}

/// Every identifier planted in the fixtures.
const PHI: &[&str] = &[
    "Maria", "Lopez", "93 y/o", "778812", "555-201-3344", "03/05/2024", // visits.csv, w01
    "John", "Public", "01/02/1931", "889-1203", "jq.public", "555) 123-4567", "Oak Hill", "62704", "445566", "03/04/2024", "2024-03-0",
];

fn assert_redacted(what: &str, out: &str) {
    for secret in PHI {
        assert!(!out.contains(secret), "{what}: {secret:?} leaked");
    }
}

#[test]
fn redact_masks_every_output_format() {
    let dir = std::env::temp_dir().join(format!("skillmark-review-redact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (cols, input) in [(VISITS, "tests/fixtures/review/visits.csv"), (JSONL, "tests/fixtures/review/notes.jsonl")] {
        for format in ["text", "json", "csv"] {
            let html = dir.join(format!("{format}.html"));
            let html_arg = html.to_str().unwrap();
            let (code, out, err) = run(&args(&["review", "--redact", "--format", format, "--html", html_arg], cols, input));
            assert!(code < 2, "{err}");
            assert_redacted(&format!("{input} --format {format}"), &out);
            assert_redacted("stderr", &err);
            let page = std::fs::read_to_string(&html).unwrap();
            assert_redacted("html", &page);
            assert!(page.contains("[NAME]") && page.contains("[PHONE]") && page.contains("patient-1"), "html");
            if format == "json" {
                assert!(out.contains("\"patient\":\"patient-1\"") && out.contains("\"date\":\"day 0\""), "{out}");
            }
        }
    }
    // Placeholders in the text, and the spans still quote the right words.
    let (_, out, _) = run(&args(&["review", "--redact", "--format", "json"], VISITS, "tests/fixtures/review/visits.csv"));
    let w01: serde_json::Value = out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).find(|v| v["text"].as_str().is_some_and(|t| t.starts_with("Patient: "))).unwrap();
    let text = w01["text"].as_str().unwrap();
    assert!(text.starts_with("Patient: [NAME], [AGE 90+], MRN [MRN], tel [PHONE], seen [DATE].\nInitial evaluation."), "{text}");
    let chars: Vec<char> = text.chars().collect();
    for f in w01["report"]["findings"].as_array().unwrap() {
        let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
        assert!(s <= e && e <= chars.len(), "{f}");
    }
    // A bad row's message is masked too.
    let (_, _, err) = run(&args(&["review", "--redact"], VISITS, "tests/fixtures/review/malformed.csv"));
    assert!(err.contains("input-1.csv: row 4 (line 6): date of service not understood"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn html_report_is_self_contained_with_charts_and_marks() {
    let path = std::env::temp_dir().join(format!("skillmark-review-{}.html", std::process::id()));
    let p = path.to_str().unwrap();
    let (code, _, err) = run(&args(&["review", "--summary-only", "--html", p], VISITS, "tests/fixtures/review/visits.csv"));
    assert_eq!(code, 1, "{err}");
    let page = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    for bad in ["http:", "https:", "<script", "@import", "@font-face", "url(", "<link", "<img", "<iframe"] {
        assert!(!page.contains(bad), "not self-contained: {bad}");
    }
    assert_eq!(page.matches("<details class=\"note").count(), 14, "every note");
    for chart in ["Findings per therapist", "Findings per patient", "Findings per week"] {
        assert!(page.contains(chart), "{chart}");
    }
    assert!(page.matches("<div class=\"chart\"").count() == 3 && page.contains("<i class=\"warning\" style=\"width:"));
    assert!(page.contains("<mark class=\"warning\" title=\"carried_forward: This sentence is 100% the same"));
    assert!(page.contains("<details class=\"note error\" id=\"n13\" open>"), "v10 (the 10th day) opens by itself");
    assert!(page.contains("<a href=\"#n13\">v10</a>"), "worst table links to the note");
    assert!(page.contains(".summary{order:-1}"), "summary shown first");
}

#[test]
fn fixtures_exist_where_the_doc_says() {
    for f in ["txt/good.txt", "txt/bad.txt", "txt/MRN100/2024-03-04.txt", "txt/MRN100/2024-03-06.txt", "notes.jsonl", "visits.csv", "malformed.csv"] {
        assert!(Path::new(&root().join(FIX).join(f)).is_file(), "{f}");
    }
}

// ---- issue 10: inputs that hung the reviewer or were misread ----

/// Runs the binary from the crate root with a deadline (a hang fails the test).
fn run_within(args: &[&str], secs: u64) -> (i32, String, String) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_skillmark"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
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
            panic!("skillmark {args:?} did not end within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), out_t.join().unwrap(), err_t.join().unwrap())
}

fn scratch(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("skillmark-review-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

const NOTE: &str = "S: Pt reports no falls since last visit.\nO: Tandem stance on foam 3 x 30 s to improve ankle proprioception, tactile cues at the ankles.\nA: Impaired ankle proprioception limits safe community ambulation.\nP: Progress to eyes closed when 0 LOB.\n97112 x 2 units (30 min).";

/// A FIFO named `*.txt` in a reviewed folder blocked the run forever.
#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_skipped_not_waited_on() {
    let dir = scratch("fifo");
    std::fs::write(dir.join("a.txt"), NOTE).unwrap();
    let fifo = dir.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success(), "mkfifo");
    let (code, out, err) = run_within(&["review", "--format", "json", dir.to_str().unwrap()], 20);
    assert_eq!(code, 2, "a skipped input is an input problem");
    assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    let notes = out.lines().filter(|l| l.contains("\"kind\":\"note\"")).count();
    assert_eq!(notes, 1, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A byte-order mark at the start of a `.txt` note, a JSONL or a CSV export is not text.
#[test]
fn byte_order_marks_are_stripped_in_every_input() {
    let dir = scratch("bom");
    let txt = dir.join("notes");
    std::fs::create_dir_all(&txt).unwrap();
    std::fs::write(txt.join("bom.txt"), format!("\u{feff}{NOTE}")).unwrap();
    let (_, out, _) = run_within(&["review", "--format", "json", txt.to_str().unwrap()], 20);
    assert!(!out.contains("soap_subjective_without_report"), "a false finding from the BOM: {out}");
    assert!(out.contains("\"text\":\"S: Pt reports"), "{out}");

    let jsonl = dir.join("export.jsonl");
    let line = |id: &str| serde_json::json!({ "id": id, "text": NOTE }).to_string();
    std::fs::write(&jsonl, format!("\u{feff}{}\n{}\n", line("first"), line("second"))).unwrap();
    let (code, out, err) = run_within(&["review", "--format", "json", jsonl.to_str().unwrap()], 20);
    assert!(!err.contains("not JSON"), "{err}");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"id\":\"first\"") && out.contains("\"id\":\"second\""), "{out}");
    // The date-ordered path reads line 1 twice.
    let dated = |id: &str, d: &str| serde_json::json!({ "id": id, "text": NOTE, "mrn": "P1", "dos": d }).to_string();
    std::fs::write(&jsonl, format!("\u{feff}{}\n{}\n", dated("first", "2024-03-05"), dated("second", "2024-03-04"))).unwrap();
    let (code, out, err) =
        run_within(&["review", "--format", "json", "--patient-column", "mrn", "--date-column", "dos", jsonl.to_str().unwrap()], 20);
    assert!(!err.contains("not JSON") && code != 2, "{err}");
    assert!(out.contains("\"id\":\"first\""), "{out}");

    let csv = dir.join("export.csv");
    std::fs::write(&csv, format!("\u{feff}\"id\",\"text\"\nc1,\"{NOTE}\"\n")).unwrap();
    let (code, out, err) = run_within(&["review", "--format", "json", csv.to_str().unwrap()], 20);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"id\":\"c1\"") && !out.contains("soap_subjective_without_report"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A row whose quote is never closed swallowed every following row into its note.
#[test]
fn an_unclosed_quote_in_the_last_row_is_reported_with_its_row() {
    let dir = scratch("quote");
    let csv = dir.join("export.csv");
    std::fs::write(
        &csv,
        "id,text\nr1,\"Tandem stance 3 x 30 s to improve balance.\"\nr2,\"Tandem walk 4 x 20 ft with min A.\nr3,Step-ups 2 x 10.\nr4,Tolerated well.\n",
    )
    .unwrap();
    let (code, out, err) = run_within(&["review", "--format", "json", csv.to_str().unwrap()], 20);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("row 2 (line 3)") && err.contains("never closed"), "{err}");
    assert!(out.contains("\"id\":\"r1\"") && !out.contains("\"id\":\"r2\""), "{out}");
    // A well-formed file with quotes and doubled quotes inside fields is not affected.
    std::fs::write(&csv, "id,text\nr1,\"He said \"\"ok\"\", then\nwalked.\"\nr2,\"Tandem walk.\"\n").unwrap();
    let (code, _, err) = run_within(&["review", "--summary-only", csv.to_str().unwrap()], 20);
    assert!(!err.contains("never closed") && code != 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `skillmark review --format json big.csv | head -1` reviewed every remaining note and printed
/// one "Broken pipe" line per note.
#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::Stdio;
    let dir = scratch("pipe");
    let csv = dir.join("big.csv");
    let mut body = String::from("id,text\n");
    for i in 0..4000 {
        body.push_str(&format!("n{i},\"Tandem stance 3 x 30 s to improve balance. Pt tolerated well. Cont POC.\"\n"));
    }
    std::fs::write(&csv, body).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_skillmark"))
        .args(["review", "--format", "json", csv.to_str().unwrap()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.contains("\"kind\":\"note\""), "{first}");
    // The reader is dropped here: the pipe is closed.
    let mut err = String::new();
    let started = std::time::Instant::now();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(err.matches("Broken pipe").count(), 0, "{}", err.lines().take(3).collect::<Vec<_>>().join("\n"));
    // Only the lines said before the first note: the columns used, no patient column.
    assert!(err.lines().all(|l| l.contains(": columns used: ") || l.contains("warning: ") && l.contains("no patient column")), "quiet: {err}");
    assert!(status.success(), "{status:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- issue 9: columns found by their usual names; the cadence and a baseline ----

/// `review` on a `patient_id,date,note` export found the text but reported "0 patient(s)" and
/// silently skipped the cross-visit checks. The usual names are found (any case) and named.
#[test]
fn usual_column_names_are_detected_and_said() {
    let dir = scratch("columns");
    let csv = dir.join("export.csv");
    let row = |p: &str, d: &str| format!("{p},{d},\"{NOTE}\"\n");
    std::fs::write(&csv, format!("patient_id,date,note\n{}{}{}", row("A1", "2024-03-04"), row("A1", "2024-03-06"), row("B2", "2024-03-05"))).unwrap();
    let (code, out, err) = run_within(&["review", "--summary-only", csv.to_str().unwrap()], 20);
    assert!(out.starts_with("Summary: 3 note(s), 2 patient(s)"), "{out}");
    assert!(err.contains("export.csv: columns used: text=note, patient=patient_id, date=date, therapist=-"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    // The second visit of A1 repeats the first: the cross-visit check ran.
    assert!(out.contains("carried_forward"), "{out}");
    assert_ne!(code, 2, "{err}");

    // Other usual spellings, in other cases; a flag still wins over a usual name.
    std::fs::write(&csv, format!("MRN,Visit_Date,Clinician,Narrative,Patient\n1,2024-03-04,Kim PT,\"{NOTE}\",x\n")).unwrap();
    let (_, _, err) = run_within(&["review", "--summary-only", csv.to_str().unwrap()], 20);
    assert!(err.contains("columns used: text=Narrative, patient=Patient, date=Visit_Date, therapist=Clinician"), "{err}");
    let (_, _, err) = run_within(&["review", "--summary-only", "--patient-column", "mrn", csv.to_str().unwrap()], 20);
    assert!(err.contains("columns used: text=Narrative, patient=MRN, date=Visit_Date, therapist=Clinician"), "{err}");

    // No patient column: a warning that the cross-visit checks cannot run (not an input problem).
    std::fs::write(&csv, format!("id,text\nn1,\"{NOTE}\"\nn2,\"{NOTE}\"\n")).unwrap();
    let (code, out, err) = run_within(&["review", "--summary-only", csv.to_str().unwrap()], 20);
    assert!(err.contains("warning: ") && err.contains("export.csv: no patient column (looked for patient, patient_id, mrn; name one with --patient-column): carried_forward and progress_report_due cannot run"), "{err}");
    assert_ne!(code, 2, "a warning is not an input problem: {err}");
    assert!(out.contains("0 patient(s)") && out.contains("0 input problem(s)"), "{out}");
    // Only the checks still on are named; none when both are turned off.
    let (_, _, err) = run_within(&["review", "--summary-only", "--disable", "carried_forward", csv.to_str().unwrap()], 20);
    assert!(err.contains("--patient-column): progress_report_due cannot run"), "{err}");
    let (_, _, err) = run_within(&["review", "--summary-only", "--disable", "carried_forward", "--disable", "progress_report_due", csv.to_str().unwrap()], 20);
    assert!(!err.contains("warning"), "{err}");

    // JSONL: detected on the first object; notes.jsonl uses mrn, dos, clinician, note.
    let (_, out, err) = run_within(&["review", "--summary-only", "tests/fixtures/review/notes.jsonl"], 20);
    assert!(err.contains("notes.jsonl: fields used: text=note, patient=mrn, date=dos, therapist=clinician"), "{err}");
    let with_flags = run_within(&args(&["review", "--summary-only"], JSONL, "tests/fixtures/review/notes.jsonl"), 20).1;
    assert_eq!(out, with_flags, "detected fields review as the named ones");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A binary file named `.csv` printed its raw bytes as column names.
#[test]
fn a_binary_file_named_csv_is_not_a_csv() {
    let dir = scratch("binary");
    let csv = dir.join("export.csv");
    let mut bytes = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(&csv, &bytes).unwrap();
    let (code, out, err) = run_within(&["review", csv.to_str().unwrap()], 20);
    assert_eq!(code, 2);
    assert!(err.contains("export.csv: not a CSV file (it holds binary data, not text)"), "{err}");
    assert!(!err.contains("PK") && !err.contains("columns:"), "no raw bytes as column names: {err}");
    assert!(out.contains("Summary: 0 note(s)"), "{out}");
    // A Latin-1 header is text, but not UTF-8: said so.
    std::fs::write(&csv, b"id,th\xe9rapeute,text\n1,x,Tandem walk.\n").unwrap();
    let (code, _, err) = run_within(&["review", csv.to_str().unwrap()], 20);
    assert_eq!(code, 2);
    assert!(err.contains("the header row is not UTF-8 text"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Daily notes citing a baseline ("TUG 16.8 s (initial eval 21.4 s)") were taken for new
/// evaluations, each resetting the count: twelve such visits gave no `progress_report_due`.
#[test]
fn a_cited_baseline_does_not_reset_the_progress_report_cadence() {
    let dir = scratch("cadence");
    let csv = dir.join("visits.csv");
    let mut body = String::from("id,patient,date,text\n");
    for day in 1..=12 {
        body.push_str(&format!(
            "v{day:02},P1,2024-03-{day:02},\"O: Tandem walk 4 x 20 ft on foam with CGA and tactile cues to improve dynamic balance for safe community ambulation. TUG {}.8 s (initial eval 21.4 s). Berg 45/56, up from 38/56 at initial evaluation.\nA: Improving; continue.\n97112 x 2 units (30 min).\"\n",
            30 - day
        ));
    }
    std::fs::write(&csv, body).unwrap();
    let (_, out, err) = run_within(&["review", "--format", "csv", csv.to_str().unwrap()], 20);
    let got = project(&out);
    let due: Vec<&str> = got.lines().skip(1).filter(|l| l.ends_with(",1")).collect();
    assert_eq!(due.len(), 3, "progress_report_due from the 10th treatment day on: {got}\n{err}");
    assert!(due[0].starts_with("10,v10,P1,2024-03-10,,10,") && due[2].starts_with("12,v12,P1,2024-03-12,,12,"), "days 10, 11 and 12: {got}");
    // A note that is a progress report still resets the count.
    let body = std::fs::read_to_string(&csv).unwrap().replace("v06,P1,2024-03-06,\"O: Tandem walk", "v06,P1,2024-03-06,\"PROGRESS REPORT. O: Tandem walk");
    assert!(body.contains("PROGRESS REPORT"));
    std::fs::write(&csv, body).unwrap();
    let (_, out, _) = run_within(&["review", "--format", "csv", csv.to_str().unwrap()], 20);
    let got = project(&out);
    assert_eq!(got.lines().filter(|l| l.ends_with(",1")).count(), 0, "v06 is the report, day 12 is day 6 of the next period: {got}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 22: an unclosed quote costs only its own row; the rows after it are read again from the
/// next line and reviewed, with the date order and without it. Empty and header-only files say so.
#[test]
fn an_unclosed_quote_loses_no_row_after_it_and_empty_files_say_so() {
    let dir = std::env::temp_dir().join(format!("skillmark-unclosed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rows = "P1,Pt performed tandem walking for balance deficits w/ cues.\nP1,\"unclosed\nP2,Pt performed SLS for balance deficits w/ tactile cues.\nP3,Pt performed step ups for balance deficits w/ tactile cues.\n";
    let dated = "patient_id,date,note\nP1,2024-01-01,Pt performed tandem walking for balance deficits w/ cues.\nP1,2024-01-02,\"unclosed\nP1,2024-01-03,Pt performed SLS for balance deficits w/ tactile cues.\nP1,2024-01-04,Pt performed step ups for balance deficits w/ tactile cues.\n";
    for (file, text) in [("plain.csv", format!("patient_id,note\n{rows}")), ("dated.csv", dated.to_string())] {
        let path = dir.join(file);
        std::fs::write(&path, text).unwrap();
        let (_, out, err) = run(&["review", path.to_str().unwrap(), "--summary-only"]);
        assert!(out.contains("3 note(s)"), "{file}: {out}\n{err}");
        assert!(err.contains("row 2 (line 3)") && err.contains("read from line 4"), "{file}: {err}");
    }
    std::fs::write(dir.join("empty.csv"), "").unwrap();
    let (code, _, err) = run(&["review", dir.join("empty.csv").to_str().unwrap()]);
    assert!(code == 2 && err.contains("the file is empty"), "{err}");
    std::fs::write(dir.join("header.csv"), "patient_id,date,note\n").unwrap();
    let (code, _, err) = run(&["review", dir.join("header.csv").to_str().unwrap()]);
    assert!(code == 2 && err.contains("header row but no rows"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 22: a note longer than the limit is reviewed on the text the analysis read (a progress
/// report named only past the cut does not make it one), and `review` says that it checked
/// only the start, in every format, on standard error and in the HTML report.
#[test]
fn a_note_past_the_limit_is_checked_on_its_start_and_says_so() {
    let dir = scratch("limit");
    std::fs::create_dir_all(dir.join("P1")).unwrap();
    let mut text = String::new();
    while text.len() < (4 << 20) + 10 {
        text.push_str(NOTE);
        text.push('\n');
    }
    text.push_str("PROGRESS REPORT: goals met.\n");
    std::fs::write(dir.join("P1").join("2024-03-01.txt"), &text).unwrap();
    let html = dir.join("r.html");
    let (_, out, err) = run_within(&["review", "--format", "json", "--html", html.to_str().unwrap(), dir.to_str().unwrap()], 60);
    assert!(err.contains("2024-03-01.txt: the note is longer than the limit of 4 MiB; only its first 4 MiB were checked"), "{err}");
    let note: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(note["progress_report"], false, "the report marker lies past the cut");
    assert_eq!(note["report"]["truncated"], true);
    assert!(note["text"].as_str().unwrap().len() <= 4 << 20);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("The note is longer than the limit of 4 MiB"));
    let (_, out, _) = run_within(&["review", dir.join("P1").to_str().unwrap()], 60);
    assert!(out.contains("note: the note is longer than the limit of 4 MiB; only its first 4 MiB were checked"), "the text report says it as check does");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 22: notes two folders deep were skipped without a word. A sub-folder of the input is a
/// patient, and the notes in its own sub-folders (by year, by episode) are that patient's:
/// reviewed, linked to the patient's other visits, and said on standard error. A folder that
/// cannot be read is an input problem that names it.
#[test]
fn notes_in_deeper_folders_are_the_patients_and_unreadable_folders_are_named() {
    let dir = scratch("deep");
    let year = dir.join("Smith_John").join("2024");
    std::fs::create_dir_all(&year).unwrap();
    std::fs::write(dir.join("Smith_John").join("2024-03-01.txt"), NOTE).unwrap();
    std::fs::write(year.join("2024-03-04.txt"), NOTE).unwrap();
    let (code, out, err) = run_within(&["review", "--format", "json", dir.to_str().unwrap()], 20);
    assert_eq!(code, 0, "{err}");
    let notes: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).filter(|v: &serde_json::Value| v["kind"] == "note").collect();
    assert_eq!(notes.len(), 2, "{out}");
    assert!(notes.iter().all(|n| n["patient"] == "Smith_John"), "{out}");
    assert!(notes[1]["report"]["findings"].as_array().unwrap().iter().any(|f| f["code"] == "carried_forward"), "linked to the patient's first visit");
    assert!(err.contains("1 note(s) in folders inside a patient folder were reviewed as that patient's"), "{err}");
    // A folder that cannot be read (not as root, who reads every folder).
    let locked = dir.join("Doe_Jane");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(locked.join("2024-03-02.txt"), NOTE).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read_dir(&locked).is_err() {
            let (code, _, err) = run_within(&["review", "--summary-only", dir.to_str().unwrap()], 20);
            assert_eq!(code, 2, "{err}");
            assert!(err.contains("Doe_Jane: cannot read the folder (permission denied); its notes were not reviewed"), "{err}");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 22: a failed `--html` write was blamed on the note being read; it names the output.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_html_write_names_the_html_file() {
    let big = "Cont POC.\n".repeat(20_000);
    let dir = scratch("full");
    std::fs::write(dir.join("a.txt"), &big).unwrap();
    for input in [dir.join("a.txt"), root().join(FIX).join("visits.csv")] {
        let (code, _, err) = run_within(&["review", "--summary-only", "--html", "/dev/full", input.to_str().unwrap()], 20);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("skillmark: /dev/full: cannot write the HTML report: No space left on device"), "{err}");
        assert!(!err.contains("a.txt: No space") && !err.contains("visits.csv: No space") && err.matches("No space").count() == 1, "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
