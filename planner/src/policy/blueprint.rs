//! The blueprint: David Norman's DumbBot heuristic (`shared/research/algorithms.md` §3) made into
//! a distribution.
//!
//! Every location gets a value for the power to move: attack and defence values of supply
//! centres (power size `c² + 4c + 16`), spread by proximity maps ten steps deep, plus 1000 per own
//! unit and minus 1000 per rival unit that can reach it. Each unit's candidates — hold (its own
//! location's value + 1) and each move — get a softmax probability
//! `∝ exp((v − v_max) / (T · |v_max|))`, sampled in a random order with DumbBot's coordination:
//! a unit heading for a province an own unit keeps supports it when rivals threaten it, a unit
//! heading where an own unit already goes supports that move, and units left holding support
//! neighbours in need. Retreats, builds and removals use the same values.
//!
//! `log_prob` scores a set of orders by each unit's softmax probability of the destination its
//! order serves (a support counts for its target's province, or for holding), retreats by their
//! softmax probabilities, and builds and removals as drawn in order of decreasing value — the
//! anchor that search renormalises over its candidates.

mod values;

use super::Policy;
use legate_engine::board::{PhaseKind, Unit};
use legate_engine::legal::moves;
use legate_engine::map::{Location, Power, Province, ProvinceSet};
use legate_engine::order::{AdjustmentOrder, MainOrder, RetreatOrder, UnitRef};
use legate_engine::{Board, Map, Order};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
pub use values::Values;

/// The DumbBot-style blueprint policy.
#[derive(Clone, Copy, Debug)]
pub struct Blueprint {
    /// Softmax temperature, relative to the best candidate's value (0.2: a candidate worth 20%
    /// less is e times less likely). 0.2 beats random bots hardest; 0.1 is slightly stronger
    /// against other blueprints (see `docs/benchmarks.md`).
    pub temperature: f64,
}

impl Default for Blueprint {
    fn default() -> Self {
        Blueprint { temperature: 0.2 }
    }
}

fn unit_ref(u: Unit) -> UnitRef {
    UnitRef { kind: u.kind, loc: u.loc }
}

/// A unit's candidates with their softmax probabilities: `(location, probability)`, the unit's
/// own location standing for holding.
fn candidates(map: &Map, values: &Values, u: Unit, temperature: f64) -> Vec<(Location, f64)> {
    let mut c: Vec<(Location, f64)> = vec![(u.loc, values.dest(u.kind, u.loc) + 1.0)];
    c.extend(moves(map, u).map(|l| (l, values.dest(u.kind, l))));
    softmax(&mut c, temperature);
    c
}

/// Turns values into probabilities in place.
fn softmax<K>(c: &mut [(K, f64)], temperature: f64) {
    let best = c.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max);
    let scale = temperature * best.abs().max(1.0);
    let mut sum = 0.0;
    for x in c.iter_mut() {
        x.1 = ((x.1 - best) / scale).exp();
        sum += x.1;
    }
    for x in c.iter_mut() {
        x.1 /= sum;
    }
}

/// Draws a key from weights, skipping rejected ones; `None` when all are rejected.
fn draw<K: Copy + PartialEq>(rng: &mut ChaCha8Rng, weights: &[(K, f64)], rejected: &[K]) -> Option<K> {
    let total: f64 = weights.iter().filter(|(l, _)| !rejected.contains(l)).map(|w| w.1).sum();
    if total <= 0.0 {
        return None;
    }
    let mut x = rng.gen::<f64>() * total;
    let mut last = None;
    for &(l, w) in weights.iter().filter(|(l, _)| !rejected.contains(l)) {
        last = Some(l);
        if x < w {
            return Some(l);
        }
        x -= w;
    }
    last
}

/// What a unit has been ordered so far in the coordination pass.
#[derive(Clone, Copy, PartialEq)]
enum Plan {
    Unordered,
    Stays,
    MovesTo(Province),
}

