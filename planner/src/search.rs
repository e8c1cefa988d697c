//! Equilibrium search over the candidate actions of all powers: piKL-Hedge (KL-regularised
//! toward the blueprint anchor), DiL-piKL types for the other powers, or plain regret matching.
//!
//! Per iteration t (1-based), as `shared/research/algorithms.md` §2.2 gives it: sample a joint
//! action from the current policies; for every power p and every candidate a′ of p, evaluate
//! u_p(a′) = V_p(adjudicate(joint with p's action replaced by a′)); accumulate linearly weighted
//! utilities Ū(a) = Σ t·u_t(a) / Σ t; η_t = η₀ / (3·(σ_U + 1e-6)·√t) with σ_U the standard
//! deviation of p's state utility over iterations; new policy
//! π(a) ∝ exp((Ū(a) + λ·(1 + ln τ(a))) / (λ + 1/(η_t·t))). Every other power has six λ types
//! (log-uniform 1e-3 … 3e-1), one drawn per iteration; its prediction is the mean of its types'
//! policies. Our own power plays its own λ (3e-3 by default). Evaluations of one iteration run in
//! parallel (rayon), each thread with its own adjudicator and order buffer (thread-local, kept
//! between iterations), so the hot path does not allocate; results do not depend on the number of
//! threads.

mod candidates;
mod deal;
mod evidence;
mod plan;
mod refine;
mod value;

pub use candidates::{candidate_count, normalise, sample_candidates, PowerCandidates};
pub use deal::{patch, Deal, DEAL_MARGIN, DEAL_WIDTH};
pub use evidence::{agreement, breaks, keeps, Claim, Evidence, BETA};
pub use plan::{Intent, Plan, Prediction, Responses};
pub use value::Evaluator;

use crate::policy::blueprint::Blueprint;
use legate_engine::adjudicate::{self, Adjudicator};
use legate_engine::map::{Power, MAX_POWERS};
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map, Order};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::cell::RefCell;
use std::time::{Duration, Instant};

thread_local! {
    /// Each thread's adjudicator and order buffer for evaluations, kept between iterations and
    /// searches so that the hot path neither allocates nor re-initialises scratch space.
    static SCRATCH: RefCell<(Adjudicator, Vec<(Power, MainOrder)>)> = RefCell::new((Adjudicator::new(), Vec::with_capacity(64)));
}

/// How policies are updated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// piKL-Hedge with DiL-piKL types for the other powers.
    PiKl,
    /// Plain regret matching (no anchor): π ∝ max(0, cumulative regret).
    RegretMatching,
}

/// Search parameters.
#[derive(Clone, Debug)]
pub struct SearchConfig {
    /// Candidates per power (K; at most 3.5 per unit).
    pub candidates: usize,
    /// Iterations (T).
    pub iterations: usize,
    /// Stop early after this much wall time.
    pub time_budget: Option<Duration>,
    /// Our own λ.
    pub lambda: f64,
    /// The λ types of the other powers (uniform belief).
    pub other_lambdas: Vec<f64>,
    /// η₀.
    pub eta0: f64,
    /// piKL or regret matching.
    pub mode: Mode,
    /// Blueprint phases played after the searched phase before evaluating (L; 0 = none).
    pub rollout: usize,
    /// Refinements (predict → plan → predict) during the first `iterations`: at each, every
    /// power's best response to the others' likeliest play joins its candidates.
    pub refinements: usize,
    /// The anchor policy.
    pub blueprint: Blueprint,
}

impl Default for SearchConfig {
    fn default() -> Self {
        // Six types, log-uniform between 1e-3 and 3e-1.
        let other_lambdas =
            (0..6).map(|i| (1e-3f64.ln() + (3e-1f64.ln() - 1e-3f64.ln()) * i as f64 / 5.0).exp()).collect();
        SearchConfig {
            candidates: 30,
            iterations: 256,
            time_budget: None,
            lambda: 3e-3,
            other_lambdas,
            eta0: 10.0,
            mode: Mode::PiKl,
            rollout: 0,
            refinements: 1,
            blueprint: Blueprint::default(),
        }
    }
}

/// Running mean and variance (Welford).
#[derive(Clone, Copy, Debug, Default)]
struct Stats {
    n: f64,
    mean: f64,
    m2: f64,
}

