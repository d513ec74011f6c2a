//! Billed minutes and units read from free text, and the unit arithmetic.
//!
//! A billing item starts at a CPT code ("97112", "CPT 97112") or a code name ("NMR",
//! "neuro re-ed", "ther ex") and takes the numbers that follow it directly: "x 2", "2 units",
//! "(30 min)", "= 4 units", ": 25 min". A code followed by words ("Gait training (97116):
//! kitchen to bathroom") is a mention, not billing. "Total timed minutes: 38" and "total units 3"
//! are totals. Activity durations ("bike 8 min") are not billing: they have no code.
//!
//! The arithmetic is the 8-minute rule (CMS 100-04 ch.5 §20.2) on the day's total timed minutes,
//! or, as a per-payer option, the per-service "rule of 8s".

use crate::lexicon::{Hit, Kinds};
use crate::options::UnitRule;
use crate::tokens::{Tok, Token};

/// Code names that bill like a code, with the code they stand for.
pub const CODE_NAMES: &[&str] = &[
    "NMR", "neuromuscular re ed", "neuromuscular re education", "neuromuscular reeducation", "neuro re ed",
    "neuro reed", "ther ex", "therex", "therapeutic exercise", "TE", "ther act", "therapeutic activities",
    "gait training", "gait trng", "manual therapy", "self care", "ADL training",
];

/// The CPT code a code name stands for.
pub fn code_for_name(name: &str) -> &'static str {
    let n = name.to_ascii_lowercase().replace('-', " ");
    if n.starts_with("ther ex") || n.starts_with("therex") || n == "therapeutic exercise" || n == "te" {
        "97110"
    } else if n.starts_with("ther act") || n == "therapeutic activities" {
        "97530"
    } else if n.starts_with("gait") {
        "97116"
    } else if n == "manual therapy" {
        "97140"
    } else if n == "self care" || n == "adl training" {
        "97535"
    } else {
        "97112"
    }
}

/// Untimed (service-based) codes: their minutes do not count toward units.
const UNTIMED: &[&str] = &[
    "97010", "97012", "97014", "97016", "97018", "97022", "97024", "97026", "97028", "97150", "97161", "97162",
    "97163", "97164", "97165", "97166", "97167", "97168", "97169", "97170", "97171", "97172",
];

/// True for a timed (15-minute) code.
pub fn is_timed(code: &str) -> bool {
    !UNTIMED.contains(&code)
}

/// Units that `minutes` of timed treatment support: 8-22 -> 1, 23-37 -> 2, ...; under 8 -> 0.
pub fn units_for(minutes: u32) -> u32 {
    if minutes < 8 {
        0
    } else {
        (minutes - 8) / 15 + 1
    }
}

/// One billing item, in bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// CPT code, if the text named one or a code name implies it.
    pub code: Option<String>,
    /// Minutes stated.
    pub minutes: Option<u32>,
    /// Units stated.
    pub units: Option<u32>,
    /// True for a "total timed minutes" / "total units" line rather than a code.
    pub total: bool,
    /// True when the text said "timed" (a total treatment time may include untimed codes).
    pub timed: bool,
    /// Byte range.
    pub start: usize,
    /// Byte range end.
    pub end: usize,
}

fn is_cpt(t: &Token, note: &str) -> bool {
    matches!(t.tok, Tok::Num(_)) && t.end - t.start == 5 && note[t.start..t.end].starts_with("97")
}

fn as_count(v: f64) -> Option<u32> {
    (v >= 0.0 && v.fract() == 0.0 && v < 10_000.0).then_some(v as u32)
}

