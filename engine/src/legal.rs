//! Legal orders: what each unit may be ordered to do, and uniformly random order sets (the
//! `random` policy of `legate selfplay` and the adjudication benchmark).
//!
//! Movement options ([`movement_options`]) are every order [`check_main`] accepts that could
//! have an effect on the board as it stands, each in one canonical form:
//!
//! - hold;
//! - moves to adjacent locations (a fleet to each coast it can reach, by its coast);
//! - for an army on a coastal province, moves by convoy to every other coastal province that a
//!   chain of fleets at sea on the board (any power's) links to it ([`ConvoyRoutes`]). A
//!   destination that is also adjacent is written with `VIA` (`A YOR - LON VIA`, beside the
//!   plain `A YOR - LON` over land); one that is not adjacent is written without it
//!   (`A YOR - NWY`), which the rules read the same way;
//! - support to hold of every other unit in a province the supporter can reach;
//! - support of every other unit's every move above into a province the supporter can reach,
//!   other than its own, naming the target's destination exactly as its move does (a fleet's
//!   with its coast, an army's without); a convoyed move only when fleets other than the
//!   supporter can carry it (a fleet cannot both support a move and convoy it);
//! - for a fleet at sea, `C A X - Y` for every army X and coastal province Y (not X's) that the
//!   fleet's chain of fleets at sea touches.
//!
//! Generation writes into the caller's `Vec` and uses the map's bitsets, so it allocates nothing
//! once the `Vec` has grown. Retreat options are in [`retreat_options`], adjustment options in
//! [`adjustment_options`], [`build_options`] and [`removal_options`].
//!
//! [`check_main`]: crate::order::validate::check_main

use crate::board::{Board, Dislodged, Unit};
use crate::map::{Location, Map, Power, Province, ProvinceSet, UnitKind, MAX_PROVINCES};
use crate::order::{AdjustmentOrder, MainOrder, RetreatOrder, UnitRef};
use rand::seq::SliceRandom;
use rand::Rng;

fn unit_ref(u: Unit) -> UnitRef {
    UnitRef { kind: u.kind, loc: u.loc }
}

/// Moves a unit can make in one step, destinations with their coasts.
pub fn moves(map: &Map, unit: Unit) -> impl Iterator<Item = Location> + '_ {
    map.adjacent(unit.kind, unit.loc).iter()
}

/// One chain of fleets at sea: fleets linked by adjacency, and the coastal provinces they touch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Chain {
    fleets: ProvinceSet,
    coasts: ProvinceSet,
}

/// Where the fleets at sea on a board could convoy armies: the board's fleets at sea split into
/// chains of adjacent fleets, each with the coastal provinces it touches. An army can be convoyed
/// between two coastal provinces exactly when one chain touches both, and a fleet lies on a route
/// between them exactly when its chain does (as the adjudicator finds routes).
///
/// Build it once per board and pass it to [`push_movement_options`]; building it allocates
/// nothing.
#[derive(Clone, Debug)]
pub struct ConvoyRoutes {
    fleets: ProvinceSet,
    len: usize,
    chains: [Chain; MAX_PROVINCES],
}

impl ConvoyRoutes {
    /// The chains of the fleets at sea on `board`.
    pub fn new(map: &Map, board: &Board) -> ConvoyRoutes {
        let seas = map.seas();
        let fleets =
            board.units().filter(|&(p, u)| u.kind == UnitKind::Fleet && seas.contains(p)).map(|(p, _)| p).collect();
        ConvoyRoutes::of_fleets(map, fleets)
    }

    /// The chains of fleets at sea in `fleets`.
    fn of_fleets(map: &Map, fleets: ProvinceSet) -> ConvoyRoutes {
        let seas = map.seas();
        let mut left = fleets;
        let mut routes = ConvoyRoutes { fleets, len: 0, chains: [Chain::default(); MAX_PROVINCES] };
        while let Some(start) = left.iter().next() {
            let mut chain = Chain::default();
            chain.fleets.insert(start);
            let mut frontier = chain.fleets;
            while !frontier.is_empty() {
                let mut next = ProvinceSet::EMPTY;
                for f in frontier.iter() {
                    let reach = map.reach(UnitKind::Fleet, map.main_location(f));
                    chain.coasts |= reach;
                    next |= reach & left;
                }
                frontier = next & !chain.fleets;
                chain.fleets |= frontier;
            }
            chain.coasts = chain.coasts & !seas;
            left = left & !chain.fleets;
            routes.chains[routes.len] = chain;
            routes.len += 1;
        }
        routes
    }

    fn chains(&self) -> &[Chain] {
        &self.chains[..self.len]
    }

    /// The provinces an army in `army` could be convoyed to (never `army` itself; empty unless
    /// `army` is coastal and a fleet at sea touches it).
    pub fn army_destinations(&self, army: Province) -> ProvinceSet {
        let mut out = ProvinceSet::EMPTY;
        for c in self.chains() {
            if c.coasts.contains(army) {
                out |= c.coasts;
            }
        }
        out.remove(army);
        out
    }

