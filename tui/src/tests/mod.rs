//! Tests of `update` (every `Msg`) and snapshots of the main screens.

mod snapshots;
mod update;

use crate::protocol::FromSession;
use crate::{update, MapLayout, Model, Msg};
use legate_engine::game::{Game, Header, PhaseRecord};
use legate_engine::position::Position;
use legate_engine::{Board, Map, Order};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A model at the start screen of a standard game.
fn start() -> Model {
    let map = Map::standard();
    let layout = MapLayout::load("standard", &map).unwrap();
    Model::new(map, layout, "Six search bots that talk, seed 1. Saved after every phase.".into(), true)
}

/// A model playing `power`, with the phase of `board` open.
fn playing_on(power: &str, board: Board, history: Vec<PhaseRecord>) -> Model {
    let mut m = start();
    let started = FromSession::Started { power: power.into(), path: "games/test.jsonl".into(), history };
    update(&mut m, Msg::Session(started));
    update(&mut m, Msg::Session(FromSession::PhaseOpened { board: Box::new(board), needs_orders: true }));
    m
}

/// France at S1901M.
fn playing() -> Model {
    let map = Map::standard();
    playing_on("FRANCE", Board::initial(&map), vec![])
}

/// A board from its JSON position.
fn board(json: serde_json::Value) -> Board {
    let pos: Position = serde_json::from_value(json).unwrap();
    pos.to_board(&Map::standard()).unwrap()
}

/// S1901M played with these orders (everyone else holds): its record.
fn played(orders: &[(&str, &str)]) -> PhaseRecord {
    let map = Map::standard();
    let mut game = Game::new(map.clone(), Header::new("standard"));
    let orders: Vec<_> = orders
        .iter()
        .map(|(p, o)| {
            let order = Order::parse(&map, o, legate_engine::board::PhaseKind::Movement, Some(game.board())).unwrap();
            (map.power_by_name(p).unwrap(), order)
        })
        .collect();
    game.process(&orders).unwrap().clone()
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::from(code))
}

/// Presses each key in turn; returns the last command.
fn press(m: &mut Model, keys: &[KeyCode]) -> Option<crate::protocol::ToSession> {
    keys.iter().fold(None, |_, k| update(m, key(*k)))
}

/// Types `text` (one key per character).
fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        update(m, key(KeyCode::Char(c)));
    }
}

fn ctrl_c() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL))
}
