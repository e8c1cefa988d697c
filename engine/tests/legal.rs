//! Legal order generation: everything generated is valid (and, for supports and convoys, not
//! void once the orders it depends on are given), and on small boards everything valid and
//! meaningful is generated.

use legate_engine::adjudicate::{Adjudicator, OrderResult, Reason};
use legate_engine::board::{Board, Phase, PhaseKind, Unit};
use legate_engine::legal::{
    adjustment_options, build_options, movement_options, push_movement_options, removal_options, retreat_options,
    ConvoyRoutes,
};
use legate_engine::map::{Location, Map, Power, Province, Terrain, UnitKind};
use legate_engine::order::validate::{check_adjustment, check_main, check_retreat};
use legate_engine::order::{AdjustmentOrder, MainOrder, RetreatOrder, UnitRef};
use legate_engine::Order;
use std::collections::HashSet;

const KINDS: [UnitKind; 2] = [UnitKind::Army, UnitKind::Fleet];

fn power(map: &Map, name: &str) -> Power {
    map.power_by_name(name).unwrap_or_else(|| panic!("no power {name}"))
}

/// A unit from `"F STP/SC"`.
fn unit(map: &Map, power_name: &str, text: &str) -> Unit {
    let (kind, loc) = text.split_once(' ').unwrap();
    let kind = if kind == "A" { UnitKind::Army } else { UnitKind::Fleet };
    let loc = map.parse_location(loc).unwrap_or_else(|| panic!("no location {loc}"));
    Unit { power: power(map, power_name), kind, loc }
}

/// A spring movement board with these units.
fn board(map: &Map, units: &[(&str, &str)]) -> Board {
    let mut b = Board::empty(Phase::spring(1901));
    for &(p, u) in units {
        b.place(map, unit(map, p, u)).unwrap();
    }
    b
}

fn prov(map: &Map, l: Location) -> Province {
    map.province_of(l)
}

fn uref(u: Unit) -> UnitRef {
    UnitRef { kind: u.kind, loc: u.loc }
}

fn show(map: &Map, o: &MainOrder) -> String {
    Order::Main(*o).display(map).to_string()
}

// ---------------------------------------------------------------------------------------------
// An independent oracle for convoy routes: plain graph search over the fleets at sea.

/// The fleets at sea on the board, other than in `exclude`, whose chain of fleets at sea (linked
/// by fleet adjacency) touches both `from` and `to`: the fleets that could carry an army.
fn route_fleets(
    map: &Map,
    board: &Board,
    from: Province,
    to: Province,
    exclude: Option<Province>,
) -> HashSet<Province> {
    let fleets: Vec<Unit> = board
        .units()
        .filter(|&(p, u)| u.kind == UnitKind::Fleet && map.province(p).terrain == Terrain::Sea && Some(p) != exclude)
        .map(|(_, u)| u)
        .collect();
    let touches = |f: &Unit, p: Province| map.adjacent(UnitKind::Fleet, f.loc).iter().any(|l| prov(map, l) == p);
    let mut out = HashSet::new();
    let mut seen = vec![false; fleets.len()];
    for start in 0..fleets.len() {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut chain = vec![start];
        let mut i = 0;
        while i < chain.len() {
            let f = fleets[chain[i]];
            for (j, g) in fleets.iter().enumerate() {
                if !seen[j] && map.adjacent(UnitKind::Fleet, f.loc).contains(g.loc) {
                    seen[j] = true;
                    chain.push(j);
                }
            }
            i += 1;
        }
        let touch = |p| chain.iter().any(|&k| touches(&fleets[k], p));
        if touch(from) && touch(to) {
            out.extend(chain.iter().map(|&k| prov(map, fleets[k].loc)));
        }
    }
    out
}

/// Whether an army could be convoyed from `from` to `to` (by fleets other than `exclude`'s).
fn convoy_possible(map: &Map, board: &Board, from: Province, to: Province, exclude: Option<Province>) -> bool {
    from != to && map.province(to).terrain == Terrain::Coast && !route_fleets(map, board, from, to, exclude).is_empty()
}

