//! Press: the text form round-trips, parse errors say what is wrong, atoms and answerable parts,
//! and the conversion to planner evidence.

use legate_dialogue::press::{Atom, PowerSet, Press, PressErrorKind};
use legate_engine::board::PhaseKind;
use legate_engine::map::Power;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map, Order};
use legate_planner::search::Claim;

fn p(map: &Map, text: &str) -> Press {
    Press::parse(map, text).unwrap_or_else(|e| panic!("{e}"))
}

fn order(map: &Map, text: &str) -> MainOrder {
    match Order::parse(map, text, PhaseKind::Movement, None).unwrap() {
        Order::Main(o) => o,
        _ => unreachable!("movement order"),
    }
}

fn power(map: &Map, name: &str) -> Power {
    map.power_by_name(name).unwrap()
}

#[test]
fn text_form_round_trips() {
    let map = Map::standard();
    for text in [
        "WILL (A PAR - BUR; F BRE - MAO)",
        "PRP (A MUN - BUR)",
        "WILL (A PAR S A MUN - BUR; F NTH C A LON - NWY; A LON - NWY VIA; F STP/SC - BOT; A MAR H; A PAR S A MAR)",
        "DMZ (FRANCE GERMANY) (BUR RUH)",
        "PCE (FRANCE GERMANY)",
        "ALY (ENGLAND FRANCE) VSS (GERMANY)",
        "AND (WILL (A PAR - BUR)) (PRP (A MUN - RUH)) (PCE (FRANCE GERMANY))",
        "YES (PRP (A MUN - BUR))",
        "REJ (AND (PRP (A PAR - PIC)) (DMZ (FRANCE GERMANY) (BUR)))",
        "YES (YES (PCE (FRANCE ITALY)))",
    ] {
        let press = p(&map, text);
        assert_eq!(press.display(&map).to_string(), text);
        assert_eq!(p(&map, &press.display(&map).to_string()), press);
    }
}

#[test]
fn parsing_is_lenient_and_canonical_on_output() {
    let map = Map::standard();
    let press = p(&map, "  and(will(army paris -> burgundy))( dmz (germany france) (ruh bur) )");
    assert_eq!(press.display(&map).to_string(), "AND (WILL (A PAR - BUR)) (DMZ (FRANCE GERMANY) (BUR RUH))");
    assert_eq!(
        p(&map, "aly (france england) vss (germany)").display(&map).to_string(),
        "ALY (ENGLAND FRANCE) VSS (GERMANY)"
    );
}

#[test]
fn parse_errors_name_the_problem() {
    let map = Map::standard();
    let kind = |t: &str| Press::parse(&map, t).unwrap_err().kind;
    assert!(matches!(kind("XDO (A PAR - BUR)"), PressErrorKind::UnknownKeyword(k) if k == "XDO"));
    assert!(matches!(kind("PCE (FRANCE PRUSSIA)"), PressErrorKind::UnknownPower(n) if n == "PRUSSIA"));
    assert!(matches!(kind("DMZ (FRANCE) (BUR XYZ)"), PressErrorKind::UnknownProvince(n) if n == "XYZ"));
    assert!(matches!(kind("WILL (A PAR - XYZ)"), PressErrorKind::Order(_)));
    assert!(matches!(kind("WILL (A PAR B)"), PressErrorKind::NotMovement(_)));
    assert!(matches!(kind("WILL ()"), PressErrorKind::Empty));
    assert!(matches!(kind("PCE (FRANCE GERMANY) extra"), PressErrorKind::Trailing(_)));
    assert!(matches!(kind("ALY (FRANCE) (GERMANY)"), PressErrorKind::Expected { what: "VSS", .. }));
    assert!(matches!(kind("YES PCE (FRANCE)"), PressErrorKind::Expected { .. }));
    let e = Press::parse(&map, "PCE (FRANCE PRUSSIA)").unwrap_err();
    assert!(e.to_string().contains("unknown power \"PRUSSIA\""), "{e}");
}

#[test]
fn and_compacts() {
    let map = Map::standard();
    let parts = vec![
        p(&map, "WILL (A PAR - BUR)"),
        p(&map, "PRP (A MUN - RUH)"),
        p(&map, "AND (WILL (F BRE - MAO)) (WILL (A PAR - BUR))"),
        p(&map, "YES (PRP (A MAR H))"),
        p(&map, "PCE (FRANCE GERMANY)"),
        p(&map, "PCE (FRANCE GERMANY)"),
    ];
    let joined = Press::and(parts).unwrap();
    assert_eq!(
        joined.display(&map).to_string(),
        "AND (WILL (A PAR - BUR; F BRE - MAO)) (PRP (A MUN - RUH)) (YES (PRP (A MAR H))) (PCE (FRANCE GERMANY))"
    );
    assert_eq!(Press::and(vec![]), None);
    assert_eq!(Press::and(vec![p(&map, "PCE (FRANCE GERMANY)")]), Some(p(&map, "PCE (FRANCE GERMANY)")));
}

