//! Press: the typed form of what a message claims or proposes, DAIDE level 20–30 in spirit.
//!
//! A [`Press`] is said by a sender to a recipient:
//!
//! | press | text form | meaning |
//! |---|---|---|
//! | [`Press::Will`] | `WILL (A PAR - BUR; F BRE - MAO)` | the sender will order these (its own units) |
//! | [`Press::Propose`] | `PRP (A MUN - BUR)` | the sender asks the recipient to order these (the recipient's units) |
//! | [`Press::Dmz`] | `DMZ (FRANCE GERMANY) (BUR RUH)` | none of these powers moves into these provinces |
//! | [`Press::Peace`] | `PCE (FRANCE GERMANY)` | these powers do not move into each other's units or centres |
//! | [`Press::Alliance`] | `ALY (FRANCE ENGLAND) VSS (GERMANY)` | the allies are at peace and fight the others |
//! | [`Press::And`] | `AND (…) (…)` | all of these |
//! | [`Press::Yes`] | `YES (…)` | the sender accepts this proposal, made to it |
//! | [`Press::Reject`] | `REJ (…)` | the sender refuses this proposal, made to it |
//!
//! Orders are written in the engine's canonical form and powers by their map names; provinces by
//! their abbreviations. [`Press::parse`] reads the text form (keywords in any case) and
//! [`Press::display`] prints it, so that the two round-trip.
//!
//! For comparing what two messages say, a press breaks into [`Atom`]s ([`Press::atoms`]); for the
//! planner, what a sender says about itself becomes [`Evidence`] ([`Press::evidence`]).

use legate_engine::board::PhaseKind;
use legate_engine::map::{Map, Power, Province, ProvinceSet, MAX_POWERS};
use legate_engine::order::validate::check_main;
use legate_engine::order::{MainOrder, OrderParseError};
use legate_engine::{Board, Order};
use legate_planner::search::{Claim, Evidence};
use std::fmt;

/// A set of powers as a bitmask (a map has at most [`MAX_POWERS`] powers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PowerSet(pub u8);

const _: () = assert!(MAX_POWERS <= 8, "a PowerSet holds at most eight powers");

impl PowerSet {
    /// The empty set.
    pub const EMPTY: PowerSet = PowerSet(0);

    /// Whether `p` is in the set.
    pub fn contains(self, p: Power) -> bool {
        self.0 >> p.0 & 1 == 1
    }

    /// Adds `p`.
    pub fn insert(&mut self, p: Power) {
        self.0 |= 1 << p.0;
    }

    /// Removes `p`.
    pub fn remove(&mut self, p: Power) {
        self.0 &= !(1 << p.0);
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Number of members.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Members in map order.
    pub fn iter(self) -> impl Iterator<Item = Power> {
        (0..8u8).filter(move |i| self.0 >> i & 1 == 1).map(Power)
    }

    /// Whether every member of `self` is in `other`.
    pub fn is_subset(self, other: PowerSet) -> bool {
        self.0 & !other.0 == 0
    }
}

impl FromIterator<Power> for PowerSet {
    fn from_iter<I: IntoIterator<Item = Power>>(it: I) -> PowerSet {
        let mut s = PowerSet::EMPTY;
        for p in it {
            s.insert(p);
        }
        s
    }
}

/// What a message claims or proposes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Press {
    /// "I will order these": movement orders for the sender's own units (DAIDE `XDO` said of
    /// oneself).
    Will(Vec<MainOrder>),
    /// "Please order these": movement orders for the recipient's units (`PRP (XDO …)`).
    Propose(Vec<MainOrder>),
    /// No unit of these powers moves into these provinces.
    Dmz {
        /// The powers that stay out.
        powers: PowerSet,
        /// The provinces they stay out of.
        provinces: ProvinceSet,
    },
    /// These powers do not move into provinces held by, or centres owned by, each other.
    Peace(PowerSet),
    /// The allies are at peace with each other and fight the powers in `against`.
    Alliance {
        /// The allied powers.
        allies: PowerSet,
        /// The powers they fight.
        against: PowerSet,
    },
    /// All of these.
    And(Vec<Press>),
    /// The sender accepts this, which the recipient proposed to it.
    Yes(Box<Press>),
    /// The sender refuses this, which the recipient proposed to it.
    Reject(Box<Press>),
}

