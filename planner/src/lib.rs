//! # legate-planner — policies and search
//!
//! A [`Policy`] chooses a power's orders for the current phase and can say how likely it is to
//! choose a given set: the bots of `legate selfplay` and `legate tournament`, and (later) the
//! anchor of equilibrium search.
//!
//! ```
//! use legate_engine::{Board, Map};
//! use legate_planner::{policy_by_name, Policy};
//! use rand::SeedableRng;
//!
//! let map = Map::standard();
//! let board = Board::initial(&map);
//! let france = map.power_by_name("FRANCE").unwrap();
//! let bot = policy_by_name("blueprint").unwrap();
//! let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
//! let orders = bot.sample(&map, &board, france, &mut rng);
//! assert_eq!(orders.len(), 3);
//! assert!(bot.log_prob(&map, &board, france, &orders).is_finite());
//! ```
#![forbid(unsafe_code)]

pub mod policy;
pub mod search;

pub use policy::{policy_by_name, Policy, PolicyError, POLICY_NAMES};
