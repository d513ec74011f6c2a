//! `skillmark`: the command-line checker over the same engine as the extension.
//!
//! * `skillmark check NOTE.txt... | -` prints a report per note (checklist, findings with their
//!   message, rule source, the text they point at and the suggested fix), coloured on a terminal
//!   (`NO_COLOR` respected), or `--format json` (one JSON object per note per line).
//! * `skillmark predict CORPUS.jsonl` prints the scorer's prediction line for each note.
//! * `skillmark explain [CODE]` prints a finding's explanation, or the list of findings;
//!   `skillmark explain --mark NOTE` traces how each sentence was labelled (rules, then model).
//! * `skillmark draft NOTE` drafts a progress / medical-necessity statement from the note's facts.
//! * `skillmark review INPUT...` reviews a batch of exported notes (`review.rs`).
//!
//! Exit status: 0 when no finding has error severity, 1 when one does, 2 on bad input or usage.
//! An empty note (nothing but white space) is bad input in every command, as in `review`: it
//! is named on standard error ("empty note text; skipped") and the status is 2.

/// `eprintln!` that never panics: a closed or broken standard error ("2>&1 >/dev/null | true")
/// loses the message, and the exit status still says what happened. Defined before the
/// modules, so it stands in for the standard macro in all of the CLI.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::{Parser, Subcommand, ValueEnum};
use skillmark::{analyze, findings, Options, Report, Severity, UnitRule};

mod review;

#[derive(Parser)]
#[command(name = "skillmark", version, about = "Checks CPT 97112 treatment notes for skilled-care documentation, locally.")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum RuleArg {
    /// Medicare's 8-minute rule on total timed minutes.
    Medicare,
    /// Per-service "rule of 8s" (some commercial payers).
    RuleOfEights,
}

#[derive(Subcommand)]
enum Cmd {
    /// Check notes (text files, or - for standard input) and print a report for each.
    Check {
        /// Note files; "-" reads one note from standard input.
        #[arg(required = true)]
        notes: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// How units are derived from minutes.
        #[arg(long, value_enum, default_value = "medicare")]
        unit_rule: RuleArg,
        /// Leave out a finding (repeatable), e.g. --disable missing_time.
        #[arg(long, value_name = "CODE")]
        disable: Vec<String>,
    },
    /// For each line {"id","text",...} of a JSONL corpus, print the scorer's prediction line.
    Predict {
        /// The corpus file ("-" for standard input).
        corpus: PathBuf,
    },
    /// Review a batch of exported notes (folders of .txt, .jsonl, .csv): per-note findings,
    /// carried-forward text and progress-report cadence per patient, a summary, JSON/CSV/HTML.
    Review(review::ReviewArgs),
    /// Draft a medical-necessity / progress statement from the note's own facts (for review;
    /// placeholders in [brackets] mark what the note does not say).
    Draft {
        /// The note ("-" for standard input).
        note: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Organise the note's own sentences under S/O/A/P instead (no sentence changed; a
        /// [placeholder] for each missing part).
        #[arg(long)]
        soap: bool,
    },
    /// Explain a finding code, or list every finding; with --mark, how each sentence of a note
    /// was labelled.
    Explain {
        /// The finding code, e.g. units_minutes_mismatch.
        #[arg(conflicts_with = "mark")]
        code: Option<String>,
        /// Trace a note ("-" for standard input): per sentence, the rules' labels, the labels it
        /// ends with, and per learned label the model's probability and strongest features.
        #[arg(long, value_name = "FILE")]
        mark: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Check { notes, format, unit_rule, disable } => check(&notes, format, unit_rule, disable),
        Cmd::Predict { corpus } => predict(&corpus),
        Cmd::Review(args) => review::run(args),
        Cmd::Explain { mark: Some(note), .. } => explain_mark(&note),
        Cmd::Explain { code, .. } => explain(code.as_deref()),
        Cmd::Draft { note, format, soap } => draft(&note, format, soap),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("skillmark: {e}");
            ExitCode::from(2)
        }
    }
}

fn options(rule: RuleArg, disable: Vec<String>) -> Result<Options, String> {
    for d in &disable {
        if findings::rule(d).is_none() {
            return Err(format!("unknown finding code {d:?}; `skillmark explain` lists them"));
        }
    }
    let unit_rule = match rule {
        RuleArg::Medicare => UnitRule::Medicare,
        RuleArg::RuleOfEights => UnitRule::RuleOfEights,
    };
    Ok(Options { unit_rule, disabled: disable, ..Options::default() })
}

