//! Deals: a joint action of us and one other power that, by our model, both value above what
//! they expect without it — what two talkers can agree on and then both play (Cicero's
//! bilateral values, `shared/research/algorithms.md` §1.3–1.5, made binding by acceptance).
//!
//! Everyone else is held at its likeliest action; our plausible actions and theirs (the
//! [`DEAL_WIDTH`] likeliest of each, plus variants of the likeliest in which one unit supports
//! a move of the other side's instead: the help that can be traded) are crossed, each joint action adjudicated and evaluated
//! once for every power's value. A pair is a deal when it gives each side at least
//! [`DEAL_MARGIN`] more than its baseline: the larger of its expected value under the current
//! prediction and its value when both sides play their likeliest action. Of the deals, the one
//! with the largest summed gain is proposed.

use super::Search;
use legate_engine::adjudicate::Adjudicator;
use legate_engine::map::{Map, Power, MAX_POWERS};
use legate_engine::order::validate::check_main;
use legate_engine::order::MainOrder;

/// How many of each side's likeliest actions a deal is sought among.
pub const DEAL_WIDTH: usize = 10;

/// How many of each side's likeliest actions are varied with supports of the other's moves.
const SUPPORT_BASES: usize = 2;

/// The most support variants added to each side's actions.
const MAX_SUPPORT_VARIANTS: usize = 20;

/// The least gain over its baseline a deal must give each side (sum-of-squares share).
pub const DEAL_MARGIN: f64 = 0.002;

/// A joint action of us and another power, better for both than their baselines.
#[derive(Clone, Debug, PartialEq)]
pub struct Deal {
    /// The other power.
    pub with: Power,
    /// Our part.
    pub ours: Vec<MainOrder>,
    /// Their part.
    pub theirs: Vec<MainOrder>,
    /// Our value of the deal (the others at their likeliest).
    pub our_value: f64,
    /// Their value of the deal, by our model.
    pub their_value: f64,
    /// Our baseline: what we expect without the deal.
    pub our_baseline: f64,
    /// Their baseline, by our model.
    pub their_baseline: f64,
}

impl Deal {
    /// The summed gain of both sides over their baselines.
    pub fn gain(&self) -> f64 {
        self.our_value - self.our_baseline + self.their_value - self.their_baseline
    }
}

/// `action` with each of `orders` replacing the order of the unit it orders; orders for units
/// `action` does not order are left out.
pub fn patch(map: &Map, action: &[MainOrder], orders: &[MainOrder]) -> Vec<MainOrder> {
    let mut out = action.to_vec();
    for o in orders {
        let at = map.province_of(o.unit().loc);
        if let Some(slot) = out.iter_mut().find(|x| map.province_of(x.unit().loc) == at) {
            *slot = *o;
        }
    }
    out
}

impl Search {
    /// Every power's value after the joint action in which the powers in `fixed` play the given
    /// actions and every other power its likeliest (`likeliest`, by side).
    pub(super) fn joint_values(
        &self,
        adj: &mut Adjudicator,
        buf: &mut Vec<(Power, MainOrder)>,
        likeliest: &[usize],
        fixed: &[(Power, &[MainOrder])],
    ) -> [f64; MAX_POWERS] {
        buf.clear();
        for (side, &l) in self.sides.iter().zip(likeliest) {
            let power = side.cands.power;
            let action = fixed.iter().find(|(p, _)| *p == power).map_or(side.cands.actions[l].as_slice(), |f| f.1);
            buf.extend(action.iter().map(|o| (power, *o)));
        }
        let after = &adj.movement(&self.map, &self.root, buf).board;
        let mut values = [0.0; MAX_POWERS];
        self.evaluator.evaluate(&self.map, after, &mut values);
        values
    }

    /// `power`'s expected value under the current prediction (its predicted policy against the
    /// search's average utilities).
    pub fn expected_value(&self, power: Power) -> f64 {
        let side = &self.sides[power.index()];
        let weight = self.cum_weight.max(1e-12);
        side.prediction().iter().zip(&side.cum_utility).map(|(p, u)| p * u / weight).sum()
    }

