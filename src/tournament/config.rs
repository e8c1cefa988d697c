//! Bots and the `--config` file: named bots with parameters, and defaults for the tournament's
//! options.
//!
//! ```toml
//! games = 100
//! lineup = "cool=1,random=6"
//! seed = 7            # optional
//! year_limit = 1930   # optional
//!
//! [bots.cool]
//! policy = "blueprint"
//! temperature = 0.05
//!
//! [bots.quick]
//! policy = "search"
//! candidates = 20     # K
//! iterations = 64     # T
//! lambda = 0.003      # our λ
//! rollout = 0         # L
//! refinements = 1     # predict → plan → predict rounds
//! seconds = 1.5       # wall-time budget per search
//!
//! [bots.chatty]
//! policy = "search"
//! press = "full"
//! llm_base_url = "http://127.0.0.1:8089/v1"   # write with this model (offline writer behind it)
//! llm_model = "SmolLM2-135M-Instruct.Q4_1"
//! llm_api_key_env = "OPENAI_API_KEY"          # optional (the default)
//! llm_timeout = 30                            # optional: seconds per request
//! llm_max_requests = 200                      # optional: per seat and game
//! llm_read = false                            # optional: read messages with the model too
//! peace = true                                # optional: keep peace with talkers it trusts
//! ```

use crate::llm::llm_config;
use anyhow::Context;
use legate_dialogue::llm::LlmConfig;
use legate_planner::policy::blueprint::Blueprint;
use legate_planner::policy::search::SearchPolicy;
use legate_planner::search::SearchConfig;
use legate_planner::Policy;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A tournament configuration file. Every key is optional; command-line options win over it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Number of games.
    pub games: Option<u64>,
    /// The line-up, as for `--lineup`.
    pub lineup: Option<String>,
    /// The tournament seed.
    pub seed: Option<u64>,
    /// Games end in a draw after this year.
    pub year_limit: Option<u16>,
    /// Named bots, by name.
    #[serde(default)]
    pub bots: BTreeMap<String, BotDef>,
}

/// A bot: a policy and its parameters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotDef {
    /// The policy (`random`, `hold`, `blueprint`, `search`).
    pub policy: String,
    /// The blueprint's softmax temperature (`blueprint` only; its default when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    /// Search: candidates per power (K).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidates: Option<usize>,
    /// Search: iterations (T).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<usize>,
    /// Search: our λ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lambda: Option<f64>,
    /// Search: blueprint phases rolled out before evaluating (L).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<usize>,
    /// Search: refinements (predict → plan → predict) within the iterations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refinements: Option<usize>,
    /// Search: wall-time budget per search, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// Search: `"full"` to talk before every movement phase, `"none"` (the default) to stay silent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub press: Option<String>,
    /// Talker: write with the model on this OpenAI-compatible server (with `llm_model`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_base_url: Option<String>,
    /// Talker: the model's name on that server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_model: Option<String>,
    /// Talker: the environment variable holding the API key (`OPENAI_API_KEY` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_api_key_env: Option<String>,
    /// Talker: seconds one request may take (30 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_timeout: Option<f64>,
    /// Talker: the most requests per game (no limit by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_max_requests: Option<u64>,
    /// Talker: read messages with the model too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm_read: Option<bool>,
    /// Talker: keep peace with the other talkers it trusts (true by default; see
    /// [`crate::session::peace`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peace: Option<bool>,
}

impl BotDef {
    /// The definition of a built-in bot name (a policy with default parameters), with every
    /// parameter spelled out; `None` for an unknown name.
    pub fn builtin(name: &str) -> Option<BotDef> {
        legate_planner::policy_by_name(name).ok()?;
        BotDef { policy: name.to_string(), ..BotDef::default() }.resolved().ok()
    }