/// One elementary claim of a press: what precision and recall of a message are counted in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Atom {
    /// The sender will give this order.
    Will(MainOrder),
    /// The sender asks the recipient to give this order.
    Propose(MainOrder),
    /// This power stays out of this province.
    Dmz(Power, Province),
    /// These two powers (the lower first) are at peace.
    Peace(Power, Power),
    /// These allies fight these powers.
    Alliance {
        /// The allied powers.
        allies: PowerSet,
        /// The powers they fight.
        against: PowerSet,
    },
    /// The sender accepts this (proposed to it).
    Yes(Box<Atom>),
    /// The sender refuses this (proposed to it).
    Reject(Box<Atom>),
}

impl Atom {
    /// The atom as a press, for printing.
    pub fn to_press(&self) -> Press {
        match self {
            Atom::Will(o) => Press::Will(vec![*o]),
            Atom::Propose(o) => Press::Propose(vec![*o]),
            Atom::Dmz(p, prov) => {
                Press::Dmz { powers: PowerSet::from_iter([*p]), provinces: ProvinceSet::from_iter([*prov]) }
            }
            Atom::Peace(a, b) => Press::Peace(PowerSet::from_iter([*a, *b])),
            Atom::Alliance { allies, against } => Press::Alliance { allies: *allies, against: *against },
            Atom::Yes(a) => Press::Yes(Box::new(a.to_press())),
            Atom::Reject(a) => Press::Reject(Box::new(a.to_press())),
        }
    }
}

impl Press {
    /// The conjunction of `parts`, compacted: nested conjunctions are flattened, all own-order
    /// claims merged into one `WILL`, all proposed orders into one `PRP`, all accepted orders
    /// into one `YES (PRP …)` and all refused ones into one `REJ (PRP …)`; repeats are dropped.
    /// `None` when nothing is left; the part itself when one is.
    pub fn and(parts: Vec<Press>) -> Option<Press> {
        let mut flat = Vec::new();
        flatten(parts, &mut flat);
        let (mut will, mut prp, mut yes, mut rej, mut rest) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let push_all = |to: &mut Vec<MainOrder>, from: Vec<MainOrder>| {
            for o in from {
                if !to.contains(&o) {
                    to.push(o);
                }
            }
        };
        for p in flat {
            match p {
                Press::Will(o) => push_all(&mut will, o),
                Press::Propose(o) => push_all(&mut prp, o),
                Press::Yes(inner) if matches!(*inner, Press::Propose(_)) => {
                    let Press::Propose(o) = *inner else { unreachable!("matched above") };
                    push_all(&mut yes, o)
                }
                Press::Reject(inner) if matches!(*inner, Press::Propose(_)) => {
                    let Press::Propose(o) = *inner else { unreachable!("matched above") };
                    push_all(&mut rej, o)
                }
                other => {
                    if !rest.contains(&other) {
                        rest.push(other)
                    }
                }
            }
        }
        let mut out = Vec::new();
        if !will.is_empty() {
            out.push(Press::Will(will));
        }
        if !prp.is_empty() {
            out.push(Press::Propose(prp));
        }
        if !yes.is_empty() {
            out.push(Press::Yes(Box::new(Press::Propose(yes))));
        }
        if !rej.is_empty() {
            out.push(Press::Reject(Box::new(Press::Propose(rej))));
        }
        out.extend(rest);
        match out.len() {
            0 => None,
            1 => out.pop(),
            _ => Some(Press::And(out)),
        }
    }

    /// The elementary claims, each once, in order. `YES (x)` gives `Yes(a)` for each atom `a`
    /// of `x`, and `REJ (x)` likewise.
    pub fn atoms(&self) -> Vec<Atom> {
        let mut out = Vec::new();
        self.push_atoms(&mut out);
        out
    }

