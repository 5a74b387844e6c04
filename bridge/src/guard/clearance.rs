//! A track's clearance (may it be broadcast?), its scope (territories or platforms), and the
//! CSV a rights list arrives in.
//!
//! CSV format (RFC 4180: comma-separated, `"` quotes a field, `""` is a quote inside one, a
//! UTF-8 byte-order mark is skipped): a header line naming the columns, in any order:
//! `track_id` and `state` (required), `note` and `territories` (optional). `state` is
//! `cleared`, `not_cleared` or `unknown` (also `not cleared`, `yes`/`no`); `territories` is a
//! list separated by `;` or spaces of ISO 3166-1 alpha-2 codes (`DE`, `GB`) or platform names
//! (`twitch`, `youtube`); empty means everywhere.

use serde::{Deserialize, Serialize};

/// Most rows one import takes.
pub const MAX_IMPORT_ROWS: usize = 100_000;

/// Longest note, in bytes.
pub const MAX_NOTE: usize = 1000;

/// Most territories/platforms on one track.
pub const MAX_TERRITORIES: usize = 64;

/// Whether a track may be broadcast.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClearanceState {
    Cleared,
    NotCleared,
    /// Nobody said (a track without a clearance row is unknown).
    #[default]
    Unknown,
}

impl ClearanceState {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Cleared => "cleared",
            Self::NotCleared => "not_cleared",
            Self::Unknown => "unknown",
        }
    }

    /// Parses the stored name and the spellings a rights list uses.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "cleared" | "yes" | "ok" => Some(Self::Cleared),
            "not_cleared" | "uncleared" | "no" | "blocked" => Some(Self::NotCleared),
            "unknown" | "" => Some(Self::Unknown),
            _ => None,
        }
    }
}

/// A track's clearance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Clearance {
    pub state: ClearanceState,
    pub note: String,
    /// Where `state` holds: ISO 3166-1 alpha-2 codes (upper case) and platform names (lower
    /// case); empty: everywhere.
    pub territories: Vec<String>,
    /// Unix time in milliseconds of the last change (0: never set).
    pub updated_ms: i64,
}

impl Clearance {
    /// The state that holds for a broadcast in `territory` (a country code or a platform;
    /// `None`: not known): the track's state where its scope covers it, `unknown` elsewhere.
    pub fn effective(&self, territory: Option<&str>) -> ClearanceState {
        if self.territories.is_empty() {
            return self.state;
        }
        match territory {
            Some(t) if self.territories.iter().any(|x| x.eq_ignore_ascii_case(t)) => self.state,
            _ => ClearanceState::Unknown,
        }
    }
}

/// Normalises one territory or platform: two letters → an upper-case country code; otherwise
/// a lower-case platform name of 1..=32 `a-z 0-9 - _ .`.
///
/// # Errors
/// What is wrong with it.
pub fn territory(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(t.to_ascii_uppercase());
    }
    if (1..=32).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Ok(t.to_ascii_lowercase());
    }
    Err(format!("{t:?} is neither an ISO 3166-1 alpha-2 code (e.g. DE) nor a platform name (e.g. twitch: 1..=32 of a-z, 0-9, - _ .)"))
}

/// A territory list from a CSV cell: separated by `;`, `,` or spaces; sorted, without repeats.
///
/// # Errors
/// The first entry that is not a territory or platform, or too many.
pub fn territories(cell: &str) -> Result<Vec<String>, String> {
    let mut v = cell.split([';', ',', ' ']).filter(|s| !s.trim().is_empty()).map(territory).collect::<Result<Vec<_>, _>>()?;
    v.sort();
    v.dedup();
    if v.len() > MAX_TERRITORIES {
        return Err(format!("{} territories; at most {MAX_TERRITORIES}", v.len()));
    }
    Ok(v)
}

/// Splits CSV text into records of fields (RFC 4180), each with its 1-based line number.
///
/// # Errors
/// An unterminated quoted field, naming the line it starts on.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let (mut field, mut record) = (String::new(), Vec::new());
    let (mut line, mut start, mut quoted, mut was_quoted) = (1usize, 1usize, false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !was_quoted => (quoted, was_quoted) = (true, true),
            ',' => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                if !(record.len() == 1 && record[0].is_empty() && !was_quoted) {
                    records.push((start, std::mem::take(&mut record)));
                }
                record.clear();
                was_quoted = false;
                line += 1;
                start = line;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(format!("line {start}: a quoted field is not closed (a \" is missing)"));
    }
    if !field.is_empty() || !record.is_empty() || was_quoted {
        record.push(field);
        records.push((start, record));
    }
    Ok(records)
}

