//! The lenient order parser: any case, full names, `->`/`to`/`-`, `S`/`supports`, `H`/`holds`,
//! a missing unit type; precise errors that quote the input.

use super::{AdjustmentOrder, MainOrder, Order, RetreatOrder, UnitRef};
use crate::board::{Board, PhaseKind};
use crate::map::{Location, Map, Terrain, UnitKind};
use std::fmt;

/// Why an order's text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderParseError {
    /// The text as given.
    pub input: String,
    /// What is wrong with it.
    pub kind: ParseErrorKind,
}

/// What is wrong with an order's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The text is empty.
    Empty,
    /// A name that is no province on this map.
    UnknownProvince(String),
    /// A province that has no such coast.
    UnknownCoast(String),
    /// Expected something else here.
    Expected {
        /// What was expected.
        what: &'static str,
        /// What was found (empty at the end of the text).
        found: String,
    },
    /// Words left over after a complete order.
    Trailing(String),
    /// The unit type is missing and cannot be inferred.
    MissingUnitType(String),
}

impl fmt::Display for OrderParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: ", self.input)?;
        match &self.kind {
            ParseErrorKind::Empty => write!(f, "empty order"),
            ParseErrorKind::UnknownProvince(p) => write!(f, "unknown province {p:?}"),
            ParseErrorKind::UnknownCoast(p) => write!(f, "no such coast: {p:?}"),
            ParseErrorKind::Expected { what, found } if found.is_empty() => write!(f, "expected {what} at the end"),
            ParseErrorKind::Expected { what, found } => write!(f, "expected {what}, found {found:?}"),
            ParseErrorKind::Trailing(t) => write!(f, "unexpected {t:?} after a complete order"),
            ParseErrorKind::MissingUnitType(l) => write!(f, "missing unit type (A or F) for {l:?}"),
        }
    }
}

impl std::error::Error for OrderParseError {}

/// Words with a meaning in orders.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Word {
    Army,
    Fleet,
    Hold,
    Move,
    Support,
    Convoy,
    Via,
    Retreat,
    Disband,
    Remove,
    Build,
    Waive,
}

fn keyword(token: &str) -> Option<Word> {
    Some(match token {
        "a" | "army" => Word::Army,
        "f" | "fleet" => Word::Fleet,
        "h" | "hold" | "holds" | "stand" | "stands" => Word::Hold,
        "-" | "->" | "=>" | "to" | "m" | "move" | "moves" => Word::Move,
        "s" | "support" | "supports" => Word::Support,
        "c" | "convoy" | "convoys" => Word::Convoy,
        "via" | "by" => Word::Via,
        "r" | "retreat" | "retreats" => Word::Retreat,
        "d" | "disband" | "disbands" => Word::Disband,
        "remove" | "removes" => Word::Remove,
        "b" | "build" | "builds" => Word::Build,
        "waive" | "waives" => Word::Waive,
        _ => return None,
    })
}

struct Parser<'a> {
    map: &'a Map,
    board: Option<&'a Board>,
    /// Tokens in their original case.
    tokens: Vec<&'a str>,
    pos: usize,
}

impl Order {
    /// Parses one order for a phase of kind `kind`. With a board, a missing unit type is taken
    /// from the unit standing there.
    ///
    /// ```
    /// use legate_engine::{Map, Order, board::PhaseKind};
    /// let map = Map::standard();
    /// let o = Order::parse(&map, "army paris -> burgundy", PhaseKind::Movement, None).unwrap();
    /// assert_eq!(o.display(&map).to_string(), "A PAR - BUR");
    /// let e = Order::parse(&map, "A PAR - XYZ", PhaseKind::Movement, None).unwrap_err();
    /// assert_eq!(e.to_string(), r#""A PAR - XYZ": unknown province "XYZ""#);
    /// ```
    pub fn parse(map: &Map, text: &str, kind: PhaseKind, board: Option<&Board>) -> Result<Order, OrderParseError> {
        let mut p = Parser { map, board, tokens: tokenize(text), pos: 0 };
        let order = p.order(kind).map_err(|kind| OrderParseError { input: text.to_string(), kind })?;
        if p.pos < p.tokens.len() {
            let rest = p.tokens[p.pos..].join(" ");
            return Err(OrderParseError { input: text.to_string(), kind: ParseErrorKind::Trailing(rest) });
        }
        Ok(order)
    }
}