    /// The coastal provinces touched by the chain of the fleet at sea in `fleet`: it can convoy
    /// any army among them to any other of them. Empty when no fleet is at sea there.
    pub fn fleet_coasts(&self, fleet: Province) -> ProvinceSet {
        self.chains().iter().find(|c| c.fleets.contains(fleet)).map_or(ProvinceSet::EMPTY, |c| c.coasts)
    }
}

/// Every hold, move, support and convoy the unit in `prov` can be ordered, in the canonical forms
/// of the [module documentation](self) (`out` is cleared first; empty when `prov` holds no unit).
///
/// This works out the board's convoy routes for each call; to list the options of several units,
/// build [`ConvoyRoutes`] once and call [`push_movement_options`].
pub fn movement_options(map: &Map, board: &Board, prov: Province, out: &mut Vec<MainOrder>) {
    out.clear();
    push_movement_options(map, board, &ConvoyRoutes::new(map, board), prov, out);
}

/// Appends to `out` every hold, move, support and convoy the unit in `prov` can be ordered (see
/// [`movement_options`]); `routes` must be the board's.
pub fn push_movement_options(
    map: &Map,
    board: &Board,
    routes: &ConvoyRoutes,
    prov: Province,
    out: &mut Vec<MainOrder>,
) {
    let Some(u) = board.unit(prov) else { return };
    let me = unit_ref(u);
    out.push(MainOrder::Hold { unit: me });
    let adjacent = map.adjacent(u.kind, u.loc);
    for to in adjacent.iter() {
        out.push(MainOrder::Move { unit: me, to, via_convoy: false });
    }
    if u.kind == UnitKind::Army {
        for d in routes.army_destinations(prov).iter() {
            let to = map.main_location(d);
            out.push(MainOrder::Move { unit: me, to, via_convoy: adjacent.contains(to) });
        }
    }
    let mut reach = map.reach(u.kind, u.loc);
    reach.remove(prov);
    // A fleet at sea cannot support a convoyed move that only it can carry.
    let without_me;
    let support_routes = if routes.fleets.contains(prov) {
        let mut others = routes.fleets;
        others.remove(prov);
        without_me = ConvoyRoutes::of_fleets(map, others);
        &without_me
    } else {
        routes
    };
    for (tp, t) in board.units() {
        if tp == prov {
            continue;
        }
        let target = unit_ref(t);
        if reach.contains(tp) {
            out.push(MainOrder::SupportHold { unit: me, target });
        }
        match t.kind {
            UnitKind::Fleet => {
                if !(map.reach(UnitKind::Fleet, t.loc) & reach).is_empty() {
                    for to in map.adjacent(UnitKind::Fleet, t.loc).iter() {
                        if reach.contains(map.province_of(to)) {
                            out.push(MainOrder::SupportMove { unit: me, target, to });
                        }
                    }
                }
            }
            UnitKind::Army => {
                let dests = (map.reach(UnitKind::Army, t.loc) | support_routes.army_destinations(tp)) & reach;
                for d in dests.iter() {
                    out.push(MainOrder::SupportMove { unit: me, target, to: map.main_location(d) });
                }
            }
        }
    }
    if u.kind == UnitKind::Fleet {
        let coasts = routes.fleet_coasts(prov);
        for a in coasts.iter() {
            let Some(army) = board.unit(a).filter(|a| a.kind == UnitKind::Army) else { continue };
            for d in coasts.iter() {
                if d != a {
                    out.push(MainOrder::Convoy { unit: me, army: unit_ref(army), to: map.main_location(d) });
                }
            }
        }
    }
}

/// The options of a dislodged unit: a retreat to each of its retreat locations, and disbanding.
/// Appends to `out`.
pub fn retreat_options(dislodged: &Dislodged, out: &mut Vec<RetreatOrder>) {
    let unit = unit_ref(dislodged.unit);
    for to in dislodged.retreats.iter() {
        out.push(RetreatOrder::Retreat { unit, to });
    }
    out.push(RetreatOrder::Disband { unit });
}

/// Every build `power` could order on `board`, whatever its allowance: each unit type that can
/// stand in each vacant home centre it owns, fleets on bicoastal provinces by coast. Appends to
/// `out`.
pub fn build_options(map: &Map, board: &Board, power: Power, out: &mut Vec<AdjustmentOrder>) {
    for home in map.power(power).home.iter() {
        if board.owner(home) != Some(power) || board.unit(home).is_some() {
            continue;
        }
        for loc in std::iter::once(map.main_location(home)).chain(map.province(home).coasts.iter().copied()) {
            for kind in [UnitKind::Army, UnitKind::Fleet] {
                if map.can_stand(kind, loc) {
                    out.push(AdjustmentOrder::Build { unit: UnitRef { kind, loc } });
                }
            }
        }
    }
}

