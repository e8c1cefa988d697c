//! Text helpers shared by the reader and the offline writer: tokens, finding provinces and powers
//! in running text, naming places and units in English, and the "which unit can do this" rules
//! that let a message leave a unit unnamed only when the board makes it unambiguous.

use legate_engine::board::Unit;
use legate_engine::map::{Coast, Location, Map, Power, Terrain, UnitKind};
use legate_engine::order::validate::{check_main, step_destination};
use legate_engine::order::{MainOrder, UnitRef};
use legate_engine::Board;

/// One token of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of the token's first character in the message (for a token made by expanding
    /// a contraction, the contraction's).
    pub start: usize,
    /// Byte offset just past the token's last character.
    pub end: usize,
    /// The token in lower case (contractions expanded: `won't` gives `will`, `not`).
    pub word: String,
    /// Whether the original is all upper case and has a letter (`PAR`, `A`, `STP/NC`).
    pub upper: bool,
    /// Whether the original starts with an upper-case letter (`Paris`, `PAR`, `I`).
    pub cap: bool,
    /// Whether it is punctuation (`,` `.` `;` `:` `!` `?` `(` `)` `-`), not a word.
    pub punct: bool,
}

impl Token {
    fn word(start: usize, end: usize, word: &str, upper: bool, cap: bool) -> Token {
        Token { start, end, word: word.to_string(), upper, cap, punct: false }
    }

    fn punct(start: usize, end: usize, word: &str) -> Token {
        Token { start, end, word: word.to_string(), upper: false, cap: false, punct: true }
    }
}

/// Splits a message into tokens: words (letters, digits and the characters `/`, `'` and inner
/// `-` or `.`), and punctuation. Arrows (`->`, `=>`) and free-standing dashes become `-`; a
/// hyphen between two three-letter abbreviations (`PAR-BUR`) too. Contractions are expanded
/// (`I'll` → `i will`, `can't` → `can not`, `let's` → `let us`) and a possessive `'s` becomes
/// its own token. `St.` loses its dot.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let is_word = |c: char| c.is_alphanumeric() || c == '/' || c == '\'' || c == '’';
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() || c == '"' || c == '“' || c == '”' || c == '*' {
            i += 1;
            continue;
        }
        if (c == '-' || c == '=') && chars.get(i + 1).is_some_and(|&(_, n)| n == '>') {
            out.push(Token::punct(at, at + 2, "-"));
            i += 2;
            continue;
        }
        if is_word(c) && c != '\'' && c != '’' {
            let mut j = i;
            while j < chars.len() {
                let ch = chars[j].1;
                let inner = (ch == '-' || ch == '.')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                    && j > i
                    && chars[j - 1].1.is_alphanumeric();
                if is_word(ch) || inner {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
            push_word(&mut out, at, &text[at..end]);
            i = j;
            // "St." keeps no dot: it is no sentence end.
            if chars.get(i).is_some_and(|&(_, d)| d == '.') && text[at..end].eq_ignore_ascii_case("st") {
                i += 1;
            }
            continue;
        }
        if matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '-' | '\n' | '[' | ']') {
            let word = match c {
                '\n' => ".".to_string(),
                '[' => "(".to_string(),
                ']' => ")".to_string(),
                _ => c.to_string(),
            };
            out.push(Token::punct(at, at + c.len_utf8(), &word));
        }
        i += 1;
    }
    out
}

/// Adds one raw word (which may be a contraction or `PAR-BUR`) as one or more tokens.
fn push_word(out: &mut Vec<Token>, start: usize, raw: &str) {
    let end = start + raw.len();
    let norm = raw.replace('’', "'");
    let upper = norm.chars().any(|c| c.is_alphabetic()) && !norm.chars().any(|c| c.is_lowercase());
    let cap = norm.chars().next().is_some_and(|c| c.is_uppercase());
    let lower = norm.to_lowercase();
    let lower = lower.trim_matches('\'');
    // PAR-BUR: a dash between abbreviations is an order's arrow.
    if lower.contains('-') && raw.is_ascii() {
        let parts: Vec<&str> = lower.split('-').collect();
        if parts.len() == 2 && parts.iter().all(|p| p.len() == 3 || (p.len() == 6 && p.as_bytes()[3] == b'/')) {
            let mid = start + parts[0].len();
            out.push(Token::word(start, mid, parts[0], upper, cap));
            out.push(Token::punct(mid, mid + 1, "-"));
            out.push(Token::word(mid + 1, end, parts[1], upper, upper));
            return;
        }
    }
    let expansions: &[(&str, &[&str])] = &[
        ("won't", &["will", "not"]),
        ("can't", &["can", "not"]),
        ("cannot", &["can", "not"]),
        ("shan't", &["shall", "not"]),
        ("let's", &["let", "us"]),
        ("lets", &["let", "us"]),
    ];
    if let Some((_, words)) = expansions.iter().find(|(w, _)| *w == lower) {
        for w in *words {
            out.push(Token::word(start, end, w, upper, cap));
        }
        return;
    }
    for (suffix, second) in
        [("n't", "not"), ("'ll", "will"), ("'m", "am"), ("'re", "are"), ("'ve", "have"), ("'d", "would")]
    {
        if let Some(base) = lower.strip_suffix(suffix).filter(|b| !b.is_empty()) {
            out.push(Token::word(start, end, base, upper, cap));
            out.push(Token::word(start, end, second, upper, false));
            return;
        }
    }
    if let Some(base) = lower.strip_suffix("'s").filter(|b| !b.is_empty()) {
        out.push(Token::word(start, end, base, upper, cap));
        out.push(Token::word(start, end, "'s", false, false));
        return;
    }
    out.push(Token::word(start, end, lower, upper, cap));
}

