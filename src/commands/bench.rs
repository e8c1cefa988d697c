//! `legate bench adjudicate`: pure movement adjudication speed, and its heap allocations.

use legate_engine::adjudicate::Adjudicator;
use legate_engine::board::PhaseKind;
use legate_engine::legal::{random_midgame_boards, random_movement};
use legate_engine::map::Power;
use legate_engine::order::MainOrder;
use legate_engine::step::StepInput;
use legate_engine::{Board, Map, Order};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

/// One movement phase to adjudicate.
pub struct Position {
    board: Board,
    orders: Vec<(Power, MainOrder)>,
}

/// Mid-game movement positions (1903 on) from random games, each with random legal orders.
pub fn generate(map: &Map, count: usize, seed: u64) -> Vec<Position> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    random_midgame_boards(map, seed, 1903, count)
        .into_iter()
        .map(|board| {
            let mut orders = Vec::new();
            random_movement(map, &board, &mut rng, &mut orders);
            Position { board, orders }
        })
        .collect()
}

fn load(map: &Map, path: &Path) -> anyhow::Result<Vec<Position>> {
    let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let input: StepInput =
            serde_json::from_str(&line).map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), i + 1))?;
        let board = input.position.to_board(map).map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), i + 1))?;
        if board.phase.kind != PhaseKind::Movement {
            continue;
        }
        let mut orders = Vec::new();
        for (pname, list) in &input.orders {
            let p = map
                .power_by_name(pname)
                .ok_or_else(|| anyhow::anyhow!("{}:{}: unknown power {pname:?}", path.display(), i + 1))?;
            for o in list.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
                if let Ok(Order::Main(m)) = Order::parse(map, o, PhaseKind::Movement, Some(&board)) {
                    orders.push((p, m));
                }
            }
        }
        out.push(Position { board, orders });
    }
    anyhow::ensure!(!out.is_empty(), "{}: no movement steps", path.display());
    Ok(out)
}

/// Runs the command.
pub fn run(map_name: &str, input: Option<&Path>, count: usize, passes: usize, seed: u64) -> anyhow::Result<i32> {
    let map = super::load_map(map_name)?;
    let positions = match input {
        Some(p) => load(&map, p)?,
        None => generate(&map, count.max(1), seed),
    };
    let units: usize = positions.iter().map(|p| p.board.units().count()).sum();
    let mut adj = Adjudicator::new();
    let mut checksum = 0usize;
    // Warm-up: grows the adjudicator's buffers to their final size.
    for p in &positions {
        checksum += adj.movement(&map, &p.board, &p.orders).results.len();
    }
    let mut rates = Vec::new();
    let allocations_before = crate::alloc::allocations();
    for _ in 0..passes.max(1) {
        let start = Instant::now();
        for p in &positions {
            let out = adj.movement(&map, &p.board, &p.orders);
            checksum += out.results.iter().filter(|r| r.succeeded()).count();
        }
        rates.push(positions.len() as f64 / start.elapsed().as_secs_f64());
    }
    let allocations = crate::alloc::allocations() - allocations_before;
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    println!(
        "positions: {} movement phases, {:.1} units on average ({})",
        positions.len(),
        units as f64 / positions.len() as f64,
        input.map_or("generated mid-game, random legal orders".to_string(), |p| p.display().to_string())
    );
    println!("passes: {} (median reported; min {:.0}, max {:.0})", rates.len(), rates[0], rates[rates.len() - 1]);
    println!("adjudication: {median:.0} movement phases per second on one core ({:.2} µs per phase)", 1e6 / median);
    println!(
        "heap allocations during timed passes: {allocations} ({:.3} per adjudication)",
        allocations as f64 / (positions.len() * rates.len()) as f64
    );
    println!("checksum: {checksum}");
    Ok(0)
}

/// `legate bench games`: whole games between bots on one core, timed.
pub fn games(map_name: &str, bots: &str, count: usize, seed: u64, year_limit: u16) -> anyhow::Result<i32> {
    let map = super::load_map(map_name)?;
    let seats = super::selfplay::seats(&map, bots)?;
    let refs: Vec<&dyn legate_planner::Policy> = seats.iter().map(|b| b.as_ref()).collect();
    let mut times = Vec::new();
    let mut phases = 0usize;
    let mut solos = 0usize;
    for g in 0..count.max(1) {
        let start = Instant::now();
        let game = crate::bots::play_game(&map, map_name, &refs, seed + g as u64, year_limit, None, |_, _| {})?;
        times.push(start.elapsed().as_secs_f64());
        phases += game.phases().len();
        solos += usize::from(matches!(game.end(), Some(legate_engine::game::GameEnd::Solo(_))));
    }
    let total: f64 = times.iter().sum();
    times.sort_by(f64::total_cmp);
    let n = times.len();
    println!(
        "games: {n} ({bots}), {solos} solos, {:.1} phases per game on average (to a solo or {year_limit})",
        phases as f64 / n as f64
    );
    println!(
        "time per game on one core: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        times[n / 2] * 1e3,
        times[0] * 1e3,
        times[n - 1] * 1e3
    );
    println!("{:.0} games per minute on one core", n as f64 / total * 60.0);
    Ok(0)
}

