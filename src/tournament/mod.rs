//! Tournaments: many games of a line-up of bots, seats rotated so every bot plays every power
//! equally often, played in parallel and reproducible whatever the number of threads; sharded
//! for clusters and merged back. See `docs/tournaments.md`.

pub mod config;
pub mod summary;

use anyhow::{bail, Context};
use config::BotDef;
use legate_engine::game::GameEnd;
use legate_engine::map::Power;
use legate_engine::{Board, Map, Order};
use legate_planner::Policy;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The bots of a tournament and how many seats each takes, e.g. `blueprint=1,random=6`.
/// Written and read as that text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Lineup(pub Vec<(String, usize)>);

impl Lineup {
    /// The seat list: each bot's index in the line-up, repeated by its count, in line-up order.
    pub fn seat_list(&self) -> Vec<usize> {
        self.0.iter().enumerate().flat_map(|(i, (_, n))| std::iter::repeat_n(i, *n)).collect()
    }

    /// The bots' names, in line-up order.
    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(|(name, _)| name.clone()).collect()
    }
}

impl FromStr for Lineup {
    type Err = String;

    /// Parses `NAME=COUNT,...` (a bare `NAME` counts 1); names are distinct, counts at least 1.
    fn from_str(s: &str) -> Result<Lineup, String> {
        let mut entries: Vec<(String, usize)> = Vec::new();
        for part in s.split(',').map(str::trim) {
            let (name, count) = match part.split_once('=') {
                Some((name, count)) => (name.trim(), count.trim()),
                None => (part, "1"),
            };
            if name.is_empty() {
                return Err(format!("{part:?} has no bot name (write NAME=COUNT, e.g. blueprint=1,random=6)"));
            }
            let count: usize = match count.parse() {
                Ok(n) if n > 0 => n,
                _ => return Err(format!("{part:?}: the count must be a whole number of seats, at least 1")),
            };
            if entries.iter().any(|(n, _)| n == name) {
                return Err(format!("{name:?} is listed twice"));
            }
            entries.push((name.to_string(), count));
        }
        Ok(Lineup(entries))
    }
}

impl fmt::Display for Lineup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(name, n)| format!("{name}={n}")).collect();
        f.write_str(&parts.join(","))
    }
}

impl TryFrom<String> for Lineup {
    type Error = String;
    fn try_from(s: String) -> Result<Lineup, String> {
        s.parse()
    }
}

impl From<Lineup> for String {
    fn from(l: Lineup) -> String {
        l.to_string()
    }
}

/// Everything that decides a tournament's games. Shard files carry it, and only shards with
/// equal specs merge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The map, as given to `--map`.
    pub map: String,
    /// The tournament seed.
    pub seed: u64,
    /// Number of games in the whole tournament (all shards).
    pub games: u64,
    /// Games end in a draw after this year.
    pub year_limit: u16,
    /// The line-up.
    pub lineup: Lineup,
    /// The definition of every bot in the line-up, with all parameters spelled out.
    pub bots: BTreeMap<String, BotDef>,
}

impl Spec {
    /// A spec whose line-up names are looked up among `defined` bots (from a config) and then the
    /// built-in ones. `lineup_source` says where the line-up came from, for errors.
    pub fn new(
        map: &str,
        seed: u64,
        games: u64,
        year_limit: u16,
        lineup: &str,
        lineup_source: &str,
        defined: &BTreeMap<String, BotDef>,
    ) -> anyhow::Result<Spec> {
        let lineup: Lineup = lineup.parse().map_err(|e| anyhow::anyhow!("{lineup_source} {lineup:?}: {e}"))?;
        let mut bots = BTreeMap::new();
        for name in lineup.names() {
            let def = match defined.get(&name) {
                Some(def) => def.clone(),
                None => BotDef::builtin(&name).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{lineup_source}: unknown bot {name:?}: choose one of {} or define [bots.{name}] in a --config file",
                        legate_planner::POLICY_NAMES.join(", ")
                    )
                })?,
            };
            bots.insert(name, def);
        }
        Ok(Spec { map: map.to_string(), seed, games, year_limit, lineup, bots })
    }
}