impl Blueprint {
    /// Draws movement orders for `power` with values already computed for this board and power
    /// (so that many samples share one computation).
    pub fn sample_movement(
        &self,
        map: &Map,
        board: &Board,
        power: Power,
        values: &Values,
        rng: &mut ChaCha8Rng,
    ) -> Vec<Order> {
        let mut queue: Vec<(Province, Unit)> = board.units().filter(|(_, u)| u.power == power).collect();
        // Shuffle (Fisher–Yates with our generator, for reproducibility).
        for i in (1..queue.len()).rev() {
            let j = rng.gen_range(0..=i);
            queue.swap(i, j);
        }
        let mut plan: Vec<(Province, Plan)> = queue.iter().map(|&(p, _)| (p, Plan::Unordered)).collect();
        let mut orders: Vec<(Province, MainOrder)> = Vec::new();
        let mut deferred = ProvinceSet::EMPTY;
        let plan_of = |plan: &Vec<(Province, Plan)>, p: Province| plan.iter().find(|x| x.0 == p).map(|x| x.1);
        let set_plan = |plan: &mut Vec<(Province, Plan)>, p: Province, v: Plan| {
            if let Some(x) = plan.iter_mut().find(|x| x.0 == p) {
                x.1 = v;
            }
        };
        let mut i = 0;
        while i < queue.len() {
            let (p, u) = queue[i];
            let cands = candidates(map, values, u, self.temperature);
            let mut rejected = Vec::new();
            let order = loop {
                let Some(choice) = draw(rng, &cands, &rejected) else { break MainOrder::Hold { unit: unit_ref(u) } };
                let dest = map.province_of(choice);
                if dest == p {
                    break MainOrder::Hold { unit: unit_ref(u) };
                }
                let own_there = board.unit(dest).filter(|o| o.power == power);
                let mover = orders
                    .iter()
                    .find(|(_, o)| matches!(o, MainOrder::Move { to, .. } if map.province_of(*to) == dest));
                match (own_there.map(|_| plan_of(&plan, dest)), mover) {
                    (Some(Some(Plan::Unordered)), _) if !deferred.contains(p) => {
                        // Let the unit there decide first.
                        deferred.insert(p);
                        let at = queue.iter().position(|x| x.0 == dest).expect("own units are queued");
                        let me = queue.remove(i);
                        let at = if at > i { at - 1 } else { at };
                        queue.insert(at + 1, me);
                        break MainOrder::Hold { unit: unit_ref(u) }; // placeholder, not used
                    }
                    (Some(Some(Plan::Stays | Plan::Unordered)), _) => {
                        if values.competition(dest) > 1 {
                            let t = board.unit(dest).expect("own unit there");
                            break MainOrder::SupportHold { unit: unit_ref(u), target: unit_ref(t) };
                        }
                        rejected.push(choice);
                    }
                    (_, Some(&(from, MainOrder::Move { to, .. }))) => {
                        if values.competition(dest) > 0 {
                            let t = board.unit(from).expect("mover exists");
                            break MainOrder::SupportMove { unit: unit_ref(u), target: unit_ref(t), to };
                        }
                        rejected.push(choice);
                    }
                    _ => break MainOrder::Move { unit: unit_ref(u), to: choice, via_convoy: false },
                }
            };
            if queue[i].0 != p {
                continue; // deferred: the unit now at `i` goes first
            }
            set_plan(
                &mut plan,
                p,
                match order {
                    MainOrder::Move { to, .. } => Plan::MovesTo(map.province_of(to)),
                    _ => Plan::Stays,
                },
            );
            orders.push((p, order));
            i += 1;
        }
        // Wasted holds: support a neighbour in need, the most valuable first.
        for k in 0..orders.len() {
            let (p, o) = orders[k];
            if !matches!(o, MainOrder::Hold { .. }) {
                continue;
            }
            let u = board.unit(p).expect("own unit");
            let reach = map.reach(u.kind, u.loc);
            let mut best: Option<(f64, MainOrder)> = None;
            for &(q, other) in &orders {
                if q == p {
                    continue;
                }
                let t = unit_ref(board.unit(q).expect("own unit"));
                let (target_prov, support, needed) = match other {
                    MainOrder::Move { to, .. } => {
                        let d = map.province_of(to);
                        (d, MainOrder::SupportMove { unit: unit_ref(u), target: t, to }, values.competition(d) > 0)
                    }
                    _ => (q, MainOrder::SupportHold { unit: unit_ref(u), target: t }, values.competition(q) > 1),
                };
                if needed && target_prov != p && reach.contains(target_prov) {
                    let v = values.province_value(target_prov);
                    if best.is_none_or(|b| v > b.0) {
                        best = Some((v, support));
                    }
                }
            }
            if let Some((_, s)) = best {
                orders[k].1 = s;
            }
        }
        orders.into_iter().map(|(_, o)| Order::Main(o)).collect()
    }

