//! Orders, typed by phase kind, with their canonical text form.
//!
//! Parse with [`Order::parse`] (lenient, the way people type), print with [`Order::display`]
//! (canonical: `A PAR - BUR`, `F NTH C A LON - NWY`, `A WAL S A LON - BEL`, `F SPA/SC R MAO`,
//! `F STP/NC B`, `WAIVE`). Whether an order is valid on a board is a separate check:
//! [`validate`].

mod parse;
pub mod validate;

pub use parse::{OrderParseError, ParseErrorKind};

use crate::board::PhaseKind;
use crate::map::{Location, Map, UnitKind};
use std::fmt;

/// A unit named in an order: its type as written and its location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnitRef {
    /// Army or fleet, as written.
    pub kind: UnitKind,
    /// Where the unit is said to be.
    pub loc: Location,
}

/// A movement-phase order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MainOrder {
    /// `A PAR H`.
    Hold {
        /// The ordered unit.
        unit: UnitRef,
    },
    /// `A PAR - BUR`, or `A LON - NWY VIA` to insist on a convoy.
    Move {
        /// The ordered unit.
        unit: UnitRef,
        /// Destination.
        to: Location,
        /// Explicitly by convoy.
        via_convoy: bool,
    },
    /// `A WAL S A LON`.
    SupportHold {
        /// The ordered unit.
        unit: UnitRef,
        /// The supported unit.
        target: UnitRef,
    },
    /// `A WAL S A LON - BEL`.
    SupportMove {
        /// The ordered unit.
        unit: UnitRef,
        /// The supported unit.
        target: UnitRef,
        /// Where the supported unit moves.
        to: Location,
    },
    /// `F NTH C A LON - NWY`.
    Convoy {
        /// The ordered fleet.
        unit: UnitRef,
        /// The convoyed army.
        army: UnitRef,
        /// Where the army goes.
        to: Location,
    },
}

impl MainOrder {
    /// The ordered unit.
    pub fn unit(&self) -> UnitRef {
        match *self {
            MainOrder::Hold { unit }
            | MainOrder::Move { unit, .. }
            | MainOrder::SupportHold { unit, .. }
            | MainOrder::SupportMove { unit, .. }
            | MainOrder::Convoy { unit, .. } => unit,
        }
    }
}

/// A retreat-phase order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetreatOrder {
    /// `F SPA/SC R MAO`.
    Retreat {
        /// The dislodged unit.
        unit: UnitRef,
        /// Where it retreats.
        to: Location,
    },
    /// `F TRI D`.
    Disband {
        /// The dislodged unit.
        unit: UnitRef,
    },
}

impl RetreatOrder {
    /// The ordered unit.
    pub fn unit(&self) -> UnitRef {
        match *self {
            RetreatOrder::Retreat { unit, .. } | RetreatOrder::Disband { unit } => unit,
        }
    }
}

/// An adjustment-phase order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AdjustmentOrder {
    /// `A PAR B`, `F STP/NC B`.
    Build {
        /// The unit to build.
        unit: UnitRef,
    },
    /// `A PAR D`.
    Remove {
        /// The unit to remove.
        unit: UnitRef,
    },
    /// `WAIVE`: give up one build.
    Waive,
}

/// Any order, of any phase kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// Movement phase.
    Main(MainOrder),
    /// Retreat phase.
    Retreat(RetreatOrder),
    /// Adjustment phase.
    Adjustment(AdjustmentOrder),
}

impl Order {
    /// The phase kind this order belongs to.
    pub fn phase_kind(&self) -> PhaseKind {
        match self {
            Order::Main(_) => PhaseKind::Movement,
            Order::Retreat(_) => PhaseKind::Retreat,
            Order::Adjustment(_) => PhaseKind::Adjustment,
        }
    }

    /// The ordered unit, if the order names one.
    pub fn unit(&self) -> Option<UnitRef> {
        match self {
            Order::Main(o) => Some(o.unit()),
            Order::Retreat(o) => Some(o.unit()),
            Order::Adjustment(AdjustmentOrder::Build { unit } | AdjustmentOrder::Remove { unit }) => Some(*unit),
            Order::Adjustment(AdjustmentOrder::Waive) => None,
        }
    }

    /// The canonical text form, e.g. `A PAR - BUR`.
    pub fn display<'a>(&'a self, map: &'a Map) -> OrderText<'a> {
        OrderText { map, order: self }
    }
}

/// Displays an order in canonical form; see [`Order::display`].
pub struct OrderText<'a> {
    map: &'a Map,
    order: &'a Order,
}

impl fmt::Display for OrderText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.map;
        let u = |u: UnitRef| format!("{} {}", u.kind.letter(), m.loc_name(u.loc));
        match *self.order {
            Order::Main(o) => match o {
                MainOrder::Hold { unit } => write!(f, "{} H", u(unit)),
                MainOrder::Move { unit, to, via_convoy } => {
                    write!(f, "{} - {}{}", u(unit), m.loc_name(to), if via_convoy { " VIA" } else { "" })
                }
                MainOrder::SupportHold { unit, target } => write!(f, "{} S {}", u(unit), u(target)),
                MainOrder::SupportMove { unit, target, to } => {
                    write!(f, "{} S {} - {}", u(unit), u(target), m.loc_name(to))
                }
                MainOrder::Convoy { unit, army, to } => write!(f, "{} C {} - {}", u(unit), u(army), m.loc_name(to)),
            },
            Order::Retreat(RetreatOrder::Retreat { unit, to }) => write!(f, "{} R {}", u(unit), m.loc_name(to)),
            Order::Retreat(RetreatOrder::Disband { unit }) => write!(f, "{} D", u(unit)),
            Order::Adjustment(AdjustmentOrder::Build { unit }) => write!(f, "{} B", u(unit)),
            Order::Adjustment(AdjustmentOrder::Remove { unit }) => write!(f, "{} D", u(unit)),
            Order::Adjustment(AdjustmentOrder::Waive) => f.write_str("WAIVE"),
        }
    }
}
