//! What the caller may choose about an analysis.

use serde::{Deserialize, Serialize};

/// How units are derived from minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitRule {
    /// Medicare's 8-minute rule on the day's total timed minutes (the default).
    #[default]
    Medicare,
    /// The per-service "rule of 8s" some commercial payers use.
    RuleOfEights,
}

/// Options for [`crate::analyze`]. `Options::default()` is what the extension uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Unit rule for the units/minutes check.
    pub unit_rule: UnitRule,
    /// Notes longer than this many bytes are read only up to it (report says `truncated`).
    pub max_len: usize,
    /// Finding codes to leave out.
    pub disabled: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { unit_rule: UnitRule::Medicare, max_len: 4 << 20, disabled: Vec::new() }
    }
}

impl Options {
    /// The part of `text` an analysis reads: its first [`Options::max_len`] bytes, cut on a
    /// character boundary. Every check of a note (the engine's and the batch reviewer's) reads
    /// this same text.
    pub fn checked<'a>(&self, text: &'a str) -> &'a str {
        let mut cut = text.len().min(self.max_len);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        &text[..cut]
    }

    /// The limit as people read it ("4 MiB", "51 bytes").
    pub fn limit(&self) -> String {
        match self.max_len {
            n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
            n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
            n => format!("{n} bytes"),
        }
    }
}
