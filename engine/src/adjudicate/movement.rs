//! Movement adjudication by Kruijswijk's guess-and-check algorithm ("The Math of Adjudication"),
//! over fixed arrays indexed by province: no heap allocation once the outcome buffers have grown.
//!
//! Rules: DATC preferred rulings (2000 rulebook). An army is convoyed when its move is not to an
//! adjacent province, when it says `VIA`, or when a fleet of its own power convoys it on a
//! possible route. Circular movement succeeds; convoy paradoxes follow the Szykman rule (the
//! convoyed armies in the paradox do not move and cut nothing).

use super::{Reason, Resolution};
use crate::board::{Board, Dislodged};
use crate::map::{Location, LocationSet, Map, Power, Province, ProvinceSet, UnitKind, MAX_PROVINCES};
use crate::order::validate::check_main;
use crate::order::MainOrder;

const N: usize = MAX_PROVINCES;
const NONE: u8 = u8::MAX;
const NO_ORDER: u16 = u16::MAX;
/// `low` when no guess was consulted.
const NO_GUESS: u32 = u32::MAX;

/// The fleets of `fleets` that lie on some chain of adjacent fleets from `from` to `to`.
fn chain(map: &Map, fleets: ProvinceSet, from: Province, to: Province) -> ProvinceSet {
    let reach = |f: Province| map.reach(UnitKind::Fleet, map.main_location(f));
    let spread = |start: Province| {
        let mut seen: ProvinceSet = fleets.iter().filter(|&f| reach(f).contains(start)).collect();
        let mut frontier = seen;
        while !frontier.is_empty() {
            let mut next = ProvinceSet::EMPTY;
            for f in frontier.iter() {
                next |= reach(f) & fleets & !seen;
            }
            seen |= next;
            frontier = next;
        }
        seen
    };
    spread(from) & spread(to)
}

/// The order a unit is adjudicated with (after invalid and unmatched orders became holds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    Hold,
    Move,
    SupportHold,
    SupportMove,
    Convoy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Unresolved,
    Guessing,
    Resolved,
}

/// The outcome of a movement phase.
#[derive(Clone, Debug)]
pub struct MovementOutcome {
    /// One resolution per submitted order, in submission order.
    pub results: Vec<Resolution>,
    /// The board after the phase: units moved, dislodged units in `dislodged` with their
    /// retreat options, phase advanced to the retreat phase. Centre ownership is unchanged.
    pub board: Board,
    /// Provinces left empty by a standoff.
    pub standoffs: ProvinceSet,
}

/// Reusable scratch space for movement adjudication. Create one per thread and call
/// [`Adjudicator::movement`] as often as needed; it allocates only while its output buffers grow.
pub struct Adjudicator {
    kind: [Kind; N],
    /// Move: destination province. Supports: supported unit's province. Convoy: army's province.
    target: [u8; N],
    /// Support move and convoy: the destination province.
    dest: [u8; N],
    /// Move: destination location.
    dest_loc: [Location; N],
    /// Support move: the coast the support names, if any.
    support_coast: [Option<Location>; N],
    power: [Power; N],
    via: [bool; N],
    paradox: [bool; N],
    route: [ProvinceSet; N],
    /// Fleets with a convoy order.
    convoys: ProvinceSet,
    order_of: [u16; N],
    state: [State; N],
    res: [bool; N],
    first_support: [u8; N],
    next_support: [u8; N],
    first_mover: [u8; N],
    next_mover: [u8; N],
    units: [u8; N],
    unit_count: usize,
    /// Orders whose results are (still) guesses, each once.
    dep: [u8; N],
    dep_len: usize,
    /// Guessing orders: visit number of the guess, lowered to the low-link when it stays a guess.
    visit: [u32; N],
    visits: u32,
    low: u32,
    outcome: MovementOutcome,
}

impl Default for Adjudicator {
    fn default() -> Self {
        Self::new()
    }
}

