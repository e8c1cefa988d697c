//! Position evaluation: each power's sum-of-squares share of its projected strength after a
//! phase.
//!
//! A power's strength is its projected supply centres (a centre goes to the unit standing on it,
//! else stays with its owner), plus 0.2 per unit it still has, plus 0.3 × the mean blueprint value
//! of its units' new locations (normalised to [0, 1] per power, from the blueprint's values at the
//! root of the search) — so that among equal centre counts, better-placed armies are worth more.
//! The value is `s_p² / Σ_q s_q²`: 1 for a lone survivor, 1/7 each in a symmetric position.

use crate::policy::blueprint::Values;
use legate_engine::map::{Map, Power, MAX_POWERS, MAX_PROVINCES};
use legate_engine::Board;

/// Weight of a unit in a power's strength.
const UNIT_WEIGHT: f64 = 0.2;
/// Weight of a unit's (normalised) positional value.
const POSITION_WEIGHT: f64 = 0.3;

/// Evaluates positions for all powers; built once per search from the root board.
pub struct Evaluator {
    /// Per power, per unit kind, per location: the blueprint's destination value scaled to [0, 1].
    position: Vec<[[f32; MAX_PROVINCES]; 2]>,
    powers: usize,
}

impl Evaluator {
    /// Prepares the positional values of every power at `root`.
    pub fn new(map: &Map, root: &Board) -> Evaluator {
        let position = map
            .powers()
            .map(|p| {
                let values = Values::new(map, root, p);
                let mut out = [[0f32; MAX_PROVINCES]; 2];
                for (k, kind) in
                    [legate_engine::map::UnitKind::Army, legate_engine::map::UnitKind::Fleet].into_iter().enumerate()
                {
                    let vals: Vec<f64> = map.locations().map(|l| values.dest(kind, l)).collect();
                    let finite = vals.iter().copied().filter(|v| v.is_finite());
                    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
                    for (i, v) in vals.iter().enumerate() {
                        out[k][i] = if v.is_finite() && hi > lo { ((v - lo) / (hi - lo)) as f32 } else { 0.0 };
                    }
                }
                out
            })
            .collect();
        Evaluator { position, powers: map.power_count() }
    }

    /// Every power's value of the board after a phase, into `out` (indexed by power).
    pub fn evaluate(&self, map: &Map, after: &Board, out: &mut [f64; MAX_POWERS]) {
        let mut strength = [0f64; MAX_POWERS];
        for c in map.centers().iter() {
            let holder = after.unit(c).map(|u| u.power).or(after.owner(c));
            if let Some(p) = holder {
                strength[p.index()] += 1.0;
            }
        }
        for (_, u) in after.units() {
            let k = usize::from(u.kind == legate_engine::map::UnitKind::Fleet);
            strength[u.power.index()] +=
                UNIT_WEIGHT + POSITION_WEIGHT * f64::from(self.position[u.power.index()][k][u.loc.index()]);
        }
        let total: f64 = strength[..self.powers].iter().map(|s| s * s).sum();
        for p in 0..self.powers {
            out[p] = if total > 0.0 { strength[p] * strength[p] / total } else { 0.0 };
        }
    }

    /// One power's value (see [`Evaluator::evaluate`]).
    pub fn value(&self, map: &Map, after: &Board, power: Power) -> f64 {
        let mut out = [0.0; MAX_POWERS];
        self.evaluate(map, after, &mut out);
        out[power.index()]
    }
}