    /// Checks the definition and fills in default parameters; the error names the offending key
    /// (relative to the bot's table).
    pub fn resolved(&self) -> Result<BotDef, String> {
        legate_planner::policy_by_name(&self.policy).map_err(|e| format!("policy: {e}"))?;
        let temperature = match (self.policy.as_str(), self.temperature) {
            ("blueprint", None) => Some(Blueprint::default().temperature),
            ("blueprint", Some(t)) if t.is_finite() && t > 0.0 => Some(t),
            ("blueprint", Some(t)) => return Err(format!("temperature: must be a positive number, not {t}")),
            (_, None) => None,
            (other, Some(_)) => {
                return Err(format!("temperature: only the blueprint takes a temperature, not {other:?}"))
            }
        };
        let search = self.policy == "search";
        let defaults = SearchConfig::default();
        let only_search = |key: &str, given: bool| -> Result<(), String> {
            if given && !search {
                Err(format!("{key}: only the search takes a {key}, not {:?}", self.policy))
            } else {
                Ok(())
            }
        };
        only_search("candidates", self.candidates.is_some())?;
        only_search("iterations", self.iterations.is_some())?;
        only_search("lambda", self.lambda.is_some())?;
        only_search("rollout", self.rollout.is_some())?;
        only_search("refinements", self.refinements.is_some())?;
        only_search("seconds", self.seconds.is_some())?;
        only_search("press", self.press.is_some())?;
        if let Some(p) = self.press.as_deref().filter(|p| !matches!(*p, "full" | "none")) {
            return Err(format!("press: \"full\" or \"none\", not {p:?}"));
        }
        if self.candidates == Some(0) {
            return Err("candidates: must be at least 1".into());
        }
        if self.iterations == Some(0) {
            return Err("iterations: must be at least 1".into());
        }
        if let Some(l) = self.lambda.filter(|l| !l.is_finite() || *l < 0.0) {
            return Err(format!("lambda: must be a number ≥ 0, not {l}"));
        }
        if let Some(t) = self.seconds.filter(|t| !t.is_finite() || *t <= 0.0) {
            return Err(format!("seconds: must be a positive number, not {t}"));
        }
        self.llm_config()?;
        if self.peace.is_some() && !self.talks() {
            return Err("peace: only talkers (press = \"full\") make peace".into());
        }
        let pick = |v: Option<usize>, d: usize| search.then_some(v.unwrap_or(d));
        Ok(BotDef {
            policy: self.policy.clone(),
            temperature,
            candidates: pick(self.candidates, defaults.candidates),
            iterations: pick(self.iterations, defaults.iterations),
            lambda: search.then_some(self.lambda.unwrap_or(defaults.lambda)),
            rollout: pick(self.rollout, defaults.rollout),
            refinements: pick(self.refinements, defaults.refinements),
            seconds: self.seconds,
            press: self.press.clone().filter(|p| p == "full"),
            llm_base_url: self.llm_base_url.clone(),
            llm_model: self.llm_model.clone(),
            llm_api_key_env: self.llm_api_key_env.clone(),
            llm_timeout: self.llm_timeout,
            llm_max_requests: self.llm_max_requests,
            llm_read: self.llm_read,
            peace: self.peace,
        })
    }

    /// The policy this definition describes (a resolved definition).
    pub fn policy(&self) -> Box<dyn Policy> {
        match (self.policy.as_str(), self.temperature) {
            ("blueprint", Some(temperature)) => Box::new(Blueprint { temperature }),
            ("search", _) => Box::new(SearchPolicy { config: self.search_config() }),
            (name, _) => legate_planner::policy_by_name(name).expect("resolved definitions name known policies"),
        }
    }
}

impl BotDef {
    /// The search parameters this definition gives (defaults for the others).
    pub fn search_config(&self) -> SearchConfig {
        let d = SearchConfig::default();
        SearchConfig {
            candidates: self.candidates.unwrap_or(d.candidates),
            iterations: self.iterations.unwrap_or(d.iterations),
            lambda: self.lambda.unwrap_or(d.lambda),
            rollout: self.rollout.unwrap_or(d.rollout),
            refinements: self.refinements.unwrap_or(d.refinements),
            time_budget: self.seconds.map(std::time::Duration::from_secs_f64),
            ..d
        }
    }

    /// Whether the bot talks (full press).
    pub fn talks(&self) -> bool {
        self.press.as_deref() == Some("full")
    }

    /// The talker's model settings and whether it reads with the model, when it has one; the
    /// error names the offending key.
    pub fn llm_config(&self) -> Result<Option<(LlmConfig, bool)>, String> {
        let given = [
            ("llm_base_url", self.llm_base_url.is_some()),
            ("llm_model", self.llm_model.is_some()),
            ("llm_api_key_env", self.llm_api_key_env.is_some()),
            ("llm_timeout", self.llm_timeout.is_some()),
            ("llm_max_requests", self.llm_max_requests.is_some()),
            ("llm_read", self.llm_read.is_some()),
        ];
        let Some((key, _)) = given.iter().find(|(_, g)| *g) else { return Ok(None) };
        if !self.talks() {
            return Err(format!("{key}: only talkers (press = \"full\") use a model"));
        }
        let (Some(url), Some(model)) = (&self.llm_base_url, &self.llm_model) else {
            return Err(format!("{key}: give both llm_base_url and llm_model"));
        };
        let config = llm_config(url, model, self.llm_api_key_env.as_deref(), self.llm_timeout, self.llm_max_requests)
            .map_err(|e| format!("{key}: {e}"))?;
        Ok(Some((config, self.llm_read.unwrap_or(false))))
    }
}

impl Config {
    /// Reads and checks a configuration file; errors name the file and the key.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Config::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    /// Parses and checks a configuration's text.
    pub fn parse(text: &str) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        for (name, def) in config.bots.iter_mut() {
            if let Err(e) = check_name(name) {
                return Err(format!("bots.{name:?}: {e}"));
            }
            *def = def.resolved().map_err(|e| format!("bots.{name}.{e}"))?;
        }
        Ok(config)
    }
}