impl Adjudicator {
    /// Fresh scratch space.
    pub fn new() -> Adjudicator {
        Adjudicator {
            kind: [Kind::Empty; N],
            target: [NONE; N],
            dest: [NONE; N],
            dest_loc: [Location(0); N],
            support_coast: [None; N],
            power: [Power(0); N],
            via: [false; N],
            paradox: [false; N],
            route: [ProvinceSet::EMPTY; N],
            convoys: ProvinceSet::EMPTY,
            order_of: [NO_ORDER; N],
            state: [State::Unresolved; N],
            res: [false; N],
            first_support: [NONE; N],
            next_support: [NONE; N],
            first_mover: [NONE; N],
            next_mover: [NONE; N],
            units: [0; N],
            unit_count: 0,
            dep: [0; N],
            dep_len: 0,
            visit: [0; N],
            visits: 0,
            low: NO_GUESS,
            outcome: MovementOutcome {
                results: Vec::new(),
                board: Board::empty(crate::board::Phase::spring(1901)),
                standoffs: ProvinceSet::EMPTY,
            },
        }
    }

    /// Adjudicates a movement phase: `orders` as submitted, each with the power that gave it.
    /// Units without a (valid) order hold.
    pub fn movement(&mut self, map: &Map, board: &Board, orders: &[(Power, MainOrder)]) -> &MovementOutcome {
        self.prepare(map, board, orders, false);
        self.run(map, board)
    }

    /// [`Adjudicator::movement`] for orders known to be valid as given — each one that
    /// [`check_main`] accepts unchanged, such as the orders of [`crate::legal`] — without checking
    /// them again: the search's fast path. Debug builds still check.
    pub fn movement_trusted(&mut self, map: &Map, board: &Board, orders: &[(Power, MainOrder)]) -> &MovementOutcome {
        debug_assert!(
            orders.iter().all(|(p, o)| check_main(map, board, *p, o).as_ref() == Ok(o)),
            "movement_trusted: an order that is not valid as given"
        );
        self.prepare(map, board, orders, true);
        self.run(map, board)
    }

    /// Resolves the prepared orders and builds the outcome.
    fn run(&mut self, map: &Map, board: &Board) -> &MovementOutcome {
        for i in 0..self.unit_count {
            let p = self.units[i] as usize;
            if self.kind[p] != Kind::Hold {
                self.resolve(map, board, p);
            }
        }
        self.finish(map, board);
        &self.outcome
    }

