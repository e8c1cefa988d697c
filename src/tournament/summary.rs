//! A tournament's summary: per-bot results, sum-of-squares scores and Elo ratings with bootstrap
//! confidence intervals (the method is described in `docs/tournaments.md`).

use super::GameResult;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;
use std::fmt;

/// Bootstrap replicates behind each confidence interval.
const REPLICATES: u64 = 1000;
/// The bootstrap's fixed seed, so that a summary depends on the games alone.
const BOOTSTRAP_SEED: u64 = 0x1e6a_7e5e_ed00_0001;
/// Virtual draws between every two bots: keeps ratings finite when a bot wins every comparison.
const PRIOR_DRAWS: f64 = 1.0;
/// The mean rating.
const ANCHOR: f64 = 1500.0;

/// A tournament's summary: `--json` prints it as it serialises.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Games played.
    pub games: u64,
    /// One entry per bot, in line-up order.
    pub bots: Vec<BotSummary>,
}

/// One bot's results over all the seats it took (`games` counts seat-games).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BotSummary {
    /// The bot's line-up name.
    pub name: String,
    /// Seat-games played.
    pub games: u64,
    /// Seat-games it won outright.
    pub solos: u64,
    /// Seat-games that ended in a draw it shared (with at least one centre).
    pub draws: u64,
    /// Seat-games another power won while it still held a centre.
    pub survivals: u64,
    /// Seat-games it ended with no centre.
    pub eliminations: u64,
    /// Mean supply centres at the end.
    pub mean_centers: f64,
    /// Mean sum-of-squares score.
    pub mean_sos: f64,
    /// Elo rating (the bots' mean is 1500).
    pub rating: f64,
    /// The rating's 95% bootstrap interval, `[low, high]`.
    pub rating_ci: [f64; 2],
}

/// One game's comparisons between two bots: `(i, j, i's score, comparisons)`.
type Pair = (usize, usize, f64, f64);

/// Pairwise comparisons among `k` bots: `score[i * k + j]` is what bot `i` scored against bot
/// `j` (1 a win, ½ a draw) in `count[i * k + j]` comparisons.
#[derive(Clone, Debug)]
pub struct Tally {
    k: usize,
    score: Vec<f64>,
    count: Vec<f64>,
}

impl Tally {
    /// No comparisons yet among `k` bots.
    pub fn new(k: usize) -> Tally {
        Tally { k, score: vec![0.0; k * k], count: vec![0.0; k * k] }
    }

    /// Records that bot `i` scored `s` against bot `j` in `n` comparisons (1 a win, ½ a draw).
    pub fn add(&mut self, i: usize, j: usize, s: f64, n: f64) {
        let k = self.k;
        self.score[i * k + j] += s;
        self.score[j * k + i] += n - s;
        self.count[i * k + j] += n;
        self.count[j * k + i] += n;
    }

    /// Records one game's comparisons.
    fn add_game(&mut self, game: &[Pair]) {
        for &(i, j, s, n) in game {
            self.add(i, j, s, n);
        }
    }

    /// The comparisons recorded, one entry per pair of bots that met: `(i, j, i's score, n)`.
    fn pairs(&self) -> Vec<Pair> {
        let k = self.k;
        (0..k)
            .flat_map(|i| (i + 1..k).map(move |j| (i, j)))
            .filter(|&(i, j)| self.count[i * k + j] > 0.0)
            .map(|(i, j)| (i, j, self.score[i * k + j], self.count[i * k + j]))
            .collect()
    }

    /// Elo ratings by maximum likelihood (Bradley–Terry on the Elo scale, draws as half a win
    /// each, one virtual draw between every two bots), anchored at a mean of 1500.
    pub fn ratings(&self) -> Vec<f64> {
        let k = self.k;
        if k < 2 {
            return vec![ANCHOR; k];
        }
        let wins: Vec<f64> = (0..k)
            .map(|i| (0..k).filter(|&j| j != i).map(|j| self.score[i * k + j] + PRIOR_DRAWS / 2.0).sum())
            .collect();
        let n = |i: usize, j: usize| self.count[i * k + j] + PRIOR_DRAWS;
        // Hunter's MM iteration for Bradley–Terry strengths, renormalised to geometric mean 1.
        let mut gamma = vec![1.0f64; k];
        for _ in 0..100_000 {
            let mut next: Vec<f64> = (0..k)
                .map(|i| {
                    let d: f64 = (0..k).filter(|&j| j != i).map(|j| n(i, j) / (gamma[i] + gamma[j])).sum();
                    wins[i] / d
                })
                .collect();
            let log_mean = next.iter().map(|g| g.ln()).sum::<f64>() / k as f64;
            for g in next.iter_mut() {
                *g /= log_mean.exp();
            }
            let change = next.iter().zip(&gamma).map(|(a, b)| (a.ln() - b.ln()).abs()).fold(0.0, f64::max);
            gamma = next;
            if change < 1e-12 {
                break;
            }
        }
        let elo: Vec<f64> = gamma.iter().map(|g| 400.0 * g.log10()).collect();
        let mean = elo.iter().sum::<f64>() / k as f64;
        elo.iter().map(|r| r - mean + ANCHOR).collect()
    }
}

