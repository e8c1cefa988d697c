//! Drawing the model: `view(&Model, &mut Frame)` reads the model and draws; it changes nothing.

use crate::app::{Mode, Model, Panel, Screen};
use crate::keys::KEYS;
use legate_engine::board::{Phase, PhaseKind};
use legate_engine::game::PhaseRecord;
use legate_engine::map::{Location, Power, Province, ProvinceSet, Terrain};
use legate_engine::order::{MainOrder, RetreatOrder};
use legate_engine::{Board, Order};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use std::collections::BTreeMap;

/// Power colours by map order (the standard map: Austria, England, France, Germany, Italy,
/// Russia, Turkey), repeating for bigger variants.
const PALETTE: [Color; 8] = [
    Color::Red,
    Color::LightBlue,
    Color::Cyan,
    Color::Magenta,
    Color::Green,
    Color::White,
    Color::Yellow,
    Color::LightRed,
];

/// Draws the whole screen.
pub fn view(model: &Model, f: &mut Frame) {
    let [top, main, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(f.area());
    top_bar(model, f, top);
    let wide_panel = model.screen == Screen::Game && model.panel == Panel::Press && main.width < 100;
    let map_w =
        if wide_panel { 0 } else { (main.width * 3 / 5).max(model.layout.width).min(main.width.saturating_sub(22)) };
    let [map_area, panel] = Layout::horizontal([Constraint::Length(map_w), Constraint::Min(0)]).areas(main);
    match model.screen {
        Screen::Start => {
            let chosen = Power(model.start_cursor as u8);
            draw_map(model, f.buffer_mut(), map_area, &model.board, Some(chosen), &Overlay::default());
            start_panel(model, f, panel);
        }
        Screen::Game | Screen::Over => {
            let (board, records) = shown(model);
            let overlay = if model.panel == Panel::Orders && model.screen == Screen::Game {
                orders_overlay(model)
            } else {
                Overlay { arrows: records.iter().flat_map(|r| moves(model, r)).collect(), ..Overlay::default() }
            };
            draw_map(model, f.buffer_mut(), map_area, &board, model.me, &overlay);
            if model.screen == Screen::Over {
                over_panel(model, f, panel);
            } else {
                match model.panel {
                    Panel::Orders => orders_panel(model, f, panel),
                    Panel::Press => press_panel(model, f, panel),
                    Panel::Results => record_panel(model, f, panel, model.latest(), "Results"),
                    Panel::History => {
                        let r = model.history.get(model.history_at).map(std::slice::from_ref).unwrap_or_default();
                        record_panel(model, f, panel, r, "History")
                    }
                }
            }
        }
    }
    status_bar(model, f, status);
    if model.help {
        help(model, f);
    }
}

impl Model {
    fn power_style(&self, p: Option<Power>) -> Style {
        match p {
            Some(p) if self.color => Style::new().fg(PALETTE[p.index() % PALETTE.len()]),
            _ => Style::new(),
        }
    }

    fn power_named(&self, name: &str) -> Style {
        self.power_style(self.map.power_by_name(name))
    }

    fn short(&self, p: Power) -> String {
        self.map.power_name(p).chars().take(3).collect()
    }

    fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    fn bad(&self) -> Style {
        if self.color {
            Style::new().fg(Color::LightRed)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
}

/// The board the map shows, and the phase whose orders it draws: the current board with the last
/// phase's moves (results), or a past phase's board and orders (history).
fn shown(model: &Model) -> (Board, &[PhaseRecord]) {
    let current = model.board.clone();
    match model.panel {
        Panel::History => match model.history.get(model.history_at) {
            Some(r) => (r.board_before.to_board(&model.map).unwrap_or(current), std::slice::from_ref(r)),
            None => (current, &[]),
        },
        Panel::Results | Panel::Press | Panel::Orders => {
            let latest = model.latest();
            let fresh = latest.last().is_some_and(|r| r.board_after.phase == current.phase.to_string());
            (current, if fresh { latest } else { &[] })
        }
    }
}

fn top_bar(model: &Model, f: &mut Frame, area: Rect) {
    let mut spans = vec![Span::styled(" LEGATE ", Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED))];
    if let Some(me) = model.me {
        spans.push(Span::styled(
            format!(" {} ", model.map.power_name(me)),
            model.power_style(Some(me)).add_modifier(Modifier::BOLD),
        ));
    }
    if model.screen != Screen::Start {
        spans.push(Span::raw(format!(" {} ", phase_name(model.board.phase, area.width >= 100))));
    }
    let counts = model.board.center_counts();
    for p in model.map.powers() {
        spans.push(Span::styled(format!(" {} {}", model.short(p), counts[p]), model.power_style(Some(p))));
    }
    f.render_widget(Line::from(spans), area);
}

/// E.g. `Spring 1901 moves`, with the code (`S1901M`) first when `code`.
fn phase_name(phase: Phase, code: bool) -> String {
    let season = match phase.season {
        legate_engine::board::Season::Spring => "Spring",
        legate_engine::board::Season::Fall => "Fall",
        legate_engine::board::Season::Winter => "Winter",
    };
    let kind = match phase.kind {
        PhaseKind::Movement => "moves",
        PhaseKind::Retreat => "retreats",
        PhaseKind::Adjustment => "builds",
    };
    let code = if code { format!("{phase} ") } else { String::new() };
    format!("{code}{season} {} {kind}", phase.year)
}

fn status_bar(model: &Model, f: &mut Frame, area: Rect) {
    let state = match (model.screen, &model.error) {
        (Screen::Start, _) if !model.busy.is_empty() => model.busy.clone(),
        (Screen::Start, _) => "choose your power".to_string(),
        (Screen::Over, _) => "game over".to_string(),
        _ if model.mode == Mode::Quit => "Quit? The game is saved up to the last phase played".to_string(),
        (_, Some(e)) if model.panel != Panel::Orders => format!("✗ {e}"),
        _ if !model.busy.is_empty() => format!("{} {}", model.board.phase, model.busy),
        _ if model.open => format!("{} waiting for you", model.board.phase),
        _ => format!("{} waiting for the bots", model.board.phase),
    };
    let keys = match (&model.mode, model.screen) {
        (_, Screen::Start) => "↑↓ choose · Enter play · ? help · q quit",
        (_, Screen::Over) => "h history · ? help · q quit",
        (Mode::Order { .. }, _) => "type · ↑↓ pick · Tab complete · Enter give · Esc cancel",
        (Mode::Compose { .. }, _) => "type · Enter send · Esc cancel",
        (Mode::Confirm(_), _) => "e submit anyway · Esc back",
        (Mode::Quit, _) => "q quit · any other key stays",
        (Mode::Normal, _) if area.width >= 100 => {
            "o orders · p press · r results · h history · e end phase · ? help · q quit"
        }
        (Mode::Normal, _) => "o/p/r/h orders/press/results/history · e end · ? help",
    };
    let mut spans = vec![Span::styled(format!(" {state} "), Style::new().add_modifier(Modifier::REVERSED))];
    if model.unread() > 0 {
        spans.push(Span::styled(format!(" ✉ {} ", model.unread()), Style::new().add_modifier(Modifier::BOLD)));
    }
    spans.push(Span::raw(format!(" {keys}")));
    f.render_widget(Line::from(spans), area);
}

/// Where a province's name starts on the screen, the layout's grid scaled to `area`.
fn place(model: &Model, area: Rect, p: Province) -> (u16, u16) {
    let (x, y) = model.layout.at(p);
    let sx = u32::from(x) * u32::from(area.width.max(model.layout.width)) / u32::from(model.layout.width);
    let sy = u32::from(y) * u32::from(area.height.max(model.layout.height)) / u32::from(model.layout.height);
    (area.x + sx as u16, area.y + sy as u16)
}

fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, text: &str, style: Style) {
    for (i, c) in text.chars().enumerate() {
        let cx = x + i as u16;
        if cx >= area.x && cx < area.right() && y >= area.y && y < area.bottom() {
            buf[(cx, y)].set_char(c).set_style(style);
        }
    }
}

/// A move drawn on the map.
struct Arrow {
    from: Province,
    to: Province,
    power: Option<Power>,
    succeeded: bool,
}

/// What the map shows over the board: moves, the selected unit, the provinces it may move to.
#[derive(Default)]
struct Overlay {
    arrows: Vec<Arrow>,
    selected: Option<Province>,
    targets: ProvinceSet,
}

/// While ordering: the player's moves so far, the selected unit, and where the orders matching
/// the line being typed would send it.
fn orders_overlay(model: &Model) -> Overlay {
    let mut targets = ProvinceSet::EMPTY;
    if let Mode::Order { input, .. } = &model.mode {
        let matching = model.completions(input);
        for o in model.slots.get(model.cursor).map(|s| s.options.as_slice()).unwrap_or_default() {
            if let (Some((_, to)), true) = (destination(o), matching.contains(&model.text(o))) {
                targets.insert(model.map.province_of(to));
            }
        }
    }
    let arrows = model
        .slots
        .iter()
        .filter_map(|s| s.order.as_ref().and_then(destination))
        .map(|(from, to)| Arrow {
            from: model.map.province_of(from),
            to: model.map.province_of(to),
            power: model.me,
            succeeded: true,
        })
        .collect();
    Overlay { arrows, selected: model.slots.get(model.cursor).and_then(|s| s.province), targets }
}

/// Where a move or retreat goes: (from, to).
fn destination(order: &Order) -> Option<(Location, Location)> {
    match *order {
        Order::Main(MainOrder::Move { unit, to, .. }) | Order::Retreat(RetreatOrder::Retreat { unit, to }) => {
            Some((unit.loc, to))
        }
        _ => None,
    }
}

/// The map: each province's name where the layout puts it, its unit just left (the player's
/// reversed), its centre marker just right (`*` in the owner's colour; the owner's initial in
/// monochrome), a dislodged unit in the marker's place, and the overlay: the selected unit's
/// province reversed, the provinces it may go to underlined, moves as dotted lines (`·`
/// succeeded or ordered, `×` failed) ending in an arrowhead.
fn draw_map(model: &Model, buf: &mut Buffer, area: Rect, board: &Board, me: Option<Power>, overlay: &Overlay) {
    if area.width == 0 {
        return;
    }
    let map = &model.map;
    for p in map.provinces() {
        let (x, y) = place(model, area, p);
        let info = map.province(p);
        let owner = board.owner(p);
        let mut style = if info.center {
            model.power_style(owner).add_modifier(Modifier::BOLD)
        } else if info.terrain == Terrain::Sea {
            model.dim()
        } else {
            Style::new()
        };
        if overlay.targets.contains(p) {
            style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        }
        if overlay.selected == Some(p) {
            style = style.add_modifier(Modifier::REVERSED);
        }
        put(buf, area, x, y, &info.abbr, style);
        if info.center {
            let mark = match owner {
                Some(o) if !model.color => model.map.power_name(o).chars().next().unwrap_or('*').to_ascii_lowercase(),
                _ => '*',
            };
            put(buf, area, x + 3, y, &mark.to_string(), model.power_style(owner));
        }
        if let Some(u) = board.unit(p) {
            let mut s = model.power_style(Some(u.power)).add_modifier(Modifier::BOLD);
            if Some(u.power) == me {
                s = s.add_modifier(Modifier::REVERSED);
            }
            put(buf, area, x.saturating_sub(1), y, &u.kind.letter().to_string(), s);
        }
    }
    for d in &board.dislodged {
        let (x, y) = place(model, area, map.province_of(d.unit.loc));
        let s = model.power_style(Some(d.unit.power)).add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        put(buf, area, x + 3, y, &d.unit.kind.letter().to_ascii_lowercase().to_string(), s);
    }
    for a in &overlay.arrows {
        let (x0, y0) = place(model, area, a.from);
        let (x1, y1) = place(model, area, a.to);
        let style = model.power_style(a.power);
        line(buf, area, (x0 + 1, y0), (x1 + 1, y1), if a.succeeded { '·' } else { '×' }, style);
    }
}

/// The moves and retreats of a recorded phase.
fn moves(model: &Model, record: &PhaseRecord) -> Vec<Arrow> {
    let map = &model.map;
    let Ok(phase) = record.phase.parse::<Phase>() else { return Vec::new() };
    let mut out = Vec::new();
    for (power, orders) in &record.orders {
        for text in orders {
            let Some((from, to)) = Order::parse(map, text, phase.kind, None).ok().as_ref().and_then(destination) else {
                continue;
            };
            let succeeded =
                record.results.iter().any(|r| &r.power == power && &r.order == text && r.result == "succeeds");
            let power = map.power_by_name(power);
            out.push(Arrow { from: map.province_of(from), to: map.province_of(to), power, succeeded });
        }
    }
    out
}

/// A line of `c` from `a` to `b` over blank cells, with an arrowhead at the end.
fn line(buf: &mut Buffer, area: Rect, a: (u16, u16), b: (u16, u16), c: char, style: Style) {
    let (mut x, mut y) = (i32::from(a.0), i32::from(a.1));
    let (x1, y1) = (i32::from(b.0), i32::from(b.1));
    let (dx, dy) = ((x1 - x).abs(), -(y1 - y).abs());
    let (sx, sy) = (if x < x1 { 1 } else { -1 }, if y < y1 { 1 } else { -1 });
    let mut err = dx + dy;
    let mut cells = Vec::new();
    while (x, y) != (x1, y1) {
        let e2 = 2 * err;
        if e2 >= dy {
            err += dy;
            x += sx;
        }
        if e2 <= dx {
            err += dx;
            y += sy;
        }
        cells.push((x, y));
    }
    let blank = |buf: &Buffer, (x, y): (i32, i32)| {
        x >= i32::from(area.x)
            && x < i32::from(area.right())
            && y >= i32::from(area.y)
            && y < i32::from(area.bottom())
            && buf[(x as u16, y as u16)].symbol() == " "
    };
    let free: Vec<(i32, i32)> = cells.into_iter().filter(|&p| blank(buf, p)).collect();
    let head = match (x1 - i32::from(a.0), y1 - i32::from(a.1)) {
        (_, dy) if dy.abs() * 2 > (x1 - i32::from(a.0)).abs() => {
            if dy > 0 {
                'v'
            } else {
                '^'
            }
        }
        (dx, _) if dx > 0 => '>',
        _ => '<',
    };
    for (i, &(x, y)) in free.iter().enumerate() {
        let ch = if i + 1 == free.len() && c == '·' { head } else { c };
        buf[(x as u16, y as u16)].set_char(ch).set_style(style);
    }
}

/// Word-wraps `text` to `width` columns.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("starts with a line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

fn panel_block(title: String) -> Block<'static> {
    Block::bordered().title(title)
}

