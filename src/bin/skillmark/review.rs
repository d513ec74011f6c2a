//! `skillmark review INPUT...`: the batch reviewer over a clinic's exported notes.
//!
//! Reads folders of `.txt` notes, `.jsonl` and `.csv` exports one note at a time, runs the
//! engine and the cross-note checks ([`skillmark::review`]) and prints each note's report, a
//! summary (worst notes first, counts per finding), or JSON lines / CSV; `--html FILE` also writes
//! one self-contained HTML report. Bad rows get a message with their row (and line) number and
//! the rest still run. This file only reads, orders and prints: the analysis is in the library.
//!
//! Inputs:
//! * a folder: every `*.txt` in it, and in its sub-folders, where the sub-folder's name is the
//!   patient id (`notes/MRN123/2024-03-04.txt`); a date in a file name (`2024-03-04`, `20240304`)
//!   is its date of service;
//! * `.jsonl` / `.ndjson`: one JSON object per line, fields named like CSV columns;
//! * `.csv`: a header row; columns chosen by name (case-insensitive).
//!
//! Order: a patient's visits are compared in date-of-service order. With `--date-column`, a first
//! cheap pass reads only the dates; if some patient's visits are out of order, the notes are
//! reviewed in date order (stable) by seeking back to each row. That pass keeps about 40 bytes
//! per row (a hash of the patient id, the date and the file position) while it runs: the only
//! state that grows with the number of notes. Rows whose date cannot be read sort first (they get
//! no cross-note checks anyway).
//!
//! Memory otherwise stays flat: a note's text and report are dropped once printed; the HTML report
//! is written as the notes stream, its summary last (shown first by CSS).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anstyle::Style;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use skillmark::review::{self, html, redact, summary::Summary, Config, Date, NoteReview, Reviewer, Visit};
use skillmark::{Options, Severity, UnitRule};

use super::{print_text, strip_bom, RuleArg};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// Each note's report (as `check` prints it), then the summary.
    Text,
    /// One JSON object per note per line, then one summary line.
    Json,
    /// One CSV row per note: counts, checklist and a column per finding code.
    Csv,
}

/// Options of `skillmark review`.
#[derive(Args)]
pub struct ReviewArgs {
    /// Folders of .txt notes, .jsonl or .csv exports.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Column (CSV) or field (JSONL) holding the note text [default: the first of note, text,
    /// narrative].
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,
    /// Column with the note's id [default: "id" when present, else the row number].
    #[arg(long, value_name = "NAME")]
    id_column: Option<String>,
    /// Column with the patient id; enables carried-forward and progress-report checks
    /// [default: the first of patient, patient_id, mrn].
    #[arg(long, value_name = "NAME")]
    patient_column: Option<String>,
    /// Column with the date of service (2024-03-04, 03/04/2024, 4-Mar-2024, ...) [default: the
    /// first of dos, date_of_service, visit_date, date].
    #[arg(long, value_name = "NAME")]
    date_column: Option<String>,
    /// Column with the therapist, for the per-therapist counts [default: the first of
    /// therapist, provider, clinician].
    #[arg(long, value_name = "NAME")]
    therapist_column: Option<String>,
    /// Similarity (Jaccard of word 3-shingles, 0-1] from which a sentence counts as carried forward.
    #[arg(long, default_value_t = 0.8, value_name = "0-1")]
    similarity: f32,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value = "text")]
    format: ReviewFormat,
    /// Also write one self-contained HTML report (charts, every note with its marks).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Hide identifiers in every output: notes become "patient-N visit K", therapists
    /// therapist-N, dates "day +N" from the patient's first visit, inputs input-N; the text is
    /// masked (names after "Patient:", dates, MRN/account numbers, phones, emails, addresses,
    /// ages over 89, the note's own patient and therapist names); best effort.
    #[arg(long)]
    redact: bool,
    /// How units are derived from minutes.
    #[arg(long, value_enum, default_value = "medicare")]
    unit_rule: RuleArg,
    /// Leave out a finding (repeatable), e.g. --disable carried_forward.
    #[arg(long, value_name = "CODE")]
    disable: Vec<String>,
    /// Length of the worst-notes table.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Print only the summary (text format).
    #[arg(long)]
    summary_only: bool,
}

/// The columns of one input, as indexes (CSV) or names (JSONL).
struct Columns<T, K> {
    text: T,
    id: Option<K>,
    patient: Option<K>,
    date: Option<K>,
    therapist: Option<K>,
}

/// One note read from an input.
struct Row {
    id: String,
    text: String,
    patient: Option<String>,
    date: Option<String>,
    therapist: Option<String>,
    /// "notes.csv: row 3 (line 4)", for messages.
    place: String,
}

/// Everything a batch writes to, plus the reviewer.
struct Batch {
    reviewer: Reviewer,
    format: ReviewFormat,
    summary_only: bool,
    redact: bool,
    out: Box<dyn Write>,
    csv: Option<csv::Writer<Box<dyn Write>>>,
    /// The `--html` file as messages name it, and its writer.
    html: Option<(String, BufWriter<File>)>,
    /// Why the run stopped writing an output (`--html` or standard output), said at the end: an
    /// output that cannot be written is never blamed on the note being read.
    output_failed: Option<String>,
    problems: Vec<String>,
    problem_count: usize,
    progress: ProgressBar,
    started: Instant,
    bar_allowed: bool,
    /// Standard output was closed (`skillmark review ... | head`): stop reading inputs.
    closed: bool,
}

const KEEP_PROBLEMS: usize = 100;

impl Batch {
    fn problem(&mut self, msg: String) {
        let msg = if self.redact { redact::redact(&msg) } else { msg };
        self.said(msg);
    }

