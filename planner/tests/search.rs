//! The search: determinism, and evidence that moves the plan.

mod common;

use common::{army, board, munich};
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map};
use legate_planner::search::{keeps, Claim, Evidence, Search, SearchConfig};

/// France's probability of attacking Munich after a search, given Austria's promise of support
/// trusted to `trust` (no promise when `None`).
fn attack_probability(trust: Option<f64>) -> f64 {
    let map = Map::standard();
    let (b, france, austria, attack, support) = munich(&map);
    let config = SearchConfig { iterations: 128, ..SearchConfig::default() };
    let mut s = Search::new(&map, &b, france, config, 9);
    if let Some(trust) = trust {
        s.add_evidence(&Evidence { power: austria, claims: vec![Claim::WillOrder(support)], trust });
    }
    s.run(128);
    s.our_policy().iter().filter(|(a, _)| a.contains(&attack)).map(|(_, p)| p).sum()
}

#[test]
fn a_credible_promise_of_support_makes_the_attack_likely_and_a_doubtful_one_less() {
    let none = attack_probability(None);
    let trusted = attack_probability(Some(1.0));
    let doubted = attack_probability(Some(0.2));
    assert!(trusted > 0.5, "with a trusted promise France attacks Munich: p = {trusted:.3} (without: {none:.3})");
    assert!(trusted > none + 0.2, "the promise raises the attack's probability: {none:.3} → {trusted:.3}");
    eprintln!("attack probability: none {none:.3}, doubted {doubted:.3}, trusted {trusted:.3}");
    assert!(
        doubted < trusted,
        "a promise from a power that broke its word moves the plan less: {doubted:.3} vs {trusted:.3}"
    );
}

#[test]
fn the_same_seed_gives_the_same_plan() {
    let map = Map::standard();
    let b = Board::initial(&map);
    let italy = map.power_by_name("ITALY").unwrap();
    let config = SearchConfig { iterations: 32, ..SearchConfig::default() };
    let a = legate_planner::search::plan(&map, &b, italy, config.clone(), 4, &[]);
    let c = legate_planner::search::plan(&map, &b, italy, config, 4, &[]);
    assert_eq!(a.orders, c.orders);
    assert_eq!(a.value, c.value);
    assert_eq!(a.predicted.len(), 7);
    assert_eq!(a.intents.len(), 6, "one intent per other power");
    for p in &a.predicted {
        let total: f64 = p.actions.iter().map(|x| x.1).sum();
        assert!((total - 1.0).abs() < 1e-9, "a distribution: {total}");
    }
}

#[test]
fn regret_matching_finds_the_dominant_action() {
    // France next to an empty neutral centre: taking it dominates everything else.
    let map = Map::standard();
    // Germany is there so that France's share depends on what it takes.
    let b = board(
        &map,
        "F1902M",
        &[("FRANCE", "A PIC"), ("GERMANY", "A BER")],
        &[("FRANCE", "PAR"), ("FRANCE", "BRE"), ("FRANCE", "MAR"), ("GERMANY", "BER")],
    );
    let france = map.power_by_name("FRANCE").unwrap();
    let to_bel = MainOrder::Move { unit: army(&map, "PIC"), to: map.parse_location("BEL").unwrap(), via_convoy: false };
    for mode in [legate_planner::search::Mode::RegretMatching, legate_planner::search::Mode::PiKl] {
        let config = SearchConfig { iterations: 64, mode, ..SearchConfig::default() };
        let mut s = Search::new(&map, &b, france, config, 3);
        s.run(64);
        let p: f64 = s.our_policy().iter().filter(|(a, _)| a.contains(&to_bel)).map(|(_, p)| p).sum();
        assert!(p > 0.9, "{mode:?}: P(A PIC - BEL) = {p:.3}");
    }
}

#[test]
fn a_warm_started_search_takes_in_new_evidence_in_a_fraction_of_the_iterations() {
    let map = Map::standard();
    let (b, france, austria, attack, support) = munich(&map);
    let promise = Evidence { power: austria, claims: vec![Claim::WillOrder(support)], trust: 1.0 };
    // France's probability of attacking Munich and Austria's predicted probability of supporting it.
    let measure = |s: &mut Search| -> (f64, f64) {
        let attack: f64 = s.our_policy().iter().filter(|(a, _)| a.contains(&attack)).map(|(_, p)| p).sum();
        let plan = s.plan();
        let austria = plan.predicted.iter().find(|p| p.power == austria).unwrap();
        (attack, austria.actions.iter().filter(|x| x.0.contains(&support)).map(|x| x.1).sum())
    };
    let mut warm = Search::new(&map, &b, france, SearchConfig::default(), 9);
    warm.run(256);
    let (attack_before, support_before) = measure(&mut warm);
    warm.add_evidence(&promise);
    warm.run(32);
    let (attack_after, support_after) = measure(&mut warm);
    assert_eq!(warm.iterations(), 288);
    let mut cold = Search::new(&map, &b, france, SearchConfig::default(), 9);
    cold.add_evidence(&promise);
    cold.run(256);
    let (attack_cold, support_cold) = measure(&mut cold);
    eprintln!(
        "support {support_before:.3} → {support_after:.3} (cold {support_cold:.3}); \
         attack {attack_before:.3} → {attack_after:.3} (cold {attack_cold:.3})"
    );
    assert!(
        support_after > support_before + 0.3 && (support_after - support_cold).abs() < 0.1,
        "32 more iterations take the promise in as a full search does: P(support) {support_before:.3} → \
         {support_after:.3} (cold {support_cold:.3})"
    );
    assert!(
        attack_after > 0.5 && (attack_after - attack_cold).abs() < 0.1,
        "the warm plan is the plan a full search with the promise makes: {attack_after:.3} vs {attack_cold:.3}"
    );
}

