//! Adjustment adjudication: builds in vacant owned home centres up to the allowance, removals,
//! waives, and civil disorder for missing removals.
//!
//! Orders are taken one by one in the order given (DATC 4.D.4/4.D.6): the first valid ones count,
//! later ones beyond the allowance are void. A power that removes too few loses the units farthest
//! from its home centres, fleets before armies, then in
//! alphabetical order of province name. Distances are counted to any of the power's home
//! centres, owned or not: for armies through provinces of any kind, for fleets by fleet moves
//! (DATC 6.J.3–6.J.11, issue 4.D.8).

use super::{Reason, Resolution};
use crate::board::{Board, Unit};
use crate::map::{ByPower, LocationSet, Map, Power, Province, ProvinceSet, UnitKind};
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
    let home = map.power(power).home;
    let army = army_distances(map, home);
    let fleet = fleet_distances(map, home);
    let distance = |u: &Unit| match u.kind {
        UnitKind::Army => army[map.province_of(u.loc).index()],
        UnitKind::Fleet => fleet[u.loc.index()],
    };
    let mut units: Vec<(Province, Unit)> = board.units().filter(|(_, u)| u.power == power).collect();
    units.sort_by(|(pa, a), (pb, b)| {
        distance(b)
            .cmp(&distance(a))
            .then((b.kind as u8).cmp(&(a.kind as u8)))
            .then(map.province(*pa).name.cmp(&map.province(*pb).name))
    });
    units.truncate(count);
    units
}

/// Army distances: moves from the nearest of `sources` to every province, through provinces of
/// any kind (an army may be thought convoyed; a sea counts one like any other province,
/// DATC 6.J.10/6.J.11); `u32::MAX` when unreachable.
fn army_distances(map: &Map, sources: ProvinceSet) -> Vec<u32> {
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

/// Fleet distances: fleet moves from every location to the nearest location of `sources` a fleet
/// may stand on (fleets cannot cross land, DATC 6.J.5/6.J.6; a bicoastal centre counts from
/// both coasts, 6.J.9); indexed by location, `u32::MAX` when no fleet route exists.
fn fleet_distances(map: &Map, sources: ProvinceSet) -> Vec<u32> {
    let mut dist = vec![u32::MAX; map.location_count()];
    let start: LocationSet = map
        .locations()
        .filter(|&l| sources.contains(map.province_of(l)) && map.can_stand(UnitKind::Fleet, l))
        .collect();
    let mut frontier = start;
    let mut seen = start;
    let mut d = 0;
    while !frontier.is_empty() {
        let mut next = LocationSet::EMPTY;
        for l in frontier.iter() {
            dist[l.index()] = d;
            next |= map.adjacent(UnitKind::Fleet, l);
        }
        next = next & !seen;
        seen |= next;
        frontier = next;
        d += 1;
    }
    dist
}
