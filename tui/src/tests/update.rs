//! `update`, message by message.

use super::*;
use crate::app::{Mode, Panel, Screen};
use crate::protocol::ToSession;
use legate_engine::game::Message;
use legate_engine::map::Power;

#[test]
fn start_screen_keys_choose_a_power() {
    let mut m = start();
    assert_eq!(m.screen(), Screen::Start);
    assert_eq!(press(&mut m, &[KeyCode::Up]), None);
    assert_eq!(m.start_cursor, 6, "up from the first power wraps to the last");
    press(&mut m, &[KeyCode::Down, KeyCode::Down]);
    assert_eq!(m.start_cursor, 1);
    press(&mut m, &[KeyCode::Char('r')]);
    assert_eq!(m.map.power_name(Power(m.start_cursor as u8)), "RUSSIA", "a letter jumps to the power");
    assert_eq!(press(&mut m, &[KeyCode::Enter]), Some(ToSession::Start { power: "RUSSIA".into() }));
    assert!(m.busy.contains("RUSSIA"), "{}", m.busy);
    let mut m = start();
    assert_eq!(press(&mut m, &[KeyCode::Char('q')]), Some(ToSession::Quit));
    assert!(m.quitting());
}

#[test]
fn started_sets_the_power_and_history() {
    let mut rec = played(&[("FRANCE", "A PAR - BUR")]);
    rec.messages = vec![Message::new("ENGLAND", "FRANCE", "Hello"), Message::new("GERMANY", "ITALY", "Psst")];
    let mut m = start();
    let ev = FromSession::Started { power: "FRANCE".into(), path: "g.jsonl".into(), history: vec![rec] };
    assert_eq!(update(&mut m, Msg::Session(ev)), None);
    assert_eq!(m.screen(), Screen::Game);
    assert_eq!(m.me, m.map.power_by_name("FRANCE"));
    assert_eq!((m.history.len(), m.history_at, m.path.as_str()), (1, 0, "g.jsonl"));
    let talk: Vec<(&str, usize, usize)> = m.chats().map(|c| (c.with.as_str(), c.messages.len(), c.unread)).collect();
    assert_eq!(talk[2], ("ENGLAND", 1, 0), "a resumed game's messages are back in their conversations, read");
    assert!(talk.iter().all(|(w, n, _)| *n == 0 || *w == "ENGLAND"), "others' messages stay private: {talk:?}");
    assert_eq!(m.chats[2].messages[0].0, "S1901M", "with the phase they were sent in");
    assert!(m.chats().all(|c| c.with != "FRANCE"), "no conversation with yourself");
}

#[test]
fn phase_opened_lists_the_units_to_order() {
    let m = playing();
    let labels: Vec<&str> = m.slots().iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["F BRE", "A MAR", "A PAR"]);
    assert!(m.open);
    assert_eq!(m.panel(), Panel::Orders);
    let par = &m.slots()[2];
    let texts: Vec<String> = par.options.iter().map(|o| m.text(o)).collect();
    assert!(
        texts.contains(&"A PAR - BUR".to_string()) && texts.contains(&"A PAR S A MAR - BUR".to_string()),
        "{texts:?}"
    );
}

#[test]
fn retreat_and_adjustment_phases_get_their_own_slots() {
    let retreat = board(serde_json::json!({
        "phase": "F1901R",
        "units": {"FRANCE": ["A BUR"], "GERMANY": ["A MUN"]},
        "dislodged": [{"power": "FRANCE", "unit": "A PAR", "attacker_from": "BUR", "retreats": ["GAS", "PIC"]}]
    }));
    let m = playing_on("FRANCE", retreat, vec![]);
    assert_eq!(m.slots().len(), 1);
    let texts: Vec<String> = m.slots()[0].options.iter().map(|o| m.text(o)).collect();
    assert_eq!(texts, ["A PAR R GAS", "A PAR R PIC", "A PAR D"]);
    assert_eq!(m.default_action(), "disbands");

    let builds = board(serde_json::json!({
        "phase": "W1901A",
        "units": {"FRANCE": ["A BUR"]},
        "supply_centers": {"FRANCE": ["BRE", "MAR", "PAR", "BEL"]}
    }));
    let mut m = playing_on("FRANCE", builds, vec![]);
    let labels: Vec<&str> = m.slots().iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Build 1", "Build 2", "Build 3"]);
    let texts: Vec<String> = m.slots()[0].options.iter().map(|o| m.text(o)).collect();
    assert!(texts.contains(&"F BRE B".to_string()) && texts.contains(&"WAIVE".to_string()), "{texts:?}");
    assert_eq!(m.default_action(), "waived");
    press(&mut m, &[KeyCode::Enter]);
    type_text(&mut m, "a par b");
    press(&mut m, &[KeyCode::Enter]);
    assert_eq!(m.slots()[0].order.map(|o| m.text(&o)), Some("A PAR B".into()));
    assert_eq!(m.cursor, 1, "the next build is selected");
    press(&mut m, &[KeyCode::Enter]);
    type_text(&mut m, "a par b");
    press(&mut m, &[KeyCode::Enter]);
    assert_eq!(m.error(), Some("A PAR B: already ordered as Build 1"));

    let removals = board(serde_json::json!({
        "phase": "W1901A",
        "units": {"FRANCE": ["A BUR", "A PIC"]},
        "supply_centers": {"FRANCE": ["PAR"], "GERMANY": ["BRE", "MAR"]}
    }));
    let m = playing_on("FRANCE", removals, vec![]);
    let texts: Vec<String> = m.slots()[0].options.iter().map(|o| m.text(o)).collect();
    assert_eq!((m.slots()[0].label.as_str(), texts), ("Remove 1", vec!["A BUR D".to_string(), "A PIC D".to_string()]));
}

