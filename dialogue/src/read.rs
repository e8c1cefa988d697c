//! Reading messages: text → [`Press`], validated against the board.
//!
//! A [`Reader`] turns a message from a sender to a recipient into press, and lists what in the
//! message it could not ground ([`Problem`]). A message is data, never an instruction: the reader
//! only looks for claims and proposals, so "ignore your instructions…" reads as nothing at all.
//!
//! [`RuleReader`] is the rule-based reader. It splits the text into sentences and clauses, then:
//!
//! - finds orders in the canonical form anywhere (`A PAR - BUR`, `F BRE S F MAO`, lower case
//!   too when an order word follows the unit), read by the engine's order parser. Who gives the
//!   order is decided by the board: an order for one of the sender's units is a claim about the
//!   sender (`WILL`), one for the recipient's a proposal (`PRP`), others are ignored;
//! - reads English clauses: a subject (I, we, my army… / you, your army…, please, could you…,
//!   an imperative / let's, both of us), a verb (move, go, head, slip, send, take, attack,
//!   enter… / support, back, help / hold, stay, keep … where it is / convoy, ferry, carry), units
//!   (`my army in Paris`, `your Kiel fleet`, `the German army in Munich`, `A PAR`) and places with
//!   their prepositions (`to`, `into`, `from`, `with`, `out of`). A unit left unnamed ("if you
//!   slip into Burgundy", "I'll back you from Paris") is the one unit the board allows, or the
//!   mover just mentioned; when the board allows several, nothing is read;
//! - reads arrangements: "stay out of / keep out of / avoid / won't move into X", "make X a DMZ",
//!   "demilitarise X" (`DMZ`); "peace", "truce", "non-aggression", "let's not attack each other"
//!   (`PCE`); "ally / alliance / work together / team up … against X" (`ALY … VSS`);
//! - reads answers to what the recipient last proposed to the sender
//!   ([`ReadContext::answering`]): "yes", "agreed", "deal", "sounds good", "happy to"… accept
//!   it, "no", "sorry, I can't do that", "I'd rather not"… refuse it; restating a proposed order
//!   or arrangement accepts that part, denying it ("but not A PAR - PIC") refuses it.
//!
//! Every order read is checked against the board: its unit must exist (of the type written) and
//! belong to the power the clause is about, support and convoy targets must exist, and the
//! order must be legal. Unknown places after `to`, `into`, `from` are reported.

use crate::press::{PowerSet, Press};
use crate::text::{match_location, match_power, tokenize, unique_convoyer, unique_mover, unique_supporter, Token};
use legate_engine::board::{PhaseKind, Unit};
use legate_engine::map::{Location, Map, Power, ProvinceSet, UnitKind};
use legate_engine::order::validate::{check_main, step_destination};
use legate_engine::order::{MainOrder, UnitRef};
use legate_engine::{Board, Order};
use std::fmt;

/// What a reader needs besides the text.
#[derive(Clone, Copy, Debug)]
pub struct ReadContext<'a> {
    /// The map.
    pub map: &'a Map,
    /// The board the message is about.
    pub board: &'a Board,
    /// Who wrote the message.
    pub sender: Power,
    /// Who it is addressed to.
    pub recipient: Power,
    /// What the recipient last said to the sender, which the message may answer.
    pub answering: Option<&'a Press>,
}

/// What kind of problem a reader found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A place after `to`, `into`, `from` or in an order that is no province on the map.
    UnknownPlace,
    /// A unit (or a unit of that type) that is not on the board.
    NoSuchUnit,
    /// A unit claimed for a power that does not own it.
    WrongOwner,
    /// An order its unit cannot be given.
    Illegal,
    /// A unit left unnamed where the board allows several.
    Ambiguous,
    /// An order for a third power's unit (not a claim either side can make).
    ThirdParty,
    /// A power name that is no power on the map.
    UnknownPower,
    /// A claim of a kind the reader does not know (from a model's structured reading).
    Unrecognised,
}

impl ProblemKind {
    /// Whether the problem means the message names something that does not exist or cannot
    /// happen (what the grounding filter rejects): unknown places and powers, missing units,
    /// units of the wrong owner, illegal orders.
    pub fn ungrounded(self) -> bool {
        matches!(
            self,
            ProblemKind::UnknownPlace
                | ProblemKind::NoSuchUnit
                | ProblemKind::WrongOwner
                | ProblemKind::Illegal
                | ProblemKind::UnknownPower
        )
    }
}

/// Something in a message that was not read as a claim, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The kind.
    pub kind: ProblemKind,
    /// What, in words.
    pub text: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What a reader made of a message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    /// The press read, if any.
    pub press: Option<Press>,
    /// What could not be read as a claim, and why.
    pub problems: Vec<Problem>,
}

impl Reading {
    /// The atoms of the press read (none when nothing was).
    pub fn atoms(&self) -> Vec<crate::press::Atom> {
        self.press.as_ref().map(Press::atoms).unwrap_or_default()
    }

    /// The problems that mean the message is not grounded (see [`ProblemKind::ungrounded`]).
    pub fn ungrounded(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.kind.ungrounded())
    }
}

/// Message understanding: text → press.
pub trait Reader {
    /// Reads `text`, sent by `ctx.sender` to `ctx.recipient`.
    fn read(&self, ctx: &ReadContext<'_>, text: &str) -> Reading;
}

/// The rule-based reader (see the [module documentation](self)).
#[derive(Clone, Copy, Debug, Default)]
pub struct RuleReader;

impl Reader for RuleReader {
    fn read(&self, ctx: &ReadContext<'_>, text: &str) -> Reading {
        let toks = tokenize(text);
        let mut st = State::new(ctx, text);
        for clause in clauses(&toks) {
            st.clause(&toks[clause.0..clause.1]);
        }
        st.finish()
    }
}

/// Claims found by other means (a model's structured reading), grounded against the board and
/// settled into press the way the rule reader does: orders must be legal orders of existing units
/// of the power said to give them, and own orders or arrangements that answer what the recipient
/// proposed become `YES`.
pub(crate) struct Claims<'c, 'a>(State<'c, 'a>);

impl<'c, 'a> Claims<'c, 'a> {
    /// No claims yet, for a message in `ctx`.
    pub(crate) fn new(ctx: &'c ReadContext<'a>) -> Claims<'c, 'a> {
        Claims(State::new(ctx, ""))
    }