/// Whether unit `t` could move to exactly `to` (an army's destination without coast), over land
/// or by a convoy that does not need the fleet in `exclude`.
fn can_move(map: &Map, board: &Board, t: Unit, to: Location, exclude: Option<Province>) -> bool {
    match t.kind {
        UnitKind::Fleet => map.adjacent(UnitKind::Fleet, t.loc).contains(to),
        UnitKind::Army => {
            to == map.main_location(prov(map, to))
                && (map.adjacent(UnitKind::Army, t.loc).contains(to)
                    || convoy_possible(map, board, prov(map, t.loc), prov(map, to), exclude))
        }
    }
}

/// Whether an order `check_main` accepted could have an effect, in the generator's canonical
/// form: supports name their target exactly and one of its possible moves exactly; `VIA` only
/// on convoyed moves to adjacent provinces; a convoy only on a real chain of fleets.
fn meaningful(map: &Map, board: &Board, o: &MainOrder) -> bool {
    let me = prov(map, o.unit().loc);
    let u = board.unit(me).unwrap();
    let unit_at = |r: UnitRef| board.unit(prov(map, r.loc)).filter(|&t| uref(t) == r);
    match *o {
        MainOrder::Hold { .. } => true,
        MainOrder::Move { to, via_convoy, .. } => match u.kind {
            UnitKind::Fleet => true,
            UnitKind::Army => {
                let adjacent = map.adjacent(UnitKind::Army, u.loc).contains(to);
                let convoy = convoy_possible(map, board, me, prov(map, to), None);
                if via_convoy {
                    adjacent && convoy
                } else {
                    adjacent || convoy
                }
            }
        },
        MainOrder::SupportHold { target, .. } => unit_at(target).is_some(),
        MainOrder::SupportMove { target, to, .. } => {
            unit_at(target).is_some_and(|t| can_move(map, board, t, to, Some(me)))
        }
        MainOrder::Convoy { army, to, .. } => {
            army.kind == UnitKind::Army
                && unit_at(army).is_some()
                && route_fleets(map, board, prov(map, army.loc), prov(map, to), None).contains(&me)
        }
    }
}

/// Every order shape for the unit `me`, with every unit type and location of the map.
fn candidates(map: &Map, me: UnitRef) -> Vec<MainOrder> {
    let mut out = vec![MainOrder::Hold { unit: me }];
    let refs: Vec<UnitRef> =
        KINDS.iter().flat_map(|&kind| map.locations().map(move |loc| UnitRef { kind, loc })).collect();
    for to in map.locations() {
        for via_convoy in [false, true] {
            out.push(MainOrder::Move { unit: me, to, via_convoy });
        }
    }
    for &target in &refs {
        out.push(MainOrder::SupportHold { unit: me, target });
        for to in map.locations() {
            out.push(MainOrder::SupportMove { unit: me, target, to });
            out.push(MainOrder::Convoy { unit: me, army: target, to });
        }
    }
    out
}

/// The generated options of every unit equal, as a set, the valid and meaningful candidates;
/// each is generated once and is its own canonical form. Returns the number of options.
fn assert_complete(map: &Map, board: &Board, what: &str) -> usize {
    let mut options = Vec::new();
    let mut total = 0;
    for (p, u) in board.units() {
        let me = uref(u);
        movement_options(map, board, p, &mut options);
        let generated: HashSet<MainOrder> = options.iter().copied().collect();
        assert_eq!(generated.len(), options.len(), "{what}: duplicate options for {}", map.abbr(p));
        for o in &options {
            assert_eq!(check_main(map, board, u.power, o), Ok(*o), "{what}: {} is not canonical", show(map, o));
        }
        let expected: HashSet<MainOrder> = candidates(map, me)
            .iter()
            .filter_map(|c| check_main(map, board, u.power, c).ok())
            .filter(|o| meaningful(map, board, o))
            .collect();
        let mut missing: Vec<String> = expected.difference(&generated).map(|o| show(map, o)).collect();
        let mut extra: Vec<String> = generated.difference(&expected).map(|o| show(map, o)).collect();
        missing.sort();
        extra.sort();
        assert!(missing.is_empty() && extra.is_empty(), "{what}: missing {missing:?}, not meaningful {extra:?}");
        total += options.len();
    }
    total
}

