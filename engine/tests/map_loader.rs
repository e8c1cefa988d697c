//! The map loader: the embedded standard map, and broken maps made by editing its text.

use legate_engine::map::{Coast, MapError, MapProblem, Terrain, UnitKind, STANDARD_TOML};
use legate_engine::Map;

const PATH: &str = "maps/broken.toml";

/// `text` with `from` (which must occur exactly once) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur exactly once in the map text");
    text.replacen(from, to, 1)
}

/// The 1-based line on which `needle` (which must occur exactly once) starts.
fn line_of(text: &str, needle: &str) -> usize {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} must occur exactly once in the edited text");
    let at = text.find(needle).unwrap();
    text[..at].matches('\n').count() + 1
}

/// The lines of the `[[province]]` table whose abbreviation is `abbr`: from its header to the
/// line before the next table.
fn province_block(text: &str, abbr: &str) -> std::ops::RangeInclusive<usize> {
    let abbr_line = line_of(text, &format!("abbr = \"{abbr}\"\n"));
    let lines: Vec<&str> = text.lines().collect();
    let header = (1..abbr_line).rev().find(|&l| lines[l - 1].trim() == "[[province]]").expect("a [[province]] header");
    let end = (abbr_line + 1..=lines.len())
        .find(|&l| lines[l - 1].trim_start().starts_with("[["))
        .map_or(lines.len(), |l| l - 1);
    header..=end
}

/// The problems of a map that must not load, checking the error's rendering on the way.
fn problems(text: &str) -> (String, Vec<MapProblem>) {
    match Map::from_toml(text, PATH) {
        Ok(_) => panic!("the broken map loaded"),
        Err(e @ MapError::Invalid { .. }) => {
            let rendered = e.to_string();
            let MapError::Invalid { path, problems } = e else { unreachable!() };
            assert_eq!(path, PATH);
            assert!(!problems.is_empty());
            assert!(rendered.contains(&format!("({} problem(s))", problems.len())), "{rendered}");
            for p in &problems {
                let line = format!("{PATH}:{}: {}: {}", p.line, p.name, p.message);
                assert!(rendered.contains(&line), "rendered error lacks {line:?}:\n{rendered}");
            }
            let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
            let mut sorted = lines.clone();
            sorted.sort();
            assert_eq!(lines, sorted, "problems are listed in file order");
            (rendered, problems)
        }
        Err(e) => panic!("expected an invalid-map error, got {e}"),
    }
}

/// The one problem whose message contains `needle`.
fn find<'a>(problems: &'a [MapProblem], needle: &str) -> &'a MapProblem {
    let found: Vec<&MapProblem> = problems.iter().filter(|p| p.message.contains(needle)).collect();
    assert_eq!(found.len(), 1, "expected one problem mentioning {needle:?}, got {problems:#?}");
    found[0]
}

fn loc(map: &Map, text: &str) -> legate_engine::map::Location {
    map.parse_location(text).unwrap_or_else(|| panic!("no location {text:?}"))
}

