//! The browser binding: the only file that knows wasm-bindgen and JavaScript.
//!
//! `analyze(text, options)` returns the [`crate::Report`] as a plain JS object (serde), with
//! offsets in both Unicode scalar values (`start`/`end`) and UTF-16 (`start16`/`end16`); JS uses
//! the UTF-16 ones. Nothing here keeps note text: every call is independent and stateless.

use wasm_bindgen::prelude::*;

use crate::findings::RULES;
use crate::options::Options;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Installs a panic hook that reports only *where* the engine failed. The default hooks print
/// the panic message, and Rust's messages can quote the string being processed: note text must
/// never reach the console (privacy invariant), so the message is dropped.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        console_error(&format!("skillmark engine error at {at} (message withheld: it may contain note text)"));
    }));
    // Build the word-list automaton now, at instantiation, not on the first keystroke.
    let _ = crate::lexicon::Lexicon::get();
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// Analyses one note. `options` may be `undefined`/`null` or
/// `{unit_rule: "medicare" | "rule_of_eights", max_len, disabled: [codes]}`.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&format!("bad options: {e}")))?
    };
    to_js(&crate::analyze(text, &options))
}

#[derive(serde::Serialize)]
struct RuleInfo {
    code: &'static str,
    title: &'static str,
    severity: crate::Severity,
    source: crate::source::RuleSource,
    docs: &'static str,
}

/// Every finding's code, title, severity, rule source and explanation (its doc comment).
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    let v: Vec<RuleInfo> = RULES
        .iter()
        .map(|r| RuleInfo { code: r.code, title: r.title, severity: r.severity, source: r.source, docs: r.docs })
        .collect();
    to_js(&v)
}

/// The engine version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Drafts a medical-necessity / progress statement from the note's own facts
/// (`{text, trend, facts}`); see [`crate::draft`]. Nothing is inserted: the surface shows it for
/// review and inserts it only on the user's click.
#[wasm_bindgen]
pub fn draft(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::draft::draft(text))
}

/// Organises the note as SOAP (`{text, missing}`): the note's own sentences, unchanged, under
/// S/O/A/P, with a `[placeholder]` for each part it lacks; see [`crate::draft::soap`]. Nothing is
/// inserted: the surface shows it for review and replaces the note only on the user's click.
#[wasm_bindgen]
pub fn soap(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::draft::soap::soap(text))
}
