//! The state of the UI ([`Model`]), everything that can happen to it ([`Msg`]), and [`update`],
//! which applies a message to the model and says what to tell the session. No I/O here.

use crate::layout::MapLayout;
use crate::protocol::{FromSession, ToSession};
use legate_engine::board::PhaseKind;
use legate_engine::game::{Message, PhaseRecord};
use legate_engine::legal;
use legate_engine::map::{Power, Province};
use legate_engine::order::validate::check_order;
use legate_engine::order::AdjustmentOrder;
use legate_engine::{Board, Map, Order};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Something that happened: a key, a resize, or word from the session.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// The session reported something.
    Session(FromSession),
}

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Choosing a power.
    Start,
    /// Playing.
    Game,
    /// The final standings.
    Over,
}

/// The panel beside the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The player's units and orders.
    Orders,
    /// Conversations.
    Press,
    /// What happened in the last phase.
    Results,
    /// Past phases, one at a time.
    History,
}

/// What keys currently do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Keys are commands.
    Normal,
    /// Typing an order for the selected unit; `pick` is the highlighted completion.
    Order {
        /// The text typed.
        input: String,
        /// The highlighted completion.
        pick: usize,
        /// Whether the player moved through the completions (Enter then takes the highlighted one).
        picked: bool,
    },
    /// Typing a message to the selected conversation.
    Compose {
        /// The text typed.
        input: String,
    },
    /// About to submit with some units unordered (their names).
    Confirm(Vec<String>),
    /// Asked whether to quit (the phase being ordered is not saved).
    Quit,
}

/// One order the player gives: a unit's (or a build's or removal's) slot.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    /// What is ordered, e.g. `A PAR` or `Build 1`.
    pub label: String,
    /// The unit's province (movement and retreats).
    pub province: Option<Province>,
    /// The legal orders for the slot.
    pub options: Vec<Order>,
    /// The order given, if any.
    pub order: Option<Order>,
}

/// A conversation: with one power, or with everyone (`ALL`).
#[derive(Clone, Debug, PartialEq)]
pub struct Chat {
    /// The other side: a power's name or `ALL`.
    pub with: String,
    /// Messages, oldest first, with the phase they were sent in.
    pub messages: Vec<(String, Message)>,
    /// Messages not yet seen.
    pub unread: usize,
}

/// The whole state of the UI.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) map: Map,
    pub(crate) layout: MapLayout,
    pub(crate) color: bool,
    pub(crate) info: String,
    pub(crate) screen: Screen,
    pub(crate) start_cursor: usize,
    pub(crate) me: Option<Power>,
    pub(crate) path: String,
    pub(crate) board: Board,
    pub(crate) open: bool,
    pub(crate) submitted: bool,
    pub(crate) busy: String,
    pub(crate) slots: Vec<Slot>,
    pub(crate) cursor: usize,
    pub(crate) mode: Mode,
    pub(crate) error: Option<String>,
    pub(crate) panel: Panel,
    pub(crate) help: bool,
    pub(crate) chats: Vec<Chat>,
    pub(crate) chat: usize,
    pub(crate) show_press: bool,
    pub(crate) history: Vec<PhaseRecord>,
    pub(crate) history_at: usize,
    pub(crate) results_from: usize,
    pub(crate) over: Option<(String, Vec<(String, usize)>)>,
    pub(crate) scroll: u16,
    pub(crate) quit: bool,
}

impl Model {
    /// A model at the start screen for `map` drawn with `layout`; `info` describes the game
    /// (bots, press, seed) and `color` is false for monochrome (`NO_COLOR`).
    pub fn new(map: Map, layout: MapLayout, info: String, color: bool) -> Model {
        let board = Board::initial(&map);
        let chats = std::iter::once("ALL".to_string())
            .chain(map.powers().map(|p| map.power_name(p).to_string()))
            .map(|with| Chat { with, messages: Vec::new(), unread: 0 })
            .collect();
        Model {
            map,
            layout,
            color,
            info,
            screen: Screen::Start,
            start_cursor: 0,
            me: None,
            path: String::new(),
            board,
            open: false,
            submitted: false,
            busy: String::new(),
            slots: Vec::new(),
            cursor: 0,
            mode: Mode::Normal,
            error: None,
            panel: Panel::Orders,
            help: false,
            chats,
            chat: 0,
            show_press: false,
            history: Vec::new(),
            history_at: 0,
            results_from: 0,
            over: None,
            scroll: 0,
            quit: false,
        }
    }

