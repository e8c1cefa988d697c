//! The search bot: in movement phases it plays the orders of a piKL equilibrium search
//! ([`crate::search`]), drawn from its final policy; in retreat and adjustment phases, the
//! blueprint's. The search is seeded by the position, so the same position gives the same
//! policy, and `log_prob` scores exactly what `sample` draws from.

use super::Policy;
use crate::search::{Search, SearchConfig};
use legate_engine::board::PhaseKind;
use legate_engine::map::Power;
use legate_engine::{Board, Map, Order};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Equilibrium search anchored on the blueprint.
#[derive(Clone, Debug, Default)]
pub struct SearchPolicy {
    /// Search parameters.
    pub config: SearchConfig,
}

fn key(map: &Map, orders: &[Order]) -> Vec<String> {
    let mut k: Vec<String> = orders.iter().map(|o| o.display(map).to_string()).collect();
    k.sort();
    k
}

impl SearchPolicy {
    /// Our final policy after a search seeded by the position: `(action, probability)`.
    fn final_policy(&self, map: &Map, board: &Board, power: Power) -> Vec<(Vec<legate_engine::order::MainOrder>, f64)> {
        let mut h = DefaultHasher::new();
        (board, power).hash(&mut h);
        let mut s = Search::new(map, board, power, self.config.clone(), h.finish());
        s.run(self.config.iterations);
        s.our_policy()
    }
}

impl Policy for SearchPolicy {
    fn name(&self) -> &str {
        "search"
    }

    /// In movement phases: searches (seeded by the position, so that `log_prob` sees the same
    /// search) and draws the orders from the final policy with `rng`.
    fn sample(&self, map: &Map, board: &Board, power: Power, rng: &mut ChaCha8Rng) -> Vec<Order> {
        let has_units = board.units().any(|(_, u)| u.power == power);
        if board.phase.kind != PhaseKind::Movement || !has_units {
            return self.config.blueprint.sample(map, board, power, rng);
        }
        let policy = self.final_policy(map, board, power);
        let mut x: f64 = rng.gen();
        for (action, p) in &policy {
            if x < *p {
                return crate::search::as_orders(action);
            }
            x -= p;
        }
        policy.last().map(|(a, _)| crate::search::as_orders(a)).unwrap_or_default()
    }

    /// In movement phases: the final policy's probability of the candidate equal to `orders`,
    /// `-inf` if it is not a candidate.
    fn log_prob(&self, map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
        if board.phase.kind != PhaseKind::Movement {
            return self.config.blueprint.log_prob(map, board, power, orders);
        }
        let want = key(map, orders);
        self.final_policy(map, board, power)
            .iter()
            .find(|(a, _)| key(map, &crate::search::as_orders(a)) == want)
            .map_or(f64::NEG_INFINITY, |(_, p)| p.ln())
    }
}
