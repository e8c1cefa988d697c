//! `legate export`: a game record in another tool's format.

use legate_engine::game::Game;
use std::path::Path;

/// Writes the MILA saved-game JSON of a record.
pub fn run(game: &Path, out: Option<&Path>) -> anyhow::Result<i32> {
    let g = Game::resume(game, |name| legate_engine::Map::load(name).map_err(|e| e.to_string()))?;
    let value = legate_engine::mila::export(g.map(), g.header(), g.phases());
    let text = serde_json::to_string(&value)?;
    match out {
        Some(p) => std::fs::write(p, text + "\n").map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
        None => println!("{text}"),
    }
    Ok(0)
}
