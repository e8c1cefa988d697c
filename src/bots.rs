//! Playing games between bots: one policy per power, one seeded generator per game.

use legate_engine::game::{Game, GameError, Header, PhaseRecord};
use legate_engine::map::Power;
use legate_engine::{Map, Order};
use legate_planner::Policy;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::Path;

/// Plays a game to its end: `seats[i]` plays the map's i-th power. Each phase every power's
/// orders come from its policy, in power order, from one generator seeded with `seed`, so the
/// same seats and seed give the same game. The record goes to `out` when given; `on_phase` sees
/// every phase as it is played.
pub fn play_game(
    map: &Map,
    map_name: &str,
    seats: &[&dyn Policy],
    seed: u64,
    year_limit: u16,
    out: Option<&Path>,
    mut on_phase: impl FnMut(&Game, &PhaseRecord),
) -> Result<Game, GameError> {
    let mut header = Header::new(map_name);
    header.seed = Some(seed);
    header.year_limit = Some(year_limit);
    header.players =
        map.powers().map(|p| (map.power_name(p).to_string(), seats[p.index()].name().to_string())).collect();
    let mut game = match out {
        Some(path) => Game::create(map.clone(), header, path)?,
        None => Game::new(map.clone(), header),
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    while game.end().is_none() {
        let orders: Vec<(Power, Order)> = map
            .powers()
            .flat_map(|p| {
                seats[p.index()].sample(game.map(), game.board(), p, &mut rng).into_iter().map(move |o| (p, o))
            })
            .collect();
        game.process(&orders)?;
        let record = game.phases().last().expect("a phase was just played");
        on_phase(&game, record);
    }
    Ok(game)
}
