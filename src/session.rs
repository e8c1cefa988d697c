//! Full-press movement phases: talking search bots plan, write to each other, read what they
//! are told, replan warm-started, and commit to orders.
//!
//! Each round, every talker plans (its search, with the evidence it has read so far) and writes
//! to every power it has something to say to: in the first round, powers whose plausible action
//! is worth more to us than our expected value (cooperative value); in later rounds, powers that
//! wrote to it in the round before (answers). Candidates come from the offline writer and pass the
//! filters (grounding, consistency, leakage, repetition). Then every message is read by its
//! recipient (if it talks), turned into evidence weighted by how far the sender kept its word
//! before, and the recipient's search runs on warm. A talker plays the orders of the plan it
//! wrote its last messages from, so its final-round claims are true; a talker that said nothing
//! plays its final plan. Trust is updated from the share of each sender's own-order claims it kept.

use legate_dialogue::filter::{choose, default_filters, default_value, Exchange, FilterContext};
use legate_dialogue::press::{Atom, Press};
use legate_dialogue::read::{ReadContext, Reader, RuleReader};
use legate_dialogue::write::{Heard, OfflineWriter, WriteContext, Writer};
use legate_engine::game::Message;
use legate_engine::map::{Power, MAX_POWERS};
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map, Order};
use legate_planner::search::{Plan, Search, SearchConfig};

/// How talkers talk.
#[derive(Clone, Debug)]
pub struct TalkConfig {
    /// Talk rounds per movement phase.
    pub rounds: usize,
    /// Candidate messages written per message sent.
    pub candidates: usize,
    /// Search iterations run after reading a round's messages (warm start).
    pub warm_iterations: usize,
}

impl Default for TalkConfig {
    fn default() -> Self {
        TalkConfig { rounds: 3, candidates: 4, warm_iterations: SearchConfig::default().iterations / 8 }
    }
}

/// How far each power trusts each other power's word, in [0, 1]: `trust[reader][sender]`.
#[derive(Clone, Debug)]
pub struct Trust(pub [[f64; MAX_POWERS]; MAX_POWERS]);

impl Default for Trust {
    fn default() -> Self {
        Trust([[0.8; MAX_POWERS]; MAX_POWERS])
    }
}

/// A message sent in a phase, with what the session needs to score it afterwards.
struct Sent {
    round: usize,
    from: Power,
    to: Power,
    candidate: legate_dialogue::write::Candidate,
    intent: String,
    read: Option<Press>,
}

fn action_text(map: &Map, action: &[MainOrder]) -> String {
    action.iter().map(|o| Order::Main(*o).display(map).to_string()).collect::<Vec<_>>().join(", ")
}

