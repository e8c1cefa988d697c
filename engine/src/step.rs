//! The `adjudicate` JSON schema (`shared/datc/README.md`): one phase as data in, its outcome out.
//!
//! Input: `phase`, `units`, optional `supply_centers`, for retreat phases `dislodged`, and
//! `orders` (`{POWER: [ORDER, …]}`). Output: `orders` (each with its `result`), `dislodged`,
//! `units` and `supply_centers` after the phase.

use crate::adjudicate::{adjustment::adjustment, retreat::retreat, Adjudicator, OrderResult, Resolution};
use crate::board::{Board, Dislodged, Phase, PhaseKind, Unit};
use crate::map::{Location, LocationSet, Map, Power, UnitKind};
use crate::order::validate::OrderError;
use crate::order::{AdjustmentOrder, MainOrder, Order, RetreatOrder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One phase to adjudicate, as read from JSON.
#[derive(Clone, Debug, Deserialize)]
pub struct StepInput {
    /// E.g. `S1901M`.
    pub phase: String,
    /// Units per power, e.g. `{"FRANCE": ["A PAR", "F BRE"]}`.
    #[serde(default)]
    pub units: serde_json::Map<String, serde_json::Value>,
    /// Complete centre ownership; the map's home centres when absent.
    #[serde(default)]
    pub supply_centers: Option<serde_json::Map<String, serde_json::Value>>,
    /// Units awaiting retreat (retreat phases).
    #[serde(default)]
    pub dislodged: Vec<DislodgedJson>,
    /// Orders per power, in the order given.
    #[serde(default)]
    pub orders: serde_json::Map<String, serde_json::Value>,
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

/// One order's result in JSON.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct OrderResultJson {
    /// The power that gave it.
    pub power: String,
    /// The order as submitted.
    pub order: String,
    /// `succeeds`, `fails`, `void` or `illegal`.
    pub result: String,
    /// Why, when it did not succeed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The outcome of one phase in JSON.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct StepOutput {
    /// One entry per submitted order.
    pub orders: Vec<OrderResultJson>,
    /// Dislodged units with retreat options.
    pub dislodged: Vec<DislodgedJson>,
    /// Units after the phase, per power (sorted).
    pub units: BTreeMap<String, Vec<String>>,
    /// Centre ownership after the phase, per power (sorted).
    pub supply_centers: BTreeMap<String, Vec<String>>,
}

/// A problem with the input of a step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StepError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, StepError> {
    Err(StepError(msg.into()))
}

fn power(map: &Map, name: &str) -> Result<Power, StepError> {
    map.power_by_name(name).map_or_else(|| err(format!("unknown power {name:?}")), Ok)
}

fn strings<'a>(v: &'a serde_json::Value, what: &str) -> Result<Vec<&'a str>, StepError> {
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

