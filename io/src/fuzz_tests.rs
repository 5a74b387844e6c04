//! Fuzz targets for every parser of outside data in this crate, run by the unit-test binary
//! with a short budget (see `resonance_test_support::fuzz` for the environment of a long run,
//! and `scripts/fuzz-long.sh`):
//!
//! * `io_decode`: mutated real WAV (PCM 16/24, float), FLAC, Ogg Vorbis, MP3, AIFF and CAF
//!   files (`io/fuzz-seeds/`, cut from the test audio) through [`crate::decode::decode_file`]
//!   and on to the resampler the commands use;
//! * `io_index`: mutated fingerprint index files (their checksum usually repaired, so the
//!   payload parser is reached) through [`Index::from_bytes`], lookups and a query;
//! * `io_preset`: mutated factory presets through [`crate::preset::parse`];
//! * `io_midi_map`: mutated MIDI maps through [`MidiMap::parse`], and every map that parses
//!   written back with [`MidiMap::to_toml`] and parsed again (round trip);
//! * `io_midi_feed`: random MIDI byte streams through a [`MidiMapper`].
//!
//! Properties: no panic, no hang (the loop's watchdog), an error is an [`IoError`] of the
//! right kind with a message that names the file; what parses satisfies the type's
//! invariants; parse(write(x)) == x where there is a writer.

use std::path::Path;

use resonance_engine::{Landmark, ParamId};
use resonance_test_support::fuzz::{self, Budget, Mutator};
use resonance_test_support::rng::SplitMix64;

use crate::IoError;
use crate::fingerprint::index::{Index, TrackInfo};
use crate::midi::{MidiAction, MidiMap, MidiMapper};

/// The seed audio files: each a fraction of a second cut from the test audio with sox.
const AUDIO_SEEDS: [(&str, &[u8]); 10] = [
    ("wav", include_bytes!("../fuzz-seeds/pcm16-mono.wav")),
    ("wav", include_bytes!("../fuzz-seeds/pcm24.wav")),
    ("wav", include_bytes!("../fuzz-seeds/f32-stereo.wav")),
    ("flac", include_bytes!("../fuzz-seeds/tiny.flac")),
    ("ogg", include_bytes!("../fuzz-seeds/tiny.ogg")),
    ("mp3", include_bytes!("../fuzz-seeds/tiny.mp3")),
    ("mp3", include_bytes!("../fuzz-seeds/stereo-44k.mp3")),
    ("aiff", include_bytes!("../fuzz-seeds/tiny.aiff")),
    ("caf", include_bytes!("../fuzz-seeds/tiny.caf")),
    ("bin", b"RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0data\0\0\0\0"),
];

/// Chunk ids, magics and codec markers of the seed formats.
const AUDIO_DICT: [&[u8]; 24] = [
    b"RIFF",
    b"RIFX",
    b"WAVE",
    b"fmt ",
    b"data",
    b"LIST",
    b"fact",
    b"\xfe\xff",
    b"fLaC",
    b"\x00\x00\x00\x22",
    b"OggS",
    b"\x01vorbis",
    b"\x05vorbis",
    b"ID3\x03\x00",
    b"\xff\xfb",
    b"\xff\xf3",
    b"Xing",
    b"FORM",
    b"AIFF",
    b"COMM",
    b"SSND",
    b"caff",
    b"desc",
    b"\xff\xff\xff\xff",
];