/// What every command says of a note with no text (`review` too).
pub(crate) const EMPTY: &str = "empty note text; skipped";

/// Reads a note; a clear message when it is missing or not UTF-8 text.
fn read_note(path: &PathBuf) -> Result<String, String> {
    let mut bytes = Vec::new();
    let res = if path.as_os_str() == "-" {
        io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    res.map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if utf16_like(&bytes) {
        return Err(format!("{}: {UTF16}", path.display()));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!("{}: not UTF-8 text (invalid byte at offset {}); save the note as UTF-8", path.display(), e.utf8_error().valid_up_to())
    })?;
    strip_bom(&mut text);
    Ok(text)
}

/// The message for a note saved as UTF-16.
pub(crate) const UTF16: &str = "UTF-16 text, not UTF-8 (every other byte is zero); save the note as UTF-8";

/// True for bytes that look like UTF-16 (with or without a byte-order mark): a UTF-16 BOM, or a
/// zero in at least a third of the first 512 bytes' even or odd positions. ASCII text saved as
/// UTF-16 is valid UTF-8 byte for byte, with a NUL after every letter: read as UTF-8, it would be
/// analysed as garbage.
pub(crate) fn utf16_like(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(512)];
    let half = head.len() / 2;
    half >= 2 && (0..2).any(|parity| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count() * 3 >= half)
}

/// Removes a UTF-8 byte-order mark at the start (Windows editors write one): left in, it hides
/// the note's first SOAP header and the first line of a JSONL export.
pub(crate) fn strip_bom(text: &mut String) {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
}

fn check(notes: &[PathBuf], format: Format, rule: RuleArg, disable: Vec<String>) -> io::Result<u8> {
    let opts = match options(rule, disable) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skillmark: {e}");
            return Ok(2);
        }
    };
    let mut out = anstream::stdout().lock();
    let mut status = 0u8;
    for path in notes {
        let text = match read_note(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("skillmark: {e}");
                status = 2;
                continue;
            }
        };
        if text.trim().is_empty() {
            eprintln!("skillmark: {}: {EMPTY}", path.display());
            status = 2;
            continue;
        }
        let report = analyze(&text, &opts);
        if report.has_errors() && status == 0 {
            status = 1;
        }
        match format {
            Format::Json => {
                let v = serde_json::json!({ "file": path.display().to_string(), "report": report });
                writeln!(out, "{v}")?;
            }
            Format::Text => print_text(&mut out, &path.display().to_string(), &text, &report)?,
        }
    }
    Ok(status)
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn sev_style(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Info => AnsiColor::Cyan.on_default().bold(),
    }
}

/// Line and column (1-based, in characters) of a char offset, from a line-start table.
fn line_col(starts: &[usize], off: usize) -> (usize, usize) {
    let line = starts.partition_point(|&s| s <= off);
    (line, off - starts[line - 1] + 1)
}

fn print_text(out: &mut impl Write, name: &str, text: &str, r: &Report) -> io::Result<()> {
    let chars: Vec<char> = text.chars().collect();
    let mut starts = vec![0];
    starts.extend(chars.iter().enumerate().filter(|(_, c)| **c == '\n').map(|(i, _)| i + 1));
    let ok = AnsiColor::Green.on_default().bold();
    let bad = AnsiColor::Red.on_default().bold();
    writeln!(out, "{BOLD}{name}{BOLD:#}")?;
    let c = &r.checklist;
    write!(out, "  checklist:")?;
    for (label, has) in [("what", c.what), ("why", c.why), ("how", c.how), ("outcome", c.outcome), ("measure", c.measure), ("time", c.time)] {
        let (st, mark) = if has { (ok, "✓") } else { (bad, "✗") };
        write!(out, "  {st}{mark}{st:#} {label}")?;
    }
    if c.unskilled == 0 {
        writeln!(out, "  {ok}✓{ok:#} no unskilled wording")?;
    } else {
        writeln!(out, "  {bad}✗{bad:#} unskilled wording ({})", c.unskilled)?;
    }
    if let (Some(m), Some(u), Some(s)) = (r.billing.total_timed_minutes, r.billing.total_units, r.billing.supported_units) {
        writeln!(out, "  billing: {m} timed min, {u} units billed, {s} supported")?;
    }
    let (mut errors, mut warnings) = (0, 0);
    // Most severe first, then in the order of the note.
    let mut order: Vec<&skillmark::Finding> = r.findings.iter().collect();
    order.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.span.start, f.span.end));
    for f in order {
        match f.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => {}
        }
        let st = sev_style(f.severity);
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let (l, col) = line_col(&starts, f.span.start as usize);
        writeln!(out, "  {st}{sev}{st:#}[{}] {DIM}{name}:{l}:{col}{DIM:#}", f.code)?;
        writeln!(out, "    {}", f.message)?;
        let quoted: String = chars[f.span.start as usize..f.span.end as usize].iter().collect();
        let quoted = quoted.replace(['\r', '\n'], " ");
        let quoted = if quoted.chars().count() > 160 { format!("{}…", quoted.chars().take(160).collect::<String>()) } else { quoted };
        if !quoted.trim().is_empty() {
            writeln!(out, "    {DIM}|{DIM:#} {quoted}")?;
        }
        writeln!(out, "    {DIM}rule:{DIM:#} {}", f.source.citation)?;
        if let Some(s) = &f.suggestion {
            let (sl, sc) = line_col(&starts, s.span.start as usize);
            let verb = if s.span.start == s.span.end { "insert at" } else { "replace at" };
            writeln!(out, "    {ok}fix:{ok:#} {} ({verb} {sl}:{sc}): {:?}", s.title, s.text)?;
        }
    }
    if r.truncated {
        let limit = Options::default().limit();
        writeln!(out, "  note: the note is longer than the limit of {limit}; only its first {limit} were checked")?;
    }
    writeln!(out, "  {errors} error(s), {warnings} warning(s)\n")?;
    Ok(())
}