    /// An input problem whose message holds nothing read from the input (under `--redact` it
    /// is not masked, so its examples of date formats stay readable).
    fn said(&mut self, msg: String) {
        self.progress.suspend(|| eprintln!("skillmark: {msg}"));
        if self.problems.len() < KEEP_PROBLEMS {
            self.problems.push(msg);
        }
        self.problem_count += 1;
    }

    fn tick(&mut self, bytes: u64) {
        self.progress.inc(bytes);
        if self.bar_allowed && self.progress.is_hidden() && self.started.elapsed() > Duration::from_millis(300) {
            self.progress.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn note(&mut self, row: Row) -> io::Result<()> {
        self.tick(row.text.len() as u64 + 1);
        if row.text.trim().is_empty() {
            self.problem(format!("{}: {}", row.place, super::EMPTY));
            return Ok(());
        }
        let mut patient = row.patient.as_deref().map(str::trim).filter(|p| !p.is_empty());
        let date = match row.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => match Date::parse(d) {
                Some(d) => Some(d),
                None => {
                    // The unread value may itself identify (a name in the wrong column).
                    let shown = if self.redact { String::new() } else { format!(" {d:?}") };
                    self.said(format!(
                        "{}: date of service{shown} not understood (use 2024-03-04, 03/04/2024 or 4-Mar-2024); the note is checked on its own",
                        row.place
                    ));
                    patient = None;
                    None
                }
            },
        };
        let therapist = row.therapist.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let r = self.reviewer.review(Visit { id: &row.id, text: &row.text, patient, date, therapist });
        self.write_html(&html::note(&r));
        if let Some(limit) = &r.cut_at {
            // A notice, not an input problem: the start of the note was reviewed.
            let msg = format!("{}: the note is longer than the limit of {limit}; only its first {limit} were checked", row.place);
            let msg = if self.redact { redact::redact(&msg) } else { msg };
            self.progress.suspend(|| eprintln!("skillmark: {msg}"));
        }
        match self.emit(&r) {
            // The reader of standard output is gone: stop the whole run quietly.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => {
                self.output_failed.get_or_insert(format!("cannot write to standard output: {e}"));
                self.closed = true;
                Ok(())
            }
            Ok(()) => Ok(()),
        }
    }

    /// Writes a piece of the HTML report; on a failure says so once, at the end, and writes no more.
    fn write_html(&mut self, piece: &str) {
        if let Some((name, h)) = &mut self.html {
            if let Err(e) = h.write_all(piece.as_bytes()) {
                self.output_failed.get_or_insert(format!("{name}: cannot write the HTML report: {e}"));
                self.html = None;
            }
        }
    }

    fn emit(&mut self, r: &NoteReview) -> io::Result<()> {
        match self.format {
            ReviewFormat::Text if !self.summary_only => {
                let ctx: Vec<String> = [
                    r.patient.as_ref().map(|p| format!("patient {p}")),
                    r.date.clone(),
                    r.therapist.clone(),
                    r.treatment_day.filter(|d| *d > 0).map(|d| format!("treatment day {d}")),
                    (r.kind == review::cadence::Kind::Progress).then(|| "progress report".to_string()),
                ]
                .into_iter()
                .flatten()
                .collect();
                // `check`'s block, with the note's context on the line under its name.
                let mut block = Vec::with_capacity(2048);
                print_text(&mut block, &r.id, &r.text, &r.report)?;
                let split = block.iter().position(|&b| b == b'\n').map_or(block.len(), |i| i + 1);
                let out = &mut self.out;
                self.progress.suspend(|| -> io::Result<()> {
                    out.write_all(&block[..split])?;
                    if !ctx.is_empty() {
                        writeln!(out, "  {DIM}{}{DIM:#}", ctx.join(" · "))?;
                    }
                    out.write_all(&block[split..])
                })?;
            }
            ReviewFormat::Text => {}
            ReviewFormat::Json => {
                let v = serde_json::json!({
                    "kind": "note",
                    "seq": r.seq,
                    "id": r.id,
                    "patient": r.patient,
                    "date": r.date,
                    "therapist": r.therapist,
                    "progress_report": r.kind == review::cadence::Kind::Progress,
                    "treatment_day": r.treatment_day,
                    "counts": r.counts,
                    "text": r.text,
                    "report": r.report,
                });
                writeln!(self.out, "{v}")?;
            }
            ReviewFormat::Csv => {
                let w = self.csv.as_mut().expect("csv writer");
                let c = &r.report.checklist;
                let mut rec: Vec<String> = vec![
                    r.seq.to_string(),
                    r.id.clone(),
                    r.patient.clone().unwrap_or_default(),
                    r.date.clone().unwrap_or_default(),
                    r.therapist.clone().unwrap_or_default(),
                    r.treatment_day.map(|d| d.to_string()).unwrap_or_default(),
                    r.counts.errors.to_string(),
                    r.counts.warnings.to_string(),
                    r.counts.infos.to_string(),
                ];
                rec.extend([c.what, c.why, c.how, c.outcome, c.measure, c.time].map(|b| u8::from(b).to_string()));
                rec.push(c.unskilled.to_string());
                rec.extend(review::codes().map(|code| r.report.findings.iter().filter(|f| f.code == code).count().to_string()));
                w.write_record(&rec).map_err(io::Error::other)?;
            }
        }
        Ok(())
    }
}

/// Case-insensitive column lookup.
fn find_col(names: &[String], want: &str) -> Option<usize> {
    names.iter().position(|n| n.trim().eq_ignore_ascii_case(want.trim()))
}

/// The column names tried, in order, when no `--*-column` flag names one (case-insensitive).
pub const TEXT_NAMES: &[&str] = &["note", "text", "narrative"];
pub const PATIENT_NAMES: &[&str] = &["patient", "patient_id", "mrn"];
pub const DATE_NAMES: &[&str] = &["dos", "date_of_service", "visit_date", "date"];
pub const THERAPIST_NAMES: &[&str] = &["therapist", "provider", "clinician"];

