//! What the UI and a game session say to each other over channels.
//!
//! The UI never calls into bots: it sends [`ToSession`] commands and receives [`FromSession`]
//! events, so slow work (searches, message writing) never blocks a redraw.

use legate_engine::game::{Message, PhaseRecord};
use legate_engine::Board;

/// A command from the UI to the session.
#[derive(Clone, Debug, PartialEq)]
pub enum ToSession {
    /// Start a new game as this power (after the start screen).
    Start {
        /// The power's name, e.g. `FRANCE`.
        power: String,
    },
    /// The player's orders for the open phase, in canonical text; units without one hold.
    SubmitOrders(Vec<String>),
    /// A message from the player.
    Send {
        /// The recipient's name, or `ALL`.
        to: String,
        /// The text.
        text: String,
    },
    /// The player leaves; the game stays on disk.
    Quit,
}

/// An event from the session to the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum FromSession {
    /// The game is set up: who the player is, where it is saved, and the phases already played
    /// (with their messages) when resumed.
    Started {
        /// The player's power.
        power: String,
        /// The record file.
        path: String,
        /// Phases already played.
        history: Vec<PhaseRecord>,
    },
    /// A phase is open: the board the player orders on.
    PhaseOpened {
        /// The board of the phase.
        board: Box<Board>,
        /// Whether the player has anything to order (otherwise the session plays the phase on).
        needs_orders: bool,
    },
    /// What the session is busy with (e.g. "bots are negotiating"); empty when idle.
    Busy(String),
    /// A message to the player (or to everyone).
    Message(Message),
    /// A phase was played.
    Resolved(Box<PhaseRecord>),
    /// The game is over.
    GameOver {
        /// E.g. `FRANCE wins` or `draw (year limit)`.
        outcome: String,
        /// Centres per power, most first.
        standings: Vec<(String, usize)>,
    },
    /// The submitted orders were refused (the reason); the phase is open again.
    OrdersRefused(String),
    /// Something the player should know that changes nothing (e.g. a power that does not answer).
    Notice(String),
    /// The session stopped (a bot failure, a broken record); what was played is on disk, and
    /// nothing more will be played.
    Failed(String),
}
