//! One style vocabulary, end to end: every factory rule file's every rule is fired against the
//! real bridge with a live host (the engine) attached, and a rule that names a style must make
//! the engine report that style; an unknown style is refused with the valid ones.

use std::net::UdpSocket;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rosc::{OscMessage, OscPacket, OscType};
use serde_json::{Value, json};

use crate::bridge::{Conn, spawn_bridge};

/// The live host, killed and reaped when dropped.
struct Live(Child);

impl Drop for Live {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn now_ms() -> i64 {
    i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis()).unwrap()
}

fn osc(addr: &str, args: Vec<OscType>) -> Vec<u8> {
    rosc::encoder::encode(&OscPacket::Message(OscMessage { addr: addr.into(), args })).unwrap()
}

/// Polls `GET /api/v1/sessions/default` until `ok` holds (or panics after `within`).
fn wait_session(conn: &mut Conn, within: Duration, what: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + within;
    loop {
        let (code, s) = conn.req("GET", "/api/v1/sessions/default", None, "").unwrap();
        if code == 200 && ok(&s) {
            return s;
        }
        assert!(Instant::now() < deadline, "{what} within {within:?}: {s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn fired_since(s: &Value, rule: &str, t0: i64) -> bool {
    s["timeline"].as_array().is_some_and(|t| t.iter().any(|e| e["kind"] == "rule" && e["name"] == rule && e["at_ms"].as_i64() >= Some(t0)))
}

/// A value of `metric` on the `holds` side of `when` (or exactly on its edge when not).
fn level_value(when: &toml::Table, holds: bool) -> f64 {
    let integer = matches!(when["metric"].as_str(), Some("minute" | "score_diff" | "hp"));
    let step = if integer { 1.0 } else { 0.1 };
    let num = |k: &str| when.get(k).and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)));
    match (num("below"), num("above"), holds) {
        (Some(b), Some(a), true) => f64::midpoint(a, b),
        (Some(b), _, true) => b - step,
        (None, Some(a), true) => a + step,
        (Some(b), _, false) => b,
        (None, Some(a), false) => a,
        _ => panic!("a level rule without below/above: {when:?}"),
    }
}

/// Sets a level rule's metric to `v`: telemetry over HTTP, crowd metrics as a crowd mood over
/// OSC (from a socket of its own, which the bridge puts in session `default`).
fn set_metric(conn: &mut Conn, key: &str, engine: &UdpSocket, bridge_osc: std::net::SocketAddr, metric: &str, v: f64) {
    let body = match metric {
        "hp_ratio" => json!({"hp": (v * 100.0).round(), "max_hp": 100}),
        "score_diff" if v < 0.0 => json!({"score_home": 0, "score_away": -v as u32}),
        "score_diff" => json!({"score_home": v as u32, "score_away": 0}),
        "crowd_valence" | "crowd_arousal" => {
            let (va, ar) = if metric == "crowd_valence" { (v, 0.0) } else { (0.0, v) };
            let args = vec![OscType::Float(va as f32), OscType::Float(ar as f32), OscType::String("calm".into()), OscType::Float(1.0)];
            engine.send_to(&osc("/resonance/mood", args), bridge_osc).unwrap();
            return;
        }
        m => Value::Object([(m.to_string(), json!(v))].into_iter().collect()),
    };
    let (code, answer) = conn.req("POST", "/api/v1/sessions/default/telemetry", Some(key), &body.to_string()).unwrap();
    assert_eq!(code, 200, "{metric} = {v}: {answer}");
}

/// Fires an occurrence: a game trigger or a match event over HTTP, a crowd event over OSC.
fn fire_occurrence(conn: &mut Conn, key: &str, engine: &UdpSocket, bridge_osc: std::net::SocketAddr, on: &str) {
    let body = if let Some(kind) = on.strip_prefix("crowd.") {
        engine.send_to(&osc("/resonance/event", vec![OscType::String(kind.into()), OscType::Float(0.9)]), bridge_osc).unwrap();
        return;
    } else if let Some(team) = on.strip_suffix("_goal") {
        json!({"event": "goal", "team": team})
    } else if ["goal", "card", "penalty", "kick_off", "half_time", "full_time", "near_miss", "score"].contains(&on) {
        json!({"event": on})
    } else {
        json!({"trigger": on})
    };
    let (code, answer) = conn.req("POST", "/api/v1/sessions/default/telemetry", Some(key), &body.to_string()).unwrap();
    assert_eq!(code, 200, "{on}: {answer}");
}

/// Switches the engine to `style` at once and waits until it says so.
fn switch_now(conn: &mut Conn, key: &str, style: &str) {
    let body = json!({"style": style, "quantize": "immediate"}).to_string();
    let (code, answer) = conn.req("POST", "/api/v1/sessions/default/control", Some(key), &body).unwrap();
    assert_eq!(code, 200, "{answer}");
    wait_session(conn, Duration::from_secs(10), &format!("the engine switches to {style}"), |s| s["engine_style"] == style);
}