    fn push_atoms(&self, out: &mut Vec<Atom>) {
        let mut push = |a: Atom| {
            if !out.contains(&a) {
                out.push(a);
            }
        };
        match self {
            Press::Will(orders) => orders.iter().for_each(|o| push(Atom::Will(*o))),
            Press::Propose(orders) => orders.iter().for_each(|o| push(Atom::Propose(*o))),
            Press::Dmz { powers, provinces } => {
                for p in powers.iter() {
                    for prov in provinces.iter() {
                        push(Atom::Dmz(p, prov));
                    }
                }
            }
            Press::Peace(powers) => {
                let v: Vec<Power> = powers.iter().collect();
                for (i, a) in v.iter().enumerate() {
                    for b in &v[i + 1..] {
                        push(Atom::Peace(*a, *b));
                    }
                }
            }
            Press::Alliance { allies, against } => push(Atom::Alliance { allies: *allies, against: *against }),
            Press::And(parts) => {
                for p in parts {
                    p.push_atoms(out);
                }
            }
            Press::Yes(inner) => inner.atoms().into_iter().for_each(|a| push(Atom::Yes(Box::new(a)))),
            Press::Reject(inner) => inner.atoms().into_iter().for_each(|a| push(Atom::Reject(Box::new(a)))),
        }
    }

    /// The parts of this press, sent by someone to `to`, that `to` can answer with `YES` or
    /// `REJ`: each proposed order alone (`PRP (o)`), and each `DMZ` and `PCE` that includes `to`
    /// and each `ALY` that counts `to` among the allies. Nested conjunctions are searched;
    /// answers (`YES`, `REJ`) and the sender's own claims are not proposals.
    pub fn answerable(&self, to: Power) -> Vec<Press> {
        let mut out = Vec::new();
        self.push_answerable(to, &mut out);
        out
    }

    fn push_answerable(&self, to: Power, out: &mut Vec<Press>) {
        let mut push = |p: Press| {
            if !out.contains(&p) {
                out.push(p);
            }
        };
        match self {
            Press::Propose(orders) => orders.iter().for_each(|o| push(Press::Propose(vec![*o]))),
            Press::Dmz { powers, .. } | Press::Peace(powers) if powers.contains(to) => push(self.clone()),
            Press::Alliance { allies, .. } if allies.contains(to) => push(self.clone()),
            Press::And(parts) => parts.iter().for_each(|p| p.push_answerable(to, out)),
            _ => {}
        }
    }

