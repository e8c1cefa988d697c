//! Adjudication: movement ([`Adjudicator::movement`]), retreats ([`retreat`]) and
//! adjustments ([`adjustment`]).
//!
//! Every order gets a [`Resolution`]: a cheap [`OrderResult`] (what search needs) and a
//! [`Reason`] (what people, the TUI and the dialogue need).

pub mod adjustment;
mod movement;
pub mod retreat;

pub use movement::{Adjudicator, MovementOutcome};

use crate::map::Province;
use crate::order::validate::OrderError;
use std::fmt;

/// What became of an order, in the DATC's four classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderResult {
    /// Carried out.
    Succeeds,
    /// A legal order that did not achieve its aim.
    Fails,
    /// A well-formed order without effect (unmatched support, surplus build, no convoy route…).
    Void,
    /// An order that cannot be given at all (no such unit, foreign unit…).
    Illegal,
}

impl OrderResult {
    /// The DATC word: `succeeds`, `fails`, `void` or `illegal`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderResult::Succeeds => "succeeds",
            OrderResult::Fails => "fails",
            OrderResult::Void => "void",
            OrderResult::Illegal => "illegal",
        }
    }
}

/// Why an order ended as it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Nothing to explain: it succeeded.
    Done,
    /// The order cannot be given on this board.
    Invalid(OrderError),
    /// A second order for a unit already ordered.
    Duplicate,
    /// A support or convoy that no unit's order matches.
    Unmatched,
    /// A convoyed move with no possible chain of convoying fleets.
    NoConvoyRoute,
    /// A convoy the army does not use (it moves over land).
    ConvoyNotUsed,
    /// A support that would help dislodge the supporter's own unit.
    OwnUnit,
    /// The move was stopped by equal or greater strength.
    Bounced,
    /// The unit was dislodged by the unit from this province.
    Dislodged(Province),
    /// The support was cut.
    Cut,
    /// A convoying fleet was dislodged, or a convoy paradox (Szykman rule) stopped the army.
    Disrupted,
    /// More builds or removals than allowed.
    Surplus,
    /// A retreat that clashed with another retreat to the same place.
    RetreatClash,
    /// The dislodged unit was disbanded as ordered.
    Disbanded,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Done => f.write_str("done"),
            Reason::Invalid(e) => write!(f, "{e}"),
            Reason::Duplicate => f.write_str("the unit already has an order"),
            Reason::Unmatched => f.write_str("no order matches it"),
            Reason::NoConvoyRoute => f.write_str("no chain of convoying fleets"),
            Reason::ConvoyNotUsed => f.write_str("the army moves over land"),
            Reason::OwnUnit => f.write_str("it would dislodge its own power's unit"),
            Reason::Bounced => f.write_str("bounced"),
            Reason::Dislodged(_) => f.write_str("dislodged"),
            Reason::Cut => f.write_str("support cut"),
            Reason::Disrupted => f.write_str("convoy disrupted"),
            Reason::Surplus => f.write_str("more than allowed"),
            Reason::RetreatClash => f.write_str("another unit retreated there too"),
            Reason::Disbanded => f.write_str("disbanded"),
        }
    }
}

/// The result of one order and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Resolution {
    /// Succeeds, fails, void or illegal.
    pub result: OrderResult,
    /// Why.
    pub reason: Reason,
}

impl Resolution {
    /// A success.
    pub const DONE: Resolution = Resolution { result: OrderResult::Succeeds, reason: Reason::Done };

    /// A failure for `reason`.
    pub fn fails(reason: Reason) -> Resolution {
        Resolution { result: OrderResult::Fails, reason }
    }

    /// A void order for `reason`.
    pub fn void(reason: Reason) -> Resolution {
        Resolution { result: OrderResult::Void, reason }
    }

    /// An invalid order: illegal or void as the DATC classes it.
    pub fn invalid(e: OrderError) -> Resolution {
        let result = if e.is_illegal() { OrderResult::Illegal } else { OrderResult::Void };
        Resolution { result, reason: Reason::Invalid(e) }
    }

    /// Whether the order was carried out.
    pub fn succeeded(&self) -> bool {
        self.result == OrderResult::Succeeds
    }
}

/// Gives occupied centres to their occupiers when `processed` was the year's last Fall phase:
/// the Fall retreat phase, or the Fall movement phase when no retreat phase follows (no
/// dislodged unit can retreat).
pub fn update_ownership_after(map: &crate::Map, processed: crate::board::Phase, after: &mut crate::Board) {
    use crate::board::{PhaseKind, Season};
    let last_fall = processed.season == Season::Fall
        && (processed.kind == PhaseKind::Retreat
            || (processed.kind == PhaseKind::Movement && after.dislodged.iter().all(|d| d.retreats.is_empty())));
    if last_fall {
        after.update_ownership(map);
    }
}

/// The outcome of any phase: one resolution per order, the board after it, and civil-disorder
/// removals (adjustment phases).
#[derive(Clone, Debug)]
pub struct PhaseOutcome {
    /// One resolution per submitted order, in order; `None` for an order of another phase kind.
    pub results: Vec<Option<Resolution>>,
    /// The board after the phase, before retreat/adjustment phases are skipped or centres change hands.
    pub board: crate::Board,
    /// Units removed by civil disorder.
    pub civil_disorder: Vec<(crate::map::Power, crate::board::Unit)>,
}

/// Adjudicates the board's current phase with orders of any kind; orders of another phase kind
/// get no resolution (they are void).
pub fn phase(
    map: &crate::Map,
    adj: &mut Adjudicator,
    board: &crate::Board,
    orders: &[(crate::map::Power, crate::Order)],
) -> PhaseOutcome {
    use crate::board::PhaseKind;
    use crate::Order;
    let mut index = Vec::new();
    let mut results = vec![None; orders.len()];
    let mut civil_disorder = Vec::new();
    let (res, after): (Vec<Resolution>, crate::Board) = match board.phase.kind {
        PhaseKind::Movement => {
            let mut mine = Vec::new();
            for (i, (p, o)) in orders.iter().enumerate() {
                if let Order::Main(m) = o {
                    mine.push((*p, *m));
                    index.push(i);
                }
            }
            let out = adj.movement(map, board, &mine);
            (out.results.clone(), out.board.clone())
        }
        PhaseKind::Retreat => {
            let mut mine = Vec::new();
            for (i, (p, o)) in orders.iter().enumerate() {
                if let Order::Retreat(m) = o {
                    mine.push((*p, *m));
                    index.push(i);
                }
            }
            let out = retreat::retreat(map, board, &mine);
            (out.results, out.board)
        }
        PhaseKind::Adjustment => {
            let mut mine = Vec::new();
            for (i, (p, o)) in orders.iter().enumerate() {
                if let Order::Adjustment(m) = o {
                    mine.push((*p, *m));
                    index.push(i);
                }
            }
            let out = adjustment::adjustment(map, board, &mine);
            civil_disorder = out.civil_disorder;
            (out.results, out.board)
        }
    };
    for (k, r) in res.into_iter().enumerate() {
        results[index[k]] = Some(r);
    }
    PhaseOutcome { results, board: after, civil_disorder }
}
