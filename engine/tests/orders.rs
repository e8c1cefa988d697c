//! Orders: the lenient parser, the canonical printer (round trips) and validity checks.

use legate_engine::board::{Phase, PhaseKind, Season, Unit};
use legate_engine::legal::movement_options;
use legate_engine::map::{Location, Power, UnitKind};
use legate_engine::order::validate::{check_adjustment, check_main, check_retreat, OrderError};
use legate_engine::order::{AdjustmentOrder, MainOrder, ParseErrorKind, RetreatOrder, UnitRef};
use legate_engine::position::Position;
use legate_engine::{Board, Map, Order};

fn loc(map: &Map, text: &str) -> Location {
    map.parse_location(text).unwrap_or_else(|| panic!("no location {text:?}"))
}

fn power(map: &Map, name: &str) -> Power {
    map.power_by_name(name).unwrap()
}

fn parse(map: &Map, text: &str, kind: PhaseKind) -> Order {
    Order::parse(map, text, kind, None).unwrap_or_else(|e| panic!("{text:?} does not parse: {e}"))
}

/// Parses `text` and prints it canonically.
fn canon(map: &Map, text: &str, kind: PhaseKind, board: Option<&Board>) -> String {
    let o = Order::parse(map, text, kind, board).unwrap_or_else(|e| panic!("{text:?} does not parse: {e}"));
    assert_eq!(o.phase_kind(), kind, "{text:?}");
    o.display(map).to_string()
}

fn err(map: &Map, text: &str, kind: PhaseKind) -> (String, ParseErrorKind) {
    match Order::parse(map, text, kind, None) {
        Ok(o) => panic!("{text:?} parsed as {}", o.display(map)),
        Err(e) => {
            assert_eq!(e.input, text);
            (e.to_string(), e.kind)
        }
    }
}

fn main_order(map: &Map, text: &str) -> MainOrder {
    match parse(map, text, PhaseKind::Movement) {
        Order::Main(m) => m,
        o => panic!("{text:?} is not a movement order: {o:?}"),
    }
}

