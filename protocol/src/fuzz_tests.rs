//! Fuzz targets for the OSC wire, run by the unit-test binary with a short budget (see
//! `resonance_test_support::fuzz` for a long run and `scripts/fuzz-long.sh`):
//!
//! * `protocol_osc_inbound`: datagrams an engine or a game sends the bridge, through
//!   [`decode_packet`] (the bridge's OSC input decodes with it);
//! * `protocol_osc_command`: command datagrams, sent over UDP to a real [`OscPeer`] (the live
//!   host's control input) and every command it accepts queued to a real engine that then
//!   processes audio.
//!
//! Inputs are half structure-aware (messages of the address table with arguments of every
//! OSC type and hostile values, bundles nested up to far past the limit) and half mutated
//! bytes of those. Properties: no panic, no hang; errors carry a metrics reason and a message;
//! every accepted message re-encodes to a datagram that decodes to the same value; the
//! engine's output stays finite under any accepted command.

use std::net::UdpSocket;
use std::time::Duration;

use resonance_engine::{Engine, EngineConfig, Layout};
use resonance_test_support::fuzz::{self, Budget, Mutator};
use resonance_test_support::rng::SplitMix64;
use rosc::{OscBundle, OscMessage, OscPacket, OscType};

use crate::addr::{
    CLIP, CLIP_REFUSED, CLIP_SCHEDULED, CMD_CLIP, CMD_CUE, CMD_GUARD, CMD_MIDI_LEARN, CMD_MOOD, CMD_MOOD_CLEAR, CMD_MOOD_OVERRIDE,
    CMD_PARAM, CMD_STYLE, CUE_SCHEDULED, EVENT, HELLO, LOUDNESS, METERS, MOOD, NOW_PLAYING, STYLE_CHANGED, TELEMETRY, XRUNS,
};
use crate::codec::{decode_command_packet, decode_packet, encode_command, encode_inbound, to_datagram};
use crate::link::{OscConfig, OscPeer};

const INBOUND: [&str; 13] =
    [HELLO, MOOD, EVENT, NOW_PLAYING, METERS, LOUDNESS, XRUNS, CUE_SCHEDULED, STYLE_CHANGED, TELEMETRY, CLIP, CLIP_SCHEDULED, CLIP_REFUSED];
const COMMANDS: [&str; 9] =
    [CMD_MOOD, CMD_MOOD_OVERRIDE, CMD_MOOD_CLEAR, CMD_STYLE, CMD_CUE, CMD_PARAM, CMD_MIDI_LEARN, CMD_GUARD, CMD_CLIP];

/// Words a valid message would carry: labels, kinds, cues, quantize and parameter names.
const WORDS: [&str; 22] = [
    "calm",
    "tension",
    "excitement",
    "goal_roar",
    "whistle",
    "chant",
    "short",
    "long",
    "repeated",
    "home_goal",
    "goal",
    "bar",
    "beat",
    "phrase",
    "immediate",
    "intensity",
    "music_level",
    "style",
    "stadium-anthem",
    "match-1",
    "hp",
    "trigger",
];

fn hostile_f32(r: &mut SplitMix64) -> f32 {
    match r.below(8) {
        0 => [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, f32::MAX, f32::MIN, f32::MIN_POSITIVE / 2.0, -0.0][r.below(7)],
        1..=3 => r.range(-1.2, 1.2) as f32,
        4 => r.range(-500.0, 100.0) as f32,
        _ => (r.gauss() * 10f64.powi(r.below(40) as i32 - 5)) as f32,
    }
}