/// Builds the board a step describes.
pub fn board_of(map: &Map, input: &StepInput) -> Result<Board, StepError> {
    let phase: Phase = input.phase.parse().map_err(|e: crate::board::PhaseParseError| StepError(e.to_string()))?;
    let mut board = Board::empty(phase);
    for (pname, list) in &input.units {
        let p = power(map, pname)?;
        for u in strings(list, &format!("units of {pname}"))? {
            let (kind, loc) = parse_unit(map, u)?;
            board.place(map, Unit { power: p, kind, loc }).map_err(|e| StepError(format!("unit {u:?} of {pname}: {e}")))?;
        }
    }
    match &input.supply_centers {
        Some(sc) => {
            for (pname, list) in sc {
                let p = power(map, pname)?;
                for c in strings(list, &format!("supply_centers of {pname}"))? {
                    let prov = map.province_by_name(c).ok_or_else(|| StepError(format!("supply centre {c:?}: unknown province")))?;
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
    for d in &input.dislodged {
        let p = power(map, &d.power)?;
        let (kind, loc) = parse_unit(map, &d.unit)?;
        let attacker_from = match &d.attacker_from {
            Some(a) => Some(map.province_by_name(a).ok_or_else(|| StepError(format!("attacker_from {a:?}: unknown province")))?),
            None => None,
        };
        let mut retreats = LocationSet::EMPTY;
        for r in &d.retreats {
            retreats.insert(map.parse_location(r).ok_or_else(|| StepError(format!("retreat {r:?}: unknown location")))?);
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

/// Adjudicates one step and renders the outcome.
pub fn run_step(map: &Map, input: &StepInput) -> Result<StepOutput, StepError> {
    let board = board_of(map, input)?;
    let kind = board.phase.kind;
    // Parse every order; keep the text for the output.
    let mut entries: Vec<(Power, String, Result<Order, String>)> = Vec::new();
    for (pname, list) in &input.orders {
        let p = power(map, pname)?;
        for text in strings(list, &format!("orders of {pname}"))? {
            let parsed = Order::parse(map, text, kind, Some(&board)).map_err(|e| e.to_string());
            entries.push((p, text.to_string(), parsed));
        }
    }
    let mut resolutions: Vec<Option<Resolution>> = vec![None; entries.len()];
    let mut index = Vec::new();
    let after = match kind {
        PhaseKind::Movement => {
            let mut orders: Vec<(Power, MainOrder)> = Vec::new();
            for (i, (p, _, o)) in entries.iter().enumerate() {
                if let Ok(Order::Main(m)) = o {
                    orders.push((*p, *m));
                    index.push(i);
                }
            }
            let mut adj = Adjudicator::new();
            let out = adj.movement(map, &board, &orders);
            for (k, r) in out.results.iter().enumerate() {
                resolutions[index[k]] = Some(*r);
            }
            out.board.clone()
        }
        PhaseKind::Retreat => {
            let mut orders: Vec<(Power, RetreatOrder)> = Vec::new();
            for (i, (p, _, o)) in entries.iter().enumerate() {
                if let Ok(Order::Retreat(m)) = o {
                    orders.push((*p, *m));
                    index.push(i);
                }
            }
            let out = retreat(map, &board, &orders);
            for (k, r) in out.results.iter().enumerate() {
                resolutions[index[k]] = Some(*r);
            }
            out.board
        }
        PhaseKind::Adjustment => {
            let mut orders: Vec<(Power, AdjustmentOrder)> = Vec::new();
            for (i, (p, _, o)) in entries.iter().enumerate() {
                if let Ok(Order::Adjustment(m)) = o {
                    orders.push((*p, *m));
                    index.push(i);
                }
            }
            let out = adjustment(map, &board, &orders);
            for (k, r) in out.results.iter().enumerate() {
                resolutions[index[k]] = Some(*r);
            }
            out.board
        }
    };
    let mut after = after;
    crate::adjudicate::update_ownership_after(map, board.phase, &mut after);

    let orders = entries
        .iter()
        .zip(&resolutions)
        .map(|((p, text, parsed), r)| {
            let (result, reason) = match (parsed, r) {
                (Err(e), _) => (OrderResult::Illegal, Some(e.clone())),
                (Ok(_), None) => (OrderResult::Void, Some(OrderError::WrongPhase.to_string())),
                (Ok(_), Some(r)) => (r.result, (r.result != OrderResult::Succeeds).then(|| r.reason.to_string())),
            };
            OrderResultJson { power: map.power_name(*p).to_string(), order: text.clone(), result: result.as_str().to_string(), reason }
        })
        .collect();
    Ok(render(map, &after, orders, board.phase.kind == PhaseKind::Movement))
}

fn render(map: &Map, after: &Board, orders: Vec<OrderResultJson>, with_dislodged: bool) -> StepOutput {
    let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (_, u) in after.units() {
        units.entry(map.power_name(u.power).to_string()).or_default().push(unit_text(map, u.kind, u.loc));
    }
    for v in units.values_mut() {
        v.sort();
    }
    let mut supply_centers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in map.centers().iter() {
        if let Some(p) = after.owner(c) {
            supply_centers.entry(map.power_name(p).to_string()).or_default().push(map.abbr(c).to_string());
        }
    }
    for v in supply_centers.values_mut() {
        v.sort();
    }
    let dislodged = if with_dislodged {
        after
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
    } else {
        Vec::new()
    };
    StepOutput { orders, dislodged, units, supply_centers }
}

