//! Properties of adjudication over random positions and random (often invalid) orders.

use legate_engine::adjudicate::{self, Adjudicator, OrderResult, Reason};
use legate_engine::board::{Board, PhaseKind, Unit};
use legate_engine::game::advance;
use legate_engine::legal::{random_movement, random_orders};
use legate_engine::map::{Location, Map, Power, Province, UnitKind};
use legate_engine::order::validate::check_main;
use legate_engine::order::{MainOrder, UnitRef};
use legate_engine::Order;
use proptest::prelude::*;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Checks what must hold of any board.
fn check_board(map: &Map, board: &Board, what: &str) {
    let mut seen = [0u8; 128];
    for (prov, u) in board.units() {
        assert_eq!(
            map.province_of(u.loc),
            prov,
            "{what}: a unit at {} is filed under {}",
            map.loc_name(u.loc),
            map.abbr(prov)
        );
        assert!(map.can_stand(u.kind, u.loc), "{what}: {:?} cannot stand at {}", u.kind, map.loc_name(u.loc));
        seen[prov.index()] += 1;
        assert!(u.power.index() < map.power_count());
    }
    assert!(seen.iter().all(|&n| n <= 1), "{what}: two units in one province");
    for (p, n) in map.powers().map(|p| (p, board.center_counts()[p])) {
        assert_eq!(n, board.centers_of(p).len());
        for c in board.centers_of(p).iter() {
            assert!(map.province(c).center, "{what}: {} owned but not a centre", map.abbr(c));
        }
    }
    let total: usize = map.powers().map(|p| board.center_counts()[p]).sum();
    assert!(total <= map.centers().len());
}

/// Plays `phases` phases with random legal orders from the initial position, then on to the next
/// movement phase; checks the boards on the way.
fn random_board(map: &Map, rng: &mut ChaCha8Rng, phases: usize) -> Board {
    let mut adj = Adjudicator::new();
    let mut board = Board::initial(map);
    let mut played = 0;
    while played < phases || board.phase.kind != PhaseKind::Movement {
        let orders = random_orders(map, &board, rng);
        let out = adjudicate::phase(map, &mut adj, &board, &orders);
        assert_eq!(out.results.len(), orders.len());
        assert!(out.results.iter().all(Option::is_some), "orders of the phase's kind all get a result");
        let mut after = out.board;
        if board.phase.kind == PhaseKind::Adjustment {
            // Civil disorder and removals leave no power with more units than centres.
            let (before, units, centers) = (board.unit_counts(), after.unit_counts(), after.center_counts());
            assert_eq!(centers, board.center_counts(), "adjustments do not change ownership");
            for p in map.powers() {
                assert!(
                    units[p] <= centers[p],
                    "after adjustments {} has {} units, {} centres",
                    map.power_name(p),
                    units[p],
                    centers[p]
                );
                if before[p] > centers[p] {
                    assert_eq!(units[p], centers[p], "{} removes down to its centres", map.power_name(p));
                } else {
                    assert!(units[p] >= before[p], "{} does not lose units when it may build", map.power_name(p));
                }
            }
        }
        if board.phase.kind == PhaseKind::Retreat {
            assert!(after.dislodged.is_empty(), "no dislodged units after retreats");
        }
        advance(map, board.phase, &mut after);
        assert!(after.phase > board.phase, "the phase moves on: {} -> {}", board.phase, after.phase);
        check_board(map, &after, &format!("after {}", board.phase));
        board = after;
        played += 1;
    }
    board
}

fn random_location(map: &Map, rng: &mut ChaCha8Rng) -> Location {
    Location(rng.gen_range(0..map.location_count()) as u8)
}

fn random_kind(rng: &mut ChaCha8Rng) -> UnitKind {
    if rng.gen_bool(0.5) {
        UnitKind::Army
    } else {
        UnitKind::Fleet
    }
}

/// A unit reference: usually a real unit (with the right or wrong type), sometimes anything.
fn random_unit(map: &Map, board: &Board, rng: &mut ChaCha8Rng) -> UnitRef {
    let units: Vec<_> = board.units().map(|(_, u)| u).collect();
    match (rng.gen_range(0..4), units.choose(rng)) {
        (0, _) | (_, None) => UnitRef { kind: random_kind(rng), loc: random_location(map, rng) },
        (1, Some(u)) => UnitRef { kind: random_kind(rng), loc: u.loc },
        (_, Some(u)) => UnitRef { kind: u.kind, loc: u.loc },
    }
}