fn arg(r: &mut SplitMix64) -> OscType {
    match r.below(12) {
        0..=2 => OscType::Float(hostile_f32(r)),
        3 => OscType::Double(f64::from(hostile_f32(r)) * if r.below(2) == 0 { 1.0 } else { 1e300 }),
        4 => OscType::Int([0, 1, -1, 2, 255, 65_535, 65_536, i32::MAX, i32::MIN][r.below(9)]),
        5 => OscType::Long([0, 1, -1, 48_000, i64::MAX, i64::MIN][r.below(6)]),
        6..=8 => OscType::String(WORDS[r.below(WORDS.len())].to_string()),
        9 => OscType::String(match r.below(4) {
            0 => "x".repeat(r.below(400)),
            1 => "a\u{7}b".to_string(),
            2 => "ü\u{202e}".to_string(),
            _ => String::new(),
        }),
        10 => OscType::Bool(r.below(2) == 0),
        _ => [
            OscType::Nil,
            OscType::Inf,
            OscType::Blob(vec![1, 2, 3]),
            OscType::Char('x'),
            OscType::Midi(rosc::OscMidiMessage { port: 0, status: 0xb0, data1: 7, data2: 100 }),
        ][r.below(5)]
        .clone(),
    }
}

fn message(r: &mut SplitMix64, addrs: &[&str]) -> OscMessage {
    let addr = if r.below(16) == 0 { "/resonance/nope".to_string() } else { addrs[r.below(addrs.len())].to_string() };
    OscMessage { addr, args: (0..r.below(9)).map(|_| arg(r)).collect() }
}

/// A message or a bundle of them, sometimes nested (up to well past the decoder's limit of 8).
fn packet(r: &mut SplitMix64, addrs: &[&str]) -> OscPacket {
    let msg = OscPacket::Message(message(r, addrs));
    match r.below(8) {
        0 => OscPacket::Bundle(OscBundle {
            timetag: rosc::OscTime { seconds: 0, fractional: 1 },
            content: (0..=r.below(6)).map(|_| OscPacket::Message(message(r, addrs))).collect(),
        }),
        1 => {
            let depth = 1 + r.below(40);
            (0..depth)
                .fold(msg, |p, _| OscPacket::Bundle(OscBundle { timetag: rosc::OscTime { seconds: 0, fractional: 1 }, content: vec![p] }))
        }
        _ => msg,
    }
}

/// Structure-aware half the time, mutated bytes of a structured datagram the other half.
fn generate(r: &mut SplitMix64, addrs: &[&str], m: &Mutator) -> Vec<u8> {
    let d = rosc::encoder::encode(&packet(r, addrs)).unwrap_or_default();
    if r.below(2) == 0 {
        return d;
    }
    let mut mm = m.clone();
    mm.seeds.push(d);
    let mut b = mm.seeds.last().cloned().unwrap_or_default();
    for _ in 0..=r.below(8) {
        mm.mutate_once(r, &mut b);
    }
    b
}

fn dict() -> Vec<&'static [u8]> {
    let mut d: Vec<&[u8]> = vec![b"#bundle\0", b",fsf\0\0\0\0", b",s\0\0", b",ifhdsTFNIbcm\0\0", b"\0\0\0\0", b"\xff\xff\xff\xff"];
    d.extend(INBOUND.iter().chain(COMMANDS.iter()).map(|a| a.as_bytes()));
    d
}

fn real_datagrams() -> Vec<Vec<u8>> {
    use crate::codec::{Inbound, Outbound, TelemetryArg};
    use resonance_engine::{Cue, MoodLabel, MoodSnapshot, MoodTarget, ParamId, Quantize};
    let mut v: Vec<Vec<u8>> = [
        Inbound::Hello { session: "match-1".into(), token: None },
        Inbound::Mood(MoodSnapshot { time: 48_000, valence: 0.25, arousal: -0.5, label: MoodLabel::Tension, confidence: 0.75 }),
        Inbound::Xruns(3),
        Inbound::StyleChanged { index: 2, at: 99, name: Some("electronic".into()) },
        Inbound::Telemetry {
            session: "game".into(),
            fields: vec![("hp".into(), TelemetryArg::Number(31.0)), ("trigger".into(), TelemetryArg::Text("boss_appears".into()))],
        },
    ]
    .iter()
    .map(|i| to_datagram(encode_inbound(i)))
    .collect();
    v.extend(
        [
            Outbound::Mood(MoodTarget { valence: 0.5, arousal: 0.25, intensity: 1.0 }),
            Outbound::Style { name: "electronic".into(), quantize: Quantize::Bar },
            Outbound::Cue(Cue::HomeGoal),
            Outbound::Param { id: ParamId::Intensity, value: 0.7 },
        ]
        .iter()
        .map(|c| to_datagram(encode_command(c))),
    );
    v
}