/// Short province abbreviations that are also everyday English words: in running text they name
/// a province only when written in capitals (`WAR`, not `war`).
const COMMON_WORDS: [&str; 31] = [
    "war", "bar", "den", "con", "arm", "ion", "spa", "gas", "pie", "bot", "rum", "par", "mar", "fin", "gal", "hel",
    "nap", "vie", "por", "sil", "ser", "tun", "wal", "bel", "pic", "bud", "black", "tri", "ven", "mos", "bla",
];

/// The location named at `toks[i..]`, if any, and how many tokens name it: the longest run of up
/// to four words that the map knows (full names, abbreviations, aliases), with a coast after it
/// (`/NC` inside the word, `north coast`, `(nc)`, `(north coast)`). With `strict`, a lower-case
/// word among [`COMMON_WORDS`] names nothing. Words before `limit` only.
pub(crate) fn match_location(
    map: &Map,
    toks: &[Token],
    i: usize,
    limit: usize,
    strict: bool,
) -> Option<(Location, usize)> {
    let max = (limit.min(toks.len())).saturating_sub(i).min(4);
    for len in (1..=max).rev() {
        let span = &toks[i..i + len];
        if span.iter().any(|t| t.punct || t.word == "'s") {
            continue;
        }
        if len == 1 && strict && !span[0].upper && COMMON_WORDS.contains(&span[0].word.as_str()) {
            continue;
        }
        let phrase: String = span.iter().map(|t| t.word.as_str()).collect::<Vec<_>>().join(" ");
        if let Some(loc) = map.parse_location(&phrase) {
            // A coast in parentheses after the name.
            let j = i + len;
            if toks.get(j).is_some_and(|t| t.word == "(") {
                if let Some((coast, used)) = coast_words(&toks[j + 1..limit.min(toks.len())]) {
                    if toks.get(j + 1 + used).is_some_and(|t| t.word == ")") {
                        let prov = map.province_of(loc);
                        if let Some(c) = map.coast_location(prov, coast) {
                            return Some((c, len + used + 2));
                        }
                    }
                }
            }
            return Some((loc, len));
        }
    }
    None
}

/// A coast spelled `nc`, `north coast`, `north`: the coast and the words used.
fn coast_words(toks: &[Token]) -> Option<(Coast, usize)> {
    let first = toks.first()?;
    if let Some(c) = Coast::from_abbr(&first.word) {
        return Some((c, 1));
    }
    let c = match first.word.as_str() {
        "north" => Coast::North,
        "south" => Coast::South,
        "east" => Coast::East,
        "west" => Coast::West,
        _ => return None,
    };
    if toks.get(1).is_some_and(|t| t.word == "coast") {
        Some((c, 2))
    } else {
        Some((c, 1))
    }
}

/// The power named by a word: its name or adjective, in any case, or their plurals
/// (`Germany`, `german`, `Germans`, `FRANCE`).
pub(crate) fn match_power(map: &Map, word: &str) -> Option<Power> {
    let w = word.trim_end_matches("'s");
    map.powers().find(|&p| {
        let info = map.power(p);
        let (name, adj) = (info.name.to_lowercase(), info.adjective.to_lowercase());
        w == name || w == adj || w.strip_suffix('s').is_some_and(|s| s == name || s == adj)
    })
}

/// A power's name as written in a sentence: `Germany`.
pub(crate) fn power_title(map: &Map, p: Power) -> String {
    let name = map.power_name(p);
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c.flat_map(|x| x.to_lowercase())).collect(),
        None => String::new(),
    }
}

/// A place in English: `Burgundy`, `the North Sea`, `Spain (south coast)`; or, with `abbr`, its
/// abbreviation `BUR`, `NTH`, `SPA/SC`.
pub(crate) fn place(map: &Map, loc: Location, abbr: bool) -> String {
    if abbr {
        return map.loc_name(loc).to_string();
    }
    let prov = map.province_of(loc);
    let info = map.province(prov);
    let mut s = String::new();
    if info.terrain == Terrain::Sea {
        s.push_str("the ");
    }
    s.push_str(&info.name);
    if let Some(c) = map.location(loc).coast {
        let word = match c {
            Coast::North => "north",
            Coast::South => "south",
            Coast::East => "east",
            Coast::West => "west",
        };
        s.push_str(&format!(" ({word} coast)"));
    }
    s
}