/// Random movement orders: legal ones for (most) units, plus arbitrary, often invalid ones:
/// moves anywhere, supports and convoys of random units, duplicates, foreign and absent units.
fn messy_orders(map: &Map, board: &Board, rng: &mut ChaCha8Rng, junk: usize) -> Vec<(Power, MainOrder)> {
    let mut legal = Vec::new();
    random_movement(map, board, rng, &mut legal);
    let mut orders: Vec<(Power, MainOrder)> = legal.into_iter().filter(|_| rng.gen_bool(0.9)).collect();
    let owner = |rng: &mut ChaCha8Rng, unit: UnitRef| match board.unit(map.province_of(unit.loc)) {
        Some(u) if rng.gen_bool(0.8) => u.power,
        _ => Power(rng.gen_range(0..map.power_count()) as u8),
    };
    for _ in 0..junk {
        let unit = random_unit(map, board, rng);
        let power = owner(rng, unit);
        let order = match rng.gen_range(0..9) {
            7 | 8 => {
                // A supported attack on a unit: a foreign neighbour moves in, others support it.
                let units: Vec<(Province, Unit)> = board.units().collect();
                let Some(&(tp, target)) = units.choose(rng) else { continue };
                let attackers: Vec<(Province, Unit)> = units
                    .iter()
                    .copied()
                    .filter(|(_, u)| {
                        u.power != target.power && map.adjacent(u.kind, u.loc).iter().any(|l| map.province_of(l) == tp)
                    })
                    .collect();
                let Some(&(ap, a)) = attackers.choose(rng) else { continue };
                let a_ref = UnitRef { kind: a.kind, loc: a.loc };
                let to = map.adjacent(a.kind, a.loc).iter().find(|&l| map.province_of(l) == tp).expect("adjacent");
                let mut new = vec![(a.power, MainOrder::Move { unit: a_ref, to, via_convoy: false })];
                for &(sp, su) in &units {
                    if sp != ap && sp != tp && map.reach(su.kind, su.loc).contains(tp) && rng.gen_bool(0.7) {
                        new.push((
                            su.power,
                            MainOrder::SupportMove { unit: UnitRef { kind: su.kind, loc: su.loc }, target: a_ref, to },
                        ));
                    }
                }
                let involved: Vec<Province> = new.iter().map(|(_, o)| map.province_of(o.unit().loc)).collect();
                orders.retain(|(_, o)| !involved.contains(&map.province_of(o.unit().loc)));
                orders.extend(new);
                continue;
            }
            0 => MainOrder::Hold { unit },
            1 => {
                // A move to a neighbour, or anywhere at all.
                let adj: Vec<Location> = map.adjacent(unit.kind, unit.loc).iter().collect();
                let to = match adj.choose(rng) {
                    Some(&l) if rng.gen_bool(0.6) => l,
                    _ => random_location(map, rng),
                };
                MainOrder::Move { unit, to, via_convoy: rng.gen_bool(0.2) }
            }
            2 => MainOrder::SupportHold { unit, target: random_unit(map, board, rng) },
            3 => {
                let target = random_unit(map, board, rng);
                let adj: Vec<Location> = map.adjacent(target.kind, target.loc).iter().collect();
                let to = match adj.choose(rng) {
                    Some(&l) if rng.gen_bool(0.7) => l,
                    _ => random_location(map, rng),
                };
                MainOrder::SupportMove { unit, target, to }
            }
            4 if rng.gen_bool(0.5) => {
                // A one-fleet convoy that can work: an army beside a fleet at sea, to another
                // coast of that sea.
                let mut plans = Vec::new();
                for (fp, f) in board.units().filter(|(p, u)| u.kind == UnitKind::Fleet && map.seas().contains(*p)) {
                    let shore: Vec<Province> =
                        map.adjacent(UnitKind::Fleet, f.loc).iter().map(|l| map.province_of(l)).collect();
                    for &ap in &shore {
                        let Some(a) = board.unit(ap).filter(|u| u.kind == UnitKind::Army) else { continue };
                        for &dp in &shore {
                            if dp != ap && map.can_stand(UnitKind::Army, map.main_location(dp)) {
                                plans.push((fp, f, ap, a, dp));
                            }
                        }
                    }
                }
                let Some(&(fp, f, ap, a, dp)) = plans.choose(rng) else { continue };
                let (army, to) = (UnitRef { kind: UnitKind::Army, loc: a.loc }, map.main_location(dp));
                orders.retain(|(_, o)| ![fp, ap].contains(&map.province_of(o.unit().loc)));
                orders.push((f.power, MainOrder::Convoy { unit: UnitRef { kind: f.kind, loc: f.loc }, army, to }));
                orders.push((a.power, MainOrder::Move { unit: army, to, via_convoy: rng.gen_bool(0.5) }));
                continue;
            }
            4 => {
                // A convoy, often from a real fleet at sea for a real army.
                let fleets: Vec<_> =
                    board.units().filter(|(p, u)| u.kind == UnitKind::Fleet && map.seas().contains(*p)).collect();
                let armies: Vec<_> = board.units().filter(|(_, u)| u.kind == UnitKind::Army).collect();
                let (fleet, fp) = match fleets.choose(rng) {
                    Some((_, f)) => (UnitRef { kind: f.kind, loc: f.loc }, f.power),
                    None => (unit, power),
                };
                let army = match armies.choose(rng) {
                    Some((_, a)) => UnitRef { kind: UnitKind::Army, loc: a.loc },
                    None => random_unit(map, board, rng),
                };
                let to = map.main_location(map.province_of(random_location(map, rng)));
                orders.push((fp, MainOrder::Convoy { unit: fleet, army, to }));
                // The army's side of the convoy, sometimes.
                if rng.gen_bool(0.5) {
                    if let Some(a) = board.unit(map.province_of(army.loc)) {
                        let to = map.main_location(map.province_of(random_location(map, rng)));
                        orders.push((a.power, MainOrder::Move { unit: army, to, via_convoy: rng.gen_bool(0.5) }));
                    }
                }
                continue;
            }
            5 => match orders.choose(rng) {
                // A duplicate of an order already given (or a second, different order for that unit).
                Some(&(p, o)) if rng.gen_bool(0.5) => {
                    orders.push((p, o));
                    continue;
                }
                Some(&(p, o)) => {
                    orders.push((p, MainOrder::Hold { unit: o.unit() }));
                    continue;
                }
                None => MainOrder::Hold { unit },
            },
            _ => {
                // An order for a province with no unit in it.
                let empty: Vec<Province> = map.provinces().filter(|&p| board.unit(p).is_none()).collect();
                let loc = empty.choose(rng).map_or(unit.loc, |&p| map.main_location(p));
                MainOrder::Move {
                    unit: UnitRef { kind: unit.kind, loc },
                    to: random_location(map, rng),
                    via_convoy: false,
                }
            }
        };
        orders.push((power, order));
    }
    orders.shuffle(rng);
    orders
}