/// Plays the talk of one movement phase among `talkers`, each with its own search settings; returns each talker's orders and the
/// messages (with press, intent, what was read, and the share of own-order claims kept).
pub fn talk_phase(
    map: &Map,
    board: &Board,
    talkers: &[(Power, SearchConfig)],
    config: &TalkConfig,
    seed: u64,
    trust: &mut Trust,
) -> (Vec<(Power, Vec<MainOrder>)>, Vec<Message>) {
    let mut searches: Vec<Search> = talkers
        .iter()
        .map(|(p, search)| {
            let p = *p;
            let mut s = Search::new(map, board, p, search.clone(), seed ^ ((p.index() as u64 + 1) * 0x9e37_79b9));
            s.run(search.iterations);
            s
        })
        .collect();
    let writer = OfflineWriter::default();
    let reader = RuleReader;
    let filters = default_filters();
    let mut history: Vec<Exchange> = Vec::new();
    let mut sent: Vec<Sent> = Vec::new();
    let mut last_plan: Vec<Option<Plan>> = vec![None; talkers.len()];
    let mut committed: Vec<Option<Vec<MainOrder>>> = vec![None; talkers.len()];
    for round in 0..config.rounds {
        let round_start = sent.len();
        for (k, &(me, _)) in talkers.iter().enumerate() {
            let plan = searches[k].plan();
            let mut wrote_claims = false;
            for intent in &plan.intents {
                let to = intent.with;
                // What `to` said to us last round, if anything: we answer it.
                let heard_msg = sent[..round_start].iter().rev().find(|m| m.from == to && m.to == me);
                let cooperative = round == 0 && intent.our_value > plan.value;
                if heard_msg.is_none() && !cooperative {
                    continue;
                }
                let heard = heard_msg.map(|m| Heard { text: m.candidate.text.clone(), press: m.read.clone() });
                let ctx = WriteContext {
                    map,
                    board,
                    me,
                    intent,
                    heard: heard.as_ref(),
                    seed: seed ^ ((round as u64) << 40) ^ ((me.index() as u64) << 20) ^ to.index() as u64,
                };
                let candidates = writer.write(&ctx, config.candidates);
                let between: Vec<Exchange> = history
                    .iter()
                    .filter(|e| (e.from == me && e.to == to) || (e.from == to && e.to == me))
                    .cloned()
                    .collect();
                let fctx = FilterContext::new(
                    map,
                    board,
                    me,
                    intent,
                    heard.as_ref().and_then(|h| h.press.as_ref()),
                    &between,
                    &reader,
                );
                let (chosen, _rejections) = choose(&fctx, candidates, &filters, &default_value);
                let Some(chosen) = chosen else { continue };
                wrote_claims |= chosen.candidate.press.atoms().iter().any(|a| matches!(a, Atom::Will(_)));
                history.push(Exchange {
                    from: me,
                    to,
                    text: chosen.candidate.text.clone(),
                    press: Some(chosen.candidate.press.clone()),
                });
                sent.push(Sent {
                    round,
                    from: me,
                    to,
                    candidate: chosen.candidate,
                    intent: format!(
                        "ours: {}; theirs: {}",
                        action_text(map, &intent.ours),
                        action_text(map, &intent.theirs)
                    ),
                    read: None,
                });
            }
            if wrote_claims {
                committed[k] = Some(plan.orders.clone());
            }
            last_plan[k] = Some(plan);
        }
        // Deliver this round's messages: talkers read them and replan, warm-started.
        let (earlier, this_round) = sent.split_at_mut(round_start);
        for m in this_round {
            let Some(k) = talkers.iter().position(|(p, _)| *p == m.to) else { continue };
            // The sender answered what the recipient had said before this round, if anything.
            let answering = earlier.iter().rev().find(|e| e.from == m.to && e.to == m.from).map(|e| &e.candidate.press);
            let rctx = ReadContext { map, board, sender: m.from, recipient: m.to, answering };
            let reading = reader.read(&rctx, &m.candidate.text);
            if let Some(press) = &reading.press {
                let evidence = press.evidence(map, board, m.from, trust.0[m.to.index()][m.from.index()]);
                if !evidence.claims.is_empty() {
                    searches[k].add_evidence(&evidence);
                }
            }
            m.read = reading.press;
        }
        for (k, s) in searches.iter_mut().enumerate() {
            if sent[round_start..].iter().any(|m| m.to == talkers[k].0) {
                s.run(config.warm_iterations);
            }
        }
    }
    let orders: Vec<(Power, Vec<MainOrder>)> = talkers
        .iter()
        .enumerate()
        .map(|(k, &(p, _))| {
            let orders = committed[k].clone().unwrap_or_else(|| searches[k].plan().orders);
            (p, orders)
        })
        .collect();
    // Score the claims and update trust.
    let messages = sent
        .into_iter()
        .map(|m| {
            let claims: Vec<MainOrder> = m
                .candidate
                .press
                .atoms()
                .into_iter()
                .filter_map(|a| match a {
                    Atom::Will(o) => Some(o),
                    _ => None,
                })
                .collect();
            let played = orders.iter().find(|(p, _)| *p == m.from).map(|(_, o)| o.as_slice()).unwrap_or(&[]);
            let kept = (!claims.is_empty())
                .then(|| claims.iter().filter(|c| played.contains(c)).count() as f64 / claims.len() as f64);
            if let Some(k) = kept {
                let t = &mut trust.0[m.to.index()][m.from.index()];
                *t = 0.7 * *t + 0.3 * k;
            }
            Message {
                from: map.power_name(m.from).to_string(),
                to: map.power_name(m.to).to_string(),
                text: m.candidate.text,
                press: Some(m.candidate.press.display(map).to_string()),
                intent: Some(m.intent),
                read: m.read.map(|p| p.display(map).to_string()),
                kept,
                round: Some(m.round as u32),
            }
        })
        .collect();
    (orders, messages)
}