/// Sum-of-squares scores of one game: a solo winner scores 1 and the others 0; otherwise each
/// power scores `c² / Σc²` of its centres `c`.
pub fn sos_scores(result: &GameResult) -> Vec<f64> {
    match &result.winner {
        Some(w) => result.seats.iter().map(|s| if &s.power == w { 1.0 } else { 0.0 }).collect(),
        None => {
            let total: f64 = result.seats.iter().map(|s| (s.centers * s.centers) as f64).sum();
            result
                .seats
                .iter()
                .map(|s| if total > 0.0 { (s.centers * s.centers) as f64 / total } else { 0.0 })
                .collect()
        }
    }
}

/// Summarises games (by game number) of the bots `names` (in line-up order). Every seat must be
/// played by one of `names`.
pub fn summarize(names: &[String], results: &[GameResult]) -> anyhow::Result<Summary> {
    let k = names.len();
    let mut bots: Vec<BotSummary> = names
        .iter()
        .map(|name| BotSummary {
            name: name.clone(),
            games: 0,
            solos: 0,
            draws: 0,
            survivals: 0,
            eliminations: 0,
            mean_centers: 0.0,
            mean_sos: 0.0,
            rating: ANCHOR,
            rating_ci: [ANCHOR, ANCHOR],
        })
        .collect();
    let mut centers = vec![0usize; k];
    let mut sos = vec![0.0f64; k];
    let mut per_game: Vec<Vec<Pair>> = Vec::with_capacity(results.len());
    for r in results {
        let seats: Vec<usize> = r
            .seats
            .iter()
            .map(|s| {
                names.iter().position(|n| n == &s.bot).ok_or_else(|| {
                    anyhow::anyhow!(
                        "game {}: {} is played by {:?}, which is not in the line-up",
                        r.game,
                        s.power,
                        s.bot
                    )
                })
            })
            .collect::<anyhow::Result<_>>()?;
        for ((s, &b), score) in r.seats.iter().zip(&seats).zip(sos_scores(r)) {
            let bot = &mut bots[b];
            bot.games += 1;
            match &r.winner {
                Some(w) if w == &s.power => bot.solos += 1,
                _ if s.centers == 0 => bot.eliminations += 1,
                Some(_) => bot.survivals += 1,
                None => bot.draws += 1,
            }
            centers[b] += s.centers;
            sos[b] += score;
        }
        let mut tally = Tally::new(k);
        for a in 0..seats.len() {
            for b in a + 1..seats.len() {
                if seats[a] != seats[b] {
                    let (ca, cb) = (r.seats[a].centers, r.seats[b].centers);
                    tally.add(
                        seats[a],
                        seats[b],
                        if ca > cb {
                            1.0
                        } else if ca == cb {
                            0.5
                        } else {
                            0.0
                        },
                        1.0,
                    );
                }
            }
        }
        per_game.push(tally.pairs());
    }
    let mut total = Tally::new(k);
    for g in &per_game {
        total.add_game(g);
    }
    let ratings = total.ratings();
    let intervals = bootstrap(k, &per_game);
    for (i, bot) in bots.iter_mut().enumerate() {
        if bot.games > 0 {
            bot.mean_centers = round(centers[i] as f64 / bot.games as f64, 4);
            bot.mean_sos = round(sos[i] / bot.games as f64, 4);
        }
        bot.rating = round(ratings[i], 1);
        bot.rating_ci = [round(intervals[i][0], 1), round(intervals[i][1], 1)];
    }
    Ok(Summary { games: results.len() as u64, bots })
}