    /// The best deal with `with`, if any: over our [`DEAL_WIDTH`] likeliest actions and theirs,
    /// plus variants of each side's likeliest in which one unit supports a move of the other's,
    /// everyone else at its likeliest action, the pair with the largest summed gain among those
    /// giving each side at least [`DEAL_MARGIN`] over its baseline (the larger of its expected
    /// value and its value when both sides play their likeliest action).
    pub fn deal(&self, with: Power) -> Option<Deal> {
        let (me, them) = (self.me, with);
        if me == them || self.sides[them.index()].cands.actions.iter().all(Vec::is_empty) {
            return None;
        }
        let likeliest = self.likeliest();
        let top = |p: Power| -> Vec<usize> { self.sides[p.index()].ranked().into_iter().take(DEAL_WIDTH).collect() };
        let (mut adj, mut buf) = (Adjudicator::new(), Vec::new());
        let status_quo = self.joint_values(&mut adj, &mut buf, &likeliest, &[]);
        let our_baseline = self.expected_value(me).max(status_quo[me.index()]);
        let their_baseline = self.expected_value(them).max(status_quo[them.index()]);
        let (ours, theirs) = (&self.sides[me.index()].cands.actions, &self.sides[them.index()].cands.actions);
        let (top_ours, top_theirs) = (top(me), top(them));
        // Our candidates keep what we are bound to (`Search::bind`), and a support variant adds no move.
        let mut our_actions: Vec<Vec<MainOrder>> = top_ours.iter().map(|&a| ours[a].clone()).collect();
        let mut their_actions: Vec<Vec<MainOrder>> = top_theirs.iter().map(|&b| theirs[b].clone()).collect();
        let bases = |all: &[Vec<MainOrder>]| all.iter().take(SUPPORT_BASES).cloned().collect::<Vec<_>>();
        let (our_bases, their_bases) = (bases(&our_actions), bases(&their_actions));
        for (actions, supporter, supporting, supported) in
            [(&mut our_actions, me, &our_bases, &their_bases), (&mut their_actions, them, &their_bases, &our_bases)]
        {
            for variant in self.support_variants(supporter, supporting, supported) {
                if actions.len() >= DEAL_WIDTH + MAX_SUPPORT_VARIANTS {
                    break;
                }
                if !actions.contains(&variant) {
                    actions.push(variant);
                }
            }
        }
        let mut best: Option<(f64, Deal)> = None;
        for a in &our_actions {
            for b in &their_actions {
                let v = self.joint_values(&mut adj, &mut buf, &likeliest, &[(me, a), (them, b)]);
                let (gain_us, gain_them) = (v[me.index()] - our_baseline, v[them.index()] - their_baseline);
                if gain_us < DEAL_MARGIN || gain_them < DEAL_MARGIN {
                    continue;
                }
                if best.as_ref().is_none_or(|(g, _)| gain_us + gain_them > *g) {
                    let deal = Deal {
                        with,
                        ours: a.clone(),
                        theirs: b.clone(),
                        our_value: v[me.index()],
                        their_value: v[them.index()],
                        our_baseline,
                        their_baseline,
                    };
                    best = Some((gain_us + gain_them, deal));
                }
            }
        }
        best.map(|(_, d)| d)
    }

    /// Variants of `supporter`'s actions `bases` in which one of its units supports, instead of
    /// its order, a move of another power's actions `supported`: the help a deal can trade.
    fn support_variants(
        &self,
        supporter: Power,
        bases: &[Vec<MainOrder>],
        supported: &[Vec<MainOrder>],
    ) -> Vec<Vec<MainOrder>> {
        let mut out = Vec::new();
        for base in bases {
            for mv in supported.iter().flatten() {
                let MainOrder::Move { unit: target, to, via_convoy: false } = *mv else { continue };
                for (i, o) in base.iter().enumerate() {
                    let support = MainOrder::SupportMove { unit: o.unit(), target, to };
                    let Ok(support) = check_main(&self.map, &self.root, supporter, &support) else { continue };
                    let mut variant = base.clone();
                    variant[i] = support;
                    if !out.contains(&variant) {
                        out.push(variant);
                    }
                }
            }
        }
        out
    }

    /// Our best action that gives the orders `from` asked of us (`asked`) and keeps the orders
    /// we are bound to (`keep`), with its value: among `current` and our [`DEAL_WIDTH`] likeliest
    /// actions, each amended by `asked`, the one worth most to us when `from` plays its likeliest
    /// action amended by the orders it said it will give (`claims`) and everyone else plays its
    /// likeliest. None when no amended action gives every asked order and keeps `keep`.
    pub fn answer_proposal(
        &self,
        asked: &[MainOrder],
        from: Power,
        claims: &[MainOrder],
        current: &[MainOrder],
        keep: &[MainOrder],
    ) -> Option<(Vec<MainOrder>, f64)> {
        let likeliest = self.likeliest();
        let theirs = patch(&self.map, &self.sides[from.index()].cands.actions[likeliest[from.index()]], claims);
        let side = &self.sides[self.me.index()];
        let ranked = side.ranked();
        let options =
            std::iter::once(current).chain(ranked.iter().take(DEAL_WIDTH).map(|&i| side.cands.actions[i].as_slice()));
        let (mut adj, mut buf) = (Adjudicator::new(), Vec::new());
        let mut best: Option<(Vec<MainOrder>, f64)> = None;
        for option in options {
            let amended = patch(&self.map, option, asked);
            if !asked.iter().chain(keep).all(|o| amended.contains(o)) || !self.keeps_bound(&amended) {
                continue;
            }
            let fixed = [(self.me, amended.as_slice()), (from, theirs.as_slice())];
            let v = self.joint_values(&mut adj, &mut buf, &likeliest, &fixed)[self.me.index()];
            if best.as_ref().is_none_or(|(_, bv)| v > *bv) {
                best = Some((amended, v));
            }
        }
        best
    }
}