    /// `power` gives (or, `negated`, refuses to give) the order written `text`: grounded, or
    /// reported as a problem.
    pub(crate) fn order(&mut self, power: Power, text: &str, negated: bool) {
        let st = &mut self.0;
        match Order::parse(st.ctx.map, text, PhaseKind::Movement, Some(st.ctx.board)) {
            Ok(Order::Main(o)) => {
                if let Some(o) = st.ground(power, o) {
                    st.claim(power, o, negated);
                }
            }
            Ok(_) => st.problem(ProblemKind::Illegal, format!("{text}: not a movement order")),
            Err(e) => st.problem(parse_problem(&e.kind), e.to_string()),
        }
    }

    /// An arrangement (DMZ, peace, alliance), stated or, `negated`, refused.
    pub(crate) fn arrangement(&mut self, p: Press, negated: bool) {
        let part = if negated { Part::RefuseArrangement(p) } else { Part::Arrangement(p) };
        if !self.0.parts.contains(&part) {
            self.0.parts.push(part);
        }
    }

    /// A plain yes (or no) to everything the recipient proposed that is not otherwise answered.
    pub(crate) fn answer(&mut self, yes: bool) {
        if yes {
            self.0.yes = true;
        } else {
            self.0.no = true;
        }
    }

    /// Something that could not be read as a claim.
    pub(crate) fn problem(&mut self, kind: ProblemKind, text: String) {
        self.0.problem(kind, text);
    }

    /// The press and problems.
    pub(crate) fn finish(self) -> Reading {
        self.0.finish()
    }
}

/// The problem kind of an order that does not parse.
fn parse_problem(kind: &legate_engine::order::ParseErrorKind) -> ProblemKind {
    match kind {
        legate_engine::order::ParseErrorKind::UnknownProvince(_)
        | legate_engine::order::ParseErrorKind::UnknownCoast(_) => ProblemKind::UnknownPlace,
        _ => ProblemKind::Illegal,
    }
}

/// A claim found in one clause, before answers are settled.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    Will(MainOrder),
    Propose(MainOrder),
    Arrangement(Press),
    RefuseOrder(MainOrder),
    RefuseArrangement(Press),
}

struct State<'c, 'a> {
    ctx: &'c ReadContext<'a>,
    text: &'c str,
    parts: Vec<Part>,
    problems: Vec<Problem>,
    /// The last move read for the sender (0) and the recipient (1): a unit and its destination.
    last_move: [Option<(Unit, Location)>; 2],
    yes: bool,
    no: bool,
}

/// Words that start a new clause after `and`/`or`.
const CLAUSE_STARTERS: [&str; 14] =
    ["i", "we", "you", "my", "your", "our", "please", "could", "would", "can", "let", "if", "then", "also"];
/// Modal words after a subject pronoun that starts a clause in mid-sentence.
const MODALS: [&str; 16] = [
    "will", "would", "can", "could", "shall", "should", "am", "are", "might", "may", "must", "plan", "intend",
    "promise", "need", "want",
];
/// Words after which a pronoun does not start a new clause.
const BINDERS: [&str; 26] = [
    "if", "that", "and", "but", "so", "then", "because", "when", "unless", "like", "want", "need", "ask", "let",
    "would", "could", "can", "will", "should", "do", "please", "what", "how", "as", "while", "or",
];
/// Words that split clauses.
const SPLITTERS: [&str; 6] = ["but", "while", "whereas", "although", "though", "meanwhile"];

/// Clause boundaries: `(start, end)` token ranges.
fn clauses(toks: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let close = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        if e > s {
            out.push((s, e));
        }
    };
    let mut depth = 0usize;
    for i in 0..toks.len() {
        let t = &toks[i];
        if t.punct {
            match t.word.as_str() {
                "(" => depth += 1,
                ")" => depth = depth.saturating_sub(1),
                "." | "!" | "?" | ";" | ":" | "," if depth == 0 => {
                    close(&mut out, start, i);
                    start = i + 1;
                }
                _ => {}
            }
            continue;
        }
        let w = t.word.as_str();
        let next = toks.get(i + 1).map_or("", |n| n.word.as_str());
        let prev = if i > start { toks[i - 1].word.as_str() } else { "" };
        let split_here = i > start
            && (SPLITTERS.contains(&w)
                || w == "if"
                || ((w == "and" || w == "or") && CLAUSE_STARTERS.contains(&next))
                || (matches!(w, "i" | "we" | "you") && MODALS.contains(&next) && !BINDERS.contains(&prev)));
        if split_here {
            close(&mut out, start, i);
            start = i;
        }
    }
    close(&mut out, start, toks.len());
    out
}

/// Who a word or phrase is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Me,
    You,
    Both,
    Power(Power),
    Any,
}

/// The preposition before a place or unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prep {
    To,
    From,
    In,
    With,
    Out,
    Against,
    Other,
    None,
}