/// The first of `candidates` that `has` holds.
fn detect<'a>(candidates: &[&'a str], has: impl Fn(&str) -> bool) -> Option<&'a str> {
    candidates.iter().copied().find(|c| has(c))
}

/// The field names used for one input: given by a flag, else detected from the usual names.
struct Chosen {
    text: Option<String>,
    id: Option<String>,
    patient: Option<String>,
    date: Option<String>,
    therapist: Option<String>,
    /// Flags naming a column the input does not have.
    missing: Vec<String>,
}

impl Chosen {
    /// "text=note, patient=mrn, date=dos, therapist=-": what `review` says it used.
    fn describe(&self) -> String {
        let show = |n: &Option<String>| n.clone().unwrap_or_else(|| "-".into());
        format!(
            "text={}, patient={}, date={}, therapist={}",
            show(&self.text),
            show(&self.patient),
            show(&self.date),
            show(&self.therapist)
        )
    }
}

impl ReviewArgs {
    /// The columns to read from an input whose names `has` answers for: a flag's name when
    /// given (a missing one is reported and left out, not replaced by a guess), else the first
    /// usual name present. `spelled` maps a name to the input's own spelling of it.
    fn choose(&self, has: &dyn Fn(&str) -> bool, spelled: &dyn Fn(&str) -> String) -> Chosen {
        let mut missing = Vec::new();
        let mut pick = |flag: &str, given: &Option<String>, usual: &[&str]| match given {
            Some(n) if has(n) => Some(spelled(n)),
            Some(n) => {
                missing.push(format!("no {flag} column {n:?}; continuing without it"));
                None
            }
            None => detect(usual, has).map(spelled),
        };
        let patient = pick("patient", &self.patient_column, PATIENT_NAMES);
        let date = pick("date", &self.date_column, DATE_NAMES);
        let therapist = pick("therapist", &self.therapist_column, THERAPIST_NAMES);
        let id = pick("id", &self.id_column, &["id"]);
        let text = match &self.text_column {
            Some(n) => has(n).then(|| spelled(n)),
            None => detect(TEXT_NAMES, has).map(spelled),
        };
        Chosen { text, id, patient, date, therapist, missing }
    }

    /// Resolves the columns against a CSV header; `Err` names what is missing.
    fn columns(&self, names: &[String]) -> Result<(Columns<usize, usize>, Chosen), String> {
        let has = |n: &str| find_col(names, n).is_some();
        let spelled = |n: &str| find_col(names, n).map_or_else(|| n.to_string(), |i| names[i].trim().to_string());
        let chosen = self.choose(&has, &spelled);
        let Some(text) = chosen.text.as_deref().and_then(|t| find_col(names, t)) else {
            return Err(match &self.text_column {
                Some(t) => format!("no text column {t:?} (columns: {})", names.join(", ")),
                None => format!(
                    "no note text column (looked for {}); choose one with --text-column (columns: {})",
                    TEXT_NAMES.join(", "),
                    names.join(", ")
                ),
            });
        };
        let col = |n: &Option<String>| n.as_deref().and_then(|n| find_col(names, n));
        let cols = Columns { text, id: col(&chosen.id), patient: col(&chosen.patient), date: col(&chosen.date), therapist: col(&chosen.therapist) };
        Ok((cols, chosen))
    }
}

/// Tells, on standard error, which columns an input is read with, and warns when the cross-visit
/// checks cannot run on it (no patient column). Neither is an input problem (exit status).
fn say_columns(batch: &Batch, args: &ReviewArgs, name: &str, chosen: &Chosen, what: &str) {
    let across: Vec<&str> = ["carried_forward", "progress_report_due"].into_iter().filter(|c| !args.disable.iter().any(|d| d == c)).collect();
    let used = format!("skillmark: {name}: {what}s used: {}", chosen.describe());
    let warn = (chosen.patient.is_none() && !across.is_empty()).then(|| {
        format!(
            "skillmark: warning: {name}: no patient {what} (looked for {}; name one with --patient-column): {} cannot run, each note is checked on its own",
            PATIENT_NAMES.join(", "),
            across.join(" and ")
        )
    });
    let private = |m: String| if args.redact { redact::redact(&m) } else { m };
    let (used, warn) = (private(used), warn.map(private));
    batch.progress.suspend(|| {
        eprintln!("{used}");
        if let Some(w) = &warn {
            eprintln!("{w}");
        }
    });
}

