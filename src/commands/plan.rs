//! `legate plan`: what the search would do for one power at one phase of a recorded game.

use legate_engine::game::Game;
use legate_engine::Map;
use legate_planner::search::{plan, Mode, SearchConfig};
use std::path::Path;
use std::time::{Duration, Instant};

/// Search options from the command line.
pub struct PlanOptions<'a> {
    /// The game record.
    pub game: &'a Path,
    /// The phase (default: the game's current phase).
    pub phase: Option<&'a str>,
    /// The power to plan for.
    pub power: &'a str,
    /// Candidates per power.
    pub candidates: usize,
    /// Iterations.
    pub iterations: usize,
    /// Our λ.
    pub lambda: f64,
    /// Rollout phases.
    pub rollout: usize,
    /// Wall-time budget in seconds.
    pub seconds: Option<f64>,
    /// Plain regret matching instead of piKL.
    pub regret_matching: bool,
    /// Seed.
    pub seed: u64,
}

/// Runs the command.
pub fn run(o: PlanOptions<'_>) -> anyhow::Result<i32> {
    let game = Game::resume(o.game, |name| Map::load(name).map_err(|e| e.to_string()))?;
    let map = game.map();
    let board = match o.phase {
        None => game.board().clone(),
        Some(ph) => {
            let wanted = ph.to_ascii_uppercase();
            match game.phases().iter().find(|r| r.phase == wanted) {
                Some(r) => r.board_before.to_board(map)?,
                None if game.board().phase.to_string() == wanted => game.board().clone(),
                None => anyhow::bail!(
                    "{}: no phase {ph} in this game (it has {} … {})",
                    o.game.display(),
                    game.phases().first().map_or("nothing", |r| r.phase.as_str()),
                    game.board().phase
                ),
            }
        }
    };
    anyhow::ensure!(
        board.phase.kind == legate_engine::board::PhaseKind::Movement,
        "{} is not a movement phase: the search plans movement phases",
        board.phase
    );
    let power = map.power_by_name(o.power).ok_or_else(|| anyhow::anyhow!("unknown power {:?}", o.power))?;
    let config = SearchConfig {
        candidates: o.candidates,
        iterations: o.iterations,
        lambda: o.lambda,
        rollout: o.rollout,
        time_budget: o.seconds.map(Duration::from_secs_f64),
        mode: if o.regret_matching { Mode::RegretMatching } else { Mode::PiKl },
        ..SearchConfig::default()
    };
    let start = Instant::now();
    let p = plan(map, &board, power, config, o.seed, &[]);
    let elapsed = start.elapsed().as_secs_f64();
    print!("{}", p.explain(map));
    println!("searched in {elapsed:.2} s");
    Ok(0)
}
