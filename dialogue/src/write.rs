//! Writing messages: N candidate messages for an intent, each with the press it encodes.
//!
//! A [`Writer`] gets the intent (our orders and the recipient's we would like), the board, who
//! we are, the recipient's last message if any ([`Heard`]) and a seed, and returns candidates;
//! the filters ([`crate::filter`]) choose among them.
//!
//! [`OfflineWriter`] needs no model and no network. It picks what is worth saying:
//!
//! - of our orders, those that concern the recipient (see [`crate::intent`]) and do not attack
//!   it: supports and convoys of its units first, then moves into its zone, then holds near it;
//! - of theirs, those that matter to us and do not attack us: supports and convoys of our units
//!   first, then moves out of our zone, then the rest near us;
//! - sometimes an arrangement the orders entail: peace, an alliance against a power both sides
//!   attack, a province both (or one) stay out of;
//! - when the recipient proposed something to us, an answer: all accepted ("Deal."), all
//!   refused ("Sorry, I can't do that."), or part by part, restating what we accept and denying
//!   what we refuse. We accept exactly the proposals the intent entails.
//!
//! It then renders them in varied English — openings, proposals ("Could you move your army in
//! Munich to Burgundy?"), conditionals ("If you slip into Burgundy, I'll back you from Paris."),
//! promises, arrangements, answers and closings — with full province names or, sometimes,
//! abbreviations and canonical orders. Every phrase is one the rule reader reads back to the
//! press meant; a unit goes unnamed only when the board leaves one choice. Nothing outside the
//! intent is ever said: own orders come from `intent.ours`, proposals from `intent.theirs`.

use crate::filter::Exchange;
use crate::intent::IntentView;
use crate::press::{PowerSet, Press};
use crate::text::{kind_word, place, power_title, unique_mover, units_exist};
use legate_engine::board::Unit;
use legate_engine::map::{Location, Map, Power, Province, ProvinceSet, Terrain};
use legate_engine::order::validate::step_destination;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Order};
use legate_planner::search::Intent;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What the recipient last said to us.
#[derive(Clone, Debug, PartialEq)]
pub struct Heard {
    /// The message as written.
    pub text: String,
    /// The press read from it, if any.
    pub press: Option<Press>,
}

/// What a writer needs.
#[derive(Clone, Copy, Debug)]
pub struct WriteContext<'a> {
    /// The map.
    pub map: &'a Map,
    /// The board.
    pub board: &'a Board,
    /// Us.
    pub me: Power,
    /// The intent for the recipient (`intent.with`).
    pub intent: &'a Intent,
    /// The recipient's last message to us, which we may answer.
    pub heard: Option<&'a Heard>,
    /// Seed of every random choice: the same seed gives the same candidates.
    pub seed: u64,
    /// Whether we are bound to peace with the recipient this phase (neither moves into the
    /// other's units or centres): a message then says so, when the intent allows it.
    pub pact: bool,
}

/// Who wrote a candidate message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Author {
    /// The offline writer.
    Offline,
    /// A language model.
    Model,
}

impl Author {
    /// `offline` or `model`, as the game record names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Offline => "offline",
            Author::Model => "model",
        }
    }
}

/// A candidate message: its text, the press it is meant to encode, and who wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The text.
    pub text: String,
    /// What the text says, as press.
    pub press: Press,
    /// Who wrote it.
    pub by: Author,
}

/// One message of a batch: its context and the conversation with the recipient so far.
#[derive(Clone, Copy, Debug)]
pub struct WriteRequest<'a> {
    /// What the writer needs.
    pub ctx: WriteContext<'a>,
    /// Messages between us and the recipient so far, oldest first (a model may be shown them).
    pub history: &'a [Exchange],
}