/// The progress bar: hidden, switched on after a moment when standard error is a terminal (and
/// standard output is not, or only the summary is printed, so they do not interleave).
fn progress(total: u64, args: &ReviewArgs) -> (ProgressBar, bool) {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{spinner} reviewing [{bar:30}] {percent}% ({elapsed}, eta {eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    let allowed = io::stderr().is_terminal() && (!io::stdout().is_terminal() || args.summary_only || args.format != ReviewFormat::Text);
    (bar, allowed)
}

/// Runs `skillmark review`.
pub fn run(args: ReviewArgs) -> io::Result<u8> {
    if !(args.similarity > 0.0 && args.similarity <= 1.0) {
        eprintln!("skillmark: --similarity must be in (0, 1], e.g. 0.8");
        return Ok(2);
    }
    for d in &args.disable {
        if review::rule(d).is_none() {
            eprintln!("skillmark: unknown finding code {d:?}; `skillmark explain` lists them (and carried_forward, progress_report_due)");
            return Ok(2);
        }
    }
    let unit_rule = match args.unit_rule {
        RuleArg::Medicare => UnitRule::Medicare,
        RuleArg::RuleOfEights => UnitRule::RuleOfEights,
    };
    let cfg = Config {
        options: Options { unit_rule, disabled: args.disable.clone(), ..Options::default() },
        similarity: args.similarity,
        redact: args.redact,
        worst: args.top,
        ..Config::default()
    };
    let html = match &args.html {
        None => None,
        Some(p) => match File::create(p) {
            Ok(f) => Some((html_name(&args, p), BufWriter::new(f))),
            Err(e) => {
                eprintln!("skillmark: {}: cannot write the HTML report: {e}", html_name(&args, p));
                return Ok(2);
            }
        },
    };
    let total: u64 = args.inputs.iter().map(|p| input_size(p)).sum();
    let (progress, bar_allowed) = progress(total, &args);
    // Colours (stripped by anstream off a terminal or with NO_COLOR) only in the text format.
    let out: Box<dyn Write> = match args.format {
        ReviewFormat::Text => Box::new(BufWriter::new(anstream::stdout())),
        _ => Box::new(BufWriter::new(io::stdout())),
    };
    let mut batch = Batch {
        reviewer: Reviewer::new(cfg),
        format: args.format,
        summary_only: args.summary_only,
        redact: args.redact,
        out,
        csv: None,
        html,
        output_failed: None,
        problems: Vec::new(),
        problem_count: 0,
        progress,
        started: Instant::now(),
        bar_allowed,
        closed: false,
    };
    if args.format == ReviewFormat::Csv {
        let mut w = csv::Writer::from_writer(Box::new(BufWriter::new(io::stdout())) as Box<dyn Write>);
        let mut head: Vec<String> =
            ["seq", "id", "patient", "date", "therapist", "treatment_day", "errors", "warnings", "infos", "what", "why", "how", "outcome", "measure", "time", "unskilled"]
                .map(String::from)
                .to_vec();
        head.extend(review::codes().map(String::from));
        w.write_record(&head).map_err(io::Error::other)?;
        batch.csv = Some(w);
    }
    let names: Vec<String> = args.inputs.iter().enumerate().map(|(i, p)| input_name(&args, i, p)).collect();
    batch.write_html(&html::head("Skillmark review", &names));

    for (input, name) in args.inputs.iter().zip(&names) {
        if batch.closed {
            break;
        }
        let before = batch.reviewer.notes() as usize + batch.problem_count;
        let kind = input.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let res = if input.is_dir() {
            read_dir(&mut batch, input, name)
        } else {
            match kind.as_deref() {
                Some("csv") => read_csv(&mut batch, &args, input, name),
                Some("jsonl" | "ndjson" | "json") => read_jsonl(&mut batch, &args, input, name),
                Some("txt") => read_txt(&mut batch, input, input.display().to_string(), None, None, name),
                _ if !input.exists() => Err(format!("{name}: cannot read: no such file or folder")),
                _ => Err(format!("{name}: not a folder, .txt, .jsonl or .csv file")),
            }
        };
        match res {
            Ok(()) => {}
            Err(msg) => batch.problem(msg),
        }
        if batch.reviewer.notes() as usize + batch.problem_count == before && input.is_dir() {
            batch.problem(format!("{name}: no .txt notes found"));
        }
    }
    batch.progress.finish_and_clear();
    if let Some(msg) = &batch.output_failed {
        eprintln!("skillmark: {msg}");
        return Ok(2);
    }
    // A broken pipe on standard output ends the run quietly (main exits 0 on it).
    if batch.closed {
        return Err(io::ErrorKind::BrokenPipe.into());
    }

    let summary = batch.reviewer.summary();
    match args.format {
        ReviewFormat::Text => print_summary(&mut batch.out, &summary, batch.problem_count)?,
        ReviewFormat::Json => {
            let v = serde_json::json!({
                "kind": "summary",
                "summary": summary,
                "problems": batch.problem_count,
                "problem_messages": batch.problems,
            });
            writeln!(batch.out, "{v}")?;
        }
        ReviewFormat::Csv => {
            if let Some(w) = &mut batch.csv {
                w.flush()?;
            }
        }
    }
    batch.out.flush()?;
    let tail = html::tail(&summary, &batch.problems, batch.problem_count);
    batch.write_html(&tail);
    if let Some((name, mut h)) = batch.html.take() {
        if let Err(e) = h.flush() {
            batch.output_failed.get_or_insert(format!("{name}: cannot write the HTML report: {e}"));
        }
    }
    if let Some(msg) = &batch.output_failed {
        eprintln!("skillmark: {msg}");
        return Ok(2);
    }
    Ok(if batch.problem_count > 0 {
        2
    } else if summary.totals.notes_with_errors > 0 {
        1
    } else {
        0
    })
}

/// How messages and the HTML report name input `i`: its path, or under `--redact` `input-N`
/// with the path's extension (a file or folder name may name a patient or a clinic).
fn input_name(args: &ReviewArgs, i: usize, p: &Path) -> String {
    if !args.redact {
        return p.display().to_string();
    }
    match p.extension().and_then(|e| e.to_str()).filter(|_| !p.is_dir()) {
        Some(ext) => format!("input-{}.{}", i + 1, ext.to_ascii_lowercase()),
        None => format!("input-{}", i + 1),
    }
}

/// How messages name the `--html` file: its path, or under `--redact` the option.
fn html_name(args: &ReviewArgs, p: &Path) -> String {
    if args.redact {
        "the --html file".into()
    } else {
        p.display().to_string()
    }
}

fn input_size(p: &Path) -> u64 {
    if p.is_dir() {
        txt_files(p).files.iter().map(|f| std::fs::metadata(&f.0).map_or(0, |m| m.len())).sum()
    } else {
        std::fs::metadata(p).map_or(0, |m| m.len())
    }
}

/// A date of service in a file name: `2024-03-04` or `20240304`.
fn date_in_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    (0..b.len()).find_map(|i| {
        if i > 0 && b[i - 1].is_ascii_digit() {
            return None;
        }
        for len in [10, 8] {
            if let Some(s) = name.get(i..i + len) {
                if !b.get(i + len).is_some_and(u8::is_ascii_digit) && s.bytes().next().is_some_and(|c| c.is_ascii_digit()) {
                    if let Some(d) = Date::parse(s) {
                        return Some(d);
                    }
                }
            }
        }
        None
    })
}

/// Folder levels read below a patient folder (a link back up cannot loop the walk).
const MAX_DEPTH: usize = 8;

/// What a walk of an input folder found.
#[derive(Default)]
struct Walk {
    /// (path, patient, date in the file name), in date-then-name order.
    files: Vec<(PathBuf, Option<String>, Option<Date>)>,
    /// Notes found inside a patient folder's own sub-folders.
    deeper: usize,
    /// Folders that could not be read (path, why).
    unreadable: Vec<(PathBuf, io::Error)>,
    /// Folders past [`MAX_DEPTH`] levels, not read.
    too_deep: usize,
}

/// The `.txt` files of a folder and of every folder below it. A sub-folder of `dir` is a patient;
/// its notes at any depth (`Smith_John/2024/03-04.txt`, an export by year or episode) are that
/// patient's.
fn txt_files(dir: &Path) -> Walk {
    fn walk(w: &mut Walk, dir: &Path, patient: Option<&str>, depth: usize) {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return w.unreadable.push((dir.to_path_buf(), e)),
        };
        let is_txt = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if depth >= MAX_DEPTH {
                    w.too_deep += 1;
                    continue;
                }
                let name = e.file_name().to_string_lossy().into_owned();
                walk(w, &p, Some(patient.unwrap_or(&name)), depth + 1);
            } else if is_txt(&p) {
                w.deeper += usize::from(depth > 1);
                w.files.push((p, patient.map(str::to_string), None));
            }
        }
    }
    let mut w = Walk::default();
    walk(&mut w, dir, None, 0);
    for f in &mut w.files {
        f.2 = f.0.file_name().and_then(|n| n.to_str()).and_then(date_in_name);
    }
    w.files.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    w
}