/// Bound to peace with Germany, France never moves into Munich (German army, German centre):
/// not in its policy, not after a refinement (the best response would take Munich with the
/// promised support), not when Austria asks for it; unbound, the same search attacks.
#[test]
fn a_search_bound_to_peace_never_attacks_its_partner() {
    let map = Map::standard();
    let (b, france, austria, attack, support) = munich(&map);
    let germany = map.power_by_name("GERMANY").unwrap();
    let config = SearchConfig { iterations: 128, refinements: 1, ..SearchConfig::default() };
    let promise = Evidence { power: austria, claims: vec![Claim::WillOrder(support)], trust: 1.0 };
    let run = |bound: bool| {
        let mut s = Search::new(&map, &b, france, config.clone(), 9);
        if bound {
            s.bind(&[Claim::Peace(germany)]);
        }
        s.add_evidence(&promise);
        s.run(128);
        s
    };
    let free = run(false);
    let attack_p: f64 = free.our_policy().iter().filter(|(a, _)| a.contains(&attack)).map(|(_, p)| p).sum();
    assert!(attack_p > 0.5, "unbound, France attacks Munich: p = {attack_p:.3}");
    let mut bound = run(true);
    let mun = map.province_by_name("MUN").unwrap();
    let enters_munich =
        |a: &[MainOrder]| a.iter().any(|o| matches!(o, MainOrder::Move { to, .. } if map.province_of(*to) == mun));
    for (a, _) in bound.our_policy() {
        assert!(!enters_munich(&a), "no candidate of ours enters Munich: {a:?}");
        assert!(bound.keeps_bound(&a));
    }
    assert!(!enters_munich(&bound.plan().orders));
    let current = bound.plan().orders;
    assert_eq!(
        bound.answer_proposal(&[attack], austria, &[support], &current, &[]),
        None,
        "asked to attack, we refuse"
    );
}

/// Germany (silent) holds Munich and Berlin; France (A BUR, F BAL) and Austria (A TYR, A PRU)
/// can each take one with the other's support. Unbound, France's best deal with Austria has
/// it strike Munich; bound to peace with Germany, no deal of France's moves into a German unit or
/// centre (it may still support Austria's strike, which the pact does not forbid).
#[test]
fn a_deal_keeps_the_peace_we_are_bound_to() {
    let map = Map::standard();
    let b = board(
        &map,
        "S1902M",
        &[
            ("FRANCE", "A BUR"),
            ("FRANCE", "F BAL"),
            ("AUSTRIA", "A TYR"),
            ("AUSTRIA", "A PRU"),
            ("GERMANY", "A MUN"),
            ("GERMANY", "A BER"),
        ],
        &[
            ("FRANCE", "PAR"),
            ("FRANCE", "BRE"),
            ("FRANCE", "MAR"),
            ("AUSTRIA", "VIE"),
            ("AUSTRIA", "BUD"),
            ("AUSTRIA", "TRI"),
            ("GERMANY", "MUN"),
            ("GERMANY", "BER"),
            ("GERMANY", "KIE"),
        ],
    );
    let (france, austria, germany) = (
        map.power_by_name("FRANCE").unwrap(),
        map.power_by_name("AUSTRIA").unwrap(),
        map.power_by_name("GERMANY").unwrap(),
    );
    let strike = MainOrder::Move { unit: army(&map, "BUR"), to: map.parse_location("MUN").unwrap(), via_convoy: false };
    let config = SearchConfig::default();
    let run = |bound: bool| {
        let mut s = Search::new(&map, &b, france, config.clone(), 11);
        if bound {
            s.bind(&[Claim::Peace(germany)]);
        }
        s.run(config.iterations);
        s
    };
    let free = run(false).deal(austria).expect("unbound, France has a deal with Austria");
    assert!(free.ours.contains(&strike), "unbound, the deal strikes Munich: {:?}", free.ours);
    let bound = run(true);
    let deal = bound.deal(austria);
    let peaceful = |d: &legate_planner::search::Deal| keeps(&map, &b, &d.ours, &Claim::Peace(germany));
    assert!(deal.as_ref().is_none_or(peaceful), "the deal keeps the peace: {deal:?}");
}
