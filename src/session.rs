//! Full-press movement phases: talking search bots plan, write to each other, read what they
//! are told, replan warm-started, and commit to orders.
//!
//! Each round, every talker plans (its search, with the evidence it has read so far) and writes
//! to every power it has something to say to: in the first round, powers whose plausible action
//! is worth more to us than our expected value (cooperative value); in later rounds, powers that
//! wrote to it in the round before (answers). Candidates come from the talker's writer — the
//! offline writer, or a language model ([`crate::llm::TalkerLlm`]) with the offline writer behind it — a
//! round's messages written in one batch (a model's requests run concurrently), and pass the
//! filters (grounding, consistency, leakage, repetition), the survivors ranked by the planner's
//! counterfactual (`legate_dialogue::rank`); when none passes, the writer's fallback
//! (the offline writer, for a model) gets its turn. Then every message is read by its recipient
//! (if it talks; with its model when it reads with one), turned into evidence weighted by how far
//! the sender kept its word before, and the recipient's search runs on warm. A talker plays the orders of the plan it
//! wrote its last messages from, so its final-round claims are true; a talker that said nothing
//! plays its final plan. Trust is updated from the share of each sender's own-order claims it kept.
//!
//! Deals make talk change play: in the first round a talker proposes to another talker its best
//! deal ([`Search::deal`]: a joint action both value above what they expect without it) and is
//! bound to its part; after each round, a talker accepts a proposal when, by its own model, the
//! best of its actions amended to give what was asked is worth at least its expected value
//! ([`Search::answer_proposal`]), and is then bound to that action (so it answers "Deal"). A
//! proposer whose partner did not accept is released. A bound talker plays its bound orders.
//!
//! Peace makes talkers safe from each other: after its first search, each talker offers peace to
//! every other talker it trusts ([`PEACE_TRUST`](peace::PEACE_TRUST)) and does not mean to attack (less than
//! [`PEACE_MAX_ATTACK`](peace::PEACE_MAX_ATTACK) of its policy moves into the other's units or centres); when both offer,
//! both are bound for the phase ([`Search::bind`]: none of their actions moves into the other's
//! units or centres), each expects the same of the other as far as it trusts it, replans
//! warm-started, and writes to the other in the first round, saying the peace when its intent
//! allows it.

pub mod peace;
mod talker;

use crate::llm::TalkerLlm;
use legate_dialogue::filter::{choose, default_filters, default_value, Chosen, Exchange, Filter, FilterContext};
use legate_dialogue::press::{Atom, Press};
use legate_dialogue::rank::counterfactual_value;
use legate_dialogue::read::{ReadContext, Reader, Reading, RuleReader};
use legate_dialogue::write::{Candidate, Heard, OfflineWriter, WriteContext, WriteRequest, Writer};
use legate_engine::game::Message;
use legate_engine::map::{Power, MAX_POWERS};
use legate_engine::order::MainOrder;
use legate_engine::{Board, Map, Order};
use legate_planner::search::{Claim, Plan, Search, SearchConfig};
use peace::{keep_peace, pacts};
use std::sync::Arc;
use talker::Talker;

/// How talkers talk.
#[derive(Clone, Debug)]
pub struct TalkConfig {
    /// Talk rounds per movement phase.
    pub rounds: usize,
    /// Candidate messages written per message sent.
    pub candidates: usize,
    /// Search iterations run after reading a round's messages (warm start).
    pub warm_iterations: usize,
    /// Talkers that write (and perhaps read) with a language model, by power index; the others,
    /// and all when this is empty, use the offline writer and the rule reader.
    pub llm: Vec<Option<Arc<TalkerLlm>>>,
    /// Talkers that make no peace. The others keep peace with every talker they trust and that
    /// trusts them ([`PEACE_TRUST`](peace::PEACE_TRUST)) when neither means to attack the other
    /// ([`PEACE_MAX_ATTACK`](peace::PEACE_MAX_ATTACK)): neither moves into the other's units or centres, and each expects
    /// that of the other.
    pub no_peace: Vec<Power>,
}

impl Default for TalkConfig {
    fn default() -> Self {
        TalkConfig {
            rounds: 3,
            candidates: 4,
            warm_iterations: SearchConfig::default().iterations / 8,
            llm: Vec::new(),
            no_peace: Vec::new(),
        }
    }
}

