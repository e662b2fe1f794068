//! Calendar quarters: the one type behind `--quarter` in review, archive and commitments.
//!
//! Written `2025-Q4`. Read case-insensitively as `2025-Q4`, `2025Q4`, `2025 Q4`, `Q4 2025`
//! or `Q4-2025`: the forms people type, and none of them ambiguous.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;
use thiserror::Error;

/// A calendar quarter, written `2025-Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The year.
    pub year: i32,
    /// 1 to 4.
    pub quarter: u8,
}

/// Why a quarter could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid quarter `{0}`: write it like 2025-Q4")]
pub struct QuarterError(String);

impl Quarter {
    /// The quarter a date falls in.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            quarter: u8::try_from(date.month0() / 3 + 1).unwrap_or(1),
        }
    }

    /// The quarter's first day.
    pub fn first_day(self) -> NaiveDate {
        let month = u32::from(self.quarter - 1) * 3 + 1;
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The quarter's last day.
    pub fn last_day(self) -> NaiveDate {
        let next = if self.quarter == 4 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, u32::from(self.quarter) * 3 + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` falls in the quarter.
    pub fn contains(self, date: NaiveDate) -> bool {
        Quarter::of(date) == self
    }

    /// Whether the quarter is over on `today` (a quarter has not ended on its last day).
    pub fn ended_by(self, today: NaiveDate) -> bool {
        today > self.last_day()
    }

    /// `Q4 2025`, as a heading reads.
    pub fn label(self) -> String {
        format!("Q{} {}", self.quarter, self.year)
    }
}

impl std::str::FromStr for Quarter {
    type Err = QuarterError;

    /// Reads `2025-Q4`, `2025Q4`, `2025 Q4`, `Q4 2025` or `Q4-2025`, any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || QuarterError(s.to_owned());
        let t = s.trim().to_ascii_uppercase();
        let (year, q) = match t.strip_prefix('Q') {
            Some(rest) => {
                let (q, year) = rest.split_at(rest.len().min(1));
                (year.trim_start_matches([' ', '-']), q)
            }
            None => {
                let (year, q) = t.split_once('Q').ok_or_else(bad)?;
                (year.trim_end_matches([' ', '-']), q)
            }
        };
        // Only one separator between the two halves.
        let sep = t.len() - year.len() - q.len() - 1;
        if sep > 1 || year.len() != 4 || q.len() != 1 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let quarter: u8 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&quarter) {
            return Err(bad());
        }
        Ok(Quarter { year, quarter })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tests::d;

    #[test]
    fn parse_accepts_every_written_form() {
        let q4 = Quarter {
            year: 2025,
            quarter: 4,
        };
        for s in [
            "2025-Q4", "2025q4", "2025Q4", "2025 Q4", "Q4 2025", "q4-2025", " Q42025 ",
        ] {
            assert_eq!(s.parse::<Quarter>(), Ok(q4), "{s}");
        }
        assert_eq!(q4.to_string(), "2025-Q4");
        assert_eq!(q4.label(), "Q4 2025");
    }

    #[test]
    fn parse_refuses_what_is_not_a_quarter() {
        for s in [
            "",
            "2025",
            "Q4",
            "2025-Q5",
            "2025-Q0",
            "25-Q4",
            "2025--Q4",
            "2025-Q41",
            "Q4 25",
            "2025-W4",
            "x025-Q4",
            "2025 - Q4",
        ] {
            assert!(s.parse::<Quarter>().is_err(), "{s}");
        }
    }

    #[test]
    fn bounds_and_end_follow_the_calendar() {
        let q: Quarter = "2026-Q1".parse().unwrap();
        assert_eq!(q.first_day(), d("2026-01-01"));
        assert_eq!(q.last_day(), d("2026-03-31"));
        assert!(!q.ended_by(d("2026-03-31")));
        assert!(q.ended_by(d("2026-04-01")));
        assert_eq!(Quarter::of(d("2025-12-31")).to_string(), "2025-Q4");
    }
}
