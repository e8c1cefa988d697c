//! Whether an order can be given on a board, and if not, why.
//!
//! These checks look at one order and the board only. What depends on the other orders (a
//! support that no move matches, a convoy with no route, a build beyond the allowance) is decided
//! by the adjudicator, which reports it as `void`.

use super::{AdjustmentOrder, MainOrder, RetreatOrder, UnitRef};
use crate::board::{Board, Unit};
use crate::map::{Location, Map, Power, Terrain, UnitKind};
use std::fmt;

/// Why an order cannot be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderError {
    /// No unit stands at the ordered location.
    NoUnit,
    /// The unit belongs to another power.
    ForeignUnit(Power),
    /// A move to the province the unit is in.
    MoveToOwnProvince,
    /// An army ordered onto a sea province.
    ArmyToSea,
    /// A fleet ordered inland.
    FleetInland,
    /// A fleet move to a bicoastal province that both coasts could take, without naming one.
    MissingCoast,
    /// The destination cannot be reached in one move (and, for an army, no convoy could help).
    NotAdjacent,
    /// A fleet cannot be convoyed.
    FleetConvoyed,
    /// The supporter cannot move to the province where it gives support.
    CannotSupport,
    /// A unit cannot support itself or a move into its own province.
    SupportSelf,
    /// Only a fleet on a sea province can convoy.
    ConvoyNotAtSea,
    /// A convoy from a province to itself.
    ConvoyToSameProvince,
    /// A convoy whose ends are not both coastal provinces.
    ConvoyImpossible,
    /// A retreat or disband order for a unit that was not dislodged.
    NotDislodged,
    /// A retreat to a place not among the unit's retreat options.
    InvalidRetreat,
    /// A build outside the power's home centres.
    BuildNotHome,
    /// A build in a home centre the power does not own.
    BuildNotOwned,
    /// A build in an occupied province.
    BuildOccupied,
    /// A build of a unit that cannot stand there (fleet inland, fleet without coast).
    BuildTerrain,
    /// The order belongs to another kind of phase.
    WrongPhase,
}

impl OrderError {
    /// Whether the DATC calls this `illegal` (the order cannot be given at all) rather than
    /// `void` (a well-formed order without effect).
    pub fn is_illegal(self) -> bool {
        matches!(
            self,
            OrderError::NoUnit
                | OrderError::ForeignUnit(_)
                | OrderError::ConvoyToSameProvince
                | OrderError::BuildNotHome
                | OrderError::BuildNotOwned
                | OrderError::BuildOccupied
                | OrderError::BuildTerrain
        )
    }
}

impl fmt::Display for OrderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrderError::NoUnit => "there is no such unit",
            OrderError::ForeignUnit(_) => "the unit belongs to another power",
            OrderError::MoveToOwnProvince => "a unit cannot move to its own province",
            OrderError::ArmyToSea => "an army cannot move to sea",
            OrderError::FleetInland => "a fleet cannot move inland",
            OrderError::MissingCoast => "the destination has two coasts the fleet can reach: name one",
            OrderError::NotAdjacent => "the destination is not adjacent",
            OrderError::FleetConvoyed => "a fleet cannot be convoyed",
            OrderError::CannotSupport => "the supporting unit cannot move to that province",
            OrderError::SupportSelf => "a unit cannot support itself or a move into its own province",
            OrderError::ConvoyNotAtSea => "only a fleet at sea can convoy",
            OrderError::ConvoyToSameProvince => "a convoy must go to another province",
            OrderError::ConvoyImpossible => "an army can only be convoyed between coastal provinces",
            OrderError::NotDislodged => "the unit was not dislodged",
            OrderError::InvalidRetreat => "the unit cannot retreat there",
            OrderError::BuildNotHome => "builds are only allowed in the power's home centres",
            OrderError::BuildNotOwned => "the home centre is not owned by the power",
            OrderError::BuildOccupied => "the province is occupied",
            OrderError::BuildTerrain => "that unit cannot stand there",
            OrderError::WrongPhase => "the order does not belong to this phase",
        })
    }
}

impl std::error::Error for OrderError {}