/// Gives every generated convoy, convoyed move and support the orders it depends on, and checks
/// that the adjudicator does not find it void (nor illegal).
fn assert_not_void(map: &Map, board: &Board, what: &str) {
    let mut adj = Adjudicator::new();
    let mut options = Vec::new();
    let owner = |l: Location| board.unit(prov(map, l)).unwrap().power;
    // The orders that make army `a` move to `to`, carried by every fleet that can (but `exclude`).
    let carry = |a: Unit, to: Location, exclude: Option<Province>| {
        let adjacent = map.adjacent(UnitKind::Army, a.loc).contains(to);
        let mut orders = vec![(a.power, MainOrder::Move { unit: uref(a), to, via_convoy: false })];
        if a.kind == UnitKind::Army && !adjacent {
            for f in route_fleets(map, board, prov(map, a.loc), prov(map, to), exclude) {
                let fleet = board.unit(f).unwrap();
                orders.push((fleet.power, MainOrder::Convoy { unit: uref(fleet), army: uref(a), to }));
            }
        }
        orders
    };
    for (p, u) in board.units() {
        movement_options(map, board, p, &mut options);
        for &o in &options {
            let orders = match o {
                MainOrder::Hold { .. } => continue,
                MainOrder::Move { to, via_convoy, .. } => {
                    let mut orders = carry(u, to, None);
                    orders[0].1 = o;
                    if via_convoy {
                        // Convoyed although adjacent: give the convoys too.
                        for f in route_fleets(map, board, p, prov(map, to), None) {
                            let fleet = board.unit(f).unwrap();
                            orders.push((fleet.power, MainOrder::Convoy { unit: uref(fleet), army: uref(u), to }));
                        }
                    }
                    orders
                }
                MainOrder::SupportHold { .. } => vec![(u.power, o)],
                MainOrder::SupportMove { target, to, .. } => {
                    let t = board.unit(prov(map, target.loc)).unwrap();
                    let mut orders = vec![(u.power, o)];
                    orders.extend(carry(t, to, Some(p)));
                    orders
                }
                MainOrder::Convoy { army, to, .. } => {
                    let a = board.unit(prov(map, army.loc)).unwrap();
                    let via_convoy = map.adjacent(UnitKind::Army, a.loc).contains(to);
                    let mut orders = vec![(owner(army.loc), MainOrder::Move { unit: army, to, via_convoy })];
                    for f in route_fleets(map, board, prov(map, army.loc), prov(map, to), None) {
                        let fleet = board.unit(f).unwrap();
                        orders.push((fleet.power, MainOrder::Convoy { unit: uref(fleet), army, to }));
                    }
                    assert!(orders.iter().any(|&(_, c)| c == o), "{what}: {} is on no route", show(map, &o));
                    orders
                }
            };
            let out = adj.movement(map, board, &orders);
            for ((_, order), r) in orders.iter().zip(&out.results) {
                let void = matches!(r.result, OrderResult::Void | OrderResult::Illegal) && r.reason != Reason::OwnUnit;
                assert!(
                    !void,
                    "{what}: testing {}, {} is {} ({})",
                    show(map, &o),
                    show(map, order),
                    r.result.as_str(),
                    r.reason
                );
            }
        }
    }
}

