//! Criterion benchmark of movement adjudication on mid-game positions from seeded random games
//! (the same kind of positions as `legate bench adjudicate`).

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use legate_engine::adjudicate::Adjudicator;
use legate_engine::legal::{random_midgame_boards, random_movement};
use legate_engine::map::Power;
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Movement phases from 1903 on, each with a random legal order for every unit.
fn positions(map: &Map, count: usize) -> Vec<(Board, Vec<(Power, MainOrder)>)> {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    random_midgame_boards(map, 1, 1903, count)
        .into_iter()
        .map(|board| {
            let mut orders = Vec::new();
            random_movement(map, &board, &mut rng, &mut orders);
            (board, orders)
        })
        .collect()
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
