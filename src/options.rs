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