/// A talking bot's answer to an outside participant (the human player), who does not talk in
/// rounds: the bot reads everything `outsider` wrote to it this phase (`heard`, oldest first)
/// with the rule reader, as answers to the bot's last message to them (`answering`, so "deal"
/// accepts what it proposed), turns it into evidence weighted by its trust in the sender, searches
/// with `search` from scratch, and writes back from its new plan's intent for the sender (offline
/// writer, default filters), when the plan has one. Returns the new plan's orders, which the bot
/// then plays (so what it tells the player is true), and the reply, if any.
#[allow(clippy::too_many_arguments)]
pub fn answer_outsider(
    map: &Map,
    board: &Board,
    bot: Power,
    search: &SearchConfig,
    outsider: Power,
    heard: &[String],
    answering: Option<&str>,
    trust: &Trust,
    seed: u64,
) -> (Vec<MainOrder>, Option<Message>) {
    let reader = RuleReader;
    let ours = answering.and_then(|text| {
        let rctx = ReadContext { map, board, sender: bot, recipient: outsider, answering: None };
        reader.read(&rctx, text).press
    });
    let mut s = Search::new(map, board, bot, search.clone(), seed);
    let mut last_read = None;
    for text in heard {
        let rctx = ReadContext { map, board, sender: outsider, recipient: bot, answering: ours.as_ref() };
        let reading = reader.read(&rctx, text);
        if let Some(press) = &reading.press {
            let evidence = press.evidence(map, board, outsider, trust.0[bot.index()][outsider.index()]);
            if !evidence.claims.is_empty() {
                s.add_evidence(&evidence);
            }
        }
        last_read = reading.press;
    }
    s.run(search.iterations);
    let plan = s.plan();
    let Some(intent) = plan.intents.iter().find(|i| i.with == outsider) else { return (plan.orders, None) };
    let last = Heard { text: heard.last().cloned().unwrap_or_default(), press: last_read };
    let ctx = WriteContext { map, board, me: bot, intent, heard: Some(&last), seed };
    let candidates = OfflineWriter::default().write(&ctx, TalkConfig::default().candidates);
    let fctx = FilterContext::new(map, board, bot, intent, last.press.as_ref(), &[], &reader);
    let (chosen, _rejections) = choose(&fctx, candidates, &default_filters(), &default_value);
    let reply = chosen.map(|c| Message {
        from: map.power_name(bot).to_string(),
        to: map.power_name(outsider).to_string(),
        text: c.candidate.text,
        press: Some(c.candidate.press.display(map).to_string()),
        intent: Some(format!("ours: {}; theirs: {}", action_text(map, &intent.ours), action_text(map, &intent.theirs))),
        read: None,
        kept: None,
        round: None,
    });
    (plan.orders, reply)
}

impl Trust {
    /// The trust reached after the recorded `messages` (oldest first): each message whose kept
    /// share was scored moves the recipient's trust in the sender as [`talk_phase`] does, so a
    /// resumed game's bots trust as they did before the break.
    pub fn replay<'a>(map: &Map, messages: impl IntoIterator<Item = &'a Message>) -> Trust {
        let mut trust = Trust::default();
        for m in messages {
            if let (Some(k), Some(to), Some(from)) = (m.kept, map.power_by_name(&m.to), map.power_by_name(&m.from)) {
                let t = &mut trust.0[to.index()][from.index()];
                *t = 0.7 * *t + 0.3 * k;
            }
        }
        trust
    }
}

#[cfg(test)]
mod replay_tests {
    use super::*;

    #[test]
    fn replaying_a_phases_messages_gives_the_trust_the_talk_left() {
        let map = Map::standard();
        let board = Board::initial(&map);
        let search = SearchConfig { iterations: 16, ..SearchConfig::default() };
        let talkers: Vec<(Power, SearchConfig)> = map.powers().map(|p| (p, search.clone())).collect();
        let mut trust = Trust::default();
        let (_, messages) = talk_phase(&map, &board, &talkers, &TalkConfig::default(), 7, &mut trust);
        assert!(messages.iter().any(|m| m.kept.is_some()), "some claims were scored");
        let replayed = Trust::replay(&map, &messages);
        assert_eq!(replayed.0, trust.0);
        assert_ne!(replayed.0, Trust::default().0);
    }
}