impl Stats {
    fn push(&mut self, x: f64) {
        self.n += 1.0;
        let d = x - self.mean;
        self.mean += d / self.n;
        self.m2 += d * (x - self.mean);
    }

    fn std(&self) -> f64 {
        if self.n < 2.0 {
            0.0
        } else {
            (self.m2 / self.n).sqrt()
        }
    }
}

/// One power's search state.
struct Side {
    cands: PowerCandidates,
    /// ln τ after evidence.
    log_anchor: Vec<f64>,
    /// Σ t·u_t(a).
    cum_utility: Vec<f64>,
    /// Σ t·(u_t(a) − ū_t) (regret matching).
    cum_regret: Vec<f64>,
    state: Stats,
    /// Current policy per λ type (ours: one type).
    policies: Vec<Vec<f64>>,
    lambdas: Vec<f64>,
    /// u_t(a) of this iteration.
    utilities: Vec<f64>,
}

/// What every power's update in one iteration shares.
struct Update {
    /// The iteration (1-based).
    t: f64,
    /// Σ t up to and including this iteration.
    cum_weight: f64,
    eta0: f64,
    mode: Mode,
}

impl Side {
    /// Adds a candidate that starts with the running statistics of candidate `base` and the
    /// given ln anchor.
    fn push_candidate(&mut self, action: Vec<MainOrder>, base: usize, log_anchor: f64) {
        self.cands.actions.push(action);
        self.cands.tau.push(self.cands.tau[base]);
        self.cands.log_tau.push(self.cands.log_tau[base]);
        self.log_anchor.push(log_anchor);
        self.cum_utility.push(self.cum_utility[base]);
        self.cum_regret.push(self.cum_regret[base]);
        for p in &mut self.policies {
            p.push(0.0);
        }
        self.utilities.push(0.0);
    }

    /// Renormalises the anchor over the candidates; every type's policy restarts from it.
    fn renormalise_anchor(&mut self) {
        self.log_anchor = normalise(&self.log_anchor).1;
        let tau: Vec<f64> = self.log_anchor.iter().map(|l| l.exp()).collect();
        for p in &mut self.policies {
            p.clone_from(&tau);
        }
    }

    /// Candidate indices, likeliest first under the prediction.
    fn ranked(&self) -> Vec<usize> {
        let pred = self.prediction();
        let mut idx: Vec<usize> = (0..pred.len()).collect();
        idx.sort_by(|&a, &b| pred[b].total_cmp(&pred[a]));
        idx
    }

    /// The index of the likeliest action under the prediction.
    fn likeliest(&self) -> usize {
        let pred = self.prediction();
        (0..pred.len()).max_by(|&a, &b| pred[a].total_cmp(&pred[b])).unwrap_or(0)
    }

    fn prediction(&self) -> Vec<f64> {
        let n = self.policies.len() as f64;
        (0..self.cands.actions.len()).map(|i| self.policies.iter().map(|p| p[i]).sum::<f64>() / n).collect()
    }

    /// Folds this iteration's utilities into the statistics and recomputes every type's policy,
    /// in place.
    fn update(&mut self, u: &Update) {
        let t = u.t;
        let types = self.policies.len() as f64;
        let state: f64 = self
            .policies
            .iter()
            .map(|pol| pol.iter().zip(&self.utilities).map(|(p, x)| p * x).sum::<f64>())
            .sum::<f64>()
            / types;
        self.state.push(state);
        for ((ui, cu), cr) in self.utilities.iter().zip(&mut self.cum_utility).zip(&mut self.cum_regret) {
            *cu += t * ui;
            *cr += t * (ui - state);
        }
        let eta = u.eta0 / (3.0 * (self.state.std() + 1e-6) * t.sqrt());
        for (pol, lambda) in self.policies.iter_mut().zip(&self.lambdas) {
            match u.mode {
                Mode::PiKl => {
                    let temperature = lambda + 1.0 / (eta * t);
                    for ((x, cu), lt) in pol.iter_mut().zip(&self.cum_utility).zip(&self.log_anchor) {
                        *x = (cu / u.cum_weight + lambda * (1.0 + lt)) / temperature;
                    }
                    softmax_in_place(pol);
                }
                Mode::RegretMatching => regret_matching(&self.cum_regret, pol),
            }
        }
    }
}