/// Decodes `bytes` as a file with extension `ext`, checks the result, and resamples it the
/// way `render` and `analyze` do.
fn check_decode(dir: &Path, ext: &str, bytes: &[u8]) -> Result<(), String> {
    let path = dir.join(format!("input.{ext}"));
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write the input: {e}"))?;
    match crate::decode::decode_file(&path) {
        Ok(d) => {
            if d.sample_rate == 0 {
                return Err("decoded with sample rate 0".into());
            }
            let frames = d.frames();
            if frames == 0 || d.channels.iter().any(|c| c.len() != frames) {
                return Err(format!("channels of unequal or zero length: {:?}", d.channels.iter().map(Vec::len).collect::<Vec<_>>()));
            }
            if d.channels.iter().flatten().any(|s| !s.is_finite()) {
                return Err("decoded a non-finite sample".into());
            }
            // The commands resample what they decode; a hostile declared rate must be an
            // error or a result, never a panic. Only short signals: this is not a benchmark.
            if frames <= 1 << 16 {
                let mono = d.to_mono();
                if let Ok(y) = crate::decode::resample(&mono, d.sample_rate, 48_000)
                    && y.iter().any(|s| !s.is_finite())
                {
                    return Err(format!("resampling {} Hz to 48 kHz made a non-finite sample", d.sample_rate));
                }
            }
            Ok(())
        }
        Err(IoError::Decode { path: p, message }) => {
            if p != path || message.is_empty() {
                return Err(format!("decode error without the path or a message: {p:?} {message:?}"));
            }
            Ok(())
        }
        Err(e) => Err(format!("unexpected error kind for a readable file: {e}")),
    }
}

#[test]
fn fuzz_decode_never_panics_and_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("resonance-fuzz-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let m = Mutator::new(AUDIO_SEEDS.iter().map(|(_, b)| b.to_vec()).collect(), &AUDIO_DICT);
    // The extension travels with the input as its first byte (an index into the table), so a
    // saved failure replays with the same probe hint.
    let exts = ["wav", "flac", "ogg", "mp3", "aiff", "caf", "bin", "m4a", "mkv"];
    let s = fuzz::run(
        "io_decode",
        Budget::from_env(600),
        |r| {
            let mut v = vec![r.below(exts.len()) as u8];
            v.extend(m.generate(r));
            v
        },
        |input| {
            let (&e, bytes) = input.split_first().ok_or("empty input")?;
            check_decode(&dir, exts[usize::from(e) % exts.len()], bytes)
        },
    );
    let _ = std::fs::remove_dir_all(&dir);
    s.assert_clean();
}