fn start_panel(model: &Model, f: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::styled("Diplomacy against bots", Style::new().add_modifier(Modifier::BOLD)),
        Line::raw("Choose your power:"),
        Line::raw(""),
    ];
    for p in model.map.powers() {
        let chosen = p.index() == model.start_cursor;
        let homes: Vec<&str> = model.map.power(p).home.iter().map(|h| model.map.abbr(h)).collect();
        let mut style = model.power_style(Some(p));
        if chosen {
            style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        lines.push(Line::from(vec![
            Span::raw(if chosen { "▸ " } else { "  " }),
            Span::styled(format!("{:<8}", model.map.power_name(p)), style),
            Span::styled(format!(" {}", homes.join(" ")), model.dim()),
        ]));
    }
    lines.push(Line::raw(""));
    let inner = area.width.saturating_sub(2) as usize;
    for l in wrap(&model.info, inner) {
        lines.push(Line::styled(l, model.dim()));
    }
    lines.push(Line::raw(""));
    for l in wrap("↑↓ then Enter to play. ? shows every key.", inner) {
        lines.push(Line::raw(l));
    }
    f.render_widget(Paragraph::new(lines).block(panel_block(" Legate ".into())), area);
}

fn orders_panel(model: &Model, f: &mut Frame, area: Rect) {
    let phase = model.board.phase;
    let title = match phase.kind {
        PhaseKind::Movement => format!(" Orders {phase} "),
        PhaseKind::Retreat => format!(" Retreats {phase} "),
        PhaseKind::Adjustment => format!(" Adjust {phase} "),
    };
    let inner = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if model.slots.is_empty() {
        lines.push(Line::styled("Nothing to order this phase.", model.dim()));
    }
    for (i, s) in model.slots.iter().enumerate() {
        let cursor = i == model.cursor && matches!(model.mode, Mode::Normal | Mode::Order { .. });
        let (text, style) = match &s.order {
            Some(o) => (model.text(o), Style::new()),
            None => (format!("{} ({})", s.label, model.default_action()), model.dim()),
        };
        let style = if cursor { style.add_modifier(Modifier::REVERSED) } else { style };
        lines.push(Line::from(vec![Span::raw(if cursor { "▸" } else { " " }), Span::styled(text, style)]));
    }
    lines.push(Line::raw(""));
    match &model.mode {
        Mode::Order { input, pick, .. } => {
            lines.push(Line::from(vec![
                Span::styled("> ", Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(format!("{input}▏")),
            ]));
            let completions = model.completions(input);
            let room = (area.height as usize).saturating_sub(lines.len() + 4).max(1);
            let start = pick.saturating_sub(room - 1);
            for (i, c) in completions.iter().enumerate().skip(start).take(room) {
                let style = if i == *pick { Style::new().add_modifier(Modifier::REVERSED) } else { model.dim() };
                lines.push(Line::styled(format!("  {c}"), style));
            }
            if completions.is_empty() {
                lines.push(Line::styled("  (no legal order matches; Enter checks the text)", model.dim()));
            }
        }
        Mode::Confirm(idle) => {
            let text = format!(
                "No order for {}: {}. e submits anyway, Esc goes back.",
                idle.join(", "),
                model.default_action()
            );
            lines.extend(
                wrap(&text, inner).into_iter().map(|l| Line::styled(l, Style::new().add_modifier(Modifier::BOLD))),
            );
        }
        _ if model.open => lines.extend(
            wrap("Enter: order the unit · e: end the phase", inner).into_iter().map(|l| Line::styled(l, model.dim())),
        ),
        _ => {
            let busy = if model.busy.is_empty() { "Orders sent; waiting for the bots…" } else { model.busy.as_str() };
            lines.extend(wrap(busy, inner).into_iter().map(Line::raw));
        }
    }
    if let Some(e) = &model.error {
        lines.extend(wrap(&format!("✗ {e}"), inner).into_iter().map(|l| Line::styled(l, model.bad())));
    }
    f.render_widget(Paragraph::new(lines).block(panel_block(title)), area);
}

fn press_panel(model: &Model, f: &mut Frame, area: Rect) {
    let inner = area.width.saturating_sub(2) as usize;
    let mut top: Vec<Line> = Vec::new();
    for (i, c) in model.chats().enumerate() {
        let chosen = i == model.chat;
        let unread = if c.unread > 0 { format!(" ({})", c.unread) } else { String::new() };
        let mut style = model.power_named(&c.with);
        if chosen {
            style = style.add_modifier(Modifier::REVERSED);
        }
        if c.unread > 0 {
            style = style.add_modifier(Modifier::BOLD);
        }
        top.push(Line::from(vec![
            Span::raw(if chosen { "▸" } else { " " }),
            Span::styled(format!("{}{unread}", c.with), style),
        ]));
    }
    let mut body: Vec<Line> = Vec::new();
    if let Some(c) = model.chat() {
        if c.messages.is_empty() {
            body.push(Line::styled(format!("No messages with {} yet.", c.with), model.dim()));
        }
        for (phase, m) in &c.messages {
            let head = format!("{phase} {}: ", m.from);
            for (k, l) in wrap(&format!("{head}{}", m.text), inner).into_iter().enumerate() {
                // The wrapped first line starts with the head unless wrapping changed its spaces.
                if k == 0 && l.starts_with(head.as_str()) {
                    let (h, rest) = l.split_at(head.len());
                    body.push(Line::from(vec![
                        Span::styled(h.to_string(), model.power_named(&m.from)),
                        Span::raw(rest.to_string()),
                    ]));
                } else {
                    body.push(Line::raw(l));
                }
            }
            if model.show_press {
                if let Some(p) = &m.press {
                    body.extend(
                        wrap(&format!("  press: {p}"), inner).into_iter().map(|l| Line::styled(l, model.dim())),
                    );
                }
            }
        }
    }
    let compose = match &model.mode {
        Mode::Compose { input } => {
            let to = model.chat().map(|c| c.with.as_str()).unwrap_or("");
            wrap(&format!("to {to}> {input}▏"), inner).into_iter().map(Line::raw).collect()
        }
        _ => vec![Line::styled("Enter: write · x: press form", model.dim())],
    };
    let h = area.height.saturating_sub(2) as usize;
    let room = h.saturating_sub(top.len() + 1 + compose.len());
    let skip = body.len().saturating_sub(room);
    let mut lines = top;
    lines.push(Line::styled("─".repeat(inner), model.dim()));
    lines.extend(body.into_iter().skip(skip));
    while lines.len() + compose.len() < h {
        lines.push(Line::raw(""));
    }
    lines.extend(compose);
    f.render_widget(Paragraph::new(lines).block(panel_block(" Press ".into())), area);
}

/// Centre owners of a record's position, by province abbreviation.
fn owners(pos: &legate_engine::position::Position) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (power, list) in pos.supply_centers.iter().flatten() {
        for c in list.as_array().into_iter().flatten().filter_map(|c| c.as_str()) {
            out.insert(c.to_string(), power.clone());
        }
    }
    out
}

