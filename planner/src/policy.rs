//! Policies: [`random::RandomPolicy`], [`hold::HoldPolicy`], [`blueprint::Blueprint`] and
//! [`search::SearchPolicy`].

pub mod blueprint;
pub mod hold;
pub mod random;
pub mod search;

use legate_engine::map::Power;
use legate_engine::{Board, Map, Order};
use rand_chacha::ChaCha8Rng;

/// Chooses a power's orders for the board's current phase (movement, retreat or adjustment).
///
/// `sample` draws one set of orders from the policy's distribution; `log_prob` gives the
/// (natural) log-probability the policy assigns to a set of orders, `-inf` when it never plays
/// them. Both are deterministic given the board and, for `sample`, the generator's state.
pub trait Policy: Send + Sync {
    /// The policy's name, as used in line-ups (`random`, `hold`, `blueprint`).
    fn name(&self) -> &str;

    /// Draws orders for `power`: one per unit in movement phases, one per dislodged unit in
    /// retreat phases, builds/removals/waives in adjustment phases.
    fn sample(&self, map: &Map, board: &Board, power: Power, rng: &mut ChaCha8Rng) -> Vec<Order>;

    /// The log-probability of `orders` (as `sample` would return them, in any order).
    fn log_prob(&self, map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64;
}

/// The names `policy_by_name` knows.
pub const POLICY_NAMES: [&str; 4] = ["random", "hold", "blueprint", "search"];

/// An unknown policy name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown bot {0:?}: choose one of random, hold, blueprint, search")]
pub struct PolicyError(pub String);

/// A policy with default parameters, by name.
pub fn policy_by_name(name: &str) -> Result<Box<dyn Policy>, PolicyError> {
    match name {
        "random" => Ok(Box::new(random::RandomPolicy)),
        "hold" => Ok(Box::new(hold::HoldPolicy)),
        "blueprint" => Ok(Box::new(blueprint::Blueprint::default())),
        "search" => Ok(Box::new(search::SearchPolicy::default())),
        other => Err(PolicyError(other.to_string())),
    }
}
