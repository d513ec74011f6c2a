//! Standardized measures: names, valid ranges, direction, change thresholds and cut-offs.
//!
//! Data from `shared/research/domain.md` §2.1. The names feed the lexicon; the ranges feed the
//! `measure_out_of_range` finding; direction, MDC and cut-offs serve progress statements.

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// A higher score is better (Berg, FGA, ABC).
    Higher,
    /// A lower value is better (TUG seconds, DHI).
    Lower,
}

/// What the number means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Points on a scale with a fixed maximum ("41/56").
    Points,
    /// Seconds.
    Seconds,
    /// Percent.
    Percent,
    /// Metres per second.
    MetersPerSecond,
    /// A count (repetitions, blocks).
    Count,
    /// Anything else: the test has no single numeric range.
    Other,
}

/// One standardized measure.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    /// Short name used in messages.
    pub name: &'static str,
    /// Spellings in notes (hyphens match spaces).
    pub names: &'static [&'static str],
    /// Unit of the value.
    pub unit: Unit,
    /// Lowest valid value.
    pub min: f64,
    /// Highest valid value.
    pub max: f64,
    /// Direction of improvement.
    pub better: Better,
    /// Minimal detectable change, where the research notes give one.
    pub mdc: Option<f64>,
    /// Common fall-risk cut-off: values on the worse side of it flag risk.
    pub cutoff: Option<f64>,
}

const fn m(
    name: &'static str,
    names: &'static [&'static str],
    unit: Unit,
    min: f64,
    max: f64,
    better: Better,
    mdc: Option<f64>,
    cutoff: Option<f64>,
) -> Measure {
    Measure { name, names, unit, min, max, better, mdc, cutoff }
}

use Better::{Higher, Lower};
use Unit::*;