/// What happened in a phase, as lines: the player's power first, then the others.
fn record_lines(model: &Model, r: &PhaseRecord, inner: usize) -> Vec<Line<'static>> {
    let me = model.me.map(|p| model.map.power_name(p).to_string()).unwrap_or_default();
    let mut powers: Vec<&String> = r.orders.keys().collect();
    powers.sort_by_key(|p| **p != me);
    let mut lines = Vec::new();
    for d in &r.board_after.dislodged {
        let by = d.attacker_from.as_deref().map(|a| format!(" by {a}")).unwrap_or_default();
        lines.extend(
            wrap(&format!("dislodged: {} {}{by}", d.power, d.unit), inner)
                .into_iter()
                .map(|l| Line::styled(l, model.bad())),
        );
    }
    for c in &r.civil_disorder {
        lines.push(Line::raw(format!("civil disorder: {c}")));
    }
    let (before, after) = (owners(&r.board_before), owners(&r.board_after));
    let mut changes: Vec<(&String, &String)> = after.iter().filter(|(c, o)| before.get(*c) != Some(*o)).collect();
    // Yours first: what you gained, then what you lost.
    changes.sort_by_key(|(c, o)| (**o != me, before.get(*c) != Some(&me)));
    for (c, owner) in changes {
        lines.push(Line::styled(format!("{c} is now {owner}'s"), model.power_named(owner)));
    }
    for power in powers {
        lines.push(Line::styled(power.clone(), model.power_named(power).add_modifier(Modifier::BOLD)));
        for o in &r.orders[power] {
            let res = r.results.iter().find(|x| &x.power == power && &x.order == o);
            let (mark, why) = match res {
                Some(x) if x.result == "succeeds" => ("✓", String::new()),
                Some(x) => ("✗", format!(" ({})", x.reason.clone().unwrap_or_else(|| x.result.clone()))),
                None => ("·", String::new()),
            };
            let style = if mark == "✗" { model.bad() } else { Style::new() };
            for (k, l) in wrap(&format!("{o}{why}"), inner.saturating_sub(2)).into_iter().enumerate() {
                lines.push(Line::styled(format!("{} {l}", if k == 0 { mark } else { " " }), style));
            }
        }
    }
    let mine: Vec<_> = r.messages.iter().filter(|m| m.from == me || m.to == me || m.to == "ALL").collect();
    if !mine.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Messages", Style::new().add_modifier(Modifier::BOLD)));
        for m in mine {
            lines.extend(wrap(&format!("{} → {}: {}", m.from, m.to, m.text), inner).into_iter().map(Line::raw));
        }
    }
    lines
}