    /// Whether the player has asked to leave.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The panel shown beside the map.
    pub fn panel(&self) -> Panel {
        self.panel
    }

    /// What keys do now.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The player's order slots for the open phase.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// The error shown inline, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The conversations (`ALL` first, then every power but the player's).
    pub fn chats(&self) -> impl Iterator<Item = &Chat> {
        self.chats.iter().filter(|c| Some(c.with.as_str()) != self.me.map(|p| self.map.power_name(p)))
    }

    /// The selected conversation.
    pub(crate) fn chat(&self) -> Option<&Chat> {
        self.chats().nth(self.chat)
    }

    fn chat_index(&self, with: &str) -> Option<usize> {
        self.chats.iter().position(|c| c.with == with)
    }

    /// The canonical text of an order.
    pub(crate) fn text(&self, order: &Order) -> String {
        order.display(&self.map).to_string()
    }

    /// The selected slot's legal orders matching `input`: every word of the input appears in the
    /// order's text, in order, ignoring case.
    pub(crate) fn completions(&self, input: &str) -> Vec<String> {
        let Some(slot) = self.slots.get(self.cursor) else { return Vec::new() };
        let words: Vec<String> = input.split_whitespace().map(str::to_uppercase).collect();
        let mut out: Vec<String> = Vec::new();
        for o in &slot.options {
            let t = self.text(o);
            let mut rest = t.as_str();
            let fits = words.iter().all(|w| match rest.find(w.as_str()) {
                Some(i) => {
                    rest = &rest[i + w.len()..];
                    true
                }
                None => false,
            });
            if fits && !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// The units (or builds, removals) the player has not ordered.
    pub(crate) fn unordered(&self) -> Vec<String> {
        self.slots.iter().filter(|s| s.order.is_none()).map(|s| s.label.clone()).collect()
    }

    /// What happens to an unordered slot in this phase.
    pub(crate) fn default_action(&self) -> &'static str {
        match self.board.phase.kind {
            PhaseKind::Movement => "holds",
            PhaseKind::Retreat => "disbands",
            PhaseKind::Adjustment if self.board.adjustments()[self.me_or_first()] > 0 => "waived",
            PhaseKind::Adjustment => "chosen for you",
        }
    }

    pub(crate) fn me_or_first(&self) -> Power {
        self.me.unwrap_or(Power(0))
    }

    /// Checks typed order text for the open phase and the player's power.
    fn check(&self, text: &str) -> Result<Order, String> {
        let me = self.me_or_first();
        let (map, board) = (&self.map, &self.board);
        let order = Order::parse(map, text, board.phase.kind, Some(board)).map_err(|e| e.to_string())?;
        let checked = check_order(map, board, me, &order);
        checked.map_err(|e| format!("{}: {e}", self.text(&order)))
    }

    /// Puts a checked order into its slot: the slot of its unit, or for builds the selected slot.
    fn assign(&mut self, order: Order) -> Result<(), String> {
        let text = self.text(&order);
        let index = match order.unit().filter(|_| self.board.phase.kind != PhaseKind::Adjustment) {
            Some(u) => {
                let prov = self.map.province_of(u.loc);
                self.slots
                    .iter()
                    .position(|s| s.province == Some(prov))
                    .ok_or_else(|| format!("{text}: not one of your units to order"))?
            }
            None => {
                if let Some(k) = self.slots.iter().position(|s| s.order == Some(order)) {
                    if k != self.cursor && order != Order::Adjustment(AdjustmentOrder::Waive) {
                        return Err(format!("{text}: already ordered as {}", self.slots[k].label));
                    }
                }
                self.cursor
            }
        };
        let slot = self.slots.get_mut(index).ok_or_else(|| format!("{text}: you have nothing to order this phase"))?;
        slot.order = Some(order);
        self.cursor = (index + 1).min(self.slots.len().saturating_sub(1));
        Ok(())
    }

    fn open_phase(&mut self, board: Board, needs_orders: bool) {
        self.board = board;
        self.open = needs_orders;
        self.submitted = false;
        self.cursor = 0;
        self.mode = Mode::Normal;
        self.error = None;
        self.slots = match self.me {
            Some(me) => slots(&self.map, &self.board, me),
            None => Vec::new(),
        };
        if self.panel == Panel::Orders || self.history.is_empty() {
            self.panel = Panel::Orders;
        }
    }

    /// A message that arrives now: unread unless its conversation is on screen.
    fn receive(&mut self, m: Message) {
        let phase = self.board.phase.to_string();
        self.file(phase, m, true);
    }

    /// Puts a message the player sent, received or saw sent to everyone into its conversation;
    /// others' messages are not the player's to see.
    fn file(&mut self, phase: String, m: Message, arrives: bool) {
        let me = self.me.map(|p| self.map.power_name(p).to_string()).unwrap_or_default();
        let with = if m.from == me {
            m.to.clone()
        } else if m.to == "ALL" {
            "ALL".to_string()
        } else if m.to == me {
            m.from.clone()
        } else {
            return;
        };
        let viewing = self.panel == Panel::Press && self.chat().is_some_and(|c| c.with == with);
        if let Some(k) = self.chat_index(&with) {
            let c = &mut self.chats[k];
            if arrives && m.from != me && !viewing {
                c.unread += 1;
            }
            c.messages.push((phase, m));
        }
    }

    fn read_chat(&mut self) {
        if self.panel != Panel::Press {
            return;
        }
        if let Some(with) = self.chat().map(|c| c.with.clone()) {
            if let Some(k) = self.chat_index(&with) {
                self.chats[k].unread = 0;
            }
        }
    }

    /// The phases played since the player last gave orders (the last three at most): what the
    /// results show.
    pub(crate) fn latest(&self) -> &[PhaseRecord] {
        let n = self.history.len();
        &self.history[self.results_from.max(n.saturating_sub(3)).min(n.saturating_sub(1))..]
    }

    /// Unread messages in all conversations.
    pub fn unread(&self) -> usize {
        self.chats.iter().map(|c| c.unread).sum()
    }

    fn submit(&mut self) -> Option<ToSession> {
        let orders: Vec<String> = self.slots.iter().filter_map(|s| s.order.as_ref()).map(|o| self.text(o)).collect();
        self.open = false;
        self.submitted = true;
        self.results_from = self.history.len();
        self.mode = Mode::Normal;
        self.error = None;
        self.busy = "playing the phase…".into();
        Some(ToSession::SubmitOrders(orders))
    }

    fn try_submit(&mut self) -> Option<ToSession> {
        if !self.open {
            self.error = Some("no phase is waiting for your orders".into());
            return None;
        }
        let idle = self.unordered();
        if idle.is_empty() {
            self.submit()
        } else {
            // The warning is shown with the orders.
            self.panel = Panel::Orders;
            self.mode = Mode::Confirm(idle);
            None
        }
    }

    fn switch(&mut self, panel: Panel) {
        self.panel = panel;
        self.mode = Mode::Normal;
        self.scroll = 0;
        if panel == Panel::History {
            self.history_at = self.history.len().saturating_sub(1);
        }
        self.read_chat();
    }
}

/// The order slots of `me` on `board`: one per unit in movement, per dislodged unit in retreats,
/// per build or removal due in adjustments.
pub(crate) fn slots(map: &Map, board: &Board, me: Power) -> Vec<Slot> {
    let unit = |kind: legate_engine::map::UnitKind, loc| format!("{} {}", kind.letter(), map.loc_name(loc));
    match board.phase.kind {
        PhaseKind::Movement => {
            let routes = legal::ConvoyRoutes::new(map, board);
            board
                .units()
                .filter(|(_, u)| u.power == me)
                .map(|(p, u)| {
                    let mut options = Vec::new();
                    legal::push_movement_options(map, board, &routes, p, &mut options);
                    Slot {
                        label: unit(u.kind, u.loc),
                        province: Some(p),
                        options: options.into_iter().map(Order::Main).collect(),
                        order: None,
                    }
                })
                .collect()
        }
        PhaseKind::Retreat => board
            .dislodged
            .iter()
            .filter(|d| d.unit.power == me)
            .map(|d| {
                let mut options = Vec::new();
                legal::retreat_options(d, &mut options);
                Slot {
                    label: unit(d.unit.kind, d.unit.loc),
                    province: Some(map.province_of(d.unit.loc)),
                    options: options.into_iter().map(Order::Retreat).collect(),
                    order: None,
                }
            })
            .collect(),
        PhaseKind::Adjustment => {
            let due = board.adjustments()[me];
            let mut options = Vec::new();
            legal::adjustment_options(map, board, me, &mut options);
            let what = if due > 0 { "Build" } else { "Remove" };
            (1..=due.unsigned_abs())
                .map(|i| Slot {
                    label: format!("{what} {i}"),
                    province: None,
                    options: options.iter().copied().map(Order::Adjustment).collect(),
                    order: None,
                })
                .collect()
        }
    }
}

/// Applies `msg` to `model`; returns what to tell the session, if anything.
pub fn update(model: &mut Model, msg: Msg) -> Option<ToSession> {
    match msg {
        Msg::Resize(..) => {
            // Lines wrap anew at the new width, so an old scroll offset no longer points at the
            // same line: start from the top. (The view reads the size from the frame.)
            model.scroll = 0;
            None
        }
        Msg::Session(event) => {
            session(model, event);
            None
        }
        Msg::Key(key) => key_press(model, key),
    }
}

fn session(model: &mut Model, event: FromSession) {
    match event {
        FromSession::Started { power, path, history } => {
            model.me = model.map.power_by_name(&power);
            model.path = path;
            model.history_at = history.len().saturating_sub(1);
            model.results_from = history.len().saturating_sub(1);
            model.screen = Screen::Game;
            model.busy.clear();
            for r in &history {
                for m in &r.messages {
                    model.file(r.phase.clone(), m.clone(), false);
                }
            }
            model.history = history;
        }
        FromSession::PhaseOpened { board, needs_orders } => model.open_phase(*board, needs_orders),
        FromSession::Busy(what) => model.busy = what,
        FromSession::Message(m) => model.receive(m),
        FromSession::Resolved(record) => {
            model.history.push(*record);
            model.history_at = model.history.len() - 1;
            model.open = false;
            // A message being written survives; an order being typed belonged to the phase.
            if !matches!(model.mode, Mode::Compose { .. }) {
                model.panel = Panel::Results;
                model.mode = Mode::Normal;
            }
        }
        FromSession::GameOver { outcome, standings } => {
            model.over = Some((outcome, standings));
            model.screen = Screen::Over;
            model.open = false;
            model.busy.clear();
        }
        FromSession::OrdersRefused(e) => {
            if model.submitted {
                model.open = true;
                model.submitted = false;
            }
            model.busy.clear();
            model.error = Some(e);
        }
        FromSession::Notice(e) => model.error = Some(e),
        FromSession::Failed(e) => {
            model.open = false;
            model.submitted = false;
            model.busy.clear();
            model.error = Some(e);
        }
    }
}

fn key_press(model: &mut Model, key: KeyEvent) -> Option<ToSession> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        model.quit = true;
        return Some(ToSession::Quit);
    }
    if model.help {
        model.help = false;
        return None;
    }
    match model.screen {
        Screen::Start => start_key(model, key.code),
        Screen::Over => match key.code {
            KeyCode::Char('q') | KeyCode::Esc => {
                model.quit = true;
                Some(ToSession::Quit)
            }
            KeyCode::Char('h') => {
                model.screen = Screen::Game;
                model.switch(Panel::History);
                None
            }
            KeyCode::Char('?') => {
                model.help = true;
                None
            }
            _ => None,
        },
        Screen::Game => match model.mode.clone() {
            Mode::Order { input, pick, picked } => order_key(model, key.code, input, pick, picked),
            Mode::Compose { input } => compose_key(model, key.code, input),
            Mode::Confirm(_) => match key.code {
                KeyCode::Char('e') | KeyCode::Char('y') | KeyCode::Enter => model.submit(),
                _ => {
                    model.mode = Mode::Normal;
                    None
                }
            },
            Mode::Quit => match key.code {
                KeyCode::Char('q') | KeyCode::Char('y') => {
                    model.quit = true;
                    Some(ToSession::Quit)
                }
                _ => {
                    model.mode = Mode::Normal;
                    None
                }
            },
            Mode::Normal => normal_key(model, key.code),
        },
    }
}

