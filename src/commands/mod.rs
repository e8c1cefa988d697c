//! One module per `legate` subcommand.

pub mod adjudicate;
pub mod analyze;
pub mod bench;
pub mod datc;
pub mod export;
pub mod plan;
pub mod play;
pub mod selfplay;
pub mod tournament;

use anyhow::Context;
use legate_engine::Map;

/// Loads the map named by `--map`, with an error that names it.
pub fn load_map(name: &str) -> anyhow::Result<Map> {
    Map::load(name).with_context(|| format!("loading map {name:?}"))
}