/// What the evaluations of one iteration read: the board, the joint action sampled for it, and
/// how to value a position.
struct Round<'a> {
    map: &'a Map,
    root: &'a Board,
    evaluator: &'a Evaluator,
    /// Each power's sampled action.
    joint: &'a [Vec<MainOrder>],
    /// The power of each side.
    powers: &'a [Power],
    rollout: usize,
    blueprint: Blueprint,
    seed_base: u64,
}

impl Round<'_> {
    /// Power `p`'s value when it plays `action` and the others their sampled actions; `index`
    /// (the candidate's place among all powers' candidates) seeds a rollout.
    fn utility(&self, p: usize, action: &[MainOrder], index: usize) -> f64 {
        SCRATCH.with(|scratch| {
            let (adj, buf) = &mut *scratch.borrow_mut();
            buf.clear();
            for (q, (joint, &power)) in self.joint.iter().zip(self.powers).enumerate() {
                let a = if q == p { action } else { joint };
                buf.extend(a.iter().map(|o| (power, *o)));
            }
            let after = &adj.movement_trusted(self.map, self.root, buf).board;
            let mut values = [0.0; MAX_POWERS];
            if self.rollout == 0 {
                self.evaluator.evaluate(self.map, after, &mut values);
            } else {
                let board =
                    roll_out(self.map, self.root, after, self.rollout, &self.blueprint, self.seed_base | index as u64);
                self.evaluator.evaluate(self.map, &board, &mut values);
            }
            values[self.powers[p].index()]
        })
    }
}

/// A search for one power at one movement phase; run it, add evidence, run it again (warm).
pub struct Search {
    map: Map,
    root: Board,
    me: Power,
    config: SearchConfig,
    sides: Vec<Side>,
    evaluator: Evaluator,
    /// Σ t over iterations done.
    cum_weight: f64,
    t: usize,
    rng: ChaCha8Rng,
    /// The joint action sampled in the current iteration (kept to reuse its buffers).
    joint: Vec<Vec<MainOrder>>,
    /// The power of each side.
    powers: Vec<Power>,
    /// Where each power's candidates start in the list of all powers' candidates.
    offsets: Vec<usize>,
    /// What we are bound to (see [`Search::bind`]): no action of ours breaks these.
    bound: Vec<Claim>,
}

/// Where each side's candidates start in a flat list of all sides' candidates.
fn offsets(sides: &[Side]) -> Vec<usize> {
    sides
        .iter()
        .scan(0, |acc, s| {
            let o = *acc;
            *acc += s.cands.actions.len();
            Some(o)
        })
        .collect()
}

impl Search {
    /// Prepares a search: samples every power's candidates from the blueprint.
    pub fn new(map: &Map, root: &Board, me: Power, config: SearchConfig, seed: u64) -> Search {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // Each power samples its candidates with its own generator, in parallel.
        let seeds: Vec<(Power, u64)> = map.powers().map(|p| (p, rng.gen())).collect();
        let sides: Vec<Side> = seeds
            .into_par_iter()
            .map(|(p, seed)| {
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                let cands = sample_candidates(map, root, p, &config.blueprint, config.candidates, &mut rng);
                let lambdas = if p == me { vec![config.lambda] } else { config.other_lambdas.clone() };
                let n = cands.actions.len();
                Side {
                    log_anchor: cands.log_tau.clone(),
                    policies: vec![cands.tau.clone(); lambdas.len()],
                    cands,
                    cum_utility: vec![0.0; n],
                    cum_regret: vec![0.0; n],
                    state: Stats::default(),
                    lambdas,
                    utilities: vec![0.0; n],
                }
            })
            .collect();
        let layout = offsets(&sides);
        let powers: Vec<Power> = sides.iter().map(|s| s.cands.power).collect();
        Search {
            evaluator: Evaluator::new(map, root),
            map: map.clone(),
            root: root.clone(),
            me,
            config,
            sides,
            cum_weight: 0.0,
            t: 0,
            rng,
            joint: vec![Vec::new(); powers.len()],
            powers,
            offsets: layout,
            bound: Vec::new(),
        }
    }

