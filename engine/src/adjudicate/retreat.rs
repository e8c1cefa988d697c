//! Retreat adjudication: valid retreats to distinct places succeed, clashing retreats disband,
//! dislodged units without a valid retreat order disband.

use super::{Reason, Resolution};
use crate::board::Board;
use crate::map::{Map, Power, ProvinceSet};
use crate::order::validate::check_retreat;
use crate::order::RetreatOrder;

/// The outcome of a retreat phase.
#[derive(Clone, Debug)]
pub struct RetreatOutcome {
    /// One resolution per submitted order, in submission order.
    pub results: Vec<Resolution>,
    /// The board after the phase (no dislodged units; phase advanced; ownership unchanged).
    pub board: Board,
}

/// Adjudicates a retreat phase.
pub fn retreat(map: &Map, board: &Board, orders: &[(Power, RetreatOrder)]) -> RetreatOutcome {
    let mut results = vec![Resolution::DONE; orders.len()];
    let mut valid: Vec<(usize, RetreatOrder)> = Vec::new();
    let mut ordered = ProvinceSet::EMPTY;
    for (i, (power, order)) in orders.iter().enumerate() {
        match check_retreat(map, board, *power, order) {
            Err(e) => results[i] = Resolution::invalid(e),
            Ok(o) => {
                let prov = map.province_of(o.unit().loc);
                if ordered.contains(prov) {
                    results[i] = Resolution::void(Reason::Duplicate);
                } else {
                    ordered.insert(prov);
                    valid.push((i, o));
                }
            }
        }
    }
    let mut once = ProvinceSet::EMPTY;
    let mut twice = ProvinceSet::EMPTY;
    for (_, o) in &valid {
        if let RetreatOrder::Retreat { to, .. } = o {
            let p = map.province_of(*to);
            if once.contains(p) {
                twice.insert(p);
            }
            once.insert(p);
        }
    }
    let mut after = board.clone();
    after.dislodged.clear();
    after.phase = board.phase.next();
    for (i, o) in valid {
        if let RetreatOrder::Disband { .. } = o {
            // The unit leaves the board: a disband order, like a retreat that does not take
            // place, fails (the DATC's class for a unit that does not survive the phase).
            results[i] = Resolution::fails(Reason::Disbanded);
        }
        if let RetreatOrder::Retreat { unit, to } = o {
            let p = map.province_of(to);
            if twice.contains(p) {
                results[i] = Resolution::fails(Reason::RetreatClash);
            } else {
                let u = board
                    .dislodged
                    .iter()
                    .find(|d| d.unit.loc == unit.loc)
                    .expect("a checked retreat names a dislodged unit")
                    .unit;
                after.set_unit(p, Some(crate::board::Unit { loc: to, ..u }));
            }
        }
    }
    RetreatOutcome { results, board: after }
}