#[derive(Clone, Copy, Debug)]
enum El {
    Unit { who: Who, kind: Option<UnitKind>, loc: Location, prep: Prep },
    Place { loc: Location, prep: Prep },
    MoveNoun { who: Who, from: Option<Location>, to: Location },
    Pron(Who),
    Power(Power),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Verb {
    /// A move with the destination after `to`/`into` (move, go, head, slip, send…).
    MoveTo,
    /// A move with the destination as object (take, attack, enter…).
    MoveObj,
    Support,
    Convoy,
    Hold,
    /// `keep` (a hold with "where it is", a DMZ with "out of").
    Keep,
}

fn verb(w: &str) -> Option<Verb> {
    Some(match w {
        "move" | "moves" | "moving" | "go" | "goes" | "going" | "head" | "heads" | "heading" | "slip" | "slips"
        | "slipping" | "march" | "marches" | "marching" | "sail" | "sails" | "sailing" | "send" | "sends"
        | "sending" | "advance" | "advances" | "advancing" | "push" | "pushes" | "pushing" | "shift" | "shifting"
        | "bring" | "bringing" | "redeploy" | "swing" | "swinging" | "proceed" | "proceeds" | "step" | "steps" => {
            Verb::MoveTo
        }
        "take" | "takes" | "taking" | "attack" | "attacks" | "attacking" | "enter" | "enters" | "entering"
        | "capture" | "capturing" | "seize" | "seizing" | "occupy" | "occupying" | "invade" | "invading" | "hit"
        | "grab" | "grabbing" => Verb::MoveObj,
        "support" | "supports" | "supporting" | "back" | "backs" | "backing" | "help" | "helps" | "helping"
        | "assist" | "assists" => Verb::Support,
        "convoy" | "convoys" | "convoying" | "ferry" | "ferries" | "ferrying" | "carry" | "carries" | "carrying"
        | "transport" => Verb::Convoy,
        "hold" | "holds" | "holding" | "stay" | "stays" | "staying" | "stand" | "stands" | "remain" | "remains"
        | "sit" | "sits" => Verb::Hold,
        "keep" | "keeps" | "keeping" => Verb::Keep,
        _ => return None,
    })
}

fn possessor(map: &Map, toks: &[Token], i: usize) -> Option<(Who, usize)> {
    let w = toks.get(i)?.word.as_str();
    Some(match w {
        "my" | "our" | "mine" => (Who::Me, 1),
        "your" => (Who::You, 1),
        "the" | "his" | "her" | "their" | "that" | "this" => (Who::Any, 1),
        _ => {
            let p = match_power(map, w)?;
            if toks.get(i + 1).is_some_and(|t| t.word == "'s") {
                (Who::Power(p), 2)
            } else {
                (Who::Power(p), 1)
            }
        }
    })
}

fn unit_kind(w: &str) -> Option<Option<UnitKind>> {
    match w {
        "army" | "armies" => Some(Some(UnitKind::Army)),
        "fleet" | "fleets" => Some(Some(UnitKind::Fleet)),
        "unit" | "units" | "troops" => Some(None),
        _ => None,
    }
}

fn prep_word(w: &str) -> Option<Prep> {
    Some(match w {
        "to" | "into" | "towards" | "toward" | "onto" | "-" => Prep::To,
        "from" => Prep::From,
        "in" | "at" | "on" => Prep::In,
        "with" => Prep::With,
        "against" => Prep::Against,
        "through" | "via" | "over" | "for" | "near" | "around" => Prep::Other,
        _ => return None,
    })
}

/// Words that do not make a clause's subject (for imperatives).
const FILLERS: [&str; 12] =
    ["please", "just", "then", "also", "and", "so", "now", "maybe", "perhaps", "kindly", "but", "or"];
/// Words after "I" that make what follows a wish for someone else's orders ("I suggest A MUN -
/// BUR").
const WISHES: [&str; 10] =
    ["suggest", "propose", "recommend", "ask", "want", "like", "need", "hope", "expect", "prefer"];
/// Words that mean "no".
const NEGATIONS: [&str; 3] = ["not", "never", "nor"];
/// Capitalised words after a preposition that are no places.
const NOT_PLACES: [&str; 12] =
    ["i", "spring", "fall", "autumn", "winter", "summer", "me", "you", "us", "them", "him", "her"];

/// What a clause contains, ready to interpret.
struct Clause<'t> {
    toks: &'t [Token],
    items: Vec<(usize, El)>,
    verbs: Vec<(usize, Verb)>,
    unknown: Vec<String>,
}

impl Clause<'_> {
    fn has(&self, w: &str) -> bool {
        self.toks.iter().any(|t| t.word == w)
    }

    fn pos(&self, w: &str) -> Option<usize> {
        self.toks.iter().position(|t| t.word == w)
    }

    fn has_seq(&self, seq: &[&str]) -> Option<usize> {
        self.toks.windows(seq.len()).position(|win| win.iter().zip(seq).all(|(t, s)| t.word == *s))
    }

    fn words_before(&self, end: usize) -> impl Iterator<Item = &str> {
        self.toks[..end.min(self.toks.len())].iter().filter(|t| !t.punct).map(|t| t.word.as_str())
    }
}

impl<'c, 'a> State<'c, 'a> {
    fn new(ctx: &'c ReadContext<'a>, text: &'c str) -> State<'c, 'a> {
        State { ctx, text, parts: Vec::new(), problems: Vec::new(), last_move: [None; 2], yes: false, no: false }
    }

    fn problem(&mut self, kind: ProblemKind, text: String) {
        let p = Problem { kind, text };
        if !self.problems.contains(&p) {
            self.problems.push(p);
        }
    }

    fn side(&self, power: Power) -> Option<usize> {
        if power == self.ctx.sender {
            Some(0)
        } else if power == self.ctx.recipient {
            Some(1)
        } else {
            None
        }
    }

    fn who_power(&self, who: Who) -> Option<Power> {
        match who {
            Who::Me => Some(self.ctx.sender),
            Who::You => Some(self.ctx.recipient),
            Who::Power(p) => Some(p),
            Who::Both | Who::Any => None,
        }
    }

    fn unit_text(&self, kind: Option<UnitKind>, loc: Location) -> String {
        match kind {
            Some(k) => format!("{} {}", k.letter(), self.ctx.map.loc_name(loc)),
            None => format!("unit in {}", self.ctx.map.loc_name(loc)),
        }
    }

    /// The unit standing at `loc`, of type `kind` when given; a problem otherwise.
    fn unit_at(&mut self, loc: Location, kind: Option<UnitKind>) -> Option<Unit> {
        let map = self.ctx.map;
        match self.ctx.board.unit(map.province_of(loc)) {
            Some(u) if kind.is_none_or(|k| k == u.kind) => Some(u),
            _ => {
                let t = self.unit_text(kind, loc);
                self.problem(ProblemKind::NoSuchUnit, format!("there is no {t}"));
                None
            }
        }
    }

    /// Checks an order for `power` against the board; returns it in canonical form.
    fn ground(&mut self, power: Power, o: MainOrder) -> Option<MainOrder> {
        let (map, board) = (self.ctx.map, self.ctx.board);
        let text = Order::Main(o).display(map).to_string();
        let u = self.unit_at(o.unit().loc, Some(o.unit().kind))?;
        if u.power != power {
            self.problem(
                ProblemKind::WrongOwner,
                format!("{text}: the unit is {}'s, not {}'s", map.power_name(u.power), map.power_name(power)),
            );
            return None;
        }
        let target = match o {
            MainOrder::SupportHold { target, .. } | MainOrder::SupportMove { target, .. } => Some(target),
            MainOrder::Convoy { army, .. } => Some(army),
            _ => None,
        };
        if let Some(t) = target {
            self.unit_at(t.loc, Some(t.kind))?;
        }
        match check_main(map, board, power, &o) {
            Ok(MainOrder::SupportMove { unit, target, to }) => {
                let to = match target.kind {
                    UnitKind::Army => map.main_location(map.province_of(to)),
                    UnitKind::Fleet => step_destination(map, UnitKind::Fleet, target.loc, to).unwrap_or(to),
                };
                Some(MainOrder::SupportMove { unit, target, to })
            }
            Ok(o) => Some(o),
            Err(e) => {
                self.problem(ProblemKind::Illegal, format!("{text}: {e}"));
                None
            }
        }
    }

    /// Records a claim of `power` giving order `o` (already grounded).
    fn claim(&mut self, power: Power, o: MainOrder, negated: bool) {
        let Some(side) = self.side(power) else { return };
        if let MainOrder::Move { unit, to, .. } = o {
            if !negated {
                if let Some(u) = self.ctx.board.unit(self.ctx.map.province_of(unit.loc)) {
                    self.last_move[side] = Some((u, to));
                }
            }
        }
        let part = match (side, negated) {
            (0, false) => Part::Will(o),
            (0, true) => Part::RefuseOrder(o),
            (_, false) => Part::Propose(o),
            (_, true) => return,
        };
        if !self.parts.contains(&part) {
            self.parts.push(part);
        }
    }