/// The unit a power orders, or why it cannot order it.
pub fn own_unit(map: &Map, board: &Board, power: Power, unit: UnitRef) -> Result<Unit, OrderError> {
    match board.unit(map.province_of(unit.loc)) {
        None => Err(OrderError::NoUnit),
        Some(u) if u.power != power => Err(OrderError::ForeignUnit(u.power)),
        Some(u) => Ok(u),
    }
}

/// Where a unit of `kind` at `from` would end up moving to `to`, if it can move there in one
/// step: the destination with its coast settled (a fleet's coast inferred when only one fits).
pub fn step_destination(map: &Map, kind: UnitKind, from: Location, to: Location) -> Result<Location, OrderError> {
    let to_prov = map.province_of(to);
    if to_prov == map.province_of(from) {
        return Err(OrderError::MoveToOwnProvince);
    }
    let terrain = map.province(to_prov).terrain;
    match kind {
        UnitKind::Army => {
            if terrain == Terrain::Sea {
                return Err(OrderError::ArmyToSea);
            }
            let to = map.main_location(to_prov);
            if map.adjacent(kind, from).contains(to) {
                Ok(to)
            } else {
                Err(OrderError::NotAdjacent)
            }
        }
        UnitKind::Fleet => {
            if matches!(terrain, Terrain::Land | Terrain::Impassable) {
                return Err(OrderError::FleetInland);
            }
            let adj = map.adjacent(kind, from);
            if map.location(to).coast.is_some() || !map.is_bicoastal(to_prov) {
                return if adj.contains(to) { Ok(to) } else { Err(OrderError::NotAdjacent) };
            }
            let mut fits = map.province(to_prov).coasts.iter().copied().filter(|&c| adj.contains(c));
            match (fits.next(), fits.next()) {
                (None, _) => Err(OrderError::NotAdjacent),
                (Some(c), None) => Ok(c),
                (Some(_), Some(_)) => Err(OrderError::MissingCoast),
            }
        }
    }
}

/// Checks a movement order against the board; returns it with the destination's coast settled.
///
/// An army move to a non-adjacent coastal province is accepted here: whether a convoy carries
/// it depends on the other orders.
pub fn check_main(map: &Map, board: &Board, power: Power, order: &MainOrder) -> Result<MainOrder, OrderError> {
    let u = own_unit(map, board, power, order.unit())?;
    let me = UnitRef { kind: u.kind, loc: u.loc };
    let my_prov = map.province_of(u.loc);
    match *order {
        MainOrder::Hold { .. } => Ok(MainOrder::Hold { unit: me }),
        MainOrder::Move { to, via_convoy, .. } => {
            if u.kind == UnitKind::Fleet && via_convoy {
                return Err(OrderError::FleetConvoyed);
            }
            let to_prov = map.province_of(to);
            match (u.kind, step_destination(map, u.kind, u.loc, to)) {
                (UnitKind::Army, Ok(_) | Err(OrderError::NotAdjacent))
                    if via_convoy || !map.adjacent(u.kind, u.loc).contains(map.main_location(to_prov)) =>
                {
                    if convoyable(map, my_prov) && convoyable(map, to_prov) {
                        Ok(MainOrder::Move { unit: me, to: map.main_location(to_prov), via_convoy })
                    } else {
                        Err(OrderError::NotAdjacent)
                    }
                }
                (_, r) => r.map(|to| MainOrder::Move { unit: me, to, via_convoy }),
            }
        }
        MainOrder::SupportHold { target, .. } => {
            let t = map.province_of(target.loc);
            if t == my_prov {
                Err(OrderError::SupportSelf)
            } else if !map.reach(u.kind, u.loc).contains(t) {
                Err(OrderError::CannotSupport)
            } else {
                Ok(MainOrder::SupportHold { unit: me, target })
            }
        }
        MainOrder::SupportMove { target, to, .. } => {
            let (t, d) = (map.province_of(target.loc), map.province_of(to));
            if t == my_prov || d == my_prov {
                Err(OrderError::SupportSelf)
            } else if t == d {
                Err(OrderError::MoveToOwnProvince)
            } else if !map.reach(u.kind, u.loc).contains(d) {
                Err(OrderError::CannotSupport)
            } else {
                Ok(MainOrder::SupportMove { unit: me, target, to })
            }
        }
        MainOrder::Convoy { army, to, .. } => {
            let (a, d) = (map.province_of(army.loc), map.province_of(to));
            if a == d {
                Err(OrderError::ConvoyToSameProvince)
            } else if u.kind != UnitKind::Fleet || map.province(my_prov).terrain != Terrain::Sea {
                Err(OrderError::ConvoyNotAtSea)
            } else if !convoyable(map, a) || !convoyable(map, d) {
                Err(OrderError::ConvoyImpossible)
            } else {
                Ok(MainOrder::Convoy {
                    unit: me,
                    army: UnitRef { kind: army.kind, loc: map.main_location(a) },
                    to: map.main_location(d),
                })
            }
        }
    }
}