/// Everything that must hold of one movement phase's outcome.
fn check_movement(map: &Map, board: &Board, orders: &[(Power, MainOrder)], out: &adjudicate::MovementOutcome) {
    let after = &out.board;
    assert_eq!(out.results.len(), orders.len(), "exactly one result per order");
    check_board(map, after, "after movement");
    assert_eq!(after.phase, board.phase.next(), "movement is followed by its retreat phase");
    assert_eq!(after.phase.kind, PhaseKind::Retreat);
    for c in map.centers().iter() {
        assert_eq!(after.owner(c), board.owner(c), "movement does not change ownership");
    }
    // Units are neither created nor lost: each is on the board or dislodged.
    assert_eq!(after.units().count() + after.dislodged.len(), board.units().count());

    // Results are well formed; invalid orders are exactly those check_main rejects.
    for (i, ((p, o), r)) in orders.iter().zip(&out.results).enumerate() {
        match r.result {
            OrderResult::Succeeds => assert_eq!(r.reason, Reason::Done, "order {i}"),
            OrderResult::Illegal => {
                assert!(matches!(r.reason, Reason::Invalid(e) if e.is_illegal()), "order {i}: {r:?}")
            }
            OrderResult::Fails | OrderResult::Void => assert_ne!(r.reason, Reason::Done, "order {i}: {r:?}"),
        }
        if let Err(e) = check_main(map, board, *p, o) {
            assert_eq!(r.reason, Reason::Invalid(e), "order {i} is invalid: {e}");
            assert!(!r.succeeded());
        }
    }
    // At most one order per unit counts: later valid orders for an ordered unit are duplicates.
    let mut counted = std::collections::HashSet::new();
    for ((_, o), r) in orders.iter().zip(&out.results) {
        if !matches!(r.reason, Reason::Invalid(_) | Reason::Duplicate) {
            assert!(
                counted.insert(map.province_of(o.unit().loc)),
                "two orders counted for {}",
                map.loc_name(o.unit().loc)
            );
        }
    }

    // Successful moves: the unit stands at its destination; no two succeed into one province.
    let mut into = std::collections::HashSet::new();
    for ((p, o), r) in orders.iter().zip(&out.results) {
        if let (MainOrder::Move { unit, to, .. }, true) = (o, r.succeeded()) {
            let dest = map.province_of(*to);
            assert!(into.insert(dest), "two successful moves into {}", map.abbr(dest));
            let moved = after.unit(dest).expect("a successful move leaves the unit at its destination");
            let before = board.unit(map.province_of(unit.loc)).expect("the mover existed");
            assert_eq!((moved.power, moved.kind), (before.power, before.kind));
            assert_eq!(moved.power, *p);
            assert_eq!(map.province_of(moved.loc), dest);
        }
    }
    // Units that neither moved nor were dislodged stay where they were.
    for (prov, u) in board.units() {
        let moved = orders.iter().zip(&out.results).any(|((_, o), r)| {
            r.succeeded() && matches!(o, MainOrder::Move { unit, .. } if map.province_of(unit.loc) == prov)
        });
        let dislodged = after.dislodged.iter().any(|d| d.unit == u);
        if !moved && !dislodged {
            assert_eq!(after.unit(prov), Some(u), "{} stays", map.loc_name(u.loc));
        }
        if moved {
            assert!(!dislodged, "a unit that moved away is not dislodged");
        }
    }

    // Dislodged units: dislodged by a successful move into their province, from another power,
    // and with retreats only to empty, adjacent, uncontested places.
    let mut dislodged_provs = std::collections::HashSet::new();
    for d in &after.dislodged {
        let prov = map.province_of(d.unit.loc);
        assert!(dislodged_provs.insert(prov), "a unit dislodged twice");
        assert_eq!(board.unit(prov), Some(d.unit), "the dislodged unit stood there");
        let from = d.attacker_from.expect("the attacker is known");
        let attack = orders.iter().zip(&out.results).find(|((_, o), r)| {
            r.succeeded() && matches!(o, MainOrder::Move { unit, to, .. } if map.province_of(unit.loc) == from && map.province_of(*to) == prov)
        });
        assert!(
            attack.is_some(),
            "{} was dislodged without a successful move into {} from {}",
            map.loc_name(d.unit.loc),
            map.abbr(prov),
            map.abbr(from)
        );
        let attacker = after.unit(prov).expect("the attacker stands in the dislodged unit's province");
        assert_ne!(attacker.power, d.unit.power, "a power never dislodges its own unit");
        for l in d.retreats.iter() {
            let lp = map.province_of(l);
            assert!(
                after.unit(lp).is_none(),
                "{} may retreat to occupied {}",
                map.loc_name(d.unit.loc),
                map.loc_name(l)
            );
            assert!(map.adjacent(d.unit.kind, d.unit.loc).contains(l), "retreat to a non-adjacent place");
            assert!(!out.standoffs.contains(lp), "retreat into a standoff");
            assert!(d.attacker_via_convoy || lp != from, "retreat to the attacker's province");
            assert_ne!(lp, prov);
        }
        // The dislodged unit's own order, if it counted, did not succeed as a move.
        for ((_, o), r) in orders.iter().zip(&out.results) {
            if map.province_of(o.unit().loc) == prov && matches!(o, MainOrder::Move { .. }) {
                assert!(!r.succeeded());
            }
        }
    }
    for s in out.standoffs.iter() {
        assert!(after.unit(s).is_none(), "a standoff province is empty");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn movement_invariants_hold_for_random_orders(seed in any::<u64>(), phases in 0usize..24, junk in 0usize..30) {
        let map = Map::standard();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let board = random_board(&map, &mut rng, phases);
        prop_assert_eq!(board.phase.kind, PhaseKind::Movement);
        let orders = messy_orders(&map, &board, &mut rng, junk);
        let mut adj = Adjudicator::new();
        let out = adj.movement(&map, &board, &orders).clone();
        check_movement(&map, &board, &orders, &out);

        // Determinism: a fresh adjudicator, and one reused after other work, agree.
        let fresh = Adjudicator::new().movement(&map, &board, &orders).clone();
        let other = messy_orders(&map, &board, &mut rng, junk);
        adj.movement(&map, &board, &other);
        adj.movement(&map, &Board::initial(&map), &[]);
        let reused = adj.movement(&map, &board, &orders).clone();
        for o in [&fresh, &reused] {
            prop_assert_eq!(&o.results, &out.results);
            prop_assert_eq!(&o.board, &out.board);
            prop_assert_eq!(o.standoffs, out.standoffs);
        }
    }

    #[test]
    fn legal_random_orders_keep_every_invariant(seed in any::<u64>(), phases in 0usize..30) {
        let map = Map::standard();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let board = random_board(&map, &mut rng, phases);
        let mut orders = Vec::new();
        random_movement(&map, &board, &mut rng, &mut orders);
        prop_assert_eq!(orders.len(), board.units().count(), "one legal order per unit");
        let mut adj = Adjudicator::new();
        let out = adj.movement(&map, &board, &orders).clone();
        // Legal orders are never illegal.
        for ((p, o), r) in orders.iter().zip(&out.results) {
            prop_assert!(check_main(&map, &board, *p, o).is_ok(), "random_movement gave an invalid order");
            prop_assert_ne!(r.result, OrderResult::Illegal);
        }
        check_movement(&map, &board, &orders, &out);
    }

    #[test]
    fn phase_gives_no_result_to_orders_of_another_kind(seed in any::<u64>(), phases in 0usize..12) {
        let map = Map::standard();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let board = random_board(&map, &mut rng, phases);
        let mut orders = random_orders(&map, &board, &mut rng);
        let n_main = orders.len();
        orders.push((Power(0), Order::Adjustment(legate_engine::order::AdjustmentOrder::Waive)));
        if let Some((_, u)) = board.units().next() {
            orders.push((u.power, Order::Retreat(legate_engine::order::RetreatOrder::Disband { unit: UnitRef { kind: u.kind, loc: u.loc } })));
        }
        orders.shuffle(&mut rng);
        let out = adjudicate::phase(&map, &mut Adjudicator::new(), &board, &orders);
        prop_assert_eq!(out.results.len(), orders.len());
        for ((_, o), r) in orders.iter().zip(&out.results) {
            prop_assert_eq!(r.is_some(), matches!(o, Order::Main(_)));
        }
        prop_assert_eq!(out.results.iter().flatten().count(), n_main);
        // The board after is the movement outcome's.
        let mains: Vec<(Power, MainOrder)> = orders.iter().filter_map(|(p, o)| match o { Order::Main(m) => Some((*p, *m)), _ => None }).collect();
        let direct = Adjudicator::new().movement(&map, &board, &mains).clone();
        prop_assert_eq!(&out.board, &direct.board);
    }
}

#[test]
fn random_games_are_reproducible() {
    let map = Map::standard();
    for seed in [1u64, 2, 3] {
        let a = random_board(&map, &mut ChaCha8Rng::seed_from_u64(seed), 20);
        let b = random_board(&map, &mut ChaCha8Rng::seed_from_u64(seed), 20);
        assert_eq!(a, b, "seed {seed}");
    }
    let a = random_board(&map, &mut ChaCha8Rng::seed_from_u64(1), 20);
    let b = random_board(&map, &mut ChaCha8Rng::seed_from_u64(2), 20);
    assert_ne!(a, b, "different seeds give different games");
}

/// The random phases above do reach the interesting cases: dislodgements, standoffs, illegal and
/// duplicate orders, successful convoys.
#[test]
fn random_phases_cover_the_interesting_cases() {
    let map = Map::standard();
    let mut adj = Adjudicator::new();
    let (mut dislodged, mut standoffs, mut illegal, mut duplicate, mut convoyed, mut void) = (0, 0, 0, 0, 0, 0);
    for seed in 0..60u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let board = random_board(&map, &mut rng, (seed % 20) as usize);
        let orders = messy_orders(&map, &board, &mut rng, 25);
        let out = adj.movement(&map, &board, &orders).clone();
        check_movement(&map, &board, &orders, &out);
        dislodged += out.board.dislodged.len();
        standoffs += out.standoffs.len();
        illegal += out.results.iter().filter(|r| r.result == OrderResult::Illegal).count();
        void += out.results.iter().filter(|r| r.result == OrderResult::Void).count();
        duplicate += out.results.iter().filter(|r| r.reason == Reason::Duplicate).count();
        convoyed += orders
            .iter()
            .zip(&out.results)
            .filter(|((_, o), r)| matches!(o, MainOrder::Convoy { .. }) && r.succeeded())
            .count();
    }
    assert!(dislodged > 10, "{dislodged} dislodgements");
    assert!(standoffs > 5, "{standoffs} standoffs");
    assert!(illegal > 50, "{illegal} illegal orders");
    assert!(void > 50, "{void} void orders");
    assert!(duplicate > 10, "{duplicate} duplicates");
    assert!(convoyed > 3, "{convoyed} successful convoys");
    eprintln!("dislodged {dislodged}, standoffs {standoffs}, illegal {illegal}, void {void}, duplicate {duplicate}, convoyed {convoyed}");
}
