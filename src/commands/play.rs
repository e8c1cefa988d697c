//! `legate play`: play one power against bots, typing orders in the terminal.
//!
//! A plain line-based front-end until the full-screen UI lands: each phase shows the board and
//! your units; you type orders one per line (any reasonable form: `a par - bur`, `Paris to
//! Burgundy`, `F BRE S F MAO`), each checked at once; an empty line ends the phase (unordered
//! units hold). The game is recorded after every phase and `--resume` continues it.

use anyhow::Context;
use legate_engine::board::PhaseKind;
use legate_engine::game::{Game, GameEnd, Header};
use legate_engine::map::Power;
use legate_engine::order::validate::{check_adjustment, check_main, check_retreat};
use legate_engine::{Board, Map, Order};
use legate_planner::Policy;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Options of `legate play`.
pub struct PlayOptions<'a> {
    /// Map name or file.
    pub map: &'a str,
    /// The power the human plays.
    pub power: &'a str,
    /// Seed of the bots.
    pub seed: u64,
    /// Record file.
    pub out: Option<&'a Path>,
    /// Record to continue.
    pub resume: Option<&'a Path>,
    /// Year limit.
    pub year_limit: u16,
    /// The bot every other power plays.
    pub bot: &'a str,
}

/// The bots' orders for the current phase: every seat but the human's plays its policy.
fn bot_orders(
    map: &Map,
    board: &Board,
    seats: &[Option<Box<dyn Policy>>],
    rng: &mut ChaCha8Rng,
) -> Vec<(Power, Order)> {
    map.powers()
        .filter_map(|p| seats[p.index()].as_ref().map(|bot| (p, bot)))
        .flat_map(|(p, bot)| bot.sample(map, board, p, rng).into_iter().map(move |o| (p, o)))
        .collect()
}

fn show(game: &Game, me: Power) {
    let (map, board) = (game.map(), game.board());
    let counts = board.center_counts();
    println!("\n=== {} ===", board.phase);
    for p in map.powers() {
        let units: Vec<String> = board
            .units()
            .filter(|(_, u)| u.power == p)
            .map(|(_, u)| format!("{} {}", u.kind.letter(), map.loc_name(u.loc)))
            .collect();
        let marker = if p == me { "*" } else { " " };
        println!("{marker}{:<8} {:>2} centres  {}", map.power_name(p), counts[p], units.join(", "));
    }
    match board.phase.kind {
        PhaseKind::Movement => {
            println!("Your orders, one per line (e.g. `A PAR - BUR`, `F BRE S F MAO`); empty line when done:")
        }
        PhaseKind::Retreat => {
            for d in board.dislodged.iter().filter(|d| d.unit.power == me) {
                let opts: Vec<String> = d.retreats.iter().map(|l| map.loc_name(l).to_string()).collect();
                println!(
                    "dislodged {} {}: retreat to {} or disband",
                    d.unit.kind.letter(),
                    map.loc_name(d.unit.loc),
                    if opts.is_empty() { "nowhere".into() } else { opts.join(", ") }
                );
            }
            println!("Your retreats (`F TRI R ALB`, `F TRI D`); empty line when done:");
        }
        PhaseKind::Adjustment => {
            let d = board.adjustments()[me];
            println!("You may build {} / must remove {} (`A PAR B`, `F STP/NC B`, `A PAR D`, `WAIVE`); empty line when done:", d.max(0), (-d).max(0));
        }
    }
}