#[test]
fn an_order_is_typed_with_completion() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    assert_eq!(m.mode(), &Mode::Order { input: "A PAR ".into(), pick: 0, picked: false });
    type_text(&mut m, "bur");
    assert_eq!(m.completions("A PAR bur"), ["A PAR - BUR", "A PAR S A MAR - BUR", "A PAR S A MUN - BUR"]);
    press(&mut m, &[KeyCode::Down]);
    assert_eq!(m.mode(), &Mode::Order { input: "A PAR bur".into(), pick: 1, picked: true });
    press(&mut m, &[KeyCode::Up, KeyCode::Tab]);
    assert_eq!(m.mode(), &Mode::Order { input: "A PAR - BUR".into(), pick: 0, picked: false });
    assert_eq!(press(&mut m, &[KeyCode::Enter]), None);
    assert_eq!(m.mode(), &Mode::Normal);
    assert_eq!(m.slots()[2].order.map(|o| m.text(&o)), Some("A PAR - BUR".into()));
    // Backspace edits; Esc cancels without ordering.
    press(&mut m, &[KeyCode::Up, KeyCode::Enter, KeyCode::Backspace, KeyCode::Esc]);
    assert_eq!((m.mode(), m.slots()[1].order), (&Mode::Normal, None));
    // `d` clears an order.
    press(&mut m, &[KeyCode::Down, KeyCode::Char('d')]);
    assert_eq!(m.slots()[2].order, None);
}

#[test]
fn free_text_orders_go_to_their_unit_or_are_refused_with_the_reason() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char(':')]);
    type_text(&mut m, "army marseilles to spain");
    press(&mut m, &[KeyCode::Enter]);
    assert_eq!(m.error(), None);
    assert_eq!(m.slots()[1].order.map(|o| m.text(&o)), Some("A MAR - SPA".into()));
    press(&mut m, &[KeyCode::Char(':')]);
    type_text(&mut m, "a mar - xyz");
    press(&mut m, &[KeyCode::Enter]);
    assert_eq!(m.error(), Some("\"a mar - xyz\": unknown province \"xyz\""));
    assert!(matches!(m.mode(), Mode::Order { .. }), "the line stays open to fix it");
    press(&mut m, &[KeyCode::Esc, KeyCode::Char(':')]);
    type_text(&mut m, "a mar - mun");
    press(&mut m, &[KeyCode::Enter]);
    assert!(m.error().is_some_and(|e| e.starts_with("A MAR - MUN: ")), "{:?}", m.error());
    press(&mut m, &[KeyCode::Esc, KeyCode::Char(':')]);
    type_text(&mut m, "a mun - ruh");
    press(&mut m, &[KeyCode::Enter]);
    assert!(m.error().is_some_and(|e| e.contains("A MUN - RUH")), "{:?}", m.error());
}

#[test]
fn ending_the_phase_warns_about_unordered_units_then_submits() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Enter]);
    type_text(&mut m, "mao");
    press(&mut m, &[KeyCode::Enter]);
    assert_eq!(press(&mut m, &[KeyCode::Char('e')]), None);
    assert_eq!(m.mode(), &Mode::Confirm(vec!["A MAR".into(), "A PAR".into()]));
    assert_eq!(press(&mut m, &[KeyCode::Esc]), None);
    assert_eq!(m.mode(), &Mode::Normal);
    press(&mut m, &[KeyCode::Char('p'), KeyCode::Char('e')]);
    assert_eq!(m.panel(), Panel::Orders, "the warning is shown with the orders");
    assert_eq!(press(&mut m, &[KeyCode::Char('e')]), Some(ToSession::SubmitOrders(vec!["F BRE - MAO".into()])));
    assert!(!m.open);
    assert_eq!(press(&mut m, &[KeyCode::Char('e')]), None, "nothing to submit while the phase is played");
    assert_eq!(m.error(), Some("no phase is waiting for your orders"));
}