/// Small boards around the North Sea, the Mediterranean, Spain's coasts and St Petersburg.
fn small_boards(map: &Map) -> Vec<(&'static str, Board)> {
    vec![
        (
            "North Sea",
            board(
                map,
                &[
                    ("ENGLAND", "F NTH"),
                    ("ENGLAND", "A YOR"),
                    ("ENGLAND", "F LON"),
                    ("RUSSIA", "F NWG"),
                    ("RUSSIA", "A NWY"),
                    ("GERMANY", "F SKA"),
                    ("GERMANY", "A DEN"),
                    ("GERMANY", "A BEL"),
                    ("FRANCE", "A HOL"),
                    ("FRANCE", "F ENG"),
                ],
            ),
        ),
        (
            "Mediterranean",
            board(
                map,
                &[
                    ("FRANCE", "F WES"),
                    ("ITALY", "F TYS"),
                    ("ITALY", "A NAP"),
                    ("TURKEY", "F ION"),
                    ("TURKEY", "F EAS"),
                    ("TURKEY", "A SMY"),
                    ("AUSTRIA", "A GRE"),
                    ("AUSTRIA", "F ADR"),
                    ("FRANCE", "A TUN"),
                    ("FRANCE", "A SPA"),
                    ("ENGLAND", "F AEG"),
                ],
            ),
        ),
        (
            "Spain",
            board(
                map,
                &[
                    ("FRANCE", "F SPA/NC"),
                    ("ENGLAND", "F MAO"),
                    ("ENGLAND", "A POR"),
                    ("FRANCE", "A MAR"),
                    ("FRANCE", "F GAS"),
                    ("ITALY", "F LYO"),
                    ("ITALY", "F WES"),
                    ("ITALY", "A NAF"),
                    ("TURKEY", "F NAO"),
                ],
            ),
        ),
        (
            "St Petersburg",
            board(
                map,
                &[
                    ("RUSSIA", "F STP/SC"),
                    ("GERMANY", "F BOT"),
                    ("GERMANY", "A FIN"),
                    ("ENGLAND", "F BAR"),
                    ("ENGLAND", "A NWY"),
                    ("RUSSIA", "A LVN"),
                    ("RUSSIA", "A MOS"),
                    ("GERMANY", "F BAL"),
                    ("GERMANY", "A PRU"),
                    ("RUSSIA", "F SWE"),
                ],
            ),
        ),
    ]
}

/// Movement boards from random games.
fn random_boards(map: &Map, count: usize) -> Vec<Board> {
    legate_engine::legal::random_midgame_boards(map, 7, 1903, count)
}

#[test]
fn small_boards_generate_exactly_the_valid_meaningful_orders() {
    let map = Map::standard();
    for (what, board) in small_boards(&map) {
        let n = assert_complete(&map, &board, what);
        assert!(n > 50, "{what}: {n} options");
    }
}

#[test]
fn generated_convoys_and_supports_are_not_void_when_their_orders_are_given() {
    let map = Map::standard();
    for (what, board) in small_boards(&map) {
        assert_not_void(&map, &board, what);
    }
    for (i, board) in random_boards(&map, 3).iter().enumerate() {
        assert_not_void(&map, board, &format!("random board {i}"));
    }
}

#[test]
fn mid_game_boards_generate_exactly_the_valid_meaningful_orders() {
    let map = Map::standard();
    let mut convoys = 0;
    let mut options = Vec::new();
    for (i, board) in random_boards(&map, 2).iter().enumerate() {
        assert_complete(&map, board, &format!("random board {i}"));
        for (p, _) in board.units() {
            movement_options(&map, board, p, &mut options);
            convoys += options.iter().filter(|o| matches!(o, MainOrder::Convoy { .. })).count();
        }
    }
    assert!(convoys > 0, "the random boards have fleets at sea next to armies");
}

