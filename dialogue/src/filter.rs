//! Filters between the candidates a writer proposes and the one message sent.
//!
//! Every candidate is read back with a [`Reader`] as its recipient would read it (answering what
//! the recipient last said), then each [`Filter`] may reject it, saying why:
//!
//! - [`Grounding`]: everything named exists and every order is legal. The reading has no
//!   ungrounded problem (unknown places, units that are not on the board or not the speaker's,
//!   illegal orders), and every order of the press the writer meant is a legal order of a unit
//!   of the right power (ours for claims and answers, the recipient's for proposals).
//! - [`Consistency`]: reading the candidate back gives the intent. Every atom read is entailed
//!   by the intent (own orders ⊆ `intent.ours`, proposals ⊆ `intent.theirs`, arrangements and
//!   answers as [`crate::intent`] defines), and every atom the writer meant is read.
//! - [`Leakage`]: nothing the intent withholds. Every own order mentioned, whether claimed or
//!   accepted, concerns the recipient (even when the recipient proposed it: confirming a guess
//!   reveals as much as volunteering it); a stay-out promise of ours is about a province in the
//!   recipient's zone; peace and alliances are between us and the recipient only, and no
//!   arrangement speaks for a third power.
//! - [`Repetition`]: not the same thing again. A candidate is rejected when it repeats, word for
//!   word, a message we already sent the recipient; or when our last message to the recipient is
//!   still unanswered and everything the candidate asks of them (proposed orders, their side of a
//!   DMZ, peace, alliance) was already asked there.
//!
//! [`choose`] runs the filters and ranks the survivors with a value function: by default
//! [`default_value`], the number of claims read back that the intent entails (more of the
//! intent said is better); a planner-based counterfactual value can be passed instead.

use crate::intent::IntentView;
use crate::press::{Atom, Press};
use crate::read::{ReadContext, Reader, Reading};
use crate::text::units_exist;
use crate::write::Candidate;
use legate_engine::map::{Map, Power};
use legate_engine::order::validate::check_main;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Order};
use legate_planner::search::Intent;

/// A message already exchanged, for the repetition filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    /// Its sender.
    pub from: Power,
    /// Its recipient.
    pub to: Power,
    /// Its text.
    pub text: String,
    /// The press read from it (or meant by it, for our own), if any.
    pub press: Option<Press>,
}

/// What the filters look at besides the candidate.
pub struct FilterContext<'a> {
    /// The map.
    pub map: &'a Map,
    /// The board.
    pub board: &'a Board,
    /// Us.
    pub me: Power,
    /// The intent the candidates were written from.
    pub intent: &'a Intent,
    /// What the recipient last said to us (as read), which the candidates may answer.
    pub heard: Option<&'a Press>,
    /// Messages between us and the recipient so far, oldest first.
    pub history: &'a [Exchange],
    /// The reader that reads the candidates back.
    pub reader: &'a dyn Reader,
    view: IntentView<'a>,
}

impl<'a> FilterContext<'a> {
    /// A context; the intent's view is worked out once here.
    pub fn new(
        map: &'a Map,
        board: &'a Board,
        me: Power,
        intent: &'a Intent,
        heard: Option<&'a Press>,
        history: &'a [Exchange],
        reader: &'a dyn Reader,
    ) -> FilterContext<'a> {
        FilterContext { map, board, me, intent, heard, history, reader, view: IntentView::new(map, board, me, intent) }
    }

    /// The intent as seen from the board.
    pub fn view(&self) -> &IntentView<'a> {
        &self.view
    }

    /// Reads a candidate as the recipient would.
    pub fn read_back(&self, candidate: &Candidate) -> Reading {
        let ctx = ReadContext {
            map: self.map,
            board: self.board,
            sender: self.me,
            recipient: self.intent.with,
            answering: self.heard,
        };
        self.reader.read(&ctx, &candidate.text)
    }

    fn atom_text(&self, a: &Atom) -> String {
        a.to_press().display(self.map).to_string()
    }
}

/// A check that may reject a candidate.
pub trait Filter {
    /// A short name for logs (`grounding`, `consistency`…).
    fn name(&self) -> &'static str;