/// `legate bench legal`: legal movement order generation for one power, on the same mid-game
/// positions as `bench adjudicate`.
pub fn legal(map_name: &str, count: usize, passes: usize, seed: u64) -> anyhow::Result<i32> {
    use legate_engine::legal::{push_movement_options, ConvoyRoutes};
    let map = super::load_map(map_name)?;
    let positions = generate(&map, count.max(1), seed);
    let mut out = Vec::with_capacity(1024);
    let mut options = 0usize;
    let mut powers = 0usize;
    let mut rates = Vec::new();
    for _ in 0..passes.max(1) {
        let start = Instant::now();
        let mut generated = 0usize;
        powers = 0;
        for p in &positions {
            let routes = ConvoyRoutes::new(&map, &p.board);
            for power in map.powers() {
                out.clear();
                let mut any = false;
                for (prov, u) in p.board.units() {
                    if u.power == power {
                        push_movement_options(&map, &p.board, &routes, prov, &mut out);
                        any = true;
                    }
                }
                generated += out.len();
                powers += usize::from(any);
            }
        }
        options = generated;
        rates.push(start.elapsed().as_secs_f64() * 1e6 / powers as f64);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "positions: {} mid-game movement phases, {:.1} options per power on average",
        positions.len(),
        options as f64 / powers as f64
    );
    println!(
        "legal order generation: {:.2} µs per power (median of {} passes; convoy routes included)",
        rates[rates.len() / 2],
        rates.len()
    );
    Ok(0)
}

/// `legate bench predict`: how well the search predicts what the other powers actually played,
/// against the raw blueprint, on recorded games.
pub fn predict(files: &[std::path::PathBuf], phases_per_game: usize, iterations: usize) -> anyhow::Result<i32> {
    use legate_engine::game::Game;
    use legate_planner::search::{Search, SearchConfig};
    /// Probability floor for an action that is not among the candidates.
    const FLOOR: f64 = 1e-4;
    let key = |map: &Map, orders: &[MainOrder]| {
        let mut k: Vec<String> = orders.iter().map(|o| Order::Main(*o).display(map).to_string()).collect();
        k.sort();
        k
    };
    let (mut n, mut ll_search, mut ll_blueprint, mut covered) = (0usize, 0.0f64, 0.0f64, 0usize);
    for path in files {
        let game = Game::resume(path, |name| Map::load(name).map_err(|e| e.to_string()))?;
        let map = game.map();
        let Some(me) =
            game.header().players.iter().find(|(_, b)| b.as_str() == "search").and_then(|(p, _)| map.power_by_name(p))
        else {
            continue;
        };
        for record in game.phases().iter().filter(|r| r.phase.ends_with('M')).take(phases_per_game) {
            let board = record.board_before.to_board(map)?;
            let config = SearchConfig { iterations, ..SearchConfig::default() };
            let mut search = Search::new(map, &board, me, config, 1);
            search.run(iterations);
            let plan = search.plan();
            for pred in plan.predicted.iter().filter(|p| p.power != me) {
                let Some(texts) = record.orders.get(map.power_name(pred.power)) else { continue };
                let actual: Vec<MainOrder> = texts
                    .iter()
                    .filter_map(|t| {
                        match Order::parse(map, t, legate_engine::board::PhaseKind::Movement, Some(&board)) {
                            Ok(Order::Main(m)) => Some(m),
                            _ => None,
                        }
                    })
                    .collect();
                let want = key(map, &actual);
                let hit = pred.actions.iter().find(|(a, ..)| key(map, a) == want);
                let (p_search, p_blueprint) =
                    hit.map_or((FLOOR, FLOOR), |(_, p, tau, _)| (p.max(FLOOR), tau.max(FLOOR)));
                n += 1;
                covered += usize::from(hit.is_some());
                ll_search += p_search.ln();
                ll_blueprint += p_blueprint.ln();
            }
        }
    }
    anyhow::ensure!(n > 0, "no movement phases of games with a search seat in the given records");
    println!("predictions: {n} (power, movement phase) pairs from {} records; the actual action was a candidate in {covered} ({:.0}%)", files.len(), 100.0 * covered as f64 / n as f64);
    println!("mean log-likelihood of the actual action: search {:.3}, blueprint anchor {:.3} (floor {FLOOR:e} when not a candidate)", ll_search / n as f64, ll_blueprint / n as f64);
    println!("retreat and adjustment phases: the search bot plays the blueprint there, so both predict alike");
    Ok(0)
}