    /// Fills the scratch arrays from the board and the orders; `trusted` orders are not checked.
    fn prepare(&mut self, map: &Map, board: &Board, orders: &[(Power, MainOrder)], trusted: bool) {
        self.kind.fill(Kind::Empty);
        self.convoys = ProvinceSet::EMPTY;
        self.first_mover.fill(NONE);
        self.first_support.fill(NONE);
        self.unit_count = 0;
        self.dep_len = 0;
        self.visits = 0;
        self.low = NO_GUESS;
        for (prov, u) in board.units() {
            let p = prov.index();
            self.units[self.unit_count] = p as u8;
            self.unit_count += 1;
            self.kind[p] = Kind::Hold;
            self.power[p] = u.power;
            self.order_of[p] = NO_ORDER;
            self.state[p] = State::Unresolved;
            self.res[p] = false;
            self.via[p] = false;
            self.paradox[p] = false;
            self.route[p] = ProvinceSet::EMPTY;
        }
        let mut results = std::mem::take(&mut self.outcome.results);
        results.clear();
        results.resize(orders.len(), Resolution::DONE);

        // 1. Orders valid on their own.
        for (i, (power, order)) in orders.iter().enumerate() {
            let order = if trusted {
                *order
            } else {
                match check_main(map, board, *power, order) {
                    Ok(o) => o,
                    Err(e) => {
                        results[i] = Resolution::invalid(e);
                        continue;
                    }
                }
            };
            let p = map.province_of(order.unit().loc).index();
            if self.order_of[p] != NO_ORDER {
                results[i] = Resolution::void(Reason::Duplicate);
                continue;
            }
            self.order_of[p] = i as u16;
            match order {
                MainOrder::Hold { .. } => {}
                MainOrder::Move { to, via_convoy, .. } => {
                    self.kind[p] = Kind::Move;
                    self.target[p] = map.province_of(to).0;
                    self.dest_loc[p] = to;
                    self.via[p] = via_convoy;
                }
                MainOrder::SupportHold { target, .. } => {
                    self.kind[p] = Kind::SupportHold;
                    self.target[p] = map.province_of(target.loc).0;
                }
                MainOrder::SupportMove { target, to, .. } => {
                    self.kind[p] = Kind::SupportMove;
                    self.target[p] = map.province_of(target.loc).0;
                    self.dest[p] = map.province_of(to).0;
                    self.support_coast[p] = map.location(to).coast.map(|_| to);
                }
                MainOrder::Convoy { army, to, .. } => {
                    self.kind[p] = Kind::Convoy;
                    self.convoys.insert(Province(p as u8));
                    self.target[p] = map.province_of(army.loc).0;
                    self.dest[p] = map.province_of(to).0;
                }
            }
        }

        // 2. Army moves: convoy routes and intent.
        for i in 0..self.unit_count {
            let a = self.units[i] as usize;
            if self.kind[a] != Kind::Move || board.unit(Province(a as u8)).map(|u| u.kind) != Some(UnitKind::Army) {
                continue;
            }
            let adjacent =
                map.adjacent(UnitKind::Army, map.main_location(Province(a as u8))).contains(self.dest_loc[a]);
            if adjacent && self.convoys.is_empty() && !self.via[a] {
                continue;
            }
            let route = self.possible_route(map, a);
            self.route[a] = route;
            let own_convoy = self.own_convoy(map, a);
            self.via[a] = !route.is_empty() && (self.via[a] || !adjacent || own_convoy);
            if !adjacent && route.is_empty() {
                if self.fleets_could_convoy(map, board, a) {
                    // A convoy was possible but nobody gave it: the move fails.
                    self.via[a] = true;
                } else {
                    self.kind[a] = Kind::Hold;
                    results[self.order_of[a] as usize] = Resolution::void(Reason::NoConvoyRoute);
                }
            }
        }

        // 3. Convoys: matched by an army move whose possible route passes through the fleet.
        for i in 0..self.unit_count {
            let f = self.units[i] as usize;
            if self.kind[f] != Kind::Convoy {
                continue;
            }
            let a = self.target[f] as usize;
            let army = board.unit(Province(a as u8)).is_some_and(|u| u.kind == UnitKind::Army);
            let matched =
                army && self.kind[a] == Kind::Move && self.target[a] == self.dest[f] && self.on_sea_chain(map, f);
            if !matched {
                self.kind[f] = Kind::Hold;
                results[self.order_of[f] as usize] = Resolution::void(Reason::Unmatched);
            } else if !self.via[a] || !self.route[a].contains(Province(f as u8)) {
                self.kind[f] = Kind::Hold;
                results[self.order_of[f] as usize] = Resolution::fails(Reason::ConvoyNotUsed);
            }
        }

        // 4. Supports, matched against the final orders; movers by destination.
        for i in 0..self.unit_count {
            let s = self.units[i] as usize;
            let matched = match self.kind[s] {
                Kind::SupportHold => {
                    let t = self.target[s] as usize;
                    !matches!(self.kind[t], Kind::Empty | Kind::Move)
                }
                Kind::SupportMove => {
                    let t = self.target[s] as usize;
                    self.kind[t] == Kind::Move
                        && self.target[t] == self.dest[s]
                        && !(self.via[t] && self.route[t].is_empty())
                        && match self.support_coast[s] {
                            Some(c) => map.location(self.dest_loc[t]).coast.is_none() || self.dest_loc[t] == c,
                            None => true,
                        }
                }
                Kind::Move => {
                    let d = self.target[s] as usize;
                    self.next_mover[s] = self.first_mover[d];
                    self.first_mover[d] = s as u8;
                    continue;
                }
                _ => continue,
            };
            if matched {
                let t = self.target[s] as usize;
                self.next_support[s] = self.first_support[t];
                self.first_support[t] = s as u8;
            } else {
                self.kind[s] = Kind::Hold;
                results[self.order_of[s] as usize] = Resolution::void(Reason::Unmatched);
            }
        }
        self.outcome.results = results;
    }