#[test]
fn atoms() {
    let map = Map::standard();
    let (f, g, i) = (power(&map, "FRANCE"), power(&map, "GERMANY"), power(&map, "ITALY"));
    let bur = map.province_by_name("BUR").unwrap();
    let ruh = map.province_by_name("RUH").unwrap();
    let a =
        p(&map, "AND (DMZ (FRANCE GERMANY) (BUR RUH)) (PCE (FRANCE GERMANY ITALY)) (YES (PRP (A PAR - BUR)))").atoms();
    assert_eq!(
        a,
        vec![
            Atom::Dmz(f, bur),
            Atom::Dmz(f, ruh),
            Atom::Dmz(g, bur),
            Atom::Dmz(g, ruh),
            Atom::Peace(f, g),
            Atom::Peace(f, i),
            Atom::Peace(g, i),
            Atom::Yes(Box::new(Atom::Propose(order(&map, "A PAR - BUR")))),
        ]
    );
    for atom in &a {
        assert_eq!(atom.to_press().atoms(), vec![atom.clone()]);
    }
}

#[test]
fn answerable_parts() {
    let map = Map::standard();
    let g = power(&map, "GERMANY");
    let press = p(
        &map,
        "AND (WILL (A PAR - BUR)) (PRP (A MUN - RUH; A BER - KIE)) (DMZ (FRANCE GERMANY) (BUR)) (PCE (FRANCE ITALY)) (ALY (FRANCE GERMANY) VSS (ENGLAND)) (YES (PRP (A MUN H)))",
    );
    let parts: Vec<String> = press.answerable(g).iter().map(|x| x.display(&map).to_string()).collect();
    assert_eq!(
        parts,
        ["PRP (A MUN - RUH)", "PRP (A BER - KIE)", "DMZ (FRANCE GERMANY) (BUR)", "ALY (FRANCE GERMANY) VSS (ENGLAND)"]
    );
    // A statement answers the matching proposal.
    let answerable = press.answerable(g);
    assert_eq!(p(&map, "WILL (A MUN - RUH)").answers(g, &answerable), Some(&answerable[0]));
    assert_eq!(p(&map, "DMZ (GERMANY) (BUR)").answers(g, &answerable), Some(&answerable[2]));
    // A DMZ the speaker is not part of answers nothing.
    assert_eq!(p(&map, "DMZ (FRANCE) (BUR)").answers(g, &answerable), None);
    assert_eq!(p(&map, "WILL (A MUN H)").answers(g, &answerable), None);
}

#[test]
fn evidence_about_the_sender() {
    let map = Map::standard();
    let board = Board::initial(&map);
    let (f, g, e) = (power(&map, "FRANCE"), power(&map, "GERMANY"), power(&map, "ENGLAND"));
    let bur_ruh = [map.province_by_name("BUR").unwrap(), map.province_by_name("RUH").unwrap()].into_iter().collect();
    let ev = |text: &str, sender: Power| p(&map, text).evidence(&map, &board, sender, 0.7);

    // Own-order claims: WillOrder, only for the sender's own units and legal orders.
    let x = ev("WILL (A PAR - BUR; A MUN - RUH; A MAR - MUN)", f);
    assert_eq!(x.power, f);
    assert_eq!(x.trust, 0.7);
    assert_eq!(x.claims, vec![Claim::WillOrder(order(&map, "A PAR - BUR"))]);
    // A DMZ the sender is part of: WillNotEnter.
    assert_eq!(ev("DMZ (FRANCE GERMANY) (BUR RUH)", f).claims, vec![Claim::WillNotEnter(bur_ruh)]);
    assert_eq!(ev("DMZ (GERMANY) (BUR RUH)", f).claims, vec![]);
    // Peace: Peace with the others.
    assert_eq!(ev("PCE (FRANCE GERMANY)", f).claims, vec![Claim::Peace(g)]);
    // Alliance: peace with the allies.
    assert_eq!(ev("ALY (FRANCE ENGLAND) VSS (GERMANY)", f).claims, vec![Claim::Peace(e)]);
    // YES to a proposal made to the sender: WillOrder.
    assert_eq!(ev("YES (PRP (A PAR - PIC))", f).claims, vec![Claim::WillOrder(order(&map, "A PAR - PIC"))]);
    assert_eq!(ev("YES (PCE (FRANCE GERMANY))", f).claims, vec![Claim::Peace(g)]);
    // Proposals, refusals and accepting someone's own plan say nothing about the sender.
    assert_eq!(ev("PRP (A MUN - RUH)", f).claims, vec![]);
    assert_eq!(ev("REJ (PRP (A PAR - PIC))", f).claims, vec![]);
    assert_eq!(ev("YES (WILL (A MUN - RUH))", f).claims, vec![]);
    // Conjunctions: everything, once.
    let all = ev(
        "AND (WILL (A PAR - BUR)) (PCE (FRANCE GERMANY)) (ALY (FRANCE GERMANY) VSS (ENGLAND)) (PRP (A MUN - RUH))",
        f,
    );
    assert_eq!(all.claims, vec![Claim::WillOrder(order(&map, "A PAR - BUR")), Claim::Peace(g)]);
}

#[test]
fn power_sets() {
    let map = Map::standard();
    let s: PowerSet = [power(&map, "ITALY"), power(&map, "AUSTRIA")].into_iter().collect();
    assert_eq!(s.len(), 2);
    assert_eq!(s.iter().map(|p| map.power_name(p)).collect::<Vec<_>>(), ["AUSTRIA", "ITALY"]);
    assert!(s.is_subset(PowerSet(0xff)));
    let mut t = s;
    t.remove(power(&map, "ITALY"));
    assert!(t.contains(power(&map, "AUSTRIA")) && !t.contains(power(&map, "ITALY")));
    assert!(!t.is_empty() && PowerSet::EMPTY.is_empty());
}
