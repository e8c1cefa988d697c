//! Evidence: claims about what a power will or will not do this phase, with a trust weight,
//! which reweight that power's anchor: τ'(a) ∝ τ(a)·exp(β·trust·agreement(a, claims)).

use legate_engine::map::{Map, Power, ProvinceSet};
use legate_engine::order::MainOrder;
use legate_engine::Board;

/// How strongly fully trusted evidence moves an anchor (per claim kept or broken).
pub const BETA: f64 = 3.0;

/// What a power is said to do (or not) this phase.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// It will give this order.
    WillOrder(MainOrder),
    /// It will not give this order.
    WillNotOrder(MainOrder),
    /// None of its units will move into these provinces (a demilitarised zone).
    WillNotEnter(ProvinceSet),
    /// It will not move into a province held by, or a centre owned by, this power.
    Peace(Power),
}

/// Claims about one power, trusted to a degree in [0, 1] (how far it kept its word before).
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The power the claims are about.
    pub power: Power,
    /// The claims.
    pub claims: Vec<Claim>,
    /// Trust in [0, 1].
    pub trust: f64,
}

/// +1 for each claim the action keeps, −1 for each it breaks.
pub fn agreement(map: &Map, board: &Board, action: &[MainOrder], claims: &[Claim]) -> f64 {
    claims.iter().map(|c| if keeps(map, board, action, c) { 1.0 } else { -1.0 }).sum()
}

/// Whether `action` keeps `claim`.
pub fn keeps(map: &Map, board: &Board, action: &[MainOrder], claim: &Claim) -> bool {
    match claim {
        Claim::WillOrder(o) => action.contains(o),
        _ => action.iter().all(|o| !breaks(map, board, o, claim)),
    }
}

/// Whether the order `o` on its own breaks `claim`: it is an order the claim rules out, or a move
/// into a province the claim keeps the power out of. A [`Claim::WillOrder`] is broken by no
/// single order (only by an action that lacks it).
pub fn breaks(map: &Map, board: &Board, o: &MainOrder, claim: &Claim) -> bool {
    let entered = match o {
        MainOrder::Move { to, .. } => Some(map.province_of(*to)),
        _ => None,
    };
    match claim {
        Claim::WillOrder(_) => false,
        Claim::WillNotOrder(x) => o == x,
        Claim::WillNotEnter(set) => entered.is_some_and(|p| set.contains(p)),
        Claim::Peace(q) => {
            entered.is_some_and(|p| board.unit(p).is_some_and(|u| u.power == *q) || board.owner(p) == Some(*q))
        }
    }
}
