//! DumbBot's position values for one power: power sizes, attack and defence values of supply
//! centres, proximity maps, strength and competition.

use legate_engine::board::Season;
use legate_engine::map::{Location, Map, Power, Province, UnitKind, MAX_PROVINCES};
use legate_engine::Board;

/// Proximity maps are this many steps deep.
const DEPTH: usize = 10;
/// Weights of the proximity maps for movement in spring (the value one step away matters most).
const SPRING_PROX: [f64; DEPTH] = [100.0, 1000.0, 30.0, 10.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0];
/// … in fall (the value of the province itself matters most), and for builds and removals.
const FALL_PROX: [f64; DEPTH] = [1000.0, 100.0, 30.0, 10.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0];

/// `size(c) = c² + 4c + 16` (DumbBot's A=1, B=4, C=16; a neutral centre counts as c = 0).
fn size(centers: usize) -> f64 {
    let c = centers as f64;
    c * c + 4.0 * c + 16.0
}

/// The values one power sees on one board.
pub struct Values {
    /// Destination value per unit kind and location (movement and retreats).
    dest: [[f64; MAX_PROVINCES]; 2],
    /// Build/removal value per unit kind and location.
    build: [[f64; MAX_PROVINCES]; 2],
    /// The best rival count of units in or next to each province.
    competition: [u8; MAX_PROVINCES],
    /// Attack + defence value of each province (for ranking supports).
    province: [f64; MAX_PROVINCES],
}

fn kind_index(k: UnitKind) -> usize {
    match k {
        UnitKind::Army => 0,
        UnitKind::Fleet => 1,
    }
}

impl Values {
    /// Computes the values `power` sees.
    pub fn new(map: &Map, board: &Board, power: Power) -> Values {
        let counts = board.center_counts();
        let n = map.province_count();
        let mut attack = [0.0; MAX_PROVINCES];
        let mut defence = [0.0; MAX_PROVINCES];
        for c in map.centers().iter() {
            match board.owner(c) {
                Some(o) if o == power => {
                    let threat = board
                        .units()
                        .filter(|(_, u)| u.power != power && map.reach(u.kind, u.loc).contains(c))
                        .map(|(_, u)| size(counts[u.power]))
                        .fold(0.0, f64::max);
                    defence[c.index()] = threat;
                }
                Some(o) => attack[c.index()] = size(counts[o]),
                None => attack[c.index()] = size(0),
            }
        }
        let (w_att, w_def, prox_w) = match board.phase.season {
            Season::Fall => (600.0, 400.0, FALL_PROX),
            Season::Spring | Season::Winter => (700.0, 300.0, SPRING_PROX),
        };
        // Strength and competition: units in or next to each province.
        let mut own = [0u8; MAX_PROVINCES];
        let mut rival = [[0u8; MAX_PROVINCES]; legate_engine::map::MAX_POWERS];
        for (p, u) in board.units() {
            let mut reach = map.reach(u.kind, u.loc);
            reach.insert(p);
            for q in reach.iter() {
                if u.power == power {
                    own[q.index()] += 1;
                } else {
                    rival[u.power.index()][q.index()] += 1;
                }
            }
        }
        let mut competition = [0u8; MAX_PROVINCES];
        for (i, c) in competition.iter_mut().enumerate().take(n) {
            *c = rival.iter().map(|r| r[i]).max().unwrap_or(0);
        }
        let mut province = [0.0; MAX_PROVINCES];
        for i in 0..n {
            province[i] = attack[i] * w_att + defence[i] * w_def;
        }
        let mut dest = [[f64::NEG_INFINITY; MAX_PROVINCES]; 2];
        let mut build = [[f64::NEG_INFINITY; MAX_PROVINCES]; 2];
        for kind in [UnitKind::Army, UnitKind::Fleet] {
            let k = kind_index(kind);
            let standable: Vec<Location> = map.locations().filter(|&l| map.can_stand(kind, l)).collect();
            let mut prox = [[0.0; MAX_PROVINCES]; DEPTH];
            for &l in &standable {
                prox[0][l.index()] = province[map.province_of(l).index()];
            }
            for d in 1..DEPTH {
                for &l in &standable {
                    // Sum over adjacent provinces, counting only the best coast of each.
                    let mut by_prov: [f64; MAX_PROVINCES] = [f64::NEG_INFINITY; MAX_PROVINCES];
                    let mut provs = legate_engine::map::ProvinceSet::EMPTY;
                    for a in map.adjacent(kind, l).iter() {
                        let p = map.province_of(a);
                        provs.insert(p);
                        by_prov[p.index()] = by_prov[p.index()].max(prox[d - 1][a.index()]);
                    }
                    let sum: f64 = provs.iter().map(|p| by_prov[p.index()]).sum();
                    prox[d][l.index()] = (prox[d - 1][l.index()] + sum) / 5.0;
                }
            }
            for &l in &standable {
                let p = map.province_of(l).index();
                let weighted: f64 = (0..DEPTH).map(|d| prox[d][l.index()] * prox_w[d]).sum();
                let built: f64 = (0..DEPTH).map(|d| prox[d][l.index()] * FALL_PROX[d]).sum();
                dest[k][l.index()] = weighted + 1000.0 * f64::from(own[p]) - 1000.0 * f64::from(competition[p]);
                build[k][l.index()] = built + 1000.0 * defence[p];
            }
        }
        Values { dest, build, competition, province }
    }

    /// The value of moving (or retreating) a unit of `kind` to `loc`.
    pub fn dest(&self, kind: UnitKind, loc: Location) -> f64 {
        self.dest[kind_index(kind)][loc.index()]
    }

    /// The value of building (or keeping, for removals) a unit of `kind` at `loc`.
    pub fn build(&self, kind: UnitKind, loc: Location) -> f64 {
        self.build[kind_index(kind)][loc.index()]
    }

    /// The most units one rival has in or next to `p`.
    pub fn competition(&self, p: Province) -> u8 {
        self.competition[p.index()]
    }

    /// Attack + defence value of a province.
    pub fn province_value(&self, p: Province) -> f64 {
        self.province[p.index()]
    }
}