    /// `Err(why)` when the candidate (read back as `reading`) must not be sent.
    fn check(&self, ctx: &FilterContext<'_>, candidate: &Candidate, reading: &Reading) -> Result<(), String>;
}

/// Everything named exists; every order is legal (see the [module documentation](self)).
#[derive(Clone, Copy, Debug, Default)]
pub struct Grounding;

/// Reading back gives the intent (see the [module documentation](self)).
#[derive(Clone, Copy, Debug, Default)]
pub struct Consistency;

/// Nothing the intent withholds (see the [module documentation](self)).
#[derive(Clone, Copy, Debug, Default)]
pub struct Leakage;

/// Not the same again (see the [module documentation](self)).
#[derive(Clone, Copy, Debug, Default)]
pub struct Repetition;

/// The four filters above, in that order.
pub fn default_filters() -> Vec<Box<dyn Filter>> {
    vec![Box::new(Grounding), Box::new(Consistency), Box::new(Leakage), Box::new(Repetition)]
}

/// Orders of a press with the power that gives them: claims and answers ours, proposals theirs.
fn press_orders(p: &Press, me: Power, with: Power, out: &mut Vec<(Power, MainOrder)>) {
    match p {
        Press::Will(os) => out.extend(os.iter().map(|o| (me, *o))),
        Press::Propose(os) => out.extend(os.iter().map(|o| (with, *o))),
        Press::And(parts) => parts.iter().for_each(|q| press_orders(q, me, with, out)),
        // An answer is about what the recipient said to us: its proposals are of our orders, its
        // claims of theirs.
        Press::Yes(inner) | Press::Reject(inner) => press_orders(inner, with, me, out),
        Press::Dmz { .. } | Press::Peace(_) | Press::Alliance { .. } => {}
    }
}

/// Why `o` is not a legal order of `power` on `board`, if it is not.
fn order_problem(map: &Map, board: &Board, power: Power, o: &MainOrder) -> Option<String> {
    let text = Order::Main(*o).display(map).to_string();
    if !units_exist(map, board, o) {
        return Some(format!("{text}: names a unit that is not on the board"));
    }
    check_main(map, board, power, o).err().map(|e| format!("{text}: {e}"))
}

impl Filter for Grounding {
    fn name(&self) -> &'static str {
        "grounding"
    }

    fn check(&self, ctx: &FilterContext<'_>, candidate: &Candidate, reading: &Reading) -> Result<(), String> {
        let mut why: Vec<String> = reading.ungrounded().map(|p| p.text.clone()).collect();
        let mut orders = Vec::new();
        press_orders(&candidate.press, ctx.me, ctx.intent.with, &mut orders);
        why.extend(orders.iter().filter_map(|(p, o)| order_problem(ctx.map, ctx.board, *p, o)));
        if why.is_empty() {
            Ok(())
        } else {
            Err(why.join("; "))
        }
    }
}

impl Filter for Consistency {
    fn name(&self) -> &'static str {
        "consistency"
    }

    fn check(&self, ctx: &FilterContext<'_>, candidate: &Candidate, reading: &Reading) -> Result<(), String> {
        let read = reading.atoms();
        let mut why = Vec::new();
        for a in read.iter().filter(|a| !ctx.view.entails(a)) {
            why.push(format!("says {}, which the intent does not hold", ctx.atom_text(a)));
        }
        for a in candidate.press.atoms().iter().filter(|a| !read.contains(a)) {
            why.push(format!("means {} but does not say it", ctx.atom_text(a)));
        }
        if why.is_empty() {
            Ok(())
        } else {
            Err(why.join("; "))
        }
    }
}

impl Filter for Leakage {
    fn name(&self) -> &'static str {
        "leakage"
    }

    fn check(&self, ctx: &FilterContext<'_>, _candidate: &Candidate, reading: &Reading) -> Result<(), String> {
        let (me, with) = (ctx.me, ctx.intent.with);
        let view = &ctx.view;
        let mut why = Vec::new();
        for a in reading.atoms() {
            let leak = match &a {
                Atom::Will(o) => !view.concerns_them(o),
                Atom::Yes(inner) => matches!(inner.as_ref(), Atom::Propose(o) if !view.concerns_them(o)),
                Atom::Dmz(p, prov) => (*p == me && !view.their_zone.contains(*prov)) || (*p != me && *p != with),
                Atom::Peace(x, y) => ![*x, *y].contains(&me) || ![*x, *y].contains(&with),
                Atom::Alliance { allies, .. } => allies.iter().any(|q| q != me && q != with),
                Atom::Propose(_) | Atom::Reject(_) => false,
            };
            if leak {
                why.push(format!("reveals {}, which does not concern {}", ctx.atom_text(&a), ctx.map.power_name(with)));
            }
        }
        if why.is_empty() {
            Ok(())
        } else {
            Err(why.join("; "))
        }
    }
}