/// Reads billing items from one sentence's tokens and lexicon hits.
pub fn items(note: &str, toks: &[Token], hits: &[Hit]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // A code, a code name, or a total.
        let name_hit = hits.iter().find(|h| h.start == t.start && h.kinds.any(Kinds::CODE_NAME));
        let (code, mut j, total) = if is_cpt(t, note) {
            (Some(t.text(note).to_string()), i + 1, false)
        } else if let Some(h) = name_hit {
            let mut j = i;
            while j < toks.len() && toks[j].start < h.end {
                j += 1;
            }
            (Some(code_for_name(&note[h.start..h.end]).to_string()), j, false)
        } else if t.is_word(note, &["total", "totals"]) {
            (None, i + 1, true)
        } else {
            i += 1;
            continue;
        };
        let start = t.start;
        let mut end = toks[j - 1].end;
        let (mut minutes, mut units) = (None, None);
        let mut code = code;
        let mut is_total = total;
        let mut took_number = false;
        while j < toks.len() {
            let k = &toks[j];
            let next = toks.get(j + 1);
            if k.is('(') || k.is(')') || k.is(':') || k.is('=') || k.is('-') || k.is('–') || k.is('@')
                || k.is_word(note, &["cpt", "timed", "treatment", "tx", "code", "billed", "time", "total"])
            {
                j += 1;
                continue;
            }
            // "97112 (NMR)": the code name in brackets belongs to the same item.
            if is_cpt(k, note) && code.is_some() && !took_number {
                j += 1;
                end = k.end;
                continue;
            }
            if !took_number && code.is_some() {
                if let Some(h) = hits.iter().find(|h| h.start == k.start && h.kinds.any(Kinds::CODE_NAME)) {
                    // Skip the name's tokens; always at least one, so a token that runs on past
                    // the name ("NMR's") cannot stall the reader.
                    j += 1;
                    while j < toks.len() && toks[j].start < h.end {
                        j += 1;
                    }
                    continue;
                }
            }
            if is_total && k.is_word(note, &["minutes", "min", "mins"]) && next.is_some_and(|n| n.is(':') || n.num().is_some()) {
                j += 1;
                continue;
            }
            if is_total && k.is_word(note, &["units", "unit"]) && next.is_some_and(|n| n.is(':') || n.num().is_some()) {
                // "Total units: 3"
                let mut q = j + 1;
                while q < toks.len() && toks[q].is(':') {
                    q += 1;
                }
                if let Some(v) = toks.get(q).and_then(|n| n.num()).and_then(as_count) {
                    units = Some(v);
                    end = toks[q].end;
                    took_number = true;
                    j = q + 1;
                    continue;
                }
            }
            // "x 2" / "x2" (units), not "2x/wk".
            if k.is_word(note, &["x"]) || k.is('×') {
                if let Some(v) = next.and_then(|n| n.num()).and_then(as_count) {
                    let after = toks.get(j + 2);
                    units = Some(v);
                    end = toks[j + 1].end;
                    j += 2;
                    if after.is_some_and(|a| a.is_word(note, &["units", "unit", "u"])) {
                        end = toks[j].end;
                        j += 1;
                    }
                    took_number = true;
                    continue;
                }
                break;
            }
            if let Some(v) = k.num().and_then(as_count) {
                let unit = next.filter(|n| matches!(n.tok, Tok::Word | Tok::Punct('\'')));
                let u = unit.map(|n| n.text(note).to_ascii_lowercase());
                match u.as_deref() {
                    Some("min" | "mins" | "minutes" | "minute" | "m" | "'") => minutes = Some(v),
                    Some("units" | "unit" | "u") => units = Some(v),
                    _ if is_total && !took_number => {
                        // "Total timed minutes: 38"
                        minutes = Some(v);
                        end = k.end;
                        took_number = true;
                        j += 1;
                        continue;
                    }
                    _ => break,
                }
                end = toks[j + 1].end;
                took_number = true;
                j += 2;
                continue;
            }
            if k.is(',') && took_number && next.is_some_and(|n| n.num().is_some() && !is_cpt(n, note)) {
                j += 1;
                continue;
            }
            break;
        }
        if total && !took_number {
            is_total = false;
        }
        if took_number && (code.is_some() || is_total) {
            if is_total {
                code = None;
            }
            let timed = toks.iter().any(|k| k.start >= start && k.end <= end && k.is_word(note, &["timed"]));
            out.push(Item { code, minutes, units, total: is_total, timed, start, end });
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The result of the unit check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Total timed minutes used.
    pub minutes: Option<u32>,
    /// Total units billed on timed codes.
    pub units: Option<u32>,
    /// Units the minutes support.
    pub supported: Option<u32>,
    /// A sentence that shows the arithmetic, when units and minutes disagree.
    pub mismatch: Option<String>,
}

/// Applies `rule` to the billing items of a note.
pub fn check(items: &[Item], rule: UnitRule) -> Check {
    let timed: Vec<&Item> = items.iter().filter(|i| !i.total && i.code.as_deref().is_none_or(is_timed)).collect();
    // A stated total counts when it says "timed", or when no code gives its own minutes.
    let stated_total_min = items.iter().filter(|i| i.total && i.timed).find_map(|i| i.minutes).or_else(|| {
        let any_code_minutes = timed.iter().any(|i| i.minutes.is_some());
        (!any_code_minutes).then(|| items.iter().filter(|i| i.total).find_map(|i| i.minutes)).flatten()
    });
    let stated_total_units = items.iter().filter(|i| i.total).find_map(|i| i.units);
    let sum = |f: fn(&Item) -> Option<u32>| -> Option<u32> {
        if timed.is_empty() || timed.iter().any(|i| f(i).is_none()) {
            None
        } else {
            Some(timed.iter().filter_map(|i| f(i)).sum())
        }
    };
    let minutes = stated_total_min.or_else(|| sum(|i| i.minutes));
    let units = stated_total_units.or_else(|| sum(|i| i.units));
    let code = |i: &Item| i.code.clone().unwrap_or_else(|| "97112".into());
    match rule {
        UnitRule::Medicare => {
            let supported = minutes.map(units_for);
            let mismatch = match (minutes, units, supported) {
                (Some(m), Some(u), Some(s)) if u != s => {
                    let parts: Vec<String> =
                        timed.iter().filter_map(|i| i.minutes.map(|mm| format!("{} {mm} min", code(i)))).collect();
                    let how = if parts.len() > 1 && stated_total_min.is_none() {
                        format!("{} = {m} total timed minutes", parts.join(" + "))
                    } else {
                        format!("{m} total timed minutes")
                    };
                    let billed: Vec<String> = timed.iter().filter_map(|i| i.units.map(|uu| uu.to_string())).collect();
                    let billed = if billed.len() > 1 && stated_total_units.is_none() {
                        format!("{} = {u}", billed.join(" + "))
                    } else {
                        u.to_string()
                    };
                    Some(format!(
                        "{billed} units billed, but {how} support {s} unit{} under the 8-minute rule ({}).",
                        if s == 1 { "" } else { "s" },
                        band(m)
                    ))
                }
                _ => None,
            };
            Check { minutes, units, supported, mismatch }
        }
        UnitRule::RuleOfEights => {
            let mut bad = Vec::new();
            let mut supported_sum = Some(0);
            for i in &timed {
                match (i.minutes, i.units) {
                    (Some(m), Some(u)) => {
                        let s = units_for(m);
                        supported_sum = supported_sum.map(|x| x + s);
                        if s != u {
                            bad.push(format!("{} billed {u} for {m} min, which supports {s} ({})", code(i), band(m)));
                        }
                    }
                    _ => supported_sum = None,
                }
            }
            let mismatch = (!bad.is_empty()).then(|| format!("Per-service rule of 8s: {}.", bad.join("; ")));
            Check { minutes, units, supported: supported_sum, mismatch }
        }
    }
}

/// The minute band of the 8-minute table that `m` falls in, as text.
fn band(m: u32) -> String {
    if m < 8 {
        "fewer than 8 minutes bill no unit".into()
    } else {
        let u = units_for(m);
        let lo = 8 + (u - 1) * 15;
        format!("{lo}-{} min = {u} unit{}", lo + 14, if u == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::tokens::tokenize;

    fn parse(t: &str) -> Vec<Item> {
        items(t, &tokenize(t, 0, t.len()), &Lexicon::get().scan(t))
    }

    fn mu(t: &str) -> Vec<(Option<u32>, Option<u32>)> {
        parse(t).iter().map(|i| (i.minutes, i.units)).collect()
    }

    #[test]
    fn reads_the_common_billing_lines() {
        assert_eq!(mu("97112 x 2 units (30 min)."), [(Some(30), Some(2))]);
        assert_eq!(mu("NMR 38 min (3 units)."), [(Some(38), Some(3))]);
        assert_eq!(mu("97112 x2."), [(None, Some(2))]);
        assert_eq!(mu("97112: 25 min"), [(Some(25), None)]);
        assert_eq!(mu("Time: 97112 53 min = 4 units."), [(Some(53), Some(4))]);
        assert_eq!(mu("NMR 31 min, 2 units."), [(Some(31), Some(2))]);
        assert_eq!(mu("NMR x 3 units (37 min)."), [(Some(37), Some(3))]);
        assert_eq!(mu("97110 x1 (15 min), 97112 x2 (23 min); total timed 38 min."), [(Some(15), Some(1)), (Some(23), Some(2)), (Some(38), None)]);
        assert_eq!(mu("Billing: 97110 x 1, 97112 x 2."), [(None, Some(1)), (None, Some(2))]);
        assert_eq!(mu("Total timed minutes: 38. CPT 97112 x3"), [(Some(38), None), (None, Some(3))]);
    }

    #[test]
    fn mentions_and_activity_minutes_are_not_billing() {
        assert!(parse("Gait training (97116): kitchen to bathroom, 3 laps.").is_empty());
        assert!(parse("NMR (97112) to address impaired balance.").is_empty());
        assert!(parse("Ther ex: bike 8 min, quad sets.").is_empty());
        assert!(parse("Continue NMR 2x/wk.").is_empty());
        assert!(parse("Pt seen for NMR.").is_empty());
    }

    #[test]
    fn a_code_name_running_on_past_its_hit_ends() {
        // Used to loop forever: the token "NMR's" ends after the code-name hit "NMR".
        let _ = parse("Billed 97112: NMR's, 2 units.");
        let _ = parse("97112 te'o te'e");
        let _ = parse("97112 TE's TE's 3 units");
    }

    #[test]
    fn eight_minute_rule_table() {
        let cases = [(7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4), (67, 4), (68, 5), (82, 5), (83, 6)];
        for (m, u) in cases {
            assert_eq!(units_for(m), u, "{m} min");
        }
    }

    #[test]
    fn mismatch_shows_the_arithmetic() {
        let c = check(&parse("97112 x 2 (22 min), 97116 x 2 (16 min)."), UnitRule::Medicare);
        let msg = c.mismatch.unwrap();
        assert!(msg.contains("97112 22 min + 97116 16 min = 38 total timed minutes"), "{msg}");
        assert!(msg.contains("2 + 2 = 4 units billed"), "{msg}");
        assert!(msg.contains("support 3 units"), "{msg}");
        assert!(check(&parse("97112 x 2 units (30 min)."), UnitRule::Medicare).mismatch.is_none());
        // Only one of the two stated: silent.
        assert!(check(&parse("97112 x 2 units."), UnitRule::Medicare).mismatch.is_none());
        assert!(check(&parse("NMR 38 min."), UnitRule::Medicare).mismatch.is_none());
    }

    #[test]
    fn rule_of_eights_is_per_service() {
        // Two 10-minute services: Medicare bills 1 unit for 20 min total; rule of 8s bills 1 each.
        let items = parse("97112 x 1 (10 min), 97110 x 1 (10 min).");
        assert!(check(&items, UnitRule::Medicare).mismatch.is_some());
        assert!(check(&items, UnitRule::RuleOfEights).mismatch.is_none());
        let items = parse("97112 x 1 (7 min), 97110 x 1 (8 min).");
        assert!(check(&items, UnitRule::RuleOfEights).mismatch.is_some());
    }
}