    /// Fleets with matching convoy orders that lie on some chain from the army to its destination.
    fn possible_route(&self, map: &Map, a: usize) -> ProvinceSet {
        let dest = self.target[a];
        let mut fleets = ProvinceSet::EMPTY;
        for f in self.convoys.iter() {
            let f = f.index();
            if self.kind[f] == Kind::Convoy && self.target[f] as usize == a && self.dest[f] == dest {
                fleets.insert(Province(f as u8));
            }
        }
        if fleets.is_empty() {
            return fleets;
        }
        chain(map, fleets, Province(a as u8), Province(dest))
    }

    /// Whether a fleet of the army's own power gives a matching convoy order that lies on some
    /// chain of sea provinces from the army to its destination (the army's intent to be convoyed).
    fn own_convoy(&self, map: &Map, a: usize) -> bool {
        self.convoys.iter().any(|f| {
            let f = f.index();
            self.kind[f] == Kind::Convoy
                && self.target[f] as usize == a
                && self.dest[f] == self.target[a]
                && self.power[f] == self.power[a]
                && self.on_sea_chain(map, f)
        })
    }

    /// Whether convoy fleet `f` lies on some chain of sea provinces (occupied or not) between its
    /// convoy's ends: a convoy order elsewhere can never be carried out.
    fn on_sea_chain(&self, map: &Map, f: usize) -> bool {
        (map.sea_spread(Province(self.target[f])) & map.sea_spread(Province(self.dest[f]))).contains(Province(f as u8))
    }

    /// Whether fleets at sea on the board (whatever their orders) could form a chain for army `a`.
    fn fleets_could_convoy(&self, map: &Map, board: &Board, a: usize) -> bool {
        let fleets: ProvinceSet = board
            .units()
            .filter(|(p, u)| u.kind == UnitKind::Fleet && map.province(*p).terrain == crate::map::Terrain::Sea)
            .map(|(p, _)| p)
            .collect();
        !chain(map, fleets, Province(a as u8), Province(self.target[a])).is_empty()
    }

    /// Kruijswijk's `resolve`: the result of order `p`, guessing where orders depend on each
    /// other in a cycle. Each guess gets a visit number (`visit`); `low` is the smallest visit
    /// number of a guess the running `resolve` consulted, directly or through orders it resolved
    /// (as Tarjan's low-link). An order is resolved only when it consulted no guess (`low` stays
    /// `NO_GUESS`); when every guess it consulted was made inside its own call (`low` is its own
    /// visit number) it is the head of a cycle and tries both guesses; otherwise it depends on a
    /// guess further up the stack and stays a guess, which that guess's order settles.
    fn resolve(&mut self, map: &Map, board: &Board, p: usize) -> bool {
        match self.state[p] {
            State::Resolved => return self.res[p],
            State::Guessing => {
                self.add_dep(p);
                self.low = self.low.min(self.visit[p]);
                return self.res[p];
            }
            State::Unresolved => {}
        }
        let outer_low = self.low;
        let result = self.resolve_new(map, board, p);
        self.low = self.low.min(outer_low);
        result
    }

    /// `resolve` for an unresolved order; leaves in `low` what the caller must learn of it.
    fn resolve_new(&mut self, map: &Map, board: &Board, p: usize) -> bool {
        let old = self.dep_len;
        let me = self.visits;
        self.visits += 1;
        self.visit[p] = me;
        self.res[p] = false;
        self.state[p] = State::Guessing;
        self.low = NO_GUESS;
        let first = self.adjudicate(map, board, p);
        if self.low == NO_GUESS {
            // Not dependent on any guess (the backup rule may have settled it meanwhile).
            if self.state[p] != State::Resolved {
                self.res[p] = first;
                self.state[p] = State::Resolved;
            }
            return self.res[p];
        }
        if self.low < me {
            return self.stay_guess(p, first);
        }
        // A cycle through this order's own guess only: try the other guess.
        self.clear_deps(old);
        self.res[p] = true;
        self.state[p] = State::Guessing;
        self.low = NO_GUESS;
        let second = self.adjudicate(map, board, p);
        if self.low < me {
            // With this guess it also reached a guess further up: that cycle decides.
            return self.stay_guess(p, second);
        }
        if first == second {
            self.clear_deps(old);
            self.res[p] = first;
            self.state[p] = State::Resolved;
            self.low = NO_GUESS;
            return first;
        }
        self.backup_rule(old);
        self.low = NO_GUESS;
        self.resolve(map, board, p)
    }

