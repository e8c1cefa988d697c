//! Criterion benchmark of movement adjudication on mid-game positions from seeded random games
//! (the same kind of positions as `legate bench adjudicate`).

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use legate_engine::adjudicate::Adjudicator;
use legate_engine::board::PhaseKind;
use legate_engine::game::advance;
use legate_engine::legal::{random_movement, random_orders};
use legate_engine::map::Power;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Movement phases from 1903 on, each with a random legal order for every unit.
fn positions(map: &Map, count: usize) -> Vec<(Board, Vec<(Power, MainOrder)>)> {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut adj = Adjudicator::new();
    let mut out = Vec::new();
    while out.len() < count {
        let mut board = Board::initial(map);
        while board.phase.year < 1912 && out.len() < count {
            if board.phase.kind == PhaseKind::Movement && board.phase.year >= 1903 {
                let mut orders = Vec::new();
                random_movement(map, &board, &mut rng, &mut orders);
                out.push((board.clone(), orders));
            }
            let orders = random_orders(map, &board, &mut rng);
            let processed = board.phase;
            let mut after = legate_engine::adjudicate::phase(map, &mut adj, &board, &orders).board;
            advance(map, processed, &mut after);
            board = after;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let map = Map::standard();
    let positions = positions(&map, 500);
    let mut adj = Adjudicator::new();
    let mut group = c.benchmark_group("adjudicate");
    group.throughput(Throughput::Elements(positions.len() as u64));
    group.bench_function("movement_500_midgame", |b| {
        b.iter(|| {
            let mut succeeded = 0;
            for (board, orders) in &positions {
                succeeded += adj.movement(&map, board, orders).results.iter().filter(|r| r.succeeded()).count();
            }
            succeeded
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
