//! Loading and validating a map from TOML (format: `docs/map-format.md`).

use super::{
    normalize_name, Coast, Location, LocationInfo, LocationSet, Map, PowerInfo, Province, ProvinceInfo, ProvinceSet,
    Terrain, UnitKind, MAX_POWERS, MAX_PROVINCES,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use toml::Spanned;

/// One problem found in a map file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapProblem {
    /// 1-based line in the file (0 when unknown).
    pub line: usize,
    /// The province, power or key concerned.
    pub name: String,
    /// What is wrong.
    pub message: String,
}

/// Why a map could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    /// The file could not be read.
    #[error("cannot read map file {path}: {message}")]
    Io {
        /// The path tried.
        path: String,
        /// The OS error.
        message: String,
    },
    /// The file was read but is not a valid map; every problem found is listed.
    #[error("{}", render_problems(path, problems))]
    Invalid {
        /// The file.
        path: String,
        /// Every problem, in file order.
        problems: Vec<MapProblem>,
    },
}

fn render_problems(path: &str, problems: &[MapProblem]) -> String {
    let mut s = format!("invalid map file {path} ({} problem(s)):", problems.len());
    for p in problems {
        s.push_str(&format!("\n  {path}:{}: {}: {}", p.line, p.name, p.message));
    }
    s
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    name: String,
    victory_centers: usize,
    start_year: u16,
    power: Vec<Spanned<RawPower>>,
    province: Vec<Spanned<RawProvince>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPower {
    name: String,
    adjective: String,
    home: Vec<Spanned<String>>,
    units: Vec<Spanned<String>>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum RawKind {
    Land,
    Coast,
    Sea,
    Impassable,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvince {
    abbr: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: RawKind,
    #[serde(default)]
    center: bool,
    #[serde(default)]
    army: Vec<Spanned<String>>,
    fleet: Option<Vec<Spanned<String>>>,
    coasts: Option<BTreeMap<String, Vec<Spanned<String>>>>,
}

/// Collects problems with line numbers while a map is checked.
struct Problems<'a> {
    text: &'a str,
    list: Vec<MapProblem>,
}

impl Problems<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())].matches('\n').count() + 1
    }

    fn add(&mut self, offset: usize, name: impl fmt::Display, message: impl Into<String>) {
        let line = self.line_of(offset);
        self.list.push(MapProblem { line, name: name.to_string(), message: message.into() });
    }
}

impl Map {
    /// Parses and validates a map from TOML text; `path` names the file in errors.
    ///
    /// ```
    /// let map = legate_engine::Map::from_toml(legate_engine::map::STANDARD_TOML, "standard.toml").unwrap();
    /// assert_eq!(map.province_count(), 76);
    /// ```
    pub fn from_toml(text: &str, path: &str) -> Result<Map, MapError> {
        let raw: RawMap = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1).unwrap_or(0);
            MapError::Invalid {
                path: path.to_string(),
                problems: vec![MapProblem { line, name: "syntax".into(), message: e.message().to_string() }],
            }
        })?;
        let mut problems = Problems { text, list: Vec::new() };
        let map = build(raw, &mut problems);
        if problems.list.is_empty() {
            Ok(map)
        } else {
            problems.list.sort_by_key(|p| p.line);
            Err(MapError::Invalid { path: path.to_string(), problems: problems.list })
        }
    }
}

