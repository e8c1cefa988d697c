//! Any text: the order parser never panics, and whatever it accepts prints in a canonical form
//! that parses back to the same order.
#![no_main]

use legate_engine::board::PhaseKind;
use legate_engine::{Board, Map, Order};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static MAP: OnceLock<Map> = OnceLock::new();
    let map = MAP.get_or_init(Map::standard);
    let board = Board::initial(map);
    let Ok(text) = std::str::from_utf8(data) else { return };
    for kind in [PhaseKind::Movement, PhaseKind::Retreat, PhaseKind::Adjustment] {
        if let Ok(order) = Order::parse(map, text, kind, Some(&board)) {
            let printed = order.display(map).to_string();
            let again = Order::parse(map, &printed, kind, Some(&board)).expect("canonical text parses");
            assert_eq!(again, order, "{printed}");
        }
    }
});
