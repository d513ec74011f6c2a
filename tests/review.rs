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
    assert_eq!(err, "");
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
    assert_eq!(row("progress_report_due").split_whitespace().collect::<Vec<_>>(), ["progress_report_due", "error", "1", "1"]);
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
                assert!(out.contains("\"patient\":\"patient-1\"") && out.contains("\"date\":\"2024\""), "{out}");
            }
        }
    }
    // Placeholders in the text, and the spans still quote the right words.
    let (_, out, _) = run(&args(&["review", "--redact", "--format", "json"], VISITS, "tests/fixtures/review/visits.csv"));
    let w01: serde_json::Value = out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).find(|v| v["id"] == "w01").unwrap();
    let text = w01["text"].as_str().unwrap();
    assert!(text.starts_with("Patient: [NAME], [AGE 90+], MRN [MRN], tel [PHONE], seen [DATE].\nInitial evaluation."), "{text}");
    let chars: Vec<char> = text.chars().collect();
    for f in w01["report"]["findings"].as_array().unwrap() {
        let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
        assert!(s <= e && e <= chars.len(), "{f}");
    }
    // A bad row's message is masked too.
    let (_, _, err) = run(&args(&["review", "--redact"], VISITS, "tests/fixtures/review/malformed.csv"));
    assert!(err.contains("row 4 (line 6): date of service"), "{err}");
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
    assert!(page.matches("<svg").count() == 3 && page.contains("<rect"));
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
