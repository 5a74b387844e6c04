//! Fuzz targets for the bridge's outside data, with a short budget by default (see
//! `resonance_test_support::fuzz` for a long run and `scripts/fuzz-long.sh`):
//!
//! * `bridge_rules`: mutated factory rule sets through `RuleSet::parse`, and every set that
//!   parses driven through director steps with its own occurrences and hostile metrics;
//! * `bridge_http`: mutated and generated JSON bodies, hostile session names and headers to
//!   every route that reads a body, through the real router (`oneshot`);
//! * `bridge_osc`: datagrams from many peers decoded as the OSC socket decodes them and
//!   handled as one batch by the state (sessions, director, store, publishing).
//!
//! Properties: no panic, no hang; no 5xx; every error the API makes is JSON with an error
//! label and a message; a rule set that loads yields finite moods in range.

use std::net::SocketAddr;

use axum::http::StatusCode;
use resonance_bridge::director::rules::{FACTORY, RuleSet};
use resonance_bridge::director::step::step;
use resonance_bridge::{AppState, app};
use resonance_test_support::fuzz::{self, Budget, Mutator};
use resonance_test_support::rng::SplitMix64;
use serde_json::Value;

use crate::common::{bearer, call, state};

fn rules_dict() -> Vec<&'static str> {
    vec![
        "[[rule]]",
        "[base]",
        "[rule.when]",
        "[rule.add]",
        "[rule.set]",
        "[rule.base]",
        "name = \"dup\"",
        "on = \"boss_appears\"",
        "on = \"crowd.goal_roar\"",
        "on = \"home_goal\"",
        "metric = \"hp_ratio\"",
        "metric = \"crowd_arousal\"",
        "below = 0.25",
        "above = nan",
        "style = \"electronic\"",
        "stinger = \"home_goal\"",
        "quantize = \"phrase\"",
        "crowd_weight = 2.0",
        "valence = 1e30",
        "intensity = -0.0",
        "version = 2",
    ]
}

fn check_mood(what: &str, v: f32, lo: f32, hi: f32) -> Result<(), String> {
    if v.is_finite() && (lo..=hi).contains(&v) { Ok(()) } else { Err(format!("{what} = {v}, outside {lo}..={hi}")) }
}

#[test]
fn fuzz_rule_files_never_panic_and_steer_in_range() {
    let seeds: Vec<String> = FACTORY.iter().map(|(_, t)| (*t).to_string()).collect();
    let dict = rules_dict();
    let s = fuzz::run(
        "bridge_rules",
        Budget::from_env(1500),
        |r| fuzz::mutate_text(r, &seeds, &dict),
        |bytes| {
            let Ok(text) = std::str::from_utf8(bytes) else { return Ok(()) };
            let set = match RuleSet::parse("fuzz.toml", text) {
                Ok(s) => s,
                Err(e) if e.to_string().contains("fuzz.toml") => return Ok(()),
                Err(e) => return Err(format!("error does not name the file: {e}")),
            };
            let mut rng = SplitMix64(bytes.len() as u64);
            let mut st = set.new_session("fuzz");
            let occurrences: Vec<String> = text
                .lines()
                .filter_map(|l| l.trim().strip_prefix("on = \"").and_then(|r| r.split('"').next()).map(str::to_string))
                .chain(["goal".to_string(), "crowd.chant".to_string(), "nonsense".to_string()])
                .collect();
            for k in 0..8 {
                let v = [f64::NAN, f64::INFINITY, -1.0, 0.0, 0.3, 1e300, 100.0][rng.below(7)];
                st.metrics.hp = Some(v);
                st.metrics.max_hp = Some([0.0, 100.0, f64::NAN][rng.below(3)]);
                st.metrics.stress = Some(v);
                st.metrics.danger = Some(rng.uniform());
                st.metrics.minute = Some(rng.next_u64() as u32);
                st.metrics.score_home = Some(rng.below(10) as u32);
                let occ: Vec<&str> = occurrences.iter().skip(k % occurrences.len().max(1)).take(2).map(String::as_str).collect();
                let d = step(&set, &mut st, &occ);
                if let Some(t) = d.target {
                    check_mood("valence", t.valence, -1.0, 1.0)?;
                    check_mood("arousal", t.arousal, -1.0, 1.0)?;
                    check_mood("intensity", t.intensity, 0.0, 1.0)?;
                }
            }
            Ok(())
        },
    );
    s.assert_clean();
}