fn build(raw: RawMap, pr: &mut Problems<'_>) -> Map {
    if raw.province.len() > MAX_PROVINCES {
        pr.add(0, "province", format!("{} provinces; at most {MAX_PROVINCES} are supported", raw.province.len()));
    }
    if raw.power.len() > MAX_POWERS || raw.power.is_empty() {
        pr.add(0, "power", format!("{} powers; between 1 and {MAX_POWERS} are supported", raw.power.len()));
    }
    let provinces_raw: Vec<_> = raw.province.iter().take(MAX_PROVINCES).collect();
    let n = provinces_raw.len();

    // Province abbreviations and names.
    let mut by_abbr: HashMap<String, Province> = HashMap::new();
    let mut names: HashMap<String, Province> = HashMap::new();
    for (i, p) in provinces_raw.iter().enumerate() {
        let id = Province(i as u8);
        let span = p.span().start;
        let abbr = p.get_ref().abbr.to_ascii_uppercase();
        if by_abbr.insert(abbr.clone(), id).is_some() {
            pr.add(span, format!("province {abbr:?}"), "duplicate abbreviation");
        }
        if abbr.contains('/') || abbr.is_empty() {
            pr.add(span, format!("province {abbr:?}"), "an abbreviation must be non-empty and contain no '/'");
        }
    }
    for (i, p) in provinces_raw.iter().enumerate() {
        let id = Province(i as u8);
        let raw_p = p.get_ref();
        let mut all = vec![raw_p.abbr.clone(), raw_p.name.clone()];
        all.extend(raw_p.aliases.iter().cloned());
        for name in all {
            let key = normalize_name(&name);
            match names.get(&key) {
                Some(&other) if other != id => pr.add(
                    p.span().start,
                    format!("province {:?}", raw_p.abbr),
                    format!("name {name:?} is also used by province {:?}", provinces_raw[other.index()].get_ref().abbr),
                ),
                _ => {
                    names.insert(key, id);
                }
            }
        }
    }

    // Locations: provinces first, then coasts.
    let mut locations: Vec<LocationInfo> = (0..n)
        .map(|i| LocationInfo {
            province: Province(i as u8),
            coast: None,
            army_adj: LocationSet::EMPTY,
            fleet_adj: LocationSet::EMPTY,
            army_reach: ProvinceSet::EMPTY,
            fleet_reach: ProvinceSet::EMPTY,
        })
        .collect();
    let mut provinces: Vec<ProvinceInfo> = Vec::with_capacity(n);
    for (i, p) in provinces_raw.iter().enumerate() {
        let rp = p.get_ref();
        let terrain = match rp.kind {
            RawKind::Land => Terrain::Land,
            RawKind::Coast => Terrain::Coast,
            RawKind::Sea => Terrain::Sea,
            RawKind::Impassable => Terrain::Impassable,
        };
        let mut coasts = Vec::new();
        if let Some(cs) = &rp.coasts {
            if terrain != Terrain::Coast {
                pr.add(p.span().start, format!("province {:?}", rp.abbr), "has coasts but is not of kind \"coast\"");
            }
            if rp.fleet.is_some() {
                pr.add(
                    p.span().start,
                    format!("province {:?}", rp.abbr),
                    "has both `fleet` and `coasts`; a bicoastal province lists fleet moves per coast",
                );
            }
            for c in cs.keys() {
                match Coast::from_abbr(c) {
                    Some(coast) if locations.len() < MAX_PROVINCES => {
                        coasts.push(Location(locations.len() as u8));
                        locations.push(LocationInfo {
                            province: Province(i as u8),
                            coast: Some(coast),
                            army_adj: LocationSet::EMPTY,
                            fleet_adj: LocationSet::EMPTY,
                            army_reach: ProvinceSet::EMPTY,
                            fleet_reach: ProvinceSet::EMPTY,
                        });
                    }
                    Some(_) => pr.add(p.span().start, "locations", format!("more than {MAX_PROVINCES} locations")),
                    None => pr.add(
                        p.span().start,
                        format!("province {:?}", rp.abbr),
                        format!("unknown coast {c:?} (use NC, SC, EC or WC)"),
                    ),
                }
            }
        }
        provinces.push(ProvinceInfo {
            abbr: rp.abbr.to_ascii_uppercase(),
            name: rp.name.clone(),
            terrain,
            center: rp.center,
            home_of: None,
            coasts,
        });
    }

    let mut loc_names: HashMap<String, Location> = HashMap::new();
    for (i, l) in locations.iter().enumerate() {
        let abbr = &provinces[l.province.index()].abbr;
        let name = match l.coast {
            Some(c) => format!("{abbr}/{}", c.abbr()),
            None => abbr.clone(),
        };
        loc_names.insert(name, Location(i as u8));
    }
    let resolve_loc = |text: &str| -> Result<Location, String> {
        let upper = text.to_ascii_uppercase();
        if let Some(&l) = loc_names.get(&upper) {
            return Ok(l);
        }
        match upper.split_once('/') {
            Some((p, c)) if by_abbr.contains_key(p) => Err(format!("province {p:?} has no coast {c:?}")),
            Some((p, _)) => Err(format!("unknown province {p:?}")),
            None => Err(format!("unknown province {text:?}")),
        }
    };

    // Adjacency.
    for (i, p) in provinces_raw.iter().enumerate() {
        let rp = p.get_ref();
        let me = format!("province {:?}", rp.abbr);
        let terrain = provinces[i].terrain;
        if !rp.army.is_empty() && !matches!(terrain, Terrain::Land | Terrain::Coast) {
            pr.add(p.span().start, &me, "a sea or impassable province cannot have army adjacency");
        }
        for a in &rp.army {
            match resolve_loc(a.get_ref()) {
                Ok(l) if locations[l.index()].coast.is_some() => pr.add(
                    a.span().start,
                    &me,
                    format!("army adjacency {:?} names a coast; armies move between provinces", a.get_ref()),
                ),
                Ok(l) if !matches!(provinces[l.index()].terrain, Terrain::Land | Terrain::Coast) => pr.add(
                    a.span().start,
                    &me,
                    format!("army adjacency to {:?}, which armies cannot enter", a.get_ref()),
                ),
                Ok(l) => locations[i].army_adj.insert(l),
                Err(e) => pr.add(a.span().start, &me, format!("army adjacency names {e}")),
            }
        }
        let mut fleet_lists: Vec<(Location, &Vec<Spanned<String>>)> = Vec::new();
        if let Some(f) = &rp.fleet {
            fleet_lists.push((Location(i as u8), f));
        }
        if let Some(cs) = &rp.coasts {
            for (c, list) in cs {
                if let Some(l) = Coast::from_abbr(c)
                    .and_then(|c| provinces[i].coasts.iter().copied().find(|l| locations[l.index()].coast == Some(c)))
                {
                    fleet_lists.push((l, list));
                }
            }
        }
        if !fleet_lists.is_empty() && matches!(terrain, Terrain::Land | Terrain::Impassable) {
            pr.add(p.span().start, &me, "a land or impassable province cannot have fleet adjacency");
        }
        for (from, list) in fleet_lists {
            for f in list {
                match resolve_loc(f.get_ref()) {
                    Ok(l)
                        if !matches!(
                            provinces[locations[l.index()].province.index()].terrain,
                            Terrain::Sea | Terrain::Coast
                        ) =>
                    {
                        pr.add(
                            f.span().start,
                            &me,
                            format!("fleet adjacency to {:?}, which fleets cannot enter", f.get_ref()),
                        )
                    }
                    Ok(l) if locations[l.index()].coast.is_none() && !provinces[l.index()].coasts.is_empty() => pr.add(
                        f.span().start,
                        &me,
                        format!("fleet adjacency to bicoastal {:?} must name the coast", f.get_ref()),
                    ),
                    Ok(l) => locations[from.index()].fleet_adj.insert(l),
                    Err(e) => pr.add(f.span().start, &me, format!("fleet adjacency names {e}")),
                }
            }
        }
    }
    // Symmetry.
    for a in 0..locations.len() {
        let pa = locations[a].province.index();
        for b in locations[a].army_adj.iter() {
            if !locations[b.index()].army_adj.contains(Location(a as u8)) {
                pr.add(
                    provinces_raw[pa].span().start,
                    format!("province {:?}", provinces[pa].abbr),
                    format!(
                        "army adjacency to {:?} is not mirrored: {:?} does not list {:?}",
                        provinces[b.index()].abbr,
                        provinces[b.index()].abbr,
                        provinces[pa].abbr
                    ),
                );
            }
        }
        for b in locations[a].fleet_adj.iter() {
            if !locations[b.index()].fleet_adj.contains(Location(a as u8)) {
                let name = |l: usize| {
                    let info = &locations[l];
                    let abbr = &provinces[info.province.index()].abbr;
                    match info.coast {
                        Some(c) => format!("{abbr}/{}", c.abbr()),
                        None => abbr.clone(),
                    }
                };
                pr.add(
                    provinces_raw[pa].span().start,
                    format!("province {:?}", provinces[pa].abbr),
                    format!(
                        "fleet adjacency to {:?} is not mirrored: {:?} does not list {:?}",
                        name(b.index()),
                        name(b.index()),
                        name(a)
                    ),
                );
            }
        }
    }
    for l in &mut locations {
        l.army_reach = ProvinceSet(l.army_adj.0);
    }
    for a in 0..locations.len() {
        let reach: ProvinceSet = locations[a].fleet_adj.iter().map(|l| locations[l.index()].province).collect();
        locations[a].fleet_reach = reach;
    }

    // Powers, homes and units.
    let mut powers = Vec::new();
    let mut occupied = ProvinceSet::EMPTY;
    let mut power_names: HashMap<String, ()> = HashMap::new();
    for (pi, p) in raw.power.iter().take(MAX_POWERS).enumerate() {
        let rp = p.get_ref();
        let me = format!("power {:?}", rp.name);
        if power_names.insert(rp.name.to_ascii_uppercase(), ()).is_some() {
            pr.add(p.span().start, &me, "duplicate power name");
        }
        let mut home = ProvinceSet::EMPTY;
        for h in &rp.home {
            match by_abbr.get(&h.get_ref().to_ascii_uppercase()) {
                None => pr.add(h.span().start, &me, format!("home centre names unknown province {:?}", h.get_ref())),
                Some(&prov) if !provinces[prov.index()].center => {
                    pr.add(h.span().start, &me, format!("home centre {:?} is not a supply centre", h.get_ref()))
                }
                Some(&prov) => {
                    if let Some(other) = provinces[prov.index()].home_of {
                        pr.add(
                            h.span().start,
                            &me,
                            format!(
                                "home centre {:?} is also a home centre of {:?}",
                                h.get_ref(),
                                raw.power[other.index()].get_ref().name
                            ),
                        );
                    }
                    provinces[prov.index()].home_of = Some(super::Power(pi as u8));
                    home.insert(prov);
                }
            }
        }
        let mut units = Vec::new();
        for u in &rp.units {
            let text = u.get_ref().trim();
            let (kind, loc) = match text.split_once(' ') {
                Some(("A", l)) => (UnitKind::Army, l.trim()),
                Some(("F", l)) => (UnitKind::Fleet, l.trim()),
                _ => {
                    pr.add(
                        u.span().start,
                        &me,
                        format!("starting unit {text:?} is not of the form \"A PAR\" or \"F STP/SC\""),
                    );
                    continue;
                }
            };
            match resolve_loc(loc) {
                Err(e) => pr.add(u.span().start, &me, format!("starting unit {text:?}: {e}")),
                Ok(l) => {
                    let info = &locations[l.index()];
                    let prov = &provinces[info.province.index()];
                    let bad = match kind {
                        UnitKind::Army
                            if info.coast.is_some() || !matches!(prov.terrain, Terrain::Land | Terrain::Coast) =>
                        {
                            Some("an army must stand on a land or coast province, without a coast")
                        }
                        UnitKind::Fleet if !matches!(prov.terrain, Terrain::Sea | Terrain::Coast) => {
                            Some("a fleet cannot stand inland")
                        }
                        UnitKind::Fleet if info.coast.is_none() && !prov.coasts.is_empty() => {
                            Some("a fleet on a bicoastal province must name its coast")
                        }
                        _ => None,
                    };
                    if let Some(why) = bad {
                        pr.add(u.span().start, &me, format!("starting unit {text:?}: {why}"));
                    } else if occupied.contains(info.province) {
                        pr.add(
                            u.span().start,
                            &me,
                            format!("starting unit {text:?}: another unit already starts in {}", prov.abbr),
                        );
                    } else {
                        occupied.insert(info.province);
                        units.push((kind, l));
                    }
                }
            }
        }
        powers.push(PowerInfo { name: rp.name.to_ascii_uppercase(), adjective: rp.adjective.clone(), home, units });
    }

    let centers: ProvinceSet =
        provinces.iter().enumerate().filter(|(_, p)| p.center).map(|(i, _)| Province(i as u8)).collect();
    if raw.victory_centers == 0 || raw.victory_centers > centers.len() {
        pr.add(
            0,
            "victory_centers",
            format!("{} is not between 1 and the {} supply centres", raw.victory_centers, centers.len()),
        );
    }
    let any_adj = (0..n)
        .map(|i| {
            let mut s = locations[i].army_reach;
            s |= locations[i].fleet_reach;
            for &c in &provinces[i].coasts {
                s |= locations[c.index()].fleet_reach;
            }
            s
        })
        .collect();
    let seas = provinces
        .iter()
        .enumerate()
        .filter(|(_, p)| p.terrain == Terrain::Sea)
        .map(|(i, _)| Province(i as u8))
        .collect();
    let sea_spread = (0..n)
        .map(|p| {
            let fleet_reach = |q: usize| {
                let mut r = locations[q].fleet_reach;
                for &c in &provinces[q].coasts {
                    r |= locations[c.index()].fleet_reach;
                }
                r
            };
            let mut seen = fleet_reach(p) & seas;
            let mut frontier = seen;
            while !frontier.is_empty() {
                let mut next = ProvinceSet::EMPTY;
                for s in frontier.iter() {
                    next |= fleet_reach(s.index()) & seas & !seen;
                }
                seen |= next;
                frontier = next;
            }
            seen
        })
        .collect();
    Map {
        name: raw.name,
        victory_centers: raw.victory_centers,
        start_year: raw.start_year,
        powers,
        provinces,
        locations,
        names,
        centers,
        seas,
        sea_spread,
        any_adj,
    }
}
