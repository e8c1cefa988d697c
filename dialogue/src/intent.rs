//! What an intent allows a message to say: which claims it entails, which of our orders concern
//! the recipient, and which of theirs matter to us.
//!
//! An [`Intent`] holds orders only: ours (the plan's) and the recipient's (the action we would
//! like from them). A message may state:
//!
//! - an own order `o` when `o` is among ours; a proposal `o` when it is among theirs;
//! - that a power stays out of a province (`DMZ`) when that power's orders in the intent move
//!   into none of them (ours for us, theirs for the recipient; nothing is known of third powers);
//! - peace between us and the recipient when neither side's orders move into a province held by
//!   the other's units or a centre the other owns;
//! - an alliance of us and the recipient against powers whose units or centres both sides' orders
//!   move (or support moves) into, when there is peace between us;
//! - `YES` to their proposal of our order `o` when `o` is among ours, `REJ` when it is not; `YES`
//!   to their `DMZ`, `PCE` or `ALY` when our side of it holds.
//!
//! A power's **zone** is the provinces its units stand in and the centres it owns, with every
//! province next to one of those (by any route). An order of ours **concerns** the recipient
//! when it acts in the recipient's zone: a move whose destination is in it, a hold in it, a
//! support or convoy whose target unit is the recipient's or whose destination (or, to hold,
//! whose target's province) is in it. These are the own orders a message may mention, even in
//! answer to the recipient's guess; the rest (say, an attack on a third power far from the
//! recipient) the intent withholds.

use crate::press::{Atom, PowerSet, Press};
use legate_engine::map::{Map, Power, Province, ProvinceSet};
use legate_engine::order::MainOrder;
use legate_engine::Board;
use legate_planner::search::Intent;

/// An intent seen from the board: the sets that decide what may be said.
#[derive(Clone, Debug)]
pub struct IntentView<'a> {
    map: &'a Map,
    board: &'a Board,
    /// Us.
    pub me: Power,
    /// The recipient.
    pub with: Power,
    /// Our orders.
    pub ours: &'a [MainOrder],
    /// The recipient's orders we would like.
    pub theirs: &'a [MainOrder],
    our_entered: ProvinceSet,
    their_entered: ProvinceSet,
    /// Provinces held by our units or centres we own.
    pub our_area: ProvinceSet,
    /// Provinces held by the recipient's units or centres it owns.
    pub their_area: ProvinceSet,
    /// Our zone: our area and every province next to it.
    pub our_zone: ProvinceSet,
    /// The recipient's zone.
    pub their_zone: ProvinceSet,
    we_spare_them: bool,
    they_spare_us: bool,
    we_attack: PowerSet,
    they_attack: PowerSet,
}

/// Provinces held by a power's units or owned by it.
fn area(board: &Board, p: Power) -> ProvinceSet {
    let mut s = board.centers_of(p);
    for (prov, u) in board.units() {
        if u.power == p {
            s.insert(prov);
        }
    }
    s
}

fn zone(map: &Map, area: ProvinceSet) -> ProvinceSet {
    let mut z = area;
    for p in area.iter() {
        z |= map.neighbours(p);
    }
    z
}

fn entered(map: &Map, orders: &[MainOrder]) -> ProvinceSet {
    orders
        .iter()
        .filter_map(|o| match o {
            MainOrder::Move { to, .. } => Some(map.province_of(*to)),
            _ => None,
        })
        .collect()
}