/// The measures the engine knows.
pub const MEASURES: &[Measure] = &[
    m("Berg", &["Berg", "BBS", "Berg Balance Scale", "Berg balance"], Points, 0.0, 56.0, Higher, Some(6.5), Some(45.0)),
    m("TUG", &["TUG", "Timed Up and Go", "timed up & go", "TUG cognitive", "TUG manual"], Seconds, 0.0, 300.0, Lower, Some(1.1), Some(13.5)),
    m("FGA", &["FGA", "Functional Gait Assessment"], Points, 0.0, 30.0, Higher, Some(4.0), Some(22.0)),
    m("DGI", &["DGI", "Dynamic Gait Index"], Points, 0.0, 24.0, Higher, Some(2.9), Some(19.0)),
    m("ABC", &["ABC", "ABC scale", "Activities specific Balance Confidence"], Percent, 0.0, 100.0, Higher, None, Some(67.0)),
    m("Mini-BESTest", &["Mini BESTest", "MiniBEST", "Mini BEST", "mini BESTest"], Points, 0.0, 28.0, Higher, Some(4.1), Some(19.0)),
    m("5xSTS", &["5xSTS", "5x STS", "5XSTS", "FTSST", "five times sit to stand", "5 times sit to stand"], Seconds, 0.0, 120.0, Lower, None, Some(12.0)),
    m("30CST", &["30CST", "30 second chair stand", "30 s chair stand", "30s chair stand"], Count, 0.0, 60.0, Higher, None, None),
    m("Tinetti", &["Tinetti", "POMA", "Tinetti POMA"], Points, 0.0, 28.0, Higher, None, Some(19.0)),
    m("mCTSIB", &["mCTSIB", "CTSIB", "CTSIB M", "m CTSIB"], Seconds, 0.0, 120.0, Higher, None, None),
    m("SLS", &["SLS", "single leg stance time", "single limb stance time", "OLS", "unipedal stance", "single leg stance", "single limb stance", "one leg stance"], Seconds, 0.0, 300.0, Higher, None, Some(5.0)),
    m("10MWT", &["10MWT", "10 MWT", "10 meter walk test", "10 m walk test", "10m walk", "gait speed", "walking speed"], MetersPerSecond, 0.0, 3.0, Higher, Some(0.16), Some(0.8)),
    m("6MWT", &["6MWT", "6 minute walk test", "6 MWT", "6 minute walk", "six minute walk test", "six minute walk"], Other, 0.0, 1000.0, Higher, None, None),
    m("DHI", &["DHI", "Dizziness Handicap Inventory"], Points, 0.0, 100.0, Lower, None, None),
    m("FSST", &["FSST", "Four Square Step Test", "4 square step test"], Seconds, 0.0, 120.0, Lower, None, Some(15.0)),
    m("Functional Reach", &["Functional Reach", "FRT", "functional reach test"], Other, 0.0, 60.0, Higher, None, None),
    m("Box and Block", &["Box and Block", "Box and Blocks", "BBT"], Count, 0.0, 150.0, Higher, None, None),
    m("9-Hole Peg", &["9 hole peg test", "9HPT", "NHPT", "nine hole peg test"], Seconds, 0.0, 300.0, Lower, None, None),
    m("Y-balance", &["Y balance", "YBT", "Y balance test"], Other, 0.0, 200.0, Higher, None, None),
    m("DVA", &["DVA", "dynamic visual acuity"], Other, 0.0, 20.0, Lower, None, None),
    m("Dix-Hallpike", &["Dix Hallpike", "Dix Hallpike test"], Other, 0.0, 0.0, Lower, None, None),
    m("FES-I", &["FES I", "FESI", "Falls Efficacy Scale"], Points, 16.0, 64.0, Lower, None, None),
    m("BOT-2", &["BOT 2", "BOT2"], Other, 0.0, 0.0, Higher, None, None),
    m("JPS", &["JPS error", "joint position error"], Other, 0.0, 90.0, Lower, None, None),
    m("Monofilament", &["monofilament"], Other, 0.0, 0.0, Higher, None, None),
    m("MMT", &["MMT"], Other, 0.0, 5.0, Higher, None, None),
    m("ROM", &["ROM", "AROM", "PROM", "AAROM"], Other, -30.0, 200.0, Higher, None, None),
    m("Dix-Hallpike", &["DH"], Other, 0.0, 0.0, Lower, None, None),
    m("BP", &["BP", "blood pressure"], Other, 0.0, 300.0, Lower, None, None),
    m("HR", &["HR", "heart rate", "pulse"], Other, 20.0, 250.0, Lower, None, None),
    m("SpO2", &["SpO2", "O2 sat", "O2 sats", "sats", "O2 saturation", "oxygen saturation", "pulse ox"], Percent, 50.0, 100.0, Higher, None, None),
    // The rest of the vital signs (the standard set: temperature, pulse, respirations, blood
    // pressure, oxygen saturation). "PR" (pulse rate) in capitals only: not the word "pr".
    m("PR", &["=PR", "pulse rate"], Other, 20.0, 250.0, Lower, None, None),
    m("RR", &["RR", "respiratory rate", "resp rate", "respiration rate", "respirations", "resps"], Other, 4.0, 70.0, Lower, None, None),
    // Fahrenheit or Celsius: the range holds both.
    m("Temp", &["temp", "temperature"], Other, 30.0, 110.0, Lower, None, None),
    m("RPE", &["RPE", "Borg RPE"], Other, 0.0, 20.0, Lower, None, None),
    m("Romberg", &["Romberg", "sharpened Romberg", "Romberg test"], Other, 0.0, 0.0, Higher, None, None),
    m("Grip", &["grip strength", "grip", "dynamometer", "pinch strength"], Other, 0.0, 300.0, Higher, None, None),
    // Published instruments beyond domain.md: names and score ranges as each instrument's
    // scoring publishes them (indexed by the Shirley Ryan AbilityLab Rehabilitation Measures
    // Database). `Other` with a 0 maximum where the reported form varies (raw, standard or
    // percent score): the name marks the measure, no range is checked.
    m("LEFS", &["LEFS", "Lower Extremity Functional Scale"], Points, 0.0, 80.0, Higher, Some(9.0), None),
    m("ODI", &["ODI", "Oswestry", "Oswestry Disability Index"], Percent, 0.0, 100.0, Lower, None, None),
    m("NDI", &["NDI", "Neck Disability Index"], Other, 0.0, 0.0, Lower, None, None),
    m("QuickDASH", &["QuickDASH", "Quick DASH", "=DASH"], Points, 0.0, 100.0, Lower, None, None),
    m("PSFS", &["PSFS", "Patient Specific Functional Scale"], Points, 0.0, 10.0, Higher, None, None),
    m("FOTO", &["FOTO"], Points, 0.0, 100.0, Higher, None, None),
    m("MoCA", &["MoCA", "Montreal Cognitive Assessment"], Points, 0.0, 30.0, Higher, None, None),
    m("TMT", &["Trail Making Test", "Trail Making Test A", "Trail Making Test B", "=TMT", "=TMT-A", "=TMT-B", "Trails A", "Trails B"], Seconds, 0.0, 600.0, Lower, None, None),
    m("MMSE", &["MMSE", "Mini Mental State Exam", "Mini-Mental State Examination", "SLUMS"], Points, 0.0, 30.0, Higher, None, None),
    m("BIMS", &["BIMS", "Brief Interview for Mental Status"], Points, 0.0, 15.0, Higher, None, None),
    m("AM-PAC", &["AM PAC", "AMPAC", "6 clicks", "6-Clicks"], Other, 0.0, 0.0, Higher, None, None),
    m("Fugl-Meyer", &["Fugl Meyer", "=FMA", "=FMA UE", "=FMA LE"], Other, 0.0, 226.0, Higher, None, None),
    m("MAS", &["=MAS", "Modified Ashworth", "Modified Ashworth Scale", "Ashworth"], Other, 0.0, 4.0, Lower, None, None),
    m("ARAT", &["ARAT", "Action Research Arm Test"], Points, 0.0, 57.0, Higher, None, None),
    m("COPM", &["COPM", "Canadian Occupational Performance Measure"], Points, 1.0, 10.0, Higher, Some(2.0), None),
    m("GMFM", &["GMFM", "GMFM 66", "GMFM 88", "Gross Motor Function Measure"], Other, 0.0, 100.0, Higher, None, None),
    m("PDMS-2", &["PDMS 2", "PDMS", "Peabody"], Other, 0.0, 0.0, Higher, None, None),
    m("Barthel", &["Barthel", "Barthel Index"], Points, 0.0, 100.0, Higher, None, None),
    m("FIM", &["=FIM", "Functional Independence Measure"], Other, 0.0, 126.0, Higher, None, None),
    m("TIS", &["=TIS", "Trunk Impairment Scale"], Points, 0.0, 23.0, Higher, None, None),
    m("2MWT", &["2MWT", "2 minute walk test", "2 MWT", "2 minute walk", "two minute walk test", "two minute walk"], Other, 0.0, 500.0, Higher, None, None),
    m("SARA", &["=SARA", "Scale for the Assessment and Rating of Ataxia"], Points, 0.0, 40.0, Lower, None, None),
    m("BESTest", &["BESTest", "Brief BESTest"], Other, 0.0, 108.0, Higher, None, None),
    m("HiMAT", &["HiMAT", "High Level Mobility Assessment Tool"], Points, 0.0, 54.0, Higher, None, None),
    m("PASS", &["Postural Assessment Scale for Stroke"], Points, 0.0, 36.0, Higher, None, None),
    m("NIHSS", &["NIHSS"], Points, 0.0, 42.0, Lower, None, None),
    m("mRS", &["mRS", "Modified Rankin", "Modified Rankin Scale"], Points, 0.0, 6.0, Lower, None, None),
    m("SOT", &["=SOT", "Sensory Organization Test"], Other, 0.0, 100.0, Higher, None, None),
    m("VOMS", &["VOMS", "Vestibular Ocular Motor Screening"], Other, 0.0, 0.0, Lower, None, None),
    m("NPC", &["=NPC", "near point of convergence"], Other, 0.0, 0.0, Lower, None, None),
    m("Four Stage Balance", &["4 stage balance test", "four stage balance test"], Other, 0.0, 0.0, Higher, None, None),
];

