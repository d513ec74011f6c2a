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
    /// True when the set holds `l` (as `Vec::contains` reads).
    pub fn contains(&self, l: &Label) -> bool {
        self.has(*l)
    }
    /// The labels in canonical order.
    pub fn iter(self) -> impl Iterator<Item = Label> {
        Label::ALL.into_iter().filter(move |l| self.has(*l))
    }
    /// The labels in canonical order.
    pub fn to_vec(self) -> Vec<Label> {
        self.iter().collect()
    }
    /// True when it holds no label.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl<'a> IntoIterator for &'a LabelSet {
    type Item = Label;
    type IntoIter = Box<dyn Iterator<Item = Label> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl FromIterator<Label> for LabelSet {
    fn from_iter<I: IntoIterator<Item = Label>>(it: I) -> LabelSet {
        let mut s = LabelSet::default();
        it.into_iter().for_each(|l| s.insert(l));
        s
    }
}

/// A report lists a sentence's labels as an array in canonical order (`["what", "why"]`); the
/// set itself is one byte, so a long note costs no allocation per sentence.
impl serde::Serialize for LabelSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for LabelSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LabelSet, D::Error> {
        Ok(Vec::<Label>::deserialize(d)?.into_iter().collect())
    }
}
