//! The search bot: in movement phases it plays the orders of a piKL equilibrium search
//! ([`crate::search`]); in retreat and adjustment phases, the blueprint's.

use super::Policy;
use crate::search::{plan, Search, SearchConfig};
use legate_engine::board::PhaseKind;
use legate_engine::map::Power;
use legate_engine::{Board, Map, Order};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

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

impl Policy for SearchPolicy {
    fn name(&self) -> &str {
        "search"
    }

    fn sample(&self, map: &Map, board: &Board, power: Power, rng: &mut ChaCha8Rng) -> Vec<Order> {
        let has_units = board.units().any(|(_, u)| u.power == power);
        if board.phase.kind != PhaseKind::Movement || !has_units {
            return self.config.blueprint.sample(map, board, power, rng);
        }
        let p = plan(map, board, power, self.config.clone(), rng.gen(), &[]);
        crate::search::as_orders(&p.orders)
    }

    /// In movement phases: the final policy's probability of the candidate equal to `orders`
    /// (a search with seed 0), `-inf` if it is not a candidate.
    fn log_prob(&self, map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
        if board.phase.kind != PhaseKind::Movement {
            return self.config.blueprint.log_prob(map, board, power, orders);
        }
        let mut s = Search::new(map, board, power, self.config.clone(), 0);
        s.run(self.config.iterations);
        let want = key(map, orders);
        let plan = s.plan();
        let mine = plan.predicted.iter().find(|p| p.power == power).expect("every power is predicted");
        mine.actions
            .iter()
            .find(|(a, ..)| key(map, &crate::search::as_orders(a)) == want)
            .map_or(f64::NEG_INFINITY, |(_, prob, ..)| prob.ln())
    }
}
