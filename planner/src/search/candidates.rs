//! Candidate actions: for each power, distinct joint actions sampled from the blueprint plus its
//! most likely one, each with its anchor probability τ renormalised over the set.

use crate::policy::blueprint::{Blueprint, Values};
use legate_engine::map::Power;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map, Order};
use rand_chacha::ChaCha8Rng;

/// One power's candidate actions.
#[derive(Clone, Debug)]
pub struct PowerCandidates {
    /// The power.
    pub power: Power,
    /// Distinct actions (one movement order per unit each), most likely first.
    pub actions: Vec<Vec<MainOrder>>,
    /// The anchor τ(a): blueprint probability renormalised over `actions`.
    pub tau: Vec<f64>,
    /// ln τ(a).
    pub log_tau: Vec<f64>,
}

/// A canonical key for an action (orders sorted by unit location), to find duplicates.
fn key(action: &[MainOrder]) -> Vec<MainOrder> {
    let mut k = action.to_vec();
    k.sort_by_key(|o| o.unit().loc);
    k
}

/// How many candidates a power with `units` units gets: `k` at most, about 3.5 per unit, at least 1.
pub fn candidate_count(k: usize, units: usize) -> usize {
    k.min(((units as f64) * 3.5).ceil() as usize).max(1)
}

/// Samples up to `k` distinct actions of `power` (movement phases only) from `blueprint`, with
/// the blueprint's most likely action (its near-zero-temperature sample) first. Tries `4·k`
/// samples at most.
pub fn sample_candidates(
    map: &Map,
    board: &Board,
    power: Power,
    blueprint: &Blueprint,
    k: usize,
    rng: &mut ChaCha8Rng,
) -> PowerCandidates {
    let units = board.units().filter(|(_, u)| u.power == power).count();
    let k = candidate_count(k, units);
    let as_main = |orders: Vec<Order>| -> Vec<MainOrder> {
        orders
            .into_iter()
            .filter_map(|o| match o {
                Order::Main(m) => Some(m),
                _ => None,
            })
            .collect()
    };
    let values = Values::new(map, board, power);
    let greedy = Blueprint { temperature: 1e-4 };
    let mut actions = vec![as_main(greedy.sample_movement(map, board, power, &values, rng))];
    let mut keys = vec![key(&actions[0])];
    let mut tries = 0;
    while actions.len() < k && tries < 4 * k {
        tries += 1;
        let a = as_main(blueprint.sample_movement(map, board, power, &values, rng));
        let kk = key(&a);
        if !keys.contains(&kk) {
            keys.push(kk);
            actions.push(a);
        }
    }
    let log_p: Vec<f64> = actions
        .iter()
        .map(|a| {
            let orders: Vec<Order> = a.iter().map(|o| Order::Main(*o)).collect();
            blueprint.movement_log_prob(map, board, power, &values, &orders)
        })
        .collect();
    let (tau, log_tau) = normalise(&log_p);
    PowerCandidates { power, actions, tau, log_tau }
}

/// Renormalises log-probabilities over a set: (τ, ln τ). All `-inf` gives the uniform distribution.
pub fn normalise(log_p: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let max = log_p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        let n = log_p.len() as f64;
        return (vec![1.0 / n; log_p.len()], vec![-(n.ln()); log_p.len()]);
    }
    let sum: f64 = log_p.iter().map(|l| (l - max).exp()).sum();
    let log_z = max + sum.ln();
    let log_tau: Vec<f64> = log_p.iter().map(|l| l - log_z).collect();
    (log_tau.iter().map(|l| l.exp()).collect(), log_tau)
}