    /// `log_prob` of movement orders, with values already computed for this board and power.
    pub fn movement_log_prob(&self, map: &Map, board: &Board, power: Power, values: &Values, orders: &[Order]) -> f64 {
        let mine: Vec<(Province, Unit)> = board.units().filter(|(_, u)| u.power == power).collect();
        if orders.len() != mine.len() {
            return f64::NEG_INFINITY;
        }
        let mut total = 0.0;
        for (p, u) in mine {
            let Some(Order::Main(o)) = orders.iter().find(|o| o.unit().is_some_and(|r| map.province_of(r.loc) == p))
            else {
                return f64::NEG_INFINITY;
            };
            let cands = candidates(map, values, u, self.temperature);
            let prob_of =
                |prov: Province| cands.iter().filter(|(l, _)| map.province_of(*l) == prov).map(|c| c.1).sum::<f64>();
            let hold = prob_of(p);
            let p_u = match *o {
                MainOrder::Hold { .. } => hold,
                MainOrder::Move { to, via_convoy: false, .. } => {
                    cands.iter().find(|(l, _)| *l == to).map(|c| c.1).unwrap_or(0.0)
                }
                MainOrder::SupportHold { target, .. } => prob_of(map.province_of(target.loc)) + hold,
                MainOrder::SupportMove { to, .. } => prob_of(map.province_of(to)) + hold,
                _ => 0.0,
            };
            total += p_u.min(1.0).ln();
        }
        total
    }

    fn retreats(
        &self,
        map: &Map,
        board: &Board,
        power: Power,
        rng: Option<&mut ChaCha8Rng>,
        given: &[Order],
    ) -> (Vec<Order>, f64) {
        let values = Values::new(map, board, power);
        let mut rng = rng;
        let mut taken = ProvinceSet::EMPTY;
        let mut out = Vec::new();
        let mut log_p = 0.0;
        for d in board.dislodged.iter().filter(|d| d.unit.power == power) {
            let unit = unit_ref(d.unit);
            let mut cands: Vec<(Location, f64)> = d
                .retreats
                .iter()
                .filter(|l| !taken.contains(map.province_of(*l)))
                .map(|l| (l, values.dest(d.unit.kind, l)))
                .collect();
            if cands.is_empty() {
                out.push(Order::Retreat(RetreatOrder::Disband { unit }));
                continue;
            }
            softmax(&mut cands, self.temperature);
            let choice = match rng.as_deref_mut() {
                Some(r) => draw(r, &cands, &[]),
                None => given.iter().find_map(|o| match o {
                    Order::Retreat(RetreatOrder::Retreat { unit: gu, to }) if gu.loc == unit.loc => Some(*to),
                    _ => None,
                }),
            };
            match choice.and_then(|c| cands.iter().find(|x| x.0 == c)) {
                Some(&(to, p)) => {
                    log_p += p.ln();
                    taken.insert(map.province_of(to));
                    out.push(Order::Retreat(RetreatOrder::Retreat { unit, to }));
                }
                None => {
                    log_p = f64::NEG_INFINITY;
                    out.push(Order::Retreat(RetreatOrder::Disband { unit }));
                }
            }
        }
        (out, log_p)
    }

