//! `legate selfplay`: a whole game with random legal orders for every power.

use crate::llm::{llm_config, TalkerLlm};
use anyhow::Context;
use legate_engine::game::{Game, GameEnd, PhaseRecord};
use std::path::{Path, PathBuf};

/// The policies for each power from `--bots`: one name for every seat, or one per power.
pub fn seats(map: &legate_engine::Map, bots: &str) -> anyhow::Result<Vec<Box<dyn legate_planner::Policy>>> {
    let names: Vec<&str> = bots.split(',').map(str::trim).collect();
    let names: Vec<&str> = match names.len() {
        1 => vec![names[0]; map.power_count()],
        n if n == map.power_count() => names,
        n => anyhow::bail!(
            "--bots {bots:?}: give one bot for every power or {} bots (one per power), not {n}",
            map.power_count()
        ),
    };
    names.into_iter().map(|n| legate_planner::policy_by_name(n).map_err(|e| anyhow::anyhow!("--bots: {e}"))).collect()
}

/// Whether bots talk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Press {
    /// No messages.
    None,
    /// Search bots talk before each movement phase (offline writer).
    Full,
}

/// Talking through a language model on an OpenAI-compatible server (with `--press full`).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct LlmArgs {
    /// Talkers write with the model on this OpenAI-compatible server (e.g.
    /// `http://127.0.0.1:8089/v1`); the offline writer stands in whenever it fails.
    #[arg(long, value_name = "URL", requires = "llm_model")]
    pub llm_base_url: Option<String>,
    /// The model's name on that server.
    #[arg(long, value_name = "NAME", requires = "llm_base_url")]
    pub llm_model: Option<String>,
    /// The environment variable holding the API key (unset: no key, as local servers need none).
    #[arg(long, value_name = "VAR", default_value = "OPENAI_API_KEY")]
    pub llm_api_key_env: String,
    /// Seconds one request may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub llm_timeout: f64,
    /// The most requests in the game; then the offline writer (and rule reader) take over.
    #[arg(long, value_name = "N")]
    pub llm_max_requests: Option<u64>,
    /// How many times a request is retried after a rate limit (429), a server error (5xx) or a
    /// transport error, waiting 0.5 s, then 1 s, 2 s….
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub llm_retries: u32,
    /// The most tokens of one reply.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub llm_max_tokens: u32,
    /// Read messages with the model too (its claims checked against the board; the rule reader
    /// stands in whenever it fails).
    #[arg(long)]
    pub llm_read: bool,
}

impl LlmArgs {
    /// The talkers' model, when a server is given.
    pub fn talker(&self) -> anyhow::Result<Option<std::sync::Arc<TalkerLlm>>> {
        let (Some(url), Some(model)) = (&self.llm_base_url, &self.llm_model) else { return Ok(None) };
        let mut config =
            llm_config(url, model, Some(&self.llm_api_key_env), Some(self.llm_timeout), self.llm_max_requests)
                .map_err(|e| anyhow::anyhow!("--llm-*: {e}"))?;
        config.max_tokens = self.llm_max_tokens;
        config.retries = self.llm_retries;
        Ok(Some(TalkerLlm::new(config, self.llm_read).map_err(|e| anyhow::anyhow!("--llm-*: {e}"))?))
    }
}

/// Runs the command.
#[allow(clippy::too_many_arguments)]
pub fn run(
    map_name: &str,
    bots: &str,
    press: Press,
    seed: u64,
    out: Option<&Path>,
    year_limit: u16,
    quiet: bool,
    llm: &LlmArgs,
) -> anyhow::Result<i32> {
    let map = super::load_map(map_name)?;
    let seats = seats(&map, bots)?;
    let model = llm.talker()?;
    if model.is_some() && press != Press::Full {
        anyhow::bail!("--llm-base-url: only talkers use a model; add --press full");
    }
    let talkers: Vec<_> = seats
        .iter()
        .map(|b| (press == Press::Full && b.name() == "search").then(legate_planner::search::SearchConfig::default))
        .collect();
    if press == Press::Full && talkers.iter().all(Option::is_none) {
        anyhow::bail!(
            "--press full: only search bots talk; give some, e.g. --bots search or --bots search,blueprint,…"
        );
    }
    let path = out.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from(format!("games/selfplay-{seed}.jsonl")));
    let refs: Vec<&dyn legate_planner::Policy> = seats.iter().map(|b| b.as_ref()).collect();
    let talk = crate::session::TalkConfig {
        llm: talkers.iter().map(|t| t.as_ref().and(model.clone())).collect(),
        ..crate::session::TalkConfig::default()
    };
    let game = crate::bots::play_game_with_press(
        &map,
        map_name,
        &refs,
        &talkers,
        &talk,
        seed,
        year_limit,
        Some(&path),
        |game, record| {
            if !quiet {
                print_phase(game, record);
            }
        },
    )
    .with_context(|| format!("playing into {}", path.display()))?;
    let map = game.map();
    let counts = game.board().center_counts();
    match game.end() {
        Some(GameEnd::Solo(p)) => {
            println!("{} wins with {} centres in {}", map.power_name(*p), counts[*p], game.board().phase)
        }
        Some(GameEnd::Draw { reason }) => println!("draw ({reason}) at {}", game.board().phase),
        None => {}
    }
    let mut standings: Vec<_> = map.powers().map(|p| (counts[p], map.power_name(p))).collect();
    standings.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (n, name) in standings {
        println!("  {name:<8} {n:>2} centres");
    }
    if let Some(model) = &model {
        println!("{}", model.summary(game.phases().iter().flat_map(|r| r.messages.iter().map(|m| m.text.as_str()))));
    }
    println!("record: {}", path.display());
    Ok(0)
}

/// Tells one phase as a story: who moved where, what bounced, who was dislodged, centre changes.
fn print_phase(game: &Game, record: &PhaseRecord) {
    println!("{}", record.phase);
    for (power, list) in &record.orders {
        let shown: Vec<String> = list
            .iter()
            .map(|o| {
                let r = record.results.iter().find(|r| &r.power == power && &r.order == o);
                match r.map(|r| (r.result.as_str(), r.reason.as_deref())) {
                    Some(("succeeds", _)) | None => o.clone(),
                    Some((_, Some(reason))) => format!("{o} ({reason})"),
                    Some((other, None)) => format!("{o} ({other})"),
                }
            })
            .collect();
        println!("  {power:<8} {}", shown.join(", "));
    }
    for d in &record.board_after.dislodged {
        println!("  {} {} is dislodged (from {})", d.power, d.unit, d.attacker_from.as_deref().unwrap_or("?"));
    }
    for m in &record.messages {
        println!("  {} → {}: {}", m.from, m.to, m.text);
    }
    for c in &record.civil_disorder {
        println!("  civil disorder: {c} removed");
    }
    let before = record.board_before.supply_centers.clone().unwrap_or_default();
    let after = record.board_after.supply_centers.clone().unwrap_or_default();
    if before != after {
        let map = game.map();
        let counts: Vec<String> = map
            .powers()
            .map(|p| {
                let n = after.get(map.power_name(p)).and_then(|v| v.as_array()).map_or(0, Vec::len);
                format!("{} {n}", map.power_name(p))
            })
            .collect();
        println!("  centres: {}", counts.join(", "));
    }
}