    /// Binds us to `claims` (a peace, a demilitarised zone, an order we will not give): from now
    /// on no action of ours breaks them. Each of our candidates has the orders that would break
    /// one replaced by holds (two candidates may so become the same action, which the search
    /// handles like any other pair); a rewritten candidate keeps the running statistics of the
    /// action it came from (restarting them from the side's expected utility measured worse, see
    /// docs/benchmarks.md). Best responses, deals and answers to proposals keep the claims too.
    /// A [`Claim::WillOrder`] binds nothing here (pin such orders with [`Search::plan_with`]).
    pub fn bind(&mut self, claims: &[Claim]) {
        self.bound.extend(claims.iter().filter(|c| !matches!(c, Claim::WillOrder(_))).cloned());
        let side = &mut self.sides[self.me.index()];
        for action in &mut side.cands.actions {
            for o in action.iter_mut() {
                if !Self::allowed(&self.map, &self.root, &self.bound, o) {
                    *o = MainOrder::Hold { unit: o.unit() };
                }
            }
        }
    }

    /// Whether our order `o` keeps everything we are bound to.
    fn allowed(map: &Map, root: &Board, bound: &[Claim], o: &MainOrder) -> bool {
        bound.iter().all(|c| !breaks(map, root, o, c))
    }

    /// Whether our action keeps everything we are bound to.
    pub fn keeps_bound(&self, action: &[MainOrder]) -> bool {
        action.iter().all(|o| Self::allowed(&self.map, &self.root, &self.bound, o))
    }

    /// Reweights a power's anchor by evidence: τ′(a) ∝ τ(a)·exp(β·trust·agreement(a)). Orders
    /// the power promises that none of its candidates contains (a support for us, say) are added
    /// as a new candidate: its likeliest action with the promised orders in place, anchored like
    /// that action times the trust. The search keeps what it has learnt: the next [`Search::run`] continues.
    pub fn add_evidence(&mut self, evidence: &Evidence) {
        let side = &mut self.sides[evidence.power.index()];
        let promised: Vec<MainOrder> = evidence
            .claims
            .iter()
            .filter_map(|c| match c {
                Claim::WillOrder(o) => Some(*o),
                _ => None,
            })
            .collect();
        if !promised.is_empty() && !side.cands.actions.is_empty() {
            let base = 0;
            let action = patch(&self.map, &side.cands.actions[base], &promised);
            if !side.cands.actions.contains(&action) {
                // A promise is only as likely as the promiser is trusted.
                let anchor = side.log_anchor[base] + evidence.trust.max(1e-6).ln();
                side.push_candidate(action, base, anchor);
            }
        }
        for (l, a) in side.log_anchor.iter_mut().zip(&side.cands.actions) {
            *l += BETA * evidence.trust * agreement(&self.map, &self.root, a, &evidence.claims);
        }
        side.renormalise_anchor();
        self.offsets = offsets(&self.sides);
    }

    /// Our current policy: `(action, probability)` for each of our candidates.
    pub fn our_policy(&self) -> Vec<(Vec<MainOrder>, f64)> {
        let side = &self.sides[self.me.index()];
        side.cands.actions.iter().cloned().zip(side.policies[0].iter().copied()).collect()
    }

    /// Runs `iterations` more iterations (or until the time budget is spent).
    pub fn run(&mut self, iterations: usize) {
        let start = Instant::now();
        for _ in 0..iterations {
            if self.config.time_budget.is_some_and(|b| start.elapsed() >= b) {
                break;
            }
            if self.refinement_due() {
                self.refine();
            }
            self.iterate();
        }
    }

    /// Whether a refinement comes before the next iteration: at `k·T/(R+1)` iterations for
    /// `k = 1…R` (T iterations, R refinements).
    fn refinement_due(&self) -> bool {
        let t = self.config.iterations;
        let r = self.config.refinements.min(t);
        self.t > 0 && self.t < t && (1..=r).any(|k| k * t / (r + 1) == self.t)
    }

    /// Iterations done so far.
    pub fn iterations(&self) -> usize {
        self.t
    }