/// Every seed decodes: the corpus is real audio, not already-broken files.
#[test]
fn audio_seeds_decode() {
    let dir = std::env::temp_dir().join(format!("resonance-seeds-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (ext, bytes) in &AUDIO_SEEDS[..9] {
        let path = dir.join(format!("seed.{ext}"));
        std::fs::write(&path, bytes).unwrap();
        let d = crate::decode::decode_file(&path).unwrap_or_else(|e| panic!("{ext}: {e}"));
        assert!(d.frames() > 100, "{ext}: {} frames", d.frames());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn sample_index(rng: &mut SplitMix64) -> Index {
    let mut idx = Index::new();
    let tracks = 1 + rng.below(4);
    let items = (0..tracks)
        .map(|t| {
            let info = TrackInfo {
                name: format!("track-{t}"),
                path: format!("/music/track-{t}.ogg"),
                title: (rng.below(2) == 0).then(|| "Título".to_string()),
                artist: (rng.below(2) == 0).then(|| "Artist".to_string()),
                duration_s: rng.range(1.0, 600.0),
                frames: rng.below(40_000) as u32,
            };
            let lms = (0..rng.below(200)).map(|_| Landmark { hash: rng.next_u64() as u32, frame: rng.below(40_000) as u32 }).collect();
            (info, lms)
        })
        .collect();
    idx.add_tracks(items);
    idx
}

/// Repairs the header's payload length and FNV-1a checksum after a mutation, so the mutation
/// reaches the payload parser instead of stopping at the checksum.
fn repair_index_header(b: &mut [u8]) {
    if b.len() < 32 {
        return;
    }
    let payload = &b[32..];
    let len = payload.len() as u64;
    let sum = payload.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| (h ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3));
    b[16..24].copy_from_slice(&len.to_le_bytes());
    b[24..32].copy_from_slice(&sum.to_le_bytes());
}

fn check_index(bytes: &[u8]) -> Result<(), String> {
    let path = Path::new("fuzz.rfp");
    let idx = match Index::from_bytes(bytes, path) {
        Ok(i) => i,
        Err(IoError::Index { path: p, message }) if p == path && !message.is_empty() => return Ok(()),
        Err(e) => return Err(format!("unexpected error: {e}")),
    };
    // Round trip: what loads writes back byte for byte.
    let again = idx.to_bytes();
    let back = Index::from_bytes(&again, path).map_err(|e| format!("an index that loaded does not reload after saving: {e}"))?;
    // Compared as bytes: a crafted file may carry a NaN duration, and NaN != NaN.
    if back.tracks().len() != idx.tracks().len() || back.len() != idx.len() || back.to_bytes() != again {
        return Err("index changed in a save/load round trip".into());
    }
    // Lookups and a query over what was loaded.
    let mut lms = Vec::new();
    for h in [0u32, 1, 5, 70_000, u32::MAX] {
        for (t, f) in idx.postings(h) {
            if idx.track(t).is_none() {
                return Err(format!("posting names track {t} of {}", idx.tracks().len()));
            }
            lms.push(Landmark { hash: h, frame: f % 1000 });
        }
    }
    let _ = crate::fingerprint::matcher::query(&idx, &lms, 10.0);
    Ok(())
}

#[test]
fn fuzz_index_file_load_never_panics_and_round_trips() {
    let mut rng = SplitMix64(7);
    let seeds: Vec<Vec<u8>> = (0..6).map(|_| sample_index(&mut rng).to_bytes()).chain([Index::new().to_bytes()]).collect();
    let m = Mutator::new(seeds.clone(), &[b"RSNFPIDX", &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], &[0xff; 9]]);
    let s = fuzz::run(
        "io_index",
        Budget::from_env(3000),
        |r| {
            let mut b = m.generate(r);
            if r.below(4) != 0 {
                repair_index_header(&mut b);
            }
            b
        },
        check_index,
    );
    s.assert_clean();
    // And generated indexes round-trip exactly.
    for _ in 0..50 {
        let idx = sample_index(&mut rng);
        let back = Index::from_bytes(&idx.to_bytes(), Path::new("x")).unwrap();
        assert_eq!(back.tracks(), idx.tracks());
        assert_eq!(back.to_bytes(), idx.to_bytes());
    }
}

/// Keys, sections and values of the preset format.
fn preset_dict() -> Vec<String> {
    let mut d: Vec<String> =
        ["[params]", "[style]", "version = 1", "version = 2", "name = \"x\"", "description = 3", "[[params]]", "params = 1"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
    d.extend(ParamId::ids().map(|id| format!("{id} = 0.5")));
    d.extend(
        ["tempo_min = 90.0", "tempo_max = 10.0", "root = 60", "scale = \"minor\"", "instruments = []"].iter().map(|s| (*s).to_string()),
    );
    d
}

#[test]
fn fuzz_preset_parse_never_panics_and_keeps_values_in_range() {
    let seeds: Vec<String> = resonance_engine::preset::FACTORY.iter().map(|(_, t)| (*t).to_string()).collect();
    let dict = preset_dict();
    let dict: Vec<&str> = dict.iter().map(String::as_str).collect();
    let s = fuzz::run(
        "io_preset",
        Budget::from_env(1500),
        |r| fuzz::mutate_text(r, &seeds, &dict),
        |bytes| {
            let Ok(text) = std::str::from_utf8(bytes) else { return Ok(()) };
            match crate::preset::parse("fuzz.toml", text) {
                Ok(p) => {
                    for &id in &p.params_set {
                        let (v, info) = (p.params.get(id), id.info());
                        if !(v.is_finite() && v >= info.min && v <= info.max) {
                            return Err(format!("{} = {v} accepted outside {}..={}", info.id, info.min, info.max));
                        }
                    }
                    p.style.check().map_err(|(k, v, range)| format!("style {k} = {v} accepted outside {range}"))?;
                    Ok(())
                }
                Err(IoError::Preset { file, message, .. }) if file == "fuzz.toml" && !message.is_empty() => Ok(()),
                Err(e) => Err(format!("unexpected error: {e}")),
            }
        },
    );
    s.assert_clean();
}

#[test]
fn fuzz_midi_map_parse_never_panics_and_round_trips() {
    let seeds = vec![
        include_str!("../../presets/midi/generic.toml").to_string(),
        "version = 1\nname = \"learned\"\ndevice = \"X-TOUCH\"\n\n[[control]]\nparam = \"manual_arousal\"\nchannel = 3\ncc = 16\nrelative = \"sign_bit\"\nstep = 0.25\n\n[[note]]\nnote = 36\nchannel = 10\ncue = \"home_goal\"\n".to_string(),
    ];
    let mut dict: Vec<String> = [
        "[[control]]",
        "[[note]]",
        "cc = 7",
        "cc14 = 1",
        "nrpn = 1024",
        "relative = \"offset64\"",
        "step = 0.5",
        "channel = 16",
        "takeover = \"jump\"",
        "device = \"a\\u007Fb\"",
        "name = \"\\u202e\"",
        "cue = \"goal\"",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    dict.extend(ParamId::ids().map(|id| format!("param = \"{id}\"")));
    let dict: Vec<&str> = dict.iter().map(String::as_str).collect();
    let s = fuzz::run(
        "io_midi_map",
        Budget::from_env(1500),
        |r| fuzz::mutate_text(r, &seeds, &dict),
        |bytes| {
            let Ok(text) = std::str::from_utf8(bytes) else { return Ok(()) };
            match MidiMap::parse("fuzz.toml", text) {
                Ok(map) => {
                    let written = map.to_toml();
                    let back = MidiMap::parse("written.toml", &written)
                        .map_err(|e| format!("a map that parsed does not parse once written: {e}\n{written}"))?;
                    if back != map {
                        return Err(format!("map changed in a write/parse round trip:\n{map:?}\n{back:?}"));
                    }
                    Ok(())
                }
                Err(IoError::MidiMap { file, message, .. }) if file == "fuzz.toml" && !message.is_empty() => Ok(()),
                Err(e) => Err(format!("unexpected error: {e}")),
            }
        },
    );
    s.assert_clean();
}

#[test]
fn fuzz_midi_input_never_panics_and_sets_values_in_range() {
    let map = MidiMap::parse("generic.toml", include_str!("../../presets/midi/generic.toml")).unwrap();
    let s = fuzz::run(
        "io_midi_feed",
        Budget::from_env(3000),
        |r| {
            // A stream of messages: (length byte, message bytes), mostly well-formed CC,
            // NRPN and note messages with random numbers, some junk.
            let mut out = Vec::new();
            for _ in 0..=r.below(64) {
                let msg: Vec<u8> = match r.below(6) {
                    0 => vec![0xb0 | r.below(16) as u8, [99u8, 98, 6, 38, 96, 97, 101, 100][r.below(8)], r.next_u64() as u8 & 0x7f],
                    1 | 2 => vec![0xb0 | r.below(16) as u8, r.below(128) as u8, r.next_u64() as u8],
                    3 => vec![0x90 | r.below(16) as u8, r.below(128) as u8, r.below(128) as u8],
                    4 => (0..r.below(5)).map(|_| r.next_u64() as u8).collect(),
                    _ => vec![0xf0, 0x7e, 0x7f, 0x09, 0x01, 0xf7],
                };
                out.push(msg.len() as u8);
                out.extend(msg);
            }
            out
        },
        |bytes| {
            let mut mapper = MidiMapper::new(map.clone());
            let mut rest = bytes;
            let mut n = 0usize;
            while let Some((&len, tail)) = rest.split_first() {
                let len = usize::from(len).min(tail.len());
                let (msg, tail) = tail.split_at(len);
                rest = tail;
                n += 1;
                if n.is_multiple_of(7) {
                    mapper.learn(ParamId::ALL[n % ParamId::ALL.len()]);
                }
                for a in mapper.feed(msg) {
                    if let MidiAction::SetParam { id, value } = a {
                        let info = id.info();
                        if !(value.is_finite() && value >= info.min && value <= info.max) {
                            return Err(format!("MIDI set {} to {value}, outside {}..={}", info.id, info.min, info.max));
                        }
                    }
                }
            }
            // What learn made still writes and reads back.
            let written = mapper.map().to_toml();
            let back = MidiMap::parse("learned.toml", &written).map_err(|e| format!("learned map does not parse: {e}\n{written}"))?;
            if &back != mapper.map() {
                return Err(format!("learned map changed in a round trip:\n{written}"));
            }
            Ok(())
        },
    );
    s.assert_clean();
}