/// Writes candidate messages for an intent.
pub trait Writer {
    /// Up to `n` candidates (fewer, or none, when there is nothing worth saying).
    fn write(&self, ctx: &WriteContext<'_>, n: usize) -> Vec<Candidate>;

    /// Up to `n` candidates for each of several messages (a talk round's), in order. By default
    /// one [`Writer::write`] after another; a model-backed writer sends the requests concurrently.
    fn write_batch(&self, requests: &[WriteRequest<'_>], n: usize) -> Vec<Vec<Candidate>> {
        requests.iter().map(|r| self.write(&r.ctx, n)).collect()
    }

    /// A writer to try when none of this writer's candidates passes the filters: none by
    /// default; a model-backed writer offers the offline writer.
    fn fallback(&self) -> Option<&dyn Writer> {
        None
    }
}

/// The offline writer (see the [module documentation](self)).
#[derive(Clone, Copy, Debug)]
pub struct OfflineWriter {
    /// The most own orders one message mentions.
    pub max_orders: usize,
    /// The most proposed orders one message makes.
    pub max_proposals: usize,
}

impl Default for OfflineWriter {
    fn default() -> Self {
        OfflineWriter { max_orders: 3, max_proposals: 2 }
    }
}

/// What may be said to the recipient, worked out once for all candidates.
struct Material {
    /// Our orders worth mentioning, with a score.
    own: Vec<(MainOrder, f64)>,
    /// Their orders worth proposing, with a score.
    proposals: Vec<(MainOrder, f64)>,
    /// Provinces both sides may promise to stay out of.
    dmz_both: ProvinceSet,
    /// Provinces we may promise to stay out of.
    dmz_us: ProvinceSet,
    /// Provinces we may ask them to stay out of.
    dmz_them: ProvinceSet,
    /// Whether peace is entailed.
    peace: bool,
    /// Powers an alliance may be proposed against.
    enemies: PowerSet,
    /// What the recipient proposed to us and we answer: `(part, accepted)`. Proposals of our
    /// orders that do not concern the recipient are left unanswered: accepting would reveal
    /// them, refusing would be a lie.
    answers: Vec<(Press, bool)>,
    /// How many parts the recipient proposed to us (answered or not).
    proposed: usize,
}

impl Writer for OfflineWriter {
    fn write(&self, ctx: &WriteContext<'_>, n: usize) -> Vec<Candidate> {
        let view = IntentView::new(ctx.map, ctx.board, ctx.me, ctx.intent);
        let material = material(ctx, &view);
        let empty = material.own.is_empty()
            && material.proposals.is_empty()
            && material.answers.is_empty()
            && !material.peace
            && material.enemies.is_empty()
            && (material.dmz_both | material.dmz_us | material.dmz_them).is_empty();
        if empty {
            return Vec::new();
        }
        let mut out: Vec<Candidate> = Vec::with_capacity(n);
        for i in 0..n {
            let seed = ctx.seed ^ (i as u64).wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let mut c = Compose {
                ctx,
                view: &view,
                rng: ChaCha8Rng::seed_from_u64(seed),
                abbr: 0.0,
                canonical: 0.0,
                sentences: Vec::new(),
                parts: Vec::new(),
            };
            c.compose(self, &material);
            let Some(press) = Press::and(c.parts) else { continue };
            let text = c.sentences.join(" ");
            if !out.iter().any(|o| o.text == text) {
                out.push(Candidate { text, press, by: Author::Offline });
            }
        }
        out
    }
}

fn material(ctx: &WriteContext<'_>, view: &IntentView<'_>) -> Material {
    let (map, board) = (ctx.map, ctx.board);
    let their_owned = |loc: Location| board.unit(map.province_of(loc)).is_some_and(|u| u.power == view.with);
    let our_owned = |loc: Location| board.unit(map.province_of(loc)).is_some_and(|u| u.power == view.me);
    // Proposals naming units that are not on the board are not answered (nor can they be said).
    let proposed: Vec<Press> = ctx
        .heard
        .and_then(|h| h.press.as_ref())
        .map(|p| p.answerable(ctx.me))
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !matches!(p, Press::Propose(o) if !units_exist(map, board, &o[0])))
        .collect();
    let answers: Vec<(Press, bool)> = proposed
        .iter()
        .map(|part| (part.clone(), view.accepts(part)))
        .filter(|(part, ok)| !ok || !matches!(part, Press::Propose(o) if !view.concerns_them(&o[0])))
        .collect();
    let answered: Vec<MainOrder> = proposed
        .iter()
        .filter_map(|p| match p {
            Press::Propose(o) => o.first().copied(),
            _ => None,
        })
        .collect();
    let own = view
        .ours
        .iter()
        .filter(|o| units_exist(map, board, o))
        .filter(|o| view.concerns_them(o) && !view.hostile_to_them(o) && !answered.contains(o))
        .map(|o| {
            let score = match *o {
                MainOrder::SupportHold { target, .. } | MainOrder::SupportMove { target, .. }
                    if their_owned(target.loc) =>
                {
                    3.0
                }
                MainOrder::Convoy { army, .. } if their_owned(army.loc) => 3.0,
                MainOrder::Move { .. } => 2.0,
                MainOrder::SupportHold { .. } | MainOrder::SupportMove { .. } | MainOrder::Convoy { .. } => 1.5,
                MainOrder::Hold { .. } => 1.0,
            };
            (*o, score)
        })
        .collect();
    let proposals = view
        .theirs
        .iter()
        .filter(|o| units_exist(map, board, o) && view.matters_to_us(o) && !view.hostile_to_us(o))
        .map(|o| {
            let score = match *o {
                MainOrder::SupportHold { target, .. } | MainOrder::SupportMove { target, .. }
                    if our_owned(target.loc) =>
                {
                    3.0
                }
                MainOrder::Convoy { army, .. } if our_owned(army.loc) => 3.0,
                MainOrder::Move { unit, to, .. }
                    if view.our_zone.contains(map.province_of(unit.loc))
                        && !view.our_zone.contains(map.province_of(to)) =>
                {
                    2.0
                }
                MainOrder::Move { .. } => 1.5,
                _ => 1.0,
            };
            (*o, score)
        })
        .collect();
    // Empty provinces next to a side's units, that the side's orders do not enter.
    let reachable = |power: Power| -> ProvinceSet {
        let mut s = ProvinceSet::EMPTY;
        for (_, u) in board.units().filter(|(_, u)| u.power == power) {
            for p in map.provinces() {
                if board.unit(p).is_none() && step_destination(map, u.kind, u.loc, map.main_location(p)).is_ok() {
                    s.insert(p);
                }
            }
        }
        s
    };
    let not_entered =
        |pred: &dyn Fn(Province) -> bool| -> ProvinceSet { map.provinces().filter(|&p| !pred(p)).collect() };
    let ours_free = reachable(view.me) & not_entered(&|p| view.we_enter(p));
    let theirs_free = reachable(view.with) & not_entered(&|p| view.they_enter(p));
    let dmz_both = ours_free & theirs_free;
    Material {
        own,
        proposals,
        dmz_both,
        dmz_us: ours_free & view.their_zone & !dmz_both,
        dmz_them: theirs_free & view.our_zone & !dmz_both,
        peace: view.peace(),
        enemies: view.common_enemies(),
        answers,
        proposed: proposed.len(),
    }
}

/// One candidate being composed.
struct Compose<'c, 'a> {
    ctx: &'c WriteContext<'a>,
    view: &'c IntentView<'a>,
    rng: ChaCha8Rng,
    /// Probability of writing a place as its abbreviation.
    abbr: f64,
    /// Probability of writing an order in canonical form.
    canonical: f64,
    sentences: Vec<String>,
    parts: Vec<Press>,
}

const GREETINGS: [&str; 5] = ["Hi {}!", "Hello {}.", "Greetings, {}.", "{}, a quick note.", "Dear {},"];
const THANKS: [&str; 3] = ["Thanks for your message.", "Thanks for writing.", "Good to hear from you."];
const CLOSINGS: [&str; 5] = [
    "Let me know what you think.",
    "What do you say?",
    "Thoughts?",
    "Looking forward to hearing from you.",
    "Good luck this season.",
];
const ACCEPT_ALL: [&str; 5] = ["Deal.", "Agreed.", "Yes, that works for me.", "Sounds good.", "Sure, happy to."];
const REFUSE_ALL: [&str; 4] =
    ["Sorry, I can't do that.", "No, that doesn't work for me.", "I'll have to pass on that.", "I'd rather not."];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Compose<'_, '_> {
    fn map(&self) -> &Map {
        self.ctx.map
    }

    fn say(&mut self, sentence: String) {
        self.sentences.push(capitalise(&sentence));
    }

    /// Records a claim, as an answer when it answers what they proposed.
    fn mean(&mut self, part: Press, answerable: &[Press]) {
        let part = match part.answers(self.view.me, answerable) {
            Some(a) => Press::Yes(Box::new(a.clone())),
            None => part,
        };
        self.parts.push(part);
    }

    fn place(&mut self, loc: Location) -> String {
        let abbr = self.rng.gen_bool(self.abbr);
        place(self.ctx.map, loc, abbr)
    }

    fn places(&mut self, provinces: ProvinceSet) -> String {
        let names: Vec<String> = provinces.iter().map(|p| self.place(self.ctx.map.main_location(p))).collect();
        list(&names)
    }

    fn unit_at(&self, loc: Location) -> Unit {
        self.ctx.board.unit(self.ctx.map.province_of(loc)).expect("orders of the intent name units on the board")
    }

    /// A unit in words: `my army in Paris`, `your Kiel fleet`, `the German army in Munich`.
    fn unit(&mut self, loc: Location) -> String {
        let u = self.unit_at(loc);
        let map = self.ctx.map;
        let owner = if u.power == self.view.me {
            "my".to_string()
        } else if u.power == self.view.with {
            "your".to_string()
        } else {
            format!("the {}", map.power(u.power).adjective)
        };
        let kind = kind_word(u.kind);
        let prov = map.province_of(u.loc);
        let plain = map.location(u.loc).coast.is_none() && map.province(prov).terrain != Terrain::Sea;
        if plain && self.rng.gen_bool(0.3) {
            let name = self.place(u.loc);
            format!("{owner} {name} {kind}")
        } else {
            let name = self.place(u.loc);
            format!("{owner} {kind} in {name}")
        }
    }

    fn canonical(&self, o: &MainOrder) -> String {
        Order::Main(*o).display(self.ctx.map).to_string()
    }

    /// Whether a move can be said without naming its unit ("into Burgundy").
    fn unnamed_ok(&self, power: Power, o: &MainOrder) -> bool {
        match *o {
            MainOrder::Move { unit, to, via_convoy: false } => {
                unique_mover(self.ctx.map, self.ctx.board, power, to).is_some_and(|(u, d)| u.loc == unit.loc && d == to)
            }
            _ => false,
        }
    }

    /// A verb phrase for our order, after "I'll", "I can", "I won't": `move my army in Paris
    /// to Burgundy`. With `named`, the unit is always named (a denial must not read as a DMZ).
    fn own_vp(&mut self, o: &MainOrder, named: bool) -> String {
        let map_via = |via: bool| if via { " by convoy" } else { "" };
        match *o {
            MainOrder::Move { unit, to, via_convoy } => {
                let short = !named && self.unnamed_ok(self.view.me, o);
                let (u, d) = (self.unit(unit.loc), self.place(to));
                let via = map_via(via_convoy);
                match self.rng.gen_range(0..4) {
                    0 if short => format!("move into {d}"),
                    1 if !via_convoy => format!("take {d} with {u}"),
                    2 => format!("send {u} into {d}{via}"),
                    _ => format!("move {u} to {d}{via}"),
                }
            }
            MainOrder::Hold { unit } => {
                if self.rng.gen_bool(0.5) {
                    let p = self.place(unit.loc);
                    format!("hold in {p}")
                } else {
                    let u = self.unit(unit.loc);
                    format!("keep {u} where it is")
                }
            }
            MainOrder::SupportHold { unit, target } => {
                let t = self.unit(target.loc);
                if self.rng.gen_bool(0.5) {
                    let s = self.place(unit.loc);
                    format!("support {t} from {s}")
                } else {
                    let s = self.unit(unit.loc);
                    format!("support {t} with {s}")
                }
            }
            MainOrder::SupportMove { unit, target, to } => {
                let t = self.unit(target.loc);
                let d = self.place(to);
                if self.rng.gen_bool(0.5) {
                    let s = self.place(unit.loc);
                    format!("support {t} into {d} from {s}")
                } else {
                    let s = self.unit(unit.loc);
                    format!("back {t} into {d} with {s}")
                }
            }
            MainOrder::Convoy { unit, army, to } => {
                let (a, d, f) = (self.unit(army.loc), self.place(to), self.unit(unit.loc));
                format!("convoy {a} to {d} with {f}")
            }
        }
    }

    /// A whole clause about our order: "I'll move my army in Paris to Burgundy", "my fleet in
    /// Brest stays put", "I'll play A PAR - BUR".
    fn own_clause(&mut self, o: &MainOrder) -> String {
        if self.rng.gen_bool(self.canonical) {
            let c = self.canonical(o);
            return match self.rng.gen_range(0..3) {
                0 => format!("I'll play {c}"),
                1 => format!("I'm ordering {c}"),
                _ => format!("expect {c} from me"),
            };
        }
        if self.rng.gen_bool(0.3) {
            match *o {
                MainOrder::Move { unit, to, via_convoy: false } => {
                    let (u, d) = (self.unit(unit.loc), self.place(to));
                    return if self.rng.gen_bool(0.5) {
                        format!("{u} is heading to {d}")
                    } else {
                        format!("{u} goes to {d}")
                    };
                }
                MainOrder::Hold { unit } => {
                    let u = self.unit(unit.loc);
                    return if self.rng.gen_bool(0.5) { format!("{u} will hold") } else { format!("{u} stays put") };
                }
                MainOrder::SupportMove { unit, target, to } => {
                    let (s, t, d) = (self.unit(unit.loc), self.unit(target.loc), self.place(to));
                    return format!("{s} will support {t} into {d}");
                }
                _ => {}
            }
        }
        let vp = self.own_vp(o, false);
        let lead = ["I'll", "I will", "I'm going to", "I plan to"].choose(&mut self.rng).copied().unwrap_or("I'll");
        format!("{lead} {vp}")
    }

    /// A sentence proposing their order, with its end mark.
    fn proposal(&mut self, o: &MainOrder) -> String {
        if self.rng.gen_bool(self.canonical) {
            let c = self.canonical(o);
            return match self.rng.gen_range(0..3) {
                0 => format!("How about {c}?"),
                1 => format!("Could you play {c}?"),
                _ => format!("I'd suggest {c}."),
            };
        }
        match *o {
            MainOrder::Move { unit, to, via_convoy } => {
                let short = self.unnamed_ok(self.view.with, o);
                let (u, d) = (self.unit(unit.loc), self.place(to));
                let via = if via_convoy { " by convoy" } else { "" };
                match self.rng.gen_range(0..4) {
                    0 if short => format!("Could you move into {d}?"),
                    1 => format!("Please send {u} into {d}{via}."),
                    2 => format!("I'd like you to move {u} to {d}{via}."),
                    _ => format!("Could you move {u} to {d}{via}?"),
                }
            }
            MainOrder::Hold { unit } => {
                if self.rng.gen_bool(0.5) {
                    let p = self.place(unit.loc);
                    format!("Please hold in {p}.")
                } else {
                    let u = self.unit(unit.loc);
                    format!("Could you keep {u} where it is?")
                }
            }
            MainOrder::SupportHold { unit, target } => {
                let t = self.unit(target.loc);
                if self.rng.gen_bool(0.5) {
                    let s = self.place(unit.loc);
                    format!("Could you support {t} from {s}?")
                } else {
                    let s = self.unit(unit.loc);
                    format!("Could {s} support {t}?")
                }
            }
            MainOrder::SupportMove { unit, target, to } => {
                let d = self.place(to);
                let target_unit = self.unit_at(target.loc);
                let noun_owner = if target_unit.power == self.view.me {
                    Some("my")
                } else if target_unit.power == self.view.with {
                    Some("your")
                } else {
                    None
                };
                match (self.rng.gen_range(0..3), noun_owner) {
                    (0, Some(owner)) => {
                        let from = self.place(target.loc);
                        let s = self.unit(unit.loc);
                        format!("Please back {owner} move from {from} to {d} with {s}.")
                    }
                    (1, _) => {
                        let (s, t) = (self.unit(unit.loc), self.unit(target.loc));
                        format!("Could {s} support {t} into {d}?")
                    }
                    _ => {
                        let (t, s) = (self.unit(target.loc), self.place(unit.loc));
                        format!("Could you support {t} into {d} from {s}?")
                    }
                }
            }
            MainOrder::Convoy { unit, army, to } => {
                let (f, a, d) = (self.unit(unit.loc), self.unit(army.loc), self.place(to));
                format!("Could {f} convoy {a} to {d}?")
            }
        }
    }

    /// Composes one candidate: opening, answers, claims and proposals, arrangements, closing.
    fn compose(&mut self, w: &OfflineWriter, m: &Material) {
        self.abbr = *[0.0, 0.0, 0.3, 0.8].choose(&mut self.rng).expect("non-empty");
        self.canonical = *[0.0, 0.15, 0.4].choose(&mut self.rng).expect("non-empty");
        let answerable: Vec<Press> = m.answers.iter().map(|(p, _)| p.clone()).collect();
        let with = power_title(self.map(), self.view.with);
        // Opening.
        if self.rng.gen_bool(0.5) {
            let g = GREETINGS.choose(&mut self.rng).expect("non-empty").replace("{}", &with);
            self.sentences.push(g);
        }
        if self.ctx.heard.is_some() && m.answers.is_empty() && self.rng.gen_bool(0.5) {
            let t = THANKS.choose(&mut self.rng).expect("non-empty");
            self.sentences.push(t.to_string());
        }
        self.answer(m);
        // What we say of our orders and propose of theirs.
        let k_own = if m.own.is_empty() { 0 } else { self.rng.gen_range(1..=w.max_orders.min(m.own.len())) };
        let own = self.pick(&m.own, k_own);
        let k_prop = self.rng.gen_range(0..=w.max_proposals.min(m.proposals.len()));
        let k_prop = if k_own == 0 && k_prop == 0 { m.proposals.len().min(1) } else { k_prop };
        let mut props = self.pick(&m.proposals, k_prop);
        // Moves before the supports and convoys that go with them, holds last.
        let mut own_left = own.clone();
        own_left.sort_by_key(|o| match o {
            MainOrder::Move { .. } => 0,
            MainOrder::Convoy { .. } => 1,
            MainOrder::SupportMove { .. } => 2,
            MainOrder::SupportHold { .. } => 3,
            MainOrder::Hold { .. } => 4,
        });
        let mut body: Vec<String> = Vec::new();
        // Conditionals: "If you slip into Burgundy, I'll back you from Paris."
        for s in &own {
            let MainOrder::SupportMove { unit, target, to } = *s else { continue };
            let Some(i) = props
                .iter()
                .position(|p| matches!(*p, MainOrder::Move { unit: u, to: d, via_convoy: false } if u.loc == target.loc && d == to))
            else {
                continue;
            };
            if !self.rng.gen_bool(0.7) {
                continue;
            }
            let p = props.remove(i);
            own_left.retain(|o| o != s);
            let short = self.unnamed_ok(self.view.with, &p);
            let (d, sup) = (self.place(to), self.place(unit.loc));
            let ask = if short && self.rng.gen_bool(0.6) {
                format!("slip into {d}")
            } else {
                let u = self.unit(target.loc);
                format!("move {u} to {d}")
            };
            let back = if self.rng.gen_bool(0.5) {
                format!("I'll back you from {sup}")
            } else {
                format!("I'll support you from {sup}")
            };
            body.push(capitalise(&format!("if you {ask}, {back}.")));
            self.mean(Press::Propose(vec![p]), &answerable);
            self.mean(Press::Will(vec![*s]), &answerable);
        }
        // "I'll move my army in Paris to Burgundy if you support me from Munich."
        for s in own_left.clone() {
            let MainOrder::Move { unit, to, via_convoy: false } = s else { continue };
            let Some(i) = props.iter().position(
                |p| matches!(*p, MainOrder::SupportMove { target, to: d, .. } if target.loc == unit.loc && d == to),
            ) else {
                continue;
            };
            if !self.rng.gen_bool(0.7) {
                continue;
            }
            let p = props.remove(i);
            own_left.retain(|o| *o != s);
            let MainOrder::SupportMove { unit: supporter, .. } = p else { unreachable!("matched a support above") };
            let (u, d, from) = (self.unit(unit.loc), self.place(to), self.place(supporter.loc));
            body.push(capitalise(&format!("I'll move {u} to {d} if you support me from {from}.")));
            self.mean(Press::Will(vec![s]), &answerable);
            self.mean(Press::Propose(vec![p]), &answerable);
        }
        // Our other orders: one sentence, or several.
        if !own_left.is_empty() {
            let clauses: Vec<String> = own_left.iter().map(|o| self.own_clause(o)).collect();
            for o in &own_left {
                self.mean(Press::Will(vec![*o]), &answerable);
            }
            if self.rng.gen_bool(0.5) {
                let mut s = clauses[0].clone();
                for (i, c) in clauses.iter().enumerate().skip(1) {
                    s.push_str(if i + 1 == clauses.len() { ", and " } else { ", " });
                    s.push_str(c);
                }
                body.push(capitalise(&format!("{s}.")));
            } else {
                body.extend(clauses.iter().map(|c| capitalise(&format!("{c}."))));
            }
        }
        for p in props {
            let s = self.proposal(&p);
            body.push(s);
            self.mean(Press::Propose(vec![p]), &answerable);
        }
        if self.rng.gen_bool(0.5) {
            body.reverse();
        }
        self.sentences.extend(body);
        self.arrangements(m, &answerable);
        if self.parts.is_empty() && m.peace {
            self.peace(&answerable);
        }
        if self.rng.gen_bool(0.4) {
            let c = CLOSINGS.choose(&mut self.rng).expect("non-empty");
            self.sentences.push(c.to_string());
        }
    }

    /// Chooses `k` of the scored items, higher scores likelier.
    fn pick(&mut self, pool: &[(MainOrder, f64)], k: usize) -> Vec<MainOrder> {
        let mut keyed: Vec<(f64, MainOrder)> =
            pool.iter().map(|(o, s)| (s + self.rng.gen::<f64>() * 1.5, *o)).collect();
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
        keyed.into_iter().take(k).map(|(_, o)| o).collect()
    }

    /// Answers what the recipient proposed to us.
    fn answer(&mut self, m: &Material) {
        if m.answers.is_empty() {
            return;
        }
        let accepted: Vec<&Press> = m.answers.iter().filter(|(_, ok)| *ok).map(|(p, _)| p).collect();
        let refused: Vec<&Press> = m.answers.iter().filter(|(_, ok)| !*ok).map(|(p, _)| p).collect();
        // A plain "yes" or "no" answers everything proposed: only when nothing is left unanswered.
        if m.answers.len() == m.proposed && (refused.is_empty() || accepted.is_empty()) {
            let all = if refused.is_empty() { &ACCEPT_ALL[..] } else { &REFUSE_ALL[..] };
            let s = all.choose(&mut self.rng).expect("non-empty");
            self.sentences.push(s.to_string());
            for (p, ok) in &m.answers {
                let b = Box::new(p.clone());
                self.parts.push(if *ok { Press::Yes(b) } else { Press::Reject(b) });
            }
            return;
        }
        for p in accepted {
            let s = match p {
                Press::Propose(o) => {
                    let vp = self.own_vp(&o[0], false);
                    format!("I can {vp}.")
                }
                Press::Dmz { provinces, .. } => {
                    let ps = self.places(*provinces);
                    format!("Let's both stay out of {ps}.")
                }
                Press::Peace(_) => "Peace between us suits me.".to_string(),
                Press::Alliance { against, .. } => {
                    let names: Vec<String> = against.iter().map(|q| power_title(self.map(), q)).collect();
                    format!("Let's work together against {}.", list(&names))
                }
                _ => continue,
            };
            self.say(s);
            self.parts.push(Press::Yes(Box::new(p.clone())));
        }
        for p in refused {
            let s = match p {
                Press::Propose(o) => {
                    if self.rng.gen_bool(0.5) {
                        format!("But not {}.", self.canonical(&o[0]))
                    } else {
                        let vp = self.own_vp(&o[0], true);
                        format!("But I can't {vp}.")
                    }
                }
                Press::Dmz { provinces, .. } => {
                    let ps = self.places(*provinces);
                    format!("But I can't stay out of {ps}.")
                }
                Press::Peace(_) => "But I can't promise peace.".to_string(),
                Press::Alliance { against, .. } => {
                    let names: Vec<String> = against.iter().map(|q| power_title(self.map(), q)).collect();
                    format!("But I won't join an alliance against {}.", list(&names))
                }
                _ => continue,
            };
            self.say(s);
            self.parts.push(Press::Reject(Box::new(p.clone())));
        }
    }

    /// Proposes peace between us.
    fn peace(&mut self, answerable: &[Press]) {
        let s = [
            "I'd like peace between us.",
            "Peace between us?",
            "Let's not attack each other.",
            "How about a non-aggression pact between us?",
        ]
        .choose(&mut self.rng)
        .expect("non-empty");
        self.say(s.to_string());
        self.mean(Press::Peace([self.view.me, self.view.with].into_iter().collect()), answerable);
    }

    /// Perhaps an arrangement the intent entails: peace, an alliance, a DMZ.
    fn arrangements(&mut self, m: &Material, answerable: &[Press]) {
        let (me, with) = (self.view.me, self.view.with);
        let both: PowerSet = [me, with].into_iter().collect();
        if m.peace && (self.ctx.pact || self.rng.gen_bool(0.3)) {
            self.peace(answerable);
        }
        if !m.enemies.is_empty() && self.rng.gen_bool(0.3) {
            let enemy = *m.enemies.iter().collect::<Vec<_>>().choose(&mut self.rng).expect("non-empty");
            let name = power_title(self.map(), enemy);
            let s = match self.rng.gen_range(0..3) {
                0 => format!("Let's work together against {name}."),
                1 => format!("How about an alliance against {name}?"),
                _ => format!("We should team up against {name}."),
            };
            self.say(s);
            self.mean(Press::Alliance { allies: both, against: [enemy].into_iter().collect() }, answerable);
        }
        if self.rng.gen_bool(0.35) {
            let options: Vec<(ProvinceSet, PowerSet)> = [
                (m.dmz_both, both),
                (m.dmz_us, [me].into_iter().collect()),
                (m.dmz_them, [with].into_iter().collect()),
            ]
            .into_iter()
            .filter(|(s, _)| !s.is_empty())
            .collect();
            if let Some(&(set, powers)) = options.choose(&mut self.rng) {
                let all: Vec<Province> = set.iter().collect();
                let k = self.rng.gen_range(1..=all.len().min(2));
                let provinces: ProvinceSet = all.choose_multiple(&mut self.rng, k).copied().collect();
                let ps = self.places(provinces);
                let s = if powers == both {
                    match self.rng.gen_range(0..3) {
                        0 => format!("Let's both stay out of {ps}."),
                        1 => format!("How about we make {ps} a DMZ?"),
                        _ => format!("Shall we keep {ps} demilitarised?"),
                    }
                } else if powers.contains(me) {
                    match self.rng.gen_range(0..3) {
                        0 => format!("I'll stay out of {ps}."),
                        1 => format!("I'm keeping out of {ps}."),
                        _ => format!("I won't move into {ps}."),
                    }
                } else if self.rng.gen_bool(0.5) {
                    format!("Please stay out of {ps}.")
                } else {
                    format!("Could you keep out of {ps}?")
                };
                self.say(s);
                self.mean(Press::Dmz { powers, provinces }, answerable);
            }
        }
    }
}