    /// Which of `answerable` (proposals made to `speaker`) this statement by `speaker` answers,
    /// if any: an own-order claim `WILL (o)` answers `PRP (o)`; a `DMZ` that `speaker` is part of
    /// answers a proposed `DMZ` over the same provinces; a `PCE` a proposed `PCE` of the same
    /// powers; an `ALY` with `speaker` among the allies a proposed `ALY` against the same powers.
    /// Used by readers and writers alike to turn "I'll do what you asked" into `YES`, and "I
    /// won't" into `REJ`.
    pub fn answers<'a>(&self, speaker: Power, answerable: &'a [Press]) -> Option<&'a Press> {
        answerable.iter().find(|a| match (self, a) {
            (Press::Will(o), Press::Propose(p)) => o.len() == 1 && p.len() == 1 && o[0] == p[0],
            (Press::Dmz { powers, provinces: x }, Press::Dmz { provinces: y, .. }) => {
                powers.contains(speaker) && x == y
            }
            (Press::Peace(x), Press::Peace(y)) => x == y,
            (Press::Alliance { allies, against: x }, Press::Alliance { against: y, .. }) => {
                allies.contains(speaker) && x == y
            }
            _ => false,
        })
    }

    /// What this press, sent by `sender`, says about `sender`'s own play this phase, as planner
    /// evidence trusted at `trust`:
    ///
    /// - `WILL (o…)`: `WillOrder(o)` for each order that is a legal order of one of `sender`'s
    ///   units on `board` (others are dropped: a sender cannot promise another power's moves);
    /// - `DMZ (powers) (provinces)`: `WillNotEnter(provinces)` when `sender` is among the powers;
    /// - `PCE (powers)`: `Peace(q)` for every other power `q` when `sender` is among them;
    /// - `ALY (allies) VSS (…)`: `Peace(q)` for every other ally when `sender` is an ally;
    /// - `YES (x)`: for a proposal `PRP (o…)` made to `sender`, `WillOrder(o)` for its legal
    ///   orders; for an accepted `DMZ`, `PCE` or `ALY`, what stating it would give;
    /// - `PRP`, `REJ`, and `WILL` inside `YES` (accepting someone's own plan): nothing.
    ///
    /// Repeated claims are given once.
    pub fn evidence(&self, map: &Map, board: &Board, sender: Power, trust: f64) -> Evidence {
        let mut claims = Vec::new();
        self.push_claims(map, board, sender, false, &mut claims);
        Evidence { power: sender, claims, trust }
    }

    fn push_claims(&self, map: &Map, board: &Board, sender: Power, accepted: bool, out: &mut Vec<Claim>) {
        let mut push = |c: Claim| {
            if !out.contains(&c) {
                out.push(c);
            }
        };
        let orders = |orders: &[MainOrder], push: &mut dyn FnMut(Claim)| {
            for o in orders {
                if let Ok(o) = check_main(map, board, sender, o) {
                    push(Claim::WillOrder(o));
                }
            }
        };
        match self {
            Press::Will(o) if !accepted => orders(o, &mut push),
            Press::Propose(o) if accepted => orders(o, &mut push),
            Press::Dmz { powers, provinces } if powers.contains(sender) => push(Claim::WillNotEnter(*provinces)),
            Press::Peace(powers) if powers.contains(sender) => {
                powers.iter().filter(|&q| q != sender).for_each(|q| push(Claim::Peace(q)))
            }
            Press::Alliance { allies, .. } if allies.contains(sender) => {
                allies.iter().filter(|&q| q != sender).for_each(|q| push(Claim::Peace(q)))
            }
            Press::And(parts) => parts.iter().for_each(|p| p.push_claims(map, board, sender, accepted, out)),
            Press::Yes(inner) if !accepted => inner.push_claims(map, board, sender, true, out),
            _ => {}
        }
    }

    /// The canonical text form, e.g. `AND (WILL (A PAR - BUR)) (PRP (A MUN - RUH))`.
    pub fn display<'a>(&'a self, map: &'a Map) -> PressText<'a> {
        PressText { map, press: self }
    }

    /// Parses the text form (keywords, power names and provinces in any case; orders as the
    /// engine's lenient order parser reads them, movement orders only).
    ///
    /// ```
    /// use legate_dialogue::press::Press;
    /// use legate_engine::Map;
    /// let map = Map::standard();
    /// let p = Press::parse(&map, "and (will (a par - bur)) (dmz (france germany) (bur ruh))").unwrap();
    /// assert_eq!(p.display(&map).to_string(), "AND (WILL (A PAR - BUR)) (DMZ (FRANCE GERMANY) (BUR RUH))");
    /// ```
    pub fn parse(map: &Map, text: &str) -> Result<Press, PressParseError> {
        let mut p = PressParser { map, text, pos: 0 };
        let press = p.press()?;
        p.skip_space();
        if p.pos < text.len() {
            return Err(p.error(PressErrorKind::Trailing(text[p.pos..].to_string())));
        }
        Ok(press)
    }
}

fn flatten(parts: Vec<Press>, out: &mut Vec<Press>) {
    for p in parts {
        match p {
            Press::And(inner) => flatten(inner, out),
            other => out.push(other),
        }
    }
}

/// Displays a press in its text form; see [`Press::display`].
pub struct PressText<'a> {
    map: &'a Map,
    press: &'a Press,
}