#[test]
fn busy_shows_what_the_session_does() {
    let mut m = playing();
    update(&mut m, Msg::Session(FromSession::Busy("the bots are negotiating…".into())));
    assert_eq!(m.busy, "the bots are negotiating…");
}

#[test]
fn messages_count_as_unread_until_their_conversation_is_shown() {
    let mut m = playing();
    let mut msg = Message::new("ENGLAND", "FRANCE", "Peace?");
    msg.press = Some("PCE (ENGLAND FRANCE)".into());
    update(&mut m, Msg::Session(FromSession::Message(msg.clone())));
    update(&mut m, Msg::Session(FromSession::Message(Message::new("TURKEY", "ALL", "Hello all"))));
    assert_eq!(m.unread(), 2);
    press(&mut m, &[KeyCode::Char('p')]);
    assert_eq!(m.chat().map(|c| c.with.as_str()), Some("ALL"));
    assert_eq!(m.unread(), 1, "the open conversation is read");
    press(&mut m, &[KeyCode::Down, KeyCode::Down]);
    assert_eq!(m.chat().map(|c| (c.with.as_str(), c.unread)), Some(("ENGLAND", 0)));
    assert_eq!(m.unread(), 0);
    update(&mut m, Msg::Session(FromSession::Message(msg)));
    assert_eq!(m.unread(), 0, "a message to the conversation on screen is read");
    press(&mut m, &[KeyCode::Char('x')]);
    assert!(m.show_press);
}

#[test]
fn composing_sends_to_the_selected_conversation() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('p'), KeyCode::Down, KeyCode::Enter]);
    assert_eq!(m.mode(), &Mode::Compose { input: String::new() });
    type_text(&mut m, "Hi Austria!x");
    press(&mut m, &[KeyCode::Backspace]);
    let sent = press(&mut m, &[KeyCode::Enter]);
    assert_eq!(sent, Some(ToSession::Send { to: "AUSTRIA".into(), text: "Hi Austria!".into() }));
    assert_eq!(m.chat().unwrap().messages.len(), 1, "your message is in the conversation");
    assert_eq!(press(&mut m, &[KeyCode::Enter, KeyCode::Enter]), None, "an empty message is not sent");
    press(&mut m, &[KeyCode::Enter, KeyCode::Char('a'), KeyCode::Esc]);
    assert_eq!(m.mode(), &Mode::Normal);
}

#[test]
fn resolved_shows_the_results_and_history_steps_through_phases() {
    let mut m = playing();
    let rec = played(&[("FRANCE", "A PAR - BUR"), ("GERMANY", "A MUN - BUR")]);
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(rec.clone()))));
    assert_eq!((m.panel(), m.open, m.history.len()), (Panel::Results, false, 1));
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(rec.clone()))));
    assert_eq!(m.latest().len(), 2, "the results show every phase played since the player's orders");
    m.open = true;
    press(&mut m, &[KeyCode::Char('e'), KeyCode::Char('e')]);
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(rec))));
    assert_eq!(m.latest().len(), 1, "and only those");
    press(&mut m, &[KeyCode::Char('h')]);
    assert_eq!((m.panel(), m.history_at), (Panel::History, 2));
    press(&mut m, &[KeyCode::Left, KeyCode::Left, KeyCode::Left]);
    assert_eq!(m.history_at, 0);
    press(&mut m, &[KeyCode::Char(']'), KeyCode::Right, KeyCode::Right]);
    assert_eq!(m.history_at, 2);
    press(&mut m, &[KeyCode::Down, KeyCode::Down, KeyCode::Up]);
    assert_eq!(m.scroll, 1);
    press(&mut m, &[KeyCode::Tab]);
    assert_eq!((m.panel(), m.scroll), (Panel::Orders, 0));
    press(&mut m, &[KeyCode::Char('r'), KeyCode::Enter]);
    assert_eq!(m.panel(), Panel::Orders, "Enter goes from the results back to the orders");
    let next = Board::initial(&m.map);
    update(&mut m, Msg::Session(FromSession::PhaseOpened { board: Box::new(next), needs_orders: true }));
    press(&mut m, &[KeyCode::Char('p'), KeyCode::Char(':')]);
    assert_eq!((m.panel(), m.mode()), (Panel::Orders, &Mode::Order { input: String::new(), pick: 0, picked: false }));
}