/// Candidates for a round's `requests`, each written by `writers[i]`: one batch per distinct
/// writer, so a model's requests run together.
fn write_round(requests: &[WriteRequest<'_>], writers: &[&dyn Writer], n: usize) -> Vec<Vec<Candidate>> {
    let mut out: Vec<Vec<Candidate>> = vec![Vec::new(); requests.len()];
    let mut done = vec![false; requests.len()];
    for i in 0..requests.len() {
        if done[i] {
            continue;
        }
        let same: Vec<usize> = (i..requests.len()).filter(|&j| std::ptr::addr_eq(writers[j], writers[i])).collect();
        let batch: Vec<WriteRequest<'_>> = same.iter().map(|&j| requests[j]).collect();
        for (j, candidates) in same.into_iter().zip(writers[i].write_batch(&batch, n)) {
            out[j] = candidates;
            done[j] = true;
        }
    }
    out
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
    let mut talking: Vec<Talker> = talkers
        .iter()
        .map(|(p, search)| {
            let p = *p;
            let mut s = Search::new(map, board, p, search.clone(), seed ^ ((p.index() as u64 + 1) * 0x9e37_79b9));
            s.run(search.iterations);
            Talker::new(p, s)
        })
        .collect();
    // Peace between talkers that mean no attack on each other; each bound talker replans.
    let searches: Vec<&Search> = talking.iter().map(|t| &t.search).collect();
    let partners = pacts(map, board, talkers, &searches, &config.no_peace, trust);
    for (t, partners) in talking.iter_mut().zip(partners) {
        if !partners.is_empty() {
            keep_peace(&mut t.search, t.power, &partners, trust);
            t.search.run(config.warm_iterations);
        }
        t.partners = partners;
    }
    let powers: Vec<Power> = talkers.iter().map(|(p, _)| *p).collect();
    let offline = OfflineWriter::default();
    let llm = |p: Power| config.llm.get(p.index()).and_then(Option::as_ref);
    let writer_of = |p: Power| -> &dyn Writer { llm(p).map_or(&offline, |l| &l.writer) };
    let reader_of = |p: Power| -> &dyn Reader { llm(p).and_then(|l| l.reader.as_ref()).map_or(&RuleReader, |r| r) };
    let filters = default_filters();
    let mut history: Vec<Exchange> = Vec::new();
    let mut sent: Vec<Sent> = Vec::new();
    let talks = |p: Power| powers.iter().position(|q| *q == p);
    let between = |history: &[Exchange], me: Power, to: Power| -> Vec<Exchange> {
        history.iter().filter(|e| (e.from == me && e.to == to) || (e.from == to && e.to == me)).cloned().collect()
    };
    for round in 0..config.rounds {
        let round_start = sent.len();
        let mut plans: Vec<Plan> = talking.iter_mut().map(Talker::plan).collect();
        if round == 0 {
            for (t, plan) in talking.iter_mut().zip(&mut plans) {
                t.propose_deal(&powers, round, plan);
            }
        }
        // Who writes to whom this round (talker, intent), and what the recipient said last round.
        let mut jobs: Vec<(usize, usize, Option<Heard>)> = Vec::new();
        for (k, t) in talking.iter().enumerate() {
            for (i, intent) in plans[k].intents.iter().enumerate() {
                let to = intent.with;
                // What `to` said to us last round, if anything: we answer it.
                let heard_msg = sent[..round_start].iter().rev().find(|m| m.from == to && m.to == t.power);
                // In the first round: powers whose cooperation is worth something to us, and
                // partners in peace (the pact is said).
                let cooperative = round == 0 && (intent.our_value > plans[k].value || t.partners.contains(&to));
                if heard_msg.is_none() && !cooperative {
                    continue;
                }
                jobs.push((k, i, heard_msg.map(|m| Heard { text: m.candidate.text.clone(), press: m.read.clone() })));
            }
        }
        let contexts: Vec<WriteContext<'_>> = jobs
            .iter()
            .map(|(k, i, heard)| {
                let (me, intent) = (powers[*k], &plans[*k].intents[*i]);
                let seed = seed ^ ((round as u64) << 40) ^ ((me.index() as u64) << 20) ^ intent.with.index() as u64;
                let pact = talking[*k].partners.contains(&intent.with);
                WriteContext { map, board, me, intent, heard: heard.as_ref(), seed, pact }
            })
            .collect();
        let earlier: Vec<Vec<Exchange>> =
            jobs.iter().map(|&(k, i, _)| between(&history, powers[k], plans[k].intents[i].with)).collect();
        let requests: Vec<WriteRequest<'_>> =
            contexts.iter().zip(&earlier).map(|(ctx, h)| WriteRequest { ctx: *ctx, history: h }).collect();
        let writers: Vec<&dyn Writer> = jobs.iter().map(|&(k, _, _)| writer_of(powers[k])).collect();
        let written = write_round(&requests, &writers, config.candidates);
        let mut wrote_claims = vec![false; talking.len()];
        for (((job, ctx), candidates), writer) in jobs.iter().zip(&contexts).zip(written).zip(&writers) {
            let (k, me, intent, heard) = (job.0, ctx.me, ctx.intent, ctx.heard);
            let to = intent.with;
            let exchanged = between(&history, me, to);
            let fctx = FilterContext::new(
                map,
                board,
                me,
                intent,
                heard.and_then(|h| h.press.as_ref()),
                &exchanged,
                &RuleReader,
            );
            let chosen = choose_message(&fctx, &plans[k], candidates, &filters, *writer, ctx, config.candidates);
            let Some(chosen) = chosen else { continue };
            wrote_claims[k] |= talking[k].said(&chosen.candidate.press, to, round);
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
        for ((t, plan), wrote) in talking.iter_mut().zip(plans).zip(wrote_claims) {
            if wrote {
                t.commit(plan);
            }
        }
        // Deliver this round's messages: talkers read them and replan, warm-started.
        let (earlier, this_round) = sent.split_at_mut(round_start);
        for m in this_round {
            let Some(k) = talks(m.to) else { continue };
            // The sender answered what the recipient had said before this round, if anything.
            let answering = earlier.iter().rev().find(|e| e.from == m.to && e.to == m.from).map(|e| &e.candidate.press);
            let rctx = ReadContext { map, board, sender: m.from, recipient: m.to, answering };
            let reading = reader_of(m.to).read(&rctx, &m.candidate.text);
            if let Some(press) = &reading.press {
                let mut evidence = press.evidence(map, board, m.from, trust.0[m.to.index()][m.from.index()]);
                // A partner's word of peace is already in (see `keep_peace`).
                if talking[k].partners.contains(&m.from) {
                    evidence.claims.retain(|c| *c != Claim::Peace(m.to));
                }
                if !evidence.claims.is_empty() {
                    talking[k].search.add_evidence(&evidence);
                }
            }
            m.read = reading.press;
        }
        let this_round = &sent[round_start..];
        for t in &mut talking {
            if this_round.iter().any(|m| m.to == t.power) {
                t.search.run(config.warm_iterations);
            }
        }
        // Proposals, then the deals proposed last round.
        for m in this_round {
            if let (Some(k), Some(press)) = (talks(m.to), &m.read) {
                talking[k].consider(m.from, press);
            }
        }
        for t in &mut talking {
            let me = t.power;
            t.settle(round, |with| {
                this_round
                    .iter()
                    .filter(|m| m.from == with && m.to == me)
                    .filter_map(|m| m.read.as_ref())
                    .flat_map(Press::atoms)
                    .collect()
            });
        }
    }
    let orders: Vec<(Power, Vec<MainOrder>)> = talking.iter_mut().map(|t| (t.power, t.orders())).collect();
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
                trust.record(m.to, m.from, k);
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
                by: Some(m.candidate.by.as_str().to_string()),
            }
        })
        .collect();
    (orders, messages)
}

