//! The blueprint's choices on hand-built positions.

mod common;

use common::board;
use legate_engine::map::Power;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map, Order};
use legate_planner::policy::blueprint::Blueprint;
use legate_planner::Policy;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// How often each order text is chosen for `power` in `n` samples.
fn frequencies(map: &Map, b: &Board, power: Power, n: usize) -> BTreeMap<String, usize> {
    let bot = Blueprint::default();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut f = BTreeMap::new();
    for _ in 0..n {
        for o in bot.sample(map, b, power, &mut rng) {
            *f.entry(o.display(map).to_string()).or_default() += 1;
        }
    }
    f
}

#[test]
fn takes_an_undefended_neutral_centre() {
    let map = Map::standard();
    let b = board(&map, "F1901M", &[("FRANCE", "A PIC")], &[("FRANCE", "PAR"), ("FRANCE", "BRE"), ("FRANCE", "MAR")]);
    let france = map.power_by_name("FRANCE").unwrap();
    let f = frequencies(&map, &b, france, 200);
    let to_bel = f.get("A PIC - BEL").copied().unwrap_or(0);
    assert!(to_bel >= 150, "A PIC - BEL in {to_bel} of 200 samples: {f:?}");
}

#[test]
fn supports_a_unit_under_threat() {
    // Paris is threatened by two German armies; whenever it stays, Brest backs it up.
    let map = Map::standard();
    let b = board(
        &map,
        "F1902M",
        &[("FRANCE", "A PAR"), ("FRANCE", "A BRE"), ("GERMANY", "A BUR"), ("GERMANY", "A PIC")],
        &[("FRANCE", "PAR"), ("FRANCE", "BRE"), ("FRANCE", "MAR"), ("GERMANY", "MUN")],
    );
    let france = map.power_by_name("FRANCE").unwrap();
    let bot = Blueprint::default();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let (mut paris_stays, mut supported) = (0, 0);
    for _ in 0..200 {
        let orders: Vec<String> =
            bot.sample(&map, &b, france, &mut rng).iter().map(|o| o.display(&map).to_string()).collect();
        if orders.iter().any(|o| o == "A PAR H" || o.starts_with("A PAR S")) {
            paris_stays += 1;
            if orders.iter().any(|o| o == "A BRE S A PAR") {
                supported += 1;
            }
        }
    }
    assert!(paris_stays >= 20, "Paris stays in {paris_stays} of 200 samples");
    assert!(
        supported * 10 >= paris_stays * 7,
        "Brest supports Paris in {supported} of the {paris_stays} samples where it stays"
    );
}

#[test]
fn every_sample_is_one_valid_order_per_unit_with_a_finite_probability() {
    let map = Map::standard();
    let b = Board::initial(&map);
    let bot = Blueprint::default();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for power in map.powers() {
        for _ in 0..20 {
            let orders = bot.sample(&map, &b, power, &mut rng);
            assert_eq!(orders.len(), b.units().filter(|(_, u)| u.power == power).count());
            for o in &orders {
                let Order::Main(m) = o else { panic!("movement orders only") };
                legate_engine::order::validate::check_main(&map, &b, power, m).unwrap();
            }
            let lp = bot.log_prob(&map, &b, power, &orders);
            assert!(lp.is_finite() && lp <= 0.0, "{lp}");
        }
    }
}

#[test]
fn distinct_samples_and_likelier_samples_come_more_often() {
    let map = Map::standard();
    let b = Board::initial(&map);
    let france = map.power_by_name("FRANCE").unwrap();
    let bot = Blueprint::default();
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let mut seen: BTreeMap<Vec<String>, (usize, f64)> = BTreeMap::new();
    for _ in 0..400 {
        let orders = bot.sample(&map, &b, france, &mut rng);
        let mut key: Vec<String> = orders.iter().map(|o| o.display(&map).to_string()).collect();
        key.sort();
        let lp = bot.log_prob(&map, &b, france, &orders);
        seen.entry(key).or_insert((0, lp)).0 += 1;
    }
    assert!(seen.len() >= 3, "the blueprint samples several joint actions: {seen:?}");
    let (most, _) = seen.iter().max_by_key(|(_, (n, _))| *n).unwrap();
    let best_lp = seen[most].1;
    let rare = seen.values().filter(|(n, _)| *n == 1).map(|(_, lp)| *lp);
    for lp in rare {
        assert!(lp <= best_lp + 1e-9, "a once-seen action is not likelier than the most frequent one");
    }
}

#[test]
fn hold_orders_are_never_moves() {
    let map = Map::standard();
    let b = Board::initial(&map);
    let hold = legate_planner::policy_by_name("hold").unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for power in map.powers() {
        for o in hold.sample(&map, &b, power, &mut rng) {
            assert!(matches!(o, Order::Main(MainOrder::Hold { .. })));
        }
    }
}

#[test]
fn every_policy_scores_its_own_samples_in_every_phase_kind() {
    let map = Map::standard();
    // The search bot is checked with a small search below.
    for name in legate_planner::POLICY_NAMES.into_iter().filter(|n| *n != "search") {
        let bot = legate_planner::policy_by_name(name).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let mut board = Board::initial(&map);
        let mut kinds = std::collections::BTreeSet::new();
        let mut adj = legate_engine::adjudicate::Adjudicator::new();
        while board.phase.year < 1916 {
            let mut orders = Vec::new();
            for p in map.powers() {
                let mine = bot.sample(&map, &board, p, &mut rng);
                let lp = bot.log_prob(&map, &board, p, &mine);
                assert!(lp.is_finite() && lp <= 1e-9, "{name} {} {}: log_prob {lp}", board.phase, map.power_name(p));
                orders.extend(mine.into_iter().map(|o| (p, o)));
            }
            kinds.insert(format!("{:?}", board.phase.kind));
            let processed = board.phase;
            let mut after = legate_engine::adjudicate::phase(&map, &mut adj, &board, &orders).board;
            legate_engine::game::advance(&map, processed, &mut after);
            board = after;
        }
        if name != "hold" {
            assert_eq!(kinds.len(), 3, "{name} met every phase kind: {kinds:?}");
        }
    }
}

#[test]
fn the_search_bot_scores_what_it_plays() {
    use legate_planner::policy::search::SearchPolicy;
    use legate_planner::search::SearchConfig;
    let map = Map::standard();
    let b = Board::initial(&map);
    let bot = SearchPolicy { config: SearchConfig { iterations: 8, candidates: 6, ..SearchConfig::default() } };
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    for power in map.powers() {
        let orders = bot.sample(&map, &b, power, &mut rng);
        assert_eq!(orders.len(), b.units().filter(|(_, u)| u.power == power).count());
        let lp = bot.log_prob(&map, &b, power, &orders);
        assert!(lp.is_finite() && lp <= 1e-9, "{}: log_prob {lp}", map.power_name(power));
    }
}
