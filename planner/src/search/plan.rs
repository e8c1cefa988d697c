//! The plan a search returns: our orders, every power's predicted distribution, our expected
//! value, and the intent we would talk about with each other power.

use super::{sample_index, Search};
use legate_engine::adjudicate::Adjudicator;
use legate_engine::board::Phase;
use legate_engine::map::{Map, Power};
use legate_engine::order::MainOrder;
use legate_engine::Order;
use std::fmt::Write;

/// The smallest predicted probability an action needs to be proposed as an intent (Cicero's
/// BEST_POP threshold).
pub const INTENT_MIN_PROBABILITY: f64 = 0.02;

/// One power's predicted distribution over its candidate actions, likeliest first.
#[derive(Clone, Debug)]
pub struct Prediction {
    /// The power.
    pub power: Power,
    /// `(action, predicted probability, blueprint anchor τ, average utility Ū)`.
    pub actions: Vec<(Vec<MainOrder>, f64, f64, f64)>,
}

/// The joint action we would propose to one power: our part is what we will play.
#[derive(Clone, Debug)]
pub struct Intent {
    /// The power we talk to.
    pub with: Power,
    /// Our orders (the plan's).
    pub ours: Vec<MainOrder>,
    /// Theirs: among their actions predicted with probability ≥ 0.02, the one best for us.
    pub theirs: Vec<MainOrder>,
    /// The predicted probability of their action.
    pub their_probability: f64,
    /// Our value if they play it (and everyone else plays their likeliest action).
    pub our_value: f64,
}

/// Another power's plausible actions (predicted probability ≥ [`INTENT_MIN_PROBABILITY`]) and
/// what each is worth to us: what a message to it can hope to move it toward.
#[derive(Clone, Debug)]
pub struct Responses {
    /// The power.
    pub power: Power,
    /// `(action, predicted probability, our value if it plays the action and everyone else plays
    /// their likeliest, we our orders)`.
    pub actions: Vec<(Vec<MainOrder>, f64, f64)>,
}

/// What a search decided.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Whose plan.
    pub power: Power,
    /// The phase planned.
    pub phase: Phase,
    /// Our orders.
    pub orders: Vec<MainOrder>,
    /// Every power's predicted distribution (ours included: our final policy).
    pub predicted: Vec<Prediction>,
    /// Our expected value under the final policies (sum-of-squares share, 0…1).
    pub value: f64,
    /// One intent per other power that has units.
    pub intents: Vec<Intent>,
    /// Per other power that has units, its plausible actions and their value to us (the intent
    /// is the best of them).
    pub responses: Vec<Responses>,
    /// Iterations the search ran.
    pub iterations: usize,
}

fn action_text(map: &Map, action: &[MainOrder]) -> String {
    if action.is_empty() {
        return "(no units)".into();
    }
    action.iter().map(|o| Order::Main(*o).display(map).to_string()).collect::<Vec<_>>().join(", ")
}

impl Plan {
    /// A readable account: our orders and why, every power's likeliest actions, and the intents.
    pub fn explain(&self, map: &Map) -> String {
        let mut s = String::new();
        let me = map.power_name(self.power);
        let _ = writeln!(s, "{me} at {} ({} iterations)", self.phase, self.iterations);
        let _ = writeln!(s, "orders: {}", action_text(map, &self.orders));
        let _ = writeln!(
            s,
            "expected value: {:.3} (sum-of-squares share; fair share {:.3})",
            self.value,
            1.0 / map.power_count() as f64
        );
        if let Some(mine) = self.predicted.iter().find(|p| p.power == self.power) {
            if let (Some(best), Some(anchor)) =
                (mine.actions.first(), mine.actions.iter().max_by(|a, b| a.2.total_cmp(&b.2)))
            {
                let _ = writeln!(
                    s,
                    "why: this action is worth {:.3} on average against the predicted play of the others; \
                     the blueprint's favourite ({}) is worth {:.3}",
                    best.3,
                    action_text(map, &anchor.0),
                    anchor.3
                );
            }
        }
        let _ = writeln!(s, "predicted:");
        for p in &self.predicted {
            let _ = writeln!(s, "  {}:", map.power_name(p.power));
            for (a, prob, tau, u) in p.actions.iter().take(3) {
                let _ = writeln!(
                    s,
                    "    {:>5.1}%  (blueprint {:>5.1}%, value {:.3})  {}",
                    prob * 100.0,
                    tau * 100.0,
                    u,
                    action_text(map, a)
                );
            }
        }
        let _ = writeln!(s, "intents:");
        for i in &self.intents {
            let _ = writeln!(
                s,
                "  with {}: they play {} ({:.0}% likely), we play ours; our value {:.3}",
                map.power_name(i.with),
                action_text(map, &i.theirs),
                i.their_probability * 100.0,
                i.our_value
            );
        }
        s
    }
}

pub(super) fn make_plan(search: &mut Search, fixed: Option<&[MainOrder]>) -> Plan {
    let me = search.me.index();
    let ours_policy = search.sides[me].policies[0].clone();
    let orders = match fixed {
        Some(orders) => orders.to_vec(),
        None => {
            let choice = sample_index(&mut search.rng, &ours_policy);
            search.sides[me].cands.actions[choice].clone()
        }
    };
    let weight = search.cum_weight.max(1e-12);
    let predicted: Vec<Prediction> = search
        .sides
        .iter()
        .map(|side| {
            let pred = side.prediction();
            let mut actions: Vec<(Vec<MainOrder>, f64, f64, f64)> = (0..side.cands.actions.len())
                .map(|i| {
                    (side.cands.actions[i].clone(), pred[i], side.log_anchor[i].exp(), side.cum_utility[i] / weight)
                })
                .collect();
            actions.sort_by(|a, b| b.1.total_cmp(&a.1));
            Prediction { power: side.cands.power, actions }
        })
        .collect();
    let value = search.expected_value(search.me);
    // Intents: for each other power, its plausible action best for us, the rest playing their likeliest.
    let likeliest = search.likeliest();
    let mut adj = Adjudicator::new();
    let mut buf = Vec::new();
    let mut intents = Vec::new();
    let mut responses = Vec::new();
    for (q, side) in search.sides.iter().enumerate() {
        if q == me || side.cands.actions.iter().all(Vec::is_empty) {
            continue;
        }
        let pred = side.prediction();
        let mut best: Option<(usize, f64)> = None;
        let mut plausible = Vec::new();
        for (b, &prob) in pred.iter().enumerate() {
            if prob < INTENT_MIN_PROBABILITY {
                continue;
            }
            let fixed = [(search.me, orders.as_slice()), (side.cands.power, side.cands.actions[b].as_slice())];
            let v = search.joint_values(&mut adj, &mut buf, &likeliest, &fixed)[me];
            plausible.push((side.cands.actions[b].clone(), prob, v));
            if best.is_none_or(|(_, bv)| v > bv) {
                best = Some((b, v));
            }
        }
        if let Some((b, v)) = best {
            intents.push(Intent {
                with: side.cands.power,
                ours: orders.clone(),
                theirs: side.cands.actions[b].clone(),
                their_probability: pred[b],
                our_value: v,
            });
        }
        responses.push(Responses { power: side.cands.power, actions: plausible });
    }
    Plan {
        power: search.me,
        phase: search.root.phase,
        orders,
        predicted,
        value,
        intents,
        responses,
        iterations: search.t,
    }
}
