//! Refining the prediction (predict → plan → predict): part-way through the search, every power's
//! best response to the others' likeliest play joins its candidates (a double-oracle step), so the
//! rest of the search can weigh actions that the blueprint's samples missed — a support the
//! blueprint rarely draws, a move into a centre the others leave open.
//!
//! The best response is found by coordinate ascent from the power's likeliest action: unit by
//! unit, every legal order is tried with the others fixed, and the best kept. Its anchor is the
//! blueprint's probability relative to the action it started from (orders the blueprint never
//! plays, such as convoys, get the set's smallest anchor); its running utility starts as that
//! action's, so it must earn its weight in the iterations that follow. Best responses are valued on
//! the position after the phase, without rollouts, even when the search rolls out.

use super::{breaks, Claim, Round, Search};
use crate::policy::blueprint::Values;
use legate_engine::legal::{push_movement_options, ConvoyRoutes};
use legate_engine::order::MainOrder;
use legate_engine::Order;
use rayon::prelude::*;

/// What a best response is computed against: the others' likeliest actions (a [`Round`] without
/// rollout) and the board's convoy routes.
struct Against<'a> {
    round: Round<'a>,
    routes: &'a ConvoyRoutes,
    /// Which side is ours, and what we are bound to: our best response keeps it.
    us: usize,
    bound: &'a [Claim],
}

impl Against<'_> {
    /// Power `p`'s best response by one pass of coordinate ascent from its likeliest action, if
    /// that improves on it.
    fn best_response(&self, p: usize) -> Option<Vec<MainOrder>> {
        let (map, root) = (self.round.map, self.round.root);
        let mut action = self.round.joint[p].clone();
        let mut best = self.round.utility(p, &action, 0);
        let mut improved = false;
        let mut options = Vec::new();
        for j in 0..action.len() {
            options.clear();
            push_movement_options(map, root, self.routes, map.province_of(action[j].unit().loc), &mut options);
            let mut keep = action[j];
            for &o in &options {
                if p == self.us && self.bound.iter().any(|c| breaks(map, root, &o, c)) {
                    continue;
                }
                action[j] = o;
                let v = self.round.utility(p, &action, 0);
                if v > best + 1e-12 {
                    best = v;
                    keep = o;
                    improved = true;
                }
            }
            action[j] = keep;
        }
        improved.then_some(action)
    }
}

impl Search {
    /// Adds every power's best response to the others' likeliest actions as a new candidate
    /// (see the [module documentation](self)); returns how many were new.
    pub(super) fn refine(&mut self) -> usize {
        let likeliest = self.likeliest();
        let actions: Vec<Vec<MainOrder>> =
            self.sides.iter().zip(&likeliest).map(|(s, &i)| s.cands.actions[i].clone()).collect();
        let routes = ConvoyRoutes::new(&self.map, &self.root);
        let round = Round {
            map: &self.map,
            root: &self.root,
            evaluator: &self.evaluator,
            joint: &actions,
            powers: &self.powers,
            rollout: 0,
            blueprint: self.config.blueprint,
            seed_base: 0,
        };
        let us = self.me.index();
        let against = Against { round, routes: &routes, us, bound: &self.bound };
        let responses: Vec<Option<Vec<MainOrder>>> =
            (0..self.sides.len()).into_par_iter().map(|p| against.best_response(p)).collect();
        let mut added = 0;
        for ((side, response), base) in self.sides.iter_mut().zip(responses).zip(likeliest) {
            let Some(action) = response else { continue };
            if side.cands.actions.contains(&action) {
                continue;
            }
            let values = Values::new(&self.map, &self.root, side.cands.power);
            let log_p = |a: &[MainOrder]| {
                let orders: Vec<Order> = a.iter().map(|o| Order::Main(*o)).collect();
                self.config.blueprint.movement_log_prob(&self.map, &self.root, side.cands.power, &values, &orders)
            };
            let floor = side.log_anchor.iter().copied().fold(f64::INFINITY, f64::min);
            let relative = log_p(&action) - log_p(&side.cands.actions[base]);
            let anchor = if relative.is_finite() { (side.log_anchor[base] + relative).max(floor) } else { floor };
            side.push_candidate(action, base, anchor);
            side.renormalise_anchor();
            added += 1;
        }
        self.offsets = super::offsets(&self.sides);
        added
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Search, SearchConfig};
    use legate_engine::legal::{movement_options, random_midgame_boards};
    use legate_engine::Map;

    /// With one candidate per power (the blueprint's likeliest), a refinement adds, for the powers
    /// where one exists, an action that is legal and worth strictly more to its power against the
    /// others' likeliest actions; and on mid-game boards such improvements exist.
    #[test]
    fn refinement_adds_legal_strictly_better_responses() {
        let map = Map::standard();
        let mut added_total = 0;
        for (i, board) in random_midgame_boards(&map, 5, 1903, 6).iter().enumerate() {
            let me = map.powers().nth(i % map.power_count()).unwrap();
            let config = SearchConfig { candidates: 1, refinements: 0, ..SearchConfig::default() };
            let mut s = Search::new(&map, board, me, config, i as u64);
            let before: Vec<Vec<_>> = s.sides.iter().map(|side| side.cands.actions[0].clone()).collect();
            let added = s.refine();
            added_total += added;
            let mut options = Vec::new();
            let mut seen = 0;
            for (p, side) in s.sides.iter().enumerate() {
                assert!(side.cands.actions.len() <= 2, "at most one response per power");
                let Some(response) = side.cands.actions.get(1) else { continue };
                seen += 1;
                assert_eq!(response.len(), before[p].len(), "one order per unit");
                for o in response {
                    movement_options(&map, board, map.province_of(o.unit().loc), &mut options);
                    assert!(options.contains(o), "a legal order");
                }
                let against = |action: &[legate_engine::order::MainOrder]| {
                    let mut all = before.clone();
                    all[p] = action.to_vec();
                    let orders: Vec<_> =
                        s.powers.iter().zip(&all).flat_map(|(pw, a)| a.iter().map(|o| (*pw, *o))).collect();
                    let mut adj = legate_engine::adjudicate::Adjudicator::new();
                    s.evaluator.value(&map, &adj.movement(&map, board, &orders).board, s.powers[p])
                };
                assert!(against(response) > against(&before[p]), "strictly better against the others' likeliest");
                let total: f64 = side.policies[0].iter().sum();
                assert!((total - 1.0).abs() < 1e-9, "policies stay distributions: {total}");
            }
            assert_eq!(seen, added);
        }
        assert!(added_total > 0, "the blueprint's likeliest actions leave improvements to find");
    }
}
