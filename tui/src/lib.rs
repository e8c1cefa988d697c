//! # legate-tui — the terminal UI of `legate play`
//!
//! Elm style: a plain [`Model`], a [`Msg`] for everything that happens (keys, resizes, the
//! session's events), a pure [`update`] and a [`view`] that draws the model without side effects.
//! The UI talks to the game session only through [`protocol`] messages over channels, so bots
//! think on other threads while the screen stays live ([`run`]).
//!
//! ```
//! use legate_engine::Map;
//! use legate_tui::{update, Model, Msg, MapLayout, protocol::ToSession};
//! use ratatui::crossterm::event::{KeyCode, KeyEvent};
//!
//! let map = Map::standard();
//! let layout = MapLayout::load("standard", &map).unwrap();
//! let mut model = Model::new(map, layout, "bots: blueprint".into(), true);
//! // The start screen: choose France (the third power) with two ↓ and Enter.
//! update(&mut model, Msg::Key(KeyEvent::from(KeyCode::Down)));
//! update(&mut model, Msg::Key(KeyEvent::from(KeyCode::Down)));
//! let cmd = update(&mut model, Msg::Key(KeyEvent::from(KeyCode::Enter)));
//! assert_eq!(cmd, Some(ToSession::Start { power: "FRANCE".into() }));
//! ```
#![forbid(unsafe_code)]

mod app;
pub mod keys;
pub mod layout;
pub mod protocol;
mod term;
mod view;

pub use app::{update, Chat, Mode, Model, Msg, Panel, Screen, Slot};
pub use layout::MapLayout;
pub use term::run;
pub use view::view;

#[cfg(test)]
mod tests;
