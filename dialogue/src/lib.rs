//! # legate-dialogue — language in and out
//!
//! What a bot says is its plan. The planner gives, for each power we may talk to, an
//! [`Intent`](legate_planner::search::Intent): our orders and the recipient's orders we would
//! like. This crate turns intents into messages and messages into evidence for the planner:
//!
//! - [`press`]: the typed form of what a message claims or proposes (own orders, proposals,
//!   DMZ, peace, alliances, conjunctions, yes and no), with a text form that round-trips, and
//!   its conversion to planner [`Evidence`](legate_planner::search::Evidence);
//! - [`write`](mod@write): writers producing N candidate messages for an intent; [`write::OfflineWriter`]
//!   is the default, needing no model;
//! - [`read`]: readers turning text into press, validated against the board;
//!   [`read::RuleReader`] is rule-based;
//! - [`filter`]: grounding, consistency, leakage and repetition filters and the choice of the
//!   message to send;
//! - [`intent`]: what an intent allows a message to say;
//! - [`llm`]: a writer and a reader backed by a language model on any OpenAI-compatible server,
//!   with the offline writer and the rule reader behind them.
//!
//! Messages are data, never instructions: a reader only looks for claims, and a writer only
//! says what the intent holds, whatever it was told.
//!
//! ```
//! use legate_dialogue::filter::{choose, default_filters, default_value, FilterContext};
//! use legate_dialogue::press::Press;
//! use legate_dialogue::read::{ReadContext, Reader, RuleReader};
//! use legate_dialogue::write::{OfflineWriter, WriteContext, Writer};
//! use legate_engine::{board::PhaseKind, Board, Map, Order};
//! use legate_planner::search::Intent;
//!
//! let map = Map::standard();
//! let board = Board::initial(&map);
//! let (france, germany) = (map.power_by_name("FRANCE").unwrap(), map.power_by_name("GERMANY").unwrap());
//! let order = |t: &str| match Order::parse(&map, t, PhaseKind::Movement, Some(&board)).unwrap() {
//!     Order::Main(o) => o,
//!     _ => unreachable!(),
//! };
//! // France plans to take Burgundy with support and would like Germany to go to the Ruhr.
//! let intent = Intent {
//!     with: germany,
//!     ours: vec![order("A PAR - BUR"), order("A MAR S A PAR - BUR"), order("F BRE - MAO")],
//!     theirs: vec![order("A MUN - RUH"), order("A BER - KIE"), order("F KIE - DEN")],
//!     their_probability: 0.3,
//!     our_value: 0.2,
//! };
//! let ctx = WriteContext { map: &map, board: &board, me: france, intent: &intent, heard: None, seed: 1, pact: false };
//! let candidates = OfflineWriter::default().write(&ctx, 8);
//! let filters = FilterContext::new(&map, &board, france, &intent, None, &[], &RuleReader);
//! let (chosen, _rejected) = choose(&filters, candidates, &default_filters(), &default_value);
//! let chosen = chosen.expect("the offline writer's candidates pass the filters");
//!
//! // Germany reads it and turns what France said about itself into evidence.
//! let read = RuleReader.read(
//!     &ReadContext { map: &map, board: &board, sender: france, recipient: germany, answering: None },
//!     &chosen.candidate.text,
//! );
//! assert_eq!(read.press, Some(chosen.candidate.press.clone()));
//! let evidence = read.press.unwrap().evidence(&map, &board, france, 0.8);
//! assert_eq!(evidence.power, france);
//!
//! // The press text form round-trips.
//! let p = Press::parse(&map, "AND (WILL (A PAR - BUR)) (PRP (A MUN - RUH))").unwrap();
//! assert_eq!(Press::parse(&map, &p.display(&map).to_string()).unwrap(), p);
//! ```
#![forbid(unsafe_code)]

pub mod filter;
pub mod intent;
pub mod llm;
pub mod press;
pub mod rank;
pub mod read;
mod text;
pub mod write;