/// A slice of a tournament: the games `g` (0-based) with `g % count == index - 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shard {
    /// 1-based.
    pub index: u64,
    /// Number of shards.
    pub count: u64,
}

impl Shard {
    /// The whole tournament as one shard.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// This shard's games among `games`.
    pub fn games(self, games: u64) -> impl Iterator<Item = u64> {
        (self.index - 1..games).step_by(self.count as usize)
    }

    /// The name of this shard's results file.
    pub fn file_name(self) -> String {
        format!("shard-{}-of-{}.json", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N` with `1 <= K <= N`.
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s:?}: write K/N with 1 <= K <= N, e.g. 3/20");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (u64, u64) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if index == 0 || index > count || usize::try_from(count).is_err() {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// One seat's result in one game.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatResult {
    /// The power.
    pub power: String,
    /// The bot that played it (its line-up name).
    pub bot: String,
    /// Its supply centres at the end.
    pub centers: usize,
}

/// One game's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GameResult {
    /// The game's number, 0-based.
    pub game: u64,
    /// The game's own seed.
    pub seed: u64,
    /// The phase the game stopped at.
    pub phase: String,
    /// The solo winner's power, if any (otherwise the survivors share a draw).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner: Option<String>,
    /// Every seat, in the map's power order.
    pub seats: Vec<SeatResult>,
}

/// The results file of one shard (`OUT/shard-K-of-N.json`): enough to recompute the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardFile {
    /// Always `legate-tournament-shard`.
    pub format: String,
    /// Format version, 1.
    pub version: u32,
    /// The `legate` version that played the games.
    pub legate: String,
    /// The tournament.
    pub tournament: Spec,
    /// Which slice of it.
    pub shard: Shard,
    /// Every game of the slice, by game number.
    pub results: Vec<GameResult>,
}

const SHARD_FORMAT: &str = "legate-tournament-shard";

/// The seed of game `game` of a tournament seeded `seed`: depends on nothing else.
pub fn game_seed(seed: u64, game: u64) -> u64 {
    splitmix64(splitmix64(seed) ^ game)
}

/// The SplitMix64 finaliser: a bijective mix of 64 bits.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A policy under its line-up name, so that records say which bot played (e.g. `cool`).
struct Named {
    name: String,
    policy: Box<dyn Policy>,
}

impl Policy for Named {
    fn name(&self) -> &str {
        &self.name
    }

    fn sample(&self, map: &Map, board: &Board, power: Power, rng: &mut ChaCha8Rng) -> Vec<Order> {
        self.policy.sample(map, board, power, rng)
    }

    fn log_prob(&self, map: &Map, board: &Board, power: Power, orders: &[Order]) -> f64 {
        self.policy.log_prob(map, board, power, orders)
    }
}

/// A tournament ready to play.
pub struct Tournament {
    spec: Spec,
    map: Map,
    bots: Vec<Named>,
    seats: Vec<usize>,
}

impl Tournament {
    /// Loads the map and builds the bots; the line-up must fill every power's seat exactly.
    /// `lineup_source` says where the line-up came from, for errors.
    pub fn new(spec: Spec, lineup_source: &str) -> anyhow::Result<Tournament> {
        let map = crate::commands::load_map(&spec.map)?;
        let seats = spec.lineup.seat_list();
        if seats.len() != map.power_count() {
            bail!(
                "{lineup_source} {:?}: the counts add up to {}, but the map has {} powers",
                spec.lineup.to_string(),
                seats.len(),
                map.power_count()
            );
        }
        let bots =
            spec.lineup.names().into_iter().map(|name| Named { policy: spec.bots[&name].policy(), name }).collect();
        Ok(Tournament { spec, map, bots, seats })
    }

    /// The spec.
    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    /// Which line-up entry plays each power (in map order) in game `game`: the seat list rotated
    /// by `game`, so entry `s` of the seat list plays power `(s + game) mod powers` and over any
    /// run of `powers` consecutive games every seat plays every power once.
    pub fn seating(&self, game: u64) -> Vec<usize> {
        let n = self.seats.len();
        let shift = (game % n as u64) as usize;
        (0..n).map(|power| self.seats[(power + n - shift) % n]).collect()
    }

    /// Plays the shard's games on the current rayon thread pool, writing each record to
    /// `out/game-NNNNN.jsonl` as it plays; `on_game` is called after each game. Results come back
    /// by game number, the same whatever the number of threads.
    pub fn play(&self, shard: Shard, out: &Path, on_game: impl Fn() + Sync) -> anyhow::Result<Vec<GameResult>> {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        let games: Vec<u64> = shard.games(self.spec.games).collect();
        games
            .into_par_iter()
            .map(|g| {
                let result = self.play_one(g, &out.join(format!("game-{g:05}.jsonl")));
                on_game();
                result
            })
            .collect()
    }

    fn play_one(&self, game: u64, path: &Path) -> anyhow::Result<GameResult> {
        let seating = self.seating(game);
        let seats: Vec<&dyn Policy> = seating.iter().map(|&b| &self.bots[b] as &dyn Policy).collect();
        let seed = game_seed(self.spec.seed, game);
        let defs: Vec<&BotDef> = seating.iter().map(|&b| &self.spec.bots[&self.bots[b].name]).collect();
        let talkers: Vec<_> = defs.iter().map(|d| d.talks().then(|| d.search_config())).collect();
        let llm = defs
            .iter()
            .map(|d| {
                let model = d.llm_config().map_err(|e| anyhow::anyhow!("bot {}: {e}", d.policy))?;
                model
                    .map(|(config, read)| crate::llm::TalkerLlm::new(config, read))
                    .transpose()
                    .map_err(anyhow::Error::from)
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let no_peace = seating
            .iter()
            .zip(&defs)
            .enumerate()
            .filter(|(_, (_, d))| d.peace == Some(false))
            .map(|(seat, _)| self.map.powers().nth(seat).expect("one seat per power"))
            .collect();
        let talk = crate::session::TalkConfig { llm, no_peace, ..crate::session::TalkConfig::default() };
        let played = crate::bots::play_game_with_press(
            &self.map,
            &self.spec.map,
            &seats,
            &talkers,
            &talk,
            seed,
            self.spec.year_limit,
            Some(path),
            |_, _| {},
        )
        .with_context(|| format!("playing game {game} into {}", path.display()))?;
        let map = played.map();
        let counts = played.board().center_counts();
        Ok(GameResult {
            game,
            seed,
            phase: played.board().phase.to_string(),
            winner: match played.end() {
                Some(GameEnd::Solo(p)) => Some(map.power_name(*p).to_string()),
                _ => None,
            },
            seats: map
                .powers()
                .map(|p| SeatResult {
                    power: map.power_name(p).to_string(),
                    bot: self.bots[seating[p.index()]].name.clone(),
                    centers: counts[p],
                })
                .collect(),
        })
    }
}

/// Writes a shard's results file into `out`; returns its path.
pub fn write_shard(spec: &Spec, shard: Shard, results: Vec<GameResult>, out: &Path) -> anyhow::Result<PathBuf> {
    let file = ShardFile {
        format: SHARD_FORMAT.into(),
        version: 1,
        legate: env!("CARGO_PKG_VERSION").into(),
        tournament: spec.clone(),
        shard,
        results,
    };
    let path = out.join(shard.file_name());
    let mut text = serde_json::to_string_pretty(&file).expect("shard files serialise");
    text.push('\n');
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// Reads shard files of one tournament and combines them: the tournament's spec and every
/// game's result by game number. Refuses files of different tournaments, repeated or missing
/// shards.
pub fn merge(paths: &[PathBuf]) -> anyhow::Result<(Spec, Vec<GameResult>)> {
    let mut first: Option<(&Path, ShardFile)> = None;
    let mut seen: BTreeMap<u64, &Path> = BTreeMap::new();
    let mut results = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let file: ShardFile = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: not a tournament shard file: {e}", path.display()))?;
        if file.format != SHARD_FORMAT || file.version != 1 {
            bail!("{}: not a version 1 {SHARD_FORMAT} file", path.display());
        }
        if let Some((p0, f0)) = &first {
            if let Some(diff) = spec_difference(&f0.tournament, &file.tournament) {
                bail!("{} and {} are from different tournaments ({diff})", p0.display(), path.display());
            }
            if f0.shard.count != file.shard.count {
                bail!(
                    "{} is a shard of {} but {} is a shard of {}: merge shards of one split",
                    p0.display(),
                    f0.shard.count,
                    path.display(),
                    file.shard.count
                );
            }
        }
        if let Some(other) = seen.insert(file.shard.index, path) {
            bail!(
                "{} and {} are both shard {}/{}",
                other.display(),
                path.display(),
                file.shard.index,
                file.shard.count
            );
        }
        let expected: Vec<u64> = file.shard.games(file.tournament.games).collect();
        let got: Vec<u64> = file.results.iter().map(|r| r.game).collect();
        if got != expected {
            bail!(
                "{}: shard {}/{} should hold games {:?}, in order, but holds {:?}",
                path.display(),
                file.shard.index,
                file.shard.count,
                expected,
                got
            );
        }
        results.extend(file.results.iter().cloned());
        if first.is_none() {
            first = Some((path, file));
        }
    }
    let Some((_, file)) = first else { bail!("no shard files to merge") };
    let missing: Vec<String> =
        (1..=file.shard.count).filter(|k| !seen.contains_key(k)).map(|k| format!("{k}/{}", file.shard.count)).collect();
    if !missing.is_empty() {
        bail!("missing shards: {} (merge needs all {} shards of the tournament)", missing.join(", "), file.shard.count);
    }
    results.sort_by_key(|r| r.game);
    Ok((file.tournament, results))
}

/// What differs between two specs, in words; `None` when they are equal.
fn spec_difference(a: &Spec, b: &Spec) -> Option<String> {
    let pairs = [
        ("map", a.map.clone(), b.map.clone()),
        ("seed", a.seed.to_string(), b.seed.to_string()),
        ("games", a.games.to_string(), b.games.to_string()),
        ("year limit", a.year_limit.to_string(), b.year_limit.to_string()),
        ("line-up", a.lineup.to_string(), b.lineup.to_string()),
        ("bots", format!("{:?}", a.bots), format!("{:?}", b.bots)),
    ];
    let diffs: Vec<String> =
        pairs.into_iter().filter(|(_, x, y)| x != y).map(|(what, x, y)| format!("{what} {x} vs {y}")).collect();
    (!diffs.is_empty()).then(|| diffs.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineups_parse_and_print() {
        let l: Lineup = "blueprint=1, random=6".parse().unwrap();
        assert_eq!(l.to_string(), "blueprint=1,random=6");
        assert_eq!(l.seat_list(), vec![0, 1, 1, 1, 1, 1, 1]);
        assert_eq!("hold,random=6".parse::<Lineup>().unwrap().to_string(), "hold=1,random=6");
        assert!("blueprint=0,random=7".parse::<Lineup>().is_err());
        assert!("blueprint=x".parse::<Lineup>().is_err());
        assert!("=3".parse::<Lineup>().is_err());
        assert!("random=3,random=4".parse::<Lineup>().unwrap_err().contains("twice"));
    }

    #[test]
    fn shards_parse() {
        assert_eq!("3/20".parse::<Shard>().unwrap(), Shard { index: 3, count: 20 });
        for bad in ["0/2", "3/2", "1", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        assert_eq!(Shard { index: 2, count: 3 }.games(8).collect::<Vec<_>>(), vec![1, 4, 7]);
    }

    #[test]
    fn seats_rotate_through_every_power() {
        let spec = Spec::new("standard", 1, 7, 1901, "blueprint=1,random=6", "--lineup", &BTreeMap::new()).unwrap();
        let t = Tournament::new(spec, "--lineup").unwrap();
        for g in 0..7u64 {
            let seating = t.seating(g);
            assert_eq!(seating.iter().filter(|&&b| b == 0).count(), 1);
            assert_eq!(seating[g as usize], 0, "the blueprint plays power {g} in game {g}");
        }
    }

    #[test]
    fn game_seeds_differ() {
        let seeds: std::collections::BTreeSet<u64> =
            (0..2).flat_map(|s| (0..1000).map(move |g| game_seed(s, g))).collect();
        assert_eq!(seeds.len(), 2000);
    }
}