/// `legate bench search`: default searches of mid-game movement phases from blueprint games, on
/// one thread and on all cores.
pub fn search(map_name: &str, positions: usize, iterations: usize, candidates: usize) -> anyhow::Result<i32> {
    use legate_planner::search::{candidate_count, plan, SearchConfig};
    let map = super::load_map(map_name)?;
    let blueprint = legate_planner::policy_by_name("blueprint")?;
    let seats: Vec<&dyn legate_planner::Policy> = vec![blueprint.as_ref(); map.power_count()];
    // Mid-game movement phases (1903–1906) of blueprint games.
    let mut boards = Vec::new();
    let mut seed = 1;
    while boards.len() < positions.max(1) {
        let game = crate::bots::play_game(&map, map_name, &seats, seed, 1906, None, |_, _| {})?;
        for r in game.phases() {
            if r.phase.ends_with('M')
                && r.phase[1..5].parse::<u16>().is_ok_and(|y| y >= 1903)
                && boards.len() < positions
            {
                boards.push(r.board_before.to_board(&map)?);
            }
        }
        seed += 1;
    }
    let evaluations: usize = boards
        .iter()
        .map(|b| {
            map.powers()
                .map(|p| b.units().filter(|(_, u)| u.power == p).count())
                .filter(|&u| u > 0)
                .map(|u| candidate_count(candidates, u))
                .sum::<usize>()
                * iterations
        })
        .sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut per_threads = Vec::new();
    for threads in [1, cores] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
        let start = Instant::now();
        pool.install(|| {
            for (i, b) in boards.iter().enumerate() {
                let me = map.powers().nth(i % map.power_count()).expect("powers");
                let config = SearchConfig { iterations, candidates, ..SearchConfig::default() };
                let _ = plan(&map, b, me, config, i as u64, &[]);
            }
        });
        let secs = start.elapsed().as_secs_f64();
        per_threads.push((threads, secs));
        println!(
            "{threads} thread(s): {:.3} s per search (K={candidates}, T={iterations}, L=0), {:.0} evaluations per second",
            secs / boards.len() as f64,
            evaluations as f64 / secs
        );
    }
    if let [(_, one), (n, many)] = per_threads[..] {
        println!(
            "scaling 1 → {n} threads: {:.2}× ({} mid-game positions, {:.0} evaluations per search)",
            one / many,
            boards.len(),
            evaluations as f64 / boards.len() as f64
        );
    }
    Ok(0)
}

/// `legate bench talk`: the offline writer's speed on real intents, and a full-press game.
pub fn talk(map_name: &str, year_limit: u16) -> anyhow::Result<i32> {
    use legate_dialogue::write::{OfflineWriter, WriteContext, Writer};
    use legate_planner::search::{plan, SearchConfig};
    let map = super::load_map(map_name)?;
    let board = Board::initial(&map);
    let config = SearchConfig { iterations: 64, ..SearchConfig::default() };
    let plans: Vec<_> = map.powers().map(|p| plan(&map, &board, p, config.clone(), 1, &[])).collect();
    let writer = OfflineWriter::default();
    let (mut messages, start) = (0usize, Instant::now());
    for seed in 0..200u64 {
        for plan in &plans {
            for intent in &plan.intents {
                let ctx =
                    WriteContext { map: &map, board: &board, me: plan.power, intent, heard: None, seed, pact: false };
                messages += writer.write(&ctx, 4).len();
            }
        }
    }
    let per = start.elapsed().as_secs_f64() / messages.max(1) as f64;
    println!(
        "offline writer: {messages} candidate messages for the S1901M intents of all powers, {:.1} µs per message",
        per * 1e6
    );
    let search = legate_planner::policy_by_name("search")?;
    let seats: Vec<&dyn legate_planner::Policy> = vec![search.as_ref(); map.power_count()];
    let talkers = vec![Some(SearchConfig::default()); map.power_count()];
    let start = Instant::now();
    let game = crate::bots::play_game_with_press(
        &map,
        map_name,
        &seats,
        &talkers,
        &crate::session::TalkConfig::default(),
        1,
        year_limit,
        None,
        |_, _| {},
    )?;
    let sent: usize = game.phases().iter().map(|r| r.messages.len()).sum();
    println!(
        "full-press game, seven talking search bots, 3 rounds per movement phase, to {}: {:.1} s on {} threads, {} phases, {sent} messages",
        game.board().phase,
        start.elapsed().as_secs_f64(),
        rayon::current_num_threads(),
        game.phases().len()
    );
    Ok(0)
}