/// Splits order text into tokens, separating arrows and dashes from names.
fn tokenize(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || c == ',') {
        let mut rest = raw.trim_end_matches('.');
        while !rest.is_empty() {
            // Split off arrows and dashes wherever they stand.
            if let Some(r) = rest.strip_prefix("->").or_else(|| rest.strip_prefix("=>")) {
                out.push(&rest[..2]);
                rest = r;
                continue;
            }
            if let Some(r) = rest.strip_prefix('-') {
                out.push("-");
                rest = r;
                continue;
            }
            let end = rest.find("->").or_else(|| rest.find("=>")).or_else(|| rest.find('-')).unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

type PResult<T> = Result<T, ParseErrorKind>;

impl<'a> Parser<'a> {
    fn peek_word(&self) -> Option<Word> {
        self.tokens.get(self.pos).and_then(|t| keyword(&t.to_ascii_lowercase()))
    }

    fn found(&self) -> String {
        self.tokens.get(self.pos).map(|t| t.to_string()).unwrap_or_default()
    }

    fn eat(&mut self, w: Word) -> bool {
        if self.peek_word() == Some(w) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn order(&mut self, kind: PhaseKind) -> PResult<Order> {
        if self.tokens.is_empty() {
            return Err(ParseErrorKind::Empty);
        }
        // Prefix forms: "WAIVE", "build A PAR", "remove F NTH", "disband A PAR".
        match self.peek_word() {
            Some(Word::Waive) => {
                self.pos += 1;
                return Ok(Order::Adjustment(AdjustmentOrder::Waive));
            }
            Some(Word::Build) => {
                self.pos += 1;
                let unit = self.unit(None)?;
                return Ok(Order::Adjustment(AdjustmentOrder::Build { unit }));
            }
            Some(Word::Remove | Word::Disband) => {
                self.pos += 1;
                let unit = self.unit(None)?;
                return Ok(disband(kind, unit));
            }
            _ => {}
        }
        let unit = self.unit(None)?;
        let Some(w) = self.peek_word() else {
            if self.pos == self.tokens.len() {
                return Ok(Order::Main(MainOrder::Hold { unit }));
            }
            return Err(ParseErrorKind::Expected { what: "an order (H, -, S, C, R, D, B)", found: self.found() });
        };
        self.pos += 1;
        Ok(match w {
            Word::Hold => Order::Main(MainOrder::Hold { unit }),
            Word::Move if kind == PhaseKind::Retreat => {
                Order::Retreat(RetreatOrder::Retreat { unit, to: self.location()? })
            }
            Word::Move => {
                self.eat(Word::Move); // "moves to"
                let to = self.location()?;
                let via_convoy = self.eat(Word::Via);
                if via_convoy {
                    self.eat(Word::Convoy);
                }
                Order::Main(MainOrder::Move { unit, to, via_convoy })
            }
            Word::Retreat => {
                self.eat(Word::Move);
                Order::Retreat(RetreatOrder::Retreat { unit, to: self.location()? })
            }
            Word::Disband | Word::Remove => disband(kind, unit),
            Word::Build => Order::Adjustment(AdjustmentOrder::Build { unit }),
            Word::Support => {
                let target = self.unit(None)?;
                if self.eat(Word::Move) {
                    let to = self.location()?;
                    Order::Main(MainOrder::SupportMove { unit, target, to })
                } else {
                    self.eat(Word::Hold);
                    Order::Main(MainOrder::SupportHold { unit, target })
                }
            }
            Word::Convoy => {
                let army = self.unit(Some(UnitKind::Army))?;
                if !self.eat(Word::Move) {
                    return Err(ParseErrorKind::Expected {
                        what: "\"-\" and the convoy's destination",
                        found: self.found(),
                    });
                }
                let to = self.location()?;
                Order::Main(MainOrder::Convoy { unit, army, to })
            }
            Word::Army | Word::Fleet | Word::Via | Word::Waive => {
                self.pos -= 1;
                return Err(ParseErrorKind::Expected { what: "an order (H, -, S, C, R, D, B)", found: self.found() });
            }
        })
    }

    /// `A PAR`, `fleet St Petersburg north coast`, or just `Paris`.
    fn unit(&mut self, default: Option<UnitKind>) -> PResult<UnitRef> {
        let kind = match self.peek_word() {
            Some(Word::Army) => {
                self.pos += 1;
                Some(UnitKind::Army)
            }
            Some(Word::Fleet) => {
                self.pos += 1;
                Some(UnitKind::Fleet)
            }
            _ => None,
        };
        let start = self.pos;
        let loc = self.location()?;
        let kind = match kind.or(default).or_else(|| self.infer_kind(loc)) {
            Some(k) => k,
            None => return Err(ParseErrorKind::MissingUnitType(self.tokens[start..self.pos].join(" "))),
        };
        Ok(UnitRef { kind, loc })
    }

    fn infer_kind(&self, loc: Location) -> Option<UnitKind> {
        let prov = self.map.province_of(loc);
        if let Some(u) = self.board.and_then(|b| b.unit(prov)) {
            return Some(u.kind);
        }
        if self.map.location(loc).coast.is_some() {
            return Some(UnitKind::Fleet);
        }
        match self.map.province(prov).terrain {
            Terrain::Sea => Some(UnitKind::Fleet),
            Terrain::Land => Some(UnitKind::Army),
            Terrain::Coast | Terrain::Impassable => None,
        }
    }

    /// The longest run of tokens (up to five) that names a location.
    fn location(&mut self) -> PResult<Location> {
        if self.pos >= self.tokens.len() {
            return Err(ParseErrorKind::Expected { what: "a province", found: String::new() });
        }
        let is_keyword = |t: &str| keyword(&t.to_ascii_lowercase()).is_some();
        if is_keyword(self.tokens[self.pos]) {
            let what = if self.pos == 0 { "a unit" } else { "a province" };
            return Err(ParseErrorKind::Expected { what, found: self.found() });
        }
        // A name spans no keyword but a dash inside it ("Mid-Atlantic"), and never ends on one.
        let mut max = 0;
        while self.pos + max < self.tokens.len()
            && max < 8
            && (max == 0 || !is_keyword(self.tokens[self.pos + max]) || self.tokens[self.pos + max] == "-")
        {
            max += 1;
        }
        for len in (1..=max).rev() {
            if is_keyword(self.tokens[self.pos + len - 1]) {
                continue;
            }
            let phrase = self.tokens[self.pos..self.pos + len].join(" ");
            if let Some(l) = self.map.parse_location(&phrase) {
                self.pos += len;
                return Ok(l);
            }
        }
        // Name the unknown phrase: the tokens up to the next keyword.
        let mut end = self.pos + 1;
        while end < self.tokens.len() && keyword(&self.tokens[end].to_ascii_lowercase()).is_none() {
            end += 1;
        }
        let phrase = self.tokens[self.pos..end].join(" ");
        let (prov, coast) = crate::map::split_coast(&phrase);
        if coast.is_some() && self.map.province_by_name(prov).is_some() {
            return Err(ParseErrorKind::UnknownCoast(phrase));
        }
        Err(ParseErrorKind::UnknownProvince(phrase))
    }
}

/// `D`, `disband` and `remove` mean a disband in a retreat phase and a removal otherwise.
fn disband(kind: PhaseKind, unit: UnitRef) -> Order {
    if kind == PhaseKind::Retreat {
        Order::Retreat(RetreatOrder::Disband { unit })
    } else {
        Order::Adjustment(AdjustmentOrder::Remove { unit })
    }
}