#[test]
fn game_over_shows_the_standings() {
    let mut m = playing();
    let standings = vec![("FRANCE".to_string(), 18), ("ENGLAND".to_string(), 5)];
    update(&mut m, Msg::Session(FromSession::GameOver { outcome: "FRANCE wins".into(), standings: standings.clone() }));
    assert_eq!(m.screen(), Screen::Over);
    assert_eq!(m.over, Some(("FRANCE wins".to_string(), standings)));
    press(&mut m, &[KeyCode::Char('h')]);
    assert_eq!((m.screen(), m.panel()), (Screen::Game, Panel::History));
}

#[test]
fn refused_orders_are_shown_and_reopen_the_submission() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('e'), KeyCode::Char('e')]);
    assert!(!m.open);
    update(&mut m, Msg::Session(FromSession::OrdersRefused("A PAR - MUN: not adjacent".into())));
    assert!(m.open, "the player can fix the orders");
    assert_eq!(m.error(), Some("A PAR - MUN: not adjacent"));
    press(&mut m, &[KeyCode::Esc]);
    assert_eq!(m.error(), None);
}

#[test]
fn a_notice_is_shown_and_leaves_a_submission_submitted() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('e'), KeyCode::Char('e')]);
    update(&mut m, Msg::Session(FromSession::Notice("FRANCE does not answer".into())));
    assert!(!m.open, "the submitted orders stay submitted");
    assert_eq!(m.error(), Some("FRANCE does not answer"));
}

#[test]
fn a_failure_closes_the_phase_for_good() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('e'), KeyCode::Char('e')]);
    update(&mut m, Msg::Session(FromSession::Busy("playing the phase…".into())));
    update(&mut m, Msg::Session(FromSession::Failed("the game session failed".into())));
    assert!(!m.open, "nothing more is played: the phase does not reopen");
    assert_eq!(m.error(), Some("the game session failed"));
    assert_eq!(m.busy, "", "no longer busy");
}

#[test]
fn resize_scrolls_the_results_back_to_the_top() {
    let mut m = playing();
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(played(&[])))));
    press(&mut m, &[KeyCode::Down, KeyCode::Down]);
    assert_eq!(m.scroll, 2);
    assert_eq!(update(&mut m, Msg::Resize(120, 40)), None);
    assert_eq!((m.scroll, m.panel()), (0, Panel::Results));
}

#[test]
fn help_opens_and_any_key_closes_it_and_ctrl_c_quits_anywhere() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('?')]);
    assert!(m.help);
    assert_eq!(press(&mut m, &[KeyCode::Char('q')]), None, "the key only closes help");
    assert!(!m.help && !m.quitting());
    assert_eq!(press(&mut m, &[KeyCode::Char('q')]), None, "quitting asks first");
    assert_eq!(m.mode(), &Mode::Quit);
    assert_eq!(press(&mut m, &[KeyCode::Esc]), None);
    assert_eq!((m.mode(), m.quitting()), (&Mode::Normal, false));
    assert_eq!(press(&mut m, &[KeyCode::Char('q'), KeyCode::Char('q')]), Some(ToSession::Quit));
    assert!(m.quitting());
    let mut m = playing();
    press(&mut m, &[KeyCode::Enter]);
    assert_eq!(update(&mut m, ctrl_c()), Some(ToSession::Quit), "ctrl-c quits at once, even while typing");
    assert!(m.quitting());
}

#[test]
fn a_message_written_while_the_phase_is_played_waits_for_the_next_phase() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('e'), KeyCode::Char('e')]);
    assert!(!m.open);
    press(&mut m, &[KeyCode::Char('p'), KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    type_text(&mut m, "Deal?");
    assert_eq!(press(&mut m, &[KeyCode::Enter]), None, "nothing is sent while the phase is being played");
    assert_eq!(m.mode, Mode::Compose { input: "Deal?".into() }, "the text is kept");
    assert!(m.error().is_some_and(|e| e.contains("next one opens")));
}

#[test]
fn a_message_being_written_survives_the_phase_result() {
    let mut m = playing();
    press(&mut m, &[KeyCode::Char('p'), KeyCode::Down, KeyCode::Enter]);
    type_text(&mut m, "About Belgium");
    update(&mut m, Msg::Session(FromSession::Resolved(Box::new(played(&[])))));
    assert_eq!(m.mode, Mode::Compose { input: "About Belgium".into() });
}