fn names(map: &Map, set: legate_engine::map::LocationSet) -> Vec<String> {
    let mut v: Vec<String> = set.iter().map(|l| map.loc_name(l).to_string()).collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// The standard map

#[test]
fn standard_map_counts() {
    let map = Map::standard();
    assert_eq!(map.name, "standard");
    assert_eq!(map.province_count(), 76);
    assert_eq!(map.power_count(), 7);
    assert_eq!(map.centers().len(), 34);
    assert_eq!(map.victory_centers, 18);
    assert_eq!(map.start_year, 1901);
    // Six coasts: BUL/EC, BUL/SC, SPA/NC, SPA/SC, STP/NC, STP/SC.
    assert_eq!(map.location_count(), 76 + 6);
    let units: usize = map.powers().map(|p| map.power(p).units.len()).sum();
    assert_eq!(units, 22);
    let homes: usize = map.powers().map(|p| map.power(p).home.len()).sum();
    assert_eq!(homes, 22);
    assert_eq!(map.seas().len(), 19);
    let names: Vec<&str> = map.powers().map(|p| map.power_name(p)).collect();
    assert_eq!(names, ["AUSTRIA", "ENGLAND", "FRANCE", "GERMANY", "ITALY", "RUSSIA", "TURKEY"]);
    let russia = map.power_by_name("russia").unwrap();
    assert_eq!(map.power(russia).units.len(), 4);
    assert_eq!(map.power(russia).home.len(), 4);
    assert_eq!(map.power(russia).adjective, "Russian");
}

#[test]
fn standard_map_loads_from_its_text_and_file() {
    let from_text = Map::from_toml(STANDARD_TOML, "standard.toml").expect("the embedded map is valid");
    assert_eq!(from_text.province_count(), 76);
    let from_name = Map::load("standard").unwrap();
    assert_eq!(from_name.province_count(), 76);
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../maps/standard.toml");
    let from_file = Map::load(file).expect("maps/standard.toml loads by path");
    assert_eq!(from_file.location_count(), from_text.location_count());
    for l in from_file.locations() {
        assert_eq!(from_file.loc_name(l).to_string(), from_text.loc_name(l).to_string());
        assert_eq!(from_file.adjacent(UnitKind::Army, l), from_text.adjacent(UnitKind::Army, l));
        assert_eq!(from_file.adjacent(UnitKind::Fleet, l), from_text.adjacent(UnitKind::Fleet, l));
    }
}

#[test]
fn standard_starting_units_and_homes() {
    let map = Map::standard();
    let mut all: Vec<String> = map
        .powers()
        .flat_map(|p| map.power(p).units.iter().map(move |&(k, l)| (p, k, l)))
        .map(|(p, k, l)| format!("{} {} {}", map.power_name(p), k.letter(), map.loc_name(l)))
        .collect();
    all.sort();
    assert!(all.contains(&"RUSSIA F STP/SC".to_string()), "{all:?}");
    assert!(all.contains(&"ENGLAND F LON".to_string()));
    assert!(all.contains(&"TURKEY A CON".to_string()));
    assert!(all.contains(&"GERMANY F KIE".to_string()));
    let par = map.province_by_name("PAR").unwrap();
    assert_eq!(map.province(par).home_of, map.power_by_name("FRANCE"));
    assert!(map.province(par).center);
    let bel = map.province_by_name("BEL").unwrap();
    assert!(map.province(bel).center);
    assert_eq!(map.province(bel).home_of, None);
    let bur = map.province_by_name("BUR").unwrap();
    assert!(!map.province(bur).center);
    for p in map.powers() {
        for c in map.power(p).home.iter() {
            assert!(map.centers().contains(c), "home centre {} is a centre", map.abbr(c));
            assert_eq!(map.province(c).home_of, Some(p));
        }
    }
}

#[test]
fn standard_terrain() {
    let map = Map::standard();
    let terrain = |n: &str| map.province(map.province_by_name(n).unwrap()).terrain;
    assert_eq!(terrain("SWI"), Terrain::Impassable);
    assert_eq!(terrain("NTH"), Terrain::Sea);
    assert_eq!(terrain("PAR"), Terrain::Land);
    assert_eq!(terrain("BRE"), Terrain::Coast);
    for bi in ["SPA", "STP", "BUL"] {
        assert!(map.is_bicoastal(map.province_by_name(bi).unwrap()), "{bi}");
    }
    assert!(!map.is_bicoastal(map.province_by_name("POR").unwrap()));
    // Who may stand where.
    assert!(map.can_stand(UnitKind::Army, loc(&map, "PAR")));
    assert!(!map.can_stand(UnitKind::Fleet, loc(&map, "PAR")));
    assert!(!map.can_stand(UnitKind::Army, loc(&map, "NTH")));
    assert!(map.can_stand(UnitKind::Fleet, loc(&map, "NTH")));
    assert!(!map.can_stand(UnitKind::Fleet, loc(&map, "STP")), "a fleet on a bicoastal province needs a coast");
    assert!(map.can_stand(UnitKind::Fleet, loc(&map, "STP/NC")));
    assert!(!map.can_stand(UnitKind::Army, loc(&map, "STP/NC")), "armies stand on the bare province");
    assert!(map.can_stand(UnitKind::Army, loc(&map, "STP")));
    assert!(!map.can_stand(UnitKind::Army, loc(&map, "SWI")));
    assert!(!map.can_stand(UnitKind::Fleet, loc(&map, "SWI")));
}

#[test]
fn standard_adjacency_facts() {
    let map = Map::standard();
    let fleet = |from: &str| names(&map, map.adjacent(UnitKind::Fleet, loc(&map, from)));
    let army = |from: &str| names(&map, map.adjacent(UnitKind::Army, loc(&map, from)));

    assert_eq!(fleet("SPA/NC"), ["GAS", "MAO", "POR"]);
    assert_eq!(fleet("SPA/SC"), ["LYO", "MAO", "MAR", "POR", "WES"]);
    assert_eq!(fleet("STP/NC"), ["BAR", "NWY"]);
    assert_eq!(fleet("STP/SC"), ["BOT", "FIN", "LVN"]);
    assert!(fleet("MAO").contains(&"SPA/NC".to_string()) && fleet("MAO").contains(&"SPA/SC".to_string()));
    assert!(fleet("GAS").contains(&"SPA/NC".to_string()) && !fleet("GAS").contains(&"SPA/SC".to_string()));
    assert!(fleet("BAR").contains(&"STP/NC".to_string()));
    // A bare bicoastal province has no fleet moves of its own.
    assert!(fleet("SPA").is_empty());

    assert!(army("KIE").contains(&"DEN".to_string()));
    assert!(army("DEN").contains(&"KIE".to_string()));
    assert!(fleet("KIE").contains(&"DEN".to_string()));
    assert_eq!(army("PAR"), ["BRE", "BUR", "GAS", "PIC"]);
    assert!(army("STP").contains(&"NWY".to_string()));

    // Rome and Venice touch by land only.
    assert!(army("ROM").contains(&"VEN".to_string()));
    assert!(!fleet("ROM").contains(&"VEN".to_string()));
    assert!(!fleet("VEN").contains(&"ROM".to_string()));
    assert!(!map.reach(UnitKind::Fleet, loc(&map, "ROM")).contains(map.province_by_name("VEN").unwrap()));
    // No army at sea, nobody into Switzerland.
    assert!(army("NTH").is_empty());
    assert!(!army("MUN").contains(&"SWI".to_string()));
    assert!(army("SWI").is_empty() && fleet("SWI").is_empty());
    // A fleet at MAO reaches Spain (either coast) for supports.
    assert!(map.reach(UnitKind::Fleet, loc(&map, "MAO")).contains(map.province_by_name("SPA").unwrap()));
    // A fleet on SPA/NC cannot reach MAR, but one on SPA/SC can.
    let mar = map.province_by_name("MAR").unwrap();
    assert!(!map.reach(UnitKind::Fleet, loc(&map, "SPA/NC")).contains(mar));
    assert!(map.reach(UnitKind::Fleet, loc(&map, "SPA/SC")).contains(mar));
    // Civil-disorder neighbours combine both kinds of adjacency.
    let n = map.neighbours(map.province_by_name("SPA").unwrap());
    for p in ["GAS", "MAR", "POR", "MAO", "LYO", "WES"] {
        assert!(n.contains(map.province_by_name(p).unwrap()), "SPA neighbours {p}");
    }
}

#[test]
fn standard_adjacency_is_symmetric_and_well_typed() {
    let map = Map::standard();
    for a in map.locations() {
        for kind in [UnitKind::Army, UnitKind::Fleet] {
            for b in map.adjacent(kind, a).iter() {
                assert!(
                    map.adjacent(kind, b).contains(a),
                    "{kind:?} {} -> {} is not mirrored",
                    map.loc_name(a),
                    map.loc_name(b)
                );
                assert!(
                    map.can_stand(kind, b),
                    "{kind:?} {} -> {}: cannot stand there",
                    map.loc_name(a),
                    map.loc_name(b)
                );
                assert_ne!(map.province_of(a), map.province_of(b));
            }
        }
    }
}

#[test]
fn names_and_locations_parse() {
    let map = Map::standard();
    let stp = map.province_by_name("STP").unwrap();
    for n in ["stp", "St Petersburg", "saint petersburg", "st. petersburg", "ST PETERSBURG", "stpete"] {
        assert_eq!(map.province_by_name(n), Some(stp), "{n}");
    }
    assert_eq!(map.province_by_name("gulf of lyons"), map.province_by_name("LYO"));
    assert_eq!(map.province_by_name("Mid-Atlantic Ocean"), map.province_by_name("MAO"));
    assert_eq!(map.parse_location("mid-atlantic"), map.parse_location("MAO"));
    assert_eq!(map.province_by_name("xyz"), None);
    let nc = map.coast_location(stp, Coast::North).unwrap();
    for t in ["STP/NC", "stp/nc", "stp nc", "St Petersburg (north coast)", "St Petersburg north coast", "stp(nc)"] {
        assert_eq!(map.parse_location(t), Some(nc), "{t}");
    }
    assert_eq!(map.loc_name(nc).to_string(), "STP/NC");
    assert_eq!(map.province_of(nc), stp);
    assert_eq!(map.parse_location("STP/EC"), None, "STP has no east coast");
    assert_eq!(map.parse_location("PAR/NC"), None);
    assert_eq!(map.parse_location("Paris"), Some(map.main_location(map.province_by_name("PAR").unwrap())));
}

#[test]
fn load_missing_file_names_it() {
    let path = "/nonexistent/dir/mine.toml";
    let err = Map::load(path).unwrap_err();
    assert!(matches!(err, MapError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains(path), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Broken maps

#[test]
fn unknown_province_in_army_adjacency() {
    let text = edit(
        STANDARD_TOML,
        "army = [\"BEL\", \"GAS\", \"MAR\", \"MUN\", \"PAR\", \"PIC\", \"RUH\"]",
        "army = [\"BEL\", \"GAS\", \"MAR\", \"MUN\", \"PAR\", \"PIC\", \"RUH\", \"PAX\"]",
    );
    let (rendered, ps) = problems(&text);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let p = find(&ps, "PAX");
    assert_eq!(p.name, "province \"BUR\"");
    assert!(p.message.contains("unknown province"), "{}", p.message);
    let line = line_of(&text, "\"PAX\"");
    assert_eq!(p.line, line);
    assert!(rendered.contains(&format!("{PATH}:{line}: province \"BUR\": ")), "{rendered}");
}

#[test]
fn unknown_location_in_fleet_adjacency() {
    // A coast that Spain does not have, and a province that does not exist.
    let text = edit(
        STANDARD_TOML,
        "fleet = [\"ALB\", \"APU\", \"ION\", \"TRI\", \"VEN\"]",
        "fleet = [\"ALB\", \"APU\", \"ION\", \"TRI\", \"VEN\", \"SPA/EC\", \"QQQ\"]",
    );
    let (_, ps) = problems(&text);
    assert_eq!(ps.len(), 2, "{ps:#?}");
    let coast = find(&ps, "EC");
    assert_eq!(coast.name, "province \"ADR\"");
    assert!(coast.message.contains("SPA"), "{}", coast.message);
    assert_eq!(coast.line, line_of(&text, "\"SPA/EC\""));
    let unknown = find(&ps, "QQQ");
    assert!(unknown.message.contains("unknown province"), "{}", unknown.message);
    assert_eq!(unknown.line, line_of(&text, "\"QQQ\""));
}

#[test]
fn fleet_adjacency_to_bicoastal_must_name_coast() {
    let text = edit(
        STANDARD_TOML,
        "fleet = [\"ALB\", \"APU\", \"ION\", \"TRI\", \"VEN\"]",
        "fleet = [\"ALB\", \"APU\", \"ION\", \"TRI\", \"VEN\", \"BUL\"]",
    );
    let (_, ps) = problems(&text);
    let p = find(&ps, "must name the coast");
    assert_eq!(p.name, "province \"ADR\"");
    assert_eq!(p.line, line_of(&text, "\"BUL\"]"));
}

#[test]
fn asymmetric_army_adjacency() {
    // Denmark forgets Kiel; Kiel still lists Denmark.
    let text = edit(STANDARD_TOML, "army = [\"KIE\", \"SWE\"]", "army = [\"SWE\"]");
    let (rendered, ps) = problems(&text);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let p = &ps[0];
    assert_eq!(p.name, "province \"KIE\"");
    assert!(p.message.contains("not mirrored") && p.message.contains("DEN"), "{}", p.message);
    assert!(
        province_block(&text, "KIE").contains(&p.line),
        "line {} is not in KIE's table {:?}",
        p.line,
        province_block(&text, "KIE")
    );
    assert!(rendered.contains(&format!("{PATH}:{}: province \"KIE\"", p.line)));
}

#[test]
fn asymmetric_fleet_adjacency_between_coasts() {
    // The Gulf of Bothnia forgets St Petersburg's south coast.
    let bot_fleet = STANDARD_TOML
        .lines()
        .skip_while(|l| *l != "abbr = \"BOT\"")
        .find(|l| l.starts_with("fleet = "))
        .expect("BOT has fleet adjacency")
        .to_string();
    assert!(bot_fleet.contains("\"STP/SC\""));
    let without = bot_fleet.replace(", \"STP/SC\"", "").replace("\"STP/SC\", ", "");
    let text = edit(STANDARD_TOML, &bot_fleet, &without);
    let (_, ps) = problems(&text);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let p = &ps[0];
    assert_eq!(p.name, "province \"STP\"");
    assert!(p.message.contains("STP/SC") && p.message.contains("BOT"), "{}", p.message);
    assert!(province_block(&text, "STP").contains(&p.line), "line {}", p.line);
}

#[test]
fn home_centre_not_a_supply_centre() {
    let text = edit(STANDARD_TOML, "home = [\"BRE\", \"MAR\", \"PAR\"]", "home = [\"BRE\", \"MAR\", \"PAR\", \"BUR\"]");
    let (rendered, ps) = problems(&text);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let p = &ps[0];
    assert_eq!(p.name, "power \"FRANCE\"");
    assert!(p.message.contains("BUR") && p.message.contains("not a supply centre"), "{}", p.message);
    let line = line_of(&text, "\"PAR\", \"BUR\"]");
    assert_eq!(p.line, line);
    assert!(rendered.contains(&format!("{PATH}:{line}: power \"FRANCE\": ")), "{rendered}");
}

#[test]
fn home_centre_shared_by_two_powers() {
    let text = edit(STANDARD_TOML, "home = [\"BRE\", \"MAR\", \"PAR\"]", "home = [\"BRE\", \"MAR\", \"PAR\", \"MUN\"]");
    let (_, ps) = problems(&text);
    let p = find(&ps, "MUN");
    assert!(p.message.contains("also a home centre"), "{}", p.message);
}

#[test]
fn coasts_on_a_non_coastal_province() {
    let text = edit(
        STANDARD_TOML,
        "abbr = \"SPA\"\nname = \"Spain\"\nkind = \"coast\"",
        "abbr = \"SPA\"\nname = \"Spain\"\nkind = \"land\"",
    );
    let (_, ps) = problems(&text);
    let p = find(&ps, "has coasts but is not of kind");
    assert_eq!(p.name, "province \"SPA\"");
    assert!(province_block(&text, "SPA").contains(&p.line), "line {}", p.line);
    // The knock-on effects are reported too: neighbours' fleets cannot enter a land province.
    assert!(ps.iter().any(|q| q.name == "province \"MAO\"" && q.message.contains("fleets cannot enter")), "{ps:#?}");
}

#[test]
fn coasts_together_with_fleet() {
    let text = edit(
        STANDARD_TOML,
        "coasts = { NC = [\"GAS\", \"MAO\", \"POR\"], SC = [\"LYO\", \"MAO\", \"MAR\", \"POR\", \"WES\"] }",
        "fleet = []\ncoasts = { NC = [\"GAS\", \"MAO\", \"POR\"], SC = [\"LYO\", \"MAO\", \"MAR\", \"POR\", \"WES\"] }",
    );
    let (_, ps) = problems(&text);
    let p = find(&ps, "both `fleet` and `coasts`");
    assert_eq!(p.name, "province \"SPA\"");
}

#[test]
fn toml_syntax_error() {
    let text = edit(STANDARD_TOML, "name = \"Denmark\"", "name = \"Denmark");
    let (rendered, ps) = problems(&text);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].name, "syntax");
    let line = line_of(&text, "name = \"Denmark\n");
    assert_eq!(ps[0].line, line);
    assert!(rendered.contains(&format!("{PATH}:{line}: syntax: ")), "{rendered}");
}

#[test]
fn unknown_key_is_a_schema_error() {
    let text = edit(STANDARD_TOML, "abbr = \"BUR\"\n", "abbr = \"BUR\"\ncolour = \"red\"\n");
    let (rendered, ps) = problems(&text);
    assert_eq!(ps.len(), 1);
    assert!(ps[0].message.contains("colour"), "{rendered}");
    assert!(ps[0].line > 0, "schema errors have a line");
}

#[test]
fn bad_starting_units() {
    // A fleet on a bicoastal province without its coast; an army at sea; two units in one province.
    let mut text = edit(
        STANDARD_TOML,
        "units = [\"A MOS\", \"F SEV\", \"F STP/SC\", \"A WAR\"]",
        "units = [\"A MOS\", \"F SEV\", \"F STP\", \"A WAR\"]",
    );
    text = edit(
        &text,
        "units = [\"F EDI\", \"F LON\", \"A LVP\"]",
        "units = [\"F EDI\", \"F LON\", \"A LVP\", \"A NTH\"]",
    );
    text = edit(
        &text,
        "units = [\"F ANK\", \"A CON\", \"A SMY\"]",
        "units = [\"F ANK\", \"A CON\", \"A SMY\", \"A VIE\"]",
    );
    let (_, ps) = problems(&text);
    assert_eq!(ps.len(), 3, "{ps:#?}");
    let stp = find(&ps, "\"F STP\"");
    assert_eq!(stp.name, "power \"RUSSIA\"");
    assert!(stp.message.contains("coast"), "{}", stp.message);
    assert_eq!(stp.line, line_of(&text, "\"F STP\""));
    let nth = find(&ps, "\"A NTH\"");
    assert_eq!(nth.name, "power \"ENGLAND\"");
    assert_eq!(nth.line, line_of(&text, "\"A NTH\""));
    let vie = find(&ps, "\"A VIE\":");
    assert_eq!(vie.name, "power \"TURKEY\"");
    assert!(vie.message.contains("already"), "{}", vie.message);
}

#[test]
fn duplicate_abbreviation_and_victory_threshold() {
    let mut text = edit(STANDARD_TOML, "abbr = \"BUR\"\n", "abbr = \"PAR\"\n");
    text = edit(&text, "victory_centers = 18", "victory_centers = 35");
    let (_, ps) = problems(&text);
    let dup = ps.iter().find(|p| p.message.contains("duplicate abbreviation")).unwrap_or_else(|| panic!("{ps:#?}"));
    assert_eq!(dup.name, "province \"PAR\"");
    let v = ps.iter().find(|p| p.name == "victory_centers").unwrap_or_else(|| panic!("{ps:#?}"));
    assert!(v.message.contains("35") && v.message.contains("34"), "{}", v.message);
}

#[test]
fn several_problems_are_all_reported_in_file_order() {
    let mut text = STANDARD_TOML.to_string();
    text = edit(&text, "home = [\"BRE\", \"MAR\", \"PAR\"]", "home = [\"BRE\", \"MAR\", \"PAR\", \"BUR\"]");
    text = edit(&text, "army = [\"KIE\", \"SWE\"]", "army = [\"SWE\"]");
    text = edit(
        &text,
        "army = [\"BEL\", \"GAS\", \"MAR\", \"MUN\", \"PAR\", \"PIC\", \"RUH\"]",
        "army = [\"BEL\", \"GAS\", \"MAR\", \"MUN\", \"PAR\", \"PIC\", \"RUH\", \"PAX\"]",
    );
    let (rendered, ps) = problems(&text);
    assert_eq!(ps.len(), 3, "{rendered}");
    assert!(rendered.starts_with(&format!("invalid map file {PATH} (3 problem(s)):")), "{rendered}");
    let home = find(&ps, "not a supply centre");
    assert_eq!(home.line, line_of(&text, "\"PAR\", \"BUR\"]"));
    let pax = find(&ps, "PAX");
    assert_eq!(pax.line, line_of(&text, "\"PAX\""));
    let kie = find(&ps, "not mirrored");
    assert_eq!(kie.name, "province \"KIE\"");
    // Home (powers come first in the file) < BUR < KIE.
    assert!(home.line < pax.line && pax.line < kie.line);
    assert_eq!(ps[0], *home);
    assert_eq!(ps[2], *kie);
}