    /// Builds (best build value first) or removals (least valuable unit first), drawn one at a
    /// time (`rng` given) or scored (`given`); unused builds are waived.
    fn adjustments(
        &self,
        map: &Map,
        board: &Board,
        power: Power,
        rng: Option<&mut ChaCha8Rng>,
        given: &[Order],
    ) -> (Vec<Order>, f64) {
        let values = Values::new(map, board, power);
        let delta = board.adjustments()[power];
        let items: Vec<(AdjustmentOrder, Province, f64)> = if delta > 0 {
            super::random::build_options(map, board, power)
                .into_iter()
                .filter_map(|o| match o {
                    AdjustmentOrder::Build { unit } => {
                        Some((o, map.province_of(unit.loc), values.build(unit.kind, unit.loc)))
                    }
                    _ => None,
                })
                .collect()
        } else {
            board
                .units()
                .filter(|(_, u)| u.power == power)
                .map(|(p, u)| (AdjustmentOrder::Remove { unit: unit_ref(u) }, p, -values.dest(u.kind, u.loc)))
                .collect()
        };
        let given: Vec<AdjustmentOrder> = given
            .iter()
            .filter_map(|o| match o {
                Order::Adjustment(a @ (AdjustmentOrder::Build { .. } | AdjustmentOrder::Remove { .. })) => Some(*a),
                _ => None,
            })
            .collect();
        let (mut picked, log_p) = self.pick_sequence(items, delta.unsigned_abs() as usize, rng, &given);
        if delta > 0 {
            picked.resize(delta as usize, AdjustmentOrder::Waive);
        }
        (picked.into_iter().map(Order::Adjustment).collect(), log_p)
    }

    /// Picks up to `count` items one at a time by softmax over their values, each pick dropping
    /// the other items of its province; with no generator, scores `given` as picked in order of
    /// decreasing value.
    fn pick_sequence<T: Copy + PartialEq>(
        &self,
        mut items: Vec<(T, Province, f64)>,
        count: usize,
        mut rng: Option<&mut ChaCha8Rng>,
        given: &[T],
    ) -> (Vec<T>, f64) {
        let mut scored: Vec<(T, f64)> =
            given.iter().filter_map(|g| items.iter().find(|i| i.0 == *g).map(|i| (*g, i.2))).collect();
        if rng.is_none() && scored.len() != given.len() {
            return (Vec::new(), f64::NEG_INFINITY);
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut out = Vec::new();
        let mut log_p = 0.0;
        for step in 0..count {
            if items.is_empty() {
                break;
            }
            let mut weights: Vec<(usize, f64)> = items.iter().enumerate().map(|(i, x)| (i, x.2)).collect();
            softmax(&mut weights, self.temperature);
            let pick = match rng.as_deref_mut() {
                Some(r) => draw(r, &weights, &[]).expect("non-empty"),
                None => match scored.get(step) {
                    Some((g, _)) => items.iter().position(|i| i.0 == *g).unwrap_or(usize::MAX),
                    None => break,
                },
            };
            let Some(&(item, prov, _)) = items.get(pick) else {
                return (out, f64::NEG_INFINITY);
            };
            log_p += weights[pick].1.ln();
            items.retain(|i| i.1 != prov);
            out.push(item);
        }
        if rng.is_none() && out.len() != given.len() {
            log_p = f64::NEG_INFINITY;
        }
        (out, log_p)
    }
}

impl Policy for Blueprint {
    fn name(&self) -> &str {
        "blueprint"
    }

    fn sample(&self, map: &Map, board: &Board, power: Power, rng: &mut ChaCha8Rng) -> Vec<Order> {
        match board.phase.kind {
            PhaseKind::Movement => self.sample_movement(map, board, power, &Values::new(map, board, power), rng),
            PhaseKind::Retreat => self.retreats(map, board, power, Some(rng), &[]).0,
            PhaseKind::Adjustment => self.adjustments(map, board, power, Some(rng), &[]).0,
        }
    }

    fn log_prob(&self, map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
        match board.phase.kind {
            PhaseKind::Movement => self.movement_log_prob(map, board, power, &Values::new(map, board, power), orders),
            PhaseKind::Retreat => self.retreats(map, board, power, None, orders).1,
            PhaseKind::Adjustment => self.adjustments(map, board, power, None, orders).1,
        }
    }
}
