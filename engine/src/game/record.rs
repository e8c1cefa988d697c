//! The game record: JSON lines — a header, one line per phase, and an end line.

use crate::position::Position;
use crate::step::OrderResultJson;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The first line of a record.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Header {
    /// Always `legate-game`.
    pub format: String,
    /// Record format version (1).
    pub version: u32,
    /// The map: `standard` or a path to a map file.
    pub map: String,
    /// The seed the game's randomness came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Who plays each power (e.g. `"random"`, `"human"`).
    #[serde(default)]
    pub players: BTreeMap<String, String>,
    /// The game ends in a draw after this year's last phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_limit: Option<u16>,
}

impl Header {
    /// A header for a game on `map`.
    pub fn new(map: &str) -> Header {
        Header {
            format: "legate-game".into(),
            version: 1,
            map: map.into(),
            seed: None,
            players: BTreeMap::new(),
            year_limit: None,
        }
    }
}

/// A message between powers.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Message {
    /// The sending power.
    pub from: String,
    /// The receiving power, or `ALL`.
    pub to: String,
    /// The text.
    pub text: String,
    /// What the sender meant, in press form (`WILL (A PAR - BUR)`), when a bot wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub press: Option<String>,
    /// The sender's intent for this recipient when writing: our orders, then theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<String>,
    /// What the recipient read out of it, in press form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<String>,
    /// Of the orders the sender said it would give, the share it gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<f64>,
    /// The talk round it was sent in (0 first), when bots talk in rounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// Who wrote it, when a bot did: `offline` (the offline writer) or `model` (a language model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

impl Message {
    /// A plain message.
    pub fn new(from: &str, to: &str, text: &str) -> Message {
        Message {
            from: from.into(),
            to: to.into(),
            text: text.into(),
            press: None,
            intent: None,
            read: None,
            kept: None,
            round: None,
            by: None,
        }
    }
}

/// One phase of the record.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PhaseRecord {
    /// E.g. `S1901M`.
    pub phase: String,
    /// The board before the phase.
    pub board_before: Position,
    /// Orders per power, canonical text.
    pub orders: BTreeMap<String, Vec<String>>,
    /// One result per order.
    pub results: Vec<OrderResultJson>,
    /// Units removed by civil disorder, e.g. `FRANCE A PAR`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub civil_disorder: Vec<String>,
    /// The board after the phase (the next phase that needs orders).
    pub board_after: Position,
    /// Messages sent during the phase.
    #[serde(default)]
    pub messages: Vec<Message>,
}

/// The last line of a finished game.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EndRecord {
    /// The phase the game stopped at.
    pub phase: String,
    /// `solo`, `agreed` or `year limit`.
    pub reason: String,
    /// The solo winner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner: Option<String>,
    /// Centres per power at the end.
    pub centers: BTreeMap<String, usize>,
}

/// One line of a record.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Line {
    /// The header.
    Header(Header),
    /// A phase.
    Phase(Box<PhaseRecord>),
    /// The end.
    End(EndRecord),
}

/// A problem with a game or its record.
#[derive(Debug, thiserror::Error)]
pub enum GameError {
    /// Reading or writing the record failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        message: String,
    },
    /// The record is malformed.
    #[error("{path}:{line}: {message}")]
    Record {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The game is over; no more phases can be played.
    #[error("the game is over")]
    Over,
}

impl GameError {
    pub(crate) fn io(path: &Path, e: std::io::Error) -> GameError {
        GameError::Io { path: path.display().to_string(), message: e.to_string() }
    }
}

/// Reads a record: header, phases, and the end line if the game finished.
pub(crate) fn read(path: &Path) -> Result<(Header, Vec<PhaseRecord>, Option<EndRecord>), GameError> {
    let text = std::fs::read_to_string(path).map_err(|e| GameError::io(path, e))?;
    let bad = |line: usize, message: String| GameError::Record { path: path.display().to_string(), line, message };
    let mut header = None;
    let mut phases = Vec::new();
    let mut end = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw).map_err(|e| bad(n, format!("not a record line: {e}")))?;
        match (line, &header) {
            (Line::Header(h), None) if n == 1 => {
                if h.format != "legate-game" {
                    return Err(bad(n, format!("format is {:?}, expected \"legate-game\"", h.format)));
                }
                header = Some(h)
            }
            (_, None) => return Err(bad(n, "the first line must be the header".into())),
            (Line::Header(_), Some(_)) => return Err(bad(n, "a second header".into())),
            (_, Some(_)) if end.is_some() => return Err(bad(n, "a line after the end of the game".into())),
            (Line::Phase(p), Some(_)) => phases.push(*p),
            (Line::End(e), Some(_)) => end = Some(e),
        }
    }
    let header = header.ok_or_else(|| bad(1, "empty record: no header".into()))?;
    Ok((header, phases, end))
}