/// The removal of each of `power`'s units. Appends to `out`.
pub fn removal_options(board: &Board, power: Power, out: &mut Vec<AdjustmentOrder>) {
    for (_, u) in board.units() {
        if u.power == power {
            out.push(AdjustmentOrder::Remove { unit: unit_ref(u) });
        }
    }
}

/// The adjustment orders `power` may give on `board`: its builds and `WAIVE` when it has builds
/// due, its removals when it has removals due, nothing otherwise. Appends to `out`.
pub fn adjustment_options(map: &Map, board: &Board, power: Power, out: &mut Vec<AdjustmentOrder>) {
    let due = board.adjustments()[power];
    if due > 0 {
        build_options(map, board, power, out);
        out.push(AdjustmentOrder::Waive);
    } else if due < 0 {
        removal_options(board, power, out);
    }
}

/// A uniformly random movement order (among [`movement_options`]) for every unit on the board.
pub fn random_movement<R: Rng>(map: &Map, board: &Board, rng: &mut R, out: &mut Vec<(Power, MainOrder)>) {
    out.clear();
    let routes = ConvoyRoutes::new(map, board);
    let mut options = Vec::new();
    for (prov, u) in board.units() {
        options.clear();
        push_movement_options(map, board, &routes, prov, &mut options);
        if let Some(o) = options.choose(rng) {
            out.push((u.power, *o));
        }
    }
}

/// A random retreat or disband for every dislodged unit.
pub fn random_retreats<R: Rng>(board: &Board, rng: &mut R) -> Vec<(Power, RetreatOrder)> {
    board
        .dislodged
        .iter()
        .map(|d| {
            let unit = unit_ref(d.unit);
            let options: Vec<Location> = d.retreats.iter().collect();
            let order = match options.choose(rng) {
                Some(&to) if rng.gen_bool(0.9) => RetreatOrder::Retreat { unit, to },
                _ => RetreatOrder::Disband { unit },
            };
            (d.unit.power, order)
        })
        .collect()
}

/// Random builds (in random vacant owned home centres) and removals, as many as allowed.
pub fn random_adjustments<R: Rng>(map: &Map, board: &Board, rng: &mut R) -> Vec<(Power, AdjustmentOrder)> {
    let delta = board.adjustments();
    let mut out = Vec::new();
    let mut options = Vec::new();
    for p in map.powers() {
        let d = delta[p];
        options.clear();
        if d > 0 {
            build_options(map, board, p, &mut options);
            options.shuffle(rng);
            let mut used = ProvinceSet::EMPTY;
            for &o in &options {
                let AdjustmentOrder::Build { unit } = o else { continue };
                let prov = map.province_of(unit.loc);
                if used.len() < d as usize && !used.contains(prov) {
                    used.insert(prov);
                    out.push((p, o));
                }
            }
        } else if d < 0 {
            removal_options(board, p, &mut options);
            options.shuffle(rng);
            out.extend(options.iter().take((-d) as usize).map(|&o| (p, o)));
        }
    }
    out
}

/// Random orders for every power in the board's current phase (movement, retreat or adjustment).
pub fn random_orders<R: Rng>(map: &Map, board: &Board, rng: &mut R) -> Vec<(Power, crate::Order)> {
    use crate::board::PhaseKind;
    use crate::Order;
    match board.phase.kind {
        PhaseKind::Movement => {
            let mut main = Vec::new();
            random_movement(map, board, rng, &mut main);
            main.into_iter().map(|(p, o)| (p, Order::Main(o))).collect()
        }
        PhaseKind::Retreat => random_retreats(board, rng).into_iter().map(|(p, o)| (p, Order::Retreat(o))).collect(),
        PhaseKind::Adjustment => {
            random_adjustments(map, board, rng).into_iter().map(|(p, o)| (p, Order::Adjustment(o))).collect()
        }
    }
}

/// Plays the board's phase with [`random_orders`] and returns the board of the next phase that
/// needs orders (centres changed hands, empty retreat and adjustment phases skipped).
pub fn play_random_phase<R: Rng>(
    map: &Map,
    adj: &mut crate::adjudicate::Adjudicator,
    board: &Board,
    rng: &mut R,
) -> Board {
    let orders = random_orders(map, board, rng);
    let mut after = crate::adjudicate::phase(map, adj, board, &orders).board;
    crate::game::advance(map, board.phase, &mut after);
    after
}

/// `count` mid-game movement boards: every movement phase from `from_year` on of random games
/// (seeded by `seed`), a new game starting after 1911.
pub fn random_midgame_boards(map: &Map, seed: u64, from_year: u16, count: usize) -> Vec<Board> {
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut adj = crate::adjudicate::Adjudicator::new();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let mut board = Board::initial(map);
        while board.phase.year < 1912 && out.len() < count {
            if board.phase.kind == crate::board::PhaseKind::Movement && board.phase.year >= from_year {
                out.push(board.clone());
            }
            board = play_random_phase(map, &mut adj, &board, &mut rng);
        }
    }
    out
}
