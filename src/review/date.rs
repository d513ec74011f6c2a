//! Dates of service: reading the formats EHR exports use, and the week a visit falls in.
//!
//! The batch reviewer orders a patient's visits by date of service and counts distinct treatment
//! days for the progress-report cadence ([`super::cadence`]); the HTML report charts findings per
//! week. A [`Date`] is a day number (days since 1970-01-01, proleptic Gregorian), so ordering,
//! "same day" and "which week" are integer operations and no calendar crate is needed.
//!
//! Accepted: `2024-03-04`, `2024/03/04`, `20240304`, `03/04/2024`, `3/4/24` (US month first),
//! `4-Mar-2024`, `Mar 4, 2024`, `March 4 2024`, each optionally followed by a time
//! (`2024-03-04T10:30:00Z`, `03/04/2024 10:30 AM`), which is ignored.

use std::fmt;

/// A calendar day, as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL_MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

impl Date {
    /// The day from year, month (1-12) and day (1-31); `None` when it does not exist.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1800..=2200).contains(&y) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i32 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i32::from(m <= 2), m, d)
    }

    /// The Monday of the (ISO) week this day falls in.
    pub fn week(self) -> Date {
        // 1970-01-01 was a Thursday: Monday-based weekday is (days + 3) mod 7.
        Date(self.0 - (self.0 + 3).rem_euclid(7))
    }

    /// Reads a date of service; `None` when the text is not one of the accepted formats.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        // Drop a time part: after 'T' following digits, or after the first space once a full
        // numeric date has been read.
        let head = s.split(['T', ' ']).next().unwrap_or("");
        if let Some(d) = numeric(head) {
            return Some(d);
        }
        if let Some(d) = numeric(s) {
            return Some(d);
        }
        named(s)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn full_year(y: u32, digits: usize) -> i32 {
    match digits {
        2 if y < 70 => 2000 + y as i32,
        2 => 1900 + y as i32,
        _ => y as i32,
    }
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, `MM/DD/YYYY`, `M/D/YY`, `MM-DD-YYYY`.
fn numeric(s: &str) -> Option<Date> {
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |a: usize, b: usize| s[a..b].parse::<u32>().ok();
        return Date::from_ymd(n(0, 4)? as i32, n(4, 6)?, n(6, 8)?);
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    if parts[0].len() == 4 {
        Date::from_ymd(n[0] as i32, n[1], n[2])
    } else if parts[2].len() == 4 || parts[2].len() == 2 {
        Date::from_ymd(full_year(n[2], parts[2].len()), n[0], n[1])
    } else {
        None
    }
}

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    (0..12).find(|&i| w == MONTHS[i] || w == FULL_MONTHS[i] || (i == 8 && w == "sept")).map(|i| i as u32 + 1)
}

/// `4-Mar-2024`, `4 March 2024`, `Mar 4, 2024`, `March 4 2024`.
fn named(s: &str) -> Option<Date> {
    let words: Vec<&str> = s.split([' ', '-', ',', '/']).filter(|w| !w.is_empty()).take(3).collect();
    if words.len() != 3 {
        return None;
    }
    let num = |w: &str| w.parse::<u32>().ok();
    let year = |w: &str| num(w).map(|y| full_year(y, w.len()));
    if let (Some(d), Some(m), Some(y)) = (num(words[0]), month(words[1]), year(words[2])) {
        return Date::from_ymd(y, m, d);
    }
    if let (Some(m), Some(d), Some(y)) = (month(words[0]), num(words[1]), year(words[2])) {
        return Date::from_ymd(y, m, d);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn round_trips_and_epoch() {
        assert_eq!(Date::from_ymd(1970, 1, 1), Some(Date(0)));
        for days in [-1000, 0, 19_786, 20_000, 60_000] {
            let (y, m, d) = Date(days).ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(Date(days)));
        }
        assert_eq!(Date::from_ymd(2024, 2, 29).unwrap().to_string(), "2024-02-29");
        assert_eq!(Date::from_ymd(2023, 2, 29), None);
        assert_eq!(Date::from_ymd(2024, 13, 1), None);
    }

    #[test]
    fn reads_export_formats() {
        let want = Date::from_ymd(2024, 3, 4);
        for s in [
            "2024-03-04",
            "2024/03/04",
            "20240304",
            "03/04/2024",
            "3/4/24",
            "03-04-2024",
            "2024-03-04T10:30:00Z",
            "03/04/2024 10:30 AM",
            "4-Mar-2024",
            "4 March 2024",
            "Mar 4, 2024",
            "March 4 2024",
            " 2024-03-04 ",
        ] {
            assert_eq!(Date::parse(s), want, "{s}");
        }
        for s in ["", "yesterday", "13/45/2024", "2024-02-30", "3/4", "12345", "Mayday 4 2024"] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
    }

    #[test]
    fn weeks_start_on_monday() {
        let mon = Date::from_ymd(2024, 3, 4).unwrap();
        for d in 4..=10 {
            assert_eq!(Date::from_ymd(2024, 3, d).unwrap().week(), mon);
        }
        assert_eq!(Date::from_ymd(2024, 3, 11).unwrap().week().to_string(), "2024-03-11");
    }
}
