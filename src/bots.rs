//! Playing games between bots: one policy per power, one seeded generator per game.

use crate::session::{talk_phase, TalkConfig, Trust};
use legate_engine::board::PhaseKind;
use legate_engine::game::{Game, GameError, Header, PhaseRecord};
use legate_engine::map::Power;
use legate_engine::{Board, Map, Order};
use legate_planner::search::SearchConfig;
use legate_planner::Policy;
use rand::{Rng, SeedableRng};
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
    on_phase: impl FnMut(&Game, &PhaseRecord),
) -> Result<Game, GameError> {
    let silent = vec![None; seats.len()];
    play_game_with_press(map, map_name, seats, &silent, &TalkConfig::default(), seed, year_limit, out, on_phase)
}

/// The talkers who speak on `board`: in movement phases, those with units (with their search
/// settings); nobody in other phases.
pub fn speakers(map: &Map, board: &Board, talkers: &[Option<SearchConfig>]) -> Vec<(Power, SearchConfig)> {
    if board.phase.kind != PhaseKind::Movement {
        return Vec::new();
    }
    map.powers()
        .filter(|p| board.units().any(|(_, u)| u.power == *p))
        .filter_map(|p| talkers[p.index()].clone().map(|c| (p, c)))
        .collect()
}

/// Plays a game like [`play_game`] where the seats with search settings in `talkers` talk in
/// movement phases, searching with those settings
/// (full press, see [`crate::session`]): their orders come from the talk session, and every
/// message goes into the record.
#[allow(clippy::too_many_arguments)]
pub fn play_game_with_press(
    map: &Map,
    map_name: &str,
    seats: &[&dyn Policy],
    talkers: &[Option<SearchConfig>],
    talk: &TalkConfig,
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
    let mut trust = Trust::default();
    while game.end().is_none() {
        let board = game.board().clone();
        let speaking = speakers(map, &board, talkers);
        let mut orders: Vec<(Power, Order)> = Vec::new();
        if !speaking.is_empty() {
            let (talked, messages) = talk_phase(map, &board, &speaking, talk, rng.gen(), &mut trust);
            for m in messages {
                game.add_message(m);
            }
            orders.extend(talked.into_iter().flat_map(|(p, os)| os.into_iter().map(move |o| (p, Order::Main(o)))));
        }
        for p in map.powers().filter(|p| !speaking.iter().any(|(q, _)| q == p)) {
            orders.extend(seats[p.index()].sample(map, &board, p, &mut rng).into_iter().map(|o| (p, o)));
        }
        game.process(&orders)?;
        let record = game.phases().last().expect("a phase was just played");
        on_phase(&game, record);
    }
    Ok(game)
}