/// Chooses the message to send among `candidates` (written by `writer` from `ctx`): the filters,
/// then the planner's counterfactual ranking (our value once the recipient leans toward what the
/// message asks, from `plan`); when none passes, `writer`'s fallback writes `n` more.
fn choose_message(
    fctx: &FilterContext<'_>,
    plan: &Plan,
    candidates: Vec<Candidate>,
    filters: &[Box<dyn Filter>],
    writer: &dyn Writer,
    ctx: &WriteContext<'_>,
    n: usize,
) -> Option<Chosen> {
    let counterfactual = plan.responses.iter().find(|r| r.power == ctx.intent.with).map(counterfactual_value);
    let value = |c: &FilterContext<'_>, candidate: &Candidate, r: &Reading| match &counterfactual {
        Some(v) => v(c, candidate, r),
        None => default_value(c, candidate, r),
    };
    let (chosen, _rejections) = choose(fctx, candidates, filters, &value);
    match (chosen, writer.fallback()) {
        (None, Some(fallback)) => choose(fctx, fallback.write(ctx, n), filters, &value).0,
        (chosen, _) => chosen,
    }
}

/// An outside participant (the human player), who does not talk in rounds, as a bot sees it.
pub struct Outsider<'a> {
    /// Its power.
    pub me: Power,
    /// Everything it wrote to the bot this phase, oldest first.
    pub heard: &'a [String],
    /// The bot's last message to it, which its messages answer (so "deal" accepts what the bot
    /// proposed).
    pub answering: Option<&'a str>,
}