/// 95% percentile intervals of each bot's rating over bootstrap resamples of the games, from a
/// fixed seed (replicate `r` draws from its own generator, so threads do not matter).
fn bootstrap(k: usize, games: &[Vec<Pair>]) -> Vec<[f64; 2]> {
    if games.is_empty() {
        return vec![[ANCHOR, ANCHOR]; k];
    }
    let replicates: Vec<Vec<f64>> = (0..REPLICATES)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(BOOTSTRAP_SEED ^ r);
            let mut t = Tally::new(k);
            for _ in 0..games.len() {
                t.add_game(&games[rng.gen_range(0..games.len())]);
            }
            t.ratings()
        })
        .collect();
    (0..k)
        .map(|i| {
            let mut v: Vec<f64> = replicates.iter().map(|r| r[i]).collect();
            v.sort_by(f64::total_cmp);
            let at = |q: f64| v[((q * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
            [at(0.025), at(0.975)]
        })
        .collect()
}

fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

impl fmt::Display for Summary {
    /// The summary as a table, one row per bot.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self.bots.iter().map(|b| b.name.len()).max().unwrap_or(0).max(3);
        writeln!(
            f,
            "{:<width$}  {:>6}  {:>5}  {:>5}  {:>8}  {:>10}  {:>7}  {:>6}  {:>6}  {:>15}",
            "bot", "games", "solos", "draws", "survived", "eliminated", "centres", "SoS", "rating", "95% CI"
        )?;
        for b in &self.bots {
            writeln!(
                f,
                "{:<width$}  {:>6}  {:>5}  {:>5}  {:>8}  {:>10}  {:>7.2}  {:>6.3}  {:>6.0}  {:>15}",
                b.name,
                b.games,
                b.solos,
                b.draws,
                b.survivals,
                b.eliminations,
                b.mean_centers,
                b.mean_sos,
                b.rating,
                format!("[{:.0}, {:.0}]", b.rating_ci[0], b.rating_ci[1]),
            )?;
        }
        if self.bots.len() > 1 && self.bots.iter().any(|b| b.rating_ci[0] == b.rating_ci[1]) {
            writeln!(f, "(a one-point interval: every comparison went the same way, so resampling cannot move")?;
            writeln!(f, " the rating, which is then set by the prior; see docs/tournaments.md)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tournament::SeatResult;

    /// A game where seat `i` (power `P{i}`) is played by `bots[i]` and ends with `centers[i]`.
    fn game(n: u64, bots: &[&str], centers: &[usize], winner: Option<usize>) -> GameResult {
        GameResult {
            game: n,
            seed: n,
            phase: "S1905M".into(),
            winner: winner.map(|w| format!("P{w}")),
            seats: bots
                .iter()
                .zip(centers)
                .enumerate()
                .map(|(i, (b, c))| SeatResult { power: format!("P{i}"), bot: b.to_string(), centers: *c })
                .collect(),
        }
    }

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_bot_that_always_ranks_first_is_rated_highest() {
        let bots = ["a", "b", "c", "c"];
        let games: Vec<GameResult> = (0..20).map(|g| game(g, &bots, &[10, 5 + (g % 3) as usize, 6, 3], None)).collect();
        let s = summarize(&names(&["a", "b", "c"]), &games).unwrap();
        let r: Vec<f64> = s.bots.iter().map(|b| b.rating).collect();
        assert!(r[0] > r[1] && r[0] > r[2], "{r:?}");
        assert!(r.iter().all(|x| x.is_finite()));
        assert!((r.iter().sum::<f64>() / 3.0 - 1500.0).abs() < 0.2, "anchored at a mean of 1500: {r:?}");
        for b in &s.bots {
            assert!(b.rating_ci[0] <= b.rating && b.rating <= b.rating_ci[1], "{b:?}");
        }
        assert!(s.bots[0].rating_ci[0] > s.bots[1].rating_ci[1], "a clearly above b: {:?}", s.bots);
    }

    #[test]
    fn equal_bots_are_rated_equally() {
        let mut t = Tally::new(3);
        for _ in 0..10 {
            t.add(0, 1, 1.0, 1.0);
            t.add(0, 1, 0.0, 1.0);
            t.add(1, 2, 0.5, 1.0);
            t.add(0, 2, 1.0, 2.0);
        }
        for r in t.ratings() {
            assert!((r - 1500.0).abs() < 1e-6);
        }
    }

    #[test]
    fn ratings_match_the_elo_expectation() {
        // 75% against one opponent: about 191 Elo apart (the prior pulls it slightly in).
        let mut t = Tally::new(2);
        for i in 0..4000 {
            t.add(0, 1, if i % 4 == 0 { 0.0 } else { 1.0 }, 1.0);
        }
        let r = t.ratings();
        let expected = 400.0 * 3f64.log10();
        assert!((r[0] - r[1] - expected).abs() < 1.0, "{r:?}");
    }

    #[test]
    fn counts_and_scores() {
        let bots = ["a", "b", "b"];
        let games = vec![game(0, &bots, &[18, 4, 0], Some(0)), game(1, &bots, &[3, 3, 0], None)];
        let s = summarize(&names(&["a", "b"]), &games).unwrap();
        let (a, b) = (&s.bots[0], &s.bots[1]);
        assert_eq!((a.games, a.solos, a.draws, a.survivals, a.eliminations), (2, 1, 1, 0, 0));
        assert_eq!((b.games, b.solos, b.draws, b.survivals, b.eliminations), (4, 0, 1, 1, 2));
        assert_eq!(a.mean_sos, 0.75); // 1, then 9/18
        assert_eq!(b.mean_sos, 0.125); // 0, 0, 9/18, 0
        assert_eq!(a.mean_centers, 10.5);
        assert_eq!(s.games, 2);
    }

    #[test]
    fn unknown_bots_are_refused() {
        let e = summarize(&names(&["a"]), &[game(3, &["a", "z"], &[1, 2], None)]).unwrap_err();
        assert!(e.to_string().contains("\"z\""), "{e}");
    }

    #[test]
    fn bootstrap_is_deterministic() {
        let bots = ["a", "b"];
        let games: Vec<GameResult> =
            (0..30).map(|g| game(g, &bots, &[(g % 5) as usize, (g % 3) as usize], None)).collect();
        let one = summarize(&names(&bots), &games).unwrap();
        assert_eq!(one, summarize(&names(&bots), &games).unwrap());
    }
}