    /// Leaves `p` a guess with value `value`, part of the cycle of an order further up the
    /// stack; its visit number becomes its low-link so that later readers see that dependency.
    fn stay_guess(&mut self, p: usize, value: bool) -> bool {
        self.add_dep(p);
        self.res[p] = value;
        self.visit[p] = self.low;
        value
    }

    fn add_dep(&mut self, p: usize) {
        if !self.dep[..self.dep_len].contains(&(p as u8)) {
            self.dep[self.dep_len] = p as u8;
            self.dep_len += 1;
        }
    }

    fn clear_deps(&mut self, old: usize) {
        for i in old..self.dep_len {
            self.state[self.dep[i] as usize] = State::Unresolved;
        }
        self.dep_len = old;
    }

    /// No or two consistent resolutions: circular movement succeeds; a convoy paradox is broken
    /// by the Szykman rule.
    fn backup_rule(&mut self, old: usize) {
        let cycle = old..self.dep_len;
        let convoy = cycle.clone().any(|i| self.kind[self.dep[i] as usize] == Kind::Convoy);
        for i in cycle {
            let p = self.dep[i] as usize;
            if convoy {
                if self.kind[p] == Kind::Convoy {
                    self.paradox[self.target[p] as usize] = true;
                }
                self.state[p] = State::Unresolved;
            } else if self.kind[p] == Kind::Move {
                self.res[p] = true;
                self.state[p] = State::Resolved;
            } else {
                self.state[p] = State::Unresolved;
            }
        }
        self.dep_len = old;
    }

    fn adjudicate(&mut self, map: &Map, board: &Board, p: usize) -> bool {
        match self.kind[p] {
            Kind::Move => self.adjudicate_move(map, board, p),
            Kind::SupportHold | Kind::SupportMove => {
                let mut m = self.first_mover[p];
                while m != NONE {
                    let mu = m as usize;
                    m = self.next_mover[mu];
                    if self.power[mu] == self.power[p] {
                        continue;
                    }
                    if self.kind[p] == Kind::SupportMove && mu == self.dest[p] as usize {
                        if self.resolve(map, board, mu) {
                            return false;
                        }
                    } else if self.has_path(map, board, mu) {
                        return false;
                    }
                }
                true
            }
            Kind::Convoy => {
                let mut m = self.first_mover[p];
                while m != NONE {
                    let mu = m as usize;
                    m = self.next_mover[mu];
                    if self.resolve(map, board, mu) {
                        return false;
                    }
                }
                true
            }
            Kind::Hold | Kind::Empty => true,
        }
    }

    fn adjudicate_move(&mut self, map: &Map, board: &Board, m: usize) -> bool {
        let attack = self.attack_strength(map, board, m);
        let d = self.target[m] as usize;
        if self.head_to_head(m) {
            if attack <= self.support_count(map, board, d, None) + 1 {
                return false;
            }
        } else if attack <= self.hold_strength(map, board, d) {
            return false;
        }
        let mut n = self.first_mover[d];
        while n != NONE {
            let nu = n as usize;
            n = self.next_mover[nu];
            if nu != m && attack <= self.prevent_strength(map, board, nu) {
                return false;
            }
        }
        true
    }

    fn head_to_head(&self, m: usize) -> bool {
        let d = self.target[m] as usize;
        self.kind[d] == Kind::Move && self.target[d] as usize == m && !self.via[m] && !self.via[d]
    }