/// A talking bot's answer to an outside participant: the bot reads everything `outsider` wrote
/// to it this phase with its reader (its model's, or the rule reader), turns it into evidence
/// weighted by its trust in the sender, searches with `search` from scratch, and writes back from
/// its new plan's intent for the sender — its own part replaced by `orders`, the orders it settled
/// on in the talk rounds and keeps, so that nothing it told anyone becomes untrue (its writer from
/// `talk`, default filters, candidates ranked by the planner's counterfactual, the offline writer
/// as fallback). Returns the reply, if the plan has something to say.
#[allow(clippy::too_many_arguments)]
pub fn answer_outsider(
    map: &Map,
    board: &Board,
    bot: Power,
    search: &SearchConfig,
    orders: &[MainOrder],
    talk: &TalkConfig,
    outsider: &Outsider<'_>,
    trust: &Trust,
    seed: u64,
) -> Option<Message> {
    let Outsider { me: outsider, heard, answering } = *outsider;
    let llm = talk.llm.get(bot.index()).and_then(|l| l.as_deref());
    let offline = OfflineWriter::default();
    let writer: &dyn Writer = llm.map_or(&offline, |l| &l.writer);
    let reader: &dyn Reader = llm.and_then(|l| l.reader.as_ref()).map_or(&RuleReader, |r| r);
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
    let mut intent = plan.intents.iter().find(|i| i.with == outsider)?.clone();
    intent.ours = orders.to_vec();
    let intent = &intent;
    let last = Heard { text: heard.last().cloned().unwrap_or_default(), press: last_read };
    let ctx = WriteContext { map, board, me: bot, intent, heard: Some(&last), seed, pact: false };
    let candidates = writer.write(&ctx, talk.candidates);
    let fctx = FilterContext::new(map, board, bot, intent, last.press.as_ref(), &[], &RuleReader);
    let chosen = choose_message(&fctx, &plan, candidates, &default_filters(), writer, &ctx, talk.candidates);
    chosen.map(|c| Message {
        from: map.power_name(bot).to_string(),
        to: map.power_name(outsider).to_string(),
        text: c.candidate.text,
        press: Some(c.candidate.press.display(map).to_string()),
        intent: Some(format!("ours: {}; theirs: {}", action_text(map, &intent.ours), action_text(map, &intent.theirs))),
        read: None,
        kept: None,
        round: None,
        by: Some(c.candidate.by.as_str().to_string()),
    })
}

impl Trust {
    /// `reader`'s trust in `sender` after `sender` kept the share `kept` of its claims: an
    /// exponential average (weight 0.3 on the new share). A share outside [0, 1] (from a
    /// hand-edited record) counts as its nearest bound; one that is not a number, not at all.
    pub fn record(&mut self, reader: Power, sender: Power, kept: f64) {
        if kept.is_nan() {
            return;
        }
        let t = &mut self.0[reader.index()][sender.index()];
        *t = 0.7 * *t + 0.3 * kept.clamp(0.0, 1.0);
    }

