//! The seven labels of `shared/spec/annotation-guide.md`.

use serde::{Deserialize, Serialize};

/// A label marks a span of the note; a sentence carries every label any of its spans carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// An intervention delivered this session, with its dose ("tandem stance on foam 3 x 30 s").
    What,
    /// The impairment the activity targets ("to improve ankle proprioception").
    Why,
    /// The therapist's skill or the patient's need for it ("tactile cues at the gluteus medius").
    How,
    /// A functional goal ("safe community ambulation", "reduce fall risk").
    Outcome,
    /// An objective measure ("Berg 41/56", "min A", "3 LOB").
    Measure,
    /// Minutes or units billed ("97112 x 2 units").
    Time,
    /// Wording a reviewer reads as unskilled ("tolerated well").
    Unskilled,
}

impl Label {
    /// All labels in their canonical order.
    pub const ALL: [Label; 7] = [
        Label::What,
        Label::Why,
        Label::How,
        Label::Outcome,
        Label::Measure,
        Label::Time,
        Label::Unskilled,
    ];

    /// The label's name as used in the corpus and the scorer.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::What => "what",
            Label::Why => "why",
            Label::How => "how",
            Label::Outcome => "outcome",
            Label::Measure => "measure",
            Label::Time => "time",
            Label::Unskilled => "unskilled",
        }
    }

    /// Bit for a compact label set.
    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A small set of labels (one bit each).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabelSet(pub u8);

impl LabelSet {
    /// Adds a label.
    pub fn insert(&mut self, l: Label) {
        self.0 |= l.bit();
    }
    /// True when the set holds `l`.
    pub fn has(self, l: Label) -> bool {
        self.0 & l.bit() != 0
    }
    /// The labels in canonical order.
    pub fn to_vec(self) -> Vec<Label> {
        Label::ALL.into_iter().filter(|l| self.has(*l)).collect()
    }
}