/// Symptoms that take a 0-10 rating ("dizziness 4/10").
pub const SYMPTOMS: &[&str] = &[
    "dizziness", "pain", "HA", "headache", "fatigue", "spasms", "spasm", "symptoms", "sx", "nausea",
    "tingling", "numbness", "stiffness", "vertigo", "confidence", "anxiety", "fear",
];

/// The measure a lexicon term names, if any. Hyphens read as spaces and case is ignored (ASCII)
/// on both sides, compared byte by byte: no copy of the term or the names.
pub fn by_term(term: &str) -> Option<&'static Measure> {
    let same = |a: &[u8], b: &[u8]| {
        let fold = |c: u8| if c == b'-' { b' ' } else { c.to_ascii_lowercase() };
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| fold(*x) == fold(*y))
    };
    let t = term.as_bytes();
    MEASURES.iter().find(|m| {
        m.names.iter().any(|n| {
            // "=SARA": matched in capitals only (not the name "Sara").
            let n = n.trim_start_matches('=').as_bytes();
            same(t, n) || (t.len() == n.len() + 1 && t.ends_with(b"s") && same(&t[..n.len()], n))
        })
    })
}

/// True when `value` (with the denominator the note gave, if any) is impossible for `m`.
pub fn out_of_range(m: &Measure, value: f64, denominator: Option<f64>) -> bool {
    if matches!(m.unit, Unit::Other) && m.max == 0.0 {
        return false;
    }
    if value < m.min || value > m.max {
        return true;
    }
    matches!(denominator, Some(d) if value > d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_catch_typos() {
        let berg = by_term("berg").unwrap();
        assert!(out_of_range(berg, 60.0, Some(56.0)));
        assert!(!out_of_range(berg, 41.0, Some(56.0)));
        let fga = by_term("FGA").unwrap();
        assert!(out_of_range(fga, 34.0, Some(30.0)));
        let abc = by_term("ABC").unwrap();
        assert!(out_of_range(abc, 130.0, None));
        let tug = by_term("TUG").unwrap();
        assert!(out_of_range(tug, -3.0, None));
    }

    #[test]
    fn terms_find_their_measure_whatever_the_hyphens_case_and_plural() {
        assert_eq!(by_term("dix hallpike").map(|m| m.name), by_term("Dix-Hallpike").map(|m| m.name));
        assert!(by_term("Dix-Hallpike").is_some());
        assert_eq!(by_term("bergs").map(|m| m.name), Some("Berg"));
        assert_eq!(by_term("BERG").map(|m| m.name), Some("Berg"));
        assert!(by_term("bergx").is_none() && by_term("ber").is_none() && by_term("").is_none());
    }

    #[test]
    fn every_measure_has_a_sane_range() {
        for m in MEASURES {
            assert!(m.min <= m.max, "{}", m.name);
            assert!(!m.names.is_empty(), "{}", m.name);
        }
    }
}
