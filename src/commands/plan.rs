//! `legate plan`: what the search would do for one power at one phase of a recorded game.

use legate_engine::game::Game;
use legate_engine::Map;
use legate_planner::search::{plan, Mode, SearchConfig};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Options of `legate plan`.
#[derive(clap::Args)]
pub struct PlanArgs {
    /// The game record.
    pub game: PathBuf,
    /// The phase, e.g. F1903M (default: the game's current phase).
    #[arg(long)]
    pub phase: Option<String>,
    /// The power to plan for.
    #[arg(long)]
    pub power: String,
    /// Candidate actions per power (K).
    #[arg(long, default_value_t = 30)]
    pub candidates: usize,
    /// Search iterations (T).
    #[arg(long, default_value_t = 256)]
    pub iterations: usize,
    /// Our λ (KL weight toward the blueprint).
    #[arg(long, default_value_t = 3e-3)]
    pub lambda: f64,
    /// Blueprint phases rolled out before evaluating (L).
    #[arg(long, default_value_t = 0)]
    pub rollout: usize,
    /// Refinements (predict → plan → predict) within the iterations: at each, every power's best
    /// response to the others' likeliest play joins its candidates.
    #[arg(long, default_value_t = 1)]
    pub refinements: usize,
    /// Stop after this many seconds.
    #[arg(long)]
    pub seconds: Option<f64>,
    /// Plain regret matching instead of piKL-Hedge (no anchor).
    #[arg(long)]
    pub regret_matching: bool,
    /// Seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Runs the command.
pub fn run(o: &PlanArgs) -> anyhow::Result<i32> {
    let game = Game::resume(&o.game, |name| Map::load(name).map_err(|e| e.to_string()))?;
    let map = game.map();
    let board = match o.phase.as_deref() {
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
    let power = map.power_by_name(&o.power).ok_or_else(|| anyhow::anyhow!("unknown power {:?}", o.power))?;
    let config = SearchConfig {
        candidates: o.candidates,
        iterations: o.iterations,
        lambda: o.lambda,
        rollout: o.rollout,
        refinements: o.refinements,
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
