//! The key table: one place that says what every key does, for the help screen and the status bar.

/// One key binding, as shown to the player.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyHelp {
    /// Where it works: `anywhere`, `start`, `orders`, `typing`, `press`, `history`, `end`.
    pub context: &'static str,
    /// The key(s).
    pub keys: &'static str,
    /// What it does.
    pub what: &'static str,
}

const fn k(context: &'static str, keys: &'static str, what: &'static str) -> KeyHelp {
    KeyHelp { context, keys, what }
}

/// Every key.
pub const KEYS: &[KeyHelp] = &[
    k("anywhere", "?", "this help (any key closes it)"),
    k("anywhere", "o p r h", "panels: orders, press, results, history"),
    k("anywhere", "Tab", "next panel"),
    k("anywhere", "e", "end the phase: submit orders (unordered units hold)"),
    k("anywhere", "q q", "quit (the game is saved: legate play --resume)"),
    k("start", "↑ ↓ Enter", "choose your power"),
    k("orders", "↑ ↓ / j k", "select a unit"),
    k("orders", "Enter / i", "order the unit: pick from its legal orders or type"),
    k("anywhere", ":", "type any order freely, e.g. a par - bur"),
    k("orders", "d", "clear the selected unit's order"),
    k("typing", "↑ ↓ Tab", "pick a completion, copy it into the line"),
    k("typing", "Enter", "give the order (refused, with why, if illegal)"),
    k("typing", "Esc", "cancel"),
    k("press", "↑ ↓", "choose a conversation (unread in brackets)"),
    k("press", "Enter / i", "write a message; Enter sends it"),
    k("press", "x", "show what each bot message proposes (press form)"),
    k("results", "↑ ↓ / Enter", "scroll / back to your orders"),
    k("history", "← → / [ ]", "step through past phases (↑ ↓ scroll)"),
    k("end", "h", "history of the game"),
];
