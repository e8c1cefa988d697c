//! Legal orders: what each unit may be ordered to do, and uniformly random order sets (the
//! `random` policy of `legate selfplay` and the adjudication benchmark).
//!
//! Movement options cover holds, moves to adjacent locations and supports (hold and move) into
//! provinces the unit can reach; convoys are not generated yet.

use crate::board::{Board, Unit};
use crate::map::{Location, Map, Power, Province};
use crate::order::validate::{check_adjustment, step_destination};
use crate::order::{AdjustmentOrder, MainOrder, RetreatOrder, UnitRef};
use rand::seq::SliceRandom;
use rand::Rng;

fn unit_ref(u: Unit) -> UnitRef {
    UnitRef { kind: u.kind, loc: u.loc }
}

/// Moves a unit can make in one step, destinations with their coasts.
pub fn moves(map: &Map, unit: Unit) -> impl Iterator<Item = Location> + '_ {
    map.adjacent(unit.kind, unit.loc).iter()
}

/// Every hold, move and support the unit in `prov` can be ordered (`out` is cleared first).
pub fn movement_options(map: &Map, board: &Board, prov: Province, out: &mut Vec<MainOrder>) {
    out.clear();
    let Some(u) = board.unit(prov) else { return };
    let me = unit_ref(u);
    out.push(MainOrder::Hold { unit: me });
    for to in moves(map, u) {
        out.push(MainOrder::Move { unit: me, to, via_convoy: false });
    }
    let reach = map.reach(u.kind, u.loc);
    for (tp, t) in board.units() {
        if tp == prov {
            continue;
        }
        if reach.contains(tp) {
            out.push(MainOrder::SupportHold { unit: me, target: unit_ref(t) });
        }
        for to in moves(map, t) {
            let dest = map.province_of(to);
            if dest != prov && reach.contains(dest) {
                out.push(MainOrder::SupportMove { unit: me, target: unit_ref(t), to });
            }
        }
    }
}

/// A uniformly random movement order for every unit on the board.
pub fn random_movement<R: Rng>(map: &Map, board: &Board, rng: &mut R, out: &mut Vec<(Power, MainOrder)>) {
    out.clear();
    let mut options = Vec::new();
    for (prov, u) in board.units() {
        movement_options(map, board, prov, &mut options);
        if let Some(o) = options.choose(rng) {
            out.push((u.power, *o));
        }
    }
}

/// A random retreat or disband for every dislodged unit.
pub fn random_retreats<R: Rng>(map: &Map, board: &Board, rng: &mut R) -> Vec<(Power, RetreatOrder)> {
    board
        .dislodged
        .iter()
        .map(|d| {
            let unit = unit_ref(d.unit);
            let options: Vec<Location> = d.retreats.iter().collect();
            let order = match options.choose(rng) {
                Some(&to) if rng.gen_bool(0.9) => {
                    let to = step_destination(map, d.unit.kind, d.unit.loc, to).unwrap_or(to);
                    RetreatOrder::Retreat { unit, to }
                }
                _ => RetreatOrder::Disband { unit },
            };
            (d.unit.power, order)
        })
        .collect()
}

/// Random builds (in random vacant owned home centres) and removals, as many as allowed.
pub fn random_adjustments<R: Rng>(map: &Map, board: &Board, rng: &mut R) -> Vec<(Power, AdjustmentOrder)> {
    let delta = board.adjustments();
    let mut out = Vec::new();
    for p in map.powers() {
        let d = delta[p];
        if d > 0 {
            let mut sites: Vec<AdjustmentOrder> = Vec::new();
            for home in map.power(p).home.iter() {
                for loc in std::iter::once(map.main_location(home)).chain(map.province(home).coasts.iter().copied()) {
                    for kind in [crate::map::UnitKind::Army, crate::map::UnitKind::Fleet] {
                        let o = AdjustmentOrder::Build { unit: UnitRef { kind, loc } };
                        if check_adjustment(map, board, p, &o).is_ok() {
                            sites.push(o);
                        }
                    }
                }
            }
            sites.shuffle(rng);
            let mut used = Vec::new();
            for o in sites {
                let AdjustmentOrder::Build { unit } = o else { continue };
                let prov = map.province_of(unit.loc);
                if used.len() < d as usize && !used.contains(&prov) {
                    used.push(prov);
                    out.push((p, o));
                }
            }
        } else if d < 0 {
            let mut units: Vec<Unit> = board.units().filter(|(_, u)| u.power == p).map(|(_, u)| u).collect();
            units.shuffle(rng);
            for u in units.into_iter().take((-d) as usize) {
                out.push((p, AdjustmentOrder::Remove { unit: unit_ref(u) }));
            }
        }
    }
    out
}

/// Random orders for every power in the board's current phase (movement, retreat or adjustment).
pub fn random_orders<R: Rng>(map: &Map, board: &Board, rng: &mut R) -> Vec<(Power, crate::Order)> {
    use crate::board::PhaseKind;
    use crate::Order;
    match board.phase.kind {
        PhaseKind::Movement => {
            let mut main = Vec::new();
            random_movement(map, board, rng, &mut main);
            main.into_iter().map(|(p, o)| (p, Order::Main(o))).collect()
        }
        PhaseKind::Retreat => {
            random_retreats(map, board, rng).into_iter().map(|(p, o)| (p, Order::Retreat(o))).collect()
        }
        PhaseKind::Adjustment => {
            random_adjustments(map, board, rng).into_iter().map(|(p, o)| (p, Order::Adjustment(o))).collect()
        }
    }
}