    /// The trust reached after the recorded `messages` (oldest first): each message whose kept
    /// share was scored moves the recipient's trust in the sender as [`talk_phase`] does, so a
    /// resumed game's bots trust as they did before the break.
    pub fn replay<'a>(map: &Map, messages: impl IntoIterator<Item = &'a Message>) -> Trust {
        let mut trust = Trust::default();
        for m in messages {
            if let (Some(k), Some(to), Some(from)) = (m.kept, map.power_by_name(&m.to), map.power_by_name(&m.from)) {
                trust.record(to, from, k);
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

#[cfg(test)]
mod trust_tests {
    use super::*;

    #[test]
    fn a_hand_edited_kept_share_is_clamped_or_ignored() {
        let map = Map::standard();
        let (france, germany) = (map.power_by_name("FRANCE").unwrap(), map.power_by_name("GERMANY").unwrap());
        // Germany's trust in France after one message of France's whose kept share is `kept`.
        let replayed = |kept: f64| {
            let mut m = Message::new("FRANCE", "GERMANY", "x");
            m.kept = Some(kept);
            Trust::replay(&map, std::iter::once(&m)).0[germany.index()][france.index()]
        };
        assert_eq!(replayed(7.0), replayed(1.0));
        assert_eq!(replayed(-3.0), replayed(0.0));
        assert!(replayed(1.0) > replayed(0.0));
        assert_eq!(replayed(f64::NAN), Trust::default().0[germany.index()][france.index()]);
    }
}

#[cfg(test)]
mod outsider_tests {
    use super::*;
    use legate_engine::board::PhaseKind;

    /// A bot answering the player claims only the orders it settled on in the talk rounds, however
    /// its new search would rather play.
    #[test]
    fn an_answer_to_the_player_claims_only_the_orders_the_bot_keeps() {
        let map = Map::standard();
        let board = Board::initial(&map);
        let (england, france) = (map.power_by_name("ENGLAND").unwrap(), map.power_by_name("FRANCE").unwrap());
        let order = |t: &str| match Order::parse(&map, t, PhaseKind::Movement, Some(&board)).unwrap() {
            Order::Main(o) => o,
            other => panic!("{other:?}"),
        };
        let search = SearchConfig { iterations: 32, ..SearchConfig::default() };
        let heard = vec!["Hello England. What are your plans for the Channel?".to_string()];
        // The Will claims of the bot's replies over a few seeds, each checked against `kept`.
        let claims_keeping = |kept: &[MainOrder]| -> usize {
            let mut claims = 0;
            for seed in 0..6 {
                let outsider = Outsider { me: france, heard: &heard, answering: None };
                let talk = TalkConfig::default();
                let reply =
                    answer_outsider(&map, &board, england, &search, kept, &talk, &outsider, &Trust::default(), seed);
                let Some(reply) = reply else { continue };
                let press = Press::parse(&map, reply.press.as_deref().unwrap()).unwrap();
                for atom in press.atoms() {
                    if let Atom::Will(o) = atom {
                        claims += 1;
                        assert!(kept.contains(&o), "{:?} claims {o:?}, not among the orders it keeps", reply.text);
                    }
                }
            }
            claims
        };
        // Kept orders that its search would not choose (the fleet stays in London): never claimed otherwise.
        claims_keeping(&[order("F LON H"), order("F EDI H"), order("A LVP H")]);
        // Kept orders that concern France are told.
        let claims = claims_keeping(&[order("F LON - ENG"), order("F EDI H"), order("A LVP H")]);
        assert!(claims > 0, "the bot told the player something about its orders");
    }
}

#[cfg(test)]
mod deal_tests {
    use super::*;
    use legate_engine::board::{Phase, PhaseKind, Unit};
    use legate_engine::map::UnitKind;
    use legate_engine::order::validate::check_main;

    /// Germany (silent) holds Munich and Berlin; France (A BUR, F BAL) and Austria (A TYR,
    /// A PRU) each border both, but each can strike only one of them and support the other's
    /// strike at the other: France takes Munich with Austria's support from Tyrolia while Austria
    /// takes Berlin with France's support from the Baltic, or neither takes anything.
    fn two_strikes(map: &Map) -> Board {
        let mut b = Board::empty("S1902M".parse::<Phase>().unwrap());
        let units = [
            ("FRANCE", UnitKind::Army, "BUR"),
            ("FRANCE", UnitKind::Fleet, "BAL"),
            ("AUSTRIA", UnitKind::Army, "TYR"),
            ("AUSTRIA", UnitKind::Army, "PRU"),
            ("GERMANY", UnitKind::Army, "MUN"),
            ("GERMANY", UnitKind::Army, "BER"),
        ];
        for (power, kind, loc) in units {
            let power = map.power_by_name(power).unwrap();
            b.place(map, Unit { power, kind, loc: map.parse_location(loc).unwrap() }).unwrap();
        }
        for (power, centres) in
            [("FRANCE", ["PAR", "BRE", "MAR"]), ("AUSTRIA", ["VIE", "BUD", "TRI"]), ("GERMANY", ["MUN", "BER", "KIE"])]
        {
            for c in centres {
                b.set_owner(map.province_by_name(c).unwrap(), Some(map.power_by_name(power).unwrap()));
            }
        }
        b
    }

    #[test]
    fn two_talkers_agree_on_a_deal_and_both_play_it() {
        let map = Map::standard();
        let board = two_strikes(&map);
        let power = |name: &str| map.power_by_name(name).unwrap();
        let order = |power: Power, text: &str| match Order::parse(&map, text, PhaseKind::Movement, Some(&board)) {
            Ok(Order::Main(o)) => check_main(&map, &board, power, &o).unwrap(),
            other => panic!("{text}: {other:?}"),
        };
        let (france, austria) = (power("FRANCE"), power("AUSTRIA"));
        let (strike_mun, back_mun) = (order(france, "A BUR - MUN"), order(austria, "A TYR S A BUR - MUN"));
        let (strike_ber, back_ber) = (order(austria, "A PRU - BER"), order(france, "F BAL S A PRU - BER"));
        let search = SearchConfig::default();
        for seed in [11, 13] {
            // Alone, neither backs the other.
            for (p, backing) in [(france, back_ber), (austria, back_mun)] {
                let mut alone = Search::new(&map, &board, p, search.clone(), seed);
                alone.run(search.iterations);
                assert!(!alone.plan().orders.contains(&backing), "seed {seed}: {} backs alone", map.power_name(p));
            }
            let talkers = vec![(france, search.clone()), (austria, search.clone())];
            let (orders, messages) =
                talk_phase(&map, &board, &talkers, &TalkConfig::default(), seed, &mut Trust::default());
            let played = |p: Power| orders.iter().find(|(q, _)| *q == p).map(|(_, o)| o.clone()).unwrap();
            for (p, part) in [(france, [strike_mun, back_ber]), (austria, [strike_ber, back_mun])] {
                assert!(
                    part.iter().all(|o| played(p).contains(o)),
                    "seed {seed}: {} plays {:?}",
                    map.power_name(p),
                    played(p)
                );
            }
            // The backing was proposed, and accepted as read back by the proposer.
            let yes = |from: &str, o: MainOrder| {
                let accepted = Atom::Yes(Box::new(Atom::Propose(o)));
                messages.iter().any(|m| {
                    m.from == from
                        && m.read
                            .as_deref()
                            .and_then(|r| Press::parse(&map, r).ok())
                            .is_some_and(|p| p.atoms().contains(&accepted))
                })
            };
            assert!(yes("AUSTRIA", back_mun) || yes("FRANCE", back_ber), "seed {seed}: no backing was accepted");
        }
    }
}

#[cfg(test)]
mod peace_tests {
    use super::peace::{attack_share, pacts, PEACE_MAX_ATTACK, PEACE_TRUST};
    use super::*;
    use legate_engine::board::{Phase, Unit};
    use legate_engine::map::UnitKind;

    /// France (A BUR, A RUH) next to a lone German army in Munich, a German centre: France takes
    /// it with support when nothing stops it.
    fn munich(map: &Map) -> Board {
        let mut b = Board::empty("F1902M".parse::<Phase>().unwrap());
        for (power, loc) in [("FRANCE", "BUR"), ("FRANCE", "RUH"), ("GERMANY", "MUN")] {
            let power = map.power_by_name(power).unwrap();
            b.place(map, Unit { power, kind: UnitKind::Army, loc: map.parse_location(loc).unwrap() }).unwrap();
        }
        for (power, centre) in [("FRANCE", "PAR"), ("FRANCE", "BRE"), ("FRANCE", "MAR"), ("GERMANY", "MUN")] {
            b.set_owner(map.province_by_name(centre).unwrap(), Some(map.power_by_name(power).unwrap()));
        }
        b
    }

    /// A first search for each of `talkers` (default settings, its own seed), before any pact.
    fn searches(map: &Map, board: &Board, talkers: &[(Power, SearchConfig)]) -> Vec<Search> {
        talkers
            .iter()
            .map(|(p, c)| {
                let mut s = Search::new(map, board, *p, c.clone(), 3);
                s.run(c.iterations);
                s
            })
            .collect()
    }

    /// France means to take Munich: it promises Germany no peace, and takes it.
    #[test]
    fn a_talker_that_means_to_attack_makes_no_peace() {
        let map = Map::standard();
        let board = munich(&map);
        let (france, germany) = (map.power_by_name("FRANCE").unwrap(), map.power_by_name("GERMANY").unwrap());
        let talkers = vec![(france, SearchConfig::default()), (germany, SearchConfig::default())];
        let started = searches(&map, &board, &talkers);
        assert!(attack_share(&map, &board, &started[0], germany) >= PEACE_MAX_ATTACK);
        let partners = pacts(&map, &board, &talkers, &started.iter().collect::<Vec<_>>(), &[], &Trust::default());
        assert!(partners.iter().all(Vec::is_empty), "no pact: {partners:?}");
        let (orders, messages) = talk_phase(&map, &board, &talkers, &TalkConfig::default(), 5, &mut Trust::default());
        let mun = map.province_by_name("MUN").unwrap();
        let french = &orders.iter().find(|(p, _)| *p == france).unwrap().1;
        assert!(french.iter().any(|o| matches!(o, MainOrder::Move { to, .. } if map.province_of(*to) == mun)));
        assert!(!said_peace(&map, &messages, france, germany), "France does not promise peace");
    }

    /// Whether `from` told `to` of peace between them in `messages`.
    fn said_peace(map: &Map, messages: &[Message], from: Power, to: Power) -> bool {
        messages.iter().any(|m| {
            m.from == map.power_name(from)
                && m.to == map.power_name(to)
                && m.press.as_deref().and_then(|p| Press::parse(map, p).ok()).is_some_and(|p| {
                    p.atoms().iter().any(|a| *a == Atom::Peace(from, to) || *a == Atom::Peace(to, from))
                })
        })
    }

    /// At the start, France and Germany mean no attack on each other: trusting each other, they
    /// keep peace and say so; a talker that makes no peace, or one distrusted, has no pact.
    #[test]
    fn talkers_that_mean_no_attack_keep_peace_and_say_so() {
        let map = Map::standard();
        let board = Board::initial(&map);
        let (france, germany) = (map.power_by_name("FRANCE").unwrap(), map.power_by_name("GERMANY").unwrap());
        let talkers = vec![(france, SearchConfig::default()), (germany, SearchConfig::default())];
        let started = searches(&map, &board, &talkers);
        let partners = pacts(&map, &board, &talkers, &started.iter().collect::<Vec<_>>(), &[], &Trust::default());
        assert_eq!(partners, vec![vec![germany], vec![france]]);
        let (_, messages) = talk_phase(&map, &board, &talkers, &TalkConfig::default(), 5, &mut Trust::default());
        assert!(said_peace(&map, &messages, france, germany) && said_peace(&map, &messages, germany, france));
        assert!(pacts(&map, &board, &talkers, &started.iter().collect::<Vec<_>>(), &[france], &Trust::default())
            .iter()
            .all(Vec::is_empty));
        let mut wary = Trust::default();
        wary.0[germany.index()][france.index()] = PEACE_TRUST / 2.0;
        assert!(pacts(&map, &board, &talkers, &started.iter().collect::<Vec<_>>(), &[], &wary)
            .iter()
            .all(Vec::is_empty));
    }
}
