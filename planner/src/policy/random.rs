//! The random policy: uniform over legal orders, coordinated so that supports refer to real
//! orders.
//!
//! Movement, in two passes: each unit first picks uniformly among holding, each of its moves, and
//! "support"; then each unit that picked "support" picks uniformly among the supports it can give
//! to the other units' first-pass orders (a hold of a unit that does not move, a move into a
//! province it can reach), holding if there is none. Retreats: uniform over the retreat options
//! and disbanding. Builds: one vacant owned home centre (and unit type and coast) at a time,
//! uniformly, as many as allowed; removals: a uniform subset of the right size. `log_prob` is
//! exact for all of these.

use super::Policy;
use legate_engine::board::{PhaseKind, Unit};
use legate_engine::legal::moves;
use legate_engine::map::{Power, Province, UnitKind};
use legate_engine::order::validate::check_adjustment;
use legate_engine::order::{AdjustmentOrder, MainOrder, RetreatOrder, UnitRef};
use legate_engine::{Board, Map, Order};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Uniformly random legal orders.
#[derive(Clone, Copy, Debug, Default)]
pub struct RandomPolicy;

fn unit_ref(u: Unit) -> UnitRef {
    UnitRef { kind: u.kind, loc: u.loc }
}

/// The supports unit `me` (in `prov`) can give, given every unit's move (or none).
fn supports(map: &Map, board: &Board, prov: Province, dest: &[(Province, Option<Province>, Order)]) -> Vec<MainOrder> {
    let Some(me) = board.unit(prov) else { return Vec::new() };
    let reach = map.reach(me.kind, me.loc);
    let mut out = Vec::new();
    for &(p, to, order) in dest {
        if p == prov {
            continue;
        }
        let target = unit_ref(board.unit(p).expect("listed units exist"));
        match (to, order) {
            (None, _) if reach.contains(p) => out.push(MainOrder::SupportHold { unit: unit_ref(me), target }),
            (Some(d), Order::Main(MainOrder::Move { to, .. })) if d != prov && reach.contains(d) => {
                out.push(MainOrder::SupportMove { unit: unit_ref(me), target, to })
            }
            _ => {}
        }
    }
    out
}

/// Build options of `power`: every vacant owned home centre with each unit type (and coast)
/// that can stand there.
pub fn build_options(map: &Map, board: &Board, power: Power) -> Vec<AdjustmentOrder> {
    let mut out = Vec::new();
    for home in map.power(power).home.iter() {
        for loc in std::iter::once(map.main_location(home)).chain(map.province(home).coasts.iter().copied()) {
            for kind in [UnitKind::Army, UnitKind::Fleet] {
                let o = AdjustmentOrder::Build { unit: UnitRef { kind, loc } };
                if check_adjustment(map, board, power, &o).is_ok() {
                    out.push(o);
                }
            }
        }
    }
    out
}

fn build_province(map: &Map, o: &AdjustmentOrder) -> Option<Province> {
    match o {
        AdjustmentOrder::Build { unit } => Some(map.province_of(unit.loc)),
        _ => None,
    }
}

/// ln C(n, k).
fn ln_choose(n: usize, k: usize) -> f64 {
    (0..k).map(|i| ((n - i) as f64).ln() - ((i + 1) as f64).ln()).sum()
}

impl Policy for RandomPolicy {
    fn name(&self) -> &str {
        "random"
    }

    fn sample(&self, map: &Map, board: &Board, power: Power, rng: &mut ChaCha8Rng) -> Vec<Order> {
        match board.phase.kind {
            PhaseKind::Movement => {
                // Pass 1: hold, a move, or "support"; pass 2: the supports, given pass 1.
                let mine: Vec<(Province, Unit)> = board.units().filter(|(_, u)| u.power == power).collect();
                let mut first: Vec<(Province, Option<Province>, Order)> = Vec::new();
                let mut wants_support = Vec::new();
                for &(p, u) in &mine {
                    let options: Vec<_> = moves(map, u).collect();
                    let pick = rng.gen_range(0..options.len() + 2);
                    let hold = Order::Main(MainOrder::Hold { unit: unit_ref(u) });
                    if pick < options.len() {
                        let to = options[pick];
                        first.push((
                            p,
                            Some(map.province_of(to)),
                            Order::Main(MainOrder::Move { unit: unit_ref(u), to, via_convoy: false }),
                        ));
                    } else {
                        first.push((p, None, hold));
                        if pick == options.len() + 1 {
                            wants_support.push(first.len() - 1);
                        }
                    }
                }
                for i in wants_support {
                    let p = first[i].0;
                    let options = supports(map, board, p, &first);
                    if let Some(s) = options.choose(rng) {
                        first[i].2 = Order::Main(*s);
                    }
                }
                first.into_iter().map(|(_, _, o)| o).collect()
            }
            PhaseKind::Retreat => board
                .dislodged
                .iter()
                .filter(|d| d.unit.power == power)
                .map(|d| {
                    let unit = unit_ref(d.unit);
                    let n = d.retreats.len();
                    match rng.gen_range(0..=n) {
                        i if i < n => {
                            Order::Retreat(RetreatOrder::Retreat { unit, to: d.retreats.iter().nth(i).expect("i < n") })
                        }
                        _ => Order::Retreat(RetreatOrder::Disband { unit }),
                    }
                })
                .collect(),
            PhaseKind::Adjustment => {
                let delta = board.adjustments()[power];
                let mut out = Vec::new();
                if delta > 0 {
                    let mut options = build_options(map, board, power);
                    for _ in 0..delta {
                        let Some(&o) = options.choose(rng) else { break };
                        let prov = build_province(map, &o);
                        options.retain(|x| build_province(map, x) != prov);
                        out.push(Order::Adjustment(o));
                    }
                } else if delta < 0 {
                    let mut units: Vec<Unit> =
                        board.units().filter(|(_, u)| u.power == power).map(|(_, u)| u).collect();
                    units.shuffle(rng);
                    for u in units.into_iter().take((-delta) as usize) {
                        out.push(Order::Adjustment(AdjustmentOrder::Remove { unit: unit_ref(u) }));
                    }
                }
                out
            }
        }
    }