    fn has_path(&mut self, map: &Map, board: &Board, m: usize) -> bool {
        if !self.via[m] {
            return true;
        }
        if self.paradox[m] {
            return false;
        }
        let fleets = self.route[m];
        let dest = Province(self.target[m]);
        let reach = |f: Province| map.reach(UnitKind::Fleet, map.main_location(f));
        let mut tried = ProvinceSet::EMPTY;
        let mut frontier: ProvinceSet = fleets.iter().filter(|&f| reach(f).contains(Province(m as u8))).collect();
        while !frontier.is_empty() {
            let mut next = ProvinceSet::EMPTY;
            for f in frontier.iter() {
                tried.insert(f);
                if self.resolve(map, board, f.index()) {
                    if reach(f).contains(dest) {
                        return true;
                    }
                    next |= reach(f) & fleets;
                }
            }
            frontier = next & !tried;
        }
        false
    }

    fn support_count(&mut self, map: &Map, board: &Board, p: usize, exclude: Option<Power>) -> u32 {
        let mut n = 0;
        let mut s = self.first_support[p];
        while s != NONE {
            let su = s as usize;
            s = self.next_support[su];
            if Some(self.power[su]) != exclude && self.resolve(map, board, su) {
                n += 1;
            }
        }
        n
    }

    fn attack_strength(&mut self, map: &Map, board: &Board, m: usize) -> u32 {
        if !self.has_path(map, board, m) {
            return 0;
        }
        let d = self.target[m] as usize;
        if self.kind[d] == Kind::Empty {
            return 1 + self.support_count(map, board, m, None);
        }
        if self.kind[d] == Kind::Move && !self.head_to_head(m) && self.resolve(map, board, d) {
            return 1 + self.support_count(map, board, m, None);
        }
        if self.power[d] == self.power[m] {
            return 0;
        }
        1 + self.support_count(map, board, m, Some(self.power[d]))
    }

    fn hold_strength(&mut self, map: &Map, board: &Board, d: usize) -> u32 {
        match self.kind[d] {
            Kind::Empty => 0,
            Kind::Move => u32::from(!self.resolve(map, board, d)),
            _ => 1 + self.support_count(map, board, d, None),
        }
    }

    fn prevent_strength(&mut self, map: &Map, board: &Board, n: usize) -> u32 {
        if !self.has_path(map, board, n) {
            return 0;
        }
        if self.head_to_head(n) && self.resolve(map, board, self.target[n] as usize) {
            return 0;
        }
        1 + self.support_count(map, board, n, None)
    }

