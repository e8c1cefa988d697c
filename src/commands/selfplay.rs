//! `legate selfplay`: a whole game with random legal orders for every power.

use anyhow::Context;
use legate_engine::game::{Game, GameEnd, Header};
use legate_engine::legal::random_orders;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};

/// Runs the command.
pub fn run(map_name: &str, seed: u64, out: Option<&Path>, year_limit: u16, quiet: bool) -> anyhow::Result<i32> {
    let map = super::load_map(map_name)?;
    let path = out.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(format!("games/selfplay-{seed}.jsonl")));
    let mut header = Header::new(map_name);
    header.seed = Some(seed);
    header.year_limit = Some(year_limit);
    header.players = map.powers().map(|p| (map.power_name(p).to_string(), "random".to_string())).collect();
    let mut game = Game::create(map, header, &path).with_context(|| format!("creating {}", path.display()))?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    while game.end().is_none() {
        let orders = random_orders(game.map(), game.board(), &mut rng);
        let record = game.process(&orders)?;
        if !quiet {
            println!("{}", record.phase);
            for (power, list) in &record.orders {
                let shown: Vec<String> = list
                    .iter()
                    .map(|o| {
                        let r = record.results.iter().find(|r| &r.power == power && &r.order == o);
                        match r.map(|r| r.result.as_str()) {
                            Some("succeeds") | None => o.clone(),
                            Some(other) => format!("{o} ({other})"),
                        }
                    })
                    .collect();
                println!("  {power:<8} {}", shown.join(", "));
            }
            for c in &record.civil_disorder {
                println!("  civil disorder: {c} removed");
            }
        }
    }
    let map = game.map();
    let counts = game.board().center_counts();
    match game.end() {
        Some(GameEnd::Solo(p)) => {
            println!("{} wins with {} centres in {}", map.power_name(*p), counts[*p], game.board().phase)
        }
        Some(GameEnd::Draw { reason }) => println!("draw ({reason}) at {}", game.board().phase),
        None => {}
    }
    let mut standings: Vec<_> = map.powers().map(|p| (counts[p], map.power_name(p))).collect();
    standings.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (n, name) in standings {
        println!("  {name:<8} {n:>2} centres");
    }
    println!("record: {}", path.display());
    Ok(0)
}