    fn log_prob(&self, map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
        match board.phase.kind {
            PhaseKind::Movement => movement_log_prob(map, board, power, orders),
            PhaseKind::Retreat => orders
                .iter()
                .map(|o| match o {
                    Order::Retreat(r) => {
                        let prov = map.province_of(r.unit().loc);
                        match board
                            .dislodged
                            .iter()
                            .find(|d| map.province_of(d.unit.loc) == prov && d.unit.power == power)
                        {
                            Some(d) => match r {
                                RetreatOrder::Retreat { to, .. } if !d.retreats.contains(*to) => f64::NEG_INFINITY,
                                _ => -((d.retreats.len() + 1) as f64).ln(),
                            },
                            None => f64::NEG_INFINITY,
                        }
                    }
                    _ => f64::NEG_INFINITY,
                })
                .sum(),
            PhaseKind::Adjustment => adjustment_log_prob(map, board, power, orders),
        }
    }
}

fn movement_log_prob(map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
    let mine: Vec<(Province, Unit)> = board.units().filter(|(_, u)| u.power == power).collect();
    if orders.len() != mine.len() {
        return f64::NEG_INFINITY;
    }
    // Reconstruct the first pass: moves are moves, everything else did not move.
    let mut first: Vec<(Province, Option<Province>, Order)> = Vec::new();
    for &(p, u) in &mine {
        let Some(o) = orders.iter().find(|o| o.unit().is_some_and(|r| map.province_of(r.loc) == p)) else {
            return f64::NEG_INFINITY;
        };
        let hold = Order::Main(MainOrder::Hold { unit: unit_ref(u) });
        match o {
            Order::Main(MainOrder::Move { to, .. }) => first.push((p, Some(map.province_of(*to)), *o)),
            _ => first.push((p, None, hold)),
        }
    }
    let mut total = 0.0;
    for &(p, u) in &mine {
        let n_moves = moves(map, u).count();
        let first_pass = -((n_moves + 2) as f64).ln();
        let o = orders.iter().find(|o| o.unit().is_some_and(|r| map.province_of(r.loc) == p)).expect("checked above");
        let options = supports(map, board, p, &first);
        total += match o {
            Order::Main(MainOrder::Move { to, via_convoy: false, .. }) if moves(map, u).any(|l| l == *to) => first_pass,
            Order::Main(MainOrder::Hold { .. }) => {
                // Held by choice, or wanted to support and had nobody to support.
                let p_hold = 1.0 / (n_moves + 2) as f64 * if options.is_empty() { 2.0 } else { 1.0 };
                p_hold.ln()
            }
            Order::Main(s @ (MainOrder::SupportHold { .. } | MainOrder::SupportMove { .. })) if options.contains(s) => {
                first_pass - (options.len() as f64).ln()
            }
            _ => f64::NEG_INFINITY,
        };
    }
    total
}

fn adjustment_log_prob(map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
    let delta = board.adjustments()[power];
    if delta < 0 {
        let n = board.units().filter(|(_, u)| u.power == power).count();
        let k = (-delta) as usize;
        let all_removals = orders.iter().all(|o| matches!(o, Order::Adjustment(AdjustmentOrder::Remove { .. })));
        return if orders.len() == k && all_removals { -ln_choose(n, k) } else { f64::NEG_INFINITY };
    }
    // Builds: sum over the orders in which the set could have been drawn.
    let builds: Vec<AdjustmentOrder> = orders
        .iter()
        .filter_map(|o| match o {
            Order::Adjustment(b @ AdjustmentOrder::Build { .. }) => Some(*b),
            _ => None,
        })
        .collect();
    if builds.len() != orders.len() {
        return f64::NEG_INFINITY;
    }
    let options = build_options(map, board, power);
    let expected = (delta.max(0) as usize)
        .min(options.iter().filter_map(|o| build_province(map, o)).collect::<legate_engine::map::ProvinceSet>().len());
    if builds.len() != expected {
        return f64::NEG_INFINITY;
    }
    fn permutations(map: &Map, left: &[AdjustmentOrder], options: &[AdjustmentOrder]) -> f64 {
        if left.is_empty() {
            return 1.0;
        }
        let mut p = 0.0;
        for (i, b) in left.iter().enumerate() {
            if !options.contains(b) {
                continue;
            }
            let prov = build_province(map, b);
            let rest_opts: Vec<_> = options.iter().copied().filter(|x| build_province(map, x) != prov).collect();
            let mut rest = left.to_vec();
            rest.remove(i);
            p += permutations(map, &rest, &rest_opts) / options.len() as f64;
        }
        p
    }
    permutations(map, &builds, &options).ln()
}