/// A bot's name must fit in a line-up and not hide a built-in bot.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)) {
        return Err("a bot's name may use only letters, digits, '_', '-' and '.'".into());
    }
    if legate_planner::policy_by_name(name).is_ok() {
        return Err("this is a built-in bot's name: choose another".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blueprint_with_a_temperature() {
        let c = Config::parse(
            "games = 9\nlineup = \"cool=1,random=6\"\n[bots.cool]\npolicy = \"blueprint\"\ntemperature = 0.05\n",
        )
        .unwrap();
        assert_eq!(c.games, Some(9));
        assert_eq!(c.bots["cool"], BotDef { policy: "blueprint".into(), temperature: Some(0.05), ..BotDef::default() });
        assert_eq!(c.bots["cool"].policy().name(), "blueprint");
    }

    #[test]
    fn a_search_with_its_parameters() {
        let c = Config::parse(
            "[bots.quick]\npolicy = \"search\"\ncandidates = 12\niterations = 16\nlambda = 0.01\nseconds = 0.5\n",
        )
        .unwrap();
        let q = &c.bots["quick"];
        assert_eq!(
            (q.candidates, q.iterations, q.lambda, q.rollout, q.seconds),
            (Some(12), Some(16), Some(0.01), Some(0), Some(0.5))
        );
        assert_eq!(q.policy().name(), "search");
        let e = Config::parse("[bots.b]\npolicy = \"blueprint\"\niterations = 5\n").unwrap_err();
        assert!(e.starts_with("bots.b.iterations: only the search"), "{e}");
        let e = Config::parse("[bots.q]\npolicy = \"search\"\nlambda = -1\n").unwrap_err();
        assert!(e.starts_with("bots.q.lambda:"), "{e}");
    }

    #[test]
    fn errors_name_the_key() {
        let e = Config::parse("[bots.cool]\npolicy = \"blueprint\"\ntemprature = 0.05\n").unwrap_err();
        assert!(e.contains("temprature"), "{e}");
        let e = Config::parse("[bots.cool]\npolicy = \"random\"\ntemperature = 0.05\n").unwrap_err();
        assert!(e.starts_with("bots.cool.temperature:"), "{e}");
        let e = Config::parse("[bots.cool]\npolicy = \"blueprint\"\ntemperature = -1\n").unwrap_err();
        assert!(e.starts_with("bots.cool.temperature:"), "{e}");
        let e = Config::parse("[bots.cool]\npolicy = \"genius\"\n").unwrap_err();
        assert!(e.starts_with("bots.cool.policy:") && e.contains("genius"), "{e}");
        let e = Config::parse("[bots.random]\npolicy = \"hold\"\n").unwrap_err();
        assert!(e.starts_with("bots.\"random\":"), "{e}");
        let e = Config::parse("games = \"many\"\n").unwrap_err();
        assert!(e.contains("games"), "{e}");
    }

    #[test]
    fn a_talker_with_a_model() {
        let c = Config::parse(
            "[bots.chatty]\npolicy = \"search\"\npress = \"full\"\nllm_base_url = \"http://127.0.0.1:1/v1\"\nllm_model = \"m\"\nllm_timeout = 5\nllm_read = true\n",
        )
        .unwrap();
        let (config, read) = c.bots["chatty"].llm_config().unwrap().unwrap();
        assert_eq!((config.base_url.as_str(), config.model.as_str(), read), ("http://127.0.0.1:1/v1", "m", true));
        assert_eq!(config.timeout, std::time::Duration::from_secs(5));
        let e = Config::parse("[bots.q]\npolicy = \"search\"\nllm_model = \"m\"\nllm_base_url = \"http://x/v1\"\n")
            .unwrap_err();
        assert!(e.starts_with("bots.q.llm_base_url: only talkers"), "{e}");
        let c = Config::parse("[bots.t]\npolicy = \"search\"\npress = \"full\"\npeace = false\n").unwrap();
        assert_eq!(c.bots["t"].peace, Some(false));
        let e = Config::parse("[bots.q]\npolicy = \"search\"\npeace = false\n").unwrap_err();
        assert!(e.starts_with("bots.q.peace: only talkers"), "{e}");
        let e = Config::parse("[bots.q]\npolicy = \"search\"\npress = \"full\"\nllm_model = \"m\"\n").unwrap_err();
        assert!(e.contains("give both llm_base_url and llm_model"), "{e}");
        let e = Config::parse(
            "[bots.q]\npolicy = \"search\"\npress = \"full\"\nllm_model = \"m\"\nllm_base_url = \"ftp://x\"\n",
        )
        .unwrap_err();
        assert!(e.contains("must start with http"), "{e}");
    }

    #[test]
    fn builtins_spell_out_their_defaults() {
        assert_eq!(BotDef::builtin("blueprint").unwrap().temperature, Some(Blueprint::default().temperature));
        assert_eq!(BotDef::builtin("random").unwrap(), BotDef { policy: "random".into(), ..BotDef::default() });
        assert_eq!(BotDef::builtin("genius"), None);
    }
}