    /// Fills the results of valid orders and builds the board after the phase.
    fn finish(&mut self, map: &Map, board: &Board) {
        // Who dislodged whom, and where moves failed.
        let mut dislodger = [NONE; N];
        let mut bounced = ProvinceSet::EMPTY;
        for i in 0..self.unit_count {
            let m = self.units[i] as usize;
            if self.kind[m] != Kind::Move {
                continue;
            }
            let d = self.target[m] as usize;
            if self.res[m] {
                dislodger[d] = m as u8;
            } else if self.prevent_strength(map, board, m) > 0 {
                // Only a move that could prevent others contests its destination: not one
                // without a convoy route, nor one that lost a head-to-head battle (DATC 6.H.9).
                bounced.insert(Province(d as u8));
            }
        }
        let mut after = std::mem::replace(&mut self.outcome.board, Board::empty(board.phase));
        after.copy_from(board);
        after.phase = board.phase.next();
        after.dislodged.clear();
        for i in 0..self.unit_count {
            let p = self.units[i] as usize;
            if self.kind[p] == Kind::Move && self.res[p] {
                after.set_unit(Province(p as u8), None);
            }
        }
        for i in 0..self.unit_count {
            let p = self.units[i] as usize;
            let unit = board.unit(Province(p as u8)).expect("listed units exist");
            let moved = self.kind[p] == Kind::Move && self.res[p];
            if moved {
                let d = self.target[p] as usize;
                let loc = self.dest_loc[p];
                after.set_unit(Province(d as u8), Some(crate::board::Unit { loc, ..unit }));
            } else if dislodger[p] != NONE {
                let by = dislodger[p] as usize;
                if after.unit(Province(p as u8)) == Some(unit) {
                    after.set_unit(Province(p as u8), None);
                }
                after.dislodged.push(Dislodged {
                    unit,
                    attacker_from: Some(Province(by as u8)),
                    attacker_via_convoy: self.via[by],
                    retreats: LocationSet::EMPTY,
                });
            }
        }
        let mut standoffs = ProvinceSet::EMPTY;
        for p in bounced.iter() {
            if after.unit(p).is_none() {
                standoffs.insert(p);
            }
        }
        self.outcome.standoffs = standoffs;
        for k in 0..after.dislodged.len() {
            let d = after.dislodged[k];
            let mut options = LocationSet::EMPTY;
            for l in map.adjacent(d.unit.kind, d.unit.loc).iter() {
                let prov = map.province_of(l);
                let from_attacker = d.attacker_from == Some(prov) && !d.attacker_via_convoy;
                if after.unit(prov).is_none() && !standoffs.contains(prov) && !from_attacker {
                    options.insert(l);
                }
            }
            after.dislodged[k].retreats = options;
        }
        self.outcome.board = after;

        // Results of the orders that were adjudicated.
        for i in 0..self.unit_count {
            let p = self.units[i] as usize;
            let oi = self.order_of[p];
            if oi == NO_ORDER || self.outcome.results[oi as usize] != Resolution::DONE {
                continue;
            }
            let dislodged = dislodger[p] != NONE && !(self.kind[p] == Kind::Move && self.res[p]);
            let path_failed = self.kind[p] == Kind::Move && self.via[p] && !self.has_path(map, board, p);
            let own_void = self.kind[p] == Kind::SupportMove && self.own_unit_void(map, board, p);
            let r = match self.kind[p] {
                Kind::Move if self.res[p] => Resolution::DONE,
                Kind::Move if path_failed => Resolution::fails(Reason::Disrupted),
                Kind::Move => Resolution::fails(Reason::Bounced),
                Kind::SupportMove if own_void => Resolution::void(Reason::OwnUnit),
                _ if dislodged => Resolution::fails(Reason::Dislodged(Province(dislodger[p]))),
                // Szykman rule: the army in a convoy paradox does not move, and a support for
                // its move has nothing to support.
                Kind::SupportMove if self.paradox[self.target[p] as usize] => Resolution::fails(Reason::Disrupted),
                Kind::SupportHold | Kind::SupportMove if !self.res[p] => Resolution::fails(Reason::Cut),
                Kind::Convoy => {
                    let a = self.target[p] as usize;
                    if self.res[a] || self.has_path(map, board, a) {
                        Resolution::DONE
                    } else {
                        Resolution::fails(Reason::Disrupted)
                    }
                }
                _ => Resolution::DONE,
            };
            self.outcome.results[oi as usize] = r;
        }
    }

    /// Whether a support-move is void because it could only help dislodge the supporter's own
    /// unit: the destination holds a unit of the supporter's power that stays, and the supported
    /// move is a head-to-head battle, or dislodged that unit with other help, or was the single
    /// strongest move there (so it bounced off the own unit only because this support may not count).
    fn own_unit_void(&mut self, map: &Map, board: &Board, s: usize) -> bool {
        let d = self.dest[s] as usize;
        let m = self.target[s] as usize;
        let own_stays = self.kind[d] != Kind::Empty
            && self.power[d] == self.power[s]
            && !(self.kind[d] == Kind::Move && self.res[d]);
        if !own_stays {
            return false;
        }
        if self.head_to_head(m) || self.res[m] {
            return true;
        }
        let strength = 1 + self.support_count(map, board, m, None);
        let mut n = self.first_mover[d];
        while n != NONE {
            let nu = n as usize;
            n = self.next_mover[nu];
            if nu != m && 1 + self.support_count(map, board, nu, None) >= strength {
                return false;
            }
        }
        true
    }
}