/// What a message asks of its recipient: proposed orders, their side of a DMZ, peace, alliance.
fn asks(atoms: &[Atom], with: Power) -> Vec<Atom> {
    atoms
        .iter()
        .filter(|a| match a {
            Atom::Propose(_) | Atom::Peace(..) | Atom::Alliance { .. } => true,
            Atom::Dmz(p, _) => *p == with,
            _ => false,
        })
        .cloned()
        .collect()
}

impl Filter for Repetition {
    fn name(&self) -> &'static str {
        "repetition"
    }

    fn check(&self, ctx: &FilterContext<'_>, candidate: &Candidate, reading: &Reading) -> Result<(), String> {
        let (me, with) = (ctx.me, ctx.intent.with);
        let ours = |e: &&Exchange| e.from == me && e.to == with;
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        if ctx.history.iter().filter(ours).any(|e| same(&e.text, &candidate.text)) {
            return Err("repeats an earlier message word for word".into());
        }
        let Some(last) = ctx.history.iter().rposition(|e| e.from == me && e.to == with) else { return Ok(()) };
        let answered = ctx.history[last + 1..].iter().any(|e| e.from == with && e.to == me);
        if answered {
            return Ok(());
        }
        let before = asks(&ctx.history[last].press.as_ref().map(Press::atoms).unwrap_or_default(), with);
        let now = asks(&reading.atoms(), with);
        if !now.is_empty() && now.iter().all(|a| before.contains(a)) {
            let what: Vec<String> = now.iter().map(|a| ctx.atom_text(a)).collect();
            return Err(format!("asks again what the unanswered last message asked: {}", what.join(", ")));
        }
        Ok(())
    }
}

/// The default value of a candidate: how many of the claims read back the intent entails.
pub fn default_value(ctx: &FilterContext<'_>, _candidate: &Candidate, reading: &Reading) -> f64 {
    reading.atoms().iter().filter(|a| ctx.view.entails(a)).count() as f64
}

/// A candidate that passed every filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen {
    /// Its index among the candidates.
    pub index: usize,
    /// The candidate.
    pub candidate: Candidate,
    /// How the recipient will read it.
    pub reading: Reading,
    /// Its value.
    pub value: f64,
}

/// A candidate that a filter rejected, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// Its index among the candidates.
    pub index: usize,
    /// Its text.
    pub text: String,
    /// Every filter that rejected it, with its reason.
    pub reasons: Vec<(&'static str, String)>,
}

/// Reads every candidate back, runs every filter on it, and returns the surviving candidate of
/// highest `value` (the first, among equals) with every rejection and its reasons.
pub fn choose(
    ctx: &FilterContext<'_>,
    candidates: Vec<Candidate>,
    filters: &[Box<dyn Filter>],
    value: &dyn Fn(&FilterContext<'_>, &Candidate, &Reading) -> f64,
) -> (Option<Chosen>, Vec<Rejection>) {
    let mut best: Option<Chosen> = None;
    let mut rejections = Vec::new();
    for (index, candidate) in candidates.into_iter().enumerate() {
        let reading = ctx.read_back(&candidate);
        let reasons: Vec<(&'static str, String)> = filters
            .iter()
            .filter_map(|f| f.check(ctx, &candidate, &reading).err().map(|why| (f.name(), why)))
            .collect();
        if !reasons.is_empty() {
            rejections.push(Rejection { index, text: candidate.text, reasons });
            continue;
        }
        let v = value(ctx, &candidate, &reading);
        if best.as_ref().is_none_or(|b| v > b.value) {
            best = Some(Chosen { index, candidate, reading, value: v });
        }
    }
    (best, rejections)
}