/// `name` is how messages name the folder ([`input_name`]); under `--redact` a file in it is
/// "file N" (its place in date-then-name order), since its path names the patient.
fn read_dir(batch: &mut Batch, dir: &Path, name: &str) -> Result<(), String> {
    if std::fs::read_dir(dir).is_err() {
        return Err(format!("{name}: cannot read the folder"));
    }
    let walk = txt_files(dir);
    for (path, e) in &walk.unreadable {
        let folder = if batch.redact { format!("{name}: a folder inside") } else { path.display().to_string() };
        batch.said(format!("{folder}: cannot read the folder ({}); its notes were not reviewed", e.kind()));
    }
    if walk.too_deep > 0 {
        batch.said(format!("{name}: {} folder(s) more than {MAX_DEPTH} levels below a patient folder were not read", walk.too_deep));
    }
    if walk.deeper > 0 {
        // Not a problem: said so that the grouping is never a surprise.
        let n = walk.deeper;
        batch.progress.suspend(|| eprintln!("skillmark: {name}: {n} note(s) in folders inside a patient folder were reviewed as that patient's (a sub-folder of the input is a patient)"));
    }
    for (k, (path, patient, date)) in walk.files.into_iter().enumerate() {
        if batch.closed {
            break;
        }
        let rel = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
        let place = if batch.redact { format!("{name}: file {}", k + 1) } else { path.display().to_string() };
        // A FIFO, socket or device named *.txt would block the read (or never end): only
        // regular files (or links to them) are notes.
        if !path.is_file() {
            batch.problem(format!("{place}: not a regular file (a pipe, socket or device?); skipped"));
            continue;
        }
        if let Err(msg) = read_txt(batch, &path, rel, patient, date, &place) {
            batch.problem(msg);
        }
    }
    Ok(())
}

/// One `.txt` note; `place` names it in messages.
fn read_txt(batch: &mut Batch, path: &Path, id: String, patient: Option<String>, date: Option<Date>, place: &str) -> Result<(), String> {
    let mut bytes = Vec::new();
    File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map_err(|e| format!("{place}: cannot read: {e}"))?;
    if crate::utf16_like(&bytes) {
        return Err(format!("{place}: {}", crate::UTF16));
    }
    let mut text = String::from_utf8(bytes)
        .map_err(|e| format!("{place}: not UTF-8 text (invalid byte at offset {}); save the note as UTF-8", e.utf8_error().valid_up_to()))?;
    strip_bom(&mut text);
    let row = Row { id, text, patient, date: date.map(|d| d.to_string()), therapist: None, place: place.to_string() };
    batch.note(row).map_err(|e| format!("{place}: {e}"))
}

/// A field of a CSV record as UTF-8; `Err` says which column is not.
fn field(rec: &csv::ByteRecord, col: Option<usize>, names: &[String]) -> Result<Option<String>, String> {
    let Some(c) = col else { return Ok(None) };
    let Some(b) = rec.get(c) else { return Ok(None) };
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Some(s.to_string())),
        Err(e) => Err(format!("column {:?} is not UTF-8 (invalid byte at offset {}); re-export the file as UTF-8", names[c], e.valid_up_to())),
    }
}

/// A patient id's hash: the order pass keeps 8 bytes per row, not the id.
fn hash(patient: Option<&str>) -> Option<u64> {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    patient.map(|p| BuildHasherDefault::<DefaultHasher>::default().hash_one(p))
}

/// Rows out of date order for some patient? Then the order to read them in (stable by date).
fn date_order<K: Clone>(keys: Vec<(Option<u64>, Option<Date>, K)>) -> Option<Vec<K>> {
    let mut last: HashMap<u64, Date> = HashMap::new();
    let mut sorted = true;
    for (p, d, _) in &keys {
        if let (Some(p), Some(d)) = (p, d) {
            if last.get(p).is_some_and(|l| *l > *d) {
                sorted = false;
                break;
            }
            last.insert(*p, *d);
        }
    }
    if sorted {
        return None;
    }
    let mut keys = keys;
    keys.sort_by_key(|k| k.1.unwrap_or(Date(i32::MIN)));
    Some(keys.into_iter().map(|k| k.2).collect())
}