/// A board described as JSON (the `adjudicate` schema).
fn board(map: &Map, json: serde_json::Value) -> Board {
    let pos: Position = serde_json::from_value(json).expect("a position");
    pos.to_board(map).expect("a valid position")
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[test]
fn lenient_movement_orders() {
    let map = Map::standard();
    let m = PhaseKind::Movement;
    let cases = [
        ("army paris -> burgundy", "A PAR - BUR"),
        ("A PAR - BUR", "A PAR - BUR"),
        ("a par-bur.", "A PAR - BUR"),
        ("A PAR=>BUR", "A PAR - BUR"),
        ("A Par To Bur", "A PAR - BUR"),
        ("A PAR M BUR", "A PAR - BUR"),
        ("A PAR holds", "A PAR H"),
        ("A PAR H", "A PAR H"),
        ("A PAR", "A PAR H"),
        ("Army Paris stands", "A PAR H"),
        ("F St Petersburg north coast - Barents Sea", "F STP/NC - BAR"),
        ("F St Petersburg (sc) - Gulf of Bothnia", "F STP/SC - BOT"),
        ("F stp/sc - bot", "F STP/SC - BOT"),
        ("F STP (SC) H", "F STP/SC H"),
        ("fleet saint petersburg south coast -> finland", "F STP/SC - FIN"),
        ("F gulf of lyons -> spain (south coast)", "F LYO - SPA/SC"),
        ("F MAO - SPA NC", "F MAO - SPA/NC"),
        ("A LON - NWY via convoy", "A LON - NWY VIA"),
        ("A LON - NWY by convoy", "A LON - NWY VIA"),
        ("A LON - NWY VIA", "A LON - NWY VIA"),
        ("F NTH convoys A LON to NWY", "F NTH C A LON - NWY"),
        ("Fleet North Sea convoys Army London to Norway", "F NTH C A LON - NWY"),
        ("F NTH C LON - NWY", "F NTH C A LON - NWY"),
        ("A WAL supports A LON - BEL", "A WAL S A LON - BEL"),
        ("A WAL S A LON -> BEL", "A WAL S A LON - BEL"),
        ("F BRE S F MAO", "F BRE S F MAO"),
        ("F BRE S F MAO H", "F BRE S F MAO"),
        ("F BRE supports F MAO holds", "F BRE S F MAO"),
        ("F MAO S F POR - SPA/NC", "F MAO S F POR - SPA/NC"),
        // A unit without a type: a sea province means a fleet, a land one an army.
        ("NTH - NWY", "F NTH - NWY"),
        ("Paris to Burgundy", "A PAR - BUR"),
        ("A MAR S PAR - BUR", "A MAR S A PAR - BUR"),
    ];
    for (text, want) in cases {
        assert_eq!(canon(&map, text, m, None), want, "{text:?}");
    }
}

#[test]
fn missing_unit_type_is_taken_from_the_board() {
    let map = Map::standard();
    let b = Board::initial(&map);
    let m = PhaseKind::Movement;
    assert_eq!(canon(&map, "Brest to Mid Atlantic Ocean", m, Some(&b)), "F BRE - MAO");
    assert_eq!(canon(&map, "BRE - MAO", m, Some(&b)), "F BRE - MAO");
    assert_eq!(canon(&map, "Paris to Burgundy", m, Some(&b)), "A PAR - BUR");
    assert_eq!(canon(&map, "St Petersburg (sc) holds", m, Some(&b)), "F STP/SC H");
    assert_eq!(canon(&map, "Kiel S Berlin - Munich", m, Some(&b)), "F KIE S A BER - MUN");
    // Without a board a coastal province does not tell the type.
    let (text, kind) = err(&map, "BRE - MAO", m);
    assert_eq!(kind, ParseErrorKind::MissingUnitType("BRE".into()));
    assert_eq!(text, r#""BRE - MAO": missing unit type (A or F) for "BRE""#);
    // A unit named with the wrong type keeps the type as written.
    let o = Order::parse(&map, "A BRE - PIC", m, Some(&b)).unwrap();
    assert_eq!(o.unit().unwrap().kind, UnitKind::Army);
}

#[test]
fn retreat_and_adjustment_orders() {
    let map = Map::standard();
    let (r, a) = (PhaseKind::Retreat, PhaseKind::Adjustment);
    assert_eq!(canon(&map, "A PAR R BUR", r, None), "A PAR R BUR");
    assert_eq!(canon(&map, "A PAR - BUR", r, None), "A PAR R BUR");
    assert_eq!(canon(&map, "A PAR retreats to BUR", r, None), "A PAR R BUR");
    assert_eq!(canon(&map, "F SPA/SC R MAO", r, None), "F SPA/SC R MAO");
    assert_eq!(canon(&map, "disband A PAR", r, None), "A PAR D");
    assert_eq!(canon(&map, "build F STP/NC", a, None), "F STP/NC B");
    assert_eq!(canon(&map, "F STP/NC B", a, None), "F STP/NC B");
    assert_eq!(canon(&map, "F STP NC BUILD", a, None), "F STP/NC B");
    assert_eq!(canon(&map, "build A Moscow", a, None), "A MOS B");
    assert_eq!(canon(&map, "WAIVE", a, None), "WAIVE");
    assert_eq!(canon(&map, "waive", a, None), "WAIVE");
    assert_eq!(canon(&map, "remove A PAR", a, None), "A PAR D");

    // "D" means disband in a retreat phase and remove in an adjustment phase.
    let d_retreat = parse(&map, "A PAR D", r);
    assert!(matches!(d_retreat, Order::Retreat(RetreatOrder::Disband { .. })), "{d_retreat:?}");
    let d_adjust = parse(&map, "A PAR D", a);
    assert!(matches!(d_adjust, Order::Adjustment(AdjustmentOrder::Remove { .. })), "{d_adjust:?}");
    let disband_adjust = parse(&map, "disband A PAR", a);
    assert!(matches!(disband_adjust, Order::Adjustment(AdjustmentOrder::Remove { .. })));

    let build = parse(&map, "build F STP/NC", a);
    let Order::Adjustment(AdjustmentOrder::Build { unit }) = build else { panic!("{build:?}") };
    assert_eq!(unit, UnitRef { kind: UnitKind::Fleet, loc: loc(&map, "STP/NC") });
    assert_eq!(build.unit(), Some(unit));
    assert_eq!(parse(&map, "WAIVE", a).unit(), None);
}

#[test]
fn parsed_orders_have_the_expected_structure() {
    let map = Map::standard();
    assert_eq!(
        main_order(&map, "A LON - NWY via convoy"),
        MainOrder::Move {
            unit: UnitRef { kind: UnitKind::Army, loc: loc(&map, "LON") },
            to: loc(&map, "NWY"),
            via_convoy: true
        }
    );
    assert_eq!(
        main_order(&map, "F NTH convoys A LON to NWY"),
        MainOrder::Convoy {
            unit: UnitRef { kind: UnitKind::Fleet, loc: loc(&map, "NTH") },
            army: UnitRef { kind: UnitKind::Army, loc: loc(&map, "LON") },
            to: loc(&map, "NWY")
        }
    );
    assert_eq!(
        main_order(&map, "A WAL supports A LON - BEL"),
        MainOrder::SupportMove {
            unit: UnitRef { kind: UnitKind::Army, loc: loc(&map, "WAL") },
            target: UnitRef { kind: UnitKind::Army, loc: loc(&map, "LON") },
            to: loc(&map, "BEL")
        }
    );
    assert_eq!(
        main_order(&map, "F BRE S F MAO"),
        MainOrder::SupportHold {
            unit: UnitRef { kind: UnitKind::Fleet, loc: loc(&map, "BRE") },
            target: UnitRef { kind: UnitKind::Fleet, loc: loc(&map, "MAO") }
        }
    );
    assert_eq!(
        main_order(&map, "A PAR holds"),
        MainOrder::Hold { unit: UnitRef { kind: UnitKind::Army, loc: loc(&map, "PAR") } }
    );
    // The coast is kept exactly as written: bare SPA stays bare (validation asks for a coast).
    let MainOrder::Move { to, .. } = main_order(&map, "F MAO - SPA") else { panic!() };
    assert_eq!(to, loc(&map, "SPA"));
    let MainOrder::Move { unit, .. } = main_order(&map, "F St Petersburg (sc) - Gulf of Bothnia") else { panic!() };
    assert_eq!(unit.loc, loc(&map, "STP/SC"));
}

#[test]
fn parse_errors_quote_the_input_and_say_what_is_wrong() {
    let map = Map::standard();
    let m = PhaseKind::Movement;

    let (text, kind) = err(&map, "A PAR - XYZ", m);
    assert_eq!(text, r#""A PAR - XYZ": unknown province "XYZ""#);
    assert_eq!(kind, ParseErrorKind::UnknownProvince("XYZ".into()));

    let (text, kind) = err(&map, "A XYZ - BUR", m);
    assert_eq!(kind, ParseErrorKind::UnknownProvince("XYZ".into()));
    assert!(text.contains("XYZ"));

    for empty in ["", "   ", ",", "..."] {
        let (text, kind) = err(&map, empty, m);
        assert_eq!(kind, ParseErrorKind::Empty, "{empty:?}");
        assert!(text.ends_with("empty order"), "{text}");
    }

    let (text, kind) = err(&map, "A PAR - BUR now", m);
    assert_eq!(kind, ParseErrorKind::Trailing("now".into()));
    assert_eq!(text, r#""A PAR - BUR now": unexpected "now" after a complete order"#);
    let (_, kind) = err(&map, "A PAR - BUR BUR", m);
    assert_eq!(kind, ParseErrorKind::Trailing("BUR".into()));
    let (_, kind) = err(&map, "F NTH C A LON - NWY VIA", m);
    assert_eq!(kind, ParseErrorKind::Trailing("VIA".into()));

    let (text, kind) = err(&map, "A PAR -", m);
    assert_eq!(kind, ParseErrorKind::Expected { what: "a province", found: String::new() });
    assert_eq!(text, r#""A PAR -": expected a province at the end"#);
    let (_, kind) = err(&map, "A PAR S", m);
    assert!(matches!(kind, ParseErrorKind::Expected { .. }), "{kind:?}");
    let (_, kind) = err(&map, "A", m);
    assert!(matches!(kind, ParseErrorKind::Expected { .. }), "{kind:?}");
    let (text, kind) = err(&map, "F NTH C A LON", m);
    assert!(matches!(kind, ParseErrorKind::Expected { .. }), "{kind:?}");
    assert!(text.contains("destination"), "{text}");
    let (_, kind) = err(&map, "A PAR R", PhaseKind::Retreat);
    assert!(matches!(kind, ParseErrorKind::Expected { .. }), "{kind:?}");

    let (text, kind) = err(&map, "A PAR X", m);
    assert_eq!(kind, ParseErrorKind::Expected { what: "an order (H, -, S, C, R, D, B)", found: "X".into() });
    assert_eq!(text, r#""A PAR X": expected an order (H, -, S, C, R, D, B), found "X""#);

    let (text, kind) = err(&map, "S A PAR", m);
    assert!(matches!(kind, ParseErrorKind::Expected { what: "a unit", .. }), "{kind:?}");
    assert!(text.contains("\"S\""), "{text}");

    let (text, kind) = err(&map, "F STP/EC - BOT", m);
    assert_eq!(kind, ParseErrorKind::UnknownCoast("STP/EC".into()));
    assert_eq!(text, r#""F STP/EC - BOT": no such coast: "STP/EC""#);

    let (_, kind) = err(&map, "build STP", PhaseKind::Adjustment);
    assert_eq!(kind, ParseErrorKind::MissingUnitType("STP".into()));
}

#[test]
fn a_dash_where_a_location_belongs_is_an_error() {
    let map = Map::standard();
    for text in ["A - BUR", "- BUR", "F - NTH", "A PAR S - BUR"] {
        let r = Order::parse(&map, text, PhaseKind::Movement, None);
        assert!(r.is_err(), "{text:?} parsed as {}", r.unwrap().display(&map));
    }
}

#[test]
fn moves_to_is_accepted() {
    let map = Map::standard();
    assert_eq!(canon(&map, "A PAR moves to BUR", PhaseKind::Movement, None), "A PAR - BUR");
}

#[test]
fn hyphenated_province_names_parse() {
    let map = Map::standard();
    let m = PhaseKind::Movement;
    assert_eq!(canon(&map, "F BRE - Mid-Atlantic Ocean", m, None), "F BRE - MAO");
    assert_eq!(canon(&map, "F BRE - mid-atlantic", m, None), "F BRE - MAO");
    assert_eq!(canon(&map, "F Mid-Atlantic Ocean - BRE", m, None), "F MAO - BRE");
}

// ---------------------------------------------------------------------------------------------
// Canonical printing

#[test]
fn display_is_canonical() {
    let map = Map::standard();
    let u = |k: UnitKind, l: &str| UnitRef { kind: k, loc: loc(&map, l) };
    let (a, f) = (UnitKind::Army, UnitKind::Fleet);
    let cases: Vec<(Order, &str)> = vec![
        (Order::Main(MainOrder::Hold { unit: u(a, "PAR") }), "A PAR H"),
        (Order::Main(MainOrder::Move { unit: u(a, "PAR"), to: loc(&map, "BUR"), via_convoy: false }), "A PAR - BUR"),
        (Order::Main(MainOrder::Move { unit: u(a, "LON"), to: loc(&map, "NWY"), via_convoy: true }), "A LON - NWY VIA"),
        (Order::Main(MainOrder::SupportHold { unit: u(f, "BRE"), target: u(f, "MAO") }), "F BRE S F MAO"),
        (
            Order::Main(MainOrder::SupportMove { unit: u(a, "WAL"), target: u(a, "LON"), to: loc(&map, "BEL") }),
            "A WAL S A LON - BEL",
        ),
        (
            Order::Main(MainOrder::Convoy { unit: u(f, "NTH"), army: u(a, "LON"), to: loc(&map, "NWY") }),
            "F NTH C A LON - NWY",
        ),
        (Order::Retreat(RetreatOrder::Retreat { unit: u(f, "SPA/SC"), to: loc(&map, "MAO") }), "F SPA/SC R MAO"),
        (Order::Retreat(RetreatOrder::Disband { unit: u(f, "TRI") }), "F TRI D"),
        (Order::Adjustment(AdjustmentOrder::Build { unit: u(f, "STP/NC") }), "F STP/NC B"),
        (Order::Adjustment(AdjustmentOrder::Remove { unit: u(a, "PAR") }), "A PAR D"),
        (Order::Adjustment(AdjustmentOrder::Waive), "WAIVE"),
    ];
    for (o, want) in cases {
        let text = o.display(&map).to_string();
        assert_eq!(text, want);
        assert_eq!(parse(&map, &text, o.phase_kind()), o, "{text}");
    }
}

fn assert_round_trip(map: &Map, o: Order) {
    let text = o.display(map).to_string();
    let back =
        Order::parse(map, &text, o.phase_kind(), None).unwrap_or_else(|e| panic!("{text:?} does not parse back: {e}"));
    assert_eq!(back, o, "{text:?}");
    // Lower case reads the same.
    let lower = Order::parse(map, &text.to_lowercase(), o.phase_kind(), None).unwrap();
    assert_eq!(lower, o, "{:?}", text.to_lowercase());
}

#[test]
fn every_legal_movement_order_of_the_initial_board_round_trips() {
    let map = Map::standard();
    let board = Board::initial(&map);
    let mut options = Vec::new();
    let mut total = 0;
    for (prov, _) in board.units() {
        movement_options(&map, &board, prov, &mut options);
        assert!(!options.is_empty());
        for &o in &options {
            assert_round_trip(&map, Order::Main(o));
            total += 1;
        }
    }
    assert!(total > 22 * 3, "{total} options");
}

#[test]
fn every_move_retreat_build_and_convoy_on_the_map_round_trips() {
    let map = Map::standard();
    let mut n = 0;
    for from in map.locations() {
        for kind in [UnitKind::Army, UnitKind::Fleet] {
            if !map.can_stand(kind, from) {
                continue;
            }
            let unit = UnitRef { kind, loc: from };
            assert_round_trip(&map, Order::Main(MainOrder::Hold { unit }));
            assert_round_trip(&map, Order::Retreat(RetreatOrder::Disband { unit }));
            assert_round_trip(&map, Order::Adjustment(AdjustmentOrder::Build { unit }));
            assert_round_trip(&map, Order::Adjustment(AdjustmentOrder::Remove { unit }));
            for to in map.adjacent(kind, from).iter() {
                for via_convoy in [false, true] {
                    assert_round_trip(&map, Order::Main(MainOrder::Move { unit, to, via_convoy }));
                }
                assert_round_trip(&map, Order::Retreat(RetreatOrder::Retreat { unit, to }));
                n += 1;
            }
        }
    }
    assert!(n > 400, "{n} moves");
    // Convoys and supports across the sea.
    for sea in map.seas().iter() {
        let fleet = UnitRef { kind: UnitKind::Fleet, loc: map.main_location(sea) };
        for a in map.adjacent(UnitKind::Fleet, fleet.loc).iter() {
            let army = UnitRef { kind: UnitKind::Army, loc: map.main_location(map.province_of(a)) };
            if !map.can_stand(UnitKind::Army, army.loc) {
                continue;
            }
            for b in map.adjacent(UnitKind::Fleet, fleet.loc).iter() {
                let to = map.main_location(map.province_of(b));
                if to != army.loc {
                    assert_round_trip(&map, Order::Main(MainOrder::Convoy { unit: fleet, army, to }));
                    assert_round_trip(&map, Order::Main(MainOrder::SupportMove { unit: fleet, target: army, to: b }));
                }
            }
            assert_round_trip(&map, Order::Main(MainOrder::SupportHold { unit: fleet, target: army }));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Validity

fn main_check(map: &Map, board: &Board, who: &str, text: &str) -> Result<MainOrder, OrderError> {
    check_main(map, board, power(map, who), &main_order(map, text))
}

#[test]
fn movement_validity_reasons() {
    let map = Map::standard();
    let b = Board::initial(&map);
    let check = |who: &str, text: &str| main_check(&map, &b, who, text);

    assert!(check("FRANCE", "A PAR - BUR").is_ok());
    assert!(check("FRANCE", "A PAR H").is_ok());
    assert_eq!(check("FRANCE", "A BUR - PAR"), Err(OrderError::NoUnit));
    assert_eq!(check("FRANCE", "A MUN - BUR"), Err(OrderError::ForeignUnit(power(&map, "GERMANY"))));
    assert_eq!(check("GERMANY", "A MUN - BUR").map(|_| ()), Ok(()));
    assert_eq!(check("FRANCE", "A PAR - MUN"), Err(OrderError::NotAdjacent));
    assert_eq!(check("FRANCE", "A MAR - LYO"), Err(OrderError::ArmyToSea));
    assert_eq!(check("FRANCE", "F BRE - PAR"), Err(OrderError::FleetInland));
    assert_eq!(check("FRANCE", "F BRE - WES"), Err(OrderError::NotAdjacent));
    assert_eq!(check("FRANCE", "F BRE - MAO VIA"), Err(OrderError::FleetConvoyed));
    assert_eq!(check("RUSSIA", "F STP/SC - STP/NC"), Err(OrderError::MoveToOwnProvince));
    assert_eq!(check("ITALY", "F NAP - ROM").map(|_| ()), Ok(()));
    // An army may aim across the sea (a convoy may carry it), but not from or to inland.
    assert!(check("ENGLAND", "A LVP - NWY").is_ok());
    assert_eq!(check("FRANCE", "A MAR - NWY").map(|_| ()), Ok(()));
    assert_eq!(check("FRANCE", "A PAR - NWY"), Err(OrderError::NotAdjacent));
    assert_eq!(check("ENGLAND", "A LVP - MUN"), Err(OrderError::NotAdjacent));

    // Supports.
    assert!(check("FRANCE", "A MAR S A PAR - BUR").is_ok());
    assert!(check("FRANCE", "F BRE S A PAR - PIC").is_ok());
    assert_eq!(check("FRANCE", "F BRE S A PAR - BUR"), Err(OrderError::CannotSupport));
    assert_eq!(check("ITALY", "F NAP S A ROM - VEN"), Err(OrderError::CannotSupport));
    assert_eq!(check("AUSTRIA", "A VIE S F TRI - ADR"), Err(OrderError::CannotSupport));
    assert_eq!(check("GERMANY", "A MUN S F KIE - DEN"), Err(OrderError::CannotSupport));
    assert_eq!(check("ITALY", "A VEN S A VIE"), Err(OrderError::CannotSupport));
    assert!(check("GERMANY", "A MUN S A BER").is_ok());
    assert_eq!(check("FRANCE", "A PAR S A PAR"), Err(OrderError::SupportSelf));
    assert_eq!(check("FRANCE", "A PAR S A MAR - PAR"), Err(OrderError::SupportSelf));
    assert_eq!(check("FRANCE", "A PAR S A BUR - BUR"), Err(OrderError::MoveToOwnProvince));
    // Supporting a foreign unit, or an empty province, is allowed here (matching is the adjudicator's job).
    assert!(check("FRANCE", "A MAR S A MUN - BUR").is_ok());
    assert!(check("FRANCE", "A PAR S A PIC").is_ok());

    // Convoys.
    assert_eq!(check("FRANCE", "F BRE C A PAR - LON"), Err(OrderError::ConvoyNotAtSea));
    assert_eq!(check("FRANCE", "A PAR C A MAR - LON"), Err(OrderError::ConvoyNotAtSea));

    // The order is returned with the real unit's type.
    let fixed = check("FRANCE", "F PAR - BUR").unwrap();
    assert_eq!(fixed.unit().kind, UnitKind::Army);
}

#[test]
fn convoy_and_coast_validity() {
    let map = Map::standard();
    let b = board(
        &map,
        serde_json::json!({
            "phase": "S1901M",
            "units": {
                "ENGLAND": ["F NTH", "A LON", "F ENG"],
                "FRANCE": ["F MAO", "F GAS", "F MAR", "F WES", "A PAR"],
                "RUSSIA": ["F BAR"]
            }
        }),
    );
    let check = |who: &str, text: &str| main_check(&map, &b, who, text);
    assert!(check("ENGLAND", "F NTH C A LON - NWY").is_ok());
    assert_eq!(check("ENGLAND", "F NTH C A LON - LON"), Err(OrderError::ConvoyToSameProvince));
    assert_eq!(check("ENGLAND", "F NTH C A PAR - LON"), Err(OrderError::ConvoyImpossible));
    assert_eq!(check("ENGLAND", "F ENG C A LON - PAR"), Err(OrderError::ConvoyImpossible));

    // Spain: the fleet in the Mid-Atlantic could take either coast and must say which.
    assert_eq!(check("FRANCE", "F MAO - SPA"), Err(OrderError::MissingCoast));
    let nc = check("FRANCE", "F MAO - SPA/NC").unwrap();
    assert_eq!(
        nc,
        MainOrder::Move {
            unit: UnitRef { kind: UnitKind::Fleet, loc: loc(&map, "MAO") },
            to: loc(&map, "SPA/NC"),
            via_convoy: false
        }
    );
    assert!(check("FRANCE", "F MAO - SPA/SC").is_ok());
    // Gascony only touches the north coast: the coast is inferred; the south coast is not adjacent.
    let inferred = check("FRANCE", "F GAS - SPA").unwrap();
    let MainOrder::Move { to, .. } = inferred else { panic!("{inferred:?}") };
    assert_eq!(to, loc(&map, "SPA/NC"));
    assert_eq!(check("FRANCE", "F GAS - SPA/SC"), Err(OrderError::NotAdjacent));
    assert_eq!(check("FRANCE", "F MAR - SPA/NC"), Err(OrderError::NotAdjacent));
    let MainOrder::Move { to, .. } = check("FRANCE", "F MAR - SPA").unwrap() else { panic!() };
    assert_eq!(to, loc(&map, "SPA/SC"));
    // Russia's fleet in the Barents Sea reaches only the north coast of St Petersburg.
    let MainOrder::Move { to, .. } = check("RUSSIA", "F BAR - STP").unwrap() else { panic!() };
    assert_eq!(to, loc(&map, "STP/NC"));
    assert_eq!(check("RUSSIA", "F BAR - STP/SC"), Err(OrderError::NotAdjacent));
    // Supporting into Spain needs only the province in reach.
    assert!(check("FRANCE", "F WES S F MAO - SPA/NC").is_ok());
    assert!(check("FRANCE", "F GAS S F MAR - SPA").is_ok());
}

#[test]
fn retreat_validity_reasons() {
    let map = Map::standard();
    let b = board(
        &map,
        serde_json::json!({
            "phase": "S1901R",
            "units": { "FRANCE": ["A MAR"], "GERMANY": ["A PAR", "A BUR"] },
            "dislodged": [
                { "power": "FRANCE", "unit": "A PAR", "attacker_from": "BUR", "retreats": ["GAS", "PIC"] },
                { "power": "FRANCE", "unit": "F GAS", "attacker_from": "BRE", "retreats": ["SPA/NC"] }
            ]
        }),
    );
    let (france, germany) = (power(&map, "FRANCE"), power(&map, "GERMANY"));
    let r = |text: &str| match parse(&map, text, PhaseKind::Retreat) {
        Order::Retreat(r) => r,
        o => panic!("{o:?}"),
    };
    let ok = check_retreat(&map, &b, france, &r("A PAR R GAS")).unwrap();
    assert_eq!(
        ok,
        RetreatOrder::Retreat { unit: UnitRef { kind: UnitKind::Army, loc: loc(&map, "PAR") }, to: loc(&map, "GAS") }
    );
    assert!(check_retreat(&map, &b, france, &r("A PAR D")).is_ok());
    assert_eq!(
        check_retreat(&map, &b, france, &r("A PAR R BUR")),
        Err(OrderError::InvalidRetreat),
        "into the attacker's province"
    );
    assert_eq!(
        check_retreat(&map, &b, france, &r("A PAR R BRE")),
        Err(OrderError::InvalidRetreat),
        "not among the options"
    );
    assert_eq!(check_retreat(&map, &b, france, &r("A PAR R MUN")), Err(OrderError::InvalidRetreat), "not adjacent");
    assert_eq!(check_retreat(&map, &b, germany, &r("A PAR R GAS")), Err(OrderError::ForeignUnit(france)));
    assert_eq!(check_retreat(&map, &b, france, &r("A MAR R SPA")), Err(OrderError::NotDislodged));
    assert_eq!(check_retreat(&map, &b, france, &r("A BEL R HOL")), Err(OrderError::NoUnit));
    // A fleet's coast is inferred when only one fits.
    let fleet = check_retreat(&map, &b, france, &r("F GAS R SPA")).unwrap();
    assert_eq!(
        fleet,
        RetreatOrder::Retreat {
            unit: UnitRef { kind: UnitKind::Fleet, loc: loc(&map, "GAS") },
            to: loc(&map, "SPA/NC")
        }
    );
    assert_eq!(check_retreat(&map, &b, france, &r("F GAS R SPA/SC")), Err(OrderError::InvalidRetreat));
}

#[test]
fn adjustment_validity_reasons() {
    let map = Map::standard();
    let b = board(
        &map,
        serde_json::json!({
            "phase": "W1901A",
            "units": { "FRANCE": ["A PAR"], "GERMANY": ["A MUN"], "RUSSIA": ["A WAR"] },
            "supply_centers": {
                "FRANCE": ["PAR", "BRE", "BEL"],
                "GERMANY": ["MUN", "KIE", "MAR"],
                "RUSSIA": ["STP", "MOS", "WAR", "SEV"]
            }
        }),
    );
    let (france, germany, russia) = (power(&map, "FRANCE"), power(&map, "GERMANY"), power(&map, "RUSSIA"));
    let a = |text: &str| match parse(&map, text, PhaseKind::Adjustment) {
        Order::Adjustment(o) => o,
        o => panic!("{o:?}"),
    };
    assert!(check_adjustment(&map, &b, france, &a("F BRE B")).is_ok());
    assert!(check_adjustment(&map, &b, france, &a("A BRE B")).is_ok());
    assert_eq!(check_adjustment(&map, &b, france, &a("A PAR B")), Err(OrderError::BuildOccupied));
    assert_eq!(
        check_adjustment(&map, &b, france, &a("A BEL B")),
        Err(OrderError::BuildNotHome),
        "a centre, not a home centre"
    );
    assert_eq!(
        check_adjustment(&map, &b, france, &a("A MUN B")),
        Err(OrderError::BuildNotHome),
        "another power's home"
    );
    assert_eq!(
        check_adjustment(&map, &b, france, &a("A MAR B")),
        Err(OrderError::BuildNotOwned),
        "own home, held by Germany"
    );
    assert_eq!(
        check_adjustment(&map, &b, germany, &a("A MAR B")),
        Err(OrderError::BuildNotHome),
        "owned, but France's home"
    );
    assert_eq!(check_adjustment(&map, &b, france, &a("F PAR B")), Err(OrderError::BuildOccupied));
    assert_eq!(check_adjustment(&map, &b, germany, &a("F BER B")), Err(OrderError::BuildNotOwned));
    assert!(check_adjustment(&map, &b, germany, &a("F KIE B")).is_ok());
    // St Petersburg: a fleet must name its coast; an army stands on the bare province.
    assert_eq!(check_adjustment(&map, &b, russia, &a("F STP B")), Err(OrderError::BuildTerrain));
    assert!(check_adjustment(&map, &b, russia, &a("F STP/NC B")).is_ok());
    assert!(check_adjustment(&map, &b, russia, &a("F STP/SC B")).is_ok());
    assert!(check_adjustment(&map, &b, russia, &a("A STP B")).is_ok());
    assert_eq!(check_adjustment(&map, &b, russia, &a("F MOS B")), Err(OrderError::BuildTerrain));
    assert_eq!(check_adjustment(&map, &b, russia, &a("A WAR B")), Err(OrderError::BuildOccupied));
    // Removals and waives.
    assert!(check_adjustment(&map, &b, france, &a("A PAR D")).is_ok());
    assert_eq!(check_adjustment(&map, &b, france, &a("A MUN D")), Err(OrderError::ForeignUnit(germany)));
    assert_eq!(check_adjustment(&map, &b, france, &a("A BUR D")), Err(OrderError::NoUnit));
    let fixed = check_adjustment(&map, &b, france, &a("F PAR D")).unwrap();
    assert_eq!(fixed, AdjustmentOrder::Remove { unit: UnitRef { kind: UnitKind::Army, loc: loc(&map, "PAR") } });
    assert_eq!(check_adjustment(&map, &b, france, &AdjustmentOrder::Waive), Ok(AdjustmentOrder::Waive));
}

#[test]
fn order_error_texts_and_classes() {
    assert_eq!(OrderError::NotAdjacent.to_string(), "the destination is not adjacent");
    assert_eq!(OrderError::NoUnit.to_string(), "there is no such unit");
    assert_eq!(OrderError::MissingCoast.to_string(), "the destination has two coasts the fleet can reach: name one");
    assert!(OrderError::NoUnit.is_illegal());
    assert!(OrderError::ForeignUnit(Power(0)).is_illegal());
    assert!(OrderError::BuildOccupied.is_illegal());
    assert!(!OrderError::NotAdjacent.is_illegal());
    assert!(!OrderError::InvalidRetreat.is_illegal());
}

#[test]
fn board_place_checks_terrain_and_occupancy() {
    let map = Map::standard();
    let mut b = Board::empty(Phase { year: 1901, season: Season::Spring, kind: PhaseKind::Movement });
    let f = power(&map, "FRANCE");
    b.place(&map, Unit { power: f, kind: UnitKind::Army, loc: loc(&map, "PAR") }).unwrap();
    let occupied = b.place(&map, Unit { power: f, kind: UnitKind::Army, loc: loc(&map, "PAR") }).unwrap_err();
    assert_eq!(occupied.to_string(), "PAR is already occupied");
    let fleet_inland = b.place(&map, Unit { power: f, kind: UnitKind::Fleet, loc: loc(&map, "BUR") }).unwrap_err();
    assert_eq!(fleet_inland.to_string(), "a fleet cannot stand at BUR");
    let no_coast = b.place(&map, Unit { power: f, kind: UnitKind::Fleet, loc: loc(&map, "SPA") }).unwrap_err();
    assert_eq!(no_coast.to_string(), "a fleet cannot stand at SPA");
    b.place(&map, Unit { power: f, kind: UnitKind::Fleet, loc: loc(&map, "SPA/SC") }).unwrap();
    assert_eq!(b.units().count(), 2);
    assert_eq!("S1901M".parse::<Phase>().unwrap(), b.phase);
    assert!("W1901M".parse::<Phase>().is_err());
    assert!("X1901M".parse::<Phase>().is_err());
    assert_eq!("f1905r".parse::<Phase>().unwrap().to_string(), "F1905R");
}