impl<'a> IntentView<'a> {
    /// The view of `intent`, ours being `me`'s, on `board`.
    pub fn new(map: &'a Map, board: &'a Board, me: Power, intent: &'a Intent) -> IntentView<'a> {
        let with = intent.with;
        let (our_area, their_area) = (area(board, me), area(board, with));
        let (our_entered, their_entered) = (entered(map, &intent.ours), entered(map, &intent.theirs));
        let areas: Vec<(Power, ProvinceSet)> = map.powers().map(|q| (q, area(board, q))).collect();
        let attacked = |orders: &[MainOrder]| -> PowerSet {
            let targets: ProvinceSet = orders.iter().filter_map(|o| attack_target(map, o)).collect();
            areas.iter().filter(|(_, a)| !(*a & targets).is_empty()).map(|(q, _)| *q).collect()
        };
        IntentView {
            map,
            board,
            me,
            with,
            ours: &intent.ours,
            theirs: &intent.theirs,
            our_zone: zone(map, our_area),
            their_zone: zone(map, their_area),
            we_spare_them: (our_entered & their_area).is_empty(),
            they_spare_us: (their_entered & our_area).is_empty(),
            our_entered,
            their_entered,
            our_area,
            their_area,
            we_attack: attacked(&intent.ours),
            they_attack: attacked(&intent.theirs),
        }
    }

    /// Whether neither side's orders move into the other's units or centres.
    pub fn peace(&self) -> bool {
        self.we_spare_them && self.they_spare_us
    }

    /// The powers (not us, not the recipient) that both our orders and theirs attack, when there
    /// is peace between us: whom an alliance may be proposed against.
    pub fn common_enemies(&self) -> PowerSet {
        if !self.peace() {
            return PowerSet::EMPTY;
        }
        let mut s = PowerSet(self.we_attack.0 & self.they_attack.0);
        s.remove(self.me);
        s.remove(self.with);
        s
    }

    /// Whether our orders move into province `p`.
    pub fn we_enter(&self, p: Province) -> bool {
        self.our_entered.contains(p)
    }

    /// Whether their orders move into province `p`.
    pub fn they_enter(&self, p: Province) -> bool {
        self.their_entered.contains(p)
    }

    /// Whether the intent entails the atom (see the [module documentation](self)).
    pub fn entails(&self, atom: &Atom) -> bool {
        let us_and_them: PowerSet = [self.me, self.with].into_iter().collect();
        match atom {
            Atom::Will(o) => self.ours.contains(o),
            Atom::Propose(o) => self.theirs.contains(o),
            Atom::Dmz(p, prov) if *p == self.me => !self.our_entered.contains(*prov),
            Atom::Dmz(p, prov) if *p == self.with => !self.their_entered.contains(*prov),
            Atom::Dmz(..) => false,
            Atom::Peace(a, b) => PowerSet::from_iter([*a, *b]) == us_and_them && self.peace(),
            Atom::Alliance { allies, against } => {
                *allies == us_and_them && !against.is_empty() && against.is_subset(self.common_enemies())
            }
            Atom::Yes(inner) => match inner.as_ref() {
                Atom::Propose(o) => self.ours.contains(o),
                Atom::Dmz(p, prov) if *p == self.me => !self.our_entered.contains(*prov),
                Atom::Dmz(..) | Atom::Will(_) => true,
                Atom::Peace(a, b) => PowerSet::from_iter([*a, *b]) == us_and_them && self.we_spare_them,
                Atom::Alliance { allies, against } => {
                    *allies == us_and_them
                        && self.we_spare_them
                        && !against.is_empty()
                        && against.is_subset(self.we_attack)
                        && !against.contains(self.me)
                        && !against.contains(self.with)
                }
                Atom::Yes(_) | Atom::Reject(_) => false,
            },
            Atom::Reject(inner) => match inner.as_ref() {
                Atom::Propose(o) => !self.ours.contains(o),
                Atom::Yes(_) | Atom::Reject(_) => false,
                _ => true,
            },
        }
    }

    /// Whether we accept a proposal part the recipient made to us (a part of
    /// [`Press::answerable`]): its atoms, as accepted, are all entailed.
    pub fn accepts(&self, part: &Press) -> bool {
        let atoms = part.atoms();
        !atoms.is_empty() && atoms.into_iter().all(|a| self.entails(&Atom::Yes(Box::new(a))))
    }

    /// Whether our order `o` concerns the recipient (see the [module documentation](self)).
    pub fn concerns_them(&self, o: &MainOrder) -> bool {
        self.touches(o, self.with, self.their_zone)
    }

    /// Whether the recipient's order `o` matters to us: it acts in our zone, or supports or
    /// convoys one of our units, or its unit stands in our zone or next to it (so that where it
    /// goes decides whether it threatens us).
    pub fn matters_to_us(&self, o: &MainOrder) -> bool {
        let at = self.map.province_of(o.unit().loc);
        self.touches(o, self.me, self.our_zone)
            || self.our_zone.contains(at)
            || !(self.map.neighbours(at) & self.our_zone).is_empty()
    }

    fn touches(&self, o: &MainOrder, power: Power, zone: ProvinceSet) -> bool {
        let map = self.map;
        let owned_by = |loc| self.board.unit(map.province_of(loc)).is_some_and(|u| u.power == power);
        match *o {
            MainOrder::Hold { unit } => zone.contains(map.province_of(unit.loc)),
            MainOrder::Move { to, .. } => zone.contains(map.province_of(to)),
            MainOrder::SupportHold { target, .. } => owned_by(target.loc) || zone.contains(map.province_of(target.loc)),
            MainOrder::SupportMove { target, to, .. } => owned_by(target.loc) || zone.contains(map.province_of(to)),
            MainOrder::Convoy { army, to, .. } => owned_by(army.loc) || zone.contains(map.province_of(to)),
        }
    }

    /// Whether our order `o` attacks the recipient (moves, or supports a move, into a province
    /// held by its units or a centre it owns): true, but not worth saying to them.
    pub fn hostile_to_them(&self, o: &MainOrder) -> bool {
        attack_target(self.map, o).is_some_and(|d| self.their_area.contains(d))
    }

    /// Whether their order `o` attacks us: not something to propose.
    pub fn hostile_to_us(&self, o: &MainOrder) -> bool {
        attack_target(self.map, o).is_some_and(|d| self.our_area.contains(d))
    }
}

/// The province an order moves into, or supports a move into.
fn attack_target(map: &Map, o: &MainOrder) -> Option<Province> {
    match *o {
        MainOrder::Move { to, .. } | MainOrder::SupportMove { to, .. } => Some(map.province_of(to)),
        _ => None,
    }
}