/// One row of a clearance import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub line: usize,
    pub track_id: String,
    pub state: ClearanceState,
    pub note: String,
    pub territories: Vec<String>,
}

/// A row that cannot be applied, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Problem {
    pub line: usize,
    pub reason: String,
}

/// Reads a clearance CSV: the rows and the problems of the rows that are wrong.
///
/// # Errors
/// The file as a whole is unusable: no header, a required column missing, too many rows, a
/// quote not closed.
pub fn parse_import(text: &str) -> Result<(Vec<ImportRow>, Vec<Problem>), String> {
    let records = parse_csv(text)?;
    let Some(((_, header), rows)) = records.split_first() else {
        return Err("the CSV is empty; its first line names the columns: track_id,state[,note][,territories]".into());
    };
    let col = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(id_col), Some(state_col)) = (col("track_id"), col("state")) else {
        return Err(format!(
            "the header {:?} lacks track_id or state; it names the columns: track_id,state[,note][,territories]",
            header.join(",")
        ));
    };
    let (note_col, terr_col) = (col("note"), col("territories"));
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(format!("{} rows; at most {MAX_IMPORT_ROWS} per import (split the file)", rows.len()));
    }
    let (mut out, mut problems) = (Vec::new(), Vec::new());
    for (line, r) in rows {
        let cell = |i: Option<usize>| i.and_then(|i| r.get(i)).map_or("", |s| s.as_str());
        let track_id = cell(Some(id_col)).trim().to_string();
        let row = (|| {
            if track_id.is_empty() {
                return Err("track_id is empty".to_string());
            }
            let s = cell(Some(state_col));
            let state = ClearanceState::parse(s).ok_or_else(|| format!("state {s:?} is not one of cleared, not_cleared, unknown"))?;
            let note = cell(note_col).trim().to_string();
            if note.len() > MAX_NOTE {
                return Err(format!("note is {} bytes; at most {MAX_NOTE}", note.len()));
            }
            let territories = territories(cell(terr_col))?;
            Ok(ImportRow { line: *line, track_id: track_id.clone(), state, note, territories })
        })();
        match row {
            Ok(r) => out.push(r),
            Err(reason) => problems.push(Problem { line: *line, reason }),
        }
    }
    Ok((out, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_handles_quotes_bom_crlf_and_blank_lines() {
        let t = "\u{feff}track_id,state,note\r\ntrk_1,cleared,\"a, b\"\r\n\r\ntrk_2,no,\"say \"\"hi\"\"\nthere\"\ntrk_3,unknown,";
        let r = parse_csv(t).unwrap();
        assert_eq!(r[0], (1, vec!["track_id".into(), "state".into(), "note".into()]));
        assert_eq!(r[1], (2, vec!["trk_1".into(), "cleared".into(), "a, b".into()]));
        assert_eq!(r[2], (4, vec!["trk_2".into(), "no".into(), "say \"hi\"\nthere".into()]));
        assert_eq!(r[3], (6, vec!["trk_3".into(), "unknown".into(), String::new()]));
        assert!(parse_csv("a,\"b\n").unwrap_err().contains("line 1"));
    }

    #[test]
    fn import_reports_each_bad_row_and_refuses_a_bad_header() {
        let (rows, problems) = parse_import(
            "state,track_id,territories\nnot cleared,trk_a,de;GB twitch\nmaybe,trk_b,\ncleared,,\ncleared,trk_c,Deutschland!\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].state, ClearanceState::NotCleared);
        assert_eq!(rows[0].territories, ["DE", "GB", "twitch"]);
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), [3, 4, 5]);
        assert!(problems[0].reason.contains("\"maybe\""));
        assert!(parse_import("id,state\nx,cleared\n").unwrap_err().contains("lacks track_id"));
        assert!(parse_import("").unwrap_err().contains("empty"));
    }

    #[test]
    fn a_scoped_clearance_is_unknown_outside_its_scope() {
        let c = Clearance { state: ClearanceState::NotCleared, territories: vec!["DE".into(), "twitch".into()], ..Clearance::default() };
        assert_eq!(c.effective(Some("de")), ClearanceState::NotCleared);
        assert_eq!(c.effective(Some("twitch")), ClearanceState::NotCleared);
        assert_eq!(c.effective(Some("FR")), ClearanceState::Unknown);
        assert_eq!(c.effective(None), ClearanceState::Unknown);
        let everywhere = Clearance { state: ClearanceState::Cleared, ..Clearance::default() };
        assert_eq!(everywhere.effective(None), ClearanceState::Cleared);
    }
}
