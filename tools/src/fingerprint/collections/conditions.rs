//! The broadcast conditions a query excerpt is played under: real crowd noise, white and pink
//! noise at an SNR, commentary (espeak-ng speech over the music), a loudspeaker in a room
//! (impulse response, low-pass 4 kHz, MP3 or Opus at 64 kbit/s through `ffmpeg`), a speed
//! change and a pitch shift (`sox pitch`).

use std::path::{Path, PathBuf};
use std::process::Command;

use resonance_io::decode::resample;
use resonance_test_support::SplitMix64;

use super::super::synthesis::mix;
use super::material::RATE;

/// A query condition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cond {
    /// The excerpt as it is.
    Clean,
    /// Stadium crowd recordings of the test-audio set at this SNR (dB).
    Crowd(i32),
    /// White noise at this SNR (dB).
    White(i32),
    /// Pink noise at this SNR (dB).
    Pink(i32),
    /// espeak-ng commentary over the music at this SNR (dB, music to speech).
    Commentary(i32),
    /// Loudspeaker in a room: impulse response, low-pass 4 kHz, then MP3 (even queries) or
    /// Opus (odd) at 64 kbit/s.
    Room,
    /// Played at this speed (1.03 = 3 % fast: shorter and higher).
    Speed(f64),
    /// Pitch shifted by this many semitones, tempo kept (`sox pitch`).
    Pitch(i32),
}

impl Cond {
    /// The condition's name in the tables.
    pub fn name(self) -> String {
        match self {
            Cond::Clean => "clean".into(),
            Cond::Crowd(s) => format!("crowd {s} dB"),
            Cond::White(s) => format!("white {s} dB"),
            Cond::Pink(s) => format!("pink {s} dB"),
            Cond::Commentary(s) => format!("commentary {s} dB"),
            Cond::Room => "room+LP+64k codec".into(),
            Cond::Speed(s) => format!("speed {:+.0} %", (s - 1.0) * 100.0),
            Cond::Pitch(s) => format!("pitch {s:+} st"),
        }
    }
}

/// Every condition of the table, in its order.
pub const CONDS: [Cond; 12] = [
    Cond::Clean,
    Cond::Crowd(0),
    Cond::Crowd(-5),
    Cond::White(0),
    Cond::White(-5),
    Cond::Pink(0),
    Cond::Commentary(0),
    Cond::Room,
    Cond::Speed(1.03),
    Cond::Speed(0.97),
    Cond::Pitch(1),
    Cond::Pitch(-1),
];

/// The conditions negatives are also played under.
pub const NEG_CONDS: [Cond; 4] = [Cond::Clean, Cond::Crowd(0), Cond::White(0), Cond::Commentary(0)];

/// The noises and the scratch folder the conditions draw on.
#[derive(Debug)]
pub struct Noises {
    /// Crowd recordings at [`RATE`].
    pub crowd: Vec<Vec<f32>>,
    /// espeak-ng commentary, sentences with short pauses, at [`RATE`].
    pub speech: Vec<f32>,
    /// Scratch folder for `ffmpeg` and `sox`, holding the room's impulse response.
    pub tmp: PathBuf,
}

/// A synthetic small-room impulse response at [`RATE`]: the direct sound, four early
/// reflections and an exponentially decaying diffuse tail (RT60 0.35 s).
fn room_ir(rng: &mut SplitMix64) -> Vec<f32> {
    let n = (0.4 * f64::from(RATE)) as usize;
    let mut h = vec![0.0f32; n];
    h[0] = 1.0;
    for (ms, g) in [(6.0, 0.55), (11.0, 0.4), (17.0, 0.35), (29.0, 0.25)] {
        h[(ms * 1e-3 * f64::from(RATE)) as usize] += g;
    }
    let tau = 0.35 / 6.91;
    for (i, v) in h.iter_mut().enumerate().skip((0.005 * f64::from(RATE)) as usize) {
        let t = i as f64 / f64::from(RATE);
        *v += (0.12 * rng.gauss() * (-t / tau).exp()) as f32;
    }
    h
}

fn write_wav(path: &Path, x: &[f32]) {
    let spec = hound::WavSpec { channels: 1, sample_rate: RATE, bits_per_sample: 32, sample_format: hound::SampleFormat::Float };
    let mut w = hound::WavWriter::create(path, spec).expect("write scratch wav");
    for &s in x {
        w.write_sample(s).expect("write scratch wav");
    }
    w.finalize().expect("write scratch wav");
}

