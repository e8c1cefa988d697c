//! End to end with a real model: search bots' intents written through the real `async-openai`
//! client by a real (tiny) model on a local OpenAI-compatible server, then filtered as in a talk
//! round, and one message read back by the model.
//!
//! The last test streams a reply from the server with async-openai directly.
//!
//! Needs a server: `scripts/setup-llm.sh`, then `scripts/llm-server.sh start` (see
//! `docs/llm.md`), then
//! `LEGATE_LLM_URL=http://127.0.0.1:8089/v1 cargo test -p legate-dialogue --test llm_model -- --ignored`
//! (`LEGATE_LLM_MODEL` names the model; SmolLM2-135M-Instruct.Q4_1 by default). `.ci/run` does
//! all of this.
//!
//! The model is weak: most of what it writes reads as no claim, talks about itself, or says what
//! the intent does not hold. The test asserts that the model did answer, that its bad messages
//! were caught (fallen back, or rejected by the filters), that a message was chosen for every
//! intent written to, and that every chosen message — the model's or the offline writer's —
//! passes grounding, consistency and leakage when checked again.

mod common;

use common::small_plan;
use legate_dialogue::filter::{choose, default_filters, default_value, Consistency, Filter, FilterContext};
use legate_dialogue::filter::{Grounding, Leakage};
use legate_dialogue::llm::{LlmClient, LlmConfig, LlmReader, LlmWriter};
use legate_dialogue::press::Atom;
use legate_dialogue::read::{ReadContext, Reader};
use legate_dialogue::write::{WriteContext, WriteRequest, Writer};
use legate_engine::order::validate::check_main;
use legate_engine::{Board, Map};
use std::sync::Arc;
use std::time::Duration;