/// `name` is how messages name the file ([`input_name`]).
fn read_csv(batch: &mut Batch, args: &ReviewArgs, path: &Path, name: &str) -> Result<(), String> {
    let mut file = File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    // A binary file named .csv (a spreadsheet, an archive) would show its raw bytes as column
    // names: text has no NUL bytes and no other control characters but tab and line ends.
    let mut head = Vec::with_capacity(8192);
    (&mut file).take(8192).read_to_end(&mut head).map_err(|e| format!("{name}: cannot read: {e}"))?;
    if is_binary(&head) {
        return Err(format!("{name}: not a CSV file (it holds binary data, not text); export the notes as CSV text with a header row"));
    }
    if head.iter().all(|c| c.is_ascii_whitespace()) && std::fs::metadata(path).map_or(false, |m| m.len() <= head.len() as u64) {
        return Err(format!("{name}: the file is empty; export the notes as CSV with a header row"));
    }
    file.seek(SeekFrom::Start(0)).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let header = rdr.byte_headers().map_err(|e| format!("{name}: cannot read the header row: {e}"))?;
    if std::str::from_utf8(header.as_slice()).is_err() {
        return Err(format!("{name}: the header row is not UTF-8 text; re-export the file as UTF-8 CSV"));
    }
    let names: Vec<String> = header.iter().map(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}').to_string()).collect();
    let (cols, chosen) = args.columns(&names).map_err(|e| format!("{name}: {e}"))?;
    for m in &chosen.missing {
        batch.problem(format!("{name}: {m}"));
    }
    say_columns(batch, args, name, &chosen, "column");
    let start = rdr.position().clone();
    // Only white space after the header: a header row and no notes.
    if let Ok(mut f) = File::open(path) {
        let mut rest = [0u8; 4096];
        if f.seek(SeekFrom::Start(start.byte())).is_ok() {
            let n = f.read(&mut rest).unwrap_or(0);
            if rest[..n].iter().all(|c| c.is_ascii_whitespace()) && f.read(&mut rest).unwrap_or(0) == 0 {
                return Err(format!("{name}: has a header row but no rows of notes"));
            }
        }
    }
    let mut rec = csv::ByteRecord::new();
    // With a date column, a first pass over dates only decides the order.
    let order = if cols.date.is_some() {
        let mut keys = Vec::new();
        let file_len = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
        let mut resumed = 0;
        loop {
            let pos = rdr.position().clone();
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {
                    // A row whose quote is never closed: the second pass reports it; the rows
                    // after it are read again from the next line.
                    if rdr.position().byte() >= file_len && resumed < MAX_RESUMES && unclosed_quote(path, pos.byte()).is_some() {
                        keys.push((None, None, pos.clone()));
                        if let Some(next) = next_line(path, &pos, file_len) {
                            resumed += 1;
                            rdr.seek(next).map_err(|e| format!("{name}: {e}"))?;
                        }
                        continue;
                    }
                    let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).and_then(|b| std::str::from_utf8(b).ok()).map(str::trim);
                    keys.push((hash(get(cols.patient)), get(cols.date).and_then(Date::parse), pos));
                }
                Ok(false) => break,
                Err(_) => keys.push((None, None, pos)),
            }
        }
        let order = date_order(keys);
        rdr.seek(start.clone()).map_err(|e| format!("{name}: {e}"))?;
        order
    } else {
        None
    };
    let handle = |batch: &mut Batch, rec: &csv::ByteRecord, pos: &csv::Position| -> Result<(), String> {
        let row = pos.record();
        let place = format!("{name}: row {row} (line {})", pos.line());
        if rec.len() != names.len() {
            return Err(format!(
                "{place}: has {} field(s), the header has {}: an unclosed quote or a missing or extra comma? Row skipped",
                rec.len(),
                names.len()
            ));
        }
        let get = |c| field(rec, c, &names).map_err(|e| format!("{place}: {e}; row skipped"));
        let text = get(Some(cols.text))?.unwrap_or_default();
        let id = get(cols.id)?.filter(|s| !s.trim().is_empty()).unwrap_or_else(|| format!("{name}:row {row}"));
        let r = Row { id, text, patient: get(cols.patient)?, date: get(cols.date)?, therapist: get(cols.therapist)?, place };
        batch.note(r).map_err(|e| format!("{name}: {e}"))
    };
    let file_len = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
    let sequential = order.is_none();
    let mut resumed = 0;
    let mut one = |batch: &mut Batch, rdr: &mut csv::Reader<File>| -> Option<()> {
        let pos = rdr.position().clone();
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {
                // A row that reaches the end of the file with a quote never closed has taken in
                // every row after its quote: say so rather than review them as one note.
                if rdr.position().byte() >= file_len && resumed < MAX_RESUMES {
                    if let Some(lines) = unclosed_quote(path, pos.byte()) {
                        batch.tick(rec.as_slice().len() as u64);
                        // Reading resumes at the next line: the rows after the bad one are kept.
                        let next = next_line(path, &pos, file_len);
                        let resume = next.as_ref().map_or(String::new(), |n| format!("; the rows after it are read from line {}", n.line()));
                        if sequential {
                            if let Some(n) = next {
                                resumed += 1;
                                if rdr.seek(n).is_err() {
                                    return None;
                                }
                            }
                        }
                        batch.problem(format!(
                            "{name}: row {} (line {}): a quote (\") opened in this row is never closed, so the row runs to the end of the file ({lines} line(s)) and would swallow the rows after it; close the quote (a quote inside a field is written \"\"). Row skipped{resume}",
                            pos.record(),
                            pos.line()
                        ));
                        return Some(());
                    }
                }
                if let Err(msg) = handle(batch, &rec, &pos) {
                    batch.tick(rec.as_slice().len() as u64);
                    batch.problem(msg);
                }
                Some(())
            }
            Ok(false) => None,
            Err(e) => {
                batch.problem(format!("{name}: row {} (line {}): {e}; row skipped", pos.record(), pos.line()));
                Some(())
            }
        }
    };
    match order {
        None => while one(batch, &mut rdr).is_some() && !batch.closed {},
        Some(order) => {
            for pos in order {
                if batch.closed {
                    break;
                }
                rdr.seek(pos).map_err(|e| format!("{name}: {e}"))?;
                one(batch, &mut rdr);
            }
        }
    }
    Ok(())
}