/// Whether an army can be convoyed from or to this province.
fn convoyable(map: &Map, p: crate::map::Province) -> bool {
    map.province(p).terrain == Terrain::Coast
}

/// Checks a retreat order against the board's dislodged units; returns it with the unit's real
/// type and location and the destination's coast settled.
pub fn check_retreat(map: &Map, board: &Board, power: Power, order: &RetreatOrder) -> Result<RetreatOrder, OrderError> {
    let prov = map.province_of(order.unit().loc);
    let Some(d) = board.dislodged.iter().find(|d| map.province_of(d.unit.loc) == prov) else {
        return Err(if board.unit(prov).is_some() { OrderError::NotDislodged } else { OrderError::NoUnit });
    };
    if d.unit.power != power {
        return Err(OrderError::ForeignUnit(d.unit.power));
    }
    let me = UnitRef { kind: d.unit.kind, loc: d.unit.loc };
    match *order {
        RetreatOrder::Disband { .. } => Ok(RetreatOrder::Disband { unit: me }),
        RetreatOrder::Retreat { to, .. } => {
            let to = step_destination(map, d.unit.kind, d.unit.loc, to).map_err(|_| OrderError::InvalidRetreat)?;
            if d.retreats.contains(to) {
                Ok(RetreatOrder::Retreat { unit: me, to })
            } else {
                Err(OrderError::InvalidRetreat)
            }
        }
    }
}

/// Checks one build or removal against the board (not the number allowed, which depends on the
/// other orders).
pub fn check_adjustment(
    map: &Map,
    board: &Board,
    power: Power,
    order: &AdjustmentOrder,
) -> Result<AdjustmentOrder, OrderError> {
    match *order {
        AdjustmentOrder::Waive => Ok(AdjustmentOrder::Waive),
        AdjustmentOrder::Remove { unit } => {
            let u = own_unit(map, board, power, unit)?;
            Ok(AdjustmentOrder::Remove { unit: UnitRef { kind: u.kind, loc: u.loc } })
        }
        AdjustmentOrder::Build { unit } => {
            let prov = map.province_of(unit.loc);
            if !map.power(power).home.contains(prov) {
                Err(OrderError::BuildNotHome)
            } else if board.owner(prov) != Some(power) {
                Err(OrderError::BuildNotOwned)
            } else if board.unit(prov).is_some() {
                Err(OrderError::BuildOccupied)
            } else if !map.can_stand(unit.kind, unit.loc) {
                Err(OrderError::BuildTerrain)
            } else {
                Ok(AdjustmentOrder::Build { unit })
            }
        }
    }
}

/// Checks an order of any kind for `power` on `board`: the check of its kind ([`check_main`],
/// [`check_retreat`], [`check_adjustment`]), or [`OrderError::WrongPhase`] when its kind is not
/// the board's phase kind. Returns the order as settled (coasts inferred).
pub fn check_order(map: &Map, board: &Board, power: Power, order: &super::Order) -> Result<super::Order, OrderError> {
    use super::Order;
    use crate::board::PhaseKind;
    match (*order, board.phase.kind) {
        (Order::Main(o), PhaseKind::Movement) => check_main(map, board, power, &o).map(Order::Main),
        (Order::Retreat(o), PhaseKind::Retreat) => check_retreat(map, board, power, &o).map(Order::Retreat),
        (Order::Adjustment(o), PhaseKind::Adjustment) => check_adjustment(map, board, power, &o).map(Order::Adjustment),
        _ => Err(OrderError::WrongPhase),
    }
}
