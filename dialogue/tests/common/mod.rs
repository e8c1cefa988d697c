//! Boards and plans from blueprint self-play, and a France–Germany setup, shared by the
//! dialogue tests.

#![allow(dead_code)] // each test file uses some of these

use legate_engine::board::PhaseKind;
use legate_engine::game::{Game, Header};
use legate_engine::map::Power;
use legate_engine::{Board, Map, Order};
use legate_planner::policy_by_name;
use legate_planner::search::{plan, Plan, SearchConfig};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The movement-phase boards of a blueprint self-play game, through `last_year`.
pub fn boards(map: &Map, seed: u64, last_year: u16) -> Vec<Board> {
    let bot = policy_by_name("blueprint").unwrap();
    let mut game = Game::new(map.clone(), Header::new("standard"));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::new();
    while game.end().is_none() && game.board().phase.year <= last_year {
        if game.board().phase.kind == PhaseKind::Movement {
            out.push(game.board().clone());
        }
        let orders: Vec<(Power, Order)> = map
            .powers()
            .flat_map(|p| bot.sample(game.map(), game.board(), p, &mut rng).into_iter().map(move |o| (p, o)))
            .collect();
        game.process(&orders).unwrap();
    }
    out
}

/// A small search's plan for `power` (16 iterations, 8 candidates per power).
pub fn small_plan(map: &Map, board: &Board, power: Power, seed: u64) -> Plan {
    let config = SearchConfig { iterations: 16, candidates: 8, ..SearchConfig::default() };
    plan(map, board, power, config, seed, &[])
}

/// Plans for every power with units on every board of `games` self-play games through `last_year`.
pub fn plans(map: &Map, games: u64, last_year: u16) -> Vec<(Board, Plan)> {
    let mut out = Vec::new();
    for g in 0..games {
        for (i, board) in boards(map, 100 + g, last_year).into_iter().enumerate() {
            for p in map.powers() {
                if board.units().any(|(_, u)| u.power == p) {
                    let plan = small_plan(map, &board, p, g * 1000 + i as u64 * 10 + p.0 as u64);
                    out.push((board.clone(), plan));
                }
            }
        }
    }
    out
}

/// France and Germany on the initial board, with an intent from France to Germany: France
/// takes Burgundy (supported from Marseilles) and sails to the Mid-Atlantic; Germany is asked to
/// move to the Ruhr, Kiel and Denmark.
pub struct Setup {
    /// The standard map.
    pub map: Map,
    /// The initial board.
    pub board: Board,
    /// France.
    pub france: Power,
    /// Germany.
    pub germany: Power,
    /// France's intent for Germany.
    pub intent: legate_planner::search::Intent,
}

impl Setup {
    /// The writing context of France's message to Germany from the intent, answering `heard`,
    /// with `seed`, under no pact.
    pub fn context<'a>(
        &'a self,
        heard: Option<&'a legate_dialogue::write::Heard>,
        seed: u64,
    ) -> legate_dialogue::write::WriteContext<'a> {
        legate_dialogue::write::WriteContext {
            map: &self.map,
            board: &self.board,
            me: self.france,
            intent: &self.intent,
            heard,
            seed,
            pact: false,
        }
    }
}

/// The France–Germany setup.
pub fn setup() -> Setup {
    let map = Map::standard();
    let board = Board::initial(&map);
    let (france, germany) = (map.power_by_name("FRANCE").unwrap(), map.power_by_name("GERMANY").unwrap());
    let o = |t: &str| order(&map, &board, t);
    let intent = legate_planner::search::Intent {
        with: germany,
        ours: vec![o("A PAR - BUR"), o("A MAR S A PAR - BUR"), o("F BRE - MAO")],
        theirs: vec![o("A MUN - RUH"), o("A BER - KIE"), o("F KIE - DEN")],
        their_probability: 0.2,
        our_value: 0.3,
    };
    Setup { map, board, france, germany, intent }
}

/// A movement order parsed on `board`.
pub fn order(map: &Map, board: &Board, text: &str) -> legate_engine::order::MainOrder {
    match Order::parse(map, text, PhaseKind::Movement, Some(board)).unwrap() {
        Order::Main(o) => o,
        other => panic!("{text:?} is not a movement order: {other:?}"),
    }
}
