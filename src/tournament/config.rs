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
//! ```

use anyhow::Context;
use legate_planner::policy::blueprint::Blueprint;
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotDef {
    /// The policy (`random`, `hold`, `blueprint`).
    pub policy: String,
    /// The blueprint's softmax temperature (`blueprint` only; its default when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
}

impl BotDef {
    /// The definition of a built-in bot name (a policy with default parameters), with every
    /// parameter spelled out; `None` for an unknown name.
    pub fn builtin(name: &str) -> Option<BotDef> {
        legate_planner::policy_by_name(name).ok()?;
        BotDef { policy: name.to_string(), temperature: None }.resolved().ok()
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
        Ok(BotDef { policy: self.policy.clone(), temperature })
    }

    /// The policy this definition describes (a resolved definition).
    pub fn policy(&self) -> Box<dyn Policy> {
        match (self.policy.as_str(), self.temperature) {
            ("blueprint", Some(temperature)) => Box::new(Blueprint { temperature }),
            (name, _) => legate_planner::policy_by_name(name).expect("resolved definitions name known policies"),
        }
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
        assert_eq!(c.bots["cool"], BotDef { policy: "blueprint".into(), temperature: Some(0.05) });
        assert_eq!(c.bots["cool"].policy().name(), "blueprint");
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
    fn builtins_spell_out_their_defaults() {
        assert_eq!(BotDef::builtin("blueprint").unwrap().temperature, Some(Blueprint::default().temperature));
        assert_eq!(BotDef::builtin("random").unwrap(), BotDef { policy: "random".into(), temperature: None });
        assert_eq!(BotDef::builtin("genius"), None);
    }
}