/// Real bodies of every route that reads one.
const HTTP_SEEDS: [&str; 9] = [
    r#"{"hp": 31, "max_hp": 100, "stress": 0.4, "danger": 0.2, "location": "crypt", "trigger": "boss_appears"}"#,
    r#"{"event": "home_goal", "team": "home", "minute": 67, "score_home": 2, "score_away": 1}"#,
    r#"{"hp": 1, "max_hp": 10}"#,
    r#"{"intensity": 0.9, "style": "electronic", "quantize": "phrase"}"#,
    r#"{"rules": "broadcast", "intensity": null}"#,
    r#"{"cue": "home_goal"}"#,
    r#"{"param": "intensity"}"#,
    r#"{"name": "obs"}"#,
    "{}",
];

const ROUTES: [(&str, &str); 8] = [
    ("POST", "/api/v1/sessions/{s}/telemetry"),
    ("POST", "/api/v1/sessions/{s}/telemetry"),
    ("POST", "/api/v1/sessions/{s}/control"),
    ("POST", "/api/v1/sessions/{s}/stinger"),
    ("POST", "/api/v1/midi/learn"),
    ("POST", "/api/v1/keys"),
    ("DELETE", "/api/v1/sessions/{s}"),
    ("GET", "/api/v1/sessions/{s}"),
];