fn start_key(model: &mut Model, code: KeyCode) -> Option<ToSession> {
    let n = model.map.power_count();
    match code {
        KeyCode::Up | KeyCode::Char('k') => model.start_cursor = (model.start_cursor + n - 1) % n,
        KeyCode::Down | KeyCode::Char('j') => model.start_cursor = (model.start_cursor + 1) % n,
        KeyCode::Enter => {
            let power = model.map.power_name(Power(model.start_cursor as u8)).to_string();
            model.busy = format!("setting up the game as {power}…");
            return Some(ToSession::Start { power });
        }
        KeyCode::Char('q') | KeyCode::Esc => {
            model.quit = true;
            return Some(ToSession::Quit);
        }
        KeyCode::Char('?') => model.help = true,
        KeyCode::Char(c) => {
            // The first power whose name starts with the letter.
            if let Some(p) = model.map.powers().find(|p| model.map.power_name(*p).starts_with(c.to_ascii_uppercase())) {
                model.start_cursor = p.index();
            }
        }
        _ => {}
    }
    None
}

fn normal_key(model: &mut Model, code: KeyCode) -> Option<ToSession> {
    let step = |v: usize, n: usize, up: bool| {
        if n == 0 {
            0
        } else if up {
            (v + n - 1) % n
        } else {
            (v + 1) % n
        }
    };
    match code {
        KeyCode::Char('?') => model.help = true,
        KeyCode::Char('q') => model.mode = Mode::Quit,
        KeyCode::Char('o') => model.switch(Panel::Orders),
        KeyCode::Char('p') => model.switch(Panel::Press),
        KeyCode::Char('r') => model.switch(Panel::Results),
        KeyCode::Char('h') => model.switch(Panel::History),
        KeyCode::Tab => {
            let next = match model.panel {
                Panel::Orders => Panel::Press,
                Panel::Press => Panel::Results,
                Panel::Results => Panel::History,
                Panel::History => Panel::Orders,
            };
            model.switch(next);
        }
        KeyCode::Char('e') => return model.try_submit(),
        KeyCode::Char(':') if model.panel != Panel::Orders => {
            model.switch(Panel::Orders);
            return normal_key(model, code);
        }
        KeyCode::Esc => model.error = None,
        code => match model.panel {
            Panel::Orders => match code {
                KeyCode::Up | KeyCode::Char('k') => model.cursor = step(model.cursor, model.slots.len(), true),
                KeyCode::Down | KeyCode::Char('j') => model.cursor = step(model.cursor, model.slots.len(), false),
                KeyCode::Enter | KeyCode::Char('i') | KeyCode::Char(':') if model.open => {
                    let input = match (code, model.board.phase.kind, model.slots.get(model.cursor)) {
                        (KeyCode::Char(':'), _, _) | (_, PhaseKind::Adjustment, _) | (_, _, None) => String::new(),
                        (_, _, Some(s)) => format!("{} ", s.label),
                    };
                    model.error = None;
                    model.mode = Mode::Order { input, pick: 0, picked: false };
                }
                KeyCode::Char('d') | KeyCode::Delete | KeyCode::Backspace => {
                    if let Some(s) = model.slots.get_mut(model.cursor) {
                        s.order = None;
                    }
                }
                KeyCode::Enter | KeyCode::Char('i') | KeyCode::Char(':') => {
                    model.error = Some("no phase is waiting for your orders".into())
                }
                _ => {}
            },
            Panel::Press => {
                let n = model.chats().count();
                match code {
                    KeyCode::Up | KeyCode::Char('k') => model.chat = step(model.chat, n, true),
                    KeyCode::Down | KeyCode::Char('j') => model.chat = step(model.chat, n, false),
                    KeyCode::Enter | KeyCode::Char('i') => model.mode = Mode::Compose { input: String::new() },
                    KeyCode::Char('x') => model.show_press = !model.show_press,
                    _ => {}
                }
                model.read_chat();
            }
            Panel::History | Panel::Results => {
                let n = model.history.len();
                match code {
                    KeyCode::Enter => model.switch(Panel::Orders),
                    KeyCode::Up | KeyCode::Char('k') => model.scroll = model.scroll.saturating_sub(1),
                    KeyCode::Down | KeyCode::Char('j') => model.scroll = model.scroll.saturating_add(1),
                    KeyCode::Left | KeyCode::Char('[') if model.panel == Panel::History => {
                        model.history_at = model.history_at.saturating_sub(1);
                        model.scroll = 0;
                    }
                    KeyCode::Right | KeyCode::Char(']') if model.panel == Panel::History => {
                        model.history_at = (model.history_at + 1).min(n.saturating_sub(1));
                        model.scroll = 0;
                    }
                    _ => {}
                }
            }
        },
    }
    None
}