fn predict(corpus: &PathBuf) -> io::Result<u8> {
    let reader: Box<dyn BufRead> = if corpus.as_os_str() == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else if corpus.is_dir() {
        eprintln!("skillmark: {}: is a folder; predict reads one JSONL corpus file (one {{\"id\", \"text\"}} object per line)", corpus.display());
        return Ok(2);
    } else {
        match std::fs::File::open(corpus) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                eprintln!("skillmark: {}: cannot read: {e}", corpus.display());
                return Ok(2);
            }
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let opts = Options::default();
    let mut status = 0;
    for (n, line) in reader.lines().enumerate() {
        let mut line = match line {
            Ok(l) => l,
            // Not UTF-8: this line only; any other read error ends the corpus (it would repeat
            // on every following line, e.g. reading a folder).
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                eprintln!("skillmark: {}:{}: not UTF-8 text; line skipped", corpus.display(), n + 1);
                status = 2;
                continue;
            }
            Err(e) => {
                eprintln!("skillmark: {}:{}: cannot read: {e}", corpus.display(), n + 1);
                status = 2;
                break;
            }
        };
        if n == 0 {
            strip_bom(&mut line);
        }
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("skillmark: {}:{}: not JSON: {e}", corpus.display(), n + 1);
                status = 2;
                continue;
            }
        };
        let (Some(id), Some(text)) = (v.get("id"), v.get("text").and_then(|t| t.as_str())) else {
            eprintln!("skillmark: {}:{}: needs \"id\" and a string \"text\"", corpus.display(), n + 1);
            status = 2;
            continue;
        };
        let r = analyze(text, &opts);
        let annotations: Vec<_> = r
            .annotations
            .iter()
            .map(|a| serde_json::json!({ "label": a.label, "start": a.span.start, "end": a.span.end }))
            .collect();
        let found: Vec<_> = r.findings.iter().map(|f| serde_json::json!({ "code": f.code })).collect();
        writeln!(out, "{}", serde_json::json!({ "id": id, "annotations": annotations, "findings": found }))?;
    }
    out.flush()?;
    Ok(status)
}

fn explain(code: Option<&str>) -> io::Result<u8> {
    let mut out = anstream::stdout().lock();
    match code {
        None => {
            let rules = || findings::RULES.iter().copied().chain([&skillmark::review::CARRIED_FORWARD, &skillmark::review::PROGRESS_REPORT_DUE]);
            // The code column is as wide as the longest code, so every severity and title lines up.
            let width = rules().map(|r| r.code.len()).max().unwrap_or(0);
            for r in rules() {
                writeln!(out, "{BOLD}{:<width$}{BOLD:#}  {:<8} {}", r.code, format!("{:?}", r.severity).to_lowercase(), r.title)?;
            }
            Ok(0)
        }
        Some(c) => match findings::rule(c).or_else(|| skillmark::review::rule(c)) {
            Some(r) => {
                writeln!(out, "{BOLD}{}{BOLD:#}: {}\n", r.code, r.title)?;
                for line in r.docs.lines() {
                    writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
                }
                writeln!(out, "\nRule source: {} ({})", r.source.citation, r.source.summary)?;
                Ok(0)
            }
            None => {
                eprintln!("skillmark: unknown finding code {c:?}; `skillmark explain` lists them");
                Ok(2)
            }
        },
    }
}