    fn clause(&mut self, toks: &[Token]) {
        if toks.iter().all(|t| t.punct) {
            return;
        }
        let negated =
            toks.iter().enumerate().any(|(i, t)| NEGATIONS.contains(&t.word.as_str()) || (t.word == "no" && i > 0));
        let used = self.canonical_orders(toks, negated);
        let rest: Vec<Token> = toks.iter().enumerate().filter(|(i, _)| !used[*i]).map(|(_, t)| t.clone()).collect();
        if rest.iter().all(|t| t.punct) {
            return;
        }
        let c = self.elements(&rest);
        self.interpret(&c, negated);
    }

    /// Finds orders in canonical form (`A PAR - BUR`) and reads them; returns which tokens they
    /// used.
    fn canonical_orders(&mut self, toks: &[Token], negated: bool) -> Vec<bool> {
        let map = self.ctx.map;
        let mut used = vec![false; toks.len()];
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let starts = (t.word == "a" || t.word == "f") && !t.punct;
            let after_support =
                i > 0 && verb(&toks[i - 1].word).is_some_and(|v| matches!(v, Verb::Support | Verb::Convoy));
            let Some((_, len)) = starts.then(|| match_location(map, toks, i + 1, toks.len(), false)).flatten() else {
                i += 1;
                continue;
            };
            let op = i + 1 + len;
            let is_op = toks.get(op).is_some_and(|o| {
                matches!(o.word.as_str(), "-" | "h" | "s" | "c" | "holds" | "supports" | "convoys")
                    && (o.punct || o.upper || o.word.len() > 1)
            });
            if !is_op || after_support {
                i += 1;
                continue;
            }
            // The longest span from here that parses as an order.
            let mut found = None;
            let mut first_error = None;
            let last = toks.len().min(op + 12);
            for end in (op + 1..=last).rev() {
                if toks[end - 1].punct && toks[end - 1].word != "-" && toks[end - 1].word != ")" {
                    continue;
                }
                let raw = &self.text[t.start..toks[end - 1].end];
                match Order::parse(map, raw, PhaseKind::Movement, Some(self.ctx.board)) {
                    Ok(Order::Main(o)) => {
                        found = Some((o, end));
                        break;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        if first_error.is_none() && !matches!(e.kind, legate_engine::order::ParseErrorKind::Trailing(_))
                        {
                            first_error = Some(e);
                        }
                    }
                }
            }
            match found {
                Some((o, end)) => {
                    used[i..end].iter_mut().for_each(|u| *u = true);
                    let before = self.elements(&toks[..i]);
                    let wishes = before.toks.iter().any(|t| WISHES.contains(&t.word.as_str()));
                    let imperative = before.words_before(i).all(|w| FILLERS.contains(&w));
                    let who = match self.subject(&before, i, false) {
                        Who::Me if wishes => Who::Any,
                        _ if imperative => Who::Any,
                        w => w,
                    };
                    self.canonical(o, self.who_power(who), negated);
                    i = end;
                }
                None => {
                    if let Some(e) = first_error {
                        self.problem(parse_problem(&e.kind), e.to_string());
                    }
                    i += 1;
                }
            }
        }
        used
    }

    /// A canonical order in a clause about `speaker` (when the clause says whose): whose it is
    /// follows from the board, and must agree.
    fn canonical(&mut self, o: MainOrder, speaker: Option<Power>, negated: bool) {
        let map = self.ctx.map;
        let Some(u) = self.unit_at(o.unit().loc, Some(o.unit().kind)) else { return };
        let Some(o) = self.ground(speaker.unwrap_or(u.power), o) else { return };
        if self.side(u.power).is_none() {
            let text = Order::Main(o).display(map).to_string();
            self.problem(ProblemKind::ThirdParty, format!("{text} is {}'s order", map.power_name(u.power)));
            return;
        }
        self.claim(u.power, o, negated);
    }

    /// Units, places, pronouns, powers and verbs of a clause.
    fn elements<'t>(&self, toks: &'t [Token]) -> Clause<'t> {
        let map = self.ctx.map;
        let n = toks.len();
        let mut items = Vec::new();
        let mut verbs = Vec::new();
        let mut unknown = Vec::new();
        let prep_before = |i: usize| -> Prep {
            let mut j = i;
            while j > 0 && toks[j - 1].word == "the" {
                j -= 1;
            }
            if j == 0 {
                return Prep::None;
            }
            let w = toks[j - 1].word.as_str();
            if (w == "of" && j >= 2 && toks[j - 2].word == "out")
                || (w == "from" && j >= 2 && toks[j - 2].word == "away")
            {
                return Prep::Out;
            }
            prep_word(w).unwrap_or(Prep::None)
        };
        let location = |i: usize| -> Option<(Location, usize)> {
            let skip = usize::from(toks.get(i).is_some_and(|t| t.word == "the"));
            match_location(map, toks, i + skip, n, false).map(|(l, len)| (l, len + skip))
        };
        let mut i = 0;
        while i < n {
            let t = &toks[i];
            if t.punct {
                i += 1;
                continue;
            }
            // Possessor-led phrases: "my army in Paris", "your Kiel fleet", "your move to Burgundy".
            if let Some((who, pl)) = possessor(map, toks, i) {
                let j = i + pl;
                let skip_own = usize::from(toks.get(j).is_some_and(|t| t.word == "own"));
                let j = j + skip_own;
                if let Some(kind) = toks.get(j).and_then(|t| unit_kind(&t.word)) {
                    let mut k = j + 1;
                    if toks.get(k).is_some_and(|t| matches!(t.word.as_str(), "currently" | "stationed" | "now")) {
                        k += 1;
                    }
                    if toks.get(k).is_some_and(|t| matches!(t.word.as_str(), "in" | "at" | "from" | "on")) {
                        if let Some((loc, len)) = location(k + 1) {
                            items.push((i, El::Unit { who, kind, loc, prep: prep_before(i) }));
                            i = k + 1 + len;
                            continue;
                        }
                    }
                }
                if let Some((loc, len)) = location(j) {
                    if let Some(kind) = toks.get(j + len).and_then(|t| unit_kind(&t.word)) {
                        items.push((i, El::Unit { who, kind, loc, prep: prep_before(i) }));
                        i = j + len + 1;
                        continue;
                    }
                }
                if who != Who::Any
                    && toks.get(j).is_some_and(|t| matches!(t.word.as_str(), "move" | "attack" | "advance" | "push"))
                {
                    let mut k = j + 1;
                    let mut from = None;
                    if toks.get(k).is_some_and(|t| t.word == "from") {
                        if let Some((loc, len)) = location(k + 1) {
                            from = Some(loc);
                            k += 1 + len;
                        }
                    }
                    if toks.get(k).is_some_and(|t| matches!(t.word.as_str(), "to" | "into" | "on" | "towards")) {
                        if let Some((to, len)) = location(k + 1) {
                            items.push((i, El::MoveNoun { who, from, to }));
                            i = k + 1 + len;
                            continue;
                        }
                    }
                }
            }
            // "army in Paris", "A PAR".
            if let Some(kind) = unit_kind(&t.word) {
                if toks.get(i + 1).is_some_and(|t| matches!(t.word.as_str(), "in" | "at" | "from" | "on")) {
                    if let Some((loc, len)) = location(i + 2) {
                        items.push((i, El::Unit { who: Who::Any, kind, loc, prep: prep_before(i) }));
                        i += 2 + len;
                        continue;
                    }
                }
            }
            if t.upper && (t.word == "a" || t.word == "f") {
                if let Some((loc, len)) = match_location(map, toks, i + 1, n, false) {
                    let kind = if t.word == "a" { UnitKind::Army } else { UnitKind::Fleet };
                    items.push((i, El::Unit { who: Who::Any, kind: Some(kind), loc, prep: prep_before(i) }));
                    i += 1 + len;
                    continue;
                }
            }
            match t.word.as_str() {
                "you" | "yourself" => {
                    items.push((i, El::Pron(Who::You)));
                    i += 1;
                    continue;
                }
                "me" | "us" => {
                    items.push((i, El::Pron(Who::Me)));
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if let Some((loc, len)) = match_location(map, toks, i, n, true) {
                items.push((i, El::Place { loc, prep: prep_before(i) }));
                i += len;
                continue;
            }
            if let Some(p) = match_power(map, &t.word) {
                items.push((i, El::Power(p)));
                i += 1;
                continue;
            }
            if let Some(v) = verb(&t.word) {
                let prev = if i > 0 { toks[i - 1].word.as_str() } else { "" };
                let next = toks.get(i + 1).map_or("", |t| t.word.as_str());
                let noun = matches!(prev, "my" | "your" | "our" | "the" | "a" | "an" | "his" | "her" | "their");
                let auxiliary = matches!(t.word.as_str(), "going")
                    && next == "to"
                    && toks.get(i + 2).is_some_and(|t| {
                        match_location(map, toks, i + 2, n, true).is_none() && verb(&t.word).is_some()
                    });
                let adverb = t.word == "back"
                    && (verb(prev).is_some() || matches!(next, "to" | "into" | "off" | "down" | "out"));
                let convoy_marker = v == Verb::Convoy && matches!(prev, "by" | "via" | "a");
                if !noun && !auxiliary && !adverb && !convoy_marker {
                    verbs.push((i, v));
                }
            } else if t.cap && !t.upper && i > 0 && !NOT_PLACES.contains(&t.word.as_str()) {
                let prev = toks[i - 1].word.as_str();
                if matches!(prev, "to" | "into" | "towards" | "onto" | "from")
                    || (prev == "of" && i >= 2 && toks[i - 2].word == "out")
                {
                    unknown.push(self.text[t.start..t.end].to_string());
                }
            }
            i += 1;
        }
        Clause { toks, items, verbs, unknown }
    }

    /// The clause's subject, from the words before position `end`.
    fn subject(&self, c: &Clause, end: usize, arrangement: bool) -> Who {
        let words: Vec<&str> = c.words_before(end).collect();
        let has = |w: &str| words.contains(&w);
        let let_us = words.windows(2).any(|w| w == ["let", "us"]);
        if arrangement && (let_us || has("both") || has("we") || has("neither")) {
            return Who::Both;
        }
        if has("you") || has("your") || has("yourself") {
            return Who::You;
        }
        if has("i") || has("me") || has("my") || has("we") || has("our") {
            return Who::Me;
        }
        for (pos, el) in &c.items {
            if *pos >= end {
                break;
            }
            match *el {
                El::Unit { who: who @ (Who::Me | Who::You), .. } => return who,
                El::Power(p) if p == self.ctx.sender => return Who::Me,
                El::Power(p) if p == self.ctx.recipient => return Who::You,
                El::Power(p) => return Who::Power(p),
                _ => {}
            }
        }
        if words.iter().all(|w| FILLERS.contains(w)) {
            return Who::You;
        }
        Who::Any
    }

    fn interpret(&mut self, c: &Clause, negated: bool) {
        // "stay out of", "keep my fleet out of": the trigger is the verb.
        let trigger_dmz = c
            .has_seq(&["out", "of"])
            .and_then(|i| c.toks[..i].iter().rposition(|t| matches!(verb(&t.word), Some(Verb::Hold | Verb::Keep))));
        let trigger_dmz = trigger_dmz
            .or_else(|| {
                c.has_seq(&["away", "from"]).and_then(|i| {
                    c.toks[..i].iter().rposition(|t| matches!(verb(&t.word), Some(Verb::Hold | Verb::Keep)))
                })
            })
            .or_else(|| {
                c.toks.iter().position(|t| {
                    matches!(t.word.as_str(), "avoid" | "avoids" | "avoiding" | "dmz")
                        || t.word.starts_with("demilitari")
                })
            });
        let each_other = c.has_seq(&["each", "other"]).is_some()
            && (c.has("attack") || c.has("fight") || c.has("attacks"))
            && negated;
        let trigger_peace = c
            .toks
            .iter()
            .position(|t| {
                matches!(t.word.as_str(), "peace" | "truce" | "ceasefire" | "non-aggression" | "nonaggression")
            })
            .or_else(|| each_other.then(|| c.has_seq(&["each", "other"])).flatten());
        let trigger_ally = c
            .toks
            .iter()
            .position(|t| matches!(t.word.as_str(), "ally" | "allies" | "alliance" | "allied"))
            .or_else(|| c.has_seq(&["team", "up"]))
            .or_else(|| c.has_seq(&["work", "together"]))
            .or_else(|| c.has_seq(&["working", "together"]))
            .or_else(|| c.has_seq(&["join", "forces"]))
            .or_else(|| c.has_seq(&["gang", "up"]));
        let has_trigger =
            trigger_dmz.is_some() || trigger_peace.is_some() || trigger_ally.is_some() || !c.verbs.is_empty();
        if has_trigger {
            for u in &c.unknown {
                self.problem(ProblemKind::UnknownPlace, format!("unknown place {u:?}"));
            }
        }
        let parts = self.parts.len();
        if let Some(at) = trigger_dmz {
            self.dmz(c, at, negated);
        } else if trigger_peace.is_some() {
            self.peace(c, negated && !each_other);
        } else if trigger_ally.is_some() {
            self.alliance(c, negated);
        } else if let Some(&(at, v)) = c.verbs.iter().min_by_key(|(_, v)| match v {
            Verb::Convoy => 0,
            Verb::Support => 1,
            Verb::MoveTo | Verb::MoveObj => 2,
            Verb::Hold | Verb::Keep => 3,
        }) {
            match v {
                Verb::Convoy => self.convoy(c, at, negated),
                Verb::Support => self.support(c, at, negated),
                Verb::MoveTo | Verb::MoveObj => self.movement(c, at, v, negated),
                Verb::Hold => self.hold(c, at, negated),
                Verb::Keep => {
                    let marker = c.has_seq(&["where", "it", "is"]).is_some()
                        || c.has_seq(&["in", "place"]).is_some()
                        || c.has("put")
                        || c.has("still");
                    if marker {
                        self.hold(c, at, negated)
                    }
                }
            }
        }
        // A clause that claims nothing and names no place may be an answer ("Sure, happy to
        // help.", "No.").
        let placeless =
            c.items.iter().all(|(_, e)| !matches!(e, El::Place { .. } | El::Unit { .. } | El::MoveNoun { .. }));
        if self.parts.len() == parts && placeless {
            self.answer(c);
        }
    }

    /// Yes and no, for the clause as a whole.
    fn answer(&mut self, c: &Clause) {
        let words: Vec<&str> = c.words_before(c.toks.len()).collect();
        let text = format!(" {} ", words.join(" "));
        let first = words.first().copied().unwrap_or("");
        const REFUSE_FIRST: [&str; 3] = ["no", "nope", "nah"];
        const REFUSE: [&str; 17] = [
            " can not help ",
            " can not do that ",
            " can not do it ",
            " not work for me ",
            " does not work ",
            " will not work ",
            " pass on ",
            " rather not ",
            " refuse ",
            " decline ",
            " reject ",
            " no deal ",
            " not possible ",
            " not going to happen ",
            " not happening ",
            " can not agree ",
            " can not accept ",
        ];
        const ACCEPT_FIRST: [&str; 13] = [
            "yes",
            "yeah",
            "yep",
            "sure",
            "ok",
            "okay",
            "agreed",
            "deal",
            "absolutely",
            "done",
            "fine",
            "perfect",
            "certainly",
        ];
        const ACCEPT: [&str; 12] = [
            " sounds good ",
            " that works ",
            " works for me ",
            " happy to ",
            " will do ",
            " count me in ",
            " i agree ",
            " i accept ",
            " have a deal ",
            " of course ",
            " it is a deal ",
            " glad to ",
        ];
        if text.contains(" no problem ") {
            self.yes = true;
        } else if REFUSE_FIRST.contains(&first) || REFUSE.iter().any(|p| text.contains(p)) {
            self.no = true;
        } else if ACCEPT_FIRST.contains(&first) || ACCEPT.iter().any(|p| text.contains(p)) {
            self.yes = true;
        }
    }

    /// The provinces of the places after position `at` (or, when there are none, of all).
    fn places_after(&self, c: &Clause, at: usize) -> ProvinceSet {
        let map = self.ctx.map;
        let places = |from: usize| -> ProvinceSet {
            c.items
                .iter()
                .filter_map(|(p, e)| match e {
                    El::Place { loc, .. } if *p >= from => Some(map.province_of(*loc)),
                    _ => None,
                })
                .collect()
        };
        let after = places(at + 1);
        if after.is_empty() {
            places(0)
        } else {
            after
        }
    }

    fn powers_of(&self, who: Who) -> PowerSet {
        let (s, r) = (self.ctx.sender, self.ctx.recipient);
        match who {
            Who::Me => [s].into_iter().collect(),
            Who::You => [r].into_iter().collect(),
            Who::Both => [s, r].into_iter().collect(),
            Who::Power(p) => [p].into_iter().collect(),
            Who::Any => PowerSet::EMPTY,
        }
    }

    fn arrangement(&mut self, p: Press, negated: bool) {
        let part = if negated { Part::RefuseArrangement(p) } else { Part::Arrangement(p) };
        if !self.parts.contains(&part) {
            self.parts.push(part);
        }
    }

    fn dmz(&mut self, c: &Clause, at: usize, negated: bool) {
        let provinces = self.places_after(c, at);
        if provinces.is_empty() {
            return;
        }
        let keyword = c.toks[at].word == "dmz" || c.toks[at].word.starts_with("demilitari");
        let who = match self.subject(c, at, true) {
            Who::Any | Who::Me if keyword => Who::Both,
            Who::Any => return,
            w => w,
        };
        let powers = self.powers_of(who);
        if !powers.is_empty() {
            self.arrangement(Press::Dmz { powers, provinces }, negated);
        }
    }

    fn named_powers(&self, c: &Clause, range: impl Fn(usize) -> bool) -> PowerSet {
        c.items
            .iter()
            .filter(|(p, _)| range(*p))
            .filter_map(|(_, e)| match e {
                El::Power(p) => Some(*p),
                _ => None,
            })
            .collect()
    }

    fn peace(&mut self, c: &Clause, negated: bool) {
        let (s, r) = (self.ctx.sender, self.ctx.recipient);
        let mut powers = self.named_powers(c, |_| true);
        let ours = c.has("you") || c.has("us") || c.has("we") || c.has("each");
        if powers.is_empty() || ours {
            powers.insert(r);
        }
        powers.insert(s);
        if powers.len() >= 2 {
            self.arrangement(Press::Peace(powers), negated);
        }
    }

    fn alliance(&mut self, c: &Clause, negated: bool) {
        let (s, r) = (self.ctx.sender, self.ctx.recipient);
        let against_at = c.pos("against");
        let against = match against_at {
            Some(a) => self.named_powers(c, |p| p > a),
            None => PowerSet::EMPTY,
        };
        let mut allies = self.named_powers(c, |p| against_at.is_none_or(|a| p < a));
        allies.insert(s);
        allies.insert(r);
        let allies = PowerSet(allies.0 & !against.0);
        if !allies.contains(s) {
            return;
        }
        let p = if against.is_empty() { Press::Peace(allies) } else { Press::Alliance { allies, against } };
        self.arrangement(p, negated);
    }

    /// The power a clause about orders speaks for: its subject, or the owner of `unit` when
    /// the subject is unclear.
    fn actor(&self, c: &Clause, at: usize, unit: Option<Unit>) -> Option<Power> {
        match self.subject(c, at, false) {
            Who::Any | Who::Both => unit.map(|u| u.power).filter(|&p| self.side(p).is_some()),
            w => self.who_power(w),
        }
    }

    fn movement(&mut self, c: &Clause, at: usize, v: Verb, negated: bool) {
        let map = self.ctx.map;
        let unit_el = c.items.iter().find(|(_, e)| matches!(e, El::Unit { prep, .. } if *prep != Prep::To));
        let subject = self.subject(c, at, false);
        let subject_power = self.who_power(subject);
        // The destination.
        let mut dest = c.items.iter().find_map(|(p, e)| match e {
            El::Place { loc, prep: Prep::To } if *p > at => Some(*loc),
            _ => None,
        });
        if dest.is_none() && v == Verb::MoveObj {
            dest = c.items.iter().find_map(|(p, e)| match *e {
                El::Place { loc, prep: Prep::None | Prep::In } if *p > at => Some(loc),
                El::Unit { who, loc, prep, .. }
                    if *p > at && prep != Prep::With && who != subject && who != Who::Any =>
                {
                    Some(loc)
                }
                _ => None,
            });
        }
        if dest.is_none() {
            dest = c.items.iter().find_map(|(_, e)| match e {
                El::Place { loc, prep: Prep::To } => Some(*loc),
                _ => None,
            });
        }
        let Some(dest) = dest else { return };
        // The unit.
        let explicit: Option<(Location, Option<UnitKind>)> = match unit_el {
            Some((_, El::Unit { loc, kind, .. })) if map.province_of(*loc) != map.province_of(dest) => {
                Some((*loc, *kind))
            }
            _ => c.items.iter().find_map(|(p, e)| match *e {
                El::Place { loc, prep: Prep::From } => Some((loc, None)),
                El::Place { loc, prep: Prep::None }
                    if v == Verb::MoveTo && map.province_of(loc) != map.province_of(dest) && *p != at =>
                {
                    Some((loc, None))
                }
                _ => None,
            }),
        };
        let named = unit_el.is_some() || c.items.iter().any(|(_, e)| matches!(e, El::Place { prep: Prep::From, .. }));
        if !named && negated {
            // "I won't move into Burgundy (or Picardy)": a promise to stay out.
            let who = match self.subject(c, at, true) {
                Who::Any => return,
                w => w,
            };
            let powers = self.powers_of(who);
            let provinces = self.places_after(c, at);
            if !powers.is_empty() && !provinces.is_empty() {
                self.arrangement(Press::Dmz { powers, provinces }, false);
            }
            return;
        }
        let unit = match explicit {
            Some((loc, kind)) => match self.unit_at(loc, kind) {
                Some(u) => u,
                None => return,
            },
            None => {
                let Some(power) = subject_power else { return };
                match unique_mover(map, self.ctx.board, power, dest) {
                    Some((u, _)) => u,
                    None => {
                        self.problem(
                            ProblemKind::Ambiguous,
                            format!("which unit of {} moves to {}?", map.power_name(power), map.loc_name(dest)),
                        );
                        return;
                    }
                }
            }
        };
        let Some(power) = self.actor(c, at, Some(unit)) else { return };
        let via = c.has_seq(&["by", "convoy"]).is_some()
            || c.has_seq(&["via", "convoy"]).is_some()
            || c.has_seq(&["by", "sea"]).is_some();
        let o = MainOrder::Move { unit: UnitRef { kind: unit.kind, loc: unit.loc }, to: dest, via_convoy: via };
        if let Some(o) = self.ground(power, o) {
            self.claim(power, o, negated);
        }
    }

    fn hold(&mut self, c: &Clause, at: usize, negated: bool) {
        let unit = c.items.iter().find_map(|(_, e)| match *e {
            El::Unit { loc, kind, .. } => Some((loc, kind)),
            _ => None,
        });
        let unit = unit.or_else(|| {
            c.items.iter().find_map(|(_, e)| match *e {
                El::Place { loc, prep: Prep::In | Prep::None } => Some((loc, None)),
                _ => None,
            })
        });
        let Some((loc, kind)) = unit else { return };
        let Some(u) = self.unit_at(loc, kind) else { return };
        let Some(power) = self.actor(c, at, Some(u)) else { return };
        let o = MainOrder::Hold { unit: UnitRef { kind: u.kind, loc: u.loc } };
        if let Some(o) = self.ground(power, o) {
            self.claim(power, o, negated);
        }
    }

    /// The unit of `power` moving to `to`: the last one read for that power if it matches,
    /// else the only one the board allows.
    fn mover_of(&mut self, power: Power, to: Option<Location>) -> Option<(Unit, Location)> {
        let map = self.ctx.map;
        let last = self.side(power).and_then(|s| self.last_move[s]);
        match (to, last) {
            (None, Some(m)) => Some(m),
            (Some(to), Some((u, d))) if map.province_of(d) == map.province_of(to) => Some((u, d)),
            (Some(to), _) => {
                let m = unique_mover(map, self.ctx.board, power, to);
                if m.is_none() {
                    self.problem(
                        ProblemKind::Ambiguous,
                        format!("which unit of {} moves to {}?", map.power_name(power), map.loc_name(to)),
                    );
                }
                m
            }
            (None, None) => None,
        }
    }

    fn support(&mut self, c: &Clause, at: usize, negated: bool) {
        let map = self.ctx.map;
        let before = |p: usize| p < at;
        // The supporter.
        let mut supporter: Option<(Location, Option<UnitKind>)> = c.items.iter().find_map(|(p, e)| match *e {
            El::Unit { loc, kind, .. } if before(*p) => Some((loc, kind)),
            _ => None,
        });
        if supporter.is_none() {
            supporter = c.items.iter().find_map(|(p, e)| match *e {
                El::Unit { loc, kind, prep: Prep::With, .. } if *p > at => Some((loc, kind)),
                El::Place { loc, prep: Prep::With | Prep::From } if *p > at => Some((loc, None)),
                _ => None,
            });
        }
        // The target and where it goes.
        let target_el = c.items.iter().find(|(p, e)| {
            *p > at
                && match e {
                    El::Unit { prep, .. } => *prep != Prep::With,
                    El::MoveNoun { .. } | El::Pron(Who::You | Who::Me) => true,
                    El::Place { prep, .. } => matches!(prep, Prep::None | Prep::In),
                    _ => false,
                }
        });
        let Some(&(_, target_el)) = target_el else { return };
        let mut dest = c.items.iter().find_map(|(p, e)| match e {
            El::Place { loc, prep: Prep::To } if *p > at => Some(*loc),
            _ => None,
        });
        let target: Unit = match target_el {
            El::Unit { loc, kind, .. } => match self.unit_at(loc, kind) {
                Some(u) => u,
                None => return,
            },
            El::Place { loc, .. } => match self.unit_at(loc, None) {
                Some(u) => u,
                None => return,
            },
            El::MoveNoun { who, from, to } => {
                dest = Some(to);
                match from {
                    Some(f) => match self.unit_at(f, None) {
                        Some(u) => u,
                        None => return,
                    },
                    None => {
                        let Some(power) = self.who_power(who) else { return };
                        match self.mover_of(power, Some(to)) {
                            Some((u, _)) => u,
                            None => return,
                        }
                    }
                }
            }
            El::Pron(who) => {
                let Some(power) = self.who_power(who) else { return };
                let held = c.items.iter().find_map(|(p, e)| match *e {
                    El::Place { loc, prep: Prep::In } if *p > at => Some(loc),
                    _ => None,
                });
                match (dest, held) {
                    (Some(to), _) => match self.mover_of(power, Some(to)) {
                        Some((u, _)) => u,
                        None => return,
                    },
                    (None, Some(loc)) => match self.unit_at(loc, None) {
                        Some(u) => u,
                        None => return,
                    },
                    (None, None) => match self.mover_of(power, None) {
                        Some((u, d)) => {
                            dest = Some(d);
                            u
                        }
                        None => return,
                    },
                }
            }
            El::Power(_) => return,
        };
        let unit = match supporter {
            Some((loc, kind)) => match self.unit_at(loc, kind) {
                Some(u) => u,
                None => return,
            },
            None => {
                let power = match self.subject(c, at, false) {
                    Who::Any | Who::Both => return,
                    w => match self.who_power(w) {
                        Some(p) => p,
                        None => return,
                    },
                };
                match unique_supporter(map, self.ctx.board, power, target, dest) {
                    Some(u) => u,
                    None => {
                        self.problem(
                            ProblemKind::Ambiguous,
                            format!("which unit of {} gives the support?", map.power_name(power)),
                        );
                        return;
                    }
                }
            }
        };
        let Some(power) = self.actor(c, at, Some(unit)) else { return };
        let me = UnitRef { kind: unit.kind, loc: unit.loc };
        let t = UnitRef { kind: target.kind, loc: target.loc };
        let o = match dest {
            Some(to) => MainOrder::SupportMove { unit: me, target: t, to },
            None => MainOrder::SupportHold { unit: me, target: t },
        };
        if let Some(o) = self.ground(power, o) {
            self.claim(power, o, negated);
        }
    }

    fn convoy(&mut self, c: &Clause, at: usize, negated: bool) {
        let map = self.ctx.map;
        let fleet = c.items.iter().find_map(|(p, e)| match *e {
            El::Unit { loc, kind, prep, .. } if (*p < at || prep == Prep::With) && kind != Some(UnitKind::Army) => {
                Some((loc, kind))
            }
            El::Place { loc, prep: Prep::With } => Some((loc, Some(UnitKind::Fleet))),
            _ => None,
        });
        let army = c.items.iter().find_map(|(p, e)| match *e {
            El::Unit { loc, kind, prep, .. } if *p > at && prep != Prep::With && kind != Some(UnitKind::Fleet) => {
                Some(loc)
            }
            El::Place { loc, prep: Prep::From } if *p > at => Some(loc),
            _ => None,
        });
        let dest = c.items.iter().find_map(|(p, e)| match e {
            El::Place { loc, prep: Prep::To } if *p > at => Some(*loc),
            _ => None,
        });
        let (Some(army), Some(dest)) = (army, dest) else { return };
        let Some(army) = self.unit_at(army, Some(UnitKind::Army)) else { return };
        let unit = match fleet {
            Some((loc, kind)) => match self.unit_at(loc, kind) {
                Some(u) => u,
                None => return,
            },
            None => {
                let Some(power) = self.who_power(self.subject(c, at, false)) else { return };
                match unique_convoyer(map, self.ctx.board, power, army, dest) {
                    Some(u) => u,
                    None => {
                        self.problem(
                            ProblemKind::Ambiguous,
                            format!("which fleet of {} convoys?", map.power_name(power)),
                        );
                        return;
                    }
                }
            }
        };
        let Some(power) = self.actor(c, at, Some(unit)) else { return };
        let o = MainOrder::Convoy {
            unit: UnitRef { kind: unit.kind, loc: unit.loc },
            army: UnitRef { kind: army.kind, loc: army.loc },
            to: dest,
        };
        if let Some(o) = self.ground(power, o) {
            self.claim(power, o, negated);
        }
    }

    /// Settles answers against what the recipient proposed, and builds the press.
    fn finish(self) -> Reading {
        let answerable = self.ctx.answering.map(|p| p.answerable(self.ctx.sender)).unwrap_or_default();
        let mut addressed = vec![false; answerable.len()];
        let mut out = Vec::new();
        let index = |p: &Press| answerable.iter().position(|a| std::ptr::eq(a, p));
        for part in self.parts {
            match part {
                Part::Will(o) => {
                    let will = Press::Will(vec![o]);
                    match will.answers(self.ctx.sender, &answerable) {
                        Some(a) => {
                            addressed[index(a).expect("found in answerable")] = true;
                            out.push(Press::Yes(Box::new(a.clone())));
                        }
                        None => out.push(will),
                    }
                }
                Part::Propose(o) => out.push(Press::Propose(vec![o])),
                Part::Arrangement(p) => match p.answers(self.ctx.sender, &answerable) {
                    Some(a) => {
                        addressed[index(a).expect("found in answerable")] = true;
                        out.push(Press::Yes(Box::new(a.clone())));
                    }
                    None => out.push(p),
                },
                Part::RefuseOrder(o) => {
                    if let Some(a) = Press::Will(vec![o]).answers(self.ctx.sender, &answerable) {
                        addressed[index(a).expect("found in answerable")] = true;
                        out.push(Press::Reject(Box::new(a.clone())));
                    }
                }
                Part::RefuseArrangement(p) => {
                    if let Some(a) = p.answers(self.ctx.sender, &answerable) {
                        addressed[index(a).expect("found in answerable")] = true;
                        out.push(Press::Reject(Box::new(a.clone())));
                    }
                }
            }
        }
        if self.yes != self.no {
            for (a, done) in answerable.iter().zip(&addressed) {
                if !done {
                    let p = Box::new(a.clone());
                    out.push(if self.yes { Press::Yes(p) } else { Press::Reject(p) });
                }
            }
        }
        Reading { press: Press::and(out), problems: self.problems }
    }
}