/// Runs `cmd`, which writes raw mono f32 at [`RATE`] to its stdout.
fn raw_f32(cmd: &mut Command, what: &str) -> Vec<f32> {
    let out = cmd.output().unwrap_or_else(|e| panic!("run {what}: {e} (install the Debian package {what})"));
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

impl Noises {
    /// Crowd recordings (44.1 kHz mono) and speech clips, both resampled to [`RATE`]; the
    /// room's impulse response is written to `tmp/room-ir.wav`.
    pub fn new(crowd: &[Vec<f32>], speech: &[Vec<f32>], from_rate: u32, tmp: PathBuf) -> Self {
        std::fs::create_dir_all(&tmp).expect("create scratch folder");
        let crowd = crowd.iter().map(|c| resample(c, from_rate, RATE).expect("resample crowd")).collect();
        let pause = vec![0.0f32; (0.3 * f64::from(RATE)) as usize];
        let mut all = Vec::new();
        for s in speech {
            all.extend(resample(s, from_rate, RATE).expect("resample speech"));
            all.extend_from_slice(&pause);
        }
        let mut rng = SplitMix64(0x0a11_2300);
        write_wav(&tmp.join("room-ir.wav"), &room_ir(&mut rng));
        Noises { crowd, speech: all, tmp }
    }

    /// `x` under `cond`, cut to `len` samples; `seed` picks the noise segment.
    pub fn apply(&self, x: &[f32], cond: Cond, len: usize, seed: u64) -> Vec<f32> {
        let mut rng = SplitMix64(seed);
        let head = &x[..len.min(x.len())];
        match cond {
            Cond::Clean => head.to_vec(),
            Cond::Crowd(snr) => {
                let c = &self.crowd[rng.below(self.crowd.len())];
                let s = rng.below(c.len().saturating_sub(len).max(1));
                mix(head, &c[s..(s + len).min(c.len())], f64::from(snr))
            }
            Cond::White(snr) => {
                let n: Vec<f32> = (0..len).map(|_| rng.gauss() as f32).collect();
                mix(head, &n, f64::from(snr))
            }
            Cond::Pink(snr) => mix(head, &pink(len, &mut rng), f64::from(snr)),
            Cond::Commentary(snr) => {
                let s = rng.below(self.speech.len().saturating_sub(len).max(1));
                mix(head, &self.speech[s..(s + len).min(self.speech.len())], f64::from(snr))
            }
            Cond::Room => self.room(head, seed),
            Cond::Speed(s) => {
                // Played at speed s: the samples of rate RATE*s presented at RATE.
                let mut y = resample(x, (f64::from(RATE) * s).round() as u32, RATE).expect("resample");
                y.truncate(len);
                y
            }
            Cond::Pitch(st) => self.pitch(head, st, seed),
        }
    }

    fn room(&self, x: &[f32], seed: u64) -> Vec<f32> {
        let input = self.tmp.join(format!("room-{seed}.wav"));
        write_wav(&input, x);
        let (codec, ext, rate) = if seed.is_multiple_of(2) { ("libmp3lame", "mp3", "44100") } else { ("libopus", "ogg", "48000") };
        let coded = self.tmp.join(format!("room-{seed}.{ext}"));
        let filter = format!("[0:a][1:a]afir[r];[r]lowpass=f=4000,aresample={rate},aformat=channel_layouts=mono[o]");
        let ok = Command::new("ffmpeg")
            .args(["-v", "error", "-y", "-i"])
            .arg(&input)
            .arg("-i")
            .arg(self.tmp.join("room-ir.wav"))
            .args(["-filter_complex", &filter, "-map", "[o]", "-c:a", codec, "-b:a", "64k"])
            .arg(&coded)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "ffmpeg failed to play a query through the room (install the Debian package ffmpeg)");
        let y = raw_f32(
            Command::new("ffmpeg").args(["-v", "error", "-i"]).arg(&coded).args(["-ac", "1", "-ar", &RATE.to_string(), "-f", "f32le", "-"]),
            "ffmpeg",
        );
        let _ = std::fs::remove_file(&input);
        let _ = std::fs::remove_file(&coded);
        y
    }

    fn pitch(&self, x: &[f32], semitones: i32, seed: u64) -> Vec<f32> {
        let input = self.tmp.join(format!("pitch-{seed}.wav"));
        write_wav(&input, x);
        let y = raw_f32(
            Command::new("sox").arg("-q").arg(&input).args([
                "-t",
                "raw",
                "-e",
                "floating-point",
                "-b",
                "32",
                "-c",
                "1",
                "-r",
                &RATE.to_string(),
                "-",
                "pitch",
                &(semitones * 100).to_string(),
            ]),
            "sox",
        );
        let _ = std::fs::remove_file(&input);
        y
    }
}

/// Pink noise (Paul Kellet's refined filter of white noise).
fn pink(n: usize, rng: &mut SplitMix64) -> Vec<f32> {
    let mut b = [0.0f64; 7];
    (0..n)
        .map(|_| {
            let w = rng.gauss();
            b[0] = 0.99886 * b[0] + w * 0.0555179;
            b[1] = 0.99332 * b[1] + w * 0.0750759;
            b[2] = 0.96900 * b[2] + w * 0.1538520;
            b[3] = 0.86650 * b[3] + w * 0.3104856;
            b[4] = 0.55000 * b[4] + w * 0.5329522;
            b[5] = -0.7616 * b[5] - w * 0.0168980;
            let y = b[..6].iter().sum::<f64>() + b[6] + w * 0.5362;
            b[6] = w * 0.115926;
            y as f32
        })
        .collect()
}