#[test]
fn fuzz_inbound_datagrams_never_panic_and_round_trip() {
    let m = Mutator::new(real_datagrams(), &dict());
    let s = fuzz::run(
        "protocol_osc_inbound",
        Budget::from_env(4000),
        |r| generate(r, &INBOUND, &m),
        |d| {
            let Ok(msgs) = decode_packet(d) else {
                return decode_packet(d)
                    .err()
                    .map_or(Ok(()), |e| if e.to_string().is_empty() { Err("empty error".into()) } else { Ok(()) });
            };
            for msg in msgs {
                match msg {
                    Ok(i) => {
                        // Compared as datagrams: telemetry numbers pass through unvalidated
                        // (the bridge validates them), and NaN != NaN.
                        let d1 = to_datagram(encode_inbound(&i));
                        let again = decode_packet(&d1).map_err(|e| format!("{i:?} re-encoded is malformed: {e}"))?;
                        let [Ok(j)] = again.as_slice() else { return Err(format!("{i:?} re-encoded decodes as {again:?}")) };
                        if to_datagram(encode_inbound(j)) != d1 {
                            return Err(format!("round trip changed {i:?} into {j:?}"));
                        }
                    }
                    Err(e) if !e.reason().is_empty() && !e.to_string().is_empty() => {}
                    Err(e) => return Err(format!("error without reason or message: {e:?}")),
                }
            }
            Ok(())
        },
    );
    s.assert_clean();
}

#[test]
fn fuzz_command_datagrams_through_a_peer_into_an_engine() {
    let (mut proc, mut handle) = Engine::new(EngineConfig::default()).prepare(48_000.0, 256, Layout::STEREO).unwrap();
    // The sender stands in for the bridge too, so the peer's hello lands on a bound socket
    // (no ICMP error surfacing in the peer's next receive).
    let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
    let config = OscConfig::parse(&sender.local_addr().unwrap().to_string(), "127.0.0.1:0", "fuzz").unwrap();
    let mut peer = OscPeer::bind(&config).unwrap();
    let to = peer.local_addr().unwrap();
    let (mut l, mut r) = (vec![0.0f32; 256], vec![0.0f32; 256]);
    let m = Mutator::new(real_datagrams(), &dict());
    let s = fuzz::run(
        "protocol_osc_command",
        Budget::from_env(3000),
        |r| generate(r, &COMMANDS, &m),
        |d| {
            // The codec itself: every accepted command re-encodes to itself.
            if let Ok(cmds) = decode_command_packet(d) {
                for c in &cmds {
                    let again = decode_command_packet(&to_datagram(encode_command(c))).map_err(|e| format!("{c:?} re-encoded: {e}"))?;
                    if again != [c.clone()] {
                        return Err(format!("round trip changed {c:?} into {again:?}"));
                    }
                }
            }
            // The live host's path: a datagram on the peer's socket, commands to the engine.
            if d.len() <= 65_000 {
                sender.send_to(d, to).map_err(|e| format!("send: {e}"))?;
            }
            let mut commands = Vec::new();
            peer.wait(Duration::from_millis(200), |o| commands.push(o));
            for o in commands {
                if let Some(c) = o.to_command(&handle.styles)
                    && handle.commands.send(c).is_err()
                {
                    proc.process(&mut [&mut l, &mut r], None, None);
                }
            }
            for block in 0..2 {
                l.iter_mut().chain(r.iter_mut()).enumerate().for_each(|(i, s)| *s = ((i + block) as f32 * 0.01).sin() * 0.1);
                proc.process(&mut [&mut l, &mut r], None, None);
                if let Some(x) = l.iter().chain(&r).find(|s| !s.is_finite() || s.abs() > 4.0) {
                    return Err(format!("engine output {x} after these commands"));
                }
            }
            Ok(())
        },
    );
    s.assert_clean();
}