#[test]
fn every_factory_rule_names_a_style_the_engine_then_plays() {
    let dir = tempfile::tempdir().unwrap();
    let bridge = spawn_bridge(dir.path(), &[]);
    let key = bridge.key.clone().unwrap();
    let _live = Live(
        Command::new(env!("CARGO_BIN_EXE_resonance"))
            .current_dir(dir.path())
            .args(["live", "--output", "null", "--demo", "--duration", "300", "--quiet", "--osc-listen", "127.0.0.1:0"])
            .args(["--osc-bridge", &bridge.osc.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let engine = UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut conn = Conn::open(bridge.http).unwrap();

    // An unknown style is refused with the valid ones; the engine's are the factory presets.
    let (code, answer) = conn.req("POST", "/api/v1/sessions/default/control", Some(&key), r#"{"style":"battle"}"#).unwrap();
    assert_eq!(code, 422, "{answer}");
    assert!(answer["message"].as_str().unwrap().contains("cinematic-orchestral"), "the refusal lists the valid styles: {answer}");
    let (_, styles) = conn.req("GET", "/api/v1/styles", None, "").unwrap();
    let factory: Vec<String> = styles["factory"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
    assert_eq!(factory.len(), 5, "{styles}");
    // The live host's music-bus loudness reaches the API (the page's meter reads the same).
    let s = wait_session(&mut conn, Duration::from_secs(20), "the engine's loudness reaches the bridge", |s| {
        s["meters"]["momentary_lufs"].as_f64().is_some_and(|v| v > -70.0)
            && s["meters"]["short_term_lufs"].as_f64().is_some_and(|v| v > -70.0)
    });
    eprintln!("music bus: {} LUFS momentary, {} LUFS short-term", s["meters"]["momentary_lufs"], s["meters"]["short_term_lufs"]);

    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/rules");
    let mut files: Vec<_> = std::fs::read_dir(&rules_dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut fired, mut switched) = (0, 0);
    let started = Instant::now();
    for file in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let set: toml::Table = std::fs::read_to_string(file).unwrap().parse().unwrap();
        let name = set["name"].as_str().unwrap();
        let (code, answer) = conn.req("POST", "/api/v1/sessions/default/control", Some(&key), &json!({"rules": name}).to_string()).unwrap();
        assert_eq!(code, 200, "{}: {answer}", file.display());
        assert!(factory.iter().any(|f| f == set["base"]["style"].as_str().unwrap()), "{}: base style", file.display());
        for rule in set["rule"].as_array().unwrap() {
            let rule = rule.as_table().unwrap();
            let rname = rule["name"].as_str().unwrap();
            let style = rule.get("style").and_then(|s| s.as_str());
            if let Some(style) = style {
                // start from another style (one with a quick tempo, so the rule's bar or phrase
                // boundary comes soon), so the switch is visible
                let from = if style == "electronic" { "tavern-folk" } else { "electronic" };
                switch_now(&mut conn, &key, from);
            }
            let t0 = now_ms() - 20;
            if let Some(when) = rule.get("when").and_then(|w| w.as_table()) {
                let metric = when["metric"].as_str().unwrap();
                set_metric(&mut conn, &key, &engine, bridge.osc, metric, level_value(when, false));
                std::thread::sleep(Duration::from_millis(100));
                let t0 = now_ms() - 20;
                set_metric(&mut conn, &key, &engine, bridge.osc, metric, level_value(when, true));
                wait_session(&mut conn, Duration::from_secs(10), &format!("{name}: level rule {rname:?} fires"), |s| {
                    fired_since(s, rname, t0)
                });
                set_metric(&mut conn, &key, &engine, bridge.osc, metric, level_value(when, false));
            } else {
                let on = rule["on"].as_str().unwrap();
                fire_occurrence(&mut conn, &key, &engine, bridge.osc, on);
                wait_session(&mut conn, Duration::from_secs(10), &format!("{name}: rule {rname:?} fires on {on}"), |s| {
                    fired_since(s, rname, t0)
                });
            }
            fired += 1;
            if let Some(style) = style {
                assert!(factory.iter().any(|f| f == style), "{name}: rule {rname:?} names style {style:?}, not a preset");
                // a phrase is 16 beats: under 9 s at the quickest style's slowest tempo
                wait_session(&mut conn, Duration::from_secs(25), &format!("{name}: rule {rname:?} makes the engine play {style}"), |s| {
                    s["engine_style"] == style
                });
                switched += 1;
            }
        }
    }
    eprintln!("{fired} rules fired, {switched} style switches reported by the engine, in {:.1} s", started.elapsed().as_secs_f64());
    assert!(fired >= 25 && switched >= 8, "{fired} rules, {switched} switches");
}