    fn iterate(&mut self) {
        self.t += 1;
        let t = self.t as f64;
        self.cum_weight += t;
        // Sample a joint action: each power draws a type, then an action.
        for (side, slot) in self.sides.iter().zip(&mut self.joint) {
            let k = self.rng.gen_range(0..side.policies.len());
            let a = sample_index(&mut self.rng, &side.policies[k]);
            slot.clone_from(&side.cands.actions[a]);
        }
        // Each power evaluates its candidates against the others' sampled actions, then updates
        // its own policies: one parallel region per iteration, the updates inside it.
        let round = Round {
            map: &self.map,
            root: &self.root,
            evaluator: &self.evaluator,
            joint: &self.joint,
            powers: &self.powers,
            rollout: self.config.rollout,
            blueprint: self.config.blueprint,
            seed_base: (self.t as u64) << 32,
        };
        let update = Update { t, cum_weight: self.cum_weight, eta0: self.config.eta0, mode: self.config.mode };
        let offsets = &self.offsets;
        self.sides.par_iter_mut().enumerate().for_each(|(p, side)| {
            let actions = &side.cands.actions;
            side.utilities.par_iter_mut().enumerate().for_each(|(i, out)| {
                *out = round.utility(p, &actions[i], offsets[p] + i);
            });
            side.update(&update);
        });
    }

    /// The plan: our orders (drawn from our final policy), every power's predicted distribution,
    /// our expected value, and an intent per other power.
    pub fn plan(&mut self) -> Plan {
        plan::make_plan(self, None)
    }

    /// The plan with `orders` as our orders (an action we committed to, such as our part of a
    /// deal) instead of a draw from our policy: the intents are what we would propose given them.
    pub fn plan_with(&mut self, orders: &[MainOrder]) -> Plan {
        plan::make_plan(self, Some(orders))
    }

    /// Every power's likeliest candidate action (index), by the current prediction.
    fn likeliest(&self) -> Vec<usize> {
        self.sides.iter().map(Side::likeliest).collect()
    }
}

/// Blueprint play for `phases` more phases after `after`, then the board to evaluate.
fn roll_out(map: &Map, root: &Board, after: &Board, phases: usize, blueprint: &Blueprint, seed: u64) -> Board {
    use crate::Policy;
    let mut board = after.clone();
    legate_engine::game::advance(map, root.phase, &mut board);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut adj = Adjudicator::new();
    for _ in 0..phases {
        let orders: Vec<(Power, Order)> = map
            .powers()
            .flat_map(|p| blueprint.sample(map, &board, p, &mut rng).into_iter().map(move |o| (p, o)))
            .collect();
        let processed = board.phase;
        let mut next = adjudicate::phase(map, &mut adj, &board, &orders).board;
        legate_engine::game::advance(map, processed, &mut next);
        board = next;
    }
    board
}

fn sample_index(rng: &mut ChaCha8Rng, p: &[f64]) -> usize {
    let mut x: f64 = rng.gen();
    for (i, w) in p.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    p.len() - 1
}

/// Turns logits into probabilities, in place.
fn softmax_in_place(x: &mut [f64]) {
    let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for v in x.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in x.iter_mut() {
        *v /= sum;
    }
}

/// Regret matching: `policy` ∝ max(0, regret), or all on the largest regret when none is positive.
fn regret_matching(regret: &[f64], policy: &mut [f64]) {
    let pos: f64 = regret.iter().map(|r| r.max(0.0)).sum();
    if pos > 0.0 {
        for (p, r) in policy.iter_mut().zip(regret) {
            *p = r.max(0.0) / pos;
        }
    } else {
        let best = regret
            .iter()
            .copied()
            .enumerate()
            .fold((0, f64::NEG_INFINITY), |b, (i, r)| if r > b.1 { (i, r) } else { b })
            .0;
        for (i, p) in policy.iter_mut().enumerate() {
            *p = if i == best { 1.0 } else { 0.0 };
        }
    }
}

/// Runs a whole search for `me` and returns the plan.
pub fn plan(map: &Map, board: &Board, me: Power, config: SearchConfig, seed: u64, evidence: &[Evidence]) -> Plan {
    let iterations = config.iterations;
    let mut s = Search::new(map, board, me, config, seed);
    for e in evidence {
        s.add_evidence(e);
    }
    s.run(iterations);
    s.plan()
}

/// Orders as `Order`s.
pub fn as_orders(action: &[MainOrder]) -> Vec<Order> {
    action.iter().map(|o| Order::Main(*o)).collect()
}
