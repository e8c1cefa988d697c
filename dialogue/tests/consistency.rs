//! The consistency bar at small scale: messages the offline writer writes for intents from real
//! plans (a 16-iteration search for every power on every movement phase of two blueprint
//! self-play games, 1901–1903), read back by the rule reader, recover the claims meant with
//! precision ≥ 0.98 and recall ≥ 0.95; every claim read is entailed by the intent; no message
//! fails grounding or leaks. Half the intents are answered after a simulated proposal from the
//! recipient (some of our planned orders, some other legal orders of ours, peace, a DMZ), so
//! acceptances and refusals are measured too.

mod common;

use legate_dialogue::filter::{Filter, FilterContext, Grounding, Leakage};
use legate_dialogue::intent::IntentView;
use legate_dialogue::press::{PowerSet, Press};
use legate_dialogue::read::RuleReader;
use legate_dialogue::write::{Heard, OfflineWriter, WriteContext, Writer};
use legate_engine::legal::movement_options;
use legate_engine::Map;
use legate_planner::search::Intent;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A proposal from the recipient to us: some of our planned orders, some other legal orders of
/// ours, perhaps peace and a DMZ next to one of our units.
fn proposal(
    map: &Map,
    board: &legate_engine::Board,
    me: legate_engine::map::Power,
    intent: &Intent,
    rng: &mut ChaCha8Rng,
) -> Option<Press> {
    let mut parts = Vec::new();
    for o in &intent.ours {
        let r: f64 = rng.gen();
        if r < 0.3 {
            parts.push(Press::Propose(vec![*o]));
        } else if r < 0.6 {
            let mut options = Vec::new();
            movement_options(map, board, map.province_of(o.unit().loc), &mut options);
            if let Some(a) = options.choose(rng) {
                parts.push(Press::Propose(vec![*a]));
            }
        }
    }
    let both: PowerSet = [me, intent.with].into_iter().collect();
    if rng.gen_bool(0.3) {
        parts.push(Press::Peace(both));
    }
    if let (true, Some(o)) = (rng.gen_bool(0.3), intent.ours.first()) {
        let next = map.neighbours(map.province_of(o.unit().loc)).iter().next();
        if let Some(p) = next {
            parts.push(Press::Dmz { powers: both, provinces: [p].into_iter().collect() });
        }
    }
    Press::and(parts)
}

#[test]
fn offline_messages_read_back_as_meant() {
    let map = Map::standard();
    let plans = common::plans(&map, 2, 1903);
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let (mut messages, mut replies, mut hits, mut read_total, mut meant_total) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut unentailed, mut ungrounded, mut leaks) = (Vec::new(), Vec::new(), Vec::new());
    let (mut write_time, mut read_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for (k, (board, plan)) in plans.iter().enumerate() {
        for (j, intent) in plan.intents.iter().enumerate() {
            let heard = if (k + j) % 2 == 1 {
                Some(Heard { text: String::new(), press: proposal(&map, board, plan.power, intent, &mut rng) })
            } else {
                None
            };
            let ctx = WriteContext {
                map: &map,
                board,
                me: plan.power,
                intent,
                heard: heard.as_ref(),
                seed: (k * 10 + j) as u64,
                pact: false,
            };
            let start = std::time::Instant::now();
            let candidates = OfflineWriter::default().write(&ctx, 4);
            write_time += start.elapsed();
            let answering = heard.as_ref().and_then(|h| h.press.as_ref());
            let fctx = FilterContext::new(&map, board, plan.power, intent, answering, &[], &RuleReader);
            let view = IntentView::new(&map, board, plan.power, intent);
            for c in candidates {
                messages += 1;
                replies += usize::from(answering.is_some());
                let start = std::time::Instant::now();
                let reading = fctx.read_back(&c);
                read_time += start.elapsed();
                let (read, meant) = (reading.atoms(), c.press.atoms());
                hits += read.iter().filter(|a| meant.contains(a)).count();
                read_total += read.len();
                meant_total += meant.len();
                if read.iter().any(|a| !view.entails(a)) {
                    unentailed.push(c.text.clone());
                }
                if let Err(e) = Grounding.check(&fctx, &c, &reading) {
                    ungrounded.push(format!("{} ({e})", c.text));
                }
                if let Err(e) = Leakage.check(&fctx, &c, &reading) {
                    leaks.push(format!("{} ({e})", c.text));
                }
            }
        }
    }
    let precision = hits as f64 / read_total as f64;
    let recall = hits as f64 / meant_total as f64;
    eprintln!(
        "{messages} messages ({replies} replies), {meant_total} claims meant, {read_total} read: precision {precision:.4}, \
         recall {recall:.4}; {} not entailed, {} ungrounded, {} leaking; {:.1} µs per message written, {:.1} µs \
         read",
        unentailed.len(),
        ungrounded.len(),
        leaks.len(),
        write_time.as_secs_f64() * 1e6 / messages as f64,
        read_time.as_secs_f64() * 1e6 / messages as f64
    );
    assert!(messages >= 200, "{messages} messages");
    assert!(replies >= 100, "{replies} replies");
    assert!(precision >= 0.98, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
    assert!(unentailed.is_empty(), "{unentailed:#?}");
    assert!(ungrounded.is_empty(), "{ungrounded:#?}");
    assert!(leaks.is_empty(), "{leaks:#?}");
}
