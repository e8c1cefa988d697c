//! A board as JSON: `phase`, `units`, `supply_centers`, `dislodged` — the form used by the
//! `adjudicate` schema and by game records.

use crate::board::{Board, Dislodged, Phase, Unit};
use crate::map::{Location, LocationSet, Map, Power, UnitKind};
use serde::{Deserialize, Serialize};

/// A board in JSON form.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
pub struct Position {
    /// E.g. `S1901M`.
    pub phase: String,
    /// Units per power, e.g. `{"FRANCE": ["A PAR", "F BRE"]}`.
    #[serde(default)]
    pub units: serde_json::Map<String, serde_json::Value>,
    /// Complete centre ownership; the map's home centres when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supply_centers: Option<serde_json::Map<String, serde_json::Value>>,
    /// Units awaiting retreat (retreat phases).
    #[serde(default)]
    pub dislodged: Vec<DislodgedJson>,
}

/// A dislodged unit in JSON.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct DislodgedJson {
    /// The owner.
    pub power: String,
    /// The unit, e.g. `F TRI`.
    pub unit: String,
    /// The attacker's province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attacker_from: Option<String>,
    /// Whether the attacker was convoyed.
    #[serde(default)]
    pub attacker_via_convoy: bool,
    /// Allowed retreat locations.
    #[serde(default)]
    pub retreats: Vec<String>,
}

/// A problem with the input of a step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StepError(pub String);

pub(crate) fn err<T>(msg: impl Into<String>) -> Result<T, StepError> {
    Err(StepError(msg.into()))
}

pub(crate) fn power(map: &Map, name: &str) -> Result<Power, StepError> {
    map.power_by_name(name).map_or_else(|| err(format!("unknown power {name:?}")), Ok)
}

pub(crate) fn strings<'a>(v: &'a serde_json::Value, what: &str) -> Result<Vec<&'a str>, StepError> {
    let Some(a) = v.as_array() else { return err(format!("{what} must be a list of strings")) };
    a.iter().map(|x| x.as_str().map_or_else(|| err(format!("{what} must be a list of strings")), Ok)).collect()
}

/// Parses a unit such as `A PAR` or `F STP/NC`.
pub fn parse_unit(map: &Map, text: &str) -> Result<(UnitKind, Location), StepError> {
    let t = text.trim();
    let (kind, loc) = match t.split_once(' ') {
        Some((k, l)) if k.eq_ignore_ascii_case("A") => (UnitKind::Army, l),
        Some((k, l)) if k.eq_ignore_ascii_case("F") => (UnitKind::Fleet, l),
        _ => return err(format!("unit {t:?}: expected \"A PAR\" or \"F STP/NC\"")),
    };
    match map.parse_location(loc) {
        Some(l) => Ok((kind, l)),
        None => err(format!("unit {t:?}: unknown location {:?}", loc.trim())),
    }
}

/// A unit's text, e.g. `F STP/NC`.
pub fn unit_text(map: &Map, kind: UnitKind, loc: Location) -> String {
    format!("{} {}", kind.letter(), map.loc_name(loc))
}

impl Position {
    /// The JSON form of a board (units and centres sorted within each power).
    pub fn from_board(map: &Map, board: &Board) -> Position {
        let json = |rows: Vec<(String, Vec<String>)>| rows.into_iter().map(|(k, v)| (k, v.into())).collect();
        Position {
            phase: board.phase.to_string(),
            units: json(units_by_power(map, board)),
            supply_centers: Some(json(centers_by_power(map, board))),
            dislodged: dislodged_json(map, board),
        }
    }

    /// Builds and checks the board this position describes.
    pub fn to_board(&self, map: &Map) -> Result<Board, StepError> {
        let phase: Phase = self.phase.parse().map_err(|e: crate::board::PhaseParseError| StepError(e.to_string()))?;
        let mut board = Board::empty(phase);
        for (pname, list) in &self.units {
            let p = power(map, pname)?;
            for u in strings(list, &format!("units of {pname}"))? {
                let (kind, loc) = parse_unit(map, u)?;
                board
                    .place(map, Unit { power: p, kind, loc })
                    .map_err(|e| StepError(format!("unit {u:?} of {pname}: {e}")))?;
            }
        }
        match &self.supply_centers {
            Some(sc) => {
                for (pname, list) in sc {
                    let p = power(map, pname)?;
                    for c in strings(list, &format!("supply_centers of {pname}"))? {
                        let prov = map
                            .province_by_name(c)
                            .ok_or_else(|| StepError(format!("supply centre {c:?}: unknown province")))?;
                        if !map.province(prov).center {
                            return err(format!("{c:?} is not a supply centre"));
                        }
                        board.set_owner(prov, Some(p));
                    }
                }
            }
            None => {
                for p in map.powers() {
                    for c in map.power(p).home.iter() {
                        board.set_owner(c, Some(p));
                    }
                }
            }
        }
        for d in &self.dislodged {
            let p = power(map, &d.power)?;
            let (kind, loc) = parse_unit(map, &d.unit)?;
            let attacker_from = match &d.attacker_from {
                Some(a) => Some(
                    map.province_by_name(a)
                        .ok_or_else(|| StepError(format!("attacker_from {a:?}: unknown province")))?,
                ),
                None => None,
            };
            let mut retreats = LocationSet::EMPTY;
            for r in &d.retreats {
                retreats.insert(
                    map.parse_location(r).ok_or_else(|| StepError(format!("retreat {r:?}: unknown location")))?,
                );
            }
            board.dislodged.push(Dislodged {
                unit: Unit { power: p, kind, loc },
                attacker_from,
                attacker_via_convoy: d.attacker_via_convoy,
                retreats,
            });
        }
        Ok(board)
    }
}

/// Each power's units as text (`A PAR`), sorted, in map order; powers without units left out.
pub fn units_by_power(map: &Map, board: &Board) -> Vec<(String, Vec<String>)> {
    by_power(map, |p| board.units().filter(|(_, u)| u.power == p).map(|(_, u)| unit_text(map, u.kind, u.loc)).collect())
}

/// Each power's supply centres, sorted, in map order; powers without centres left out.
pub fn centers_by_power(map: &Map, board: &Board) -> Vec<(String, Vec<String>)> {
    by_power(map, |p| board.centers_of(p).iter().map(|c| map.abbr(c).to_string()).collect())
}

fn by_power(map: &Map, list: impl Fn(Power) -> Vec<String>) -> Vec<(String, Vec<String>)> {
    map.powers()
        .filter_map(|p| {
            let mut items = list(p);
            items.sort();
            (!items.is_empty()).then(|| (map.power_name(p).to_string(), items))
        })
        .collect()
}

/// The board's dislodged units with their attackers and retreat options.
pub fn dislodged_json(map: &Map, board: &Board) -> Vec<DislodgedJson> {
    board
        .dislodged
        .iter()
        .map(|d| DislodgedJson {
            power: map.power_name(d.unit.power).to_string(),
            unit: unit_text(map, d.unit.kind, d.unit.loc),
            attacker_from: d.attacker_from.map(|p| map.abbr(p).to_string()),
            attacker_via_convoy: d.attacker_via_convoy,
            retreats: d.retreats.iter().map(|l| map.loc_name(l).to_string()).collect(),
        })
        .collect()
}
