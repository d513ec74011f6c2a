//! The browser binding: the only file that knows wasm-bindgen and JavaScript.
//!
//! `analyze(text, options)` returns the [`crate::Report`] as a plain JS object (serde), with
//! offsets in both Unicode scalar values (`start`/`end`) and UTF-16 (`start16`/`end16`); JS uses
//! the UTF-16 ones. Nothing here keeps note text: every call is independent and stateless.

use wasm_bindgen::prelude::*;

use crate::findings::RULES;
use crate::options::Options;

/// The allocator: talc instead of Rust's default dlmalloc (issue 23: smaller, and faster in wasm).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Writes the engine's static data back at instantiation: the start function that
/// `extension/pack-wasm.mjs` adds calls it first, with the packed bytes it placed at `src` and the
/// data's place in memory, then the packer removes this export (see [`crate::unpack`]). The packed
/// bytes lie in memory nothing uses yet (above the data, where the zeroed statics start); they
/// are zeroed again after.
///
/// # Safety
/// Only for that start function: `src..src + src_len` and `dst..dst + dst_len` are disjoint
/// ranges of this module's memory.
#[no_mangle]
pub unsafe extern "C" fn skillmark_unpack(src: *mut u8, src_len: usize, dst: *mut u8, dst_len: usize) {
    // SAFETY: the packer passes two disjoint ranges inside the memory, and no other code runs yet.
    unsafe {
        crate::unpack::unpack(std::slice::from_raw_parts(src, src_len), std::slice::from_raw_parts_mut(dst, dst_len));
        std::ptr::write_bytes(src, 0, src_len);
    }
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
    let options = read_options(&options).map_err(|e| JsError::new(&format!("bad options: {e}")))?;
    to_js(&crate::analyze(text, &options))
}

/// [`Options`] from a JS value: `undefined`/`null` for the defaults, else an object whose fields
/// are each optional (absent, `undefined` or `null`: the default; unknown fields are ignored).
/// Read by hand rather than with serde: serde's deserialising error messages format floats,
/// which alone cost the wasm ~25 KB (issue 23).
fn read_options(v: &JsValue) -> Result<Options, &'static str> {
    let mut o = Options::default();
    if v.is_undefined() || v.is_null() {
        return Ok(o);
    }
    if !v.is_object() {
        return Err("expected an object {unit_rule, max_len, disabled}");
    }
    let field = |name: &str| {
        js_sys::Reflect::get(v, &JsValue::from_str(name)).ok().filter(|x| !x.is_undefined() && !x.is_null())
    };
    if let Some(rule) = field("unit_rule") {
        o.unit_rule = match rule.as_string().as_deref() {
            Some("medicare") => crate::UnitRule::Medicare,
            Some("rule_of_eights") => crate::UnitRule::RuleOfEights,
            _ => return Err("unit_rule must be \"medicare\" or \"rule_of_eights\""),
        };
    }
    if let Some(n) = field("max_len") {
        o.max_len = match n.as_f64() {
            Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= usize::MAX as f64 => x as usize,
            _ => return Err("max_len must be a whole number of bytes"),
        };
    }
    if let Some(list) = field("disabled") {
        if !js_sys::Array::is_array(&list) {
            return Err("disabled must be an array of finding codes");
        }
        o.disabled = js_sys::Array::from(&list)
            .iter()
            .map(|c| c.as_string().ok_or("disabled must be an array of finding codes"))
            .collect::<Result<_, _>>()?;
    }
    Ok(o)
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
