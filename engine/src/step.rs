//! The `adjudicate` JSON schema (`shared/datc/README.md`): one phase as data in, its outcome out.
//!
//! Input: `phase`, `units`, optional `supply_centers`, for retreat phases `dislodged`, and
//! `orders` (`{POWER: [ORDER, …]}`). Output: `orders` (each with its `result`), `dislodged`,
//! `units` and `supply_centers` after the phase.

use crate::adjudicate::{Adjudicator, OrderResult, Resolution};
use crate::board::{Board, PhaseKind};
use crate::map::{Map, Power};
use crate::order::validate::OrderError;
use crate::order::Order;
pub use crate::position::{DislodgedJson, Position, StepError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One phase to adjudicate, as read from JSON: a position and the orders.
#[derive(Clone, Debug, Deserialize)]
pub struct StepInput {
    /// The board.
    #[serde(flatten)]
    pub position: Position,
    /// Orders per power, in the order given.
    #[serde(default)]
    pub orders: serde_json::Map<String, serde_json::Value>,
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

/// Adjudicates one step and renders the outcome.
pub fn run_step(map: &Map, input: &StepInput) -> Result<StepOutput, StepError> {
    let board = input.position.to_board(map)?;
    let kind = board.phase.kind;
    // Parse every order; keep the text for the output.
    let mut entries: Vec<(Power, String, Result<Order, String>)> = Vec::new();
    for (pname, list) in &input.orders {
        let p = crate::position::power(map, pname)?;
        for text in crate::position::strings(list, &format!("orders of {pname}"))? {
            let parsed = Order::parse(map, text, kind, Some(&board)).map_err(|e| e.to_string());
            entries.push((p, text.to_string(), parsed));
        }
    }
    let parsed: Vec<(Power, Order)> =
        entries.iter().filter_map(|(p, _, o)| o.as_ref().ok().map(|o| (*p, *o))).collect();
    let outcome = crate::adjudicate::phase(map, &mut Adjudicator::new(), &board, &parsed);
    let mut results = outcome.results.into_iter();
    let resolutions: Vec<Option<Resolution>> =
        entries.iter().map(|(_, _, o)| if o.is_ok() { results.next().flatten() } else { None }).collect();
    let after = outcome.board;
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
            OrderResultJson {
                power: map.power_name(*p).to_string(),
                order: text.clone(),
                result: result.as_str().to_string(),
                reason,
            }
        })
        .collect();
    Ok(render(map, &after, orders, board.phase.kind == PhaseKind::Movement))
}

fn render(map: &Map, after: &Board, orders: Vec<OrderResultJson>, with_dislodged: bool) -> StepOutput {
    StepOutput {
        orders,
        dislodged: if with_dislodged { crate::position::dislodged_json(map, after) } else { Vec::new() },
        units: crate::position::units_by_power(map, after).into_iter().collect(),
        supply_centers: crate::position::centers_by_power(map, after).into_iter().collect(),
    }
}