impl fmt::Display for PressText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let map = self.map;
        let orders = |f: &mut fmt::Formatter<'_>, os: &[MainOrder]| -> fmt::Result {
            for (i, o) in os.iter().enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                write!(f, "{}", Order::Main(*o).display(map))?;
            }
            Ok(())
        };
        let powers = |f: &mut fmt::Formatter<'_>, ps: PowerSet| -> fmt::Result {
            let names: Vec<&str> = ps.iter().map(|p| map.power_name(p)).collect();
            write!(f, "({})", names.join(" "))
        };
        match self.press {
            Press::Will(os) => {
                f.write_str("WILL (")?;
                orders(f, os)?;
                f.write_str(")")
            }
            Press::Propose(os) => {
                f.write_str("PRP (")?;
                orders(f, os)?;
                f.write_str(")")
            }
            Press::Dmz { powers: ps, provinces } => {
                f.write_str("DMZ ")?;
                powers(f, *ps)?;
                let abbrs: Vec<&str> = provinces.iter().map(|p| map.abbr(p)).collect();
                write!(f, " ({})", abbrs.join(" "))
            }
            Press::Peace(ps) => {
                f.write_str("PCE ")?;
                powers(f, *ps)
            }
            Press::Alliance { allies, against } => {
                f.write_str("ALY ")?;
                powers(f, *allies)?;
                f.write_str(" VSS ")?;
                powers(f, *against)
            }
            Press::And(parts) => {
                f.write_str("AND")?;
                for p in parts {
                    write!(f, " ({})", p.display(map))?;
                }
                Ok(())
            }
            Press::Yes(inner) => write!(f, "YES ({})", inner.display(map)),
            Press::Reject(inner) => write!(f, "REJ ({})", inner.display(map)),
        }
    }
}

/// Why a press text could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} at byte {at}: {kind}")]
pub struct PressParseError {
    /// The text as given.
    pub input: String,
    /// Where the problem starts (a byte offset).
    pub at: usize,
    /// What is wrong.
    pub kind: PressErrorKind,
}

/// What is wrong with a press text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PressErrorKind {
    /// Something else was expected here.
    #[error("expected {what}, found {found:?}")]
    Expected {
        /// What was expected.
        what: &'static str,
        /// What was found (empty at the end).
        found: String,
    },
    /// A keyword that is no press.
    #[error("unknown press {0:?} (expected WILL, PRP, DMZ, PCE, ALY, AND, YES or REJ)")]
    UnknownKeyword(String),
    /// A name that is no power on this map.
    #[error("unknown power {0:?}")]
    UnknownPower(String),
    /// A name that is no province on this map.
    #[error("unknown province {0:?}")]
    UnknownProvince(String),
    /// An order that could not be read.
    #[error("{0}")]
    Order(OrderParseError),
    /// An order of a retreat or adjustment phase.
    #[error("{0:?} is not a movement order")]
    NotMovement(String),
    /// A list that must not be empty is.
    #[error("empty list")]
    Empty,
    /// Text left over after a complete press.
    #[error("unexpected {0:?} after a complete press")]
    Trailing(String),
}

struct PressParser<'a> {
    map: &'a Map,
    text: &'a str,
    pos: usize,
}

impl<'a> PressParser<'a> {
    fn error(&self, kind: PressErrorKind) -> PressParseError {
        PressParseError { input: self.text.to_string(), at: self.pos, kind }
    }

    fn skip_space(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn found(&self) -> String {
        self.text[self.pos..].chars().take(12).collect()
    }

    fn keyword(&mut self) -> String {
        self.skip_space();
        let rest = &self.text[self.pos..];
        let len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        self.pos += len;
        rest[..len].to_ascii_uppercase()
    }

    fn expect(&mut self, c: char, what: &'static str) -> Result<(), PressParseError> {
        self.skip_space();
        if self.text[self.pos..].starts_with(c) {
            self.pos += c.len_utf8();
            Ok(())
        } else {
            Err(self.error(PressErrorKind::Expected { what, found: self.found() }))
        }
    }

    fn at(&mut self, c: char) -> bool {
        self.skip_space();
        self.text[self.pos..].starts_with(c)
    }

    /// The text up to the matching `)` of an already consumed `(`, which is consumed too.
    fn group_text(&mut self) -> Result<&'a str, PressParseError> {
        let text: &'a str = self.text;
        let rest = &text[self.pos..];
        let Some(end) = rest.find([')', '(']).filter(|&i| rest[i..].starts_with(')')) else {
            return Err(self.error(PressErrorKind::Expected { what: "\")\"", found: self.found() }));
        };
        self.pos += end + 1;
        Ok(&rest[..end])
    }

