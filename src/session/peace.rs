//! Peace between talkers: who offers it, and what it binds (see the [session](super)
//! documentation).

use super::Trust;
use legate_engine::map::Power;
use legate_engine::{Board, Map};
use legate_planner::search::{keeps, Claim, Evidence, Search, SearchConfig};

/// The least trust each of two talkers must have in the other's word for them to keep peace.
pub const PEACE_TRUST: f64 = 0.5;

/// A talker keeps peace with another only when less than this share of its policy (after its
/// first search) moves into the other's units or centres: it does not promise peace to a power
/// it means to attack.
pub const PEACE_MAX_ATTACK: f64 = 0.5;

/// The share of `search`'s policy for us that moves into `q`'s units or centres.
pub(super) fn attack_share(map: &Map, board: &Board, search: &Search, q: Power) -> f64 {
    search.our_policy().iter().filter(|(a, _)| !keeps(map, board, a, &Claim::Peace(q))).map(|(_, p)| p).sum()
}

/// Each talker's partners in peace this phase: every other talker that it trusts, and that trusts
/// it, at least [`PEACE_TRUST`], when neither is among `no_peace` and neither means to attack the
/// other ([`PEACE_MAX_ATTACK`], by its search in `searches`, one per talker).
pub(super) fn pacts(
    map: &Map,
    board: &Board,
    talkers: &[(Power, SearchConfig)],
    searches: &[&Search],
    no_peace: &[Power],
    trust: &Trust,
) -> Vec<Vec<Power>> {
    let n = talkers.len();
    // willing[k][j]: talker k offers peace to talker j.
    let willing: Vec<Vec<bool>> = (0..n)
        .map(|k| {
            let me = talkers[k].0;
            (0..n)
                .map(|j| {
                    let q = talkers[j].0;
                    j != k
                        && !no_peace.contains(&me)
                        && trust.0[me.index()][q.index()] >= PEACE_TRUST
                        && attack_share(map, board, searches[k], q) < PEACE_MAX_ATTACK
                })
                .collect()
        })
        .collect();
    (0..n).map(|k| (0..n).filter(|&j| willing[k][j] && willing[j][k]).map(|j| talkers[j].0).collect()).collect()
}

/// Binds `me`'s search to peace with each of `partners` (no move into their units or centres)
/// and makes it expect the same of them, as far as it trusts them.
pub(super) fn keep_peace(search: &mut Search, me: Power, partners: &[Power], trust: &Trust) {
    let ours: Vec<Claim> = partners.iter().map(|&q| Claim::Peace(q)).collect();
    search.bind(&ours);
    for &q in partners {
        let evidence = Evidence { power: q, claims: vec![Claim::Peace(me)], trust: trust.0[me.index()][q.index()] };
        search.add_evidence(&evidence);
    }
}