/// `army` or `fleet`.
pub(crate) fn kind_word(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Army => "army",
        UnitKind::Fleet => "fleet",
    }
}

/// Whether every unit an order names (its own, and the one it supports or convoys) stands on the
/// board as named.
pub(crate) fn units_exist(map: &Map, board: &Board, o: &MainOrder) -> bool {
    let exists = |u: UnitRef| board.unit(map.province_of(u.loc)).is_some_and(|b| b.kind == u.kind);
    let other = match *o {
        MainOrder::SupportHold { target, .. } | MainOrder::SupportMove { target, .. } => Some(target),
        MainOrder::Convoy { army, .. } => Some(army),
        MainOrder::Hold { .. } | MainOrder::Move { .. } => None,
    };
    exists(o.unit()) && other.is_none_or(exists)
}

/// The units of `power` that can move to `to` in one step (no convoy), each with the destination
/// as the move would be written (the coast settled).
pub(crate) fn movers(map: &Map, board: &Board, power: Power, to: Location) -> Vec<(Unit, Location)> {
    board
        .units()
        .filter(|(_, u)| u.power == power)
        .filter_map(|(_, u)| step_destination(map, u.kind, u.loc, to).ok().map(|d| (u, d)))
        .collect()
}

/// The one unit of `power` that can move to `to` in one step, when exactly one can.
pub(crate) fn unique_mover(map: &Map, board: &Board, power: Power, to: Location) -> Option<(Unit, Location)> {
    let m = movers(map, board, power, to);
    if m.len() == 1 {
        Some(m[0])
    } else {
        None
    }
}

/// The one unit of `power` (other than `target`) that could support `target` (to hold, or into
/// `to`), when exactly one can.
pub(crate) fn unique_supporter(
    map: &Map,
    board: &Board,
    power: Power,
    target: Unit,
    to: Option<Location>,
) -> Option<Unit> {
    let t = UnitRef { kind: target.kind, loc: target.loc };
    let mut found = board.units().filter(|(_, u)| u.power == power && u.loc != target.loc).filter(|(_, u)| {
        let unit = UnitRef { kind: u.kind, loc: u.loc };
        let o = match to {
            Some(to) => MainOrder::SupportMove { unit, target: t, to },
            None => MainOrder::SupportHold { unit, target: t },
        };
        check_main(map, board, power, &o).is_ok()
    });
    match (found.next(), found.next()) {
        (Some((_, u)), None) => Some(u),
        _ => None,
    }
}

/// The one fleet of `power` that could convoy `army` to `to`, when exactly one can.
pub(crate) fn unique_convoyer(map: &Map, board: &Board, power: Power, army: Unit, to: Location) -> Option<Unit> {
    let a = UnitRef { kind: army.kind, loc: army.loc };
    let mut found = board.units().filter(|(_, u)| u.power == power && u.kind == UnitKind::Fleet).filter(|(_, u)| {
        let o = MainOrder::Convoy { unit: UnitRef { kind: u.kind, loc: u.loc }, army: a, to };
        check_main(map, board, power, &o).is_ok()
    });
    match (found.next(), found.next()) {
        (Some((_, u)), None) => Some(u),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn tokens_expand_contractions_and_split_orders() {
        assert_eq!(words("I'll move; won't"), ["i", "will", "move", ";", "will", "not"]);
        assert_eq!(words("A PAR->BUR"), ["a", "par", "-", "bur"]);
        assert_eq!(words("A PAR-BUR, Mid-Atlantic"), ["a", "par", "-", "bur", ",", "mid-atlantic"]);
        assert_eq!(words("St. Petersburg's fleet"), ["st", "petersburg", "'s", "fleet"]);
        assert_eq!(words("Let's go to STP/NC."), ["let", "us", "go", "to", "stp/nc", "."]);
    }

    #[test]
    fn locations_in_running_text() {
        let map = Map::standard();
        let toks = tokenize("the Gulf of Lyon and Spain (south coast) and war and WAR");
        let n = toks.len();
        let (l, used) = match_location(&map, &toks, 1, n, true).unwrap();
        assert_eq!((map.loc_name(l).to_string(), used), ("LYO".to_string(), 3));
        let (l, used) = match_location(&map, &toks, 5, n, true).unwrap();
        assert_eq!((map.loc_name(l).to_string(), used), ("SPA/SC".to_string(), 5));
        assert!(match_location(&map, &toks, 11, n, true).is_none());
        assert!(match_location(&map, &toks, 13, n, true).is_some());
    }
}
