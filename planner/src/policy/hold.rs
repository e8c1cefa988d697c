//! The hold policy: every unit holds, dislodged units disband, builds are waived and removals
//! left to civil disorder. A baseline that can never be surprised.

use super::Policy;
use legate_engine::board::PhaseKind;
use legate_engine::map::Power;
use legate_engine::order::{AdjustmentOrder, MainOrder, RetreatOrder, UnitRef};
use legate_engine::{Board, Map, Order};
use rand_chacha::ChaCha8Rng;

/// Every unit holds.
#[derive(Clone, Copy, Debug, Default)]
pub struct HoldPolicy;

impl HoldPolicy {
    fn orders(board: &Board, power: Power) -> Vec<Order> {
        match board.phase.kind {
            PhaseKind::Movement => board
                .units()
                .filter(|(_, u)| u.power == power)
                .map(|(_, u)| Order::Main(MainOrder::Hold { unit: UnitRef { kind: u.kind, loc: u.loc } }))
                .collect(),
            PhaseKind::Retreat => board
                .dislodged
                .iter()
                .filter(|d| d.unit.power == power)
                .map(|d| Order::Retreat(RetreatOrder::Disband { unit: UnitRef { kind: d.unit.kind, loc: d.unit.loc } }))
                .collect(),
            PhaseKind::Adjustment => {
                let builds = board.adjustments()[power].max(0) as usize;
                vec![Order::Adjustment(AdjustmentOrder::Waive); builds]
            }
        }
    }
}

impl Policy for HoldPolicy {
    fn name(&self) -> &str {
        "hold"
    }

    fn sample(&self, _map: &Map, board: &Board, power: Power, _rng: &mut ChaCha8Rng) -> Vec<Order> {
        HoldPolicy::orders(board, power)
    }

    fn log_prob(&self, _map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
        let mut mine = HoldPolicy::orders(board, power);
        let mut given = orders.to_vec();
        let key = |o: &Order| format!("{:?}", o);
        mine.sort_by_key(key);
        given.sort_by_key(key);
        if mine == given {
            0.0
        } else {
            f64::NEG_INFINITY
        }
    }
}