/// Runs the command.
pub fn run(opts: PlayOptions<'_>) -> anyhow::Result<i32> {
    let mut game = match opts.resume {
        Some(path) => Game::resume(path, |name| Map::load(name).map_err(|e| e.to_string()))?,
        None => {
            let map = super::load_map(opts.map)?;
            let me = map.power_by_name(opts.power).ok_or_else(|| {
                anyhow::anyhow!(
                    "unknown power {:?}: choose one of {}",
                    opts.power,
                    map.powers().map(|p| map.power_name(p).to_string()).collect::<Vec<_>>().join(", ")
                )
            })?;
            let path = opts.out.map(Path::to_path_buf).unwrap_or_else(|| {
                PathBuf::from(format!("games/play-{}-{}.jsonl", map.power_name(me).to_lowercase(), opts.seed))
            });
            let mut header = Header::new(opts.map);
            header.seed = Some(opts.seed);
            header.year_limit = Some(opts.year_limit);
            header.players = map
                .powers()
                .map(|p| (map.power_name(p).to_string(), if p == me { "human" } else { opts.bot }.to_string()))
                .collect();
            Game::create(map, header, &path).with_context(|| format!("creating {}", path.display()))?
        }
    };
    let me_name = game
        .header()
        .players
        .iter()
        .find(|(_, v)| v.as_str() == "human")
        .map(|(k, _)| k.clone())
        .unwrap_or_else(|| opts.power.to_string());
    let me = game.map().power_by_name(&me_name).ok_or_else(|| anyhow::anyhow!("the record has no human power"))?;
    let seats: Vec<Option<Box<dyn Policy>>> = game
        .map()
        .powers()
        .map(|p| match game.header().players.get(game.map().power_name(p)).map(String::as_str) {
            Some("human") => Ok(None),
            Some(name) => legate_planner::policy_by_name(name).map(Some),
            None => legate_planner::policy_by_name(opts.bot).map(Some),
        })
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // The bots' generator continues from the number of phases played, so a resumed game stays reproducible.
    let mut rng = ChaCha8Rng::seed_from_u64(game.header().seed.unwrap_or(opts.seed) ^ game.phases().len() as u64);
    println!("You are {}. Record: {}", me_name, game.path().map(|p| p.display().to_string()).unwrap_or_default());
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while game.end().is_none() {
        show(&game, me);
        let mut mine: Vec<(Power, Order)> = Vec::new();
        loop {
            print!("> ");
            std::io::stdout().flush()?;
            let Some(line) = lines.next().transpose()? else {
                println!(
                    "\n(input closed; the game is saved — continue with `legate play --resume {}`)",
                    game.path().map(|p| p.display().to_string()).unwrap_or_default()
                );
                return Ok(0);
            };
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            let (map, board) = (game.map(), game.board());
            match Order::parse(map, line, board.phase.kind, Some(board)) {
                Err(e) => println!("  ✗ {e}"),
                Ok(order) => {
                    let checked = match order {
                        Order::Main(o) if board.phase.kind == PhaseKind::Movement => {
                            check_main(map, board, me, &o).map(|_| ())
                        }
                        Order::Retreat(o) if board.phase.kind == PhaseKind::Retreat => {
                            check_retreat(map, board, me, &o).map(|_| ())
                        }
                        Order::Adjustment(o) if board.phase.kind == PhaseKind::Adjustment => {
                            check_adjustment(map, board, me, &o).map(|_| ())
                        }
                        _ => Err(legate_engine::order::validate::OrderError::WrongPhase),
                    };
                    match checked {
                        Ok(()) => {
                            println!("  ✓ {}", order.display(map));
                            mine.push((me, order));
                        }
                        Err(e) => println!("  ✗ {}: {e}", order.display(map)),
                    }
                }
            }
        }
        if game.board().phase.kind == PhaseKind::Movement {
            let (map, board) = (game.map(), game.board());
            let idle: Vec<String> = board
                .units()
                .filter(|(p, u)| {
                    u.power == me && !mine.iter().any(|(_, o)| o.unit().is_some_and(|r| map.province_of(r.loc) == *p))
                })
                .map(|(_, u)| format!("{} {}", u.kind.letter(), map.loc_name(u.loc)))
                .collect();
            if !idle.is_empty() {
                println!("  (no order for {}: they hold)", idle.join(", "));
            }
        }
        let mut orders = bot_orders(game.map(), game.board(), &seats, &mut rng);
        orders.extend(mine);
        let record = game.process(&orders)?;
        for r in record.results.iter().filter(|r| r.power == me_name) {
            println!(
                "  {} — {}{}",
                r.order,
                r.result,
                r.reason.as_ref().map(|x| format!(" ({x})")).unwrap_or_default()
            );
        }
    }
    let map = game.map();
    match game.end() {
        Some(GameEnd::Solo(p)) => println!("{} wins.", map.power_name(*p)),
        Some(GameEnd::Draw { reason }) => println!("The game ends in a draw ({reason})."),
        None => {}
    }
    Ok(0)
}
