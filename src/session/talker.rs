//! One talker through a phase's talk: its search, the peace it keeps, and what it has bound
//! itself to by its claims, its deals and the proposals it accepted.

use legate_dialogue::press::{Atom, Press};
use legate_engine::map::Power;
use legate_engine::order::MainOrder;
use legate_planner::search::{Plan, Search};

/// A deal a talker proposed and awaits the answer to.
struct Proposal {
    /// The partner.
    with: Power,
    /// The round it was proposed in.
    round: usize,
    /// The orders it asked of the partner, as its message said them.
    asked: Vec<MainOrder>,
}

/// One talker's state through a phase's talk.
pub(super) struct Talker {
    /// Its power.
    pub power: Power,
    /// Its search, warm-started after every round it is written to.
    pub search: Search,
    /// The talkers it keeps peace with this phase.
    pub partners: Vec<Power>,
    /// Orders it is bound to by a deal it proposed or a proposal it accepted; every plan it
    /// writes from afterwards plays them.
    pinned: Option<Vec<MainOrder>>,
    /// The orders of the last plan it claimed orders from.
    committed: Option<Vec<MainOrder>>,
    /// Every own order it has claimed this phase: an accepted proposal may not change them.
    claimed: Vec<MainOrder>,
    /// The deal it proposed and awaits the answer to.
    proposed: Option<Proposal>,
    /// Whether it accepted someone's proposal (so its pinned orders outlive a refused deal).
    accepted_any: bool,
}

impl Talker {
    /// A talker with its (first) search run, bound to nothing yet.
    pub fn new(power: Power, search: Search) -> Talker {
        Talker {
            power,
            search,
            partners: Vec::new(),
            pinned: None,
            committed: None,
            claimed: Vec::new(),
            proposed: None,
            accepted_any: false,
        }
    }

    /// The plan to write from: one playing its bound orders, else a draw from its policy.
    pub fn plan(&mut self) -> Plan {
        match &self.pinned {
            Some(orders) => self.search.plan_with(orders),
            None => self.search.plan(),
        }
    }

    /// Its orders as they stand: those it is bound to, else those of the last plan it claimed
    /// orders from, else a draw from its policy.
    pub fn orders(&mut self) -> Vec<MainOrder> {
        match (&self.pinned, &self.committed) {
            (Some(orders), _) | (None, Some(orders)) => orders.clone(),
            (None, None) => self.search.plan().orders,
        }
    }

    /// Proposes its best deal with one of `others` (other talkers), if it has one: `plan` becomes
    /// the plan playing its part, whose intent for the partner is the deal, and it is bound to
    /// its part until the partner refuses.
    pub fn propose_deal(&mut self, others: &[Power], round: usize, plan: &mut Plan) {
        let best = others
            .iter()
            .filter(|&&p| p != self.power)
            .filter_map(|&p| self.search.deal(p))
            .max_by(|a, b| a.gain().total_cmp(&b.gain()));
        let Some(deal) = best else { return };
        let mut with_deal = self.search.plan_with(&deal.ours);
        if let Some(intent) = with_deal.intents.iter_mut().find(|i| i.with == deal.with) {
            intent.theirs = deal.theirs.clone();
            intent.our_value = deal.our_value;
            self.pinned = Some(deal.ours.clone());
            self.proposed = Some(Proposal { with: deal.with, round, asked: Vec::new() });
            *plan = with_deal;
        }
    }

    /// Notes what it told `to` in `round`: the orders it claimed (true when there were any),
    /// and, in a message to the partner of the deal it proposed this round, the orders it asked.
    pub fn said(&mut self, press: &Press, to: Power, round: usize) -> bool {
        let mut claims = false;
        for atom in press.atoms() {
            match atom {
                Atom::Will(o) => {
                    claims = true;
                    self.claimed.push(o);
                }
                Atom::Propose(o) => {
                    if let Some(p) = self.proposed.as_mut().filter(|p| p.with == to && p.round == round) {
                        p.asked.push(o);
                    }
                }
                _ => {}
            }
        }
        claims
    }

    /// It claimed orders from `plan`: it plays them unless bound otherwise.
    pub fn commit(&mut self, plan: Plan) {
        self.committed = Some(plan.orders);
    }

    /// Answers a proposal `from` made (`press`, as read): it accepts when, by its own model, the
    /// best of its actions amended to give what was asked (the sender keeping the orders it
    /// said it will give) is worth at least what it expects without, and changes none of the
    /// orders it has claimed; it is then bound to the amended orders.
    pub fn consider(&mut self, from: Power, press: &Press) {
        let (mut asked, mut claims) = (Vec::new(), Vec::new());
        for atom in press.atoms() {
            match atom {
                Atom::Propose(o) => asked.push(o),
                Atom::Will(o) => claims.push(o),
                _ => {}
            }
        }
        if asked.is_empty() {
            return;
        }
        let current = self.orders();
        let keep: Vec<MainOrder> = current.iter().filter(|o| self.claimed.contains(o)).copied().collect();
        let answer = self.search.answer_proposal(&asked, from, &claims, &current, &keep);
        if let Some((amended, _)) = answer.filter(|(_, v)| *v >= self.search.expected_value(self.power)) {
            self.pinned = Some(amended);
            self.accepted_any = true;
        }
    }

    /// After `round`'s reading: a deal it proposed the round before holds only if the partner
    /// accepted every order asked of it (`answers`: what the partner's messages of this round
    /// said, as read); otherwise it is free again (its claims still bind it).
    pub fn settle(&mut self, round: usize, answers: impl Fn(Power) -> Vec<Atom>) {
        let Some(p) = self.proposed.as_ref().filter(|p| p.round + 1 == round) else { return };
        let yes = answers(p.with);
        let accepted =
            !p.asked.is_empty() && p.asked.iter().all(|o| yes.contains(&Atom::Yes(Box::new(Atom::Propose(*o)))));
        if !accepted && !self.accepted_any {
            self.pinned = None;
        }
        self.proposed = None;
    }
}