/// Whether the start of a file is binary data rather than text: a NUL byte, or more than a few
/// control characters other than tab, line feed, carriage return and form feed.
fn is_binary(head: &[u8]) -> bool {
    let controls = head.iter().filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    head.contains(&0) || controls > head.len() / 100 + 2
}

/// At most this many rows with an unclosed quote are stepped over in one file (each costs a read
/// to the end of the file); after that the rest of the file is one bad row, as before.
const MAX_RESUMES: usize = 100;

/// The position of the line after the one where the record at `pos` starts, if the file goes on.
fn next_line(path: &Path, pos: &csv::Position, file_len: u64) -> Option<csv::Position> {
    let mut f = File::open(path).ok()?;
    f.seek(SeekFrom::Start(pos.byte())).ok()?;
    let mut buf = [0u8; 8192];
    let mut at = pos.byte();
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        if let Some(i) = buf[..n].iter().position(|&c| c == b'\n') {
            let byte = at + i as u64 + 1;
            if byte >= file_len {
                return None;
            }
            let mut next = csv::Position::new();
            next.set_byte(byte).set_line(pos.line() + 1).set_record(pos.record() + 1);
            return Some(next);
        }
        at += n as u64;
    }
}

/// The number of lines from byte `start` of a CSV file to its end when that stretch holds an odd
/// number of `"` (a quoted field never closed; quotes inside a field are doubled, so a closed
/// row always holds an even number).
fn unclosed_quote(path: &Path, start: u64) -> Option<usize> {
    let mut f = File::open(path).ok()?;
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut rest = Vec::new();
    f.read_to_end(&mut rest).ok()?;
    let quotes = rest.iter().filter(|&&c| c == b'"').count();
    (quotes % 2 == 1).then(|| rest.split(|&c| c == b'\n').filter(|l| !l.is_empty()).count())
}

fn json_str(v: &serde_json::Value, key: Option<&str>) -> Option<String> {
    match v.get(key?)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Line 1 of an export without a UTF-8 byte-order mark.
fn without_bom(buf: &[u8], line: u64) -> &[u8] {
    if line == 1 {
        buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf)
    } else {
        buf
    }
}

/// `name` is how messages name the file ([`input_name`]).
fn read_jsonl(batch: &mut Batch, args: &ReviewArgs, path: &Path, name: &str) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let mut rdr = BufReader::new(file);
    let mut buf = Vec::new();
    let read_line = |rdr: &mut BufReader<File>, buf: &mut Vec<u8>| -> io::Result<usize> {
        buf.clear();
        rdr.read_until(b'\n', buf)
    };
    // The usual field names are detected on the first JSON object (a flag's name is used as
    // given: a field may be absent from some lines).
    let mut first: Option<serde_json::Map<String, serde_json::Value>> = None;
    for line in 1..=20u64 {
        if read_line(&mut rdr, &mut buf).map_err(|e| format!("{name}: {e}"))? == 0 {
            break;
        }
        if let Ok(serde_json::Value::Object(o)) = serde_json::from_slice(without_bom(&buf, line)) {
            first = Some(o);
            break;
        }
    }
    rdr.seek(SeekFrom::Start(0)).map_err(|e| format!("{name}: {e}"))?;
    let key = |n: &str| first.as_ref().and_then(|o| o.keys().find(|k| k.trim().eq_ignore_ascii_case(n.trim())).cloned());
    let mut chosen = args.choose(&|n| key(n).is_some(), &|n| key(n).unwrap_or_else(|| n.to_string()));
    for (given, slot) in [
        (&args.text_column, &mut chosen.text),
        (&args.patient_column, &mut chosen.patient),
        (&args.date_column, &mut chosen.date),
        (&args.therapist_column, &mut chosen.therapist),
        (&args.id_column, &mut chosen.id),
    ] {
        if given.is_some() {
            slot.clone_from(given);
        }
    }
    if first.is_some() {
        say_columns(batch, args, name, &chosen, "field");
    }
    let text_key = chosen.text.as_deref();
    let cols = Columns {
        text: (),
        id: Some(chosen.id.as_deref().unwrap_or("id")),
        patient: chosen.patient.as_deref(),
        date: chosen.date.as_deref(),
        therapist: chosen.therapist.as_deref(),
    };
    let order = if cols.date.is_some() {
        let (mut keys, mut at, mut line) = (Vec::new(), 0u64, 0u64);
        loop {
            let n = read_line(&mut rdr, &mut buf).map_err(|e| format!("{name}: {e}"))?;
            if n == 0 {
                break;
            }
            line += 1;
            let v: Option<serde_json::Value> = serde_json::from_slice(without_bom(&buf, line)).ok();
            let get = |k| v.as_ref().and_then(|v| json_str(v, k));
            keys.push((hash(get(cols.patient).as_deref()), get(cols.date).as_deref().and_then(Date::parse), (at, line)));
            at += n as u64;
        }
        rdr.seek(SeekFrom::Start(0)).map_err(|e| format!("{name}: {e}"))?;
        date_order(keys)
    } else {
        None
    };
    let handle = |batch: &mut Batch, buf: &[u8], line: u64| -> Result<(), String> {
        let place = format!("{name}: line {line}");
        let buf = without_bom(buf, line);
        if buf.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let text = std::str::from_utf8(buf).map_err(|e| format!("{place}: not UTF-8 (invalid byte at offset {}); line skipped", e.valid_up_to()))?;
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("{place}: not JSON: {e}; line skipped"))?;
        if !v.is_object() {
            return Err(format!("{place}: not a JSON object; line skipped"));
        }
        let note = match text_key {
            Some(k) => v.get(k),
            None => TEXT_NAMES.iter().find_map(|k| v.get(*k)),
        };
        let Some(note) = note.and_then(|n| n.as_str()) else {
            return Err(match text_key {
                Some(k) => format!("{place}: no string field {k:?}; line skipped"),
                None => format!("{place}: no string field {}; line skipped", TEXT_NAMES.iter().map(|k| format!("{k:?}")).collect::<Vec<_>>().join(" or ")),
            });
        };
        let id = json_str(&v, cols.id).unwrap_or_else(|| format!("{name}:line {line}"));
        let r = Row {
            id,
            text: note.to_string(),
            patient: json_str(&v, cols.patient),
            date: json_str(&v, cols.date),
            therapist: json_str(&v, cols.therapist),
            place,
        };
        batch.note(r).map_err(|e| format!("{name}: {e}"))
    };
    let mut one = |batch: &mut Batch, rdr: &mut BufReader<File>, line: u64| -> Result<bool, String> {
        let n = read_line(rdr, &mut buf).map_err(|e| format!("{name}: {e}"))?;
        if n == 0 {
            return Ok(false);
        }
        if let Err(msg) = handle(batch, &buf, line) {
            batch.tick(n as u64);
            batch.problem(msg);
        }
        Ok(true)
    };
    match order {
        None => {
            let mut line = 0;
            loop {
                line += 1;
                if !one(batch, &mut rdr, line)? || batch.closed {
                    break;
                }
            }
        }
        Some(order) => {
            for (at, line) in order {
                if batch.closed {
                    break;
                }
                rdr.seek(SeekFrom::Start(at)).map_err(|e| format!("{name}: {e}"))?;
                one(batch, &mut rdr, line)?;
            }
        }
    }
    Ok(())
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        s.chars().take(n - 1).collect::<String>() + "…"
    } else {
        s.to_string()
    }
}