/// Reads one note for a command that takes exactly one; says why on standard error when it
/// cannot (missing, not UTF-8, empty).
fn read_one(path: &PathBuf) -> Option<String> {
    match read_note(path) {
        Ok(t) if t.trim().is_empty() => eprintln!("skillmark: {}: {EMPTY}", path.display()),
        Ok(t) => return Some(t),
        Err(e) => eprintln!("skillmark: {e}"),
    }
    None
}

/// Labels as words, or "-" for none.
fn label_words(set: skillmark::LabelSet) -> String {
    if set.is_empty() {
        return "-".into();
    }
    set.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(" ")
}

/// `explain --mark`: each sentence, the rules' labels, the final ones and the model's reasons.
fn explain_mark(path: &PathBuf) -> io::Result<u8> {
    let Some(text) = read_one(path) else { return Ok(2) };
    let mut out = anstream::stdout().lock();
    let model = skillmark::learned::Model::get();
    writeln!(
        out,
        "{DIM}Per sentence: the rules' labels, the final labels, and per learned label the model's probability,\n\
         what became of the rules' decision (kept, dropped, added, blocked, absent) and its strongest features\n\
         (weights in log-odds; r: the rules' labels, k: lexicon kinds, w: word stems).{DIM:#}\n"
    )?;
    for (n, s) in skillmark::learned::trace(&text, model).iter().enumerate() {
        let sentence = text[s.start..s.end].split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "{BOLD}{}.{BOLD:#} {sentence}", n + 1)?;
        writeln!(out, "   rules: {}", label_words(s.ruled))?;
        writeln!(out, "   final: {}", label_words(s.labels))?;
        if s.learned.is_empty() {
            writeln!(out, "   {DIM}(a heading or an empty line: not weighed by the model){DIM:#}")?;
        }
        for l in &s.learned {
            let top: Vec<String> = l.top.iter().map(|(name, w)| format!("{} {w:+.2}", name.trim_end_matches(':'))).collect();
            writeln!(out, "   {:<8} {:.2} {}: {}", l.label.as_str(), l.p, l.verdict.as_str(), top.join(", "))?;
        }
        writeln!(out)?;
    }
    Ok(0)
}

fn draft(path: &PathBuf, format: Format, soap: bool) -> io::Result<u8> {
    let Some(text) = read_one(path) else { return Ok(2) };
    let mut out = anstream::stdout().lock();
    if soap {
        let s = skillmark::draft::soap::soap(&text);
        match format {
            Format::Json => writeln!(out, "{}", serde_json::json!(s))?,
            Format::Text => {
                writeln!(out, "{BOLD}Organised as SOAP{BOLD:#} (the note's own sentences, unchanged; replace every [placeholder]):\n")?;
                writeln!(out, "{}", s.text)?;
            }
        }
        return Ok(0);
    }
    let d = skillmark::draft::draft(&text);
    match format {
        Format::Json => writeln!(out, "{}", serde_json::json!(d))?,
        Format::Text => {
            let kind = match d.kind {
                skillmark::draft::Kind::Daily => "daily note",
                skillmark::draft::Kind::Progress => "progress note",
                skillmark::draft::Kind::Evaluation => "evaluation",
                skillmark::draft::Kind::Discharge => "discharge summary",
                skillmark::draft::Kind::NoNeuromuscular => "no neuromuscular re-education",
            };
            writeln!(out, "{BOLD}Draft statement{BOLD:#} for a {kind} (review before use; replace every [placeholder]):\n")?;
            writeln!(out, "{}\n", d.text)?;
            if d.facts.is_empty() && d.current.is_empty() {
                writeln!(out, "{DIM}No measure values were found in the note.{DIM:#}")?;
            } else {
                writeln!(out, "{DIM}Based on:{DIM:#}")?;
                for f in &d.facts {
                    let when = if f.baseline_when.is_empty() { String::new() } else { format!(" ({})", f.baseline_when) };
                    writeln!(out, "  {} {}{when} -> {} ({:?})", f.written, f.baseline, f.current, f.direction)?;
                }
                for c in &d.current {
                    writeln!(out, "  {} {} (no earlier value)", c.written, c.value)?;
                }
            }
        }
    }
    Ok(0)
}