#[test]
fn options_of_the_initial_board() {
    let map = Map::standard();
    let board = Board::initial(&map);
    let mut options = Vec::new();
    let mut texts = |p: &str| {
        movement_options(&map, &board, map.province_by_name(p).unwrap(), &mut options);
        let mut t: Vec<String> = options.iter().map(|o| show(&map, o)).collect();
        t.sort();
        t
    };
    assert_eq!(
        texts("LON"),
        [
            "F LON - ENG",
            "F LON - NTH",
            "F LON - WAL",
            "F LON - YOR",
            "F LON H",
            "F LON S A LVP - WAL",
            "F LON S A LVP - YOR",
            "F LON S F BRE - ENG",
            "F LON S F EDI - NTH",
            "F LON S F EDI - YOR",
        ]
    );
    assert_eq!(
        texts("PAR"),
        [
            "A PAR - BRE",
            "A PAR - BUR",
            "A PAR - GAS",
            "A PAR - PIC",
            "A PAR H",
            "A PAR S A MAR - BUR",
            "A PAR S A MAR - GAS",
            "A PAR S A MUN - BUR",
            "A PAR S F BRE",
            "A PAR S F BRE - GAS",
            "A PAR S F BRE - PIC",
        ]
    );
    // St Petersburg's fleet moves by its south coast; supports name coasts.
    assert_eq!(
        texts("STP"),
        [
            "F STP/SC - BOT",
            "F STP/SC - FIN",
            "F STP/SC - LVN",
            "F STP/SC H",
            "F STP/SC S A MOS - LVN",
            "F STP/SC S A WAR - LVN"
        ]
    );
    assert!(texts("MOS").contains(&"A MOS S F STP/SC - LVN".to_string()));
    // Every fleet starts in port: no convoys, no convoyed moves.
    let n = assert_complete(&map, &board, "initial board");
    assert!(n > 22 * 5, "{n} options");
    for (p, _) in board.units() {
        movement_options(&map, &board, p, &mut options);
        assert!(options
            .iter()
            .all(|o| !matches!(o, MainOrder::Convoy { .. } | MainOrder::Move { via_convoy: true, .. })));
    }
}

#[test]
fn convoys_around_the_north_sea() {
    let map = Map::standard();
    let board = board(&map, &[("ENGLAND", "F NTH"), ("ENGLAND", "A YOR")]);
    let texts = |p: &str| {
        let mut options = Vec::new();
        movement_options(&map, &board, map.province_by_name(p).unwrap(), &mut options);
        let mut t: Vec<String> = options.iter().map(|o| show(&map, o)).collect();
        t.sort();
        t
    };
    assert_eq!(
        texts("YOR"),
        [
            "A YOR - BEL",
            "A YOR - DEN",
            "A YOR - EDI",
            "A YOR - EDI VIA",
            "A YOR - HOL",
            "A YOR - LON",
            "A YOR - LON VIA",
            "A YOR - LVP",
            "A YOR - NWY",
            "A YOR - WAL",
            "A YOR H",
            "A YOR S F NTH - EDI",
            "A YOR S F NTH - LON",
        ]
    );
    let nth = texts("NTH");
    for c in ["BEL", "DEN", "EDI", "HOL", "LON", "NWY"] {
        assert!(nth.contains(&format!("F NTH C A YOR - {c}")), "{nth:?}");
    }
    // The fleet cannot support the moves only it could convoy.
    assert!(nth.contains(&"F NTH S A YOR - LON".to_string()));
    assert!(!nth.contains(&"F NTH S A YOR - NWY".to_string()));
    assert_eq!(nth.len(), 1 + 11 + 1 + 2 + 6, "{nth:?}");

    // A chain of two fleets: NWG carries YOR to Norway only with NTH, and supports it there.
    let board2 = board_with(&map, &board, &[("RUSSIA", "F NWG"), ("RUSSIA", "F BAR"), ("RUSSIA", "A STP")]);
    let routes = ConvoyRoutes::new(&map, &board2);
    let p = |a: &str| map.province_by_name(a).unwrap();
    assert!(routes.army_destinations(p("YOR")).contains(p("STP")), "NTH, NWG and BAR carry YOR to STP");
    assert!(routes.army_destinations(p("STP")).contains(p("BEL")));
    assert!(routes.fleet_coasts(p("BAR")).contains(p("LON")));
    assert!(routes.fleet_coasts(p("YOR")).is_empty());
    assert_complete(&map, &board2, "North Sea chain");
}

/// `base` with more units.
fn board_with(map: &Map, base: &Board, units: &[(&str, &str)]) -> Board {
    let mut b = base.clone();
    for &(p, u) in units {
        b.place(map, unit(map, p, u)).unwrap();
    }
    b
}

