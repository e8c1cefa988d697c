//! Helpers shared by the planner's tests: hand-built boards and the Munich position.

#![allow(dead_code)] // each test file uses some of these

use legate_engine::board::{Phase, Unit};
use legate_engine::map::{Power, UnitKind};
use legate_engine::order::{MainOrder, UnitRef};
use legate_engine::{Board, Map};

/// A board at `phase` with `units` (`(power, "A PAR")`) and centre `owners` (`(power, "PAR")`).
pub fn board(map: &Map, phase: &str, units: &[(&str, &str)], owners: &[(&str, &str)]) -> Board {
    let mut b = Board::empty(phase.parse::<Phase>().unwrap());
    for (power, unit) in units {
        let p = map.power_by_name(power).unwrap();
        let (kind, loc) = unit.split_once(' ').unwrap();
        let kind = if kind == "A" { UnitKind::Army } else { UnitKind::Fleet };
        b.place(map, Unit { power: p, kind, loc: map.parse_location(loc).unwrap() }).unwrap();
    }
    for (power, centre) in owners {
        b.set_owner(map.province_by_name(centre).unwrap(), Some(map.power_by_name(power).unwrap()));
    }
    b
}

/// An army at `at`, as an order names it.
pub fn army(map: &Map, at: &str) -> UnitRef {
    UnitRef { kind: UnitKind::Army, loc: map.parse_location(at).unwrap() }
}

/// France (A BUR, A PAR) next to a lone German army in Munich, Austria in Tyrolia (F1902M):
/// the board, France, Austria, France's attack on Munich and Austria's support for it.
pub fn munich(map: &Map) -> (Board, Power, Power, MainOrder, MainOrder) {
    let b = board(
        map,
        "F1902M",
        &[("FRANCE", "A BUR"), ("FRANCE", "A PAR"), ("GERMANY", "A MUN"), ("AUSTRIA", "A TYR")],
        &[("FRANCE", "PAR"), ("FRANCE", "BRE"), ("FRANCE", "MAR"), ("GERMANY", "MUN"), ("AUSTRIA", "VIE")],
    );
    let munich = map.parse_location("MUN").unwrap();
    let attack = MainOrder::Move { unit: army(map, "BUR"), to: munich, via_convoy: false };
    let support = MainOrder::SupportMove { unit: army(map, "TYR"), target: army(map, "BUR"), to: munich };
    (b, map.power_by_name("FRANCE").unwrap(), map.power_by_name("AUSTRIA").unwrap(), attack, support)
}
