//! The main screens drawn on a `TestBackend`, compared with `tui/snapshots/NAME.txt`.
//! `UPDATE_SNAPSHOTS=1 cargo test -p legate-tui` rewrites the files; review the diff.

use super::*;
use legate_engine::game::Message;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;

fn draw(m: &Model, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| crate::view(m, f)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let w = buf.area.width as usize;
    let cells: Vec<&str> = buf.content().iter().map(|c| c.symbol()).collect();
    cells.chunks(w).map(|row| row.concat().trim_end().to_string() + "\n").collect()
}

fn check(name: &str, m: &Model, w: u16, h: u16) -> Buffer {
    let buf = draw(m, w, h);
    let got = text(&buf);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    assert_eq!(got, want, "{name} differs from {} (UPDATE_SNAPSHOTS=1 rewrites it)", path.display());
    buf
}

/// The cell where `needle` first appears on screen.
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    let t = text(buf);
    let (y, line) =
        t.lines().enumerate().find(|(_, l)| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not on screen"));
    let x = line[..line.find(needle).unwrap()].chars().count();
    (x as u16, y as u16)
}

#[test]
fn start_screen() {
    let mut m = start();
    press(&mut m, &[KeyCode::Down, KeyCode::Down]);
    check("start", &m, 80, 24);
}

#[test]
fn board_at_s1901m_with_own_units_highlighted() {
    let m = playing();
    let buf = check("board-s1901m", &m, 80, 24);
    let (x, y) = find(&buf, "PAR*");
    assert!(buf[(x - 1, y)].modifier.contains(Modifier::REVERSED), "the player's A PAR is highlighted");
    let (x, y) = find(&buf, "MUN*");
    assert!(!buf[(x - 1, y)].modifier.contains(Modifier::REVERSED), "others' units are not");
    check("board-s1901m-120x40", &m, 120, 40);
}

#[test]
fn monochrome_marks_owners_by_initial() {
    let mut m = playing();
    m.color = false;
    let buf = draw(&m, 80, 24);
    let t = text(&buf);
    assert!(t.contains("PARf") && t.contains("MUNg") && t.contains("BEL*"), "{t}");
    assert!(buf.content().iter().all(|c| c.fg == ratatui::style::Color::Reset), "no colour");
}

#[test]
fn an_order_being_typed() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Enter]);
    type_text(&mut m, "mao");
    press(&mut m, &[KeyCode::Enter, KeyCode::Down, KeyCode::Enter]);
    type_text(&mut m, "bu");
    let buf = check("order-typing", &m, 80, 24);
    let (x, y) = find(&buf, "BUR   SWI");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED), "where the matching orders go is underlined");
    let (x, y) = find(&buf, "PIC   BEL");
    assert!(!buf[(x, y)].modifier.contains(Modifier::UNDERLINED), "other provinces are not");
    assert!(text(&buf).contains("MAO<·FBRE"), "the order given is drawn");
}

#[test]
fn press_view() {
    let mut m = playing();
    let mut msg = Message::new(
        "ENGLAND",
        "FRANCE",
        "I'll take the English Channel with my fleet in LON. How about a non-aggression pact?",
    );
    msg.press = Some("AND (WILL (F LON - ENG)) (PCE (ENGLAND FRANCE))".into());
    update(&mut m, Msg::Session(FromSession::Message(msg)));
    update(&mut m, Msg::Session(FromSession::Message(Message::new("GERMANY", "FRANCE", "Burgundy stays empty?"))));
    press(&mut m, &[KeyCode::Char('p'), KeyCode::Down, KeyCode::Down, KeyCode::Char('x'), KeyCode::Enter]);
    type_text(&mut m, "Deal: F BRE - MAO");
    check("press", &m, 80, 24);
}

#[test]
fn results_view() {
    let rec = played(&[
        ("FRANCE", "A PAR - BUR"),
        ("FRANCE", "F BRE - MAO"),
        ("GERMANY", "A MUN - BUR"),
        ("ENGLAND", "F LON - ENG"),
    ]);
    let map = Map::standard();
    let after = rec.board_after.to_board(&map).unwrap();
    let mut m = playing();
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(rec))));
    update(&mut m, Msg::Session(FromSession::PhaseOpened { board: Box::new(after), needs_orders: true }));
    check("results", &m, 80, 24);
}

#[test]
fn help_and_game_over() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('?')]);
    check("help", &m, 80, 24);
    press(&mut m, &[KeyCode::Esc]);
    let standings = vec![("FRANCE".to_string(), 18), ("ENGLAND".to_string(), 9), ("TURKEY".to_string(), 7)];
    update(&mut m, Msg::Session(FromSession::GameOver { outcome: "FRANCE wins".into(), standings }));
    check("game-over", &m, 80, 24);
}

#[test]
fn a_key_is_drawn_well_within_50_ms() {
    let mut m = playing();
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(played(&[("FRANCE", "A PAR - BUR")])))));
    let mut times: Vec<std::time::Duration> =
        [KeyCode::Char('r'), KeyCode::Char('h'), KeyCode::Char('o'), KeyCode::Char('p')]
            .iter()
            .cycle()
            .take(21)
            .map(|k| {
                let t = std::time::Instant::now();
                update(&mut m, key(*k));
                draw(&m, 160, 50);
                t.elapsed()
            })
            .collect();
    times.sort();
    assert!(times[10] < std::time::Duration::from_millis(50), "median {:?} per key and frame", times[10]);
}

#[test]
fn every_screen_draws_at_any_size() {
    let mut screens = vec![start(), playing()];
    let mut m = playing();
    update(&mut m, Msg::Session(FromSession::Message(Message::new("ENGLAND", "FRANCE", "A long message to wrap"))));
    press(&mut m, &[KeyCode::Enter]);
    type_text(&mut m, "bre");
    screens.push(m.clone());
    press(&mut m, &[KeyCode::Esc, KeyCode::Char('p'), KeyCode::Enter]);
    screens.push(m.clone());
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(played(&[("FRANCE", "A PAR - BUR")])))));
    screens.push(m.clone());
    press(&mut m, &[KeyCode::Char('h'), KeyCode::Char('?')]);
    screens.push(m.clone());
    update(
        &mut m,
        Msg::Session(FromSession::GameOver { outcome: "Draw".into(), standings: vec![("FRANCE".into(), 3)] }),
    );
    screens.push(m);
    for m in &screens {
        for (w, h) in [(1, 1), (10, 3), (30, 8), (57, 12), (79, 23), (81, 25), (250, 80)] {
            draw(m, w, h);
        }
    }
}

/// A message whose sender name holds two spaces (a hand-edited record) draws without splitting
/// a character: wrapping collapses the spaces, so the first line no longer starts with the head.
#[test]
fn a_sender_with_odd_spacing_and_a_multibyte_text_draws() {
    let mut m = playing();
    update(&mut m, Msg::Session(FromSession::Message(Message::new("A  B", "ALL", "xé"))));
    press(&mut m, &[KeyCode::Char('p')]);
    let t = text(&draw(&m, 80, 24));
    assert!(t.contains("A B: xé"), "{t}");
}