/// Edits `input` with a typing key; true when the key was one.
fn edit(input: &mut String, code: KeyCode) -> bool {
    match code {
        KeyCode::Char(c) => input.push(c),
        KeyCode::Backspace => {
            input.pop();
        }
        _ => return false,
    }
    true
}

fn order_key(model: &mut Model, code: KeyCode, mut input: String, pick: usize, picked: bool) -> Option<ToSession> {
    let completions = model.completions(&input);
    match code {
        KeyCode::Esc => {
            model.mode = Mode::Normal;
            model.error = None;
        }
        KeyCode::Up => model.mode = Mode::Order { input, pick: pick.saturating_sub(1), picked: true },
        KeyCode::Down => {
            let pick = (pick + 1).min(completions.len().saturating_sub(1));
            model.mode = Mode::Order { input, pick, picked: true };
        }
        KeyCode::Tab => {
            if let Some(c) = completions.get(pick) {
                model.mode = Mode::Order { input: c.clone(), pick: 0, picked: false };
            }
        }
        KeyCode::Enter => {
            let text = match completions.get(pick) {
                Some(c) if picked => c.clone(),
                Some(c) if model.check(&input).is_err() => c.clone(),
                _ => input.clone(),
            };
            match model.check(&text).and_then(|o| model.assign(o)) {
                Ok(()) => {
                    model.error = None;
                    model.mode = Mode::Normal;
                }
                Err(e) => model.error = Some(e),
            }
        }
        code => {
            if edit(&mut input, code) {
                model.error = None;
                model.mode = Mode::Order { input, pick: 0, picked: false };
            }
        }
    }
    None
}

fn compose_key(model: &mut Model, code: KeyCode, mut input: String) -> Option<ToSession> {
    match code {
        KeyCode::Esc => model.mode = Mode::Normal,
        KeyCode::Enter => {
            let text = input.trim().to_string();
            model.mode = Mode::Normal;
            let (Some(me), Some(to)) = (model.me, model.chat().map(|c| c.with.clone())) else { return None };
            if text.is_empty() {
                return None;
            }
            if !model.open {
                // The session reads messages only while a phase is open for the player.
                model.mode = Mode::Compose { input };
                model.error = Some("the phase is being played: send this when the next one opens".into());
                return None;
            }
            let from = model.map.power_name(me).to_string();
            model.receive(Message::new(&from, &to, &text));
            return Some(ToSession::Send { to, text });
        }
        code => {
            edit(&mut input, code);
            model.mode = Mode::Compose { input };
        }
    }
    None
}
