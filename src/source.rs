//! Where each finding's rule comes from, as data rather than prose.
//!
//! Copy says "defensibility" rather than "Medicare requires" where the source only supports a
//! practice (`shared/research/domain.md` §1.1): see [`Strength`].

use serde::Serialize;
use serde::ser::SerializeStruct;

/// How strongly the source backs the finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// The rule text requires it.
    Requires,
    /// Reviewers and payer policy expect it; the text does not require it in every daily note.
    Supports,
}

/// A rule a finding rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSource {
    /// Short citation shown to the user ("MBPM 100-02 ch.15 §220.3").
    pub citation: &'static str,
    /// One line on what the rule says.
    pub summary: &'static str,
    /// Requires or supports.
    pub strength: Strength,
}

impl Serialize for RuleSource {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("RuleSource", 3)?;
        st.serialize_field("citation", self.citation)?;
        st.serialize_field("summary", self.summary)?;
        st.serialize_field(
            "strength",
            match self.strength {
                Strength::Requires => "requires",
                Strength::Supports => "supports",
            },
        )?;
        st.end()
    }
}

/// Medicare Benefit Policy Manual on skilled documentation.
pub const MBPM_220_3: RuleSource = RuleSource {
    citation: "MBPM 100-02 ch.15 §220.3",
    summary: "The record must show the clinician's skilled treatment and changes made from their assessment.",
    strength: Strength::Supports,
};
/// MBPM on skilled vs unskilled care.
pub const MBPM_220_2: RuleSource = RuleSource {
    citation: "MBPM 100-02 ch.15 §220.2",
    summary: "Care that an unskilled person could give safely is not covered.",
    strength: Strength::Requires,
};
/// Treatment note elements (timed minutes).
pub const MBPM_220_3_E: RuleSource = RuleSource {
    citation: "MBPM 100-02 ch.15 §220.3 E",
    summary: "Each treatment note records the timed-code treatment minutes and total treatment time.",
    strength: Strength::Requires,
};
/// The 8-minute rule.
pub const EIGHT_MINUTE_RULE: RuleSource = RuleSource {
    citation: "CMS 8-minute rule, 100-04 ch.5 §20.2",
    summary: "Total timed minutes 8-22 bill 1 unit, 23-37 bill 2, 38-52 bill 3, and so on.",
    strength: Strength::Requires,
};
/// Commercial per-service rule of eights.
pub const RULE_OF_EIGHTS: RuleSource = RuleSource {
    citation: "CPT time rule (\"rule of 8s\"), per payer contract",
    summary: "Each service bills one unit per full 15 minutes plus one for a remainder of 8 minutes or more.",
    strength: Strength::Requires,
};
/// The 97112 definition in LCDs and payer policy.
pub const LCD_97112: RuleSource = RuleSource {
    citation: "LCD 97112 definition (e.g. L33631; CPT 97112)",
    summary: "97112 treats impairments of balance, coordination, kinesthetic sense, posture and proprioception.",
    strength: Strength::Supports,
};
/// Objective measurement of improvement.
pub const MBPM_220_1: RuleSource = RuleSource {
    citation: "MBPM 100-02 ch.15 §220.1",
    summary: "Improvement is shown by successive objective measurements whenever possible.",
    strength: Strength::Supports,
};
/// Functional goals in the plan of care.
pub const MBPM_220_1_2: RuleSource = RuleSource {
    citation: "MBPM 100-02 ch.15 §220.1.2",
    summary: "Goals are functional and measurable; treatment serves them.",
    strength: Strength::Supports,
};
/// Published ranges of standardized measures.
pub const MEASURE_RANGES: RuleSource = RuleSource {
    citation: "Published test ranges (Berg 0-56, FGA 0-30, ABC 0-100 %, ...)",
    summary: "A score outside the test's range cannot be right and undermines the record.",
    strength: Strength::Supports,
};
