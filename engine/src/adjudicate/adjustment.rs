//! Adjustment adjudication: builds in vacant owned home centres up to the allowance, removals,
//! waives, and civil disorder for missing removals.
//!
//! Orders are taken one by one in the order given (DATC 4.D.4/4.D.6): the first valid ones count,
//! later ones beyond the allowance are void. A power that removes too few loses the units farthest
//! from its home centres, fleets before armies, then in
//! alphabetical order of province. Distances are counted to any of the power's home centres,
//! owned or not, moving through provinces of any kind (DATC 6.J.3–6.J.11, issue 4.D.8).

use super::{Reason, Resolution};
use crate::board::{Board, Unit};
use crate::map::{ByPower, Map, Power, Province, ProvinceSet};
use crate::order::validate::check_adjustment;
use crate::order::AdjustmentOrder;

/// The outcome of an adjustment phase.
#[derive(Clone, Debug)]
pub struct AdjustmentOutcome {
    /// One resolution per submitted order, in submission order.
    pub results: Vec<Resolution>,
    /// Units removed by civil disorder (not ordered), with their powers.
    pub civil_disorder: Vec<(Power, Unit)>,
    /// The board after the phase (phase advanced to the next spring).
    pub board: Board,
}

/// Adjudicates an adjustment phase.
pub fn adjustment(map: &Map, board: &Board, orders: &[(Power, AdjustmentOrder)]) -> AdjustmentOutcome {
    let allowance = board.adjustments();
    let mut results = vec![Resolution::DONE; orders.len()];
    let mut used: ByPower<i32> = ByPower::default();
    let mut touched = ProvinceSet::EMPTY;
    let mut after = board.clone();
    after.phase = board.phase.next();
    for (i, (power, order)) in orders.iter().enumerate() {
        let power = *power;
        let order = match check_adjustment(map, board, power, order) {
            Ok(o) => o,
            Err(e) => {
                results[i] = Resolution::invalid(e);
                continue;
            }
        };
        let wanted = allowance[power];
        let (is_build, prov) = match order {
            AdjustmentOrder::Build { unit } => (true, Some(map.province_of(unit.loc))),
            AdjustmentOrder::Remove { unit } => (false, Some(map.province_of(unit.loc))),
            AdjustmentOrder::Waive => (true, None),
        };
        if prov.is_some_and(|p| touched.contains(p)) {
            results[i] = Resolution::void(Reason::Duplicate);
            continue;
        }
        let room = if is_build { wanted } else { -wanted };
        if used[power] >= room {
            results[i] = Resolution::void(Reason::Surplus);
            continue;
        }
        used[power] += 1;
        if let Some(p) = prov {
            touched.insert(p);
        }
        match order {
            AdjustmentOrder::Build { unit } => {
                after.set_unit(map.province_of(unit.loc), Some(Unit { power, kind: unit.kind, loc: unit.loc }))
            }
            AdjustmentOrder::Remove { unit } => after.set_unit(map.province_of(unit.loc), None),
            AdjustmentOrder::Waive => {}
        }
    }
    let mut civil_disorder = Vec::new();
    for power in map.powers() {
        let missing = -allowance[power] - used[power];
        if missing > 0 {
            for (prov, unit) in disorder_removals(map, &after, power, missing as usize) {
                after.set_unit(prov, None);
                civil_disorder.push((power, unit));
            }
        }
    }
    AdjustmentOutcome { results, civil_disorder, board: after }
}

/// The `count` units of `power` that civil disorder removes, in removal order.
pub fn disorder_removals(map: &Map, board: &Board, power: Power, count: usize) -> Vec<(Province, Unit)> {
    let distance = distances_from(map, map.power(power).home);
    let mut units: Vec<(Province, Unit)> = board.units().filter(|(_, u)| u.power == power).collect();
    units.sort_by(|(pa, a), (pb, b)| {
        distance[pb.index()]
            .cmp(&distance[pa.index()])
            .then((b.kind as u8).cmp(&(a.kind as u8)))
            .then(map.abbr(*pa).cmp(map.abbr(*pb)))
    });
    units.truncate(count);
    units
}

/// Moves (of any kind) from the nearest of `sources` to every province; `u32::MAX` when unreachable.
fn distances_from(map: &Map, sources: ProvinceSet) -> Vec<u32> {
    let mut dist = vec![u32::MAX; map.province_count()];
    let mut frontier = sources;
    let mut seen = sources;
    let mut d = 0;
    while !frontier.is_empty() {
        let mut next = ProvinceSet::EMPTY;
        for p in frontier.iter() {
            dist[p.index()] = d;
            next |= map.neighbours(p);
        }
        next = next & !seen;
        seen |= next;
        frontier = next;
        d += 1;
    }
    dist
}