fn print_summary(out: &mut dyn Write, s: &Summary, problems: usize) -> io::Result<()> {
    let t = &s.totals;
    writeln!(
        out,
        "{BOLD}Summary{BOLD:#}: {} note(s), {} patient(s), {} with errors ({} error(s), {} warning(s), {} info), {problems} input problem(s)",
        t.notes, s.patients, t.notes_with_errors, t.errors, t.warnings, t.infos
    )?;
    if !s.worst.is_empty() {
        let rows: Vec<[String; 8]> = s
            .worst
            .iter()
            .enumerate()
            .map(|(i, w)| {
                [
                    (i + 1).to_string(),
                    clip(&w.id, 32),
                    clip(w.patient.as_deref().unwrap_or("-"), 16),
                    w.date.clone().unwrap_or_else(|| "-".into()),
                    w.counts.errors.to_string(),
                    w.counts.warnings.to_string(),
                    w.counts.infos.to_string(),
                    if w.codes.len() > 4 { format!("{}, +{}", w.codes[..4].join(", "), w.codes.len() - 4) } else { w.codes.join(", ") },
                ]
            })
            .collect();
        let head = ["#", "note", "patient", "date", "E", "W", "I", "findings"].map(String::from);
        let width: Vec<usize> = (0..8).map(|c| rows.iter().chain([&head]).map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
        writeln!(out, "\n{BOLD}Worst notes{BOLD:#}")?;
        for (k, r) in [&head].into_iter().chain(rows.iter()).enumerate() {
            let mut line = String::from(" ");
            for c in 0..8 {
                let right = matches!(c, 0 | 4 | 5 | 6);
                let cell = &r[c];
                let pad = " ".repeat(width[c] - cell.chars().count());
                if c == 7 {
                    line.push_str(&format!(" {cell}"));
                } else if right {
                    line.push_str(&format!(" {pad}{cell}"));
                } else {
                    line.push_str(&format!(" {cell}{pad}"));
                }
            }
            if k == 0 {
                writeln!(out, "{BOLD}{}{BOLD:#}", line.trim_end())?;
            } else {
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    if !s.codes.is_empty() {
        writeln!(out, "\n{BOLD}Findings{BOLD:#}")?;
        let w = s.codes.iter().map(|c| c.code.len()).max().unwrap_or(0).max(7);
        writeln!(out, "  {:<w$}  {:<8} {:>6} {:>6}", "finding", "severity", "notes", "count")?;
        for c in &s.codes {
            let sev = match c.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            writeln!(out, "  {:<w$}  {:<8} {:>6} {:>6}", c.code, sev, c.notes, c.findings)?;
        }
    }
    if !s.by_therapist.is_empty() {
        writeln!(out, "\n{BOLD}Per therapist{BOLD:#}")?;
        let w = s.by_therapist.iter().map(|g| g.label.chars().count().min(32)).max().unwrap_or(0).max(9);
        writeln!(out, "  {:<w$}  {:>6} {:>6} {:>8} {:>6}", "therapist", "notes", "errors", "warnings", "infos")?;
        for g in &s.by_therapist {
            let c = &g.counts;
            writeln!(out, "  {:<w$}  {:>6} {:>6} {:>8} {:>6}", clip(&g.label, 32), c.notes, c.errors, c.warnings, c.infos)?;
        }
    }
    Ok(())
}