/// What happened in `records` (one phase, or the phases since the player last gave orders).
fn record_panel(model: &Model, f: &mut Frame, area: Rect, records: &[PhaseRecord], what: &str) {
    let inner = area.width.saturating_sub(2) as usize;
    let (title, lines) = match records {
        [] => (format!(" {what} "), vec![Line::styled("No phase played yet.", model.dim())]),
        [r] if what == "History" => (
            format!(" ◀ {} ({}/{}) ▶ ", r.phase, model.history_at + 1, model.history.len()),
            record_lines(model, r, inner),
        ),
        [r] => (format!(" {what} {} ", r.phase), record_lines(model, r, inner)),
        [first, .., last] => {
            let mut lines = Vec::new();
            for r in records {
                lines.push(Line::styled(format!("── {} ──", r.phase), Style::new().add_modifier(Modifier::BOLD)));
                lines.extend(record_lines(model, r, inner));
            }
            (format!(" {what} {}–{} ", first.phase, last.phase), lines)
        }
    };
    f.render_widget(Paragraph::new(lines).scroll((model.scroll, 0)).block(panel_block(title)), area);
}

fn over_panel(model: &Model, f: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    if let Some((outcome, standings)) = &model.over {
        lines.push(Line::styled(outcome.clone(), Style::new().add_modifier(Modifier::BOLD)));
        lines.push(Line::raw(""));
        for (i, (power, n)) in standings.iter().enumerate() {
            lines.push(Line::styled(format!("{}. {power:<8} {n:>2} centres", i + 1), model.power_named(power)));
        }
        lines.push(Line::raw(""));
        let inner = area.width.saturating_sub(2) as usize;
        lines.extend(wrap(&format!("Record: {}", model.path), inner).into_iter().map(|l| Line::styled(l, model.dim())));
    }
    f.render_widget(Paragraph::new(lines).block(panel_block(" Game over ".into())), area);
}

fn help(model: &Model, f: &mut Frame) {
    let area = f.area();
    let w = area.width.min(76);
    let h = area.height.min(KEYS.len() as u16 + 4);
    let rect = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|k| {
            Line::from(vec![
                Span::styled(format!("{:<9}", k.context), model.dim()),
                Span::styled(format!("{:<11}", k.keys), Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(k.what),
            ])
        })
        .collect();
    lines.push(Line::styled("Map: A/F units (yours reversed), * centres, ·> moves, × failed", model.dim()));
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(Block::bordered().title(" Keys (any key closes) ")), rect);
}
