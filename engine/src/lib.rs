//! # legate-engine — the rules of Diplomacy
//!
//! Maps loaded from data, typed orders with a lenient parser and a canonical printer, a
//! DATC-complete adjudicator for movement, retreat and adjustment phases, and games with their
//! JSON-lines records.
//!
//! ```
//! use legate_engine::{Map, Board, Order, board::PhaseKind, adjudicate::Adjudicator};
//!
//! let map = Map::standard();
//! let board = Board::initial(&map);
//! let france = map.power_by_name("FRANCE").unwrap();
//! let order = Order::parse(&map, "A PAR - BUR", PhaseKind::Movement, Some(&board)).unwrap();
//! let mut adj = Adjudicator::new();
//! let Order::Main(o) = order else { unreachable!() };
//! let outcome = adj.movement(&map, &board, &[(france, o)]);
//! assert!(outcome.results[0].succeeded());
//! ```
#![forbid(unsafe_code)]

pub mod adjudicate;
pub mod board;
pub mod datc;
pub mod game;
pub mod legal;
pub mod map;
pub mod mila;
pub mod order;
pub mod position;
pub mod step;

pub use board::Board;
pub use map::Map;
pub use order::Order;