#[test]
fn armies_in_bicoastal_provinces_sail_from_either_coast() {
    let map = Map::standard();
    let board = board(&map, &[("FRANCE", "A SPA"), ("FRANCE", "F MAO"), ("ITALY", "F LYO")]);
    let routes = ConvoyRoutes::new(&map, &board);
    let p = |a: &str| map.province_by_name(a).unwrap();
    let expected = ["POR", "GAS", "BRE", "NAF", "MAR", "PIE", "TUS"].iter().map(|d| p(d)).collect();
    assert_eq!(routes.army_destinations(p("SPA")), expected);
    assert_complete(&map, &board, "Spain");
}

#[test]
fn push_movement_options_appends_what_movement_options_lists() {
    let map = Map::standard();
    for board in random_boards(&map, 2) {
        let routes = ConvoyRoutes::new(&map, &board);
        let mut all = Vec::new();
        let mut one = Vec::new();
        for (p, _) in board.units() {
            let before = all.len();
            push_movement_options(&map, &board, &routes, p, &mut all);
            movement_options(&map, &board, p, &mut one);
            assert_eq!(all[before..], one[..]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Retreats and adjustments

#[test]
fn retreat_options_are_every_valid_retreat() {
    let map = Map::standard();
    let start = board(
        &map,
        &[
            ("FRANCE", "A BUR"),
            ("GERMANY", "A MUN"),
            ("GERMANY", "A RUH"),
            ("ITALY", "F MAO"),
            ("ENGLAND", "F ENG"),
            ("ENGLAND", "F BRE"),
            ("FRANCE", "A GAS"),
        ],
    );
    let orders: Vec<(Power, MainOrder)> = [
        ("GERMANY", "A RUH - BUR"),
        ("GERMANY", "A MUN S A RUH - BUR"),
        ("ENGLAND", "F ENG - MAO"),
        ("ENGLAND", "F BRE S F ENG - MAO"),
    ]
    .iter()
    .map(|&(p, t)| {
        let Ok(Order::Main(o)) = Order::parse(&map, t, PhaseKind::Movement, Some(&start)) else { panic!("{t}") };
        (power(&map, p), o)
    })
    .collect();
    let after = Adjudicator::new().movement(&map, &start, &orders).board.clone();
    assert_eq!(after.dislodged.len(), 2);
    for d in &after.dislodged {
        let mut options = Vec::new();
        retreat_options(d, &mut options);
        let generated: HashSet<RetreatOrder> = options.iter().copied().collect();
        assert_eq!(generated.len(), options.len());
        assert_eq!(options.len(), d.retreats.len() + 1);
        let me = uref(d.unit);
        let expected: HashSet<RetreatOrder> = map
            .locations()
            .map(|to| RetreatOrder::Retreat { unit: me, to })
            .chain([RetreatOrder::Disband { unit: me }])
            .filter_map(|o| check_retreat(&map, &after, d.unit.power, &o).ok())
            .collect();
        assert_eq!(generated, expected);
    }
    // The fleet in the Mid-Atlantic may retreat to either coast of Spain.
    let fleet = after.dislodged.iter().find(|d| d.unit.kind == UnitKind::Fleet).unwrap();
    let mut options = Vec::new();
    retreat_options(fleet, &mut options);
    let texts: Vec<String> = options.iter().map(|o| Order::Retreat(*o).display(&map).to_string()).collect();
    assert!(
        texts.contains(&"F MAO R SPA/NC".to_string()) && texts.contains(&"F MAO R SPA/SC".to_string()),
        "{texts:?}"
    );
    assert!(!texts.contains(&"F MAO R ENG".to_string()), "not where the attacker came from");
}

#[test]
fn adjustment_options_are_every_valid_build_and_removal() {
    let map = Map::standard();
    let mut board = Board::initial(&map);
    board.phase = Phase { kind: PhaseKind::Adjustment, ..board.phase };
    let p = |a: &str| map.province_by_name(a).unwrap();
    let (russia, austria, germany) = (power(&map, "RUSSIA"), power(&map, "AUSTRIA"), power(&map, "GERMANY"));
    // Russia: St Petersburg and Moscow vacant, Rumania gained: three builds.
    board.take_unit(p("STP"));
    board.take_unit(p("MOS"));
    board.set_owner(p("RUM"), Some(russia));
    // Austria: lost Trieste and Vienna's army stays: one removal.
    board.set_owner(p("TRI"), Some(russia));
    board.take_unit(p("TRI"));
    board.set_owner(p("BUD"), Some(germany));
    // Germany: Berlin vacant but Kiel owned by Russia.
    board.take_unit(p("BER"));
    board.take_unit(p("KIE"));
    board.set_owner(p("KIE"), Some(russia));
    for pw in map.powers() {
        let mut builds = Vec::new();
        build_options(&map, &board, pw, &mut builds);
        let mut removals = Vec::new();
        removal_options(&board, pw, &mut removals);
        let refs: Vec<UnitRef> =
            KINDS.iter().flat_map(|&kind| map.locations().map(move |loc| UnitRef { kind, loc })).collect();
        let valid = |make: fn(UnitRef) -> AdjustmentOrder| -> HashSet<AdjustmentOrder> {
            refs.iter().filter_map(|&u| check_adjustment(&map, &board, pw, &make(u)).ok()).collect()
        };
        let expected_builds = valid(|unit| AdjustmentOrder::Build { unit });
        let expected_removals = valid(|unit| AdjustmentOrder::Remove { unit });
        assert_eq!(builds.iter().copied().collect::<HashSet<_>>(), expected_builds, "{}", map.power_name(pw));
        assert_eq!(builds.len(), expected_builds.len());
        assert_eq!(removals.iter().copied().collect::<HashSet<_>>(), expected_removals);
        assert_eq!(removals.len(), expected_removals.len());
        let mut options = Vec::new();
        adjustment_options(&map, &board, pw, &mut options);
        let due = board.adjustments()[pw];
        let expected = match due {
            d if d > 0 => builds.iter().copied().chain([AdjustmentOrder::Waive]).collect(),
            d if d < 0 => removals.clone(),
            _ => Vec::new(),
        };
        assert_eq!(options, expected, "{}", map.power_name(pw));
    }
    let text = |pw: Power| {
        let mut o = Vec::new();
        adjustment_options(&map, &board, pw, &mut o);
        let mut t: Vec<String> = o.iter().map(|o| Order::Adjustment(*o).display(&map).to_string()).collect();
        t.sort();
        t
    };
    assert_eq!(text(russia), ["A MOS B", "A STP B", "F STP/NC B", "F STP/SC B", "WAIVE"]);
    assert_eq!(text(austria).len(), 2, "Austria removes one of two units: {:?}", text(austria));
    assert!(text(austria).iter().all(|t| t.ends_with(" D")));
    assert_eq!(text(germany), ["A BER B", "F BER B", "WAIVE"]);
}

/// The trusted fast path adjudicates generated orders exactly as the checked path does.
#[test]
fn trusted_adjudication_matches_checked_adjudication_on_generated_orders() {
    use rand::SeedableRng;
    let map = Map::standard();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let (mut checked, mut trusted) = (Adjudicator::new(), Adjudicator::new());
    let mut orders = Vec::new();
    let mut compared = 0;
    for board in legate_engine::legal::random_midgame_boards(&map, 3, 1902, 40) {
        if board.phase.kind != PhaseKind::Movement {
            continue;
        }
        compared += 1;
        orders.clear();
        legate_engine::legal::random_movement(&map, &board, &mut rng, &mut orders);
        let a = checked.movement(&map, &board, &orders).clone();
        let b = trusted.movement_trusted(&map, &board, &orders);
        assert_eq!(a.results, b.results);
        assert_eq!(a.board, b.board);
        assert_eq!(a.standoffs, b.standoffs);
    }
    assert!(compared >= 20, "{compared} movement phases compared");
}