const SESSIONS: [&str; 8] = [
    "match",
    "game-1",
    "a.b_c",
    "%2e%2e",
    "x%00y",
    "%F0%9F%8E%B5",
    "..",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

/// One request as bytes, so a failure saves and replays: `route index, session index,
/// auth kind, body...`.
fn http_input(r: &mut SplitMix64, dict: &[&str]) -> Vec<u8> {
    let seeds: Vec<String> = HTTP_SEEDS.iter().map(|s| (*s).to_string()).collect();
    let mut v = vec![r.below(ROUTES.len()) as u8, r.below(SESSIONS.len()) as u8, r.below(8) as u8];
    if r.below(4) == 0 {
        // a large body: past the body limit now and then
        v.extend(format!("{{\"location\": \"{}\"}}", "x".repeat(1 << (10 + r.below(8)))).into_bytes());
    } else {
        v.extend(fuzz::mutate_text(r, &seeds, dict));
    }
    v
}

#[test]
fn fuzz_http_bodies_never_5xx_and_errors_say_why() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (st, key, _dir) = rt.block_on(state());
    let router = app(st);
    let dict = [
        "\"hp\": 1e309,",
        "\"trigger\": \"boss_appears\",",
        "\"event\": \"card\",",
        "\"style\": \"nope\",",
        "\"quantize\": 3,",
        "\"intensity\": -1,",
        "\"cue\": null,",
        "\"param\": \"style\",",
        "\"minute\": 4294967296,",
        "\"team\": [],",
        "{\"a\": {\"b\": {\"c\": [[[[[[[[]]]]]]]]}}}",
    ];
    let s = fuzz::run(
        "bridge_http",
        Budget::from_env(2000),
        |r| http_input(r, &dict),
        |input| {
            let [route, session, auth, body @ ..] = input else { return Ok(()) };
            let (method, path) = ROUTES[usize::from(*route) % ROUTES.len()];
            let path = path.replace("{s}", SESSIONS[usize::from(*session) % SESSIONS.len()]);
            let auth = match auth % 8 {
                0 => None,
                1 => Some("Bearer rsn_not_a_key".to_string()),
                2 => Some("Basic Og==".to_string()),
                _ => Some(bearer(&key)),
            };
            let body = String::from_utf8_lossy(body);
            let (status, _, v) = rt.block_on(call(&router, method, &path, auth.as_deref(), Some(&body)));
            if status.is_server_error() {
                return Err(format!("{method} {path} {body:?} -> {status} {v}"));
            }
            if status.is_client_error() && status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED {
                let ok = v.get("error").and_then(Value::as_str).is_some_and(|e| !e.is_empty())
                    && v.get("message").and_then(Value::as_str).is_some_and(|m| !m.is_empty());
                if !ok {
                    return Err(format!("{method} {path} -> {status} without an error label and message: {v}"));
                }
            }
            Ok(())
        },
    );
    // The API still answers and still stores telemetry after all that.
    let (status, _, v) =
        rt.block_on(call(&router, "POST", "/api/v1/sessions/after-fuzz/telemetry", Some(&bearer(&key)), Some(r#"{"hp": 5}"#)));
    assert_eq!(status, StatusCode::OK, "{v}");
    s.assert_clean();
}

/// Datagrams from up to four peers: `peer byte, datagram`.
fn osc_input(r: &mut SplitMix64, m: &Mutator) -> Vec<u8> {
    let mut v = vec![r.below(4) as u8];
    v.extend(m.generate(r));
    v
}

fn osc_seeds() -> Vec<Vec<u8>> {
    use resonance_bridge::osc::{Inbound, TelemetryArg, encode_inbound, to_bundle_datagram, to_datagram};
    use resonance_engine::{CrowdEvent, CrowdEventKind, Meters, MoodLabel, MoodSnapshot, WhistleKind};
    let msgs = [
        Inbound::Hello { session: "fuzz-a".into(), token: None },
        Inbound::Mood(MoodSnapshot { time: 48_000, valence: 0.6, arousal: 0.7, label: MoodLabel::Excitement, confidence: 0.9 }),
        Inbound::Event(CrowdEvent {
            kind: CrowdEventKind::GoalRoar,
            onset: 10,
            detected: 10,
            confidence: 0.8,
            whistle: WhistleKind::Short,
        }),
        Inbound::NowPlaying { title: "Track".into(), artist: "Artist".into(), confidence: 0.9 },
        Inbound::Meters(Meters {
            input_peak_db: -12.0,
            output_peak_db: -3.0,
            limiter_gr_db: 1.0,
            duck_db: -6.0,
            style: 1,
            ..Meters::default()
        }),
        Inbound::Loudness { momentary_lufs: -20.0, short_term_lufs: -23.0 },
        Inbound::Xruns(4),
        Inbound::StyleChanged { index: 1, at: 5, name: Some("electronic".into()) },
        Inbound::Telemetry {
            session: "fuzz-game".into(),
            fields: vec![("hp".into(), TelemetryArg::Number(12.0)), ("trigger".into(), TelemetryArg::Text("boss_appears".into()))],
        },
    ];
    let mut v: Vec<Vec<u8>> = msgs.iter().map(|m| to_datagram(encode_inbound(m))).collect();
    v.push(to_bundle_datagram(msgs.iter().map(encode_inbound).collect()));
    v
}

#[test]
fn fuzz_osc_input_never_panics_and_keeps_the_bridge_serving() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (st, key, _dir) = rt.block_on(state());
    let st: AppState = st;
    let m = Mutator::new(osc_seeds(), &[b"#bundle\0", b"/resonance/hello", b"/resonance/telemetry", b",sfsf\0\0\0", b"\xff\xff\xff\xff"]);
    let s = fuzz::run(
        "bridge_osc",
        Budget::from_env(5000),
        |r| {
            // Several datagrams per batch, as the socket loop hands them over.
            let mut v = Vec::new();
            for _ in 0..=r.below(4) {
                let d = osc_input(r, &m);
                v.extend((d.len() as u32).to_le_bytes());
                v.extend(d);
            }
            v
        },
        |input| {
            let mut batch = Vec::new();
            let mut rest = input;
            while rest.len() >= 5 {
                let n = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
                let d = &rest[4..(4 + n).min(rest.len())];
                rest = &rest[(4 + n).min(rest.len())..];
                let Some((&p, datagram)) = d.split_first() else { continue };
                let peer: SocketAddr = format!("127.0.0.1:{}", 40_000 + u16::from(p % 4)).parse().unwrap();
                if datagram.len() > resonance_bridge::osc::MAX_PACKET {
                    continue;
                }
                if let Ok(msgs) = resonance_bridge::osc::decode_packet(datagram) {
                    batch.extend(msgs.into_iter().flatten().map(|m| (peer, m)));
                }
            }
            rt.block_on(st.handle_batch(&mut batch));
            Ok(())
        },
    );
    let router = app(st);
    let (status, _, v) =
        rt.block_on(call(&router, "POST", "/api/v1/sessions/after-osc/telemetry", Some(&bearer(&key)), Some(r#"{"hp": 5}"#)));
    assert_eq!(status, StatusCode::OK, "{v}");
    s.assert_clean();
}
