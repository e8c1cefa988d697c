//! Export of a game record to the saved-game JSON of the MILA `diplomacy` Python package
//! (`diplomacy.utils.export.to_saved_game_format`), so its viewer and analysis scripts can read
//! our games.

use crate::adjudicate::Reason;
use crate::game::{Header, PhaseRecord};
use crate::position::Position;
use serde_json::{json, Map as JsonMap, Value};

/// MILA's result words for one of our order results.
fn mila_results(result: &str, reason: Option<&str>) -> Vec<&'static str> {
    let is = |r: Reason| reason == Some(r.to_string().as_str());
    match result {
        "succeeds" => vec![],
        "void" | "illegal" => vec!["void"],
        _ if is(Reason::Cut) => vec!["cut"],
        _ if is(Reason::Dislodged(crate::map::Province(0))) => vec!["dislodged"],
        _ if is(Reason::Disrupted) => vec!["disrupted"],
        _ if is(Reason::ConvoyNotUsed) => vec!["no convoy"],
        _ if is(Reason::RetreatClash) => vec!["bounce", "disband"],
        _ if is(Reason::Disbanded) => vec!["disband"],
        _ => vec!["bounce"],
    }
}

/// MILA's `state` object for a position.
fn state(pos: &Position, homes: &Value) -> Value {
    let mut units = pos.units.clone();
    let mut retreats = JsonMap::new();
    for power in homes.as_object().into_iter().flat_map(|h| h.keys()) {
        retreats.insert(power.clone(), json!({}));
        units.entry(power.clone()).or_insert_with(|| json!([]));
    }
    for d in &pos.dislodged {
        if let Some(list) = units.get_mut(&d.power).and_then(Value::as_array_mut) {
            list.push(Value::String(format!("*{}", d.unit)));
        }
        if let Some(r) = retreats.get_mut(&d.power).and_then(Value::as_object_mut) {
            r.insert(d.unit.clone(), json!(d.retreats));
        }
    }
    let centers = Value::Object(pos.supply_centers.clone().unwrap_or_default());
    json!({
        "timestamp": 0,
        "zobrist_hash": "0",
        "note": "",
        "name": pos.phase,
        "units": units,
        "retreats": retreats,
        "centers": centers,
        "homes": homes,
        "influence": centers,
        "civil_disorder": homes.as_object().map(|h| h.keys().map(|k| (k.clone(), json!(0))).collect::<JsonMap<_, _>>()).unwrap_or_default(),
        "builds": homes.as_object().map(|h| h.keys().map(|k| (k.clone(), json!({"count": 0, "homes": []}))).collect::<JsonMap<_, _>>()).unwrap_or_default(),
    })
}

/// The MILA saved game for a record. `map` is the game's map (for home centres).
pub fn export(map: &crate::Map, header: &Header, phases: &[PhaseRecord]) -> Value {
    let homes: JsonMap<String, Value> = map
        .powers()
        .map(|p| {
            (map.power_name(p).to_string(), json!(map.power(p).home.iter().map(|c| map.abbr(c)).collect::<Vec<_>>()))
        })
        .collect();
    let homes = Value::Object(homes);
    let mut out_phases = Vec::new();
    for ph in phases {
        let mut results = JsonMap::new();
        for r in &ph.results {
            // MILA keys results by the ordered unit: the first two words of the order.
            let unit: String = r.order.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
            if r.order == "WAIVE" {
                continue;
            }
            results.insert(unit, json!(mila_results(&r.result, r.reason.as_deref())));
        }
        let messages: Vec<Value> = ph
            .messages
            .iter()
            .enumerate()
            .map(|(i, m)| json!({"sender": m.from, "recipient": if m.to == "ALL" { "GLOBAL" } else { &m.to }, "time_sent": i, "phase": ph.phase, "message": m.text}))
            .collect();
        out_phases.push(json!({
            "name": ph.phase,
            "state": state(&ph.board_before, &homes),
            "orders": ph.orders,
            "results": results,
            "messages": messages,
        }));
    }
    if let Some(last) = phases.last() {
        out_phases.push(json!({
            "name": last.board_after.phase,
            "state": state(&last.board_after, &homes),
            "orders": {},
            "results": {},
            "messages": [],
        }));
    }
    json!({
        "id": format!("legate-{}", header.seed.unwrap_or(0)),
        "map": header.map,
        "rules": ["NO_PRESS", "POWER_CHOICE"],
        "phases": out_phases,
    })
}