    fn orders(&mut self) -> Result<Vec<MainOrder>, PressParseError> {
        self.expect('(', "\"(\" and orders")?;
        let start = self.pos;
        let text = self.group_text()?;
        let mut out = Vec::new();
        for part in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            match Order::parse(self.map, part, PhaseKind::Movement, None) {
                Ok(Order::Main(o)) => out.push(o),
                Ok(_) => {
                    return Err(PressParseError {
                        input: self.text.to_string(),
                        at: start,
                        kind: PressErrorKind::NotMovement(part.to_string()),
                    })
                }
                Err(e) => {
                    return Err(PressParseError {
                        input: self.text.to_string(),
                        at: start,
                        kind: PressErrorKind::Order(e),
                    })
                }
            }
        }
        if out.is_empty() {
            return Err(PressParseError { input: self.text.to_string(), at: start, kind: PressErrorKind::Empty });
        }
        Ok(out)
    }

    fn powers(&mut self) -> Result<PowerSet, PressParseError> {
        self.expect('(', "\"(\" and powers")?;
        let start = self.pos;
        let text = self.group_text()?;
        let mut set = PowerSet::EMPTY;
        for name in text.split_whitespace() {
            match self.map.power_by_name(name) {
                Some(p) => set.insert(p),
                None => {
                    return Err(PressParseError {
                        input: self.text.to_string(),
                        at: start,
                        kind: PressErrorKind::UnknownPower(name.to_string()),
                    })
                }
            }
        }
        if set.is_empty() {
            return Err(PressParseError { input: self.text.to_string(), at: start, kind: PressErrorKind::Empty });
        }
        Ok(set)
    }

    fn provinces(&mut self) -> Result<ProvinceSet, PressParseError> {
        self.expect('(', "\"(\" and provinces")?;
        let start = self.pos;
        let text = self.group_text()?;
        let mut set = ProvinceSet::EMPTY;
        for name in text.split_whitespace() {
            match self.map.province_by_name(name) {
                Some(p) => set.insert(p),
                None => {
                    return Err(PressParseError {
                        input: self.text.to_string(),
                        at: start,
                        kind: PressErrorKind::UnknownProvince(name.to_string()),
                    })
                }
            }
        }
        if set.is_empty() {
            return Err(PressParseError { input: self.text.to_string(), at: start, kind: PressErrorKind::Empty });
        }
        Ok(set)
    }

    fn nested(&mut self) -> Result<Press, PressParseError> {
        self.expect('(', "\"(\" and a press")?;
        let p = self.press()?;
        self.expect(')', "\")\"")?;
        Ok(p)
    }

    fn press(&mut self) -> Result<Press, PressParseError> {
        let start = self.pos;
        let kw = self.keyword();
        Ok(match kw.as_str() {
            "WILL" => Press::Will(self.orders()?),
            "PRP" => Press::Propose(self.orders()?),
            "DMZ" => {
                let powers = self.powers()?;
                Press::Dmz { powers, provinces: self.provinces()? }
            }
            "PCE" => Press::Peace(self.powers()?),
            "ALY" => {
                let allies = self.powers()?;
                let vss = self.keyword();
                if vss != "VSS" {
                    return Err(self.error(PressErrorKind::Expected { what: "VSS", found: vss }));
                }
                Press::Alliance { allies, against: self.powers()? }
            }
            "AND" => {
                let mut parts = vec![self.nested()?];
                while self.at('(') {
                    parts.push(self.nested()?);
                }
                Press::And(parts)
            }
            "YES" => Press::Yes(Box::new(self.nested()?)),
            "REJ" => Press::Reject(Box::new(self.nested()?)),
            "" => {
                self.pos = start;
                self.skip_space();
                return Err(self.error(PressErrorKind::Expected { what: "a press keyword", found: self.found() }));
            }
            other => {
                self.pos = start;
                self.skip_space();
                return Err(self.error(PressErrorKind::UnknownKeyword(other.to_string())));
            }
        })
    }
}