#[test]
#[ignore = "needs a model server: set LEGATE_LLM_URL (see docs/llm.md)"]
fn search_bots_write_through_a_real_model() {
    let url = std::env::var("LEGATE_LLM_URL")
        .expect("LEGATE_LLM_URL: the model server's API base, e.g. http://127.0.0.1:8089/v1");
    let model = std::env::var("LEGATE_LLM_MODEL").unwrap_or_else(|_| "SmolLM2-135M-Instruct.Q4_1".into());
    let mut config = LlmConfig::new(&url, &model);
    config.timeout = Duration::from_secs(120);
    config.max_tokens = 60;
    config.concurrency = 2;
    config.max_requests = Some(10);
    let client = Arc::new(LlmClient::new(config).expect("a valid configuration"));
    let writer = LlmWriter::new(client.clone());
    let map = Map::standard();
    let board = Board::initial(&map);
    // Two search bots, each writing to the powers whose cooperation is worth most to it.
    let plans: Vec<_> = ["FRANCE", "ENGLAND"]
        .iter()
        .enumerate()
        .map(|(i, name)| small_plan(&map, &board, map.power_by_name(name).unwrap(), 11 + i as u64))
        .collect();
    let mut contexts = Vec::new();
    for (k, plan) in plans.iter().enumerate() {
        let mut intents: Vec<_> = plan.intents.iter().collect();
        intents.sort_by(|a, b| b.our_value.total_cmp(&a.our_value));
        let me = map.power_by_name(["FRANCE", "ENGLAND"][k]).unwrap();
        for intent in intents.into_iter().take(2) {
            contexts.push(WriteContext {
                map: &map,
                board: &board,
                me,
                intent,
                heard: None,
                seed: 5 + k as u64,
                pact: false,
            });
        }
    }
    let requests: Vec<WriteRequest<'_>> = contexts.iter().map(|ctx| WriteRequest { ctx: *ctx, history: &[] }).collect();
    let written = writer.write_batch(&requests, 2);
    let stats = client.stats();
    let report = writer.report();
    assert!(stats.replies > 0, "the model answered nothing: {stats:?}");
    assert_eq!(report.requested, 2 * contexts.len() as u64);
    let mut caught = report.fallback_count();
    let mut chosen_from_model = 0;
    for (ctx, candidates) in contexts.iter().zip(written) {
        let fctx = FilterContext::new(&map, &board, ctx.me, ctx.intent, None, &[], &legate_dialogue::read::RuleReader);
        let (mut chosen, rejected) = choose(&fctx, candidates, &default_filters(), &default_value);
        caught += rejected.iter().filter(|r| writer.wrote(&r.text)).count() as u64;
        for r in &rejected {
            eprintln!("rejected: {:?} — {:?}", r.text, r.reasons);
        }
        if chosen.is_none() {
            chosen = choose(&fctx, writer.fallback().unwrap().write(ctx, 4), &default_filters(), &default_value).0;
        }
        let chosen = chosen.unwrap_or_else(|| panic!("no message passes for {:?}", ctx.intent));
        chosen_from_model += usize::from(writer.wrote(&chosen.candidate.text));
        eprintln!(
            "{} → {}: {}{}",
            map.power_name(ctx.me),
            map.power_name(ctx.intent.with),
            chosen.candidate.text,
            if writer.wrote(&chosen.candidate.text) { "  [model]" } else { "  [offline]" }
        );
        let reading = fctx.read_back(&chosen.candidate);
        for f in [&Grounding as &dyn Filter, &Consistency, &Leakage] {
            assert_eq!(f.check(&fctx, &chosen.candidate, &reading), Ok(()), "{}: {}", f.name(), chosen.candidate.text);
        }
    }
    eprintln!("{stats:?}\n{report:?}\n{chosen_from_model} of {} chosen messages were the model's", contexts.len());
    assert!(caught > 0, "a 135M model's messages are expected to need catching: {report:?}");
    // The model reads a message into JSON claims, validated against the board (or the rule
    // reader reads it when the JSON is unusable).
    let reader = LlmReader::new(client.clone());
    let (france, germany) = (map.power_by_name("FRANCE").unwrap(), map.power_by_name("GERMANY").unwrap());
    let ctx = ReadContext { map: &map, board: &board, sender: france, recipient: germany, answering: None };
    let reading =
        reader.read(&ctx, "I will move my army in Paris to Burgundy. Please move your army in Munich to the Ruhr.");
    let r = reader.report();
    assert_eq!(r.requested, 1);
    assert_eq!(r.from_model + r.fallbacks.values().sum::<u64>(), 1, "{r:?}");
    eprintln!("reader: {r:?}: {:?}", reading);
    // Whatever it read is grounded: every order is a legal order of the power said to give it.
    for atom in reading.atoms() {
        let (power, o) = match atom {
            Atom::Will(o) => (france, o),
            Atom::Propose(o) => (germany, o),
            _ => continue,
        };
        assert!(check_main(&map, &board, power, &o).is_ok(), "{atom:?} in {reading:?}");
    }
    assert!(client.stats().attempts <= 10, "the budget holds: {:?}", client.stats());
}

/// The local server streams too (`"stream": true`, server-sent events), read by async-openai's
/// stream reader: deltas that add up to a reply, then a finish reason.
#[tokio::test]
#[ignore = "needs a model server: set LEGATE_LLM_URL (see docs/llm.md)"]
async fn the_server_streams_server_sent_events() {
    use async_openai::config::OpenAIConfig;
    use async_openai::types::chat::{ChatCompletionRequestUserMessage, CreateChatCompletionRequest};
    use futures::StreamExt;
    let url = std::env::var("LEGATE_LLM_URL").expect("LEGATE_LLM_URL: the model server's API base");
    let model = std::env::var("LEGATE_LLM_MODEL").unwrap_or_else(|_| "SmolLM2-135M-Instruct.Q4_1".into());
    let client = async_openai::Client::with_config(OpenAIConfig::new().with_api_base(&url).with_api_key(""));
    let request = CreateChatCompletionRequest {
        model,
        messages: vec![ChatCompletionRequestUserMessage::from("Say hello to Germany.").into()],
        max_completion_tokens: Some(12),
        stream: Some(true),
        ..Default::default()
    };
    let mut stream = client.chat().create_stream(request).await.expect("the server accepts a streamed request");
    let (mut text, mut chunks, mut finish) = (String::new(), 0, None);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.expect("a well-formed chunk");
        for choice in chunk.choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or(""));
            finish = finish.or(choice.finish_reason);
        }
        chunks += 1;
    }
    assert!(chunks > 2 && !text.trim().is_empty(), "{chunks} chunks: {text:?}");
    assert!(finish.is_some(), "no finish reason after {text:?}");
}
