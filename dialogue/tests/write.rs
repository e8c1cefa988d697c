//! The offline writer on a hand-made intent (France to Germany on the opening board):
//! determinism, variety, what it picks and answers (speed: `legate bench talk`).

mod common;

use common::{setup, Setup};
use legate_dialogue::filter::{choose, default_filters, default_value, FilterContext};
use legate_dialogue::press::{Atom, Press};
use legate_dialogue::read::{ReadContext, Reader, RuleReader};
use legate_dialogue::write::{Candidate, Heard, OfflineWriter, Writer};
use legate_engine::board::PhaseKind;
use legate_engine::order::MainOrder;
use legate_engine::Order;
use std::collections::HashSet;

fn write(s: &Setup, heard: Option<&Heard>, seed: u64, n: usize) -> Vec<Candidate> {
    OfflineWriter::default().write(&s.context(heard, seed), n)
}

fn order(s: &Setup, t: &str) -> MainOrder {
    match Order::parse(&s.map, t, PhaseKind::Movement, Some(&s.board)).unwrap() {
        Order::Main(o) => o,
        _ => unreachable!(),
    }
}

#[test]
fn same_seed_same_messages() {
    let s = setup();
    for seed in 0..20 {
        assert_eq!(write(&s, None, seed, 6), write(&s, None, seed, 6));
    }
    // Different seeds, different messages.
    let texts: HashSet<String> = (0..50).flat_map(|seed| write(&s, None, seed, 1)).map(|c| c.text).collect();
    assert!(texts.len() >= 40, "only {} distinct messages from 50 seeds", texts.len());
}

#[test]
fn candidates_differ_and_say_only_what_concerns_the_recipient() {
    let s = setup();
    let (mut full, mut abbr) = (false, false);
    let mut said: HashSet<String> = HashSet::new();
    for seed in 0..200 {
        let cs = write(&s, None, seed, 4);
        assert!(!cs.is_empty());
        let texts: HashSet<&str> = cs.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts.len(), cs.len(), "candidates are distinct");
        for c in &cs {
            full |= c.text.contains("Burgundy") || c.text.contains("Ruhr");
            abbr |= c.text.contains("BUR") || c.text.contains("RUH");
            for a in c.press.atoms() {
                match &a {
                    Atom::Will(o) => assert!(s.intent.ours.contains(o)),
                    Atom::Propose(o) => assert!(s.intent.theirs.contains(o)),
                    _ => {}
                }
                said.insert(a.to_press().display(&s.map).to_string());
            }
            // F BRE - MAO does not concern Germany: never mentioned.
            assert!(!c.text.contains("Mid-Atlantic") && !c.text.contains("MAO"), "{}", c.text);
        }
    }
    assert!(full && abbr, "full names and abbreviations both appear");
    for expected in ["WILL (A PAR - BUR)", "WILL (A MAR S A PAR - BUR)", "PRP (A MUN - RUH)", "PCE (FRANCE GERMANY)"] {
        assert!(said.contains(expected), "{expected} never said");
    }
    assert!(!said.contains("WILL (F BRE - MAO)"));
}

#[test]
fn answers_accept_exactly_what_the_intent_holds() {
    let s = setup();
    let (france, germany) = (s.map.power_by_name("FRANCE").unwrap(), s.intent.with);
    let heard_press = Press::parse(&s.map, "AND (PRP (A PAR - BUR; A MAR - PIE)) (PCE (FRANCE GERMANY))").unwrap();
    let heard = Heard {
        text: "Could you take Burgundy and move Marseilles to Piedmont? Peace?".into(),
        press: Some(heard_press.clone()),
    };
    for seed in 0..50 {
        for c in write(&s, Some(&heard), seed, 3) {
            let atoms = c.press.atoms();
            assert!(atoms.contains(&Atom::Yes(Box::new(Atom::Propose(order(&s, "A PAR - BUR"))))), "{}", c.text);
            assert!(atoms.contains(&Atom::Reject(Box::new(Atom::Propose(order(&s, "A MAR - PIE"))))), "{}", c.text);
            assert!(atoms.contains(&Atom::Yes(Box::new(Atom::Peace(france, germany)))), "{}", c.text);
            // Germany reads the answer as meant.
            let ctx = ReadContext {
                map: &s.map,
                board: &s.board,
                sender: france,
                recipient: germany,
                answering: Some(&heard_press),
            };
            let read = RuleReader.read(&ctx, &c.text);
            let mut read_atoms = read.atoms();
            let mut meant = atoms.clone();
            let key = |a: &Atom| format!("{a:?}");
            read_atoms.sort_by_key(key);
            meant.sort_by_key(key);
            assert_eq!(read_atoms, meant, "{}", c.text);
        }
    }
    // Everything accepted: a plain "yes".
    let all = Press::parse(&s.map, "PRP (A PAR - BUR; A MAR S A PAR - BUR)").unwrap();
    let heard = Heard { text: String::new(), press: Some(all) };
    let cs = write(&s, Some(&heard), 3, 8);
    assert!(cs.iter().all(|c| c.press.atoms().iter().filter(|a| matches!(a, Atom::Yes(_))).count() == 2));
}

#[test]
fn the_chosen_message_passes_every_filter() {
    let s = setup();
    let me = s.map.power_by_name("FRANCE").unwrap();
    for seed in 0..30 {
        let cs = write(&s, None, seed, 4);
        let n = cs.len();
        let ctx = FilterContext::new(&s.map, &s.board, me, &s.intent, None, &[], &RuleReader);
        let (chosen, rejected) = choose(&ctx, cs, &default_filters(), &default_value);
        assert!(chosen.is_some());
        assert!(rejected.is_empty(), "{rejected:?}");
        assert!(n >= 1);
    }
}
